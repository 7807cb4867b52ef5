/**
 * A Bloom filter of LSH band hashes (the 52-bit `bandHash` the stores key their band index by),
 * for story clustering to skip reading bands no stored item carries: on a large store about three
 * of an item's sixteen bands were never seen before, and each cost an index probe that found
 * nothing. 16 bits and 4 probes per expected key (≈ 0.25 % false "maybe" at that load, more past
 * it); never a false "no".
 */
import type { BandFilter } from '@ogoh/core';

const BITS_PER_KEY = 16;
const PROBES = 4;

export class BandBloom implements BandFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private readonly hash: (band: string) => number;
  /** keys it was sized for, and keys added that set at least one bit (about the distinct ones) */
  private readonly expected: number;
  private added = 0;

  /** `expected`: keys the filter is sized for (rounded up to a power of two bits). */
  constructor(expected: number, hash: (band: string) => number) {
    let n = 1 << 16;
    while (n < expected * BITS_PER_KEY && n < 2 ** 31) n *= 2;
    this.bits = new Uint32Array(n >>> 5);
    this.mask = n - 1;
    this.hash = hash;
    this.expected = Math.max(expected, 1);
  }

  /** Adds a band hash as stored (the store's own key). */
  addHash(h: number): void {
    // two 26-bit halves of the 52-bit hash, combined (Kirsch–Mitzenmacher double hashing)
    const lo = h % 0x4000000;
    const hi = Math.floor(h / 0x4000000) | 1;
    let fresh = false;
    for (let i = 0; i < PROBES; i++) {
      const bit = (lo + Math.imul(i, hi)) & this.mask;
      const word = this.bits[bit >>> 5]!;
      const set = word | (1 << (bit & 31));
      if (set !== word) {
        this.bits[bit >>> 5] = set;
        fresh = true;
      }
    }
    if (fresh) this.added++;
  }

  full(): boolean {
    return this.added > this.expected;
  }

  private hasHash(h: number): boolean {
    const lo = h % 0x4000000;
    const hi = Math.floor(h / 0x4000000) | 1;
    for (let i = 0; i < PROBES; i++) {
      const bit = (lo + Math.imul(i, hi)) & this.mask;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  mayHave(band: string): boolean {
    return this.hasHash(this.hash(band));
  }

  add(band: string): void {
    this.addHash(this.hash(band));
  }
}
