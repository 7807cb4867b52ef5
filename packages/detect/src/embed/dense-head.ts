/**
 * A narrative classifier over sentence embeddings, the plug-in's contribution to classification:
 * one logistic regression per label on the operator's embedding vectors, trained beside the
 * hashed-feature model by `ogoh train narratives` when OGOH_EMBED_MODEL is set. Its probability
 * enters a narrative's score like the hashed model's does — by adding log-odds and subtracting its
 * own prior — so a head at its prior changes nothing, and a confident one can lift a text whose
 * wording the cues and n-grams miss. It is tied to the embedder that trained it (its id) and is
 * ignored under any other.
 */
import { OgohError } from '@ogoh/core';

export interface DenseHead {
  format: 1;
  version: string;
  /** the Embedder id the head was trained on */
  embedder: string;
  dims: number;
  labels: string[];
  /** labels × dims, row-major */
  weights: Float32Array;
  bias: Float32Array;
  /** share of training examples carrying each label */
  prior: number[];
  trainedOn: number;
}

export interface DenseTrainOptions {
  epochs?: number;
  /** L2 penalty per example */
  l2?: number;
  learningRate?: number;
  seed?: number;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Trains one-vs-rest logistic regressions (SGD with AdaGrad steps; rare positives up-weighted by
 * √(neg/pos), at most 4×) on unit vectors. Labels with no positive example are left out.
 */
export function trainDenseHead(
  embedder: string,
  vectors: readonly Float32Array[],
  examples: readonly { labels: readonly string[] }[],
  labelSet: readonly string[],
  options: DenseTrainOptions = {},
): DenseHead {
  const n = vectors.length;
  if (n === 0 || n !== examples.length)
    throw new OgohError('INPUT_FIELD', 'the dense head needs one vector per example', { field: 'examples' });
  const dims = vectors[0]!.length;
  const labels = labelSet.filter((l) => examples.some((e) => e.labels.includes(l)));
  const L = labels.length;
  const weights = new Float32Array(L * dims);
  const bias = new Float32Array(L);
  const prior = labels.map((l) => examples.filter((e) => e.labels.includes(l)).length / n);
  const epochs = options.epochs ?? 20;
  const l2 = options.l2 ?? 1e-4;
  const lr = options.learningRate ?? 0.5;
  const random = rng(options.seed ?? 7);
  const order = Array.from({ length: n }, (_, i) => i);
  const has = examples.map((e) => new Set(e.labels));
  for (let l = 0; l < L; l++) {
    const label = labels[l]!;
    const pos = prior[l]! * n;
    const up = Math.min(4, Math.sqrt(Math.max(1, (n - pos) / Math.max(1, pos))));
    const g2 = new Float64Array(dims).fill(1e-8);
    let gb2 = 1e-8;
    const row = weights.subarray(l * dims, (l + 1) * dims);
    bias[l] = Math.log(Math.max(prior[l]!, 1e-3) / Math.max(1 - prior[l]!, 1e-3));
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const i of order) {
        const v = vectors[i]!;
        let z = bias[l]!;
        for (let k = 0; k < dims; k++) z += row[k]! * v[k]!;
        const y = has[i]!.has(label) ? 1 : 0;
        const g = (sigmoid(z) - y) * (y ? up : 1);
        for (let k = 0; k < dims; k++) {
          const gk = g * v[k]! + l2 * row[k]!;
          g2[k]! += gk * gk;
          row[k]! -= (lr * gk) / Math.sqrt(g2[k]!);
        }
        gb2 += g * g;
        bias[l]! -= (lr * g) / Math.sqrt(gb2);
      }
    }
  }
  return {
    format: 1,
    version: `dense-${new Date().toISOString().slice(0, 10)}-${embedder.split('@').pop()}-${n}`,
    embedder,
    dims,
    labels,
    weights,
    bias,
    prior,
    trainedOn: n,
  };
}

/** Probability of each label of the head for one vector. */
export function denseProbabilities(head: DenseHead, v: Float32Array): Map<string, number> {
  const out = new Map<string, number>();
  const d = Math.min(head.dims, v.length);
  head.labels.forEach((label, l) => {
    let z = head.bias[l]!;
    const off = l * head.dims;
    for (let k = 0; k < d; k++) z += head.weights[off + k]! * v[k]!;
    out.set(label, sigmoid(z));
  });
  return out;
}

const b64 = (a: Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const fromB64 = (s: string): Float32Array => {
  const b = Buffer.from(s, 'base64');
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

export function saveDenseHead(head: DenseHead): string {
  return JSON.stringify({ ...head, weights: b64(head.weights), bias: b64(head.bias) });
}

/** Reads a saved head; a file of another shape is a coded error naming it. */
export function loadDenseHead(json: string, file = 'narratives.dense.json'): DenseHead {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json);
  } catch (e) {
    throw new OgohError('INPUT_PARSE', 'not valid JSON', { file, cause: e });
  }
  const bad = (field: string): never => {
    throw new OgohError('INPUT_FIELD', `"${field}" is missing or malformed`, {
      file,
      field,
      hint: 'retrain with `ogoh train narratives` and OGOH_EMBED_MODEL set',
    });
  };
  if (o.format !== 1) bad('format');
  if (typeof o.embedder !== 'string') bad('embedder');
  if (typeof o.dims !== 'number') bad('dims');
  if (!Array.isArray(o.labels)) bad('labels');
  if (typeof o.weights !== 'string') bad('weights');
  if (typeof o.bias !== 'string') bad('bias');
  const labels = o.labels as string[];
  const weights = fromB64(o.weights as string);
  const bias = fromB64(o.bias as string);
  if (weights.length !== labels.length * (o.dims as number)) bad('weights');
  if (bias.length !== labels.length) bad('bias');
  return {
    format: 1,
    version: String(o.version ?? 'dense'),
    embedder: o.embedder as string,
    dims: o.dims as number,
    labels,
    weights,
    bias,
    prior: Array.isArray(o.prior) ? (o.prior as number[]) : labels.map(() => 0.1),
    trainedOn: Number(o.trainedOn ?? 0),
  };
}
