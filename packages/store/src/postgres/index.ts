/**
 * The PostgreSQL adapter of the Store port: the same semantics as the SQLite adapter (checked by
 * the same contract suite) on a server many processes share. One store is one schema of a database
 * (`ogoh` unless told otherwise), so several stores can live in one database.
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
import { type Db, openDb, pgError } from './db.ts';
import * as detections from './detections.ts';
import * as items from './items.ts';
import { migrate } from './migrate.ts';
import { queryItemSummaries, queryItems } from './search.ts';
import * as signatures from './signatures.ts';
import * as sources from './sources.ts';
import * as stories from './stories.ts';

export interface PostgresStoreOptions {
  /** The schema holding this store's tables; created when missing. @default 'ogoh' */
  schema?: string;
}

const DEFAULT_ANALYSE_BATCH = 500;

class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly handle: Db;
  private readonly version: number;
  private closed = false;

  constructor(db: Db, version: number) {
    this.handle = db;
    this.version = version;
  }

  /** The connection, or a clear error once closed. */
  private get db(): Db {
    if (this.closed) {
      throw new OgohError(
        'STORE',
        `the store ${this.handle.location} (schema ${this.handle.schema}) is closed`,
        {
          file: this.handle.location,
        },
      );
    }
    return this.handle;
  }

  async schemaVersion(): Promise<number> {
    return this.version;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.sql.end({ timeout: 5 });
  }

  async putSource(source: Source): Promise<void> {
    await sources.putSource(this.db, source);
    await this.bump();
  }

  async getSource(id: string): Promise<Source | undefined> {
    return sources.getSource(this.db, id);
  }

  async listSources(): Promise<Source[]> {
    return sources.listSources(this.db);
  }

  async writeBatch(batch: WriteBatch): Promise<WriteResult> {
    const r = await items.writeBatch(this.db, batch);
    if (r.new > 0) await this.bump();
    return r;
  }

  async existingItemIds(ids: string[]): Promise<Set<string>> {
    return items.existingIds(this.db, ids);
  }

  async getItem(id: string): Promise<Item | undefined> {
    return items.getItem(this.db, id);
  }

  async getItems(ids: string[]): Promise<Item[]> {
    return items.getItems(this.db, ids);
  }

  async queryItems(query: ItemQuery): Promise<ItemPage> {
    return queryItems(this.db, query);
  }

  async queryItemSummaries(query: ItemQuery): Promise<ItemSummaryPage> {
    return queryItemSummaries(this.db, query);
  }

  async getPayload(id: string): Promise<RawPayload | undefined> {
    return items.getPayload(this.db, id);
  }

  /**
   * Pages of items in collection order. Unanalysed only unless `all`; `since` keeps items
   * collected at or after that instant. Each page is read when asked for (keyset on seq).
   *
   * Writers do not lock the table, so a batch may commit after a batch with higher positions
   * (seq) was already read past. When the keyset pass ends, the unanalysed positions it passed
   * without yielding are read and yielded (oldest first), then the pass goes on; it ends when
   * both find nothing. With `all`, late items are left to the next plain run (they are unanalysed).
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
    const all = options.all ?? false;
    const sinceMs = options.since === undefined ? undefined : parseTime(options.since, 'since');
    const yielded = new SeqSet();
    let afterSeq = '0';
    for (;;) {
      const page = await items.analysePage(this.db, { all, sinceMs, afterSeq, size });
      if (page.items.length > 0) {
        afterSeq = page.lastSeq;
        yielded.addAll(page.seqs);
        yield page.items;
      }
      if (page.items.length === size) continue;
      if (all) return;
      const late = (await items.unanalysedSeqs(this.db, { upToSeq: afterSeq, sinceMs })).filter(
        (s) => !yielded.has(s),
      );
      if (late.length === 0) return;
      for (let i = 0; i < late.length; i += size) {
        const chunk = late.slice(i, i + size);
        yielded.addAll(chunk);
        const found = await items.itemsAtSeqs(this.db, chunk);
        if (found.length > 0) yield found;
      }
    }
  }

  async markAnalysed(itemIds: string[], at: string): Promise<void> {
    await items.markAnalysed(this.db, itemIds, at);
    if (itemIds.length) await this.bump();
  }

  async putSignatures(rows: SignatureRow[]): Promise<void> {
    return signatures.putSignatures(this.db, rows);
  }

  async candidatesByBands(bands: string[], excludeItemId?: string): Promise<CandidateRow[]> {
    return signatures.candidatesByBands(this.db, bands, excludeItemId);
  }

  async candidatesByContentHash(contentHash: string, excludeItemId?: string): Promise<CandidateRow[]> {
    return signatures.candidatesByContentHash(this.db, contentHash, excludeItemId);
  }

  async assignStories(assignments: StoryAssignment[]): Promise<void> {
    await stories.assignStories(this.db, assignments);
    if (assignments.length) await this.bump();
  }

  async commitAnalysisPage(page: {
    assignments: StoryAssignment[];
    analysed: string[];
    at: string;
    signatures?: SignatureRow[];
  }): Promise<void> {
    await stories.commitAnalysisPage(this.db, page);
    if (page.assignments.length || page.analysed.length) await this.bump();
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
    await detections.replaceDetections(this.db, itemIds, list, options?.models);
    await this.bump();
  }

  async detectionsFor(itemIds: string[]): Promise<Detection[]> {
    return detections.detectionsFor(this.db, itemIds);
  }

  async stats(): Promise<StoreStats> {
    return sources.stats(this.db);
  }

  async dataVersion(): Promise<number> {
    try {
      const [row] = await this.db.sql.unsafe('SELECT n FROM data_version WHERE id = 1');
      return Number(row?.n ?? 0);
    } catch (e) {
      throw pgError(e, 'cannot read the data version', this.db.location);
    }
  }

  /** After a write (never before: a view computed meanwhile is then cached under the old version). */
  private async bump(): Promise<void> {
    try {
      await this.db.sql.unsafe('UPDATE data_version SET n = n + 1, changed_at = $1 WHERE id = 1', [
        new Date().toISOString(),
      ]);
    } catch (e) {
      throw pgError(e, 'cannot bump the data version', this.db.location);
    }
  }
}

/** Collection positions seen by one analysis pass: a bitmap, 1 bit per position (1M → 125 kB). */
class SeqSet {
  private bits = new Uint8Array(1 << 12);

  has(seq: number): boolean {
    const byte = Math.floor(seq / 8);
    return byte < this.bits.length && ((this.bits[byte] ?? 0) & (1 << (seq % 8))) !== 0;
  }

  addAll(seqs: readonly number[]): void {
    for (const seq of seqs) {
      const byte = Math.floor(seq / 8);
      if (byte >= this.bits.length) {
        const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
        grown.set(this.bits);
        this.bits = grown;
      }
      this.bits[byte] = (this.bits[byte] ?? 0) | (1 << (seq % 8));
    }
  }
}

/**
 * Opens (creating and migrating when needed) a PostgreSQL store.
 * @param url `postgres://user[:password]@host[:port]/database`
 * @example
 *   const store = await openPostgresStore('postgres://ogoh@127.0.0.1:5432/ogoh');
 *   await store.writeBatch({ items });
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const db = openDb(url, options.schema ?? 'ogoh');
  try {
    const version = await migrate(db);
    return new PostgresStore(db, version);
  } catch (e) {
    await db.sql.end({ timeout: 1 }).catch(() => {});
    throw e;
  }
}
