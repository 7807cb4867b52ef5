/**
 * The SQLite adapter of the CollectStore port (migration 5): fetch state per URL, source health,
 * the poll log, the payload ledger, media with pHash and OCR text, in-place replacement of
 * re-parsed items. Its own connection, like AuthStore; WAL lets it share the file with the Store.
 */
import {
  type CollectStore,
  type FetchState,
  type Item,
  type MediaRecord,
  OgohError,
  type PayloadParse,
  type PollLogEntry,
  type ReplaceItemsResult,
  type SimilarMedia,
  type SourceHealth,
} from '@ogoh/core';
import {
  CONTENT,
  contentValue,
  type FetchRow,
  type HealthRow,
  hexDistance,
  LEDGER_SELECT,
  type LedgerRow,
  type LogRow,
  MEDIA_COLUMNS,
  type MediaRow,
  rowToFetch,
  rowToHealth,
  rowToLedger,
  rowToLog,
  rowToMedia,
} from '../collect-rows.ts';
import { type Db, openDb, sqliteError } from './db.ts';
import { jsonList } from './items.ts';
import { migrate } from './migrate.ts';
import { rekeyItem } from './rekey.ts';
import { type ItemRow, itemColumns } from './rows.ts';
import { TermIndex } from './terms.ts';

class SqliteCollectStore implements CollectStore {
  private readonly handle: Db;
  private closed = false;
  private terms: TermIndex | undefined;

  constructor(db: Db) {
    this.handle = db;
  }

  private get db(): Db {
    if (this.closed)
      throw new OgohError('STORE', `the store ${this.handle.path} is closed`, { file: this.handle.path });
    return this.handle;
  }

  private write<T>(what: string, fn: (db: Db) => T): T {
    const db = this.db;
    try {
      return db.write(() => fn(db));
    } catch (e) {
      throw sqliteError(e, what, db.path);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handle.close();
  }

  async getFetchState(url: string): Promise<FetchState | undefined> {
    const r = this.db.stmt('SELECT * FROM fetch_state WHERE url = ?').get(url) as FetchRow | undefined;
    return r ? rowToFetch(r) : undefined;
  }

  async putFetchState(s: FetchState): Promise<void> {
    this.write(`cannot store the fetch state of ${s.url}`, (db) =>
      db
        .stmt(
          `INSERT INTO fetch_state (url, source_id, etag, last_modified, body_hash, lastmod, status, fetched_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (url) DO UPDATE SET source_id = excluded.source_id, etag = excluded.etag,
             last_modified = excluded.last_modified, body_hash = excluded.body_hash, lastmod = excluded.lastmod,
             status = excluded.status, fetched_at = excluded.fetched_at`,
        )
        .run(
          s.url,
          s.sourceId,
          s.etag ?? null,
          s.lastModified ?? null,
          s.bodyHash ?? null,
          s.lastmod ?? null,
          s.status ?? null,
          s.fetchedAt,
        ),
    );
  }

  async getHealth(sourceId: string): Promise<SourceHealth | undefined> {
    const r = this.db.stmt('SELECT * FROM source_health WHERE source_id = ?').get(sourceId) as
      | HealthRow
      | undefined;
    return r ? rowToHealth(r) : undefined;
  }

  async listHealth(): Promise<SourceHealth[]> {
    return (this.db.stmt('SELECT * FROM source_health ORDER BY source_id').all() as HealthRow[]).map(
      rowToHealth,
    );
  }

  async recordPoll(e: PollLogEntry, h: SourceHealth): Promise<number> {
    return this.write(`cannot record the poll of ${e.sourceId}`, (db) => {
      const seq = db
        .stmt(
          `INSERT INTO poll_log (run_id, source_id, url, at, ms, outcome, status, bytes, payload_id, items, new_items,
             error_code, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          e.runId,
          e.sourceId,
          e.url,
          e.at,
          e.ms,
          e.outcome,
          e.status ?? null,
          e.bytes ?? null,
          e.payloadId ?? null,
          e.items ?? null,
          e.new ?? null,
          e.errorCode ?? null,
          e.error ?? null,
        ).lastInsertRowid;
      db.stmt(
        `INSERT INTO source_health (source_id, last_attempt_at, last_success_at, last_error_at, last_error_code,
           last_error, consecutive_failures, fetches, failures, last_items, last_new, total_new, next_due_at)
         VALUES (@source_id, @last_attempt_at, @last_success_at, @last_error_at, @last_error_code, @last_error,
           @consecutive_failures, @fetches, @failures, @last_items, @last_new, @total_new, @next_due_at)
         ON CONFLICT (source_id) DO UPDATE SET last_attempt_at = excluded.last_attempt_at,
           last_success_at = excluded.last_success_at, last_error_at = excluded.last_error_at,
           last_error_code = excluded.last_error_code, last_error = excluded.last_error,
           consecutive_failures = excluded.consecutive_failures, fetches = excluded.fetches,
           failures = excluded.failures, last_items = excluded.last_items, last_new = excluded.last_new,
           total_new = excluded.total_new, next_due_at = excluded.next_due_at`,
      ).run({
        source_id: h.sourceId,
        last_attempt_at: h.lastAttemptAt ?? null,
        last_success_at: h.lastSuccessAt ?? null,
        last_error_at: h.lastErrorAt ?? null,
        last_error_code: h.lastErrorCode ?? null,
        last_error: h.lastError ?? null,
        consecutive_failures: h.consecutiveFailures,
        fetches: h.fetches,
        failures: h.failures,
        last_items: h.lastItems ?? null,
        last_new: h.lastNew ?? null,
        total_new: h.totalNew,
        next_due_at: h.nextDueAt ?? null,
      });
      return Number(seq);
    });
  }

  async listPollLog(
    o: { sourceId?: string; runId?: string; limit?: number; beforeSeq?: number } = {},
  ): Promise<PollLogEntry[]> {
    const where = ['seq < @before'];
    if (o.sourceId !== undefined) where.push('source_id = @source');
    if (o.runId !== undefined) where.push('run_id = @run');
    const rows = this.db
      .stmt(`SELECT * FROM poll_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT @limit`)
      .all({
        before: o.beforeSeq ?? Number.MAX_SAFE_INTEGER,
        limit: Math.min(Math.max(Math.floor(o.limit ?? 100), 1), 10_000),
        ...(o.sourceId !== undefined ? { source: o.sourceId } : {}),
        ...(o.runId !== undefined ? { run: o.runId } : {}),
      }) as LogRow[];
    return rows.map(rowToLog);
  }

  async notePayload(p: PayloadParse): Promise<void> {
    this.write(`cannot note payload ${p.payloadId}`, (db) =>
      db
        .stmt(
          `INSERT INTO payload_parse (payload_id, source_id, url, format, fetched_at, parsed_at, items, error)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (payload_id) DO UPDATE SET format = excluded.format, parsed_at = excluded.parsed_at,
             items = excluded.items, error = excluded.error`,
        )
        .run(
          p.payloadId,
          p.sourceId,
          p.url,
          p.format,
          p.fetchedAt,
          p.parsedAt ?? null,
          p.items ?? null,
          p.error ?? null,
        ),
    );
  }

  async pendingPayloads(sourceId?: string): Promise<PayloadParse[]> {
    const rows = (
      sourceId === undefined
        ? this.db
            .stmt(
              `SELECT ${LEDGER_SELECT} FROM payload_parse WHERE parsed_at IS NULL ORDER BY fetched_at, payload_id`,
            )
            .all()
        : this.db
            .stmt(
              `SELECT ${LEDGER_SELECT} FROM payload_parse WHERE parsed_at IS NULL AND source_id = ?
               ORDER BY fetched_at, payload_id`,
            )
            .all(sourceId)
    ) as LedgerRow[];
    return rows.map(rowToLedger);
  }

  async listPayloads(o: {
    sourceId?: string;
    since?: string;
    after?: { fetchedAt: string; payloadId: string };
    limit?: number;
  }): Promise<PayloadParse[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = {
      limit: Math.min(Math.max(Math.floor(o.limit ?? 100), 1), 10_000),
    };
    if (o.sourceId !== undefined) {
      where.push('source_id = @source');
      params.source = o.sourceId;
    }
    if (o.since !== undefined) {
      where.push('fetched_at >= @since');
      params.since = o.since;
    }
    if (o.after !== undefined) {
      where.push('(fetched_at, payload_id) > (@afterAt, @afterId)');
      params.afterAt = o.after.fetchedAt;
      params.afterId = o.after.payloadId;
    }
    const rows = this.db
      .stmt(
        `SELECT ${LEDGER_SELECT} FROM payload_parse ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY fetched_at, payload_id LIMIT @limit`,
      )
      .all(params) as LedgerRow[];
    return rows.map(rowToLedger);
  }

  async putMedia(records: MediaRecord[], links: { sha256: string; itemId: string }[]): Promise<void> {
    this.write('cannot store media', (db) => {
      const insert = db.stmt(
        `INSERT INTO media (${MEDIA_COLUMNS}) VALUES (@sha256, @url, @path, @mime, @size, @width, @height, @phash,
           @ocr_text, @ocr_langs, @withheld, @first_seen, @body)
         ON CONFLICT (sha256) DO UPDATE SET
           url = coalesce(excluded.url, media.url), path = coalesce(media.path, excluded.path),
           phash = coalesce(media.phash, excluded.phash), ocr_text = coalesce(media.ocr_text, excluded.ocr_text),
           ocr_langs = CASE WHEN media.ocr_text IS NULL THEN excluded.ocr_langs ELSE media.ocr_langs END,
           withheld = max(media.withheld, excluded.withheld),
           body = CASE WHEN max(media.withheld, excluded.withheld) = 1 THEN NULL ELSE coalesce(media.body, excluded.body) END`,
      );
      for (const m of records) {
        insert.run({
          sha256: m.sha256,
          url: m.url ?? null,
          path: m.path ?? null,
          mime: m.mime ?? null,
          size: m.size,
          width: m.width ?? null,
          height: m.height ?? null,
          phash: m.phash ?? null,
          ocr_text: m.ocrText ?? null,
          ocr_langs: JSON.stringify(m.ocrLangs ?? []),
          withheld: m.withheld ? 1 : 0,
          first_seen: m.firstSeen,
          // an extremist source's image is never written, whatever the caller passed
          body: m.withheld ? null : (m.body ?? null),
        });
      }
      const link = db.stmt('INSERT OR IGNORE INTO media_items (sha256, item_id) VALUES (?, ?)');
      for (const l of links) link.run(l.sha256, l.itemId);
    });
  }

  async getMedia(sha256: string): Promise<MediaRecord | undefined> {
    const r = this.db.stmt(`SELECT ${MEDIA_COLUMNS} FROM media WHERE sha256 = ?`).get(sha256) as
      | MediaRow
      | undefined;
    return r ? rowToMedia(r) : undefined;
  }

  async mediaByUrl(url: string): Promise<MediaRecord | undefined> {
    const r = this.db.stmt(`SELECT ${MEDIA_COLUMNS} FROM media WHERE url = ? LIMIT 1`).get(url) as
      | MediaRow
      | undefined;
    return r ? rowToMedia(r) : undefined;
  }

  async similarMedia(
    phash: string,
    o: { maxDistance?: number; limit?: number } = {},
  ): Promise<SimilarMedia[]> {
    const max = o.maxDistance ?? 10;
    const limit = o.limit ?? 50;
    const hits: { sha256: string; phash: string; distance: number }[] = [];
    // A scan: 64-bit hashes compare in well under a microsecond each, and SQLite has no popcount.
    for (const r of this.db
      .stmt('SELECT sha256, phash FROM media WHERE phash IS NOT NULL')
      .iterate() as Iterable<{
      sha256: string;
      phash: string;
    }>) {
      const d = hexDistance(phash, r.phash);
      if (d <= max) hits.push({ sha256: r.sha256, phash: r.phash, distance: d });
    }
    hits.sort((a, b) => a.distance - b.distance || (a.sha256 < b.sha256 ? -1 : 1));
    const items = this.db.stmt('SELECT item_id FROM media_items WHERE sha256 = ? ORDER BY item_id').pluck();
    return hits.slice(0, limit).map((h) => ({ ...h, itemIds: items.all(h.sha256) as string[] }));
  }

  async replaceItems(list: Item[]): Promise<ReplaceItemsResult> {
    const db = this.db;
    this.terms ??= new TermIndex(db);
    const terms = this.terms;
    try {
      return db.write(() => {
        const out: ReplaceItemsResult = { changed: 0, unchanged: 0, missing: [] };
        if (list.length === 0) return out;
        const stored = new Map(
          (
            db
              .stmt(`SELECT ${itemColumns('i')} FROM items i WHERE i.id IN (SELECT value FROM json_each(?))`)
              .all(jsonList(list.map((i) => i.id))) as ItemRow[]
          ).map((r) => [r.id, r] as const),
        );
        const sets = CONTENT.map(([, col]) => `${col} = @${col}`).join(', ');
        const update = db.stmt(`UPDATE items SET ${sets}, analyzed_at = NULL WHERE id = @id`);
        const seen = new Set<string>();
        for (const it of list) {
          // an id repeated in one call compares against the row as it was: count it once
          if (seen.has(it.id)) {
            out.unchanged++;
            continue;
          }
          seen.add(it.id);
          const row = stored.get(it.id);
          if (!row) {
            out.missing.push(it.id);
            continue;
          }
          // the first version of an item stays as it was published; only its own payload may rewrite it
          if (row.payload_id !== it.payloadId) {
            out.unchanged++;
            continue;
          }
          const params: Record<string, unknown> = { id: it.id };
          let differs = false;
          for (const [key, col, kind] of CONTENT) {
            const v = contentValue(it, key, kind);
            params[col] = v;
            const old = (row as unknown as Record<string, unknown>)[col] ?? null;
            if (v !== old) differs = true;
          }
          if (!differs) {
            out.unchanged++;
            continue;
          }
          update.run(params);
          // a new date moves the item in time order: its sort key (the rowid every index follows) must follow
          if ((it.published ?? null) !== (row.published ?? null)) rekeyItem(db, it.id, it.published);
          terms.stage(it.foldText);
          out.changed++;
        }
        terms.flush();
        return out;
      });
    } catch (e) {
      terms.reset();
      throw sqliteError(e, 'cannot replace re-parsed items', db.path);
    }
  }

  async removeSource(sourceId: string): Promise<boolean> {
    return this.write(`cannot remove source ${sourceId}`, (db) => {
      if (db.stmt('SELECT 1 FROM sources WHERE id = ?').pluck().get(sourceId) === undefined) return false;
      const items = db.stmt('SELECT count(*) FROM items WHERE source_id = ?').pluck().get(sourceId) as number;
      const payloads = db
        .stmt('SELECT count(*) FROM payloads WHERE source_id = ?')
        .pluck()
        .get(sourceId) as number;
      if (items > 0 || payloads > 0)
        throw new OgohError(
          'CONFLICT',
          `source ${sourceId} still has ${items} item(s) and ${payloads} payload(s); it stays registered for them`,
          { field: 'id', hint: `stop polling it instead: ogoh sources edit ${sourceId} --pause` },
        );
      db.stmt('DELETE FROM accounts WHERE source_id = ?').run(sourceId);
      db.stmt('DELETE FROM fetch_state WHERE source_id = ?').run(sourceId);
      db.stmt('DELETE FROM payload_parse WHERE source_id = ?').run(sourceId);
      db.stmt('DELETE FROM source_health WHERE source_id = ?').run(sourceId);
      db.stmt('DELETE FROM sources WHERE id = ?').run(sourceId);
      return true;
    });
  }
}

/**
 * Opens the collection tables of the SQLite store at `path` (creating and migrating the store when new).
 * @example
 *   const collect = await openSqliteCollectStore('data/ogoh.db');
 *   await collect.putFetchState({ url, sourceId, etag, fetchedAt });
 */
export async function openSqliteCollectStore(path: string): Promise<CollectStore> {
  const db = openDb(path, false);
  try {
    migrate(db, false);
    return new SqliteCollectStore(db);
  } catch (e) {
    db.close();
    throw e;
  }
}
