/**
 * What the SQLite and PostgreSQL collect adapters share: their rows (the same columns on both
 * stores) mapped to records, the media and ledger column lists, pHash distance, and the item fields
 * a re-parse may change. The adapters differ only in SQL, locking and transactions.
 */
import type { FetchState, Item, MediaRecord, PayloadParse, PollLogEntry, SourceHealth } from '@ogoh/core';

export type N<T> = T | null;

export interface FetchRow {
  url: string;
  source_id: string;
  etag: N<string>;
  last_modified: N<string>;
  body_hash: N<string>;
  lastmod: N<string>;
  status: N<number>;
  fetched_at: string;
}

export interface HealthRow {
  source_id: string;
  last_attempt_at: N<string>;
  last_success_at: N<string>;
  last_error_at: N<string>;
  last_error_code: N<string>;
  last_error: N<string>;
  consecutive_failures: number;
  fetches: number;
  failures: number;
  last_items: N<number>;
  last_new: N<number>;
  total_new: number;
  next_due_at: N<string>;
}

export interface LogRow {
  /** PostgreSQL's bigint arrives as text */
  seq: number | string;
  run_id: string;
  source_id: string;
  url: string;
  at: string;
  ms: number;
  outcome: string;
  status: N<number>;
  bytes: N<number>;
  payload_id: N<string>;
  items: N<number>;
  new_items: N<number>;
  error_code: N<string>;
  error: N<string>;
}

export interface LedgerRow {
  payload_id: string;
  source_id: string;
  url: string;
  format: string;
  fetched_at: string;
  parsed_at: N<string>;
  items: N<number>;
  error: N<string>;
}

export interface MediaRow {
  sha256: string;
  url: N<string>;
  path: N<string>;
  mime: N<string>;
  size: number;
  width: N<number>;
  height: N<number>;
  phash: N<string>;
  ocr_text: N<string>;
  ocr_langs: string;
  /** 0/1 on SQLite, a boolean on PostgreSQL */
  withheld: number | boolean;
  first_seen: string;
  body: N<Uint8Array>;
}

/** Copies non-null columns onto optional properties (never `undefined`-valued keys). */
export function put<T extends object, K extends keyof T>(out: T, key: K, v: T[K] | null): void {
  if (v !== null && v !== undefined) out[key] = v;
}

export function rowToFetch(r: FetchRow): FetchState {
  const s: FetchState = { url: r.url, sourceId: r.source_id, fetchedAt: r.fetched_at };
  put(s, 'etag', r.etag);
  put(s, 'lastModified', r.last_modified);
  put(s, 'bodyHash', r.body_hash);
  put(s, 'lastmod', r.lastmod);
  put(s, 'status', r.status);
  return s;
}

export function rowToHealth(r: HealthRow): SourceHealth {
  const h: SourceHealth = {
    sourceId: r.source_id,
    consecutiveFailures: r.consecutive_failures,
    fetches: r.fetches,
    failures: r.failures,
    totalNew: r.total_new,
  };
  put(h, 'lastAttemptAt', r.last_attempt_at);
  put(h, 'lastSuccessAt', r.last_success_at);
  put(h, 'lastErrorAt', r.last_error_at);
  put(h, 'lastErrorCode', r.last_error_code);
  put(h, 'lastError', r.last_error);
  put(h, 'lastItems', r.last_items);
  put(h, 'lastNew', r.last_new);
  put(h, 'nextDueAt', r.next_due_at);
  return h;
}

export function rowToLog(r: LogRow): PollLogEntry {
  const e: PollLogEntry = {
    seq: Number(r.seq),
    runId: r.run_id,
    sourceId: r.source_id,
    url: r.url,
    at: r.at,
    ms: r.ms,
    outcome: r.outcome as PollLogEntry['outcome'],
  };
  put(e, 'status', r.status);
  put(e, 'bytes', r.bytes);
  put(e, 'payloadId', r.payload_id);
  put(e, 'items', r.items);
  put(e, 'new', r.new_items);
  put(e, 'errorCode', r.error_code);
  put(e, 'error', r.error);
  return e;
}

export function rowToLedger(r: LedgerRow): PayloadParse {
  const p: PayloadParse = {
    payloadId: r.payload_id,
    sourceId: r.source_id,
    url: r.url,
    format: r.format,
    fetchedAt: r.fetched_at,
  };
  put(p, 'parsedAt', r.parsed_at);
  put(p, 'items', r.items);
  put(p, 'error', r.error);
  return p;
}

export function rowToMedia(r: MediaRow): MediaRecord {
  const m: MediaRecord = {
    sha256: r.sha256,
    size: r.size,
    ocrLangs: JSON.parse(r.ocr_langs) as string[],
    withheld: r.withheld === true || r.withheld === 1,
    firstSeen: r.first_seen,
  };
  put(m, 'url', r.url);
  put(m, 'path', r.path);
  put(m, 'mime', r.mime);
  put(m, 'width', r.width);
  put(m, 'height', r.height);
  put(m, 'phash', r.phash);
  put(m, 'ocrText', r.ocr_text);
  if (r.body !== null) m.body = new Uint8Array(r.body);
  return m;
}

export const MEDIA_COLUMNS =
  'sha256, url, path, mime, size, width, height, phash, ocr_text, ocr_langs, withheld, first_seen, body';
export const LEDGER_SELECT = 'payload_id, source_id, url, format, fetched_at, parsed_at, items, error';

/** Bits set in a nibble, for Hamming distances between hex hashes. */
const POPCOUNT = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

export function hexDistance(a: string, b: string): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let d = 0;
  for (let i = 0; i < a.length; i++)
    d += POPCOUNT[(Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16)) & 15]!;
  return d;
}

/** Item fields a re-parse may change, with their columns. */
export const CONTENT: [keyof Item, string, 'json' | 'bool' | 'plain'][] = [
  ['url', 'url', 'plain'],
  ['canonicalUrl', 'canonical_url', 'plain'],
  ['title', 'title', 'plain'],
  ['text', 'text', 'plain'],
  ['lang', 'lang', 'plain'],
  ['langConfidence', 'lang_confidence', 'plain'],
  ['published', 'published', 'plain'],
  ['publishedRaw', 'published_raw', 'plain'],
  ['authorName', 'author_name', 'plain'],
  ['contentHash', 'content_hash', 'plain'],
  ['foldText', 'fold_text', 'plain'],
  ['links', 'links', 'json'],
  ['media', 'media', 'json'],
  ['telegram', 'telegram', 'json'],
  ['raw', 'raw', 'plain'],
  ['ocrText', 'ocr_text', 'plain'],
  ['mediaWithheld', 'media_withheld', 'bool'],
];

export function contentValue(it: Item, key: keyof Item, kind: 'json' | 'bool' | 'plain'): unknown {
  const v = it[key];
  if (kind === 'bool') return v ? 1 : null;
  if (v === undefined) return null;
  return kind === 'json' ? JSON.stringify(v) : v;
}
