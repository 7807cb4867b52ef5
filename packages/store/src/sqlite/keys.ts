/**
 * Item sort keys. An item's rowid is `(published ms since 1900) << 20 | tie`, so descending rowid is
 * newest-published-first everywhere: the table, every secondary index (their keys end in the rowid)
 * and the FTS5 index, which shares the rowid. A full-text page is then the first 50 rowids of a lazy
 * FTS5 walk, with no sort over all matches, and `since`/`until` become rowid ranges FTS5 seeks to.
 *
 * - The tie (20 bits, ~1M per millisecond) orders items published in the same millisecond by
 *   insertion; a full millisecond spills into the one before, which only shifts ordering by 1 ms.
 * - Times are clamped to 1900–2178 (43 bits of milliseconds); ordering outside that is lost.
 * - Items without a (parseable) published time get negative keys, allocated upwards from −2^62 in
 *   insertion order, so they come after every dated item, newest collected first.
 * Keys exceed 2^53, so they are bigint in JS and travel as text or bigint, never as a number.
 */
import { OgohError } from '@ogoh/core';
import type { Db } from './db.ts';

const TIE_BITS = 20n;
const TIES = 1n << TIE_BITS;
const EPOCH_MS = Date.UTC(1900, 0, 1);
const MAX_OFFSET_MS = 2 ** 43 - 1;
export const UNDATED_BASE = -(2n ** 62n);
/** Spill at most this many milliseconds back before declaring the time slot exhausted. */
const MAX_SPILL = 1000;

/** First key of the millisecond `ms` (epoch ms); every item published at or after it sorts at or above. */
export function slotStart(ms: number): bigint {
  const offset = Math.min(Math.max(Math.floor(ms) - EPOCH_MS, 0), MAX_OFFSET_MS);
  return BigInt(offset) << TIE_BITS;
}

/** Epoch ms of a published string, or undefined when absent or unparseable. */
export function publishedMs(published: string | undefined): number | undefined {
  if (published === undefined) return undefined;
  const ms = Date.parse(published);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Allocates keys for one batch. Keys handed out are remembered until `reset`, so a batch can
 * allocate all its keys first and insert in ascending key order: FTS5 flushes its pending index
 * to a new segment whenever a rowid arrives out of order, which made unsorted batches 3× slower.
 */
export class KeyAllocator {
  private readonly db: Db;
  /** slot start → last key handed out in it during this batch */
  private readonly issued = new Map<bigint, bigint>();
  private undatedTop: bigint | null | undefined;

  constructor(db: Db) {
    this.db = db;
  }

  /** Forget this batch's keys (call at the start of every write transaction). */
  reset(): void {
    this.issued.clear();
    this.undatedTop = undefined;
  }

  private maxIn(lo: bigint, hi: bigint): bigint | null {
    const s = this.db.stmt('SELECT max(sort_key) FROM items WHERE sort_key >= ? AND sort_key < ?');
    return s.safeIntegers(true).pluck().get(lo, hi) as bigint | null;
  }

  /** Whether `key` already sorts as published at `ms` (same millisecond slot, or both undated). */
  sameSlot(key: bigint, ms: number | undefined): boolean {
    if (ms === undefined) return key < 0n;
    const lo = slotStart(ms);
    return key >= lo && key < lo + TIES;
  }

  /** Next free key for an item published at `ms` (or undated). Call inside the write transaction. */
  next(ms: number | undefined): bigint {
    if (ms === undefined) {
      if (this.undatedTop === undefined) this.undatedTop = this.maxIn(UNDATED_BASE, 0n);
      this.undatedTop = this.undatedTop === null ? UNDATED_BASE : this.undatedTop + 1n;
      return this.undatedTop;
    }
    let lo = slotStart(ms);
    for (let spill = 0; spill <= MAX_SPILL && lo >= 0n; spill++, lo -= TIES) {
      const top = this.issued.has(lo) ? this.issued.get(lo)! : this.maxIn(lo, lo + TIES);
      const key = top === null ? lo : top + 1n;
      if (key < lo + TIES) {
        this.issued.set(lo, key);
        return key;
      }
      this.issued.set(lo, lo + TIES - 1n);
    }
    throw new OgohError(
      'STORE',
      `more than a billion items share the published time ${new Date(ms).toISOString()}`,
      {
        field: 'published',
        hint: 'the published times of this input look wrong; fix them or leave them out',
      },
    );
  }
}
