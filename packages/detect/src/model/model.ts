/**
 * Trainable multi-label classifiers: one-vs-rest logistic regression over hashed features, trained
 * with AdaGrad and L2, positive examples up-weighted for rare labels, then Platt-calibrated and given
 * per-label thresholds on a held-out slice of the TRAINING data (by group, so paragraphs of one
 * article never sit on both sides). All own code: no service, no native module, deterministic for a
 * given seed.
 *
 * Models are plain data (`Model`) and serialise to a JSON text plus an optional Float32 weights file
 * (`saveModel` / `loadModel` are pure; the caller does the file I/O).
 */
import { digest, type Lang, OgohError } from '@ogoh/core';
import { z } from 'zod';
import { analyzeText, type TextView } from '../view.ts';
import {
  contextVector,
  DEFAULT_FEATURES,
  type FeatureConfig,
  FeatureSink,
  mergeSparse,
  paragraphVectors,
  type Sparse,
  textVector,
  withContext,
} from './features.ts';
import { multiLabelReport, type Report } from './metrics.ts';

export type Task = 'narratives' | 'techniques';
export const TASKS: readonly Task[] = ['narratives', 'techniques'];

/** One labelled training or evaluation unit (a paragraph for techniques, a text for narratives). */
export interface Example {
  id: string;
  text: string;
  lang?: Lang;
  labels: string[];
  /** labels that were annotated for this example; others are neither positive nor negative (default: all) */
  annotated?: string[];
  /** examples sharing a group (e.g. an article) stay on the same side of every split */
  group?: string;
  /**
   * the whole document this unit was cut from (e.g. the article of a paragraph), for models with
   * context features; default: the text itself (detection passes the whole input text)
   */
  context?: string;
}

export interface TrainOptions {
  /** label inventory (default: every label seen in the examples, sorted) */
  labels?: readonly string[];
  features?: Partial<FeatureConfig>;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** cap on the up-weighting of positives of rare labels */
  maxPositiveWeight?: number;
  /** keep only features seen in at least this many training units (1 keeps all) */
  minDf?: number;
  /**
   * `shared`: one threshold for all labels, the one that maximises micro-F1 on the calibration
   * slice (for calibrated scores the micro-F1-optimal thresholds are equal across labels, and one
   * number is far less noisy than 23); `per-label`: each label's own F1-optimal threshold when it
   * has enough held-out positives
   */
  thresholds?: 'shared' | 'per-label';
  seed?: number;
  /** share of the training data held out to calibrate and choose thresholds (0 disables) */
  holdout?: number;
  /** retrain on all the data after calibration (default true) */
  refit?: boolean;
  /** ISO time stamped in the model (default: now) */
  created?: string;
  /** progress callback (epoch, of) */
  onEpoch?: (epoch: number, of: number, phase: 'calibrate' | 'final') => void;
}

export interface ModelMeta {
  format: 'ogoh-model';
  formatVersion: 1;
  task: Task;
  labels: string[];
  /** "techniques-20261127-ab12cd34": task, creation date, hash of the weights */
  version: string;
  created: string;
  training: {
    hash: string;
    size: number;
    langs: Record<string, number>;
    labelCounts: Record<string, number>;
  };
  features: FeatureConfig;
  hyper: {
    epochs: number;
    learningRate: number;
    l2: number;
    maxPositiveWeight: number;
    seed: number;
    holdout: number;
    minDf: number;
    thresholds: 'shared' | 'per-label';
  };
  /** figures measured before the model was saved; `holdout` is the calibration slice */
  evaluation: Record<string, { size: number; micro: Report['micro']; macro: Report['macro']; note?: string }>;
}

export interface Model {
  meta: ModelMeta;
  /**
   * weights[row * L + label]; row = rowOf[feature] when the model has a vocabulary (pruned features
   * have no row: the table stays small enough to sit in cache), else row = feature
   */
  weights: Float32Array;
  /** feature → row of `weights`, −1 for features outside the vocabulary (derived from `vocabulary`) */
  rowOf?: Int32Array;
  bias: Float32Array;
  /** Platt scaling per label: p = σ(a·z + b) */
  plattA: Float32Array;
  plattB: Float32Array;
  thresholds: Float32Array;
  /** bitmap of the features the model uses (absent: all) */
  vocabulary?: Uint8Array;
  /** per-language calibration (languages with enough held-out data); others use the fields above */
  langCalibration: Record<string, Calibration>;
}

export interface LabelScore {
  label: string;
  /** calibrated probability */
  p: number;
  threshold: number;
  flagged: boolean;
}

// ------------------------------------------------------------------------------------ utilities

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

function norm2(v: Sparse): number {
  let s = 0;
  for (let j = 0; j < v.val.length; j++) s += v.val[j]! * v.val[j]!;
  return s > 0 ? Math.sqrt(s) : 1;
}

/** Drop features outside the model's vocabulary bitmap (features too rare in training to trust). */
function applyVocabulary(v: Sparse, vocab: Uint8Array | undefined): Sparse {
  if (!vocab) return v;
  let k = 0;
  for (let j = 0; j < v.idx.length; j++) if (vocab[v.idx[j]! >>> 3]! & (1 << (v.idx[j]! & 7))) k++;
  if (k === v.idx.length) return v;
  const idx = new Int32Array(k);
  const val = new Float32Array(k);
  k = 0;
  for (let j = 0; j < v.idx.length; j++) {
    const i = v.idx[j]!;
    if (vocab[i >>> 3]! & (1 << (i & 7))) {
      idx[k] = i;
      val[k++] = v.val[j]!;
    }
  }
  return { idx, val };
}

/** Bitmap of the features that occur in at least `minDf` training units (undefined when minDf ≤ 1). */
function vocabulary(data: readonly { vec: Sparse }[], bits: number, minDf: number): Uint8Array | undefined {
  if (minDf <= 1) return undefined;
  const df = new Uint16Array(1 << bits);
  for (const d of data)
    for (let j = 0; j < d.vec.idx.length; j++) if (df[d.vec.idx[j]!]! < 65535) df[d.vec.idx[j]!]!++;
  const vocab = new Uint8Array((1 << bits) >>> 3);
  for (let i = 0; i < df.length; i++) if (df[i]! >= minDf) vocab[i >>> 3]! |= 1 << (i & 7);
  return vocab;
}

/** Row of each feature in a compacted weight table: its rank among the vocabulary's features. */
function rowMap(vocab: Uint8Array, bits: number): { rowOf: Int32Array; rows: number } {
  const rowOf = new Int32Array(1 << bits);
  let rows = 0;
  for (let i = 0; i < rowOf.length; i++) rowOf[i] = vocab[i >>> 3]! & (1 << (i & 7)) ? rows++ : -1;
  return { rowOf, rows };
}

/** into[l] += Σ_j W[row(j), l] · v_j · scale (a top-level function, so V8 optimises it once). */
function accumulate(
  W: Float32Array,
  rowOf: Int32Array | undefined,
  L: number,
  v: Sparse,
  scale: number,
  into: Float64Array,
): void {
  const idx = v.idx;
  const val = v.val;
  for (let j = 0; j < idx.length; j++) {
    const r = rowOf === undefined ? idx[j]! : rowOf[idx[j]!]!;
    if (r < 0) continue;
    const base = r * L;
    const x = val[j]! * scale;
    for (let l = 0; l < L; l++) into[l]! += W[base + l]! * x;
  }
}

/** Raw scores z of one vector through a row map (features without a row are left out entirely). */
function mappedLogits(model: Model, v: Sparse, out: Float64Array): void {
  const L = model.meta.labels.length;
  const W = model.weights;
  const rowOf = model.rowOf;
  let sq = 0;
  for (let j = 0; j < v.idx.length; j++) if (!rowOf || rowOf[v.idx[j]!]! >= 0) sq += v.val[j]! * v.val[j]!;
  const inv = sq > 0 ? 1 / Math.sqrt(sq) : 1;
  for (let l = 0; l < L; l++) out[l] = model.bias[l]!;
  for (let j = 0; j < v.idx.length; j++) {
    const r = rowOf ? rowOf[v.idx[j]!]! : v.idx[j]!;
    if (r < 0) continue;
    const base = r * L;
    const x = v.val[j]! * inv;
    for (let l = 0; l < L; l++) out[l]! += W[base + l]! * x;
  }
}

/** Raw scores z (before calibration) of one vector for every label (dense weights, training). */
function logits(weights: Float32Array, bias: Float32Array, L: number, v: Sparse, out: Float64Array): void {
  for (let l = 0; l < L; l++) out[l] = 0;
  const inv = 1 / norm2(v);
  for (let j = 0; j < v.idx.length; j++) {
    const base = v.idx[j]! * L;
    const x = v.val[j]! * inv;
    for (let l = 0; l < L; l++) out[l]! += weights[base + l]! * x;
  }
  for (let l = 0; l < L; l++) out[l]! += bias[l]!;
}

function unitVector(sink: FeatureSink, view: TextView, cfg: FeatureConfig, context?: Sparse): Sparse {
  const v = textVector(sink, view, cfg);
  return withContext(sink, v, context ?? contextVector(sink, view, cfg), cfg);
}

/** Context vectors of documents, computed once per distinct document text. */
function contextCache(sink: FeatureSink, cfg: FeatureConfig): (e: Example) => Sparse | undefined {
  const cache = new Map<string, Sparse>();
  return (e) => {
    if (!(cfg.context > 0) || e.context === undefined) return undefined;
    let c = cache.get(e.context);
    if (!c) {
      c = contextVector(sink, analyzeText(e.context, e.lang), cfg);
      cache.set(e.context, c);
    }
    return c;
  };
}

interface Prepared {
  vec: Sparse;
  y: Uint8Array;
  mask: Uint8Array;
  group: string;
  lang: string;
}

/** Calibration of one model for one population: Platt (a, b) and threshold per label. */
export interface Calibration {
  plattA: Float32Array;
  plattB: Float32Array;
  thresholds: Float32Array;
}

/** A language gets its own calibration when the held-out slice has this many of its units. */
const MIN_LANG_CALIBRATION_UNITS = 150;

/**
 * Fit Platt scaling and thresholds on held-out raw scores. Labels with too few positives keep the
 * fallback's mapping (the pooled calibration, or the class-weight prior shift).
 */
function calibrate(
  zs: readonly Float64Array[],
  units: readonly Prepared[],
  L: number,
  posWeight: Float32Array,
  shared: boolean,
  fallback?: Calibration,
): Calibration {
  const out: Calibration = {
    plattA: new Float32Array(L),
    plattB: new Float32Array(L),
    thresholds: new Float32Array(L),
  };
  const ps: number[][] = [];
  const ys: number[][] = [];
  for (let l = 0; l < L; l++) {
    const z: number[] = [];
    const y: number[] = [];
    units.forEach((d, i) => {
      if (d.mask[l]) {
        z.push(zs[i]![l]!);
        y.push(d.y[l]!);
      }
    });
    let [a, b] = platt(z, y, Math.log(posWeight[l]!));
    if (fallback && y.filter((v) => v === 1).length < 3) [a, b] = [fallback.plattA[l]!, fallback.plattB[l]!];
    out.plattA[l] = a;
    out.plattB[l] = b;
    ps.push(z.map((x) => sigmoid(a * x + b)));
    ys.push(y);
  }
  // Labels with too few held-out positives share the threshold that is best for all of them pooled.
  const pooled = bestThreshold(ps.flat(), ys.flat(), 1) ?? 0.5;
  for (let l = 0; l < L; l++)
    out.thresholds[l] = shared
      ? pooled
      : (bestThreshold(ps[l]!, ys[l]!, MIN_LABEL_POSITIVES) ?? fallback?.thresholds[l] ?? pooled);
  return out;
}

function prepare(examples: readonly Example[], labels: readonly string[], cfg: FeatureConfig): Prepared[] {
  const sink = new FeatureSink(cfg.bits);
  const li = new Map(labels.map((l, i) => [l, i]));
  const contextOf = contextCache(sink, cfg);
  return examples.map((e) => {
    const view = analyzeText(e.text, e.lang);
    const y = new Uint8Array(labels.length);
    for (const l of e.labels) {
      const i = li.get(l);
      if (i !== undefined) y[i] = 1;
    }
    const mask = new Uint8Array(labels.length).fill(e.annotated ? 0 : 1);
    if (e.annotated)
      for (const l of e.annotated) {
        const i = li.get(l);
        if (i !== undefined) mask[i] = 1;
      }
    return {
      vec: unitVector(sink, view, cfg, contextOf(e)),
      y,
      mask,
      group: e.group ?? e.id,
      lang: e.lang ?? 'und',
    };
  });
}

interface Fitted {
  weights: Float32Array;
  bias: Float32Array;
  posWeight: Float32Array;
}

function fit(
  data: readonly Prepared[],
  L: number,
  cfg: FeatureConfig,
  h: ModelMeta['hyper'],
  onEpoch?: (e: number) => void,
): Fitted {
  const D = 1 << cfg.bits;
  const weights = new Float32Array(D * L);
  const grad2 = new Float32Array(D * L);
  const bias = new Float32Array(L);
  const bias2 = new Float32Array(L);
  const pos = new Float64Array(L);
  const seen = new Float64Array(L);
  for (const d of data)
    for (let l = 0; l < L; l++)
      if (d.mask[l]) {
        seen[l]!++;
        if (d.y[l]) pos[l]!++;
      }
  const posWeight = new Float32Array(L);
  for (let l = 0; l < L; l++) {
    const p = pos[l]!;
    posWeight[l] = p === 0 ? 1 : Math.min(h.maxPositiveWeight, Math.max(1, Math.sqrt((seen[l]! - p) / p)));
    // start each bias at the label's log-odds so early epochs do not spend updates learning the prior
    const rate = (p + 0.5) / (seen[l]! + 1);
    bias[l] = Math.log(rate / (1 - rate));
  }
  const order = data.map((_, i) => i);
  const rnd = mulberry32(h.seed);
  const z = new Float64Array(L);
  const g = new Float64Array(L);
  const eta = h.learningRate;
  const lambda = h.l2;
  const firstAveraged = Math.floor(h.epochs / 2);
  const avgW = new Float32Array(weights.length);
  const avgB = new Float64Array(L);
  let averaged = 0;
  for (let epoch = 0; epoch < h.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const d = data[k]!;
      logits(weights, bias, L, d.vec, z);
      let any = false;
      for (let l = 0; l < L; l++) {
        if (!d.mask[l]) {
          g[l] = 0;
          continue;
        }
        const p = sigmoid(z[l]!);
        g[l] = d.y[l] ? (p - 1) * posWeight[l]! : p;
        if (g[l] !== 0) any = true;
      }
      if (!any) continue;
      const inv = 1 / norm2(d.vec);
      for (let j = 0; j < d.vec.idx.length; j++) {
        const base = d.vec.idx[j]! * L;
        const x = d.vec.val[j]! * inv;
        for (let l = 0; l < L; l++) {
          const gl = g[l]!;
          if (gl === 0) continue;
          const w = weights[base + l]!;
          const gr = gl * x + lambda * w;
          const acc = grad2[base + l]! + gr * gr;
          grad2[base + l] = acc;
          weights[base + l] = w - (eta * gr) / (Math.sqrt(acc) + 1e-8);
        }
      }
      for (let l = 0; l < L; l++) {
        const gl = g[l]!;
        if (gl === 0) continue;
        bias2[l]! += gl * gl;
        bias[l]! -= (eta * gl) / (Math.sqrt(bias2[l]!) + 1e-8);
      }
    }
    // Average the weights of the second half of the epochs: SGD's last iterate is noisy on small
    // data, the average generalises better (Polyak–Ruppert averaging, once per epoch).
    if (epoch >= firstAveraged) {
      for (let i = 0; i < weights.length; i++) avgW[i]! += weights[i]!;
      for (let l = 0; l < L; l++) avgB[l]! += bias[l]!;
      averaged++;
    }
    onEpoch?.(epoch + 1);
  }
  if (averaged > 1) {
    for (let i = 0; i < weights.length; i++) weights[i] = avgW[i]! / averaged;
    for (let l = 0; l < L; l++) bias[l] = avgB[l]! / averaged;
  }
  return { weights, bias, posWeight };
}

/**
 * Platt scaling: fit p = σ(a·z + b) on held-out scores with Platt's smoothed targets, by Newton's
 * method with backtracking (plain Newton diverges when the held-out scores nearly separate) and a
 * weak prior pulling (a, b) towards the uncalibrated map. Falls back to a prior shift when there are
 * too few positives or negatives.
 */
function platt(zs: readonly number[], ys: readonly number[], fallbackShift: number): [number, number] {
  const nPos = ys.filter((y) => y === 1).length;
  const nNeg = ys.length - nPos;
  if (nPos < 3 || nNeg < 3) return [1, -fallbackShift];
  const tPos = (nPos + 1) / (nPos + 2);
  const tNeg = 1 / (nNeg + 2);
  const a0 = 1;
  const b0 = -fallbackShift;
  const lambda = 1e-2;
  const loss = (a: number, b: number): number => {
    let f = lambda * ((a - a0) ** 2 + (b - b0) ** 2);
    for (let i = 0; i < zs.length; i++) {
      const u = a * zs[i]! + b;
      const t = ys[i] ? tPos : tNeg;
      // −[t log σ(u) + (1−t) log(1−σ(u))], computed stably
      f += (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u))) - t * u;
    }
    return f;
  };
  let a = a0;
  let b = b0;
  let f = loss(a, b);
  for (let it = 0; it < 100; it++) {
    let g0 = 2 * lambda * (a - a0);
    let g1 = 2 * lambda * (b - b0);
    let h00 = 2 * lambda;
    let h01 = 0;
    let h11 = 2 * lambda;
    for (let i = 0; i < zs.length; i++) {
      const p = sigmoid(a * zs[i]! + b);
      const d = p - (ys[i] ? tPos : tNeg);
      const w = p * (1 - p);
      g0 += d * zs[i]!;
      g1 += d;
      h00 += w * zs[i]! * zs[i]!;
      h01 += w * zs[i]!;
      h11 += w;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 1e-12)) break;
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > f && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > f) break;
    a -= step * da;
    b -= step * db;
    const gain = f - next;
    f = next;
    if (gain < 1e-9) break;
  }
  // A non-positive slope means the label was not learnt: keep the uncalibrated direction.
  if (!(a > 0) || !Number.isFinite(b)) return [1, -fallbackShift];
  return [a, b];
}

/**
 * A label gets its own threshold only with this many held-out positives; rarer labels share the
 * pooled threshold (a per-label choice on a handful of positives is noise, and it showed as large
 * swings between cross-validation folds).
 */
const MIN_LABEL_POSITIVES = 30;

/** The threshold that maximises F1 on (p, y) pairs, or undefined when there are too few positives. */
function bestThreshold(
  ps: readonly number[],
  ys: readonly number[],
  minPositives: number,
): number | undefined {
  const nPos = ys.filter((y) => y === 1).length;
  if (nPos < minPositives) return undefined;
  let best = 0.5;
  let bestF = -1;
  for (let t = 0.05; t <= 0.951; t += 0.025) {
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < ps.length; i++)
      if (ps[i]! >= t) {
        if (ys[i]) tp++;
        else fp++;
      }
    const f = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + (nPos - tp));
    if (f > bestF + 1e-9) {
      bestF = f;
      best = t;
    }
  }
  return best;
}

/**
 * Per-task defaults, chosen by 4-fold cross-validation on the training portion of SemEval-2023 ru
 * (never on the held-out split): paragraphs read better with their document's words as context,
 * features seen in fewer than 3 training paragraphs are noise, and one shared threshold beats 23
 * per-label ones for micro-F1 (CV 0.369 → 0.379). Narrative units are whole texts (their own
 * context) and each narrative matters on its own (per-label thresholds); narrative training sets
 * are small (hundreds to thousands of texts), so a 2^16 space pruned to features seen twice keeps
 * the model a few MB and fast — a judgement, not a tuned setting.
 */
const TASK_DEFAULTS: Record<
  Task,
  { features: Partial<FeatureConfig>; minDf: number; thresholds: 'shared' | 'per-label' }
> = {
  techniques: { features: { context: 1 }, minDf: 3, thresholds: 'shared' },
  narratives: { features: { bits: 16 }, minDf: 2, thresholds: 'per-label' },
};

function splitByGroup(data: readonly Prepared[], share: number, seed: number): [Prepared[], Prepared[]] {
  if (share <= 0) return [data.slice(), []];
  const groups = [...new Set(data.map((d) => d.group))].sort();
  const rnd = mulberry32(seed ^ 0x5bd1e995);
  const held = new Set(groups.filter(() => rnd() < share));
  const train: Prepared[] = [];
  const hold: Prepared[] = [];
  for (const d of data) (held.has(d.group) ? hold : train).push(d);
  if (hold.length === 0 || train.length === 0) return [data.slice(), []];
  return [train, hold];
}

/**
 * Train a multi-label model.
 * @example
 * const model = train('techniques', examples, { epochs: 8 });
 * const { json, weights } = saveModel(model);
 */
export function train(task: Task, examples: readonly Example[], options: TrainOptions = {}): Model {
  if (!TASKS.includes(task))
    throw new OgohError('USAGE', `unknown task "${task}"`, { hint: `use one of ${TASKS.join(', ')}` });
  if (examples.length === 0)
    throw new OgohError('INPUT_MISSING', 'no training examples', {
      hint: 'give at least a few labelled examples',
    });
  const labels = [...(options.labels ?? [...new Set(examples.flatMap((e) => e.labels))].sort())];
  if (labels.length === 0)
    throw new OgohError('INPUT_FIELD', 'the examples carry no labels', { field: 'labels' });
  const cfg: FeatureConfig = { ...DEFAULT_FEATURES, ...TASK_DEFAULTS[task].features, ...options.features };
  if (!Number.isInteger(cfg.bits) || cfg.bits < 8 || cfg.bits > 22)
    throw new OgohError('USAGE', `feature bits must be an integer in 8..22, got ${cfg.bits}`, {
      field: 'features.bits',
    });
  const hyper: ModelMeta['hyper'] = {
    epochs: options.epochs ?? 8,
    learningRate: options.learningRate ?? 0.2,
    l2: options.l2 ?? 1e-4,
    maxPositiveWeight: options.maxPositiveWeight ?? 4,
    seed: options.seed ?? 1,
    holdout: options.holdout ?? 0.15,
    minDf: options.minDf ?? TASK_DEFAULTS[task].minDf,
    thresholds: options.thresholds ?? TASK_DEFAULTS[task].thresholds,
  };
  const L = labels.length;
  const prepared = prepare(examples, labels, cfg);
  const vocab = vocabulary(prepared, cfg.bits, hyper.minDf);
  const data = vocab ? prepared.map((d) => ({ ...d, vec: applyVocabulary(d.vec, vocab) })) : prepared;
  const [fitPart, holdPart] = splitByGroup(data, hyper.holdout, hyper.seed);

  const plattA = new Float32Array(L).fill(1);
  const plattB = new Float32Array(L);
  const thresholds = new Float32Array(L).fill(0.5);
  const langCalibration: Record<string, Calibration> = {};
  const evaluation: ModelMeta['evaluation'] = {};
  let final: Fitted;
  if (holdPart.length > 0) {
    const first = fit(fitPart, L, cfg, hyper, (e) => options.onEpoch?.(e, hyper.epochs, 'calibrate'));
    const zs = holdPart.map((d) => {
      const z = new Float64Array(L);
      logits(first.weights, first.bias, L, d.vec, z);
      return z;
    });
    const shared = hyper.thresholds === 'shared';
    const pooled = calibrate(zs, holdPart, L, first.posWeight, shared);
    plattA.set(pooled.plattA);
    plattB.set(pooled.plattB);
    thresholds.set(pooled.thresholds);
    // Languages (or domains) differ in label rates and score scales: each language with enough
    // held-out units gets its own calibration, falling back to the pooled one label by label.
    for (const lang of new Set(holdPart.map((d) => d.lang))) {
      const idx = holdPart.map((d, i) => (d.lang === lang ? i : -1)).filter((i) => i >= 0);
      if (idx.length < MIN_LANG_CALIBRATION_UNITS || idx.length === holdPart.length) continue;
      langCalibration[lang] = calibrate(
        idx.map((i) => zs[i]!),
        idx.map((i) => holdPart[i]!),
        L,
        first.posWeight,
        shared,
        pooled,
      );
    }
    const gold: string[][] = [];
    const pred: string[][] = [];
    const masks: string[][] = [];
    holdPart.forEach((d, i) => {
      const c = langCalibration[d.lang] ?? pooled;
      gold.push(labels.filter((_, l) => d.y[l]));
      pred.push(
        labels.filter((_, l) => sigmoid(c.plattA[l]! * zs[i]![l]! + c.plattB[l]!) >= c.thresholds[l]!),
      );
      masks.push(labels.filter((_, l) => d.mask[l]));
    });
    const rep = multiLabelReport(labels, gold, pred, masks);
    evaluation.holdout = {
      size: holdPart.length,
      micro: rep.micro,
      macro: rep.macro,
      note: 'held-out slice of the training data; thresholds were chosen on it, so figures are optimistic',
    };
    final =
      options.refit === false
        ? first
        : fit(data, L, cfg, hyper, (e) => options.onEpoch?.(e, hyper.epochs, 'final'));
  } else {
    final = fit(data, L, cfg, hyper, (e) => options.onEpoch?.(e, hyper.epochs, 'final'));
    for (let l = 0; l < L; l++) plattB[l] = -Math.log(final.posWeight[l]!);
  }

  const langs: Record<string, number> = {};
  const labelCounts: Record<string, number> = Object.fromEntries(labels.map((l) => [l, 0]));
  for (const e of examples) {
    const k = e.lang ?? 'und';
    langs[k] = (langs[k] ?? 0) + 1;
    for (const l of e.labels) if (l in labelCounts) labelCounts[l]!++;
  }
  const created = options.created ?? new Date().toISOString();
  const dataHash = digest(
    examples.map((e) => `${e.id}\u001f${e.text}\u001f${[...e.labels].sort().join(',')}`).join('\u001e'),
  );
  // Keep only the vocabulary's rows: a 2^18 × L table is tens of MB and every prediction would
  // wait on memory; the compact one is a fraction of that.
  let weights = final.weights;
  let rowOf: Int32Array | undefined;
  if (vocab) {
    const m = rowMap(vocab, cfg.bits);
    rowOf = m.rowOf;
    weights = new Float32Array(m.rows * L);
    for (let i = 0; i < rowOf.length; i++)
      if (rowOf[i]! >= 0) weights.set(final.weights.subarray(i * L, i * L + L), rowOf[i]! * L);
  }
  const weightHash = digest(
    Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength).toString('latin1'),
  );
  return {
    meta: {
      format: 'ogoh-model',
      formatVersion: 1,
      task,
      labels,
      version: `${task}-${created.slice(0, 10).replaceAll('-', '')}-${weightHash.slice(0, 8)}`,
      created,
      training: { hash: dataHash, size: examples.length, langs, labelCounts },
      features: cfg,
      hyper,
      evaluation,
    },
    weights,
    ...(rowOf ? { rowOf } : {}),
    bias: final.bias,
    plattA,
    plattB,
    thresholds,
    langCalibration,
    ...(vocab ? { vocabulary: vocab } : {}),
  };
}

// ----------------------------------------------------------------------------------- prediction

const sinks = new Map<number, FeatureSink>();
/** The shared transient sink of a feature space (prediction only: vectors die with the call). */
function sinkFor(bits: number): FeatureSink {
  let s = sinks.get(bits);
  if (!s) {
    s = new FeatureSink(bits, true);
    sinks.set(bits, s);
  }
  return s;
}

/** Run `f` with pooled vectors released afterwards. */
function pooled<T>(bits: number, f: (sink: FeatureSink) => T): T {
  const sink = sinkFor(bits);
  const mark = sink.mark();
  try {
    return f(sink);
  } finally {
    sink.release(mark);
  }
}

/** Calibrated scores of one sparse vector. */
export function scoreVector(model: Model, v0: Sparse, lang?: string): LabelScore[] {
  const L = model.meta.labels.length;
  const z = new Float64Array(L);
  mappedLogits(model, v0, z);
  return calibrated(model, z, lang);
}

/** Raw scores → calibrated scores with the language's calibration (or the pooled one). */
function calibrated(model: Model, z: Float64Array, lang?: string): LabelScore[] {
  const c: Calibration = (lang !== undefined ? model.langCalibration[lang] : undefined) ?? model;
  return model.meta.labels.map((label, l) => {
    const p = sigmoid(c.plattA[l]! * z[l]! + c.plattB[l]!);
    return { label, p, threshold: c.thresholds[l]!, flagged: p >= c.thresholds[l]! };
  });
}

/** Scores of a whole text (one unit), every label. */
export function predict(model: Model, input: string | TextView, lang?: Lang): LabelScore[] {
  const view = typeof input === 'string' ? analyzeText(input, lang) : input;
  return pooled(model.meta.features.bits, (sink) =>
    scoreVector(model, unitVector(sink, view, model.meta.features), view.lang),
  );
}

export interface UnitScores {
  start: number;
  end: number;
  scores: LabelScore[];
  /** per label: index (into view.sentences) of the sentence contributing most to the score */
  topSentence: Int32Array;
}

/**
 * Score the sentences [sentFrom, sentTo) of a view as one unit and find, per label, the sentence
 * that contributes most: the unit's vector is the sum of its sentence vectors, so the linear score
 * splits exactly into per-sentence parts.
 */
export function scoreUnit(
  model: Model,
  view: TextView,
  sentFrom: number,
  sentTo: number,
  context?: Sparse,
  /** Σ weight × value over the context block, unscaled (the same for every paragraph of a text) */
  contextDot?: Float64Array,
): UnitScores {
  return pooled(model.meta.features.bits, (sink) =>
    unitScoresWith(sink, model, view, sentFrom, sentTo, context, contextDot),
  );
}

function unitScoresWith(
  sink: FeatureSink,
  model: Model,
  view: TextView,
  sentFrom: number,
  sentTo: number,
  context?: Sparse,
  /** Σ weight × value over the context block, unscaled (the same for every paragraph of a text) */
  contextDot?: Float64Array,
): UnitScores {
  const cfg = model.meta.features;
  const L = model.meta.labels.length;
  const W = model.weights;
  const rowOf = model.rowOf;
  const parts = paragraphVectors(sink, view, sentFrom, sentTo, cfg);
  const own = parts.length ? mergeSparse(parts, sink) : sink.take();
  const ctx = context ?? contextVector(sink, view, cfg);
  const merged = withContext(sink, own, ctx, cfg);
  // One pass of multiply-adds: the score is linear, so per-sentence sums add up to the unit's score
  // (the norm comes from the merged vector, exactly as in training).
  let sq = 0;
  for (let j = 0; j < merged.idx.length; j++) {
    if (rowOf && rowOf[merged.idx[j]!]! < 0) continue;
    sq += merged.val[j]! * merged.val[j]!;
  }
  const inv = sq > 0 ? 1 / Math.sqrt(sq) : 1;
  const total = new Float64Array(L);
  const part = new Float64Array(L);
  const best = new Float64Array(L).fill(Number.NEGATIVE_INFINITY);
  const top = new Int32Array(L).fill(sentFrom);
  const dot = (v: Sparse, scale: number, into: Float64Array): void => accumulate(W, rowOf, L, v, scale, into);
  for (let k = 0; k < parts.length; k++) {
    part.fill(0);
    dot(parts[k]!, inv, part);
    for (let l = 0; l < L; l++) {
      total[l]! += part[l]!;
      if (part[l]! > best[l]!) {
        best[l] = part[l]!;
        top[l] = sentFrom + k;
      }
    }
  }
  if (merged !== own) {
    // the context block: its scale relative to the unit's own norm, as withContext applied it
    let ownSq = 0;
    for (let j = 0; j < own.val.length; j++) ownSq += own.val[j]! * own.val[j]!;
    const scale = inv * cfg.context * Math.sqrt(ownSq || 1);
    if (contextDot) for (let l = 0; l < L; l++) total[l]! += contextDot[l]! * scale;
    else dot(ctx, scale, total);
  }
  for (let l = 0; l < L; l++) total[l]! += model.bias[l]!;
  const scores = calibrated(model, total, view.lang);
  const first = view.sentences[sentFrom];
  const last = view.sentences[sentTo - 1];
  return { start: first?.start ?? 0, end: last?.end ?? 0, scores, topSentence: top };
}

/** Score each paragraph of a view (the unit techniques are labelled at). */
export function predictParagraphs(model: Model, view: TextView): UnitScores[] {
  return pooled(model.meta.features.bits, (sink) => paragraphScores(model, view, sink));
}

function paragraphScores(model: Model, view: TextView, sink: FeatureSink): UnitScores[] {
  const cfg = model.meta.features;
  const context = contextVector(sink, view, cfg);
  const L = model.meta.labels.length;
  const contextDot = new Float64Array(L);
  for (let j = 0; j < context.idx.length; j++) {
    const r = model.rowOf ? model.rowOf[context.idx[j]!]! : context.idx[j]!;
    if (r < 0) continue;
    for (let l = 0; l < L; l++) contextDot[l]! += model.weights[r * L + l]! * context.val[j]!;
  }
  return view.paragraphs.map((p) => scoreUnit(model, view, p.sentFrom, p.sentTo, context, contextDot));
}

export interface FeatureContribution {
  feature: string;
  /** contribution to the label's raw score (weight × normalised value) */
  weight: number;
}

/** The features that contribute most to one label's score for a text (or a slice of it). */
export function explainPrediction(
  model: Model,
  input: string | TextView,
  label: string,
  opts: { top?: number; lang?: Lang; sentFrom?: number; sentTo?: number } = {},
): FeatureContribution[] {
  const view = typeof input === 'string' ? analyzeText(input, opts.lang) : input;
  return explainLabels(model, view, [label], opts)[label] ?? [];
}

/**
 * The top contributing features of several labels over the same sentences, in two featurisation
 * passes whatever the number of labels (detection explains every flagged label of a paragraph).
 */
export function explainLabels(
  model: Model,
  view: TextView,
  labels: readonly string[],
  opts: { top?: number; sentFrom?: number; sentTo?: number } = {},
): Record<string, FeatureContribution[]> {
  const ls = labels.map((label) => model.meta.labels.indexOf(label)).filter((l) => l >= 0);
  if (ls.length === 0) return {};
  return pooled(model.meta.features.bits, (sink) => explainWith(model, view, ls, sink, opts));
}

function explainWith(
  model: Model,
  view: TextView,
  ls: readonly number[],
  sink: FeatureSink,
  opts: { top?: number; sentFrom?: number; sentTo?: number },
): Record<string, FeatureContribution[]> {
  const cfg = model.meta.features;
  const from = opts.sentFrom ?? 0;
  const to = opts.sentTo ?? view.sentences.length;
  const k = opts.top ?? 8;
  const vector = () => {
    const parts = paragraphVectors(sink, view, from, to, cfg);
    return parts.length ? mergeSparse(parts, sink) : sink.take();
  };
  // First pass without names: find the top contributions by feature index.
  const v = vector();
  const rowOf = model.rowOf;
  let sq = 0;
  for (let j = 0; j < v.idx.length; j++) if (!rowOf || rowOf[v.idx[j]!]! >= 0) sq += v.val[j]! * v.val[j]!;
  const inv = sq > 0 ? 1 / Math.sqrt(sq) : 1;
  const L = model.meta.labels.length;
  const tops = ls.map((l) => {
    const contrib: { idx: number; weight: number }[] = [];
    for (let j = 0; j < v.idx.length; j++) {
      const r = rowOf ? rowOf[v.idx[j]!]! : v.idx[j]!;
      if (r < 0) continue;
      const w = model.weights[r * L + l]! * v.val[j]! * inv;
      if (w !== 0) contrib.push({ idx: v.idx[j]!, weight: w });
    }
    contrib.sort((a, b) => b.weight - a.weight);
    return contrib.slice(0, k);
  });
  // Second pass names only those (naming every character n-gram would cost more than scoring).
  const names = new Map<number, string>();
  sink.names = names;
  sink.wanted = new Set(tops.flat().map((c) => c.idx));
  vector();
  sink.names = undefined;
  sink.wanted = undefined;
  const out: Record<string, FeatureContribution[]> = {};
  ls.forEach((l, i) => {
    out[model.meta.labels[l]!] = tops[i]!.map((c) => ({
      feature: names.get(c.idx) ?? `#${c.idx}`,
      weight: c.weight,
    }));
  });
  return out;
}

/** Evaluate a model on labelled examples at its own thresholds. */
export function evaluate(model: Model, examples: readonly Example[]): Report {
  const gold: string[][] = [];
  const pred: string[][] = [];
  const masks: (string[] | undefined)[] = [];
  const cfg = model.meta.features;
  // not the transient sink: cached context vectors must outlive each example
  const sink = new FeatureSink(cfg.bits);
  const contextOf = contextCache(sink, cfg);
  for (const e of examples) {
    gold.push(e.labels);
    const view = analyzeText(e.text, e.lang);
    const v = unitVector(sink, view, cfg, contextOf(e));
    pred.push(
      scoreVector(model, v, view.lang)
        .filter((s) => s.flagged)
        .map((s) => s.label),
    );
    masks.push(e.annotated);
  }
  return multiLabelReport(model.meta.labels, gold, pred, masks);
}

/** Record figures measured on some data in the model's metadata (before saving it). */
export function recordEvaluation(model: Model, name: string, report: Report, note?: string): Model {
  model.meta.evaluation[name] = {
    size: report.n,
    micro: report.micro,
    macro: report.macro,
    ...(note ? { note } : {}),
  };
  return model;
}

// ------------------------------------------------------------------------------ serialisation

const MetaSchema = z.object({
  format: z.literal('ogoh-model'),
  formatVersion: z.literal(1),
  task: z.enum(['narratives', 'techniques']),
  labels: z.array(z.string()).min(1),
  version: z.string(),
  created: z.string(),
  training: z.object({
    hash: z.string(),
    size: z.number(),
    langs: z.record(z.string(), z.number()),
    labelCounts: z.record(z.string(), z.number()),
  }),
  features: z.object({
    bits: z.number().int().min(8).max(22),
    words: z.array(z.number().int()),
    chars: z.tuple([z.number().int(), z.number().int()]),
    charWeight: z.number().positive(),
    context: z.number().min(0),

    shape: z.boolean(),
    lang: z.boolean(),
  }),
  hyper: z.object({
    epochs: z.number(),
    learningRate: z.number(),
    l2: z.number(),
    maxPositiveWeight: z.number(),
    seed: z.number(),
    holdout: z.number(),
    minDf: z.number().int().min(1).default(1),
    thresholds: z.enum(['shared', 'per-label']).default('per-label'),
  }),
  evaluation: z.record(
    z.string(),
    z.object({
      size: z.number(),
      micro: z.object({ precision: z.number(), recall: z.number(), f1: z.number() }),
      macro: z.object({ precision: z.number(), recall: z.number(), f1: z.number() }),
      note: z.string().optional(),
    }),
  ),
});

const FileSchema = z.object({
  meta: MetaSchema,
  bias: z.array(z.number()),
  plattA: z.array(z.number()),
  plattB: z.array(z.number()),
  thresholds: z.array(z.number()),
  /** base64 bitmap of the features in use, when the model was trained with minDf > 1 */
  vocabulary: z.string().optional(),
  langCalibration: z
    .record(
      z.string(),
      z.object({ plattA: z.array(z.number()), plattB: z.array(z.number()), thresholds: z.array(z.number()) }),
    )
    .default({}),
  weights: z.object({
    encoding: z.literal('f32le'),
    length: z.number().int(),
    digest: z.string(),
    /** base64 when the weights are inline */
    inline: z.string().optional(),
  }),
});

function toBytes(a: Float32Array): Uint8Array {
  const out = new Uint8Array(a.length * 4);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < a.length; i++) dv.setFloat32(i * 4, a[i]!, true);
  return out;
}

function fromBytes(b: Uint8Array): Float32Array {
  const out = new Float32Array(b.length / 4);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat32(i * 4, true);
  return out;
}

function bytesDigest(b: Uint8Array): string {
  return digest(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1'));
}

/**
 * Serialise a model: a JSON text (metadata, biases, calibration, thresholds) and the weights as
 * little-endian Float32 bytes, or inline in the JSON (base64) when `inline` is set.
 */
export function saveModel(
  model: Model,
  opts: { inline?: boolean } = {},
): { json: string; weights?: Uint8Array } {
  const bytes = toBytes(model.weights);
  const file = {
    meta: model.meta,
    bias: [...model.bias],
    plattA: [...model.plattA],
    plattB: [...model.plattB],
    thresholds: [...model.thresholds],
    ...(model.vocabulary ? { vocabulary: Buffer.from(model.vocabulary).toString('base64') } : {}),
    langCalibration: Object.fromEntries(
      Object.entries(model.langCalibration).map(([k, c]) => [
        k,
        { plattA: [...c.plattA], plattB: [...c.plattB], thresholds: [...c.thresholds] },
      ]),
    ),
    weights: {
      encoding: 'f32le' as const,
      length: model.weights.length,
      digest: bytesDigest(bytes),
      ...(opts.inline ? { inline: Buffer.from(bytes).toString('base64') } : {}),
    },
  };
  const json = JSON.stringify(file);
  return opts.inline ? { json } : { json, weights: bytes };
}

/** Load a model saved by `saveModel`. Throws OgohError naming the field at fault. */
export function loadModel(json: string, weights?: Uint8Array, fileName = 'model.json'): Model {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new OgohError('INPUT_PARSE', `model file is not JSON: ${(e as Error).message}`, {
      file: fileName,
      cause: e,
    });
  }
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OgohError('INPUT_FIELD', `not an Ogoh model: ${issue.message}`, {
      file: fileName,
      field: issue.path.join('.'),
      hint: 'use a file written by `ogoh train`',
    });
  }
  const f = parsed.data;
  const L = f.meta.labels.length;
  for (const k of ['bias', 'plattA', 'plattB', 'thresholds'] as const)
    if (f[k].length !== L)
      throw new OgohError('INPUT_FIELD', `${k} has ${f[k].length} values for ${L} labels`, {
        file: fileName,
        field: k,
      });
  for (const [lang, c] of Object.entries(f.langCalibration))
    for (const k of ['plattA', 'plattB', 'thresholds'] as const)
      if (c[k].length !== L)
        throw new OgohError(
          'INPUT_FIELD',
          `langCalibration.${lang}.${k} has ${c[k].length} values for ${L} labels`,
          {
            file: fileName,
            field: `langCalibration.${lang}.${k}`,
          },
        );
  if (
    f.vocabulary !== undefined &&
    Buffer.from(f.vocabulary, 'base64').length !== (1 << f.meta.features.bits) >>> 3
  )
    throw new OgohError('INPUT_FIELD', 'the vocabulary bitmap does not match the feature space', {
      file: fileName,
      field: 'vocabulary',
    });
  const map =
    f.vocabulary !== undefined
      ? rowMap(new Uint8Array(Buffer.from(f.vocabulary, 'base64')), f.meta.features.bits)
      : undefined;
  const expected = (map ? map.rows : 1 << f.meta.features.bits) * L;
  if (f.weights.length !== expected)
    throw new OgohError('INPUT_FIELD', `weights.length is ${f.weights.length}, expected ${expected}`, {
      file: fileName,
      field: 'weights.length',
    });
  const bytes =
    f.weights.inline !== undefined ? new Uint8Array(Buffer.from(f.weights.inline, 'base64')) : weights;
  if (!bytes)
    throw new OgohError('INPUT_MISSING', 'the model weights are missing', {
      file: fileName,
      field: 'weights',
      hint: 'pass the .weights file written next to the model JSON',
    });
  if (bytes.length !== expected * 4 || bytesDigest(bytes) !== f.weights.digest)
    throw new OgohError(
      'INPUT_FIELD',
      'the weights file does not belong to this model (size or digest differ)',
      {
        file: fileName,
        field: 'weights.digest',
        hint: 'use the .weights file saved together with this JSON',
      },
    );
  return {
    meta: f.meta as ModelMeta,
    weights: fromBytes(bytes),
    bias: Float32Array.from(f.bias),
    plattA: Float32Array.from(f.plattA),
    plattB: Float32Array.from(f.plattB),
    thresholds: Float32Array.from(f.thresholds),
    ...(f.vocabulary !== undefined
      ? { vocabulary: new Uint8Array(Buffer.from(f.vocabulary, 'base64')), rowOf: map!.rowOf }
      : {}),
    langCalibration: Object.fromEntries(
      Object.entries(f.langCalibration).map(([k, c]) => [
        k,
        {
          plattA: Float32Array.from(c.plattA),
          plattB: Float32Array.from(c.plattB),
          thresholds: Float32Array.from(c.thresholds),
        },
      ]),
    ),
  };
}
