/**
 * `ogoh ingest`: files and directories → items in the store.
 *
 * Guarantees: a file that fails to parse stores nothing (small files are parsed whole before the first
 * write; large streamed files are validated in a first pass); writes go in atomic batches; ids are
 * stable, so re-running after a crash or on the same files stores nothing twice. Large inputs have
 * their items built on a worker thread (build-pool.ts) while this thread writes; the file-level
 * work both paths share is in file-records.ts.
 */
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type Account,
  type Format,
  type Item,
  isOgohError,
  type RawPayload,
  type Source,
  type WriteBatch,
} from '@ogoh/core';
import { listFiles, tesseractInfo } from '@ogoh/ingest';
import { openCollectStore } from '@ogoh/store';
import { BuildWorker, ScanFailure } from '../build-pool.ts';
import type { Ogoh } from '../context.ts';
import {
  type BuildSettings,
  type FileScan,
  type PreparedChunk,
  prepareRecord,
  recordsOf,
  type ScanTally,
  scanFile,
} from '../file-records.ts';
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
  /**
   * Build items (parsing, language id, normalisation, ids) on a worker thread while the main thread
   * writes the store. Default: when the files total WORKER_MIN_BYTES or more (starting the worker
   * costs about a second); the items and batches are the same either way.
   */
  worker?: boolean;
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

/** Inputs of at least this many bytes are built on a worker thread (see IngestOptions.worker). */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;

async function totalBytes(files: readonly string[]): Promise<number> {
  let sum = 0;
  for (const f of files)
    sum += await stat(f).then(
      (s) => s.size,
      () => 0,
    );
  return sum;
}

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
  const useWorker = files.length > 0 && (options.worker ?? (await totalBytes(files)) >= WORKER_MIN_BYTES);
  const worker = useWorker ? new BuildWorker() : undefined;
  try {
    for (const [i, file] of files.entries()) {
      const fr = await ingestOne(
        app,
        file,
        options,
        sources,
        (records) => options.onProgress?.({ file, fileIndex: i, files: files.length, records }),
        worker,
      );
      report.files.push(fr);
      report.new += fr.new;
      report.duplicate += fr.duplicate;
      report.rejected += fr.rejected;
      report.skipped += fr.skipped;
      if (fr.error) report.errors.push(fr.error);
      report.errors.push(...fr.rejections);
    }
  } finally {
    await worker?.close();
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

async function ingestOne(
  app: Ogoh,
  file: string,
  options: IngestOptions,
  sources: Map<string, Source>,
  progress: (records: number) => void,
  worker: BuildWorker | undefined,
): Promise<FileReport> {
  const fr: FileReport = { file, new: 0, duplicate: 0, rejected: 0, skipped: 0, rejections: [] };
  const settings: BuildSettings = {
    parse: { format: options.format ?? 'auto', ...(options.map ? { map: options.map } : {}) },
    ...(options.sourceId ? { sourceId: options.sourceId } : {}),
  };
  try {
    // Pass 1 for big files, the only pass for small ones: nothing is written until the whole file parsed.
    let scan: FileScan;
    const tally: ScanTally = { rejected: 0, rejections: [], skipped: 0 };
    try {
      scan =
        worker && !worker.failed
          ? await worker.scan(file, settings, progress)
          : await scanFile(file, settings.parse, progress, tally);
    } catch (e) {
      const t = e instanceof ScanFailure ? e.tally : tally;
      if (t) Object.assign(fr, { rejected: t.rejected, rejections: t.rejections, skipped: t.skipped });
      // A crashed worker is not the file's fault: the main thread reads it instead.
      if (!(e instanceof ScanFailure) && worker?.failed)
        return ingestOne(app, file, options, sources, progress, undefined);
      throw e instanceof ScanFailure ? e.error : e;
    }
    const inWorker = worker !== undefined && !worker.failed;
    fr.rejected = scan.rejected;
    fr.rejections = scan.rejections;
    fr.skipped = scan.skipped;
    fr.format = scan.format;
    const collectedAt = app.clock.now().toISOString();
    const payloadId = `pl_${scan.hash.slice(0, 32)}`;
    const payload: RawPayload = {
      id: payloadId,
      uri: file,
      format: scan.format,
      sourceId: '',
      size: scan.size,
      encoding: scan.encoding,
      collectedAt,
    };
    if (scan.body) payload.body = scan.body;

    const ctx = { payloadId, collectedAt };
    const chunks = inWorker ? worker.build(ctx) : prepareInline(file, scan, settings, ctx);
    const batchSize = options.batchSize ?? 2000;
    let items: Item[] = [];
    let accounts = new Map<string, Account>();
    let terms: { tokenizer: string; set: Set<string> } | undefined;
    let payloadWritten = false;
    let done = 0;
    const flush = async () => {
      if (items.length === 0) return;
      const media = options.images
        ? await imagesOf(app, items, sources, dirname(file), collectedAt)
        : undefined;
      const batch: WriteBatch = {
        items,
        accounts: [...accounts.values()],
        ...(payloadWritten ? {} : { payloads: [payload] }),
        ...(terms ? { indexTerms: { tokenizer: terms.tokenizer, terms: [...terms.set] } } : {}),
      };
      terms = undefined;
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
    for await (const chunk of chunks) {
      // A chunk's terms join the batch its first record goes to: a batch never commits an item
      // whose terms are missing from the dictionary (terms of later items are harmless).
      if (chunk.indexTerms) {
        if (!terms || terms.tokenizer !== chunk.indexTerms.tokenizer)
          terms = { tokenizer: chunk.indexTerms.tokenizer, set: new Set() };
        for (const t of chunk.indexTerms.terms) terms.set.add(t);
      }
      for (const { item, choice, account } of chunk.records) {
        const src = await ensureSource(app, choice.id, choice, sources);
        if (!payload.sourceId) payload.sourceId = src.id;
        if (account) accounts.set(account.id, account);
        // an extremist source's media are never rendered (and, with --images, never stored)
        if (src.affiliation === 'extremist') item.mediaWithheld = true;
        items.push(item);
        if (items.length >= batchSize) await flush();
      }
    }
    await flush();
  } catch (e) {
    fr.error = toIngestError(file, e);
  }
  return fr;
}

/** Pass 2 on the main thread (small inputs): one prepared record at a time. */
async function* prepareInline(
  file: string,
  scan: FileScan,
  settings: BuildSettings,
  ctx: { payloadId: string; collectedAt: string },
): AsyncIterable<PreparedChunk> {
  for await (const rec of recordsOf(file, scan, settings.parse))
    yield { records: [prepareRecord(rec, file, scan.format, settings, ctx)] };
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
