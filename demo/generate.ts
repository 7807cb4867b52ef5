/**
 * Ogoh's demo corpus: a seeded, fictional but realistic set of feeds, Telegram exports and CSV
 * files in Tajik (much of it typed on a Russian keyboard), Russian, Uzbek (Latin and Cyrillic),
 * English and Persian script, with a manifest of every planted phenomenon.
 *
 * @example
 *   node --import tsx demo/generate.ts --out /tmp/ogoh-demo            # seed 7, 1,600 items
 *   node --import tsx demo/generate.ts --out /tmp/d --items 5000 --seed 3
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OgohError } from '@ogoh/core';
import { buildCorpus } from './corpus.ts';
import { buildManifest, type DemoManifest } from './manifest.ts';
import { claimReviewDocument } from './templates/factchecks.ts';

/** Where the corpus keeps its fact-checks (`ogoh claims import` reads it; `ogoh demo` does). */
export const DEMO_FACT_CHECK_FILE = 'factchecks/claimreview.json';

import { type DemoFile, writeFiles } from './writers.ts';

export { generateJsonl, jsonlLines, writeJsonl } from './jsonl.ts';
export type { DemoManifest, ItemKey, ManifestItem } from './manifest.ts';
export { CONVERGENCE_PAIRS, NARRATIVE_IDS } from './narratives.ts';
export type { DemoFile } from './writers.ts';

export interface DemoOptions {
  /** @default 7 */
  seed?: number;
  /** content items to generate at least (planted phenomena may add a few more) @default 1600 */
  items?: number;
  /** length of the window in days @default 62 */
  days?: number;
  /** first day (ISO date or date-time; a bare date is midnight in Dushanbe, UTC+5) @default 62 days before 2026-11-21 */
  start?: string;
}

export interface DemoCorpus {
  files: DemoFile[];
  manifest: DemoManifest;
}

export const DEMO_DEFAULTS = { seed: 7, items: 1600, days: 62, end: '2026-11-21T00:00:00+05:00' } as const;

function checkInt(name: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max)
    throw new OgohError('USAGE', `${name} must be an integer from ${min} to ${max}, got ${v}`, {
      field: name,
    });
  return v;
}

/** Resolves options to a window and validates them; bad values raise a USAGE error naming the field. */
export function resolveOptions(o: DemoOptions = {}): {
  seed: number;
  items: number;
  start: number;
  end: number;
} {
  const seed = checkInt('seed', o.seed ?? DEMO_DEFAULTS.seed, 0, 2 ** 32 - 1);
  const items = checkInt('items', o.items ?? DEMO_DEFAULTS.items, 1, 200_000);
  const days = checkInt('days', o.days ?? DEMO_DEFAULTS.days, 7, 3650);
  let start: number;
  if (o.start === undefined) start = Date.parse(DEMO_DEFAULTS.end) - days * 86_400_000;
  else {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(o.start) ? `${o.start}T00:00:00+05:00` : o.start;
    start = Date.parse(iso);
    if (Number.isNaN(start))
      throw new OgohError('USAGE', `start must be an ISO date like 2026-09-20, got "${o.start}"`, {
        field: 'start',
      });
  }
  return { seed, items, start, end: start + days * 86_400_000 };
}

/** Builds the demo corpus in memory: the files and the ground-truth manifest. Deterministic per seed. */
export function generateDemo(options: DemoOptions = {}): DemoCorpus {
  const o = resolveOptions(options);
  const corpus = buildCorpus(o);
  const files = writeFiles(corpus.items, o.end);
  const manifest = buildManifest(corpus, o.seed, o.items);
  // the demo fact-checking desk's reviews of claims the narratives repeat (ClaimReview JSON-LD)
  files.push({
    path: DEMO_FACT_CHECK_FILE,
    content: claimReviewDocument(new Date(o.start)),
    source: '',
    format: 'json',
  });
  files.push({
    path: 'manifest.json',
    content: `${JSON.stringify(manifest, null, 1)}\n`,
    source: '',
    format: 'json',
  });
  return { files, manifest };
}

/** Generates the corpus and writes its files under `dir`; returns the corpus. */
export function writeDemo(dir: string, options: DemoOptions = {}): DemoCorpus {
  const corpus = generateDemo(options);
  for (const f of corpus.files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  return corpus;
}

const USAGE =
  'usage: node --import tsx demo/generate.ts --out DIR [--items N] [--seed S] [--days D] [--start YYYY-MM-DD]';

function main(argv: string[]): number {
  let args: ReturnType<typeof parseArgs>['values'];
  try {
    args = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        items: { type: 'string' },
        seed: { type: 'string' },
        days: { type: 'string' },
        start: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.error(USAGE);
    return 0;
  }
  if (typeof args.out !== 'string') {
    console.error(`--out DIR is required\n${USAGE}`);
    return 2;
  }
  const num = (v: unknown) => (typeof v === 'string' ? Number(v) : undefined);
  const opts: DemoOptions = {};
  const items = num(args.items);
  const seed = num(args.seed);
  const days = num(args.days);
  if (items !== undefined) opts.items = items;
  if (seed !== undefined) opts.seed = seed;
  if (days !== undefined) opts.days = days;
  if (typeof args.start === 'string') opts.start = args.start;
  try {
    const t0 = performance.now();
    const dir = resolve(args.out);
    const { manifest, files } = writeDemo(dir, opts);
    const c = manifest.counts;
    console.error(
      `wrote ${files.length} files to ${dir}: ${c.items} items over ${manifest.generator.days} days ` +
        `(tg ${c.byLang.tg}, of which folded ${c.foldedTajik}; ru ${c.byLang.ru}; uz ${c.byLang.uz}; en ${c.byLang.en}; fa ${c.byLang.fa}) ` +
        `in ${Math.round(performance.now() - t0)} ms`,
    );
    return 0;
  } catch (e) {
    if (e instanceof OgohError) {
      console.error(`${e.message}${e.field ? ` (option --${e.field})` : ''}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = main(process.argv.slice(2));
}
