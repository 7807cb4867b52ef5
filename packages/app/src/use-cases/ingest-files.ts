/**
 * `ogoh ingest`: files and directories → items in the store.
 *
 * Guarantees: a file that fails to parse stores nothing (small files are parsed whole before the first
 * write; large streamed files are validated in a first pass); writes go in atomic batches; ids are
 * stable, so re-running after a crash or on the same files stores nothing twice.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  type Account,
  type Format,
  type Item,
  isOgohError,
  makeId,
  type Platform,
  type RawPayload,
  type Source,
  slugId,
} from '@ogoh/core';
import { listFiles, type ParsedRecord, parseFile, tesseractInfo } from '@ogoh/ingest';
import { openCollectStore } from '@ogoh/store';
import type { Ogoh } from '../context.ts';
import { buildItem } from '../item-builder.ts';
import { enrichImages, ingestUrl, loadCollectConfig } from './poll-sources.ts';
import { ensureSource } from './sources.ts';

export interface IngestOptions {
  /** attribute every item to this source (created if new) */
  sourceId?: string;
  format?: Format | 'auto';
  /** column mapping for CSV/JSONL: target field → column name */
  map?: Record<string, string>;
  batchSize?: number;
  onProgress?: (p: IngestProgress) => void;
  /**
   * Hash (pHash) and read (OCR, when tesseract is installed) the photos next to a Telegram export;
   * the OCR text becomes part of the item's searchable text. Off by default: it takes ~0.3 s a photo.
   */
  images?: boolean;
}

export interface IngestProgress {
  file: string;
  fileIndex: number;
  files: number;
  records: number;
}

export interface IngestError {
  file: string;
  line?: number;
  column?: number;
  field?: string;
  code: string;
  reason: string;
}

export interface FileReport {
  file: string;
  format?: Format;
  new: number;
  duplicate: number;
  rejected: number;
  skipped: number;
  /** the file-level failure; when present nothing from this file was stored (or, for a crash, what was stored is whole batches) */
  error?: IngestError;
  /** rejected records, at most REJECTIONS_LISTED per file */
  rejections: IngestError[];
}

export interface IngestReport {
  new: number;
  duplicate: number;
  rejected: number;
  skipped: number;
  errors: IngestError[];
  files: FileReport[];
}

/** Files up to this size are parsed completely before anything is written. */
const WHOLE_FILE_BYTES = 32 * 1024 * 1024;
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

export async function ingestPaths(
  app: Ogoh,
  inputs: string[],
  options: IngestOptions = {},
): Promise<IngestReport> {
  const report: IngestReport = { new: 0, duplicate: 0, rejected: 0, skipped: 0, errors: [], files: [] };
  const files: string[] = [];
  const urls: string[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      urls.push(input);
      continue;
    }
    try {
      files.push(...(await listFiles(input)));
    } catch (e) {
      report.errors.push(toIngestError(input, e));
    }
  }
  const sources = new Map<string, Source>();
  for (const [i, file] of files.entries()) {
    const fr = await ingestOne(app, file, options, sources, (records) =>
      options.onProgress?.({ file, fileIndex: i, files: files.length, records }),
    );
    report.files.push(fr);
    report.new += fr.new;
    report.duplicate += fr.duplicate;
    report.rejected += fr.rejected;
    report.skipped += fr.skipped;
    if (fr.error) report.errors.push(fr.error);
    report.errors.push(...fr.rejections);
  }
  // URLs go through the guarded fetcher (address guard, robots.txt, limits), one fetch each.
  for (const url of urls) {
    const fr = await ingestOneUrl(app, url, options);
    report.files.push(fr);
    report.new += fr.new;
    report.duplicate += fr.duplicate;
    report.rejected += fr.rejected;
    if (fr.error) report.errors.push(fr.error);
  }
  return report;
}

async function ingestOneUrl(app: Ogoh, url: string, options: IngestOptions): Promise<FileReport> {
  const fr: FileReport = { file: url, new: 0, duplicate: 0, rejected: 0, skipped: 0, rejections: [] };
  try {
    const r = await ingestUrl(app, url, options.sourceId ? { sourceId: options.sourceId } : {});
    if (r.format) fr.format = r.format;
    fr.new = r.report.new;
    fr.duplicate = r.report.duplicate;
    fr.rejected = r.report.rejected;
    const err = r.report.error;
    if (err) fr.error = { file: err.url ?? url, code: err.code, reason: err.message };
  } catch (e) {
    fr.error = toIngestError(url, e);
  }
  return fr;
}

function toIngestError(file: string, e: unknown): IngestError {
  if (isOgohError(e)) {
    const out: IngestError = {
      file: e.file ?? file,
      code: e.code,
      reason: e.hint ? `${e.message} (${e.hint})` : e.message,
    };
    if (e.line !== undefined) out.line = e.line;
    if (e.column !== undefined) out.column = e.column;
    if (e.field !== undefined) out.field = e.field;
    return out;
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return { file, code: 'INPUT_MISSING', reason: 'no such file or directory' };
  if (err?.code === 'EACCES') return { file, code: 'INPUT_MISSING', reason: 'permission denied' };
  return { file, code: 'INTERNAL', reason: err instanceof Error ? err.message : String(e) };
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

interface SourceChoice {
  id: string;
  name?: string;
  platform: Platform;
  url?: string;
  channelId?: string;
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

async function ingestOne(
  app: Ogoh,
  file: string,
  options: IngestOptions,
  sources: Map<string, Source>,
  progress: (records: number) => void,
): Promise<FileReport> {
  const fr: FileReport = { file, new: 0, duplicate: 0, rejected: 0, skipped: 0, rejections: [] };
  try {
    const size = (await stat(file)).size;
    const parseOpts = { format: options.format ?? 'auto', ...(options.map ? { map: options.map } : {}) };
    // Pass 1 for big files, the only pass for small ones: nothing is written until the whole file parsed.
    const buffered: ParsedRecord[] = [];
    const whole = size <= WHOLE_FILE_BYTES;
    const first = parseFile(file, parseOpts);
    let count = 0;
    for await (const ev of first) {
      if ('record' in ev) {
        if (whole) buffered.push(ev.record);
        if (++count % 5000 === 0) progress(count);
      } else if ('rejected' in ev) {
        if (++fr.rejected <= REJECTIONS_LISTED)
          fr.rejections.push({
            file,
            line: ev.rejected.line,
            code: 'INPUT_FIELD',
            reason: ev.rejected.reason,
            ...(ev.rejected.field ? { field: ev.rejected.field } : {}),
          });
      } else fr.skipped++;
    }
    const info = await first.info;
    fr.format = info.format;
    const { hash, body } = await sha256File(file, size);
    const collectedAt = app.clock.now().toISOString();
    const payloadId = `pl_${hash.slice(0, 32)}`;
    const payload: RawPayload = {
      id: payloadId,
      uri: file,
      format: info.format,
      sourceId: '',
      size,
      encoding: info.encoding,
      collectedAt,
    };
    if (body) payload.body = body;

    const records: AsyncIterable<ParsedRecord> | ParsedRecord[] = whole
      ? buffered
      : recordsOf(parseFile(file, parseOpts));
    const batchSize = options.batchSize ?? 2000;
    let items: Item[] = [];
    let accounts = new Map<string, Account>();
    let payloadWritten = false;
    let done = 0;
    const flush = async () => {
      if (items.length === 0) return;
      const media = options.images
        ? await imagesOf(app, items, sources, dirname(file), collectedAt)
        : undefined;
      const batch = {
        items,
        accounts: [...accounts.values()],
        ...(payloadWritten ? {} : { payloads: [payload] }),
      };
      const res = await app.store.writeBatch(batch);
      if (media) await media.store();
      payloadWritten = true;
      fr.new += res.new;
      fr.duplicate += res.duplicate;
      done += items.length;
      progress(done);
      items = [];
      accounts = new Map();
    };
    for await (const rec of records) {
      const choice = chooseSource(rec, info.format, file, options.sourceId);
      const src = await ensureSource(app, choice.id, choice, sources);
      if (!payload.sourceId) payload.sourceId = src.id;
      const item = buildItem(rec, { sourceId: src.id, format: info.format, payloadId, collectedAt });
      const account = accountFor(rec, src.id);
      if (account) {
        accounts.set(account.id, account);
        item.authorId = account.id;
      }
      // an extremist source's media are never rendered (and, with --images, never stored)
      if (src.affiliation === 'extremist') item.mediaWithheld = true;
      items.push(item);
      if (items.length >= batchSize) await flush();
    }
    await flush();
  } catch (e) {
    fr.error = toIngestError(file, e);
  }
  return fr;
}

/** pHash and OCR of a batch's local photos, per source; `store` links them once the items are written. */
async function imagesOf(
  app: Ogoh,
  items: Item[],
  sources: Map<string, Source>,
  baseDir: string,
  now: string,
): Promise<{ store(): Promise<void> }> {
  const config = await loadCollectConfig();
  const ocr = config.ocr === 'auto' ? (await tesseractInfo()) !== undefined : config.ocr;
  const collect = await openCollectStore(app.location);
  try {
    const reports: Awaited<ReturnType<typeof enrichImages>>[] = [];
    const bySource = new Map<string, Item[]>();
    for (const it of items) bySource.set(it.sourceId, [...(bySource.get(it.sourceId) ?? []), it]);
    for (const [sourceId, group] of bySource) {
      const source = sources.get(sourceId) ?? (await app.store.getSource(sourceId));
      if (!source) continue;
      reports.push(
        await enrichImages(group, source, {
          collect,
          ocr,
          ...(config.ocrLangs ? { ocrLangs: config.ocrLangs } : {}),
          maxImagesPerItem: config.maxImagesPerItem,
          maxImageBytes: config.maxImageBytes,
          baseDir,
          now,
        }),
      );
    }
    await collect.close();
    return {
      async store() {
        const c = await openCollectStore(app.location);
        try {
          for (const r of reports) if (r.links.length > 0) await c.putMedia(r.media, r.links);
        } finally {
          await c.close();
        }
      },
    };
  } catch (e) {
    await collect.close();
    throw e;
  }
}

async function* recordsOf(
  events: AsyncIterable<{ record: ParsedRecord } | { rejected: unknown } | { skipped: unknown }>,
): AsyncIterable<ParsedRecord> {
  for await (const ev of events) if ('record' in ev) yield ev.record;
}
