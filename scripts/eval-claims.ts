/**
 * Claim-matching evaluation on CLEF-2020 CheckThat! task 2 (tweets → previously fact-checked Snopes
 * claims, English): MAP@5 of Ogoh's matcher beside plain BM25 measured in the same run.
 *
 *   node --import tsx scripts/eval-claims.ts               # report train and dev
 *   node --import tsx scripts/eval-claims.ts --tune        # fit the re-ranker on TRAIN only, print PARAMS
 *   node --import tsx scripts/eval-claims.ts --docs        # … and write the table into docs/EVALUATION.md
 *
 * Data: $OGOH_SHARED/data/checkthat2020-task2-claim-retrieval (see its PROVENANCE.md); read at run
 * time, never copied. Tuning sees only train queries; dev is reported, never tuned on.
 * Plain BM25 is the organisers'-style baseline: lower-cased alphanumeric tokens, k1 1.2, b 0.75,
 * claim + title indexed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import {
  type Candidate,
  ClaimIndex,
  type ClaimParams,
  PARAMS,
  rank,
} from '../packages/detect/src/claims/claim-index.ts';
import { FEATURES, N_FEATURES } from '../packages/detect/src/claims/features.ts';
import { FieldBuilder } from '../packages/detect/src/claims/postings.ts';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const tune = args.includes('--tune');
const writeDocs = args.includes('--docs');
const dataDir = join(process.env.OGOH_SHARED ?? '/work/shared', 'data/checkthat2020-task2-claim-retrieval');

/** Quote-aware TSV (claims hold quoted newlines and doubled quotes). */
function readTsv(file: string): string[][] {
  const s = readFileSync(file, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === '\t') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

interface Query {
  id: string;
  text: string;
  relevant: Set<string>;
}

function loadSplit(split: 'train' | 'dev'): Query[] {
  const rel = new Map<string, Set<string>>();
  for (const line of readFileSync(join(dataDir, split, 'tweet-vclaim-pairs.qrels'), 'utf8').split('\n')) {
    const [q, , d, r] = line.trim().split(/\s+/);
    if (!q || !d || r !== '1') continue;
    if (!rel.has(q)) rel.set(q, new Set());
    rel.get(q)!.add(d);
  }
  return readTsv(join(dataDir, split, 'tweets.queries.tsv'))
    .slice(1)
    .filter((r) => r.length >= 2 && rel.has(r[0]!))
    .map((r) => ({ id: r[0]!, text: r[1]!, relevant: rel.get(r[0]!)! }));
}

/** CheckThat's AP@k: precision at each relevant hit in the top k, over the number of relevant. */
function apAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  let hits = 0;
  let sum = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    if (relevant.has(ranked[i]!)) {
      hits++;
      sum += hits / (i + 1);
    }
  }
  return relevant.size > 0 ? sum / relevant.size : 0;
}

interface Metrics {
  map5: number;
  mrr: number;
  p1: number;
  s10: number;
}

function metrics(rankings: readonly string[][], queries: readonly Query[]): Metrics {
  let map5 = 0;
  let mrr = 0;
  let p1 = 0;
  let s10 = 0;
  queries.forEach((q, i) => {
    const r = rankings[i]!;
    map5 += apAt(r, q.relevant, 5);
    const first = r.findIndex((id) => q.relevant.has(id));
    if (first >= 0) mrr += 1 / (first + 1);
    if (first === 0) p1++;
    if (first >= 0 && first < 10) s10++;
  });
  const n = queries.length;
  return { map5: map5 / n, mrr: mrr / n, p1: p1 / n, s10: s10 / n };
}

// ---- plain BM25 baseline -------------------------------------------------------------------------

function plainTokens(s: string): string[] {
  return s.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

function plainBm25(docs: { id: string; text: string }[]): (q: string) => string[] {
  const b = new FieldBuilder();
  for (const d of docs) b.add(plainTokens(d.text));
  const f = b.build();
  return (q) => {
    const acc = new Float32Array(docs.length);
    f.score(new Set(plainTokens(q)), { k1: 1.2, b: 0.75 }, acc, 1, docs.length);
    return Array.from(acc.keys())
      .filter((i) => acc[i]! > 0)
      .sort((x, y) => acc[y]! - acc[x]! || x - y)
      .slice(0, 10)
      .map((i) => docs[i]!.id);
  };
}

// ---- tuning --------------------------------------------------------------------------------------

/** Candidates of each query with the relevance of each; queries whose answer was not fetched stay. */
interface Pool {
  cands: Candidate[][];
  queries: Query[];
}

function mapOf(pool: Pool, weights: readonly number[]): number {
  let sum = 0;
  const p: ClaimParams = { ...PARAMS, weights: [...weights] };
  pool.cands.forEach((c, i) => {
    sum += apAt(
      rank(c, p, 5).map((m) => m.id),
      pool.queries[i]!.relevant,
      5,
    );
  });
  return sum / pool.queries.length;
}

/**
 * Every feature is a similarity except numbersConflict: more shared words, names or numbers must
 * never lower a claim's score. English-only training data would otherwise learn negative weights
 * for collinear features that carry the cross-language signal (cognates, entities, grams).
 */
function monotone(w: number[]): number[] {
  return w.map((x, f) => (FEATURES[f] === 'numbersConflict' ? Math.min(0, x) : Math.max(0, x)));
}

/** Coordinate ascent on MAP@5 (RankLib's method): one weight at a time over a step grid, repeated. */
function coordinateAscent(pool: Pool, start: readonly number[]): number[] {
  const w = [...start];
  let best = mapOf(pool, w);
  const steps = [-2, -1, -0.5, -0.25, -0.1, -0.05, 0.05, 0.1, 0.25, 0.5, 1, 2];
  for (let round = 0; round < 4; round++) {
    let improved = false;
    for (let f = 0; f < N_FEATURES; f++) {
      if (FEATURES[f] === 'dense') continue;
      for (const s of steps) {
        const trial = [...w];
        trial[f] = Math.round((trial[f]! + s) * 1000) / 1000;
        if (monotone(trial)[f] !== trial[f]) continue;
        const m = mapOf(pool, trial);
        if (m > best + 1e-9) {
          best = m;
          w.splice(0, w.length, ...trial);
          improved = true;
        }
      }
    }
    process.stderr.write(`  round ${round + 1}: train MAP@5 ${best.toFixed(4)}\n`);
    if (!improved) break;
  }
  return w;
}

/**
 * Pairwise logistic regression (a linear RankNet): for each train query whose answer was fetched,
 * every (answer, other candidate) pair should score the answer higher. L2 keeps weights small.
 */
function pairwise(pool: Pool, l2 = 1e-3, epochs = 300): number[] {
  const diffs: Float32Array[] = [];
  pool.cands.forEach((cands, i) => {
    const rel = cands.filter((c) => pool.queries[i]!.relevant.has(c.id));
    if (rel.length === 0) return;
    for (const r of rel)
      for (const c of cands) {
        if (pool.queries[i]!.relevant.has(c.id)) continue;
        const d = new Float32Array(N_FEATURES);
        for (let f = 0; f < N_FEATURES; f++) d[f] = r.features[f]! - c.features[f]!;
        diffs.push(d);
      }
  });
  const w = new Float64Array(N_FEATURES);
  const rate = 0.5;
  for (let e = 0; e < epochs; e++) {
    const g = new Float64Array(N_FEATURES);
    for (const d of diffs) {
      let z = 0;
      for (let f = 0; f < N_FEATURES; f++) z += w[f]! * d[f]!;
      const p = 1 / (1 + Math.exp(z));
      for (let f = 0; f < N_FEATURES; f++) g[f]! -= p * d[f]!;
    }
    for (let f = 0; f < N_FEATURES; f++) w[f]! -= rate * (g[f]! / diffs.length + l2 * w[f]!);
    w.set(monotone(Array.from(w)));
  }
  return Array.from(w, (x, f) => (FEATURES[f] === 'dense' ? 0 : Math.round(x * 1000) / 1000));
}

/** Platt scaling on the top-ranked candidate of each train query: is it the relevant claim? */
function calibrate(pool: Pool, weights: readonly number[]): { a: number; c: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  pool.cands.forEach((cands, i) => {
    const scored = cands
      .map((c) => ({ id: c.id, v: c.features.reduce((s, x, j) => s + x * (weights[j] ?? 0), 0) }))
      .sort((a, b) => b.v - a.v)
      .slice(0, 5);
    for (const s of scored) {
      xs.push(s.v);
      ys.push(pool.queries[i]!.relevant.has(s.id) ? 1 : 0);
    }
  });
  let a = 1;
  let c = 0;
  for (let it = 0; it < 3000; it++) {
    let ga = 0;
    let gc = 0;
    for (let i = 0; i < xs.length; i++) {
      const p = 1 / (1 + Math.exp(-(a * xs[i]! + c)));
      ga += (p - ys[i]!) * xs[i]!;
      gc += p - ys[i]!;
    }
    a -= (0.5 * ga) / xs.length;
    c -= (0.5 * gc) / xs.length;
  }
  return { a: Math.round(a * 1000) / 1000, c: Math.round(c * 1000) / 1000 };
}

// ---- run -----------------------------------------------------------------------------------------

if (!existsSync(dataDir)) {
  console.error(`no data at ${dataDir} (set OGOH_SHARED)`);
  process.exit(2);
}
const claimRows = readTsv(join(dataDir, 'verified_claims.docs.tsv')).slice(1);
const docs = claimRows
  .filter((r) => r.length >= 3 && r[0] !== '')
  .map((r) => ({ id: r[0]!, text: r[1]!, title: r[2]!, lang: 'en' }));
const splits = { train: loadSplit('train'), dev: loadSplit('dev') };

let t0 = performance.now();
const index = ClaimIndex.build(docs);
const buildMs = performance.now() - t0;
const baseline = plainBm25(docs.map((d) => ({ id: d.id, text: `${d.text} ${d.title}` })));

function pool(queries: Query[]): Pool {
  return { queries, cands: queries.map((q) => index.candidates(q.text, 'en')) };
}

if (tune) {
  process.stderr.write('tuning on train queries only\n');
  const trainPool = pool(splits.train);
  const start = pairwise(trainPool);
  process.stderr.write(`  pairwise logistic: train MAP@5 ${mapOf(trainPool, start).toFixed(4)}\n`);
  const weights = coordinateAscent(trainPool, start);
  const calibration = calibrate(trainPool, weights);
  console.log(
    JSON.stringify(
      {
        weights: Object.fromEntries(FEATURES.map((f, i) => [f, weights[i]])),
        weightArray: weights,
        calibration,
      },
      null,
      2,
    ),
  );
  index.params = { ...PARAMS, weights, calibration };
}

const rows: string[] = [];
const results: Record<
  string,
  { ogoh: Metrics; bm25: Metrics; words: Metrics; recall: number; msPerQuery: number }
> = {};
for (const split of ['train', 'dev'] as const) {
  const qs = splits[split];
  t0 = performance.now();
  const ours = qs.map((q) => index.match(q.text, { k: 10, lang: 'en' }).map((m) => m.id));
  const ms = (performance.now() - t0) / qs.length;
  const cands = qs.map((q) => index.candidates(q.text, 'en').map((c) => c.id));
  const recall = cands.filter((c, i) => c.some((id) => qs[i]!.relevant.has(id))).length / qs.length;
  const base = qs.map((q) => baseline(q.text));
  // ablation: Ogoh's analysis (stems, hashtags, numbers) with the word-field BM25 alone, no re-ranking
  const wordsOnly: ClaimParams = {
    ...index.params,
    weights: FEATURES.map((f) => (f === 'bm25Words' ? 1 : 0)),
  };
  const analysisOnly = qs.map((q) => rank(index.candidates(q.text, 'en'), wordsOnly, 10).map((m) => m.id));
  results[split] = {
    ogoh: metrics(ours, qs),
    bm25: metrics(base, qs),
    words: metrics(analysisOnly, qs),
    recall,
    msPerQuery: ms,
  };
  const r = results[split];
  rows.push(
    `| ${split} (${qs.length} queries) | ${r.bm25.map5.toFixed(3)} | ${r.words.map5.toFixed(3)} | **${r.ogoh.map5.toFixed(3)}** | ${r.ogoh.mrr.toFixed(3)} | ${r.ogoh.p1.toFixed(3)} | ${r.ogoh.s10.toFixed(3)} | ${recall.toFixed(3)} | ${ms.toFixed(2)} |`,
  );
}
const table = [
  `| split | plain BM25 MAP@5 | Ogoh analysis, word BM25 only | Ogoh MAP@5 | Ogoh MRR | Ogoh P@1 | Ogoh success@10 | answer among the ${PARAMS.depth} candidates | ms / query |`,
  '|---|---|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
console.log(table);
console.log(
  `\nindex: ${docs.length} claims built in ${buildMs.toFixed(0)} ms; ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
);

if (writeDocs) {
  const file = join(root, 'docs/EVALUATION.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('<!-- claims:table -->');
  const end = text.indexOf('<!-- /claims:table -->');
  if (start < 0 || end < 0) {
    console.error('docs/EVALUATION.md has no <!-- claims:table --> markers');
    process.exit(1);
  }
  writeFileSync(file, `${text.slice(0, start)}<!-- claims:table -->\n${table}\n${text.slice(end)}`);
  console.error('wrote docs/EVALUATION.md');
}
