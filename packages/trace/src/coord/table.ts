/**
 * Interns share events into parallel typed arrays (see `ShareTable`). Ids become dense integers, so
 * the detector sorts and pairs numbers, never strings.
 */
import { OgohError, type ShareEvent } from '@ogoh/core';
import type { ShareTable } from './types.ts';

/**
 * String → dense id. Our own open-addressing table rather than a Map: a slot holds the string's hash
 * next to its id, so a lookup costs one cache miss for the slot and one for the string, where Map
 * costs more; interning 10 million fresh id strings takes about half the time.
 */
export class Interner {
  readonly names: string[] = [];
  /** slot i: [hash, id] at 2i, 2i+1; id -1 when empty */
  private slots = new Int32Array(2048).fill(-1);
  private mask = 1023;

  private static hash(s: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    return h ^ (h >>> 15);
  }

  /** The id of `s`, assigning the next one when it is new. */
  id(s: string): number {
    const h = Interner.hash(s);
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const id = slots[2 * i + 1]!;
      if (id === -1) break;
      if (slots[2 * i] === h && this.names[id] === s) return id;
      i = (i + 1) & mask;
    }
    const id = this.names.length;
    this.names.push(s);
    slots[2 * i] = h;
    slots[2 * i + 1] = id;
    if (this.names.length * 10 > (mask + 1) * 7) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    const mask = cap - 1;
    const slots = new Int32Array(cap * 2).fill(-1);
    for (let p = 0; p < old.length; p += 2) {
      const id = old[p + 1]!;
      if (id === -1) continue;
      let i = old[p]! & mask;
      while (slots[2 * i + 1] !== -1) i = (i + 1) & mask;
      slots[2 * i] = old[p]!;
      slots[2 * i + 1] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

export class ShareTableBuilder {
  private readonly objects = new Interner();
  private readonly accounts = new Interner();
  private object: Uint32Array;
  private account: Uint32Array;
  private time: Float64Array;
  private n = 0;
  /** events dropped because the sharing post is the object itself (an original, not a share) */
  selfShares = 0;

  /** @param expected rows expected, to size the arrays once */
  constructor(expected = 1024) {
    const cap = Math.max(16, Math.ceil(expected));
    this.object = new Uint32Array(cap);
    this.account = new Uint32Array(cap);
    this.time = new Float64Array(cap);
  }

  get size(): number {
    return this.n;
  }

  /**
   * Adds one share. A row whose `contentId` equals its `objectId` is the original post rather than a
   * share of it; CooRTweet drops the pairs it would form ("loops"), so it is dropped here and counted
   * in `selfShares`. Returns whether the row was kept.
   */
  add(objectId: string, accountId: string, timestamp: number, contentId?: string): boolean {
    if (!Number.isFinite(timestamp)) {
      throw new OgohError('INPUT_FIELD', `timestamp is not a finite number: ${String(timestamp)}`, {
        field: 'timestamp',
        hint: 'give seconds since 1970-01-01 UTC',
      });
    }
    if (contentId !== undefined && contentId === objectId) {
      this.selfShares++;
      return false;
    }
    const o = this.objects.id(objectId);
    const a = this.accounts.id(accountId);
    if (this.n === this.object.length) this.grow();
    this.object[this.n] = o;
    this.account[this.n] = a;
    this.time[this.n] = timestamp;
    this.n++;
    return true;
  }

  addEvent(e: ShareEvent): boolean {
    return this.add(e.objectId, e.accountId, e.timestamp, e.contentId);
  }

  private grow(): void {
    const cap = this.object.length * 2;
    const object = new Uint32Array(cap);
    object.set(this.object);
    this.object = object;
    const account = new Uint32Array(cap);
    account.set(this.account);
    this.account = account;
    const time = new Float64Array(cap);
    time.set(this.time);
    this.time = time;
  }

  /**
   * The table so far, without copying the arrays (views; later adds only write past `size` or into
   * new arrays, so the returned table never changes).
   */
  build(): ShareTable {
    return {
      size: this.n,
      object: this.object.subarray(0, this.n),
      account: this.account.subarray(0, this.n),
      time: this.time.subarray(0, this.n),
      objectNames: this.objects.names.slice(),
      accountNames: this.accounts.names.slice(),
    };
  }
}

/** Interns an iterable of share events. */
export function shareTableFrom(events: Iterable<ShareEvent>): ShareTable & { selfShares: number } {
  const b = new ShareTableBuilder(Array.isArray(events) ? events.length : 1024);
  for (const e of events) b.addEvent(e);
  return { ...b.build(), selfShares: b.selfShares };
}

/** Checks a hand-built table: lengths agree, ids are in range, times finite. O(n). */
export function validateShareTable(t: ShareTable): void {
  const bad = (msg: string, field: string) =>
    new OgohError('INPUT_FIELD', `share table: ${msg}`, { field, hint: 'build it with ShareTableBuilder' });
  if (!Number.isInteger(t.size) || t.size < 0) throw bad(`size ${t.size} is not a count`, 'size');
  if (t.object.length < t.size || t.account.length < t.size || t.time.length < t.size)
    throw bad(`arrays are shorter than size ${t.size}`, 'size');
  const no = t.objectNames.length;
  const na = t.accountNames.length;
  for (let i = 0; i < t.size; i++) {
    if (t.object[i]! >= no) throw bad(`event ${i}: object ${t.object[i]} has no name`, 'object');
    if (t.account[i]! >= na) throw bad(`event ${i}: account ${t.account[i]} has no name`, 'account');
    if (!Number.isFinite(t.time[i]!)) throw bad(`event ${i}: time is not finite`, 'time');
  }
}
