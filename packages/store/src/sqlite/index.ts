/**
 * The SQLite adapter of the Store port (better-sqlite3: synchronous, so every method does its work
 * before its promise settles). One file holds everything; WAL lets a CLI and a server share it.
 */
import type {
  CandidateRow,
  Detection,
  Item,
  ItemPage,
  ItemQuery,
  ItemSummaryPage,
  RawPayload,
  SignatureRow,
  Source,
  Store,
  StoreStats,
  Story,
  StoryAssignment,
  WriteBatch,
  WriteResult,
} from '@ogoh/core';
import { OgohError } from '@ogoh/core';
import { parseTime } from '../query.ts';
import { type AnalysisPage, bumpDataVersion, commitPage } from './analysis-page.ts';
import { type Db, openDb, shareDb } from './db.ts';
import * as detections from './detections.ts';
import { Items } from './items.ts';
import { migrate } from './migrate.ts';
import { PageWriter } from './page-writer.ts';
import { queryItemSummaries, queryItems } from './search.ts';
import * as signatures from './signatures.ts';
import * as sources from './sources.ts';
import * as stories from './stories.ts';
import { TermIndex } from './terms.ts';

export interface SqliteStoreOptions {
  /** Open without writing: no migration, no WAL switch; writes fail with a STORE error. @default false */
  readonly?: boolean;
  /**
   * Where `commitAnalysisPage` commits: `thread` on the page writer's thread and connection
   * (page-writer.ts), `inline` on the store's own connection, `auto` (default) on the thread for
   * pages of PAGE_WRITER_MIN_ITEMS items or more. An in-memory or read-only store is always inline.
   */
  pageWriter?: 'auto' | 'thread' | 'inline';
}

/** Analysed items from which `auto` commits a page on the writer thread: smaller pages commit faster than a thread starts. */
export const PAGE_WRITER_MIN_ITEMS = 4000;

const DEFAULT_ANALYSE_BATCH = 500;

class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly handle: Db;
  private readonly items: Items;
  private readonly version: number;
  private closed = false;
  private readonly pageWriter: 'auto' | 'thread' | 'inline';
  private writer: PageWriter | undefined;

  constructor(db: Db, version: number, readonly: boolean, pageWriter: SqliteStoreOptions['pageWriter']) {
    this.handle = db;
    this.version = version;
    this.pageWriter = readonly || db.path === ':memory:' ? 'inline' : (pageWriter ?? 'auto');
    this.items = new Items(db, readonly ? undefined : new TermIndex(db));
    if (!readonly) shareDb(this, db);
  }

  /** The connection, or a clear error once closed (better-sqlite3 would throw a bare TypeError). */
  private get db(): Db {
    if (this.closed)
      throw new OgohError('STORE', `the store ${this.handle.path} is closed`, { file: this.handle.path });
    return this.handle;
  }

  private assertOpen(): void {
    void this.db;
  }

  async schemaVersion(): Promise<number> {
    return this.version;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.writer?.close();
    } finally {
      this.closeConnection();
    }
  }

  private closeConnection(): void {
    try {
      if (!this.handle.raw.readonly) this.handle.raw.pragma('optimize');
    } finally {
      this.handle.close();
    }
  }

  async putSource(source: Source): Promise<void> {
    sources.putSource(this.db, source);
    this.bump();
  }

  async getSource(id: string): Promise<Source | undefined> {
    return sources.getSource(this.db, id);
  }

  async listSources(): Promise<Source[]> {
    return sources.listSources(this.db);
  }

  async writeBatch(batch: WriteBatch): Promise<WriteResult> {
    this.assertOpen();
    const r = this.items.writeBatch(batch);
    if (r.new > 0) this.bump();
    return r;
  }

  async existingItemIds(ids: string[]): Promise<Set<string>> {
    this.assertOpen();
    return this.items.existingIds(ids);
  }

  async getItem(id: string): Promise<Item | undefined> {
    this.assertOpen();
    return this.items.get(id);
  }

  async getItems(ids: string[]): Promise<Item[]> {
    this.assertOpen();
    return this.items.getMany(ids);
  }

  async queryItems(query: ItemQuery): Promise<ItemPage> {
    return queryItems(this.db, query);
  }

  async queryItemSummaries(query: ItemQuery): Promise<ItemSummaryPage> {
    return queryItemSummaries(this.db, query);
  }

  async getPayload(id: string): Promise<RawPayload | undefined> {
    this.assertOpen();
    return this.items.getPayload(id);
  }

  /**
   * Pages of items in collection order. Unanalysed only unless `all`; `since` keeps items
   * collected at or after that instant. Each page is read when asked for, so items marked analysed
   * (or added) between pages are handled without skipping or repeating any.
   */
  async *itemsToAnalyse(options: {
    all?: boolean;
    since?: string;
    batchSize?: number;
  }): AsyncIterable<Item[]> {
    const size = options.batchSize ?? DEFAULT_ANALYSE_BATCH;
    if (!Number.isInteger(size) || size < 1) {
      throw new OgohError('USAGE', `batchSize must be a positive integer, got ${String(size)}`, {
        field: 'batchSize',
      });
    }
    const sinceMs = options.since === undefined ? undefined : parseTime(options.since, 'since');
    let afterSeq = 0;
    for (;;) {
      this.assertOpen();
      const page = this.items.analysePage({ all: options.all ?? false, sinceMs, afterSeq, size });
      if (page.items.length === 0) return;
      afterSeq = page.lastSeq;
      yield page.items;
      if (page.items.length < size) return;
    }
  }

  async markAnalysed(itemIds: string[], at: string): Promise<void> {
    this.assertOpen();
    this.items.markAnalysed(itemIds, at);
    if (itemIds.length) this.bump();
  }

  async putSignatures(rows: SignatureRow[]): Promise<void> {
    signatures.putSignatures(this.db, rows);
  }

  async candidatesByBands(bands: string[], excludeItemId?: string): Promise<CandidateRow[]> {
    return signatures.candidatesByBands(this.db, bands, excludeItemId);
  }

  async candidatesByContentHash(contentHash: string, excludeItemId?: string): Promise<CandidateRow[]> {
    return signatures.candidatesByContentHash(this.db, contentHash, excludeItemId);
  }

  async assignStories(assignments: StoryAssignment[]): Promise<void> {
    stories.assignStories(this.db, assignments);
    if (assignments.length) this.bump();
  }

  /**
   * A page's signatures, assignments and "analysed" marker in one transaction (a stopped run
   * leaves none of them); a large page on the page writer's thread (SqliteStoreOptions.pageWriter).
   */
  async commitAnalysisPage(page: AnalysisPage): Promise<void> {
    this.assertOpen();
    const thread =
      this.pageWriter === 'thread' ||
      (this.pageWriter === 'auto' && page.analysed.length >= PAGE_WRITER_MIN_ITEMS);
    if (!thread) {
      commitPage(this.db, page);
      return;
    }
    this.writer ??= new PageWriter(this.handle.path);
    await this.writer.commit(page);
  }

  async getStory(id: string): Promise<Story | undefined> {
    return stories.getStory(this.db, id);
  }

  async listStories(options?: { limit?: number; minSize?: number; cursor?: string; members?: boolean }) {
    return stories.listStories(this.db, options);
  }

  async replaceDetections(
    itemIds: string[],
    list: Detection[],
    options?: { models?: string[] },
  ): Promise<void> {
    detections.replaceDetections(this.db, itemIds, list, options?.models);
    this.bump();
  }

  async detectionsFor(itemIds: string[]): Promise<Detection[]> {
    return detections.detectionsFor(this.db, itemIds);
  }

  async stats(): Promise<StoreStats> {
    return sources.stats(this.db);
  }

  async dataVersion(): Promise<number> {
    return Number(this.db.stmt('SELECT n FROM data_version WHERE id = 1').pluck().get() ?? 0);
  }

  /** After a write (never before: a view computed meanwhile is then cached under the old version). */
  private bump(): void {
    bumpDataVersion(this.db);
  }
}

/**
 * Opens (creating and migrating when needed) an SQLite store.
 * @param path the store file; its folder is created. `:memory:` gives a throwaway store.
 * @example
 *   const store = await openSqliteStore('data/ogoh.db');
 *   await store.putSource(source);
 *   await store.writeBatch({ items });
 */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Store> {
  const readonly = options.readonly ?? false;
  const db = openDb(path, readonly);
  try {
    const version = migrate(db, readonly);
    return new SqliteStore(db, version, readonly, options.pageWriter);
  } catch (e) {
    db.close();
    throw e;
  }
}
