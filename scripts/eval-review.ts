/**
 * Counter-message review evaluation on project-written labelled drafts (en, ru, tg incl. keyboard-
 * folded Tajik, uz). The word lists and rules were tuned on packages/detect/eval/review-dev.jsonl
 * only; review-test.jsonl was written before the first run on it and is never used for tuning.
 *
 *   node --import tsx scripts/eval-review.ts            # both sets
 */
import { type ReviewScore, readReviewSet, scoreReview } from '@ogoh/detect';

function print(name: string, s: ReviewScore): void {
  console.log(
    `\n${name}: n=${s.n}  precision ${s.precision.toFixed(2)}  recall ${s.recall.toFixed(2)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}, tn ${s.tn})`,
  );
  console.log('| set | drafts | flagged |\n|---|---:|---:|');
  for (const [k, v] of Object.entries(s.bySet)) console.log(`| ${k} | ${v.n} | ${v.flagged} |`);
  console.log(
    '| lang | stigmatising caught | missed | ordinary flagged | ordinary passed |\n|---|---:|---:|---:|---:|',
  );
  for (const [k, v] of Object.entries(s.byLang))
    console.log(`| ${k} | ${v.tp} | ${v.fn} | ${v.fp} | ${v.tn} |`);
  for (const e of s.errors)
    console.log(
      `  ${e.expected ? 'missed' : 'false positive'} ${e.id}: ${e.text}${e.found.length ? `  [${e.found.join('; ')}]` : ''}`,
    );
}

for (const split of ['dev', 'test'])
  print(
    split,
    scoreReview(
      readReviewSet(new URL(`../packages/detect/eval/review-${split}.jsonl`, import.meta.url).pathname),
    ),
  );

// A larger control: the benign set of the narrative evaluation (written by another author for a
// different purpose, never used to tune the review): ordinary religious, diaspora, Pamiri and news
// posts. None of them should be flagged.
{
  const { readFileSync } = await import('node:fs');
  const { reviewMessage } = await import('@ogoh/detect');
  const rows = readFileSync(new URL('../packages/detect/eval/benign.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; topic: string; text: string });
  const by: Record<string, { n: number; flagged: number }> = {};
  const hits: string[] = [];
  for (const r of rows) {
    const b = by[r.topic] ?? { n: 0, flagged: 0 };
    by[r.topic] = b;
    b.n++;
    const f = reviewMessage(r.text).findings;
    if (f.length) {
      b.flagged++;
      hits.push(`  ${r.id} [${f.map((x) => x.text).join('; ')}] ${r.text.slice(0, 120)}`);
    }
  }
  const total = Object.values(by).reduce((a, b) => a + b.flagged, 0);
  console.log(`\nbenign control (packages/detect/eval/benign.jsonl): ${total} of ${rows.length} flagged`);
  console.log('| topic | posts | flagged |\n|---|---:|---:|');
  for (const [k, v] of Object.entries(by)) console.log(`| ${k} | ${v.n} | ${v.flagged} |`);
  for (const h of hits) console.log(h);
}
