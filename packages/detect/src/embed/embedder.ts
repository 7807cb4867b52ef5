/**
 * The port for an optional sentence-embedding model. Ogoh works fully without one; an operator who
 * has a local model plugs it in (see onnx.ts) and the places that can use meaning beyond shared
 * words — claim matching for now — add a dense similarity to their lexical evidence.
 */

export interface Embedder {
  /** names the model (file and hash) so results can say what produced them */
  readonly id: string;
  readonly dims: number;
  /** one L2-normalised vector per text, in order */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Cosine of two L2-normalised vectors (their dot product), clamped to 0..1 for use as a feature. */
export function similarity(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return Math.max(0, Math.min(s, 1));
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}
