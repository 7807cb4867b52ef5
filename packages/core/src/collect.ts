/**
 * Live collection: what the poller remembers between runs and the `CollectStore` port that keeps it.
 * - Fetch state per URL: the validators (ETag, Last-Modified) for conditional GET, and the hash of
 *   the last body so an unchanged body without validators is not parsed twice.
 * - Health per source: last success, last error, items per fetch, consecutive failures; a source
 *   that keeps failing is reported, never silently dropped.
 * - The poll log: one row per attempt, for the operator and the benchmarks.
 * - The payload ledger: every fetched body is stored raw before parsing; the ledger says which
 *   payloads were parsed, so an interrupted poll resumes and `ogoh reparse` can replay history.
 * - Media: one row per distinct image (by SHA-256) with its perceptual hash and OCR text, linked to
 *   the items that carry it; for extremist sources the bytes are never stored (`withheld`).
 */
import { z } from 'zod';
import type { Item } from './model.ts';

const isoTime = z.iso.datetime({ offset: true });

export const FetchState = z.object({
  url: z.string(),
  sourceId: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** SHA-256 (hex) of the last body received */
  bodyHash: z.string().optional(),
  /** a sitemap's <lastmod> for this URL when it was fetched: a discovered page is fetched again only when it moves */
  lastmod: z.string().optional(),
  status: z.number().int().optional(),
  fetchedAt: isoTime,
});
export type FetchState = z.infer<typeof FetchState>;

export const SourceHealth = z.object({
  sourceId: z.string(),
  lastAttemptAt: isoTime.optional(),
  lastSuccessAt: isoTime.optional(),
  lastErrorAt: isoTime.optional(),
  /** an OgohError code (FETCH_HTTP, FETCH_TIMEOUT, INPUT_PARSE, …) */
  lastErrorCode: z.string().optional(),
  lastError: z.string().optional(),
  consecutiveFailures: z.number().int().nonnegative(),
  fetches: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  /** items parsed from the last successful fetch (0 for an unchanged feed) */
  lastItems: z.number().int().nonnegative().optional(),
  /** of those, how many were new */
  lastNew: z.number().int().nonnegative().optional(),
  totalNew: z.number().int().nonnegative(),
  /** when the source is next due (interval, or backoff after failures, or a server's Retry-After) */
  nextDueAt: isoTime.optional(),
});
export type SourceHealth = z.infer<typeof SourceHealth>;

export const POLL_OUTCOMES = ['fetched', 'not-modified', 'unchanged', 'failed', 'skipped'] as const;
export const PollOutcome = z.enum(POLL_OUTCOMES);
export type PollOutcome = z.infer<typeof PollOutcome>;

export const PollLogEntry = z.object({
  /** assigned by the store, increasing */
  seq: z.number().int().optional(),
  runId: z.string(),
  sourceId: z.string(),
  url: z.string(),
  at: isoTime,
  ms: z.number().nonnegative(),
  outcome: PollOutcome,
  status: z.number().int().optional(),
  bytes: z.number().int().nonnegative().optional(),
  payloadId: z.string().optional(),
  items: z.number().int().nonnegative().optional(),
  new: z.number().int().nonnegative().optional(),
  errorCode: z.string().optional(),
  error: z.string().optional(),
});
export type PollLogEntry = z.infer<typeof PollLogEntry>;

/** A stored raw payload and whether (and how) it was parsed. */
export const PayloadParse = z.object({
  payloadId: z.string(),
  sourceId: z.string(),
  url: z.string(),
  format: z.string(),
  fetchedAt: isoTime,
  parsedAt: isoTime.optional(),
  items: z.number().int().nonnegative().optional(),
  error: z.string().optional(),
});
export type PayloadParse = z.infer<typeof PayloadParse>;

export const MediaRecord = z.object({
  /** SHA-256 (hex) of the image bytes */
  sha256: z.string(),
  url: z.string().optional(),
  path: z.string().optional(),
  mime: z.string().optional(),
  size: z.number().int().nonnegative(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  /** 64-bit pHash, 16 hex digits */
  phash: z.string().optional(),
  ocrText: z.string().optional(),
  ocrLangs: z.array(z.string()).default([]),
  /** bytes not kept (extremist source): hashes, metadata and OCR text only */
  withheld: z.boolean(),
  firstSeen: isoTime,
  body: z.instanceof(Uint8Array).optional(),
});
export type MediaRecord = z.infer<typeof MediaRecord>;

export interface SimilarMedia {
  sha256: string;
  phash: string;
  /** differing bits of 64 */
  distance: number;
  itemIds: string[];
}

export interface ReplaceItemsResult {
  /** stored items whose content the new parse changed (now queued for analysis again) */
  changed: number;
  unchanged: number;
  /** ids not stored (write them with Store.writeBatch) */
  missing: string[];
}

/** Where collection state lives (the same database as the items). */
export interface CollectStore {
  close(): Promise<void>;

  getFetchState(url: string): Promise<FetchState | undefined>;
  putFetchState(state: FetchState): Promise<void>;

  getHealth(sourceId: string): Promise<SourceHealth | undefined>;
  listHealth(): Promise<SourceHealth[]>;
  /** Appends one poll-log entry and sets the source's health, atomically; returns the entry's seq. */
  recordPoll(entry: PollLogEntry, health: SourceHealth): Promise<number>;
  /** newest first */
  listPollLog(options?: {
    sourceId?: string;
    runId?: string;
    limit?: number;
    beforeSeq?: number;
  }): Promise<PollLogEntry[]>;

  /** Inserts or updates a ledger row. */
  notePayload(row: PayloadParse): Promise<void>;
  /** Stored payloads never parsed to the end (a poll was interrupted), oldest first. */
  pendingPayloads(sourceId?: string): Promise<PayloadParse[]>;
  /** Ledger rows in fetch order, for reparse; keyset paging on (fetchedAt, payloadId). */
  listPayloads(options: {
    sourceId?: string;
    since?: string;
    after?: { fetchedAt: string; payloadId: string };
    limit?: number;
  }): Promise<PayloadParse[]>;

  /** Stores images (once per SHA-256) and links them to items. */
  putMedia(records: MediaRecord[], links: { sha256: string; itemId: string }[]): Promise<void>;
  getMedia(sha256: string): Promise<MediaRecord | undefined>;
  /** the image last stored from this URL (saves fetching and reading it again) */
  mediaByUrl(url: string): Promise<MediaRecord | undefined>;
  /** Images whose pHash is within `maxDistance` bits, nearest first, with the items that carry them. */
  similarMedia(phash: string, options?: { maxDistance?: number; limit?: number }): Promise<SimilarMedia[]>;

  /**
   * Re-parsed items: a stored item parsed from the same payload whose content differs is rewritten
   * in place (text, title, search key, language, dates, links, media, OCR, raw) and queued for
   * analysis again. Items first stored from another payload keep their first version (what was
   * published then is the evidence); its place in time-ordered lists (the sort key) never moves.
   */
  replaceItems(items: Item[]): Promise<ReplaceItemsResult>;

  /**
   * Removes a source and its collection state. Refused (CONFLICT) while items or payloads still
   * name it; returns false when there is no such source.
   */
  removeSource(sourceId: string): Promise<boolean>;
}
