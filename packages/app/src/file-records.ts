/**
 * The store-free half of file ingest: check a file whole (pass 1), hash it, and turn its records
 * into items (pass 2). `ingestPaths` runs it on the main thread for small inputs and on a worker
 * thread for large ones (ingest-worker.ts), so both paths share this code and give the same items.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Account, type Format, type Item, makeId, type Platform, slugId } from '@ogoh/core';
import { type ParsedRecord, type ParseOptions, parseFile } from '@ogoh/ingest';
import { buildItem } from './item-builder.ts';

/** Files up to this size are parsed completely before anything is written. */
export const WHOLE_FILE_BYTES = 32 * 1024 * 1024;
/** Raw file bodies up to this size are kept in the payload table; larger ones keep per-item raw records. */
const KEEP_BODY_BYTES = 16 * 1024 * 1024;
const REJECTIONS_LISTED = 100;

const PLATFORM_OF: Record<Format, Platform> = {
  rss: 'rss',
  atom: 'atom',
  telegram: 'telegram',
  'telegram-html': 'telegram',
  html: 'web',
  sitemap: 'sitemap',
  csv: 'file',
  jsonl: 'file',
};

/** A rejected record, as `ingest --json` lists it. */
export interface RecordRejection {
  file: string;
  line: number;
  code: 'INPUT_FIELD';
  reason: string;
  field?: string;
}

/** Records pass 1 rejected or skipped; counted as it goes, so a file that then fails still reports them. */
export interface ScanTally {
  rejected: number;
  /** the first REJECTIONS_LISTED rejected records */
  rejections: RecordRejection[];
  skipped: number;
}

/** What pass 1 learnt about a file; nothing is written before it succeeds. */
export interface FileScan extends ScanTally {
  format: Format;
  encoding: string;
  size: number;
  /** SHA-256 of the file's bytes (the payload id) */
  hash: string;
  /** the bytes, for files small enough to keep in the payload table */
  body?: Uint8Array<ArrayBuffer>;
  /** a small file's records, kept from pass 1 so exactly what was checked is what gets written */
  buffered?: ParsedRecord[];
}

/** Which source a record goes to (created on the main thread if it does not exist yet). */
export interface SourceChoice {
  id: string;
  name?: string;
  platform: Platform;
  url?: string;
  channelId?: string;
}

/** One record made ready for the store: the item, its source and its author. */
export interface PreparedRecord {
  item: Item;
  choice: SourceChoice;
  account?: Account;
}

/** Prepared records in file order, with their index terms when split off the writing thread. */
export interface PreparedChunk {
  records: PreparedRecord[];
  indexTerms?: { tokenizer: string; terms: string[] };
}

export interface BuildSettings {
  parse: ParseOptions;
  /** `--source`: every item goes to this source */
  sourceId?: string;
}

/** Pass 1: parses the whole file (keeping a small file's records), then hashes its bytes. */
export async function scanFile(
  file: string,
  parse: ParseOptions,
  progress: (records: number) => void,
  tally: ScanTally = { rejected: 0, rejections: [], skipped: 0 },
): Promise<FileScan> {
  const size = (await stat(file)).size;
  const whole = size <= WHOLE_FILE_BYTES;
  const buffered: ParsedRecord[] = [];
  let count = 0;
  const first = parseFile(file, parse);
  for await (const ev of first) {
    if ('record' in ev) {
      if (whole) buffered.push(ev.record);
      if (++count % 5000 === 0) progress(count);
    } else if ('rejected' in ev) {
      if (++tally.rejected <= REJECTIONS_LISTED)
        tally.rejections.push({
          file,
          line: ev.rejected.line,
          code: 'INPUT_FIELD',
          reason: ev.rejected.reason,
          ...(ev.rejected.field ? { field: ev.rejected.field } : {}),
        });
    } else tally.skipped++;
  }
  const info = await first.info;
  const { hash, body } = await sha256File(file, size);
  const scan: FileScan = { ...tally, format: info.format, encoding: info.encoding, size, hash };
  if (body) scan.body = body;
  if (whole) scan.buffered = buffered;
  return scan;
}

/** Pass 2: the file's records (a small file's from pass 1, a large file's parsed again). */
export function recordsOf(file: string, scan: FileScan, parse: ParseOptions): AsyncIterable<ParsedRecord> {
  if (scan.buffered) return toAsync(scan.buffered);
  return parsedRecords(file, parse);
}

/** One record → its item, source and author (`mediaWithheld` is the main thread's: it needs the source's affiliation). */
export function prepareRecord(
  rec: ParsedRecord,
  file: string,
  format: Format,
  settings: BuildSettings,
  ctx: { payloadId: string; collectedAt: string },
): PreparedRecord {
  const choice = chooseSource(rec, format, file, settings.sourceId);
  const item = buildItem(rec, {
    sourceId: choice.id,
    format,
    payloadId: ctx.payloadId,
    collectedAt: ctx.collectedAt,
  });
  const account = accountFor(rec, choice.id);
  if (!account) return { item, choice };
  item.authorId = account.id;
  return { item, choice, account };
}

async function* toAsync<T>(xs: T[]): AsyncIterable<T> {
  yield* xs;
}

async function* parsedRecords(file: string, parse: ParseOptions): AsyncIterable<ParsedRecord> {
  for await (const ev of parseFile(file, parse)) if ('record' in ev) yield ev.record;
}

async function sha256File(
  path: string,
  size: number,
): Promise<{ hash: string; body?: Uint8Array<ArrayBuffer> }> {
  if (size <= KEEP_BODY_BYTES) {
    const body = new Uint8Array(await readFile(path));
    return { hash: createHash('sha256').update(body).digest('hex'), body };
  }
  const { createReadStream } = await import('node:fs');
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return { hash: h.digest('hex') };
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** Which source a record belongs to: --source, else the Telegram chat, else the record's own source column, else its URL's domain, else the file. */
function chooseSource(
  rec: ParsedRecord,
  format: Format,
  file: string,
  forced: string | undefined,
): SourceChoice {
  const platform = PLATFORM_OF[format];
  if (forced) return { id: forced, platform };
  if (rec.telegram?.chatId) {
    const c: SourceChoice = {
      id: slugId(`tg-${rec.telegram.chatId}`),
      platform: 'telegram',
      channelId: rec.telegram.chatId,
    };
    if (rec.telegram.chatName) c.name = rec.telegram.chatName;
    return c;
  }
  if (rec.source) return { id: slugId(rec.source), name: rec.source, platform };
  const host = hostOf(rec.feed?.link) ?? hostOf(rec.url);
  if (host) {
    const c: SourceChoice = { id: slugId(host), platform, url: rec.feed?.link ?? `https://${host}/` };
    if (rec.feed?.title) c.name = rec.feed.title;
    return c;
  }
  return { id: slugId(`file-${basename(file).replace(/\.[^.]+$/, '')}`), name: basename(file), platform };
}

function accountFor(rec: ParsedRecord, sourceId: string): Account | undefined {
  const ext = rec.authorId ?? rec.authorName;
  if (!ext) return undefined;
  const a: Account = {
    id: makeId('ac', sourceId, ext),
    sourceId,
    externalId: ext,
    kind: rec.telegram ? 'user' : 'author',
  };
  if (rec.authorName) a.name = rec.authorName;
  return a;
}
