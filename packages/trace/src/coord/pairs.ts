/**
 * The hot path of coordination detection: events bucketed by object and sorted by time, a sliding
 * window per object, and an open-addressing hash table on typed arrays that counts, for each account
 * pair, the distinct objects it co-shared. Nothing here allocates per event or per pair.
 */
import type { ShareTable } from './types.ts';

/**
 * Shares grouped by object, each group sorted by (time, account), exact repeats removed. Accounts and
 * times are copied into position order so the sweeps read memory sequentially instead of jumping
 * through an index (that alone halves the time at 10 million events).
 */
export interface Buckets {
  account: Uint32Array;
  time: Float64Array;
  /** bucket b is positions start[b] .. start[b+1]) */
  start: Uint32Array;
  /** object of bucket b */
  object: Uint32Array;
  count: number;
  /** exact repeats (same object, account and time) dropped */
  duplicates: number;
}

/** Sorts positions s..e) of the parallel arrays by (time, account). */
function sortRange(acc: Uint32Array, time: Float64Array, s: number, e: number, numAccounts: number): void {
  if (e - s <= 32) {
    for (let j = s + 1; j < e; j++) {
      const a = acc[j]!;
      const t = time[j]!;
      let k = j - 1;
      while (k >= s && (time[k]! > t || (time[k] === t && acc[k]! > a))) {
        acc[k + 1] = acc[k]!;
        time[k + 1] = time[k]!;
        k--;
      }
      acc[k + 1] = a;
      time[k + 1] = t;
    }
    return;
  }
  // Whole seconds (the usual case): pack (time, account) into one exact float and let the engine's
  // numeric typed-array sort do it, several times faster than a comparator over an index.
  let tmin = Number.POSITIVE_INFINITY;
  let tmax = Number.NEGATIVE_INFINITY;
  let whole = true;
  for (let j = s; j < e; j++) {
    const t = time[j]!;
    if (t < tmin) tmin = t;
    if (t > tmax) tmax = t;
    if (whole && !Number.isInteger(t)) whole = false;
  }
  if (whole && (tmax - tmin + 1) * numAccounts < 2 ** 53) {
    const keys = new Float64Array(e - s);
    for (let j = s; j < e; j++) keys[j - s] = (time[j]! - tmin) * numAccounts + acc[j]!;
    keys.sort();
    for (let j = s; j < e; j++) {
      const k = keys[j - s]!;
      const a = k % numAccounts;
      acc[j] = a;
      time[j] = tmin + (k - a) / numAccounts;
    }
    return;
  }
  const idx = Array.from({ length: e - s }, (_, i) => s + i);
  idx.sort((x, y) => time[x]! - time[y]! || acc[x]! - acc[y]!);
  const a2 = Uint32Array.from(idx, (i) => acc[i]!);
  const t2 = Float64Array.from(idx, (i) => time[i]!);
  acc.set(a2, s);
  time.set(t2, s);
}

/**
 * Counting sort by object (O(n)), then each object's shares by (time, account): insertion sort for
 * the usual handful, the engine's sort for large buckets. Only events with `keep[i] = 1` are used,
 * and objects left with fewer than two shares are dropped, since they cannot pair.
 */
export function bucketByObject(t: ShareTable, keep: Uint8Array): Buckets {
  const numObjects = t.objectNames.length;
  const counts = new Uint32Array(numObjects + 1);
  for (let i = 0; i < t.size; i++) if (keep[i] === 1) counts[t.object[i]!]!++;
  let m = 0;
  for (let o = 0; o < numObjects; o++) {
    if (counts[o]! < 2) counts[o] = 0;
    else m += counts[o]!;
  }
  // exclusive prefix sums: where each object's shares go
  const fill = new Uint32Array(numObjects + 1);
  for (let o = 0; o < numObjects; o++) fill[o + 1] = fill[o]! + counts[o]!;
  const account = new Uint32Array(m);
  const time = new Float64Array(m);
  for (let i = 0; i < t.size; i++) {
    if (keep[i] !== 1) continue;
    const o = t.object[i]!;
    if (counts[o] === 0) continue;
    const q = fill[o]!++;
    account[q] = t.account[i]!;
    time[q] = t.time[i]!;
  }
  // fill[o] is now the end of o's range, and its start is fill[o] - counts[o]
  let buckets = 0;
  for (let o = 0; o < numObjects; o++) if (counts[o]! >= 2) buckets++;
  const start = new Uint32Array(buckets + 1);
  const object = new Uint32Array(buckets);
  let b = 0;
  let write = 0;
  let duplicates = 0;
  for (let o = 0; o < numObjects; o++) {
    const n = counts[o]!;
    if (n < 2) continue;
    const e = fill[o]!;
    const s = e - n;
    sortRange(account, time, s, e, Math.max(1, t.accountNames.length));
    // compact: drop exact repeats, which are now adjacent
    const first = write;
    for (let j = s; j < e; j++) {
      const a = account[j]!;
      const x = time[j]!;
      if (j > s && account[write - 1] === a && time[write - 1] === x) {
        duplicates++;
        continue;
      }
      account[write] = a;
      time[write++] = x;
    }
    if (write - first < 2) {
      write = first;
      continue;
    }
    start[b] = first;
    object[b] = o;
    b++;
    start[b] = write;
  }
  return {
    account: account.subarray(0, write),
    time: time.subarray(0, write),
    start: start.subarray(0, b + 1),
    object: object.subarray(0, b),
    count: b,
    duplicates,
  };
}

const EMPTY = -1;

/**
 * Account pair → (distinct objects co-shared, distinct objects co-shared within the fast window).
 * Open addressing with linear probing, grown at 70 % load. A slot is 4 (or, with the fast window, 6)
 * consecutive int32s — a, b, weight, last object[, fast weight, last fast object] — so a probe touches
 * one cache line rather than one per field: at tens of millions of pairs the table is far larger than
 * the cache and every add is a memory miss. `last*` make a pair count once per object however many
 * of its shares fall in the window.
 */
export class PairTable {
  /** slot i occupies data[i*stride .. i*stride+stride) */
  data: Int32Array;
  readonly stride: number;
  size = 0;
  private mask: number;

  constructor(capacity: number, withFast: boolean) {
    let cap = 1024;
    while (cap < capacity) cap *= 2;
    this.stride = withFast ? 6 : 4;
    this.mask = cap - 1;
    this.data = PairTable.empty(cap, this.stride);
  }

  private static empty(cap: number, stride: number): Int32Array {
    const d = new Int32Array(cap * stride);
    for (let i = 0; i < d.length; i += stride) d[i] = EMPTY;
    return d;
  }

  get capacity(): number {
    return this.mask + 1;
  }

  /** first account of slot i, or -1 when the slot is empty */
  a(i: number): number {
    return this.data[i * this.stride]!;
  }

  b(i: number): number {
    return this.data[i * this.stride + 1]!;
  }

  weight(i: number): number {
    return this.data[i * this.stride + 2]!;
  }

  /** 0 when the table was built without a fast window */
  fastWeight(i: number): number {
    return this.stride === 6 ? this.data[i * 6 + 4]! : 0;
  }

  private static slot(a: number, b: number, mask: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x5bd1e995, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    return h & mask;
  }

  /** Counts object `o` for the pair (a, b), a < b; `fast` when these two shares fall in the fast window. */
  add(a: number, b: number, o: number, fast: boolean): void {
    const mask = this.mask;
    const d = this.data;
    const stride = this.stride;
    let i = PairTable.slot(a, b, mask);
    for (;;) {
      const p = i * stride;
      const k = d[p]!;
      if (k === EMPTY) {
        d[p] = a;
        d[p + 1] = b;
        d[p + 2] = 1;
        d[p + 3] = o;
        if (stride === 6) {
          d[p + 4] = fast ? 1 : 0;
          d[p + 5] = fast ? o : EMPTY;
        }
        if (++this.size * 10 > (mask + 1) * 7) this.grow();
        return;
      }
      if (k === a && d[p + 1] === b) {
        if (d[p + 3] !== o) {
          d[p + 3] = o;
          d[p + 2]!++;
        }
        if (fast && d[p + 5] !== o) {
          d[p + 5] = o;
          d[p + 4]!++;
        }
        return;
      }
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.data;
    const stride = this.stride;
    const cap = (this.mask + 1) * 2;
    const mask = cap - 1;
    const d = PairTable.empty(cap, stride);
    for (let p = 0; p < old.length; p += stride) {
      const a = old[p]!;
      if (a === EMPTY) continue;
      let i = PairTable.slot(a, old[p + 1]!, mask);
      while (d[i * stride] !== EMPTY) i = (i + 1) & mask;
      d.set(old.subarray(p, p + stride), i * stride);
    }
    this.data = d;
    this.mask = mask;
  }
}

export interface SweepResult {
  pairs: PairTable;
  /** 1 where the share at that bucket position paired with another account's share */
  coordinated: Uint8Array;
  pairOps: number;
  cappedShares: number;
}

/**
 * Slides the window over each object's time-sorted shares and pairs every share with the earlier
 * shares of *other* accounts at most `window` seconds before it (so both window edges are inclusive),
 * at most `cap` of them, nearest first.
 */
export function sweepPairs(bk: Buckets, window: number, fastWindow: number, cap: number): SweepResult {
  const withFast = fastWindow >= 0;
  const { start, time, account } = bk;
  // Size the table once from an upper bound on distinct pairs (shares paired, O(n) to count), so
  // it never rehashes on the way; capped so a crowded dataset does not reserve gigabytes up front.
  let bound = 0;
  for (let b = 0; b < bk.count; b++) {
    let left = start[b]!;
    for (let j = left + 1; j < start[b + 1]!; j++) {
      while (time[j]! - time[left]! > window) left++;
      bound += Math.min(j - left, cap);
    }
  }
  const pairs = new PairTable(Math.min(bound, 1 << 24) / 0.7, withFast);
  const coordinated = new Uint8Array(account.length);
  let pairOps = 0;
  let cappedShares = 0;
  for (let b = 0; b < bk.count; b++) {
    const s = start[b]!;
    const e = start[b + 1]!;
    const o = bk.object[b]!;
    let left = s;
    for (let j = s + 1; j < e; j++) {
      const tj = time[j]!;
      while (tj - time[left]! > window) left++;
      let lo = left;
      if (j - left > cap) {
        lo = j - cap;
        cappedShares++;
      }
      const aj = account[j]!;
      for (let i = j - 1; i >= lo; i--) {
        const ai = account[i]!;
        if (ai === aj) continue;
        coordinated[i] = 1;
        coordinated[j] = 1;
        pairOps++;
        const fast = withFast && tj - time[i]! <= fastWindow;
        if (ai < aj) pairs.add(ai, aj, o, fast);
        else pairs.add(aj, ai, o, fast);
      }
    }
  }
  return { pairs, coordinated, pairOps, cappedShares };
}
