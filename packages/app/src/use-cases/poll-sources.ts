/**
 * `ogoh sources poll`: fetch every due source through the guarded fetcher and store what is new.
 *
 * Per fetched body, in this order (so a poll interrupted anywhere resumes without loss or
 * duplicates):
 *   1. the raw payload is stored and noted in the ledger as unparsed;
 *   2. it is parsed, images are hashed and read (OCR), items are written (ids are stable, so a
 *      repeat stores nothing twice) and the ledger notes the parse;
 *   3. only then the URL's validators (ETag, Last-Modified, body hash) are saved.
 * A crash before 3 means the next poll fetches the same body again and finds its items stored; a
 * crash between 1 and 2 leaves an unparsed payload that the next poll parses first.
 *
 * Health per source (last success, last error, items per fetch, consecutive failures) is written
 * with each poll-log entry; failing sources back off and are listed in every report.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import {
  type Account,
  type CollectStore,
  type Format,
  type Item,
  isOgohError,
  type MediaRecord,
  makeId,
  OgohError,
  type PayloadParse,
  type PollLogEntry,
  type PollOutcome,
  type RawPayload,
  type Source,
  type SourceHealth,
  slugId,
} from '@ogoh/core';
import {
  type AllowRule,
  createFetcher,
  detectFormat,
  type Fetcher,
  type HostStats,
  httpCharset,
  imageKind,
  imageSize,
  ocrImage,
  ocrLangsFor,
  olderPageUrl,
  type ParsedRecord,
  parseAllowList,
  parseBytes,
  parseSitemap,
  phash,
  type SitemapEntry,
  tesseractInfo,
} from '@ogoh/ingest';
import { openCollectStore } from '@ogoh/store';
import { fold, normalize } from '@ogoh/text';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Ogoh } from '../context.ts';
import { buildItem } from '../item-builder.ts';
import { guessPlatform, PAUSED_TAG, parseInterval, telegramChannel } from './source-registry.ts';

// ---------- configuration ----------

export interface CollectConfig {
  /** hosts and ranges the address guard lets through: from OGOH_FETCH_ALLOW and the config file only */
  allow: AllowRule[];
  userAgent?: string;
  /** minimum gap between request starts to one host */
  perHostIntervalMs: number;
  perHostConcurrency: number;
  /** requests in flight overall, and sources polled side by side */
  concurrency: number;
  timeoutMs: number;
  maxBytes: number;
  retries: number;
  /** poll interval of sources that set none */
  defaultIntervalSec: number;
  /** pages per source per poll: older Telegram pages, sitemap articles */
  maxPages: number;
  /** OCR of item images: 'auto' runs it when tesseract is installed */
  ocr: boolean | 'auto';
  ocrLangs?: string[];
  /** images fetched and read per item */
  maxImagesPerItem: number;
  maxImageBytes: number;
}

export const DEFAULT_COLLECT_CONFIG: Readonly<CollectConfig> = {
  allow: [],
  perHostIntervalMs: 1000,
  perHostConcurrency: 1,
  concurrency: 8,
  timeoutMs: 30_000,
  maxBytes: 20 * 1024 * 1024,
  retries: 2,
  defaultIntervalSec: 1800,
  maxPages: 10,
  ocr: 'auto',
  maxImagesPerItem: 4,
  maxImageBytes: 10 * 1024 * 1024,
};

const ConfigFile = z
  .object({
    fetch: z
      .object({
        allow: z.union([z.string(), z.array(z.string())]).optional(),
        userAgent: z.string().min(1).optional(),
        perHostIntervalMs: z.number().int().nonnegative().optional(),
        perHostConcurrency: z.number().int().positive().max(16).optional(),
        concurrency: z.number().int().positive().max(256).optional(),
        timeoutMs: z.number().int().positive().optional(),
        maxBytes: z.number().int().positive().optional(),
        retries: z.number().int().nonnegative().max(10).optional(),
      })
      .strict()
      .optional(),
    poll: z
      .object({
        defaultInterval: z.union([z.string(), z.number()]).optional(),
        maxPages: z.number().int().positive().max(1000).optional(),
      })
      .strict()
      .optional(),
    ocr: z
      .object({
        enabled: z.union([z.boolean(), z.literal('auto')]).optional(),
        langs: z.array(z.string().regex(/^[a-z_]+$/)).optional(),
        maxImagesPerItem: z.number().int().nonnegative().optional(),
        maxImageBytes: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
  })
  .loose();

/**
 * Collection settings: defaults, then the config file (`file`, else $OGOH_CONFIG), with the fetch
 * allow-list from the file's `fetch.allow` plus $OGOH_FETCH_ALLOW — and from nowhere else.
 * @throws OgohError INPUT_MISSING (file), INPUT_PARSE (YAML), INPUT_FIELD (a setting), USAGE (allow-list entry)
 */
export async function loadCollectConfig(
  options: { file?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CollectConfig> {
  const env = options.env ?? process.env;
  const file = options.file ?? env.OGOH_CONFIG;
  const cfg: CollectConfig = { ...DEFAULT_COLLECT_CONFIG, allow: [] };
  if (file) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new OgohError('INPUT_MISSING', 'cannot read the config file', { file, cause: e });
    }
    let raw: unknown;
    try {
      raw = parseYaml(text) ?? {};
    } catch (e) {
      const pos = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
      throw new OgohError(
        'INPUT_PARSE',
        `the config file is not valid YAML (${(e as Error).message.split('\n')[0]})`,
        {
          file,
          ...(pos ? { line: pos.line, column: pos.col } : {}),
        },
      );
    }
    const parsed = ConfigFile.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new OgohError('INPUT_FIELD', issue.message, { file, field: issue.path.join('.') });
    }
    const { fetch, poll, ocr } = parsed.data;
    if (fetch?.allow !== undefined) cfg.allow.push(...parseAllowList(fetch.allow, `${file}: fetch.allow`));
    if (fetch?.userAgent) cfg.userAgent = fetch.userAgent;
    if (fetch?.perHostIntervalMs !== undefined) cfg.perHostIntervalMs = fetch.perHostIntervalMs;
    if (fetch?.perHostConcurrency) cfg.perHostConcurrency = fetch.perHostConcurrency;
    if (fetch?.concurrency) cfg.concurrency = fetch.concurrency;
    if (fetch?.timeoutMs) cfg.timeoutMs = fetch.timeoutMs;
    if (fetch?.maxBytes) cfg.maxBytes = fetch.maxBytes;
    if (fetch?.retries !== undefined) cfg.retries = fetch.retries;
    if (poll?.defaultInterval !== undefined) {
      try {
        cfg.defaultIntervalSec = parseInterval(poll.defaultInterval, 'poll.defaultInterval');
      } catch (e) {
        throw new OgohError('INPUT_FIELD', (e as Error).message, { file, field: 'poll.defaultInterval' });
      }
    }
    if (poll?.maxPages) cfg.maxPages = poll.maxPages;
    if (ocr?.enabled !== undefined) cfg.ocr = ocr.enabled;
    if (ocr?.langs) cfg.ocrLangs = ocr.langs;
    if (ocr?.maxImagesPerItem !== undefined) cfg.maxImagesPerItem = ocr.maxImagesPerItem;
    if (ocr?.maxImageBytes) cfg.maxImageBytes = ocr.maxImageBytes;
  }
  cfg.allow = [...cfg.allow, ...parseAllowList(env.OGOH_FETCH_ALLOW, 'OGOH_FETCH_ALLOW')];
  return cfg;
}

/** A fetcher set up from the collection settings (one per process: it holds the rate limits and robots cache). */
export function fetcherFor(config: CollectConfig): Fetcher {
  return createFetcher({
    allow: config.allow,
    ...(config.userAgent ? { userAgent: config.userAgent } : {}),
    limiter: {
      intervalMs: config.perHostIntervalMs,
      perHost: config.perHostConcurrency,
      global: config.concurrency,
    },
    timeoutMs: config.timeoutMs,
    maxBytes: config.maxBytes,
    retries: config.retries,
  });
}

// ---------- payload → items (shared with reparse and resume) ----------

/** Formats a fetched body of each platform is read as ('auto' tells RSS from Atom). */
const FORMAT_OF: Record<string, Format | 'auto'> = {
  rss: 'auto',
  atom: 'auto',
  web: 'html',
  telegram: 'telegram-html',
  sitemap: 'sitemap',
};

export interface PayloadItems {
  items: Item[];
  accounts: Account[];
  records: ParsedRecord[];
  rejected: number;
  skipped: number;
  format: Format;
  encoding: string;
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

/**
 * Parses a stored payload into items of `source` (every item belongs to the polled source). Items of
 * extremist sources are marked `mediaWithheld`.
 * @throws OgohError from the parser (INPUT_PARSE, INPUT_BINARY, …) naming the payload's URL
 */
export async function itemsFromPayload(
  source: Source,
  payload: RawPayload,
  options: { charset?: string; format?: Format | 'auto' } = {},
): Promise<PayloadItems> {
  const body = payload.body;
  if (!body)
    throw new OgohError('NOT_FOUND', `payload ${payload.id} has no stored body`, { file: payload.uri });
  // what the payload was stored as (a sitemap source's articles are html); RSS and Atom re-detected
  const format =
    options.format ?? (payload.format === 'rss' || payload.format === 'atom' ? 'auto' : payload.format);
  const encoding = httpCharset(body, options.charset);
  const run = parseBytes(body, {
    fileName: payload.uri,
    format,
    ...(/^https?:\/\//.test(payload.uri) ? { url: payload.uri } : {}),
    ...(encoding ? { encoding } : {}),
  });
  const out: PayloadItems = {
    items: [],
    accounts: [],
    records: [],
    rejected: 0,
    skipped: 0,
    format: 'rss',
    encoding: '',
  };
  const accounts = new Map<string, Account>();
  for await (const ev of run) {
    if ('record' in ev) out.records.push(ev.record);
    else if ('rejected' in ev) out.rejected++;
    else out.skipped++;
  }
  const info = await run.info;
  out.format = info.format;
  out.encoding = info.encoding;
  if (
    (source.platform === 'rss' || source.platform === 'atom') &&
    info.format !== 'rss' &&
    info.format !== 'atom'
  )
    throw new OgohError('INPUT_PARSE', `expected a feed, the server sent ${info.format}`, {
      file: payload.uri,
      hint: 'the feed URL may have moved; check it with `ogoh sources show`',
    });
  for (const rec of out.records) {
    const item = buildItem(rec, {
      sourceId: source.id,
      format: info.format,
      payloadId: payload.id,
      collectedAt: payload.collectedAt,
    });
    const account = accountFor(rec, source.id);
    if (account) {
      accounts.set(account.id, account);
      item.authorId = account.id;
    }
    if (source.affiliation === 'extremist') item.mediaWithheld = true;
    out.items.push(item);
  }
  out.accounts = [...accounts.values()];
  return out;
}

// ---------- images: pHash and OCR ----------

export interface ImageContext {
  collect: CollectStore;
  fetcher?: Fetcher;
  ocr: boolean;
  ocrLangs?: string[];
  maxImagesPerItem: number;
  maxImageBytes: number;
  /** folder that local media paths (Telegram export photos) are relative to */
  baseDir?: string;
  now: string;
  signal?: AbortSignal;
}

export interface ImageReport {
  images: number;
  read: number;
  failed: number;
  media: MediaRecord[];
  links: { sha256: string; itemId: string }[];
}

async function loadImage(
  ref: { url?: string | undefined; path?: string | undefined },
  ctx: ImageContext,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; mime?: string } | undefined> {
  if (ref.url && ctx.fetcher) {
    const res = await ctx.fetcher.fetch({
      url: ref.url,
      accept: 'image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8',
      maxBytes: ctx.maxImageBytes,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    return { bytes: res.body, ...(res.contentType ? { mime: res.contentType.split(';')[0]!.trim() } : {}) };
  }
  if (ref.path && ctx.baseDir) {
    const full = resolve(ctx.baseDir, ref.path);
    const rel = relative(ctx.baseDir, full);
    // export paths are relative to the export's folder; nothing outside it is read
    if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
    return { bytes: new Uint8Array(await readFile(full)) };
  }
  return undefined;
}

/**
 * Hashes (SHA-256, pHash) and reads (OCR) the photos of `items`, in place: media refs get
 * `hash: 'phash:<hex>'` and sizes, items get `ocrText`, and the OCR text joins `foldText` so a
 * search finds it. Images already known by URL are not fetched again. For extremist sources
 * (`withheld`) the bytes are never kept. One failing image never fails the items.
 */
export async function enrichImages(items: Item[], source: Source, ctx: ImageContext): Promise<ImageReport> {
  const report: ImageReport = { images: 0, read: 0, failed: 0, media: [], links: [] };
  const withheld = source.affiliation === 'extremist';
  const langs = ctx.ocrLangs ?? ocrLangsFor(source.languages);
  const bySha = new Map<string, MediaRecord>();
  for (const item of items) {
    const texts: string[] = [];
    let n = 0;
    for (const ref of item.media) {
      if (ref.kind !== 'photo' || (!ref.url && !ref.path) || n >= ctx.maxImagesPerItem) continue;
      n++;
      report.images++;
      try {
        let rec = ref.url ? await ctx.collect.mediaByUrl(ref.url) : undefined;
        if (!rec) {
          const img = await loadImage(ref, ctx);
          if (!img || !imageKind(img.bytes)) {
            report.failed++;
            continue;
          }
          const sha256 = createHash('sha256').update(img.bytes).digest('hex');
          rec = bySha.get(sha256) ?? (await ctx.collect.getMedia(sha256));
          if (!rec) {
            const size = imageSize(img.bytes);
            rec = { sha256, size: img.bytes.length, ocrLangs: [], withheld, firstSeen: ctx.now };
            if (ref.url) rec.url = ref.url;
            if (ref.path) rec.path = ref.path;
            if (img.mime) rec.mime = img.mime;
            if (size) {
              rec.width = size.width;
              rec.height = size.height;
            }
            try {
              rec.phash = phash(img.bytes);
            } catch {
              // GIF/WebP/BMP: no pHash here, OCR still reads them
            }
            if (ctx.ocr) {
              const ocr = await ocrImage(img.bytes, { langs, maxBytes: ctx.maxImageBytes });
              rec.ocrLangs = ocr.langs;
              if (ocr.text) rec.ocrText = ocr.text;
            }
            if (!withheld) rec.body = img.bytes;
          }
          report.read++;
        }
        if (withheld) {
          rec = { ...rec, withheld: true };
          delete rec.body;
        }
        bySha.set(rec.sha256, rec);
        report.links.push({ sha256: rec.sha256, itemId: item.id });
        if (rec.phash) ref.hash = `phash:${rec.phash}`;
        if (rec.width !== undefined && ref.width === undefined) ref.width = rec.width;
        if (rec.height !== undefined && ref.height === undefined) ref.height = rec.height;
        if (rec.mime && !ref.mime) ref.mime = rec.mime;
        if (ref.size === undefined) ref.size = rec.size;
        if (rec.ocrText) texts.push(rec.ocrText);
      } catch (e) {
        if (ctx.signal?.aborted) throw e;
        report.failed++;
      }
    }
    if (texts.length > 0) {
      item.ocrText = texts.join('\n\n');
      item.foldText = `${item.foldText}\n\n${fold(normalize(item.ocrText))}`;
    }
  }
  report.media = [...bySha.values()];
  return report;
}

// ---------- polling ----------

export interface PollOptions {
  /** poll only these sources (paused ones too), due or not */
  sourceIds?: string[];
  /** poll every pollable source now, due or not */
  force?: boolean;
  config?: CollectConfig;
  /** reuse one fetcher across cycles (it holds the rate limits and the robots cache) */
  fetcher?: Fetcher;
  runId?: string;
  signal?: AbortSignal;
  onSource?: (report: SourcePollReport) => void;
}

export interface SourcePollReport {
  sourceId: string;
  outcome: PollOutcome;
  /** pages fetched (feeds, Telegram pages, sitemap articles) */
  fetches: number;
  items: number;
  new: number;
  duplicate: number;
  rejected: number;
  images: number;
  imageFailures: number;
  ms: number;
  consecutiveFailures: number;
  error?: { code: string; message: string; url?: string };
}

export interface FailingSource {
  sourceId: string;
  consecutiveFailures: number;
  lastErrorCode?: string;
  lastError?: string;
  lastSuccessAt?: string;
}

export interface PollReport {
  runId: string;
  startedAt: string;
  ms: number;
  /** payloads of an interrupted earlier run, parsed first */
  resumed: number;
  due: number;
  sources: SourcePollReport[];
  fetched: number;
  notModified: number;
  failed: number;
  items: number;
  new: number;
  duplicate: number;
  /** every registered source failing 3+ times in a row, whether polled now or backing off */
  failing: FailingSource[];
  hosts: HostStats[];
}

/** Consecutive failures from which a source is listed as failing. */
export const FAILING_AFTER = 3;
const MAX_BACKOFF_SEC = 6 * 3600;

function pollUrl(s: Source): string | undefined {
  if (s.url) return s.url;
  if (s.platform === 'telegram' && s.channelId) return `https://t.me/s/${s.channelId.replace(/^@/, '')}`;
  return undefined;
}

function isPollable(s: Source): boolean {
  return s.platform !== 'file' && pollUrl(s) !== undefined;
}

function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

interface Ctx {
  app: Ogoh;
  collect: CollectStore;
  fetcher: Fetcher;
  config: CollectConfig;
  ocr: boolean;
  runId: string;
  signal: AbortSignal | undefined;
}

interface FetchOutcome {
  outcome: 'fetched' | 'not-modified' | 'unchanged';
  status: number;
  bytes: number;
  payloadId?: string;
  items: number;
  new: number;
  duplicate: number;
  rejected: number;
  images: number;
  imageFailures: number;
  /** decoded page, for Telegram paging */
  body?: Uint8Array;
  finalUrl: string;
}

/** The format a payload is stored under: the platform's, or what an RSS/Atom body turns out to be. */
function payloadFormat(source: Source, url: string, body: Uint8Array): Format {
  const declared = FORMAT_OF[source.platform];
  if (declared !== 'auto' && declared !== undefined) return declared;
  try {
    return detectFormat(url, body.subarray(0, 64 * 1024));
  } catch {
    // not recognisable (garbage, a binary): stored as what was asked for; the parse reports it
    return source.platform === 'atom' ? 'atom' : 'rss';
  }
}

/** Writes a stored payload's items (with images) and closes its ledger entry. */
async function ingestPayload(
  ctx: Ctx,
  source: Source,
  payload: RawPayload,
  ledger: PayloadParse,
  charset: string | undefined,
): Promise<{
  items: number;
  new: number;
  duplicate: number;
  rejected: number;
  images: number;
  imageFailures: number;
}> {
  let parsed: PayloadItems;
  try {
    parsed = await itemsFromPayload(source, payload, charset !== undefined ? { charset } : {});
  } catch (e) {
    await ctx.collect.notePayload({
      ...ledger,
      parsedAt: ctx.app.clock.now().toISOString(),
      items: 0,
      error: isOgohError(e) ? e.describe() : String(e),
    });
    throw e;
  }
  const img = await enrichImages(parsed.items, source, {
    collect: ctx.collect,
    fetcher: ctx.fetcher,
    ocr: ctx.ocr,
    ...(ctx.config.ocrLangs ? { ocrLangs: ctx.config.ocrLangs } : {}),
    maxImagesPerItem: ctx.config.maxImagesPerItem,
    maxImageBytes: ctx.config.maxImageBytes,
    now: payload.collectedAt,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const res = parsed.items.length
    ? await ctx.app.store.writeBatch({ items: parsed.items, accounts: parsed.accounts })
    : { new: 0, duplicate: 0 };
  if (img.media.length > 0 || img.links.length > 0) await ctx.collect.putMedia(img.media, img.links);
  await ctx.collect.notePayload({
    ...ledger,
    format: parsed.format,
    parsedAt: ctx.app.clock.now().toISOString(),
    items: parsed.items.length,
  });
  return {
    items: parsed.items.length,
    new: res.new,
    duplicate: res.duplicate,
    rejected: parsed.rejected,
    images: img.images,
    imageFailures: img.failed,
  };
}

/** Fetch one URL of a source; store, parse and write what changed. */
async function fetchAndIngest(
  ctx: Ctx,
  source: Source,
  url: string,
  extra: { format?: Format; lastmod?: string; parse?: boolean } = {},
): Promise<FetchOutcome> {
  const state = await ctx.collect.getFetchState(url);
  const res = await ctx.fetcher.fetch({
    url,
    ...(state?.etag ? { etag: state.etag } : {}),
    ...(state?.lastModified ? { lastModified: state.lastModified } : {}),
    ...(source.platform === 'web' || source.platform === 'telegram' || extra.format === 'html'
      ? { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' }
      : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const now = ctx.app.clock.now().toISOString();
  const base = {
    items: 0,
    new: 0,
    duplicate: 0,
    rejected: 0,
    images: 0,
    imageFailures: 0,
    finalUrl: res.finalUrl,
  };
  if (res.notModified) {
    if (state) await ctx.collect.putFetchState({ ...state, status: 304, fetchedAt: now });
    return { ...base, outcome: 'not-modified', status: 304, bytes: 0 };
  }
  if (/^(image|video|audio)\//i.test(res.contentType ?? ''))
    throw new OgohError(
      'INPUT_BINARY',
      `the server sent ${res.contentType?.split(';')[0]}, not a page or feed`,
      {
        file: res.finalUrl,
      },
    );
  const bodyHash = sha256(res.body);
  const validators = {
    url,
    sourceId: source.id,
    bodyHash,
    status: res.status,
    fetchedAt: now,
    ...(res.etag ? { etag: res.etag } : {}),
    ...(res.lastModified ? { lastModified: res.lastModified } : {}),
    ...(extra.lastmod ? { lastmod: extra.lastmod } : {}),
  };
  if (state?.bodyHash === bodyHash) {
    // the same bytes as last time, already parsed to the end (the hash is saved only after that)
    await ctx.collect.putFetchState(validators);
    return { ...base, outcome: 'unchanged', status: res.status, bytes: res.body.length, body: res.body };
  }
  const format = extra.format ?? payloadFormat(source, url, res.body);
  const payload: RawPayload = {
    id: `pl_${sha256(source.id, res.finalUrl, res.body).slice(0, 32)}`,
    uri: res.finalUrl,
    format,
    sourceId: source.id,
    size: res.body.length,
    collectedAt: now,
    body: res.body,
  };
  if (res.contentType) payload.contentType = res.contentType;
  if (res.charset) payload.encoding = res.charset;
  // 1. raw first: a parser fix can always re-read it
  await ctx.app.store.writeBatch({ payloads: [payload], items: [] });
  const ledger: PayloadParse = {
    payloadId: payload.id,
    sourceId: source.id,
    url: res.finalUrl,
    format,
    fetchedAt: now,
  };
  await ctx.collect.notePayload(ledger);
  let counts = { items: 0, new: 0, duplicate: 0, rejected: 0, images: 0, imageFailures: 0 };
  if (extra.parse === false) {
    await ctx.collect.notePayload({ ...ledger, parsedAt: now, items: 0 });
  } else {
    // 2. items
    counts = await ingestPayload(ctx, source, payload, ledger, res.charset);
  }
  // 3. validators last
  await ctx.collect.putFetchState(validators);
  return {
    ...base,
    ...counts,
    outcome: 'fetched',
    status: res.status,
    bytes: res.body.length,
    payloadId: payload.id,
    body: res.body,
  };
}

interface SourceTotals {
  fetches: number;
  items: number;
  new: number;
  duplicate: number;
  rejected: number;
  images: number;
  imageFailures: number;
  outcome: 'fetched' | 'not-modified' | 'unchanged';
  status?: number;
  bytes: number;
  payloadId?: string;
}

function add(t: SourceTotals, o: FetchOutcome): void {
  t.fetches++;
  t.items += o.items;
  t.new += o.new;
  t.duplicate += o.duplicate;
  t.rejected += o.rejected;
  t.images += o.images;
  t.imageFailures += o.imageFailures;
  t.bytes += o.bytes;
}

/** A Telegram channel: the newest page, then older pages (?before=) while they still bring new posts. */
async function pollTelegram(ctx: Ctx, source: Source, url: string): Promise<SourceTotals> {
  const first = await fetchAndIngest(ctx, source, url);
  const t: SourceTotals = {
    fetches: 0,
    items: 0,
    new: 0,
    duplicate: 0,
    rejected: 0,
    images: 0,
    imageFailures: 0,
    outcome: first.outcome,
    status: first.status,
    bytes: 0,
  };
  if (first.payloadId) t.payloadId = first.payloadId;
  add(t, first);
  let page = first;
  while (page.new > 0 && page.body && t.fetches < ctx.config.maxPages) {
    const older = olderPageUrl(new TextDecoder().decode(page.body), page.finalUrl);
    if (!older || older === page.finalUrl) break;
    page = await fetchAndIngest(ctx, source, older);
    add(t, page);
  }
  return t;
}

function entryTime(e: SitemapEntry): number {
  const t = Date.parse(e.news?.published ?? e.lastmod ?? '');
  return Number.isFinite(t) ? t : 0;
}

/** A sitemap: discover article URLs (one level of sitemap index), fetch new or moved ones, newest first. */
async function pollSitemap(
  ctx: Ctx,
  source: Source,
  url: string,
): Promise<SourceTotals & { articleErrors: number }> {
  const top = await fetchAndIngest(ctx, source, url, { format: 'sitemap', parse: false });
  const t: SourceTotals & { articleErrors: number } = {
    fetches: 0,
    items: 0,
    new: 0,
    duplicate: 0,
    rejected: 0,
    images: 0,
    imageFailures: 0,
    outcome: top.outcome,
    status: top.status,
    bytes: 0,
    articleErrors: 0,
  };
  add(t, top);
  if (top.outcome === 'not-modified' || !top.body) return t;
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  let map = parseSitemap(decode(top.body));
  const entries: SitemapEntry[] = [];
  if (map.kind === 'index') {
    const children = [...map.entries].sort((a, b) => entryTime(b) - entryTime(a)).slice(0, 3);
    for (const child of children) {
      const sub = await fetchAndIngest(ctx, source, child.loc, {
        format: 'sitemap',
        parse: false,
        ...(child.lastmod ? { lastmod: child.lastmod } : {}),
      });
      add(t, sub);
      if (!sub.body) continue;
      map = parseSitemap(decode(sub.body));
      if (map.kind === 'urlset') entries.push(...map.entries);
    }
  } else entries.push(...map.entries);
  entries.sort((a, b) => entryTime(b) - entryTime(a));
  let fetched = 0;
  for (const e of entries) {
    if (fetched >= ctx.config.maxPages) break;
    const seen = await ctx.collect.getFetchState(e.loc);
    if (seen && (e.lastmod === undefined || e.lastmod === seen.lastmod)) continue;
    fetched++;
    try {
      const o = await fetchAndIngest(ctx, source, e.loc, {
        format: 'html',
        ...(e.lastmod ? { lastmod: e.lastmod } : {}),
      });
      add(t, o);
    } catch (err) {
      if (ctx.signal?.aborted) throw err;
      // one broken article does not fail the source; the sitemap itself answered
      t.articleErrors++;
    }
  }
  if (t.new > 0) t.outcome = 'fetched';
  return t;
}

async function pollOne(
  ctx: Ctx,
  source: Source,
  health: SourceHealth | undefined,
): Promise<SourcePollReport> {
  const started = performance.now();
  const at = ctx.app.clock.now();
  const url = pollUrl(source)!;
  const prev: SourceHealth = health ?? {
    sourceId: source.id,
    consecutiveFailures: 0,
    fetches: 0,
    failures: 0,
    totalNew: 0,
  };
  const intervalSec = source.pollIntervalSec ?? ctx.config.defaultIntervalSec;
  const report: SourcePollReport = {
    sourceId: source.id,
    outcome: 'fetched',
    fetches: 0,
    items: 0,
    new: 0,
    duplicate: 0,
    rejected: 0,
    images: 0,
    imageFailures: 0,
    ms: 0,
    consecutiveFailures: 0,
  };
  const entry: PollLogEntry = {
    runId: ctx.runId,
    sourceId: source.id,
    url,
    at: at.toISOString(),
    ms: 0,
    outcome: 'fetched',
  };
  let next: SourceHealth;
  try {
    let t: SourceTotals;
    if (source.platform === 'telegram') t = await pollTelegram(ctx, source, url);
    else if (source.platform === 'sitemap') t = await pollSitemap(ctx, source, url);
    else {
      const o = await fetchAndIngest(ctx, source, url);
      t = {
        fetches: 0,
        items: 0,
        new: 0,
        duplicate: 0,
        rejected: 0,
        images: 0,
        imageFailures: 0,
        outcome: o.outcome,
        status: o.status,
        bytes: 0,
      };
      if (o.payloadId) t.payloadId = o.payloadId;
      add(t, o);
    }
    Object.assign(report, {
      outcome: t.outcome,
      fetches: t.fetches,
      items: t.items,
      new: t.new,
      duplicate: t.duplicate,
      rejected: t.rejected,
      images: t.images,
      imageFailures: t.imageFailures,
    });
    Object.assign(entry, { outcome: t.outcome, bytes: t.bytes, items: t.items, new: t.new });
    if (t.status !== undefined) entry.status = t.status;
    if (t.payloadId) entry.payloadId = t.payloadId;
    next = {
      ...prev,
      lastAttemptAt: at.toISOString(),
      lastSuccessAt: at.toISOString(),
      consecutiveFailures: 0,
      fetches: prev.fetches + 1,
      lastItems: t.items,
      lastNew: t.new,
      totalNew: prev.totalNew + t.new,
      nextDueAt: new Date(at.getTime() + intervalSec * 1000).toISOString(),
    };
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    const code = isOgohError(e) ? e.code : 'INTERNAL';
    const message = isOgohError(e) ? e.message : e instanceof Error ? e.message : String(e);
    const failures = prev.consecutiveFailures + 1;
    let backoff = Math.min(intervalSec * 2 ** (failures - 1), Math.max(MAX_BACKOFF_SEC, intervalSec));
    const retryAfter = (e as { retryAfterMs?: number }).retryAfterMs;
    if (retryAfter !== undefined) backoff = Math.max(backoff, Math.ceil(retryAfter / 1000));
    const status = (e as { status?: number }).status;
    const failedUrl = isOgohError(e) ? e.file : undefined;
    report.outcome = 'failed';
    report.error = { code, message, ...(failedUrl ? { url: failedUrl } : {}) };
    Object.assign(entry, { outcome: 'failed', errorCode: code, error: message });
    if (status !== undefined) entry.status = status;
    next = {
      ...prev,
      lastAttemptAt: at.toISOString(),
      lastErrorAt: at.toISOString(),
      lastErrorCode: code,
      lastError: failedUrl && failedUrl !== url ? `${failedUrl}: ${message}` : message,
      consecutiveFailures: failures,
      fetches: prev.fetches + 1,
      failures: prev.failures + 1,
      nextDueAt: new Date(at.getTime() + backoff * 1000).toISOString(),
    };
  }
  report.ms = performance.now() - started;
  report.consecutiveFailures = next.consecutiveFailures;
  entry.ms = report.ms;
  await ctx.collect.recordPoll(entry, next);
  return report;
}

/**
 * Sources ordered round-robin by host: workers then ask different hosts side by side instead of
 * queueing behind one host's rate limit.
 */
function interleaveHosts(sources: Source[]): Source[] {
  const byHost = new Map<string, Source[]>();
  for (const s of sources) {
    let host = '';
    try {
      host = new URL(pollUrl(s) ?? '').host;
    } catch {
      // unreadable URL: its own group; the fetch reports it
    }
    const list = byHost.get(host) ?? [];
    list.push(s);
    byHost.set(host, list);
  }
  const groups = [...byHost.values()];
  const out: Source[] = [];
  for (let i = 0; out.length < sources.length; i++) for (const g of groups) if (i < g.length) out.push(g[i]!);
  return out;
}

/** Parses payloads an interrupted poll stored but did not finish; returns how many. */
async function resumePending(ctx: Ctx, sources: Map<string, Source>): Promise<number> {
  let n = 0;
  for (const row of await ctx.collect.pendingPayloads()) {
    const source = sources.get(row.sourceId);
    const payload = await ctx.app.store.getPayload(row.payloadId);
    if (!source || !payload) continue;
    try {
      if (row.format === 'sitemap')
        await ctx.collect.notePayload({ ...row, parsedAt: ctx.app.clock.now().toISOString(), items: 0 });
      else await ingestPayload(ctx, source, payload, row, payload.encoding);
    } catch {
      // noted in the ledger by ingestPayload; the source's next poll reports it
    }
    n++;
  }
  return n;
}

/**
 * Polls the due sources (or the given ones) once.
 * @example const report = await pollSources(app, { config: await loadCollectConfig() });
 */
export async function pollSources(app: Ogoh, options: PollOptions = {}): Promise<PollReport> {
  const started = performance.now();
  const startedAt = app.clock.now().toISOString();
  const config = options.config ?? (await loadCollectConfig());
  const ownFetcher = options.fetcher === undefined;
  const fetcher = options.fetcher ?? fetcherFor(config);
  const collect = await openCollectStore(app.location);
  const runId =
    options.runId ?? `run_${startedAt.replace(/[-:.]/g, '').slice(0, 15)}_${randomUUID().slice(0, 8)}`;
  try {
    const ocr = config.ocr === 'auto' ? (await tesseractInfo()) !== undefined : config.ocr;
    const ctx: Ctx = { app, collect, fetcher, config, ocr, runId, signal: options.signal };
    const all = await app.store.listSources();
    const byId = new Map(all.map((s) => [s.id, s]));
    const resumed = await resumePending(ctx, byId);
    const health = new Map((await collect.listHealth()).map((h) => [h.sourceId, h]));
    let chosen: Source[];
    if (options.sourceIds && options.sourceIds.length > 0) {
      chosen = options.sourceIds.map((id) => {
        const s = byId.get(id);
        if (!s)
          throw new OgohError('NOT_FOUND', `no source "${id}"`, {
            field: '--source',
            hint: 'see `ogoh sources list`',
          });
        if (!isPollable(s))
          throw new OgohError(
            'USAGE',
            `source "${id}" has no URL or channel to poll (platform ${s.platform})`,
            {
              field: '--source',
              hint: `set one: ogoh sources edit ${id} --url …`,
            },
          );
        return s;
      });
    } else {
      const now = app.clock.now().getTime();
      chosen = all.filter((s) => {
        if (!isPollable(s) || s.tags.includes(PAUSED_TAG)) return false;
        if (options.force) return true;
        const due = health.get(s.id)?.nextDueAt;
        return due === undefined || Date.parse(due) <= now;
      });
    }
    chosen = interleaveHosts(chosen);
    const reports: SourcePollReport[] = [];
    let cursor = 0;
    const worker = async () => {
      while (cursor < chosen.length) {
        if (options.signal?.aborted) return;
        const s = chosen[cursor++]!;
        const r = await pollOne(ctx, s, health.get(s.id));
        reports.push(r);
        options.onSource?.(r);
      }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(config.concurrency, chosen.length)) }, worker);
    const settled = await Promise.allSettled(workers);
    const failedWorker = settled.find((r) => r.status === 'rejected');
    if (failedWorker && !options.signal?.aborted) throw (failedWorker as PromiseRejectedResult).reason;
    reports.sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
    const failing: FailingSource[] = (await collect.listHealth())
      .filter((h) => h.consecutiveFailures >= FAILING_AFTER && byId.has(h.sourceId))
      .map((h) => {
        const f: FailingSource = { sourceId: h.sourceId, consecutiveFailures: h.consecutiveFailures };
        if (h.lastErrorCode) f.lastErrorCode = h.lastErrorCode;
        if (h.lastError) f.lastError = h.lastError;
        if (h.lastSuccessAt) f.lastSuccessAt = h.lastSuccessAt;
        return f;
      });
    return {
      runId,
      startedAt,
      ms: performance.now() - started,
      resumed,
      due: chosen.length,
      sources: reports,
      fetched: reports.filter((r) => r.outcome === 'fetched').length,
      notModified: reports.filter((r) => r.outcome === 'not-modified' || r.outcome === 'unchanged').length,
      failed: reports.filter((r) => r.outcome === 'failed').length,
      items: reports.reduce((n, r) => n + r.items, 0),
      new: reports.reduce((n, r) => n + r.new, 0),
      duplicate: reports.reduce((n, r) => n + r.duplicate, 0),
      failing,
      hosts: fetcher.stats(),
    };
  } finally {
    await collect.close();
    if (ownFetcher) fetcher.close();
  }
}

export interface UrlIngest {
  url: string;
  sourceId: string;
  format?: Format;
  report: SourcePollReport;
}

/**
 * `ogoh ingest <url>`: one fetch of one URL through the guarded fetcher, its items stored under
 * `sourceId` (created if new, without a URL so it is not polled later) or the URL's domain or
 * Telegram channel. A feed, an article page, a t.me/s page or a sitemap.
 * @example await ingestUrl(app, 'https://t.me/s/SputnikTj')
 */
export async function ingestUrl(
  app: Ogoh,
  url: string,
  options: { sourceId?: string; config?: CollectConfig; fetcher?: Fetcher } = {},
): Promise<UrlIngest> {
  const config = options.config ?? (await loadCollectConfig());
  const channel = telegramChannel(url);
  const platform = guessPlatform(url);
  let id = options.sourceId;
  if (!id) {
    try {
      id = slugId(channel ? `tg-${channel}` : new URL(url).hostname);
    } catch {
      throw new OgohError('USAGE', `"${url}" is not a URL`, { file: url });
    }
  }
  let source = await app.store.getSource(id);
  const created = !source;
  if (!source) {
    source = {
      id,
      name: channel ? `@${channel}` : id,
      platform,
      languages: [],
      affiliation: 'unknown',
      tags: [],
      createdAt: app.clock.now().toISOString(),
      ...(channel ? { channelId: channel } : {}),
    };
    await app.store.putSource(source);
  }
  const target = channel ? `https://t.me/s/${channel}` : url;
  const ownFetcher = options.fetcher === undefined;
  const fetcher = options.fetcher ?? fetcherFor(config);
  const collect = await openCollectStore(app.location);
  try {
    const ocr = config.ocr === 'auto' ? (await tesseractInfo()) !== undefined : config.ocr;
    const ctx: Ctx = {
      app,
      collect,
      fetcher,
      config,
      ocr,
      runId: `ingest_${randomUUID().slice(0, 8)}`,
      signal: undefined,
    };
    // this one URL, read as what it looks like (the stored source keeps its own URL, if any)
    const report = await pollOne(ctx, { ...source, platform, url: target }, await collect.getHealth(id));
    // a source made up for a URL that could not be fetched is not kept
    if (created && report.outcome === 'failed') await collect.removeSource(id).catch(() => false);
    const out: UrlIngest = { url, sourceId: id, report };
    const fmt = FORMAT_OF[platform];
    if (fmt && fmt !== 'auto') out.format = fmt;
    return out;
  } finally {
    await collect.close();
    if (ownFetcher) fetcher.close();
  }
}
