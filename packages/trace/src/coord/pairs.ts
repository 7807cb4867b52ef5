/**
 * The hot path of coordination detection: events bucketed by object and sorted by time, a sliding
 * window per object, and an open-addressing hash table on typed arrays that counts, for each account
 * pair, the distinct objects it co-shared. Nothing here allocates per event or per pair.
 */
import type { ShareTable } from './types.ts';

/** Events of each object, consecutive and sorted by (time, account), exact repeats removed. */
export interface Buckets {
  /** event indices */
  order: Uint32Array;
  /** bucket b is order[start[b] .. start[b+1]) */
  start: Uint32Array;
  /** object of bucket b */
  object: Uint32Array;
  count: number;
  /** exact repeats (same object, account and time) dropped */
  duplicates: number;
}

function lessThan(t: ShareTable, x: number, y: number): boolean {
  const tx = t.time[x]!;
  const ty = t.time[y]!;
  return tx < ty || (tx === ty && t.account[x]! < t.account[y]!);
}

/**
 * Counting sort by object (O(n)), then each object's events by (time, account): insertion sort for
 * the usual handful, the engine's sort for large buckets. Only events with `keep[i] = 1` are used,
 * and objects left with fewer than two events are dropped, since they cannot pair.
 */
export function bucketByObject(t: ShareTable, keep: Uint8Array): Buckets {
  const numObjects = t.objectNames.length;
  const counts = new Uint32Array(numObjects + 1);
  for (let i = 0; i < t.size; i++) if (keep[i] === 1) counts[t.object[i]!]!++;
  let m = 0;
  let buckets = 0;
  for (let o = 0; o < numObjects; o++) {
    if (counts[o]! < 2) counts[o] = 0;
    else {
      m += counts[o]!;
      buckets++;
    }
  }
  // exclusive prefix sums: where each object's events go
  const pos = new Uint32Array(numObjects + 1);
  for (let o = 0; o < numObjects; o++) pos[o + 1] = pos[o]! + counts[o]!;
  const order = new Uint32Array(m);
  const fill = pos.slice(0, numObjects);
  for (let i = 0; i < t.size; i++) {
    if (keep[i] !== 1) continue;
    const o = t.object[i]!;
    if (counts[o] === 0) continue;
    order[fill[o]!++] = i;
  }
  const start = new Uint32Array(buckets + 1);
  const object = new Uint32Array(buckets);
  let b = 0;
  let write = 0;
  let duplicates = 0;
  let scratch: number[] = [];
  for (let o = 0; o < numObjects; o++) {
    const s = pos[o]!;
    const e = pos[o + 1]!;
    if (e - s < 2) continue;
    if (e - s <= 32) {
      for (let j = s + 1; j < e; j++) {
        const x = order[j]!;
        let k = j - 1;
        while (k >= s && lessThan(t, x, order[k]!)) {
          order[k + 1] = order[k]!;
          k--;
        }
        order[k + 1] = x;
      }
    } else {
      scratch = Array.from(order.subarray(s, e));
      scratch.sort((x, y) => t.time[x]! - t.time[y]! || t.account[x]! - t.account[y]!);
      order.set(scratch, s);
    }
    // compact: drop exact repeats, which are now adjacent
    const first = write;
    for (let j = s; j < e; j++) {
      const x = order[j]!;
      if (j > s) {
        const prev = order[write - 1]!;
        if (t.account[prev] === t.account[x] && t.time[prev] === t.time[x]) {
          duplicates++;
          continue;
        }
      }
      order[write++] = x;
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
    order: order.subarray(0, write),
    start: start.subarray(0, b + 1),
    object: object.subarray(0, b),
    count: b,
    duplicates,
  };
}

const EMPTY = -1;

/**
 * Account pair → (distinct objects co-shared, distinct objects co-shared within the fast window).
 * Keys are (a, b) with a < b, linear probing, grown at 70 % load. `last*` remember the last object
 * counted so a pair counts once per object however many of its shares fall in the window.
 */
export class PairTable {
  keyA: Int32Array;
  keyB: Int32Array;
  weight: Uint32Array;
  last: Int32Array;
  fastWeight: Uint32Array;
  lastFast: Int32Array;
  size = 0;
  private mask: number;
  private readonly withFast: boolean;

  constructor(capacity: number, withFast: boolean) {
    let cap = 1024;
    while (cap < capacity) cap *= 2;
    this.withFast = withFast;
    this.mask = cap - 1;
    this.keyA = new Int32Array(cap).fill(EMPTY);
    this.keyB = new Int32Array(cap);
    this.weight = new Uint32Array(cap);
    this.last = new Int32Array(cap);
    this.fastWeight = new Uint32Array(withFast ? cap : 0);
    this.lastFast = new Int32Array(withFast ? cap : 0);
  }

  get capacity(): number {
    return this.mask + 1;
  }

  /** Counts object `o` for the pair (a, b), a < b; `fast` when these two shares fall in the fast window. */
  add(a: number, b: number, o: number, fast: boolean): void {
    const mask = this.mask;
    const keyA = this.keyA;
    const keyB = this.keyB;
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x5bd1e995, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    let i = h & mask;
    for (;;) {
      const k = keyA[i]!;
      if (k === EMPTY) break;
      if (k === a && keyB[i] === b) {
        if (this.last[i] !== o) {
          this.last[i] = o;
          this.weight[i]!++;
        }
        if (fast && this.lastFast[i] !== o) {
          this.lastFast[i] = o;
          this.fastWeight[i]!++;
        }
        return;
      }
      i = (i + 1) & mask;
    }
    keyA[i] = a;
    keyB[i] = b;
    this.weight[i] = 1;
    this.last[i] = o;
    if (this.withFast) {
      this.fastWeight[i] = fast ? 1 : 0;
      this.lastFast[i] = fast ? o : EMPTY;
    }
    if (++this.size * 10 > (mask + 1) * 7) this.grow();
  }

  private grow(): void {
    const oldA = this.keyA;
    const oldB = this.keyB;
    const oldW = this.weight;
    const oldL = this.last;
    const oldFW = this.fastWeight;
    const oldFL = this.lastFast;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.keyA = new Int32Array(cap).fill(EMPTY);
    this.keyB = new Int32Array(cap);
    this.weight = new Uint32Array(cap);
    this.last = new Int32Array(cap);
    this.fastWeight = new Uint32Array(this.withFast ? cap : 0);
    this.lastFast = new Int32Array(this.withFast ? cap : 0);
    const mask = this.mask;
    for (let j = 0; j < oldA.length; j++) {
      const a = oldA[j]!;
      if (a === EMPTY) continue;
      const b = oldB[j]!;
      let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x5bd1e995, 0x85ebca77);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 13;
      let i = h & mask;
      while (this.keyA[i] !== EMPTY) i = (i + 1) & mask;
      this.keyA[i] = a;
      this.keyB[i] = b;
      this.weight[i] = oldW[j]!;
      this.last[i] = oldL[j]!;
      if (this.withFast) {
        this.fastWeight[i] = oldFW[j]!;
        this.lastFast[i] = oldFL[j]!;
      }
    }
  }
}

export interface SweepResult {
  pairs: PairTable;
  /** 1 where the share at that position of `order` paired with another account's share */
  coordinated: Uint8Array;
  pairOps: number;
  cappedShares: number;
}

/**
 * Slides the window over each object's time-sorted shares and pairs every share with the earlier
 * shares of *other* accounts at most `window` seconds before it (so both window edges are inclusive),
 * at most `cap` of them, nearest first.
 */
export function sweepPairs(
  t: ShareTable,
  bk: Buckets,
  window: number,
  fastWindow: number,
  cap: number,
): SweepResult {
  const withFast = fastWindow >= 0;
  const pairs = new PairTable(1 << 16, withFast);
  const coordinated = new Uint8Array(bk.order.length);
  const { order, start } = bk;
  const time = t.time;
  const account = t.account;
  let pairOps = 0;
  let cappedShares = 0;
  for (let b = 0; b < bk.count; b++) {
    const s = start[b]!;
    const e = start[b + 1]!;
    const o = bk.object[b]!;
    let left = s;
    for (let j = s + 1; j < e; j++) {
      const ej = order[j]!;
      const tj = time[ej]!;
      while (tj - time[order[left]!]! > window) left++;
      let lo = left;
      if (j - left > cap) {
        lo = j - cap;
        cappedShares++;
      }
      const aj = account[ej]!;
      for (let i = j - 1; i >= lo; i--) {
        const ei = order[i]!;
        const ai = account[ei]!;
        if (ai === aj) continue;
        coordinated[i] = 1;
        coordinated[j] = 1;
        pairOps++;
        const fast = withFast && tj - time[ei]! <= fastWindow;
        if (ai < aj) pairs.add(ai, aj, o, fast);
        else pairs.add(aj, ai, o, fast);
      }
    }
  }
  return { pairs, coordinated, pairOps, cappedShares };
}
