/**
 * Items: atomic batch writes, reads, the analysis queue. Queries live in query.ts.
 */

import type { WriteBatch, WriteResult } from '@ogoh/core';
import { type Item, OgohError } from '@ogoh/core';
import { type Db, isConstraintError, sqliteError } from './db.ts';
import { KeyAllocator, publishedMs } from './keys.ts';
import {
  accountParams,
  fieldOfColumn,
  ITEM_INSERT_COLUMNS,
  type ItemRow,
  itemColumns,
  itemParams,
  PAYLOAD_COLUMNS,
  type PayloadRow,
  payloadParams,
  rowToItem,
  rowToPayload,
} from './rows.ts';
import type { TermIndex } from './terms.ts';

const INSERT_ITEM = `INSERT INTO items (sort_key, seq, ${ITEM_INSERT_COLUMNS.join(', ')})
  VALUES (@sort_key, @seq, ${ITEM_INSERT_COLUMNS.map((c) => `@${c}`).join(', ')})`;
const INSERT_PAYLOAD = `INSERT INTO payloads (${PAYLOAD_COLUMNS})
  VALUES (@id, @uri, @format, @source_id, @size, @encoding, @content_type, @collected_at, @body)
  ON CONFLICT (id) DO NOTHING`;
const INSERT_ACCOUNT = `INSERT INTO accounts (id, source_id, external_id, name, kind)
  VALUES (@id, @source_id, @external_id, @name, @kind) ON CONFLICT (id) DO NOTHING`;

/**
 * The full-text row of a new item (migration 8 dropped the insert trigger). `meta` is spelled exactly as the
 * generated column `items.meta`, which the update and delete triggers read.
 */
const INSERT_FTS = `INSERT INTO items_fts(rowid, fold_text, meta)
  VALUES (@sort_key, @fold_text, 'xl' || @lang || ' xs' || lower(hex(@source_id)))`;

export const SELECT_ITEM = `SELECT ${itemColumns('i')} FROM items i`;

/** Ids as one JSON parameter: one cached statement serves any list length. */
export function jsonList(values: readonly (string | number)[]): string {
  return JSON.stringify(values);
}

const ROLLBACK_NOTE = 'nothing from this batch was stored';

/** Wraps a failure of record `what` with where it is in the batch and which field is at fault. */
function recordError(e: unknown, db: Db, what: string): OgohError {
  if (e instanceof OgohError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const column = /constraint failed: \w+\.(\w+)/.exec(message)?.[1];
  const init = column ? { field: fieldOfColumn(column) } : {};
  if (isConstraintError(e) || e instanceof TypeError || e instanceof RangeError) {
    return new OgohError('STORE', `cannot store ${what}: ${message}; ${ROLLBACK_NOTE}`, {
      file: db.path,
      cause: e,
      ...init,
    });
  }
  return sqliteError(e, `cannot store ${what} (${ROLLBACK_NOTE})`, db.path, init);
}

export class Items {
  private readonly db: Db;
  private readonly keys: KeyAllocator;
  private readonly terms: TermIndex | undefined;

  constructor(db: Db, terms: TermIndex | undefined) {
    this.db = db;
    this.keys = new KeyAllocator(db);
    this.terms = terms;
  }

  writeBatch(batch: WriteBatch): WriteResult {
    const terms = this.terms;
    if (!terms)
      throw new OgohError('STORE', `the store ${this.db.path} was opened read-only`, { file: this.db.path });
    const db = this.db;
    try {
      return db.write(() => {
        this.checkSources(batch);
        (batch.payloads ?? []).forEach((p, i) => {
          try {
            db.stmt(INSERT_PAYLOAD).run(payloadParams(p));
          } catch (e) {
            throw recordError(e, db, `payload ${p?.id} (payloads[${i}])`);
          }
        });
        (batch.accounts ?? []).forEach((a, i) => {
          try {
            db.stmt(INSERT_ACCOUNT).run(accountParams(a));
          } catch (e) {
            throw recordError(e, db, `account ${a?.id} (accounts[${i}])`);
          }
        });
        let seq = (db.stmt('SELECT max(seq) FROM items').pluck().get() as number | null) ?? 0;
        const exists = db.stmt('SELECT 1 FROM items WHERE id = ?').pluck();
        const insert = db.stmt(INSERT_ITEM);
        const index = db.stmt(INSERT_FTS);
        this.keys.reset();
        const seen = new Set<string>();
        const fresh: { it: Item; at: number; key: bigint; seq: number }[] = [];
        batch.items.forEach((it, i) => {
          try {
            if (seen.has(it.id) || exists.get(it.id) !== undefined) return;
            seen.add(it.id);
            fresh.push({ it, at: i, key: this.keys.next(publishedMs(it.published)), seq: ++seq });
          } catch (e) {
            throw recordError(e, db, `item ${it?.id} (items[${i}])`);
          }
        });
        // Ascending rowids keep FTS5's pending index in one segment per batch (see keys.ts).
        fresh.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        // Terms split off this thread (ingest's build worker) with the same tokenizer save a second
        // tokenization of every text here.
        const given = batch.indexTerms?.tokenizer === terms.tokenizer ? batch.indexTerms.terms : undefined;
        if (given && fresh.length > 0) terms.add(given);
        for (const { it, at, key, seq } of fresh) {
          try {
            const params = itemParams(it, key, seq);
            insert.run(params);
            index.run(params);
            if (!given) terms.stage(it.foldText);
          } catch (e) {
            throw recordError(e, db, `item ${it?.id} (items[${at}])`);
          }
        }
        terms.flush();
        return { new: fresh.length, duplicate: batch.items.length - fresh.length };
      });
    } catch (e) {
      terms.reset();
      throw e instanceof OgohError ? e : sqliteError(e, 'cannot write the batch', db.path);
    }
  }

  /** A missing source fails the foreign key anyway; checking first names the record and the fix. */
  private checkSources(batch: WriteBatch): void {
    const wanted = new Map<string, string>();
    batch.items.forEach((it, i) => {
      if (typeof it?.sourceId === 'string' && !wanted.has(it.sourceId))
        wanted.set(it.sourceId, `items[${i}] (${it.id})`);
    });
    (batch.payloads ?? []).forEach((p, i) => {
      if (typeof p?.sourceId === 'string' && !wanted.has(p.sourceId))
        wanted.set(p.sourceId, `payloads[${i}] (${p.id})`);
    });
    (batch.accounts ?? []).forEach((a, i) => {
      if (typeof a?.sourceId === 'string' && !wanted.has(a.sourceId))
        wanted.set(a.sourceId, `accounts[${i}] (${a.id})`);
    });
    if (wanted.size === 0) return;
    const known = new Set(
      this.db
        .stmt('SELECT id FROM sources WHERE id IN (SELECT value FROM json_each(?))')
        .pluck()
        .all(jsonList([...wanted.keys()])) as string[],
    );
    for (const [id, where] of wanted) {
      if (!known.has(id)) {
        throw new OgohError(
          'STORE',
          `${where} names source "${id}", which is not registered; ${ROLLBACK_NOTE}`,
          {
            file: this.db.path,
            field: 'sourceId',
            hint: 'register the source (putSource) before writing its records',
          },
        );
      }
    }
  }

  existingIds(ids: readonly string[]): Set<string> {
    if (ids.length === 0) return new Set();
    const rows = this.db
      .stmt('SELECT id FROM items WHERE id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(jsonList(ids)) as string[];
    return new Set(rows);
  }

  get(id: string): Item | undefined {
    const row = this.db.stmt(`${SELECT_ITEM} WHERE i.id = ?`).get(id) as ItemRow | undefined;
    return row ? rowToItem(row) : undefined;
  }

  /** Items in the order of `ids`; unknown ids are skipped, repeated ids returned once. */
  getMany(ids: readonly string[]): Item[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .stmt(
        `${SELECT_ITEM} JOIN (SELECT value AS id, min(key) AS pos FROM json_each(?) GROUP BY value) j
         ON i.id = j.id ORDER BY j.pos`,
      )
      .all(jsonList(ids)) as ItemRow[];
    return rows.map(rowToItem);
  }

  getPayload(id: string) {
    const row = this.db.stmt(`SELECT ${PAYLOAD_COLUMNS} FROM payloads WHERE id = ?`).get(id) as
      | PayloadRow
      | undefined;
    return row ? rowToPayload(row) : undefined;
  }

  /**
   * One page of the analysis queue after collection position `afterSeq`. Keyset on `seq`, so
   * marking items analysed between pages neither skips nor repeats any. `sinceMs` filters on
   * `collectedAt` (the queue's own order).
   */
  analysePage(opts: { all: boolean; sinceMs: number | undefined; afterSeq: number; size: number }): {
    items: Item[];
    lastSeq: number;
  } {
    const where = [opts.all ? 'i.seq > @after' : 'i.analyzed_at IS NULL AND i.seq > @after'];
    if (opts.sinceMs !== undefined) where.push("unixepoch(i.collected_at, 'subsec') * 1000 >= @since");
    const sql = `SELECT ${itemColumns('i')}, i.seq AS seq FROM items i
      WHERE ${where.join(' AND ')} ORDER BY i.seq LIMIT @size`;
    const params: Record<string, unknown> = { after: opts.afterSeq, size: opts.size };
    if (opts.sinceMs !== undefined) params.since = opts.sinceMs;
    const rows = this.db.stmt(sql).all(params) as (ItemRow & { seq: number })[];
    return { items: rows.map(rowToItem), lastSeq: rows.at(-1)?.seq ?? opts.afterSeq };
  }

  markAnalysed(ids: readonly string[], at: string): void {
    markAnalysed(this.db, ids, at);
  }
}

/** Marks items analysed at `at` (unknown ids are ignored). */
export function markAnalysed(db: Db, ids: readonly string[], at: string): void {
  if (ids.length === 0) return;
  db.write(() => {
    db.stmt('UPDATE items SET analyzed_at = ? WHERE id IN (SELECT value FROM json_each(?))').run(
      at,
      jsonList(ids),
    );
  });
}
