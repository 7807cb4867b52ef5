/**
 * MinHash signatures and LSH banding for near-duplicate detection (our own: the npm `minhash`
 * package's index crashes). Shingles are word 3-grams of the keyboard-folded text, so Tajik typed on
 * a Russian layout and proper Tajik produce the same shingles. Hashing is 32-bit and allocation-light:
 * one FNV-1a hash per shingle, then `numHashes` cheap permutations h_i = (a_i * h + b_i) >>> 0 mixed
 * with an xorshift, which is plenty for Jaccard estimation at this scale.
 */

export interface MinHashOptions {
  /** signature length; must be bands × rows */
  numHashes: number;
  bands: number;
  /** words per shingle */
  shingleSize: number;
}

/** 64 hashes in 16 bands of 4 rows: a pair with Jaccard 0.5 becomes a candidate with p ≈ 0.64, at 0.7 with p ≈ 0.98. */
export const DEFAULT_MINHASH: MinHashOptions = { numHashes: 64, bands: 16, shingleSize: 3 };

function makeCoefficients(n: number): { a: Uint32Array; b: Uint32Array } {
  // Fixed seed: signatures must be comparable across runs and machines.
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = next() | 1;
    b[i] = next();
  }
  return { a, b };
}

const coefficientCache = new Map<number, { a: Uint32Array; b: Uint32Array }>();

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Words of an already-folded text: letters and digits only. */
export function words(foldText: string): string[] {
  return foldText.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** Distinct hashed shingles of a folded text. Texts shorter than one shingle give one shingle of all their words. */
export function shingleHashes(foldText: string, shingleSize = DEFAULT_MINHASH.shingleSize): Uint32Array {
  const w = words(foldText);
  if (w.length === 0) return new Uint32Array(0);
  const set = new Set<number>();
  if (w.length < shingleSize) set.add(fnv1a(w.join(' ')));
  for (let i = 0; i + shingleSize <= w.length; i++) {
    let key = w[i]!;
    for (let j = 1; j < shingleSize; j++) key += ` ${w[i + j]}`;
    set.add(fnv1a(key));
  }
  return Uint32Array.from(set);
}

/** The MinHash signature of a set of shingle hashes. An empty set gives an all-0xffffffff signature. */
export function signature(shingles: Uint32Array, options: MinHashOptions = DEFAULT_MINHASH): Uint32Array {
  const n = options.numHashes;
  let coeff = coefficientCache.get(n);
  if (!coeff) {
    coeff = makeCoefficients(n);
    coefficientCache.set(n, coeff);
  }
  const { a, b } = coeff;
  const sig = new Uint32Array(n).fill(0xffffffff);
  for (let k = 0; k < shingles.length; k++) {
    const h = shingles[k]!;
    for (let i = 0; i < n; i++) {
      let x = (Math.imul(a[i]!, h) + b[i]!) >>> 0;
      x ^= x >>> 15;
      x = Math.imul(x, 0x2c1b3c6d) >>> 0;
      x ^= x >>> 12;
      x >>>= 0;
      if (x < sig[i]!) sig[i] = x;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures of equal length. */
export function estimateJaccard(x: Uint32Array, y: Uint32Array): number {
  if (x.length !== y.length || x.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i] && x[i] !== 0xffffffff) same++;
  return same / x.length;
}

/** LSH band keys: items sharing any key are candidate near-duplicates. Keys are short strings "b<band>:<hash>". */
export function bandKeys(sig: Uint32Array, options: MinHashOptions = DEFAULT_MINHASH): string[] {
  const rows = options.numHashes / options.bands;
  const keys: string[] = [];
  for (let band = 0; band < options.bands; band++) {
    let h = 0x811c9dc5 ^ band;
    let empty = true;
    for (let r = 0; r < rows; r++) {
      const v = sig[band * rows + r]!;
      if (v !== 0xffffffff) empty = false;
      h = Math.imul(h ^ v, 0x01000193) >>> 0;
    }
    if (!empty) keys.push(`b${band}:${h.toString(36)}`);
  }
  return keys;
}
