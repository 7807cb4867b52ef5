/**
 * The fact-check database: `ogoh claims import` (files → ClaimStore) and `ogoh claims match`
 * (text → the fact-checked claims it repeats). `matchClaims` is what `ogoh check` calls to fill its
 * `claims` field.
 *
 * The claim index is pure and in memory (@ogoh/detect ClaimIndex). It is built from the store on
 * first use in a process and kept while the store's claims version stays the same. Building costs
 * about 60-100 µs a claim (seconds for 100k), so the serialised index is also cached in a file next
 * to the SQLite store (`<db>.claims-index`), keyed by the claims version and the store file's
 * identity; loading it takes a fraction of the build time (see docs/BENCHMARKS.md).
 */

import { readFileSync, statSync } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type ClaimRecord, type ClaimStore, OgohError } from '@ogoh/core';
import {
  type ClaimFormat,
  ClaimIndex,
  type ClaimIssue,
  type ClaimMatch,
  DEFAULT_CLAIM_PARAMS,
  readClaimFile,
} from '@ogoh/detect';
import { openClaimStore } from '@ogoh/store';
import type { Ogoh } from '../context.ts';
import { installedRanker, rankerFile } from './claims-train.ts';
import { withHeld } from './held-stores.ts';

export interface ClaimImportFile {
  file: string;
  format: ClaimFormat;
  /** good records read from the file */
  claims: number;
  /** bad records reported (and skipped) */
  issues: number;
}

export interface ClaimImportReport {
  files: ClaimImportFile[];
  inserted: number;
  updated: number;
  unchanged: number;
  /** every bad record: file, line or JSON path, reason */
  issues: ClaimIssue[];
}

function storePath(app: Ogoh): string {
  if (app.location === ':memory:')
    throw new OgohError('USAGE', 'the fact-check database needs a store file, not :memory:', {
      field: 'db',
      hint: 'e.g. --db data/ogoh.db',
    });
  return app.location;
}

/** Opens the claims table of the app's store (a connection of its own); close it when done. */
export async function openClaims(app: Ogoh): Promise<ClaimStore> {
  return openClaimStore(storePath(app));
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OgohError(
      'INPUT_MISSING',
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : 'cannot be read',
      {
        file,
        hint: 'give a ClaimReview JSON(-LD), Fact Check Tools JSON or CSV file',
        cause: e,
      },
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new OgohError('INPUT_ENCODING', 'not valid UTF-8', {
      file,
      hint: 'save the file as UTF-8; nothing from it was stored',
    });
  }
}

/**
 * Imports fact-check files. Every file is read and checked before anything is stored, so a file
 * that cannot be parsed at all (an error) leaves the store unchanged; bad records inside a file are
 * reported in `issues` and skipped, good ones stored. Ids are kept as imported: importing the same
 * file again updates those claims instead of adding copies. When several files give the same id,
 * the later file wins.
 * @example const r = await importClaims(app, ['factcheck.json']) // { inserted: 12, updated: 0, … }
 */
export async function importClaims(app: Ogoh, paths: readonly string[]): Promise<ClaimImportReport> {
  if (paths.length === 0)
    throw new OgohError('USAGE', 'no files to import', { hint: 'ogoh claims import <file> [file…]' });
  const report: ClaimImportReport = { files: [], inserted: 0, updated: 0, unchanged: 0, issues: [] };
  const byId = new Map<string, ClaimRecord>();
  for (const file of paths) {
    const r = readClaimFile(readText(file), file);
    report.files.push({ file, format: r.format, claims: r.claims.length, issues: r.issues.length });
    report.issues.push(...r.issues);
    for (const c of r.claims) {
      byId.delete(c.id);
      byId.set(c.id, c);
    }
  }
  if (byId.size === 0) return report;
  const store = await openClaims(app);
  try {
    const r = await store.upsertClaims([...byId.values()], app.clock.now().toISOString());
    report.inserted = r.inserted;
    report.updated = r.updated;
    report.unchanged = r.unchanged;
  } finally {
    await store.close();
  }
  return report;
}

// ---- the index -----------------------------------------------------------------------------------

const CACHE_MAGIC = 'ogoh-claims-index\n';
const PAGE = 10_000;

interface Cached {
  key: string;
  index: ClaimIndex;
  /** the installed ranker file's mtime ('' when none) */
  ranker: string;
}

function rankerStamp(app: Ogoh): string {
  const s = statSync(rankerFile(app), { throwIfNoEntry: false });
  return s ? String(s.mtimeMs) : '';
}

/** Indexes per store file, for the life of the process. */
const loaded = new Map<string, Cached>();

/** The store's claims version plus the file's identity (a recreated store reuses version numbers). */
async function cacheKey(store: ClaimStore, path: string): Promise<string> {
  const version = await store.claimsVersion();
  const s = await stat(path).catch(() => undefined);
  return `${version}:${s?.dev ?? 0}:${s?.ino ?? 0}:${s?.birthtimeMs ?? 0}`;
}

function indexFile(path: string): string {
  return `${path}.claims-index`;
}

function readCachedIndex(file: string, key: string): ClaimIndex | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const head = `${CACHE_MAGIC}${key}\n`;
  const want = Buffer.from(head, 'utf8');
  if (bytes.length < want.length || !bytes.subarray(0, want.length).equals(want)) return undefined;
  try {
    return ClaimIndex.fromSnapshot(bytes.subarray(want.length));
  } catch {
    return undefined; // another build's format or a damaged file: rebuild
  }
}

async function writeCachedIndex(file: string, key: string, index: ClaimIndex): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, Buffer.concat([Buffer.from(`${CACHE_MAGIC}${key}\n`, 'utf8'), index.toSnapshot()]));
    await rename(tmp, file);
  } catch {
    // a read-only folder only costs the next process a rebuild
    await rm(tmp, { force: true });
  }
}

async function allClaims(store: ClaimStore): Promise<ClaimRecord[]> {
  const out: ClaimRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listClaims(cursor === undefined ? { limit: PAGE } : { limit: PAGE, cursor });
    out.push(...page.claims);
    cursor = page.next;
  } while (cursor !== undefined);
  return out;
}

/**
 * The claim index of the app's store: from this process's memory when the claims have not changed,
 * else from the index file next to the store, else built from the claims (and written there; a
 * PostgreSQL store keeps it in memory only).
 */
export async function claimIndex(app: Ogoh): Promise<ClaimIndex> {
  // A PostgreSQL store has no folder to keep the index file in: it is cached in memory only.
  const server = /^postgres(ql)?:\/\//i.test(app.location);
  const path = server ? app.location : resolve(storePath(app));
  const store = await openClaimStore(path);
  try {
    const key = server ? await store.claimsVersion() : await cacheKey(store, path);
    // the ranker `ogoh claims train` installed, else the shipped hand-set weights
    const ranker = rankerStamp(app);
    const hit = loaded.get(path);
    if (hit && hit.key === key) {
      if (hit.ranker !== ranker) {
        hit.index.params = installedRanker(app) ?? DEFAULT_CLAIM_PARAMS;
        hit.ranker = ranker;
      }
      return hit.index;
    }
    let index = server ? undefined : readCachedIndex(indexFile(path), key);
    if (index === undefined) {
      const claims = await allClaims(store);
      index = ClaimIndex.build(
        claims.map((c) => {
          const d: { id: string; text: string; title?: string; lang?: string } = { id: c.id, text: c.text };
          if (c.title !== undefined) d.title = c.title;
          if (c.lang !== undefined) d.lang = c.lang;
          return d;
        }),
      );
      if (claims.length > 0 && !server) await writeCachedIndex(indexFile(path), key, index);
    }
    index.params = installedRanker(app) ?? DEFAULT_CLAIM_PARAMS;
    loaded.set(path, { key, index, ranker });
    return index;
  } finally {
    await store.close();
  }
}

export interface MatchClaimsOptions {
  /** skip language identification when the text's language is known */
  lang?: string;
  /** drop matches scoring below this (0..1) */
  minScore?: number;
}

/**
 * The fact-checked claims a text most likely repeats, best first: `[{ id, score }]` with the ids the
 * claims were imported with and calibrated 0..1 scores. Empty when no claims are imported.
 * @example await matchClaims(app, 'Неругохи Рогун 70 фоизи барки худро ба Афгонистон мефурушад', 5)
 */
export async function matchClaims(
  app: Ogoh,
  text: string,
  k = 10,
  options: MatchClaimsOptions = {},
): Promise<ClaimMatch[]> {
  const index = await claimIndex(app);
  return index.match(text, matchOptions(k, options));
}

function matchOptions(k: number, options: MatchClaimsOptions): Parameters<ClaimIndex['match']>[1] {
  if (!Number.isInteger(k) || k < 1)
    throw new OgohError('USAGE', 'k must be a positive integer', { field: 'k' });
  const o: NonNullable<Parameters<ClaimIndex['match']>[1]> = { k };
  const lang = options.lang?.toLowerCase();
  if (lang === 'tg' || lang === 'ru' || lang === 'uz' || lang === 'en' || lang === 'fa' || lang === 'uk')
    o.lang = lang;
  if (options.minScore !== undefined) o.minScore = options.minScore;
  return o;
}

/**
 * A matcher bound to the index as it is now, for batches: one version check, then every call is
 * pure in-memory work.
 */
export async function claimMatcher(
  app: Ogoh,
): Promise<{ size: number; match(text: string, k?: number, options?: MatchClaimsOptions): ClaimMatch[] }> {
  const index = await claimIndex(app);
  return {
    size: index.size,
    match: (text, k = 10, options = {}) => index.match(text, matchOptions(k, options)),
  };
}

/** Claims by id, in the order asked (unknown ids left out): the details behind matches. */
export async function getClaims(app: Ogoh, ids: readonly string[]): Promise<ClaimRecord[]> {
  return withHeld(
    app,
    'claims',
    () => openClaims(app),
    async (store) => {
      const out: ClaimRecord[] = [];
      for (const id of ids) {
        const c = await store.getClaim(id);
        if (c) out.push(c);
      }
      return out;
    },
  );
}

/** A page of claims in id order (for `ogoh claims list`). */
export async function listClaims(
  app: Ogoh,
  options: { limit?: number; cursor?: string } = {},
): Promise<{ claims: ClaimRecord[]; next?: string; total: number }> {
  return withHeld(
    app,
    'claims',
    () => openClaims(app),
    async (store) => {
      const page = await store.listClaims(options);
      const total = await store.countClaims();
      return page.next === undefined ? { claims: page.claims, total } : { ...page, total };
    },
  );
}
