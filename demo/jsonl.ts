/**
 * Benchmark corpora: the demo's templates streamed as JSONL lines
 * `{"id","source","published","url","title","text","lang"}` — 1k to 1M items in constant memory,
 * with about 7% planted near-duplicates (small edits or verbatim copies of a recent item). Times
 * rise monotonically through the window so the stream is in publication order.
 */
import { createWriteStream } from 'node:fs';
import { OgohError } from '@ogoh/core';
import { editText, foldRendered, hasLang, type OutLang, randomPicks, renderVariant } from './render.ts';
import { createRng } from './rng.ts';
import { SOURCES } from './sources.ts';
import { ALL_TOPICS } from './templates/index.ts';
import type { Topic } from './templates/types.ts';
import { isoUtc } from './text.ts';

export interface JsonlOptions {
  items: number;
  /** @default 7 */
  seed?: number;
  /** share of near-duplicates @default 0.07 */
  dupRate?: number;
  /** add `"dupOf": id` to planted near-duplicates (ground truth for dedup benchmarks) @default false */
  truth?: boolean;
}

const LANG: Record<OutLang, string> = {
  tg: 'tg',
  ru: 'ru',
  en: 'en',
  'uz-Latn': 'uz',
  'uz-Cyrl': 'uz',
  fa: 'fa',
};
const START = Date.parse('2026-09-20T00:00:00+05:00');
const SPAN = 62 * 86_400_000;
const RING = 512;

/** Topic lists per output language, precomputed so each item costs a pick, not a filter. */
function topicsByLang(): Map<OutLang, Array<{ topic: Topic; variants: number[] }>> {
  const m = new Map<OutLang, Array<{ topic: Topic; variants: number[] }>>();
  for (const out of ['tg', 'ru', 'en', 'uz-Latn', 'uz-Cyrl', 'fa'] as OutLang[]) {
    const list: Array<{ topic: Topic; variants: number[] }> = [];
    for (const topic of ALL_TOPICS) {
      const variants = topic.variants.map((_, i) => i).filter((i) => hasLang(topic, i, out));
      // narrative topics are rarer than ordinary news, as in the demo
      if (variants.length)
        for (let k = topic.kind === 'narrative' ? 1 : 3; k > 0; k--) list.push({ topic, variants });
    }
    m.set(out, list);
  }
  return m;
}

/** The lines, one by one (synchronous; constant memory). */
export function* jsonlLines(options: JsonlOptions): Generator<string> {
  const items = options.items;
  if (!Number.isInteger(items) || items < 1)
    throw new OgohError('USAGE', `items must be a positive integer, got ${items}`, { field: 'items' });
  const seed = options.seed ?? 7;
  const dupRate = options.dupRate ?? 0.07;
  const r = createRng(seed ^ 0x5eed);
  const sources = SOURCES.filter((s) => s.platform !== 'file');
  const weights = sources.map((s) => Math.max(s.weight, 1));
  const byLang = topicsByLang();
  type Rec = {
    id: string;
    source: string;
    title: string;
    text: string;
    lang: string;
    out: OutLang;
    url: string;
    dupOf?: string;
  };
  const ring: Rec[] = [];
  for (let i = 0; i < items; i++) {
    const at = START + Math.floor(((i + r.next()) / items) * SPAN);
    const id = `b${seed}-${i}`;
    let rec: Rec;
    if (ring.length > 16 && r.chance(dupRate)) {
      const orig = ring[r.int(0, ring.length - 1)]!;
      const other = r.weighted(sources, weights);
      rec = {
        ...orig,
        id,
        dupOf: orig.dupOf ?? orig.id,
        source: other.id,
        url: `${other.url ?? 'https://t.me/'}a/${i}`,
        text: r.chance(0.3) ? orig.text : editText(orig.text, orig.out, r),
      };
    } else {
      const src = r.weighted(sources, weights);
      const out = r.weighted(
        src.langs.map(([l]) => l),
        src.langs.map(([, w]) => w),
      );
      const choice = r.pick(byLang.get(out)!);
      const variant = r.pick(choice.variants);
      const t = choice.topic.variants[variant]![out === 'uz-Latn' || out === 'uz-Cyrl' ? 'uz' : out]!;
      let rd = renderVariant(choice.topic, variant, choice.topic.facts(r, { at }), out, randomPicks(t, r));
      if (out === 'tg' && r.chance(src.folded)) rd = foldRendered(rd);
      rec = {
        id,
        source: src.id,
        title: rd.title,
        text: rd.sentences.join(' '),
        lang: LANG[out],
        out,
        url: `${src.url ?? 'https://t.me/'}a/${i}`,
      };
    }
    if (ring.length < RING) ring.push(rec);
    else ring[i % RING] = rec;
    const line = {
      id,
      source: rec.source,
      published: isoUtc(at),
      url: rec.url,
      title: rec.title,
      text: rec.text,
      lang: rec.lang,
    };
    yield JSON.stringify(options.truth && rec.dupOf ? { ...line, dupOf: rec.dupOf } : line);
  }
}

/** The lines as an async iterable, for consumers that pipe. */
export async function* generateJsonl(options: JsonlOptions): AsyncIterable<string> {
  yield* jsonlLines(options);
}

/** Streams the lines to a file with back-pressure; returns counts and elapsed time. */
export async function writeJsonl(
  file: string,
  options: JsonlOptions,
): Promise<{ items: number; bytes: number; ms: number }> {
  const t0 = performance.now();
  const ws = createWriteStream(file);
  let batch: string[] = [];
  let bytes = 0;
  let n = 0;
  const flush = async () => {
    if (!batch.length) return;
    const chunk = `${batch.join('\n')}\n`;
    batch = [];
    bytes += Buffer.byteLength(chunk);
    if (!ws.write(chunk)) await new Promise<void>((res) => ws.once('drain', () => res()));
  };
  for (const line of jsonlLines(options)) {
    batch.push(line);
    n++;
    if (batch.length === 2000) await flush();
  }
  await flush();
  await new Promise<void>((res, rej) => ws.end((err?: Error | null) => (err ? rej(err) : res())));
  return { items: n, bytes, ms: Math.round(performance.now() - t0) };
}
