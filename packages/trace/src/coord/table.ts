/**
 * Interns share events into parallel typed arrays (see `ShareTable`). Ids become dense integers via
 * one Map per kind, so the detector sorts and pairs numbers, never strings.
 */
import { OgohError, type ShareEvent } from '@ogoh/core';
import type { ShareTable } from './types.ts';

export class ShareTableBuilder {
  private readonly objectIds = new Map<string, number>();
  private readonly accountIds = new Map<string, number>();
  private readonly objectNames: string[] = [];
  private readonly accountNames: string[] = [];
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
    let o = this.objectIds.get(objectId);
    if (o === undefined) {
      o = this.objectNames.length;
      this.objectIds.set(objectId, o);
      this.objectNames.push(objectId);
    }
    let a = this.accountIds.get(accountId);
    if (a === undefined) {
      a = this.accountNames.length;
      this.accountIds.set(accountId, a);
      this.accountNames.push(accountId);
    }
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
      objectNames: this.objectNames.slice(),
      accountNames: this.accountNames.slice(),
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
