/**
 * Fitting the claim re-ranker on an operator's own judged queries: texts with the ids of the claims
 * they repeat. Shipped weights are hand-set (PARAMS): the public claim-retrieval sets are research-
 * only, so nothing learned from them may ship; `ogoh claims train` runs this on data the operator
 * may use. Pairwise logistic regression (a linear RankNet) gives a start, coordinate ascent on MAP@5
 * (RankLib's method) refines it, and Platt scaling on the top five maps values to probabilities.
 */
import { OgohError } from '@ogoh/core';
import { type Candidate, type ClaimParams, rank, rerankValue } from './claim-index.ts';
import { FEATURES, N_FEATURES } from './features.ts';

/** One judged query: its lexical candidates and the ids of the claims it repeats. */
export interface JudgedCandidates {
  cands: readonly Candidate[];
  relevant: ReadonlySet<string>;
}

/** CheckThat's AP@k: precision at each relevant hit in the top k, over the number of relevant. */
export function averagePrecision(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
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

/** MAP@k of the re-ranker with `weights` over judged queries. */
export function meanAveragePrecision(
  judged: readonly JudgedCandidates[],
  params: ClaimParams,
  weights: readonly number[],
  k = 5,
): number {
  if (judged.length === 0) return 0;
  const p: ClaimParams = { ...params, weights: [...weights] };
  let sum = 0;
  for (const j of judged)
    sum += averagePrecision(
      rank(j.cands, p, k).map((m) => m.id),
      j.relevant,
      k,
    );
  return sum / judged.length;
}

/**
 * Every feature is a similarity except the two conflicts (numbers, concepts): more shared words, names or numbers must
 * never lower a claim's score. Single-language training data would otherwise learn negative weights
 * for collinear features that carry the cross-language signal (cognates, entities, grams).
 */
export function monotone(w: readonly number[]): number[] {
  return w.map((x, f) =>
    FEATURES[f] === 'numbersConflict' || FEATURES[f] === 'conceptsConflict' ? Math.min(0, x) : Math.max(0, x),
  );
}

/** Pairwise logistic regression: each relevant candidate should outscore each other candidate. */
export function pairwiseWeights(judged: readonly JudgedCandidates[], l2 = 1e-3, epochs = 300): number[] {
  const diffs: Float32Array[] = [];
  for (const j of judged) {
    for (const r of j.cands) {
      if (!j.relevant.has(r.id)) continue;
      for (const c of j.cands) {
        if (j.relevant.has(c.id)) continue;
        const d = new Float32Array(N_FEATURES);
        for (let f = 0; f < N_FEATURES; f++) d[f] = r.features[f]! - c.features[f]!;
        diffs.push(d);
      }
    }
  }
  const w = new Float64Array(N_FEATURES);
  if (diffs.length === 0) return Array.from(w);
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
  return Array.from(w, (x) => Math.round(x * 1000) / 1000);
}

/** Coordinate ascent on MAP@5: one weight at a time over a step grid, a few rounds. */
export function coordinateAscent(
  judged: readonly JudgedCandidates[],
  params: ClaimParams,
  start: readonly number[],
  options: {
    rounds?: number;
    fixed?: ReadonlySet<number>;
    onRound?: (round: number, map: number) => void;
  } = {},
): number[] {
  const w = [...start];
  let best = meanAveragePrecision(judged, params, w);
  const steps = [-2, -1, -0.5, -0.25, -0.1, -0.05, 0.05, 0.1, 0.25, 0.5, 1, 2];
  for (let round = 0; round < (options.rounds ?? 4); round++) {
    let improved = false;
    for (let f = 0; f < N_FEATURES; f++) {
      if (options.fixed?.has(f)) continue;
      for (const s of steps) {
        const trial = [...w];
        trial[f] = Math.round((trial[f]! + s) * 1000) / 1000;
        if (monotone(trial)[f] !== trial[f]) continue;
        const m = meanAveragePrecision(judged, params, trial);
        if (m > best + 1e-9) {
          best = m;
          w.splice(0, w.length, ...trial);
          improved = true;
        }
      }
    }
    options.onRound?.(round + 1, best);
    if (!improved) break;
  }
  return w;
}

/** Platt scaling on the five best candidates of each query: is this one a claim the query repeats? */
export function calibrate(
  judged: readonly JudgedCandidates[],
  weights: readonly number[],
): { a: number; c: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const j of judged) {
    const scored = j.cands
      .map((c) => ({ id: c.id, v: rerankValue(c.features, weights) }))
      .sort((a, b) => b.v - a.v)
      .slice(0, 5);
    for (const s of scored) {
      xs.push(s.v);
      ys.push(j.relevant.has(s.id) ? 1 : 0);
    }
  }
  let a = 1;
  let c = 0;
  if (xs.length === 0) return { a, c };
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

export interface FitOptions {
  /** keep the dense weight as it is (no dense scores in the judged candidates) */
  withoutDense?: boolean;
  onRound?: (round: number, map: number) => void;
}

/**
 * Fits re-ranker weights and calibration on judged queries; returns params to set on an index.
 * @example index.params = fitRanker(judged, index.params)
 */
export function fitRanker(
  judged: readonly JudgedCandidates[],
  params: ClaimParams,
  options: FitOptions = {},
): ClaimParams {
  const dense = FEATURES.indexOf('dense');
  const fixed = new Set<number>(options.withoutDense === false ? [] : [dense]);
  // the lexicon features carry what a translation shares with its claim; judged queries without a
  // cross-language answer hold no evidence about them (within one language they only echo the word
  // features), so they keep the shipped weights, as dense does without dense scores
  const crossSeen = judged.some((j) => j.cands.some((c) => c.cross && j.relevant.has(c.id)));
  if (!crossSeen) for (const f of LEXICON_FEATURES) fixed.add(FEATURES.indexOf(f));
  const start = pairwiseWeights(judged);
  for (const f of fixed) start[f] = params.weights[f] ?? 0;
  const weights = coordinateAscent(
    judged,
    params,
    start,
    options.onRound ? { fixed, onRound: options.onRound } : { fixed },
  );
  const { crossCalibration: _shipped, ...rest } = params;
  const out: ClaimParams = { ...rest, weights, calibration: calibrate(judged, weights) };
  if (crossSeen) {
    // the cross-language pairs get their own Platt scaling, fitted on the queries answered across
    const cross = judged
      .map((j) => ({ cands: j.cands.filter((c) => c.cross), relevant: j.relevant }))
      .filter((j) => j.cands.some((c) => j.relevant.has(c.id)));
    out.crossCalibration = calibrate(cross, weights);
  }
  return out;
}

/** Features only the concept lexicon feeds (fitted only on judged cross-language answers). */
export const LEXICON_FEATURES = ['bm25Neutral', 'claimNeutralCovered', 'conceptsConflict'] as const;

/** What `ogoh claims train` saves: the weights by feature name, so a file outlives a reordering. */
export interface RankerFile {
  kind: 'ogoh-claims-ranker';
  version: 1;
  weights: Record<string, number>;
  calibration: { a: number; c: number };
  /** the calibration of cross-language pairs, when the judged queries had such answers */
  crossCalibration?: { a: number; c: number };
  /** how it was fitted and checked, for the operator */
  trainedOn?: Record<string, unknown>;
}

export function rankerToJson(params: ClaimParams, trainedOn?: Record<string, unknown>): string {
  const file: RankerFile = {
    kind: 'ogoh-claims-ranker',
    version: 1,
    weights: Object.fromEntries(FEATURES.map((f, i) => [f, params.weights[i] ?? 0])),
    calibration: params.calibration,
    ...(params.crossCalibration ? { crossCalibration: params.crossCalibration } : {}),
    ...(trainedOn ? { trainedOn } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads a saved ranker onto `base` (field parameters and depth stay the shipped ones). A feature the
 * file does not name keeps weight 0 (a newer build's feature was not fitted); a name this build does
 * not know is an error, since the file was fitted with features that no longer exist.
 */
export function rankerFromJson(text: string, base: ClaimParams, file: string): ClaimParams {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new OgohError('INPUT_PARSE', 'claims ranker file is not valid JSON', {
      file,
      hint: 'run `ogoh claims train` again to rewrite it',
      cause: e,
    });
  }
  const r = raw as Partial<RankerFile> | null;
  if (r === null || typeof r !== 'object' || r.kind !== 'ogoh-claims-ranker' || r.version !== 1)
    throw new OgohError('INPUT_FIELD', 'not an Ogoh claims ranker (kind "ogoh-claims-ranker", version 1)', {
      file,
      field: 'kind',
      hint: 'run `ogoh claims train` again to rewrite it',
    });
  const weights = new Array<number>(N_FEATURES).fill(0);
  for (const [name, value] of Object.entries(r.weights ?? {})) {
    const f = FEATURES.indexOf(name as (typeof FEATURES)[number]);
    if (f < 0 || typeof value !== 'number' || !Number.isFinite(value))
      throw new OgohError(
        'INPUT_FIELD',
        f < 0 ? `unknown feature "${name}"` : `weight of "${name}" is not a number`,
        { file, field: `weights.${name}`, hint: 'run `ogoh claims train` again with this build' },
      );
    weights[f] = value;
  }
  const cal = r.calibration;
  if (!cal || !Number.isFinite(cal.a) || !Number.isFinite(cal.c))
    throw new OgohError('INPUT_FIELD', 'calibration needs numbers a and c', {
      file,
      field: 'calibration',
      hint: 'run `ogoh claims train` again to rewrite it',
    });
  // without its own cross-language calibration, the file's calibration applies to every pair (the
  // shipped one belongs to the shipped weights' scale)
  const { crossCalibration: _shipped, ...rest } = base;
  const out: ClaimParams = { ...rest, weights, calibration: { a: cal.a, c: cal.c } };
  const cc = r.crossCalibration;
  if (cc !== undefined) {
    if (!Number.isFinite(cc.a) || !Number.isFinite(cc.c))
      throw new OgohError('INPUT_FIELD', 'crossCalibration needs numbers a and c', {
        file,
        field: 'crossCalibration',
        hint: 'run `ogoh claims train` again to rewrite it',
      });
    out.crossCalibration = { a: cc.a, c: cc.c };
  }
  return out;
}
