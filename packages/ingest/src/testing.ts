/**
 * Test helpers for the parsers (not exported from the package): collecting events, snapshots of
 * parsed output, and seeded mutation fuzzing.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isOgohError, type OgohError } from '@ogoh/core';
import type { ParseEvent } from './types.ts';

export async function collect(events: AsyncIterable<ParseEvent>): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}

export const records = (evs: ParseEvent[]) => evs.flatMap((e) => ('record' in e ? [e.record] : []));
export const rejected = (evs: ParseEvent[]) => evs.flatMap((e) => ('rejected' in e ? [e.rejected] : []));
export const skipped = (evs: ParseEvent[]) => evs.flatMap((e) => ('skipped' in e ? [e.skipped] : []));

/** Run `fn` and return the OgohError it throws (failing if it throws anything else or nothing). */
export async function ogohError(fn: () => Promise<unknown>): Promise<OgohError> {
  try {
    await fn();
  } catch (e) {
    if (isOgohError(e)) return e;
    throw new assert.AssertionError({ message: `expected an OgohError, got ${String(e)}`, actual: e });
  }
  assert.fail('expected an OgohError, nothing was thrown');
}

/** Events as stored in snapshots: `raw` reduced to its length and a hash (still exact, but short). */
function forSnapshot(evs: ParseEvent[]): unknown[] {
  return evs.map((e) => {
    if (!('record' in e)) return e;
    const { raw, ...rest } = e.record;
    const hash = createHash('sha256').update(raw).digest('hex').slice(0, 16);
    return { record: { ...rest, raw: `${raw.length} chars, sha256 ${hash}` } };
  });
}

/**
 * Compare parsed events with `__snapshots__/<name>.json` beside the test. A missing snapshot fails
 * unless OGOH_UPDATE_SNAPSHOTS=1, which (re)writes it for review.
 */
export function matchSnapshot(testUrl: string, name: string, evs: ParseEvent[]): void {
  const file = join(dirname(new URL(testUrl).pathname), '__snapshots__', `${name}.json`);
  const actual = JSON.parse(JSON.stringify(forSnapshot(evs))) as unknown;
  if (process.env.OGOH_UPDATE_SNAPSHOTS === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  assert.ok(existsSync(file), `snapshot ${file} is missing; run with OGOH_UPDATE_SNAPSHOTS=1 and review it`);
  assert.deepEqual(actual, JSON.parse(readFileSync(file, 'utf8')));
}

/** mulberry32: a small seeded PRNG, so fuzz failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const enc = new TextEncoder();
/** Tokens that stress parsers: structure characters, encodings edges, entity tricks. */
const TOKENS = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\\',
  '\u0000',
  '<item>',
  '</item>',
  '<entry>',
  '</entry>',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '&#0;',
  '&#x110000;',
  '&lol;',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '"text":',
  '"messages":[',
  '""',
  '"\n"',
  '\uffff',
  '\ud800',
  'ҳҷқғӣӯ',
  '\u00a0',
  '<a href="javascript:x">',
  '1e999',
].map((t) => enc.encode(t));

/** A mutated copy of `bytes`: flips, deletions, insertions of stress tokens, duplications, truncation. */
export function mutate(bytes: Uint8Array, rand: () => number): Uint8Array {
  let b = Array.from(bytes);
  const steps = 1 + Math.floor(rand() * 4);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(rand() * (b.length + 1));
    const op = Math.floor(rand() * 6);
    if (op === 0 && b.length) b[Math.min(at, b.length - 1)] = Math.floor(rand() * 256);
    else if (op === 1) b.splice(at, 1 + Math.floor(rand() * 16));
    else if (op === 2) b.splice(at, 0, ...(TOKENS[Math.floor(rand() * TOKENS.length)] as Uint8Array));
    else if (op === 3) {
      const len = Math.floor(rand() * 200);
      b.splice(at, 0, ...b.slice(at, at + len));
    } else if (op === 4) b = b.slice(0, at);
    else b.splice(at, 0, 0xff, 0xc3);
  }
  return Uint8Array.from(b);
}

/**
 * Assert a parse attempt ended well: events that respect the record contract, or a coded input/usage
 * error (never a TypeError, never INTERNAL).
 */
export async function survives(run: () => AsyncIterable<ParseEvent>, label: string): Promise<void> {
  try {
    for await (const ev of run()) {
      if ('record' in ev) {
        const r = ev.record;
        assert.equal(typeof r.text, 'string', label);
        assert.equal(typeof r.raw, 'string', label);
        assert.ok(r.location.line >= 1, label);
        assert.ok(r.text !== '' || r.title || r.media.length || r.telegram, `${label}: empty record`);
        if (r.published !== undefined)
          assert.match(r.published, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, label);
      } else if ('rejected' in ev) assert.ok(ev.rejected.line >= 1, label);
      else assert.ok(ev.skipped.line >= 1, label);
    }
  } catch (e) {
    if (!isOgohError(e)) throw new Error(`${label}: threw ${e instanceof Error ? e.stack : String(e)}`);
    assert.ok(e.kind === 'input' || e.kind === 'usage', `${label}: ${e.code} ${e.message}`);
    assert.ok(e.file, `${label}: error without a file`);
  }
}

export function fixture(testUrl: string, rel: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(rel, testUrl)));
}
