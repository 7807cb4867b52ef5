/**
 * A small seeded PRNG (mulberry32) and the few draws the generator needs. The demo corpus must be
 * byte-identical for a seed on every machine, so nothing here touches Math.random or the clock.
 */
export interface Rng {
  /** uniform float in [0, 1) */
  next(): number;
  /** integer in [min, max] inclusive */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** pick with weights (same length as list; weights need not sum to 1) */
  weighted<T>(list: readonly T[], weights: readonly number[]): T;
  /** k distinct elements in random order (k is capped at the list length) */
  sample<T>(list: readonly T[], k: number): T[];
  /** an independent stream derived from this one (for sub-generators that must not shift others) */
  fork(salt: number): Rng;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with a salt so forked streams do not overlap (a 32-bit integer hash). */
function mix(seed: number, salt: number): number {
  let h = (seed ^ Math.imul(salt + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(p) {
      return next() < p;
    },
    pick(list) {
      if (list.length === 0) throw new Error('pick from an empty list');
      return list[Math.floor(next() * list.length)] as (typeof list)[number];
    },
    weighted(list, weights) {
      let total = 0;
      for (const w of weights) total += w;
      let x = next() * total;
      for (let i = 0; i < list.length; i++) {
        x -= weights[i] ?? 0;
        if (x < 0) return list[i] as (typeof list)[number];
      }
      return list[list.length - 1] as (typeof list)[number];
    },
    sample(list, k) {
      const copy = list.slice();
      const n = Math.min(k, copy.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        const t = copy[i] as (typeof copy)[number];
        copy[i] = copy[j] as (typeof copy)[number];
        copy[j] = t;
      }
      return copy.slice(0, n);
    },
    fork(salt) {
      return createRng(mix(seed, salt + Math.floor(next() * 0xffff)));
    },
  };
  return rng;
}
