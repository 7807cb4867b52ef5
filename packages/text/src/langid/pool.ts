/**
 * How rule scores and engine distributions are combined. Kept apart from identify.ts so that the
 * evaluation script can tune the parameters on cached engine outputs with the very same code.
 */
import { K, XX } from './rules.ts';

export interface PoolParams {
  /** rule margin (score points) at or above which the rules decide alone */
  margin: number;
  /** softmax sharpness for rule scores */
  beta: number;
  /** log-linear pool weights */
  wRules: number;
  wFranc: number;
  wCld3: number;
  wFastText: number;
  /** log-score handicap of "none of Ogoh's languages": most input is in one of them */
  xxPenalty: number;
}

export function softmax(scores: Float64Array, beta: number): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) if (s > max) max = s;
  const p = new Float64Array(scores.length);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const v = scores[k]!;
    if (v === Number.NEGATIVE_INFINITY) continue;
    p[k] = Math.exp(beta * (v - max));
    sum += p[k]!;
  }
  for (let k = 0; k < p.length; k++) p[k]! /= sum;
  return p;
}

/** Best and second-best index over finite scores, and the margin between them. */
export function top2(scores: Float64Array): [number, number, number] {
  let a = -1;
  let b = -1;
  for (let k = 0; k < scores.length; k++) {
    const v = scores[k]!;
    if (v === Number.NEGATIVE_INFINITY) continue;
    if (a < 0 || v > scores[a]!) {
      b = a;
      a = k;
    } else if (b < 0 || v > scores[b]!) b = k;
  }
  const margin = b < 0 ? Number.POSITIVE_INFINITY : scores[a]! - scores[b]!;
  return [a, b, margin];
}

/** Whether the rules are sure enough to skip the engines. */
export function rulesDecide(rules: Float64Array, p: PoolParams): boolean {
  return top2(rules)[2] >= p.margin;
}

/**
 * Log-linear pool over the candidates (finite rule scores): w_r·log p_rules + Σ w_e·log p_e.
 * `dists` are franc, cld3, fastText (null when not loaded).
 */
export function pool(
  rules: Float64Array,
  dists: readonly [Float64Array | null, Float64Array | null, Float64Array | null],
  p: PoolParams,
): { k: number; confidence: number } {
  const pr = softmax(rules, p.beta);
  if (rulesDecide(rules, p)) {
    const [a] = top2(rules);
    return { k: a, confidence: pr[a]! };
  }
  const eps = 1e-3;
  const weights = [p.wFranc, p.wCld3, p.wFastText];
  const pooled = new Float64Array(K).fill(Number.NEGATIVE_INFINITY);
  for (let k = 0; k < K; k++) {
    if (rules[k] === Number.NEGATIVE_INFINITY) continue;
    let v = p.wRules * Math.log(eps + pr[k]!);
    dists.forEach((d, i) => {
      if (d !== null) v += weights[i]! * Math.log(eps + d[k]!);
    });
    pooled[k] = k === XX ? v - p.xxPenalty : v;
  }
  const q = softmax(pooled, 1);
  const [best] = top2(pooled);
  return { k: best, confidence: q[best]! };
}
