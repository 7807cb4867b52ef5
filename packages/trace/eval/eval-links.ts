/**
 * Held-out evaluation of cross-language story links (links.jsonl, written by the project after the
 * thresholds were tuned on the demo corpus and never used to tune them): translation pairs
 * ru>tg, tg>ru, ru>uz (Latin and Cyrillic), ru>en, hard negatives (the same kind of event with
 * other places, dates or figures, often reusing a positive's text against another source) and
 * distractors that share only everyday names.
 *
 *   node --import tsx packages/trace/eval/eval-links.ts [--json]
 *
 * Two measures:
 * - pair decisions: does (a, b) pass as a link, with document frequencies from the whole set?
 *   precision = linked positives / all linked pairs, recall = linked positives / positives;
 * - retrieval: each positive's b against every a-side and distractor indexed, as the analysis
 *   stage runs; correct when the chosen item is its a.
 */
import { readFileSync } from 'node:fs';
import { AnchorIndex, DEFAULT_LINK_THRESHOLDS, decideLink, extractAnchors } from '@ogoh/trace';

interface Side {
  lang: string;
  text: string;
  published: string;
}
interface Row {
  id: string;
  label: 'translation' | 'negative' | 'distractor';
  pair?: string;
  note?: string;
  a: Side;
  b?: Side;
}

export interface LinkEval {
  pairs: {
    positives: number;
    negatives: number;
    tp: number;
    fp: number;
    fn: number;
    precision: number;
    recall: number;
  };
  byPair: Record<string, { tp: number; fn: number; fp: number; n: number }>;
  retrieval: { correct: number; wrong: number; none: number; total: number; recall: number };
  misses: string[];
  falseLinks: string[];
}

const script = (t: string) => (/[\u0400-\u04ff]/.test(t) ? 'Cyrl' : 'Latn');
const langOf = (s: Side) => (s.lang === 'uz' ? `uz-${script(s.text)}` : s.lang);

export function evaluateLinks(path = new URL('./links.jsonl', import.meta.url).pathname): LinkEval {
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as Row;
      } catch {
        throw new Error(`${path}:${i + 1}: not a JSON line`);
      }
    });
  const idx = new AnchorIndex();
  const doc = (id: string, s: Side) => {
    const a = extractAnchors({ text: s.text });
    return {
      itemId: id,
      lang: langOf(s),
      published: Date.parse(s.published),
      keys: a.keys,
      surface: a.surface,
    };
  };
  // every text counts for document frequencies; only a-sides and distractors are retrievable
  const df = new AnchorIndex();
  for (const r of rows) {
    const a = doc(`${r.id}:a`, r.a);
    idx.add(a);
    df.add(a);
    if (r.b) df.add(doc(`${r.id}:b`, r.b));
  }
  const out: LinkEval = {
    pairs: { positives: 0, negatives: 0, tp: 0, fp: 0, fn: 0, precision: 0, recall: 0 },
    byPair: {},
    retrieval: { correct: 0, wrong: 0, none: 0, total: 0, recall: 0 },
    misses: [],
    falseLinks: [],
  };
  for (const r of rows) {
    if (!r.b || r.label === 'distractor') continue;
    const a = doc(`${r.id}:a`, r.a);
    const b = doc(`${r.id}:b`, r.b);
    const d = decideLink(b, [a], df);
    const bp = out.byPair[r.pair ?? '?'] ?? { tp: 0, fn: 0, fp: 0, n: 0 };
    bp.n++;
    if (r.label === 'translation') {
      out.pairs.positives++;
      if (d) {
        out.pairs.tp++;
        bp.tp++;
      } else {
        out.pairs.fn++;
        bp.fn++;
        out.misses.push(`${r.id} ${r.pair}: ${r.b.text.slice(0, 70)}`);
      }
      out.retrieval.total++;
      const got = decideLink(b, idx.candidates(b.keys, { excludeItemId: b.itemId }), df);
      if (!got) out.retrieval.none++;
      else if (got.itemId === a.itemId) out.retrieval.correct++;
      else out.retrieval.wrong++;
    } else {
      out.pairs.negatives++;
      if (d) {
        out.pairs.fp++;
        bp.fp++;
        out.falseLinks.push(`${r.id} ${r.pair} (${r.note}): score ${d.score}`);
      }
    }
    out.byPair[r.pair ?? '?'] = bp;
  }
  const p = out.pairs;
  p.precision = Math.round((p.tp / Math.max(1, p.tp + p.fp)) * 1000) / 1000;
  p.recall = Math.round((p.tp / Math.max(1, p.positives)) * 1000) / 1000;
  out.retrieval.recall = Math.round((out.retrieval.correct / Math.max(1, out.retrieval.total)) * 1000) / 1000;
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = evaluateLinks();
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else
    process.stdout.write(
      [
        `thresholds: ${JSON.stringify(DEFAULT_LINK_THRESHOLDS)}`,
        `pairs: ${r.pairs.positives} translations, ${r.pairs.negatives} hard negatives`,
        `  precision ${r.pairs.precision}  recall ${r.pairs.recall}  (tp ${r.pairs.tp}, fp ${r.pairs.fp}, fn ${r.pairs.fn})`,
        ...Object.entries(r.byPair)
          .sort()
          .map(([k, v]) => `  ${k.padEnd(6)} n ${v.n}  linked ${v.tp}  missed ${v.fn}  false ${v.fp}`),
        `retrieval among all texts: ${r.retrieval.correct}/${r.retrieval.total} correct (recall ${r.retrieval.recall}), ${r.retrieval.wrong} wrong, ${r.retrieval.none} none`,
        r.misses.length ? `missed:\n  ${r.misses.join('\n  ')}` : 'missed: none',
        r.falseLinks.length ? `false links:\n  ${r.falseLinks.join('\n  ')}` : 'false links: none',
        '',
      ].join('\n'),
    );
}
