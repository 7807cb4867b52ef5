/**
 * What every parser emits. A parser turns one file into a stream of events: parsed records, records it
 * refused (with the line and the reason, so the user can fix the data) and records it skipped on
 * purpose (Telegram service messages). Whole-file problems are thrown as `OgohError`s instead.
 */
import type { Format, Link, MediaRef, TelegramMeta } from '@ogoh/core';

export interface ParsedRecord {
  /** guid / Atom id / `<chatId>/<messageId>` / the CSV or JSONL id column */
  externalId?: string;
  /** the record's URL exactly as found (the app canonicalises it) */
  url?: string;
  title?: string;
  /**
   * Plain text: HTML stripped, entities decoded, paragraphs separated by a blank line. It is '' only
   * when a title is present, or for a Telegram message that carries media without a caption.
   */
  text: string;
  /** UTC ISO-8601 (`Date#toISOString()`) */
  published?: string;
  /** the date exactly as written */
  publishedRaw?: string;
  authorName?: string;
  authorId?: string;
  /** the language the format declares (xml:lang, RSS <language>, a CSV lang column), as written */
  lang?: string;
  /** RSS categories / Atom category terms, as written */
  categories?: string[];
  /** the outlet or channel a CSV/JSONL row names in a `source` column */
  source?: string;
  /** the feed an RSS/Atom item came from: lets the app pick a source without a --source flag */
  feed?: { title?: string; link?: string };
  links: Link[];
  media: MediaRef[];
  telegram?: TelegramMeta;
  /** the verbatim record: the <item>/<entry> XML, the JSON message object, the CSV row, the JSONL line */
  raw: string;
  /** where the record starts in the file (1-based) */
  location: { line: number; column?: number };
}

/** A record the parser could read but will not accept; the rest of the file still counts. */
export interface Rejected {
  line: number;
  reason: string;
  field?: string;
}

/** Skipped on purpose and counted, not an error (Telegram service messages, empty messages). */
export interface Skipped {
  line: number;
  reason: string;
}

export type ParseEvent = { record: ParsedRecord } | { rejected: Rejected } | { skipped: Skipped };

/** Targets a column map may name. `author` is the display name, `authorId` a stable handle. */
export const MAP_TARGETS = [
  'id',
  'text',
  'title',
  'url',
  'published',
  'author',
  'authorId',
  'lang',
  'source',
] as const;
export type MapTarget = (typeof MAP_TARGETS)[number];

export interface ParseOptions {
  /** @default 'auto' (by content, the file extension as a hint) */
  format?: Format | 'auto';
  /**
   * CSV/JSONL: target field → column name, e.g. `{ text: 'body', published: 'date' }`; JSONL accepts
   * dotted paths (`user.name`). Other formats ignore it, so one map can serve a mixed directory.
   */
  map?: Record<string, string>;
  /** a field longer than this rejects its record. @default 1_000_000 */
  maxFieldChars?: number;
  /** XML and Telegram JSON are read whole; larger files are refused with INPUT_TOO_LARGE. @default 512 MiB */
  maxWholeFileBytes?: number;
  /** force a text encoding (an iconv-lite label such as 'windows-1251') instead of detecting it */
  encoding?: string;
  /** used in error messages and for the extension hint */
  fileName?: string;
  /** where the bytes came from (a fetched URL): base for relative links in HTML, the page's own URL */
  url?: string;
}

export interface FileInfo {
  format: Format;
  /** the encoding the text was decoded from ('utf-8', 'utf-16le', 'windows-1251', 'koi8-r', …) */
  encoding: string;
  /** bytes */
  size: number;
  sha256?: string;
}

export const DEFAULT_MAX_FIELD_CHARS = 1_000_000;
export const DEFAULT_MAX_WHOLE_FILE_BYTES = 512 * 1024 * 1024;
