/**
 * The PostgreSQL adapter of the CollectStore port (migration 6), with the semantics of
 * sqlite/collect.ts: fetch state per URL, source health written with its poll-log entry, the
 * payload ledger, media with pHash and OCR text, in-place replacement of re-parsed items, guarded
 * source removal. Where SQLite relied on its single writer, rows are locked here: replaced items
 * FOR UPDATE, a removed source FOR UPDATE (a concurrent batch naming it waits, then fails its
 * foreign key instead of leaving items of a deleted source).
 */
import type {
  CollectStore,
  FetchState,
  Item,
  MediaRecord,
  PayloadParse,
  PollLogEntry,
  ReplaceItemsResult,
  SimilarMedia,
  SourceHealth,
} from '@ogoh/core';
import { OgohError } from '@ogoh/core';
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
import { epochMs } from './items.ts';
import { openPort, PostgresPort, type PostgresPortOptions } from './port.ts';
import { type ItemRow, itemColumns } from './rows.ts';
import { refreshStory } from './stories.ts';
import { indexText } from './terms.ts';

const FETCH_COLUMNS = 'url, source_id, etag, last_modified, body_hash, lastmod, status, fetched_at';
const HEALTH_COLUMNS =
  'source_id, last_attempt_at, last_success_at, last_error_at, last_error_code, last_error, consecutive_failures, fetches, failures, last_items, last_new, total_new, next_due_at';
const LOG_COLUMNS =
  'seq::text AS seq, run_id, source_id, url, at, ms, outcome, status, bytes, payload_id, items, new_items, error_code, error';
/** Ledger order: fetch time, then payload id, both by code point (as SQLite compares text). */
const LEDGER_ORDER = 'ORDER BY fetched_at COLLATE "C", payload_id COLLATE "C"';

const n = (v: number | undefined) => (v === undefined ? null : v);
const s = (v: string | undefined) => (v === undefined ? null : v);

class PostgresCollectStore extends PostgresPort implements CollectStore {
  async getFetchState(url: string): Promise<FetchState | undefined> {
    const [r] = await this.query<FetchRow>(
      'cannot read fetch state',
      `SELECT ${FETCH_COLUMNS} FROM fetch_state WHERE url = $1`,
      [url],
    );
    return r ? rowToFetch(r) : undefined;
  }

  async putFetchState(st: FetchState): Promise<void> {
    await this.query(
      `cannot store the fetch state of ${st.url}`,
      `INSERT INTO fetch_state (${FETCH_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (url) DO UPDATE SET source_id = excluded.source_id, etag = excluded.etag,
         last_modified = excluded.last_modified, body_hash = excluded.body_hash, lastmod = excluded.lastmod,
         status = excluded.status, fetched_at = excluded.fetched_at`,
      [
        st.url,
        st.sourceId,
        s(st.etag),
        s(st.lastModified),
        s(st.bodyHash),
        s(st.lastmod),
        n(st.status),
        st.fetchedAt,
      ],
    );
  }

  async getHealth(sourceId: string): Promise<SourceHealth | undefined> {
    const [r] = await this.query<HealthRow>(
      'cannot read source health',
      `SELECT ${HEALTH_COLUMNS} FROM source_health WHERE source_id = $1`,
      [sourceId],
    );
    return r ? rowToHealth(r) : undefined;
  }

  async listHealth(): Promise<SourceHealth[]> {
    return (
      await this.query<HealthRow>(
        'cannot list source health',
        `SELECT ${HEALTH_COLUMNS} FROM source_health ORDER BY source_id COLLATE "C"`,
      )
    ).map(rowToHealth);
  }

  async recordPoll(e: PollLogEntry, h: SourceHealth): Promise<number> {
    return this.tx(`cannot record the poll of ${e.sourceId}`, async (tx) => {
      const [row] = await tx.rows<{ seq: string }>(
        `INSERT INTO poll_log (run_id, source_id, url, at, ms, outcome, status, bytes, payload_id, items, new_items,
           error_code, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING seq::text AS seq`,
        [
          e.runId,
          e.sourceId,
          e.url,
          e.at,
          e.ms,
          e.outcome,
          n(e.status),
          n(e.bytes),
          s(e.payloadId),
          n(e.items),
          n(e.new),
          s(e.errorCode),
          s(e.error),
        ],
      );
      await tx.run(
        `INSERT INTO source_health (${HEALTH_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (source_id) DO UPDATE SET last_attempt_at = excluded.last_attempt_at,
           last_success_at = excluded.last_success_at, last_error_at = excluded.last_error_at,
           last_error_code = excluded.last_error_code, last_error = excluded.last_error,
           consecutive_failures = excluded.consecutive_failures, fetches = excluded.fetches,
           failures = excluded.failures, last_items = excluded.last_items, last_new = excluded.last_new,
           total_new = excluded.total_new, next_due_at = excluded.next_due_at`,
        [
          h.sourceId,
          s(h.lastAttemptAt),
          s(h.lastSuccessAt),
          s(h.lastErrorAt),
          s(h.lastErrorCode),
          s(h.lastError),
          h.consecutiveFailures,
          h.fetches,
          h.failures,
          n(h.lastItems),
          n(h.lastNew),
          h.totalNew,
          s(h.nextDueAt),
        ],
      );
      return Number(row?.seq);
    });
  }

  async listPollLog(
    o: { sourceId?: string; runId?: string; limit?: number; beforeSeq?: number } = {},
  ): Promise<PollLogEntry[]> {
    const params: unknown[] = [
      o.beforeSeq ?? Number.MAX_SAFE_INTEGER,
      Math.min(Math.max(Math.floor(o.limit ?? 100), 1), 10_000),
    ];
    const where = ['seq < $1'];
    if (o.sourceId !== undefined) {
      params.push(o.sourceId);
      where.push(`source_id = $${params.length}`);
    }
    if (o.runId !== undefined) {
      params.push(o.runId);
      where.push(`run_id = $${params.length}`);
    }
    const rows = await this.query<LogRow>(
      'cannot read the poll log',
      `SELECT ${LOG_COLUMNS} FROM poll_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $2`,
      params,
    );
    return rows.map(rowToLog);
  }

  async notePayload(p: PayloadParse): Promise<void> {
    await this.query(
      `cannot note payload ${p.payloadId}`,
      `INSERT INTO payload_parse (payload_id, source_id, url, format, fetched_at, parsed_at, items, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (payload_id) DO UPDATE SET format = excluded.format, parsed_at = excluded.parsed_at,
         items = excluded.items, error = excluded.error`,
      [p.payloadId, p.sourceId, p.url, p.format, p.fetchedAt, s(p.parsedAt), n(p.items), s(p.error)],
    );
  }

  async pendingPayloads(sourceId?: string): Promise<PayloadParse[]> {
    const rows =
      sourceId === undefined
        ? await this.query<LedgerRow>(
            'cannot list pending payloads',
            `SELECT ${LEDGER_SELECT} FROM payload_parse WHERE parsed_at IS NULL ${LEDGER_ORDER}`,
          )
        : await this.query<LedgerRow>(
            'cannot list pending payloads',
            `SELECT ${LEDGER_SELECT} FROM payload_parse WHERE parsed_at IS NULL AND source_id = $1 ${LEDGER_ORDER}`,
            [sourceId],
          );
    return rows.map(rowToLedger);
  }

  async listPayloads(o: {
    sourceId?: string;
    since?: string;
    after?: { fetchedAt: string; payloadId: string };
    limit?: number;
  }): Promise<PayloadParse[]> {
    const params: unknown[] = [Math.min(Math.max(Math.floor(o.limit ?? 100), 1), 10_000)];
    const where: string[] = [];
    if (o.sourceId !== undefined) {
      params.push(o.sourceId);
      where.push(`source_id = $${params.length}`);
    }
    if (o.since !== undefined) {
      params.push(o.since);
      where.push(`fetched_at COLLATE "C" >= $${params.length}`);
    }
    if (o.after !== undefined) {
      params.push(o.after.fetchedAt, o.after.payloadId);
      const at = `$${params.length - 1}`;
      const id = `$${params.length}`;
      where.push(
        `(fetched_at COLLATE "C" > ${at} OR (fetched_at = ${at} AND payload_id COLLATE "C" > ${id}))`,
      );
    }
    const rows = await this.query<LedgerRow>(
      'cannot list payloads',
      `SELECT ${LEDGER_SELECT} FROM payload_parse ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ${LEDGER_ORDER} LIMIT $1`,
      params,
    );
    return rows.map(rowToLedger);
  }

  async putMedia(records: MediaRecord[], links: { sha256: string; itemId: string }[]): Promise<void> {
    if (records.length === 0 && links.length === 0) return;
    await this.tx('cannot store media', async (tx) => {
      for (const m of records)
        await tx.run(
          `INSERT INTO media (${MEDIA_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (sha256) DO UPDATE SET
             url = coalesce(excluded.url, media.url), path = coalesce(media.path, excluded.path),
             phash = coalesce(media.phash, excluded.phash), ocr_text = coalesce(media.ocr_text, excluded.ocr_text),
             ocr_langs = CASE WHEN media.ocr_text IS NULL THEN excluded.ocr_langs ELSE media.ocr_langs END,
             withheld = media.withheld OR excluded.withheld,
             body = CASE WHEN media.withheld OR excluded.withheld THEN NULL ELSE coalesce(media.body, excluded.body) END`,
          [
            m.sha256,
            s(m.url),
            s(m.path),
            s(m.mime),
            m.size,
            n(m.width),
            n(m.height),
            s(m.phash),
            s(m.ocrText),
            JSON.stringify(m.ocrLangs ?? []),
            m.withheld,
            m.firstSeen,
            // an extremist source's image is never written, whatever the caller passed
            m.withheld || m.body === undefined
              ? null
              : Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength),
          ],
        );
      if (links.length > 0)
        await tx.run(
          `INSERT INTO media_items (sha256, item_id) SELECT * FROM unnest($1::text[], $2::text[])
           ON CONFLICT DO NOTHING`,
          [links.map((l) => l.sha256), links.map((l) => l.itemId)],
        );
    });
  }

  async getMedia(sha256: string): Promise<MediaRecord | undefined> {
    const [r] = await this.query<MediaRow>(
      'cannot read media',
      `SELECT ${MEDIA_COLUMNS} FROM media WHERE sha256 = $1`,
      [sha256],
    );
    return r ? rowToMedia(r) : undefined;
  }

  async mediaByUrl(url: string): Promise<MediaRecord | undefined> {
    const [r] = await this.query<MediaRow>(
      'cannot read media',
      `SELECT ${MEDIA_COLUMNS} FROM media WHERE url = $1 LIMIT 1`,
      [url],
    );
    return r ? rowToMedia(r) : undefined;
  }

  async similarMedia(
    phash: string,
    o: { maxDistance?: number; limit?: number } = {},
  ): Promise<SimilarMedia[]> {
    const max = o.maxDistance ?? 10;
    const limit = o.limit ?? 50;
    // A scan compared in JS, as on SQLite: the same distances and the same tie order on both stores.
    const rows = await this.query<{ sha256: string; phash: string }>(
      'cannot compare media',
      'SELECT sha256, phash FROM media WHERE phash IS NOT NULL',
    );
    const hits: { sha256: string; phash: string; distance: number }[] = [];
    for (const r of rows) {
      const d = hexDistance(phash, r.phash);
      if (d <= max) hits.push({ sha256: r.sha256, phash: r.phash, distance: d });
    }
    hits.sort((a, b) => a.distance - b.distance || (a.sha256 < b.sha256 ? -1 : 1));
    const best = hits.slice(0, limit);
    if (best.length === 0) return [];
    const links = await this.query<{ sha256: string; item_id: string }>(
      'cannot read media links',
      'SELECT sha256, item_id FROM media_items WHERE sha256 = ANY($1::text[]) ORDER BY item_id COLLATE "C"',
      [best.map((h) => h.sha256)],
    );
    const by = new Map<string, string[]>();
    for (const l of links) by.set(l.sha256, [...(by.get(l.sha256) ?? []), l.item_id]);
    return best.map((h) => ({ ...h, itemIds: by.get(h.sha256) ?? [] }));
  }

  async replaceItems(list: Item[]): Promise<ReplaceItemsResult> {
    const out: ReplaceItemsResult = { changed: 0, unchanged: 0, missing: [] };
    if (list.length === 0) return out;
    return this.tx('cannot replace re-parsed items', async (tx) => {
      const ids = [...new Set(list.map((i) => i.id))];
      // locked: a concurrent re-parse of the same item waits and then compares with this one's result
      const stored = new Map(
        (
          await tx.rows<ItemRow & { story_id: string | null }>(
            `SELECT ${itemColumns('i')} FROM items i WHERE i.id = ANY($1::text[]) ORDER BY i.id FOR UPDATE`,
            [ids],
          )
        ).map((r) => [r.id, r] as const),
      );
      const sets = CONTENT.map(([, col], i) => `${col} = $${i + 2}`).join(', ');
      const k = CONTENT.length + 2;
      const update = `UPDATE items SET ${sets}, pub_ms = $${k}, tsv = to_tsvector('simple', $${k + 1}), analyzed_at = NULL
        WHERE id = $1`;
      const seen = new Set<string>();
      const stories = new Set<string>();
      for (const it of list) {
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
        if (row.payload_id !== it.payloadId) {
          out.unchanged++;
          continue;
        }
        const values = CONTENT.map(([key, , kind]) => contentValue(it, key, kind));
        const differs = CONTENT.some(
          ([, col], i) => values[i] !== ((row as unknown as Record<string, unknown>)[col] ?? null),
        );
        if (!differs) {
          out.unchanged++;
          continue;
        }
        await tx.run(update, [it.id, ...values, epochMs(it.published), indexText(it.foldText)]);
        if ((it.published ?? null) !== (row.published ?? null))
          // band and anchor postings carry the item's place in time (migration 9): they move with it
          for (const table of ['item_bands', 'trace_postings'])
            await tx.run(
              `UPDATE ${table} p SET sort_ms = i.sort_ms FROM items i WHERE i.id = $1 AND p.item_id = $1`,
              [it.id],
            );
        // a new date moves the item in time order; its story's first/last seen follow
        if ((it.published ?? null) !== (row.published ?? null) && row.story_id !== null)
          stories.add(row.story_id);
        out.changed++;
      }
      for (const id of stories) await refreshStory(tx.ex, id);
      return out;
    });
  }

  async removeSource(sourceId: string): Promise<boolean> {
    return this.tx(`cannot remove source ${sourceId}`, async (tx) => {
      const found = await tx.rows('SELECT 1 FROM sources WHERE id = $1 FOR UPDATE', [sourceId]);
      if (found.length === 0) return false;
      const [c] = await tx.rows<{ items: number; payloads: number }>(
        `SELECT (SELECT count(*)::int FROM items WHERE source_id = $1) AS items,
                (SELECT count(*)::int FROM payloads WHERE source_id = $1) AS payloads`,
        [sourceId],
      );
      const items = c?.items ?? 0;
      const payloads = c?.payloads ?? 0;
      if (items > 0 || payloads > 0)
        throw new OgohError(
          'CONFLICT',
          `source ${sourceId} still has ${items} item(s) and ${payloads} payload(s); it stays registered for them`,
          { field: 'id', hint: `stop polling it instead: ogoh sources edit ${sourceId} --pause` },
        );
      for (const table of ['accounts', 'fetch_state', 'payload_parse', 'source_health'])
        await tx.run(`DELETE FROM ${table} WHERE source_id = $1`, [sourceId]);
      await tx.run('DELETE FROM sources WHERE id = $1', [sourceId]);
      return true;
    });
  }
}

/**
 * Opens the collection tables of the PostgreSQL store at `url` (creating and migrating the schema when new).
 * @example const collect = await openPostgresCollectStore(url, { schema: 'ogoh' });
 */
export async function openPostgresCollectStore(
  url: string,
  options: PostgresPortOptions = {},
): Promise<CollectStore> {
  return openPort(url, options, (db) => new PostgresCollectStore(db));
}
