/**
 * Items: atomic batch writes, reads, the analysis queue. Queries live in search.ts.
 */
import { type Item, OgohError, type WriteBatch, type WriteResult } from '@ogoh/core';
import { type Db, type Ex, pgError, write } from './db.ts';
import {
  accountParams,
  ITEM_INSERT_COLUMNS,
  type ItemRow,
  itemColumns,
  itemParams,
  PAYLOAD_COLUMNS,
  type PayloadRow,
  payloadParams,
  placeholders,
  rowToItem,
  rowToPayload,
} from './rows.ts';
import { indexText } from './terms.ts';

const INSERT_ITEM = `INSERT INTO items (${ITEM_INSERT_COLUMNS.join(', ')}, pub_ms, collected_ms, tsv)
  VALUES (${placeholders(ITEM_INSERT_COLUMNS.length + 2)}, to_tsvector('simple', $${ITEM_INSERT_COLUMNS.length + 3}))
  ON CONFLICT (id) DO NOTHING RETURNING 1 AS new`;
const PAYLOAD_FIELDS = PAYLOAD_COLUMNS.split(', ');
const INSERT_PAYLOAD = `INSERT INTO payloads (${PAYLOAD_COLUMNS}) VALUES (${placeholders(PAYLOAD_FIELDS.length)})
  ON CONFLICT (id) DO NOTHING`;
const INSERT_ACCOUNT = `INSERT INTO accounts (id, source_id, external_id, name, kind) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (id) DO NOTHING`;

export const SELECT_ITEM = `SELECT ${itemColumns('i')} FROM items i`;

const ROLLBACK_NOTE = 'nothing from this batch was stored';

type Param = string | number | boolean | null | Buffer | string[] | number[];

/** Epoch ms of an ISO string, or null when absent or unparseable (then it sorts as undated). */
export function epochMs(value: string | undefined | null): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

function param(v: unknown): Param {
  if (v === undefined || v === null) return null;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v === 'bigint') return v.toString();
  return v as Param;
}

export async function writeBatch(db: Db, batch: WriteBatch): Promise<WriteResult> {
  const result = await insertRetrying(db, batch);
  if (result.new >= ANALYZE_MIN_NEW) await refreshStatistics(db, result.new);
  return result;
}

/** A batch that lost a deadlock (or a serialisation conflict) is written again, at most this often. */
const WRITE_ATTEMPTS = 4;

/**
 * Batches write in parallel (no table lock), so two batches naming the same new items in
 * different orders can deadlock; PostgreSQL then aborts one of them whole, and it is written again
 * (its items committed by the other batch now count as duplicates).
 */
async function insertRetrying(db: Db, batch: WriteBatch): Promise<WriteResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertBatch(db, batch);
    } catch (e) {
      const code = ((e as { cause?: { code?: string } }).cause ?? (e as { code?: string }))?.code;
      if (attempt >= WRITE_ATTEMPTS || (code !== '40P01' && code !== '40001')) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt * Math.random()));
    }
  }
}

/** Batches smaller than this never trigger a statistics refresh. */
const ANALYZE_MIN_NEW = 1000;

/**
 * Without statistics the planner answers a common term by fetching and sorting every match
 * (~85 ms at 20k items) instead of walking the newest-first index (4–8 ms). Autovacuum analyses
 * within a minute or so; a bulk load that grew the table by over 10% refreshes them at once. Two
 * writers never analyse at the same time (the second would wait for the first, then redo it).
 */
async function refreshStatistics(db: Db, added: number): Promise<void> {
  try {
    const [row] = (await db.sql.unsafe(
      "SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'items'::regclass",
    )) as unknown as { n: number }[];
    const known = row?.n ?? -1;
    if (known >= 0 && added <= known * 0.1) return;
    await write(db, async (tx) => {
      const [got] = (await tx.unsafe('SELECT pg_try_advisory_xact_lock($1::bigint) AS ok', [
        ANALYZE_LOCK,
      ] as never)) as unknown as { ok: boolean }[];
      if (got?.ok) await tx.unsafe(`ANALYZE items (${PLANNED_COLUMNS})`);
    });
  } catch {
    // Statistics only steer plans; a failed refresh leaves results correct.
  }
}

/**
 * The columns queries filter, join or order on. The wide ones (text, raw, links, …) are left to
 * autovacuum: sampling them was most of an ANALYZE's cost (1.7 s at 100k items on a busy machine).
 */
const PLANNED_COLUMNS =
  'id, source_id, lang, content_hash, story_id, analyzed_at, author_id, pub_ms, sort_ms, collected_ms, seq, tsv';

/** Advisory lock key held while a writer refreshes the items statistics ("ogoh.analyze"). */
const ANALYZE_LOCK = 0x6f67_6f68;

async function insertBatch(db: Db, batch: WriteBatch): Promise<WriteResult> {
  try {
    return await write(db, async (tx) => {
      // No table lock: batches from several workers commit in any order, so a lower seq may
      // commit after a higher one was analysed; the analysis queue catches those up (lateSeqs).
      await checkSources(tx, db, batch);
      const queued: Promise<unknown>[] = [];
      (batch.payloads ?? []).forEach((p, i) => {
        const row = payloadParams(p) as unknown as Record<string, unknown>;
        queued.push(
          tx.unsafe(INSERT_PAYLOAD, PAYLOAD_FIELDS.map((c) => param(row[c])) as never).catch((e: unknown) => {
            throw recordError(e, db, `payload ${p?.id} (payloads[${i}])`);
          }),
        );
      });
      (batch.accounts ?? []).forEach((a, i) => {
        const row = accountParams(a);
        queued.push(
          tx
            .unsafe(
              INSERT_ACCOUNT,
              ['id', 'source_id', 'external_id', 'name', 'kind'].map((c) => param(row[c])) as never,
            )
            .catch((e: unknown) => {
              throw recordError(e, db, `account ${a?.id} (accounts[${i}])`);
            }),
        );
      });
      await Promise.all(queued);
      const many = await insertMany(tx, db, batch.items);
      if (many !== undefined) return { new: many, duplicate: batch.items.length - many };
      // Pipelined on the transaction's connection, executed in order: the first failure is the
      // record at fault; everything after it fails as "transaction aborted" and is rolled back.
      const inserted = batch.items.map((it, i) => {
        let values: Param[];
        try {
          const row = itemParams(it, 0n, 0);
          values = [
            ...ITEM_INSERT_COLUMNS.map((c) => param(row[c])),
            epochMs(it?.published),
            epochMs(it?.collectedAt),
            indexText(it?.foldText),
          ];
        } catch (e) {
          return Promise.reject(recordError(e, db, `item ${it?.id} (items[${i}])`));
        }
        return tx.unsafe(INSERT_ITEM, values as never).then(
          (rows) => rows.length,
          (e: unknown) => {
            throw recordError(e, db, `item ${it?.id} (items[${i}])`);
          },
        );
      });
      const fresh = (await Promise.all(inserted)).reduce((a, b) => a + b, 0);
      return { new: fresh, duplicate: batch.items.length - fresh };
    });
  } catch (e) {
    throw pgError(e, `cannot write the batch (${ROLLBACK_NOTE})`, db.location);
  }
}

/** Column types for the one-statement insert (unnest of one array per column); text unless named. */
const ITEM_TYPES: Record<string, string> = { lang_confidence: 'float8', media_withheld: 'int2' };
const MANY_COLUMNS = [...ITEM_INSERT_COLUMNS, 'pub_ms', 'collected_ms', 'tsv'];
const MANY_TYPES = [...ITEM_INSERT_COLUMNS.map((c) => ITEM_TYPES[c] ?? 'text'), 'int8', 'int8', 'text'];
const INSERT_MANY = `INSERT INTO items (${MANY_COLUMNS.join(', ')})
  SELECT ${MANY_COLUMNS.map((c) => (c === 'tsv' ? "to_tsvector('simple', u.tsv)" : `u.${c}`)).join(', ')}
  FROM unnest(${MANY_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
    WITH ORDINALITY AS u(${MANY_COLUMNS.join(', ')}, pos)
  ORDER BY u.pos
  ON CONFLICT (id) DO NOTHING RETURNING 1 AS new`;

/**
 * All the batch's items in one statement, in batch order (their seq follows it), under a savepoint:
 * one round trip instead of one per item. Undefined when it failed for a reason other than a
 * lost deadlock: the caller then inserts item by item to name the record at fault.
 */
async function insertMany(tx: Ex, db: Db, list: readonly Item[]): Promise<number | undefined> {
  if (list.length === 0) return 0;
  const columns: Param[][] = MANY_COLUMNS.map(() => []);
  for (const [i, it] of list.entries()) {
    let values: Param[];
    try {
      const row = itemParams(it, 0n, 0);
      values = [
        ...ITEM_INSERT_COLUMNS.map((c) => param(row[c])),
        epochMs(it?.published),
        epochMs(it?.collectedAt),
        indexText(it?.foldText),
      ];
    } catch (e) {
      throw recordError(e, db, `item ${it?.id} (items[${i}])`);
    }
    values.forEach((v, c) => {
      columns[c]!.push(v);
    });
  }
  await tx.unsafe('SAVEPOINT items_batch');
  try {
    const rows = await tx.unsafe(INSERT_MANY, columns as never);
    await tx.unsafe('RELEASE SAVEPOINT items_batch');
    return rows.length;
  } catch (e) {
    const code = (e as { code?: string })?.code;
    if (code === '40P01' || code === '40001') throw e;
    await tx.unsafe('ROLLBACK TO SAVEPOINT items_batch');
    return undefined;
  }
}

/** Wraps a failure of record `what` with where it is in the batch and which field is at fault. */
function recordError(e: unknown, db: Db, what: string): OgohError {
  if (e instanceof OgohError) return e;
  return pgError(e, `cannot store ${what}; ${ROLLBACK_NOTE}`, db.location);
}

/** A missing source fails the foreign key anyway; checking first names the record and the fix. */
async function checkSources(tx: Ex, db: Db, batch: WriteBatch): Promise<void> {
  const wanted = new Map<string, string>();
  const want = (id: unknown, where: string) => {
    if (typeof id === 'string' && !wanted.has(id)) wanted.set(id, where);
  };
  for (const [i, it] of batch.items.entries()) want(it?.sourceId, `items[${i}] (${it?.id})`);
  for (const [i, p] of (batch.payloads ?? []).entries()) want(p?.sourceId, `payloads[${i}] (${p?.id})`);
  for (const [i, a] of (batch.accounts ?? []).entries()) want(a?.sourceId, `accounts[${i}] (${a?.id})`);
  if (wanted.size === 0) return;
  const rows = (await tx.unsafe('SELECT id FROM sources WHERE id = ANY($1::text[])', [
    [...wanted.keys()],
  ] as never)) as unknown as { id: string }[];
  const known = new Set(rows.map((r) => r.id));
  for (const [id, where] of wanted) {
    if (!known.has(id)) {
      throw new OgohError(
        'STORE',
        `${where} names source "${id}", which is not registered; ${ROLLBACK_NOTE}`,
        {
          file: db.location,
          field: 'sourceId',
          hint: 'register the source (putSource) before writing its records',
        },
      );
    }
  }
}

export async function existingIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = (await db.sql.unsafe('SELECT id FROM items WHERE id = ANY($1::text[])', [
    [...ids],
  ] as never)) as unknown as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

export async function getItem(db: Db, id: string): Promise<Item | undefined> {
  const rows = (await db.sql.unsafe(`${SELECT_ITEM} WHERE i.id = $1`, [id])) as unknown as ItemRow[];
  return rows[0] ? rowToItem(rows[0]) : undefined;
}

/** Items in the order of `ids`; unknown ids are skipped, repeated ids returned once. */
export async function getItems(db: Db, ids: readonly string[]): Promise<Item[]> {
  if (ids.length === 0) return [];
  const rows = (await db.sql.unsafe(
    `${SELECT_ITEM} JOIN (SELECT id, min(pos) AS pos FROM unnest($1::text[]) WITH ORDINALITY AS u(id, pos) GROUP BY id) j
       ON i.id = j.id ORDER BY j.pos`,
    [[...ids]] as never,
  )) as unknown as ItemRow[];
  return rows.map(rowToItem);
}

export async function getPayload(db: Db, id: string) {
  const rows = (await db.sql.unsafe(`SELECT ${PAYLOAD_COLUMNS} FROM payloads WHERE id = $1`, [
    id,
  ])) as unknown as PayloadRow[];
  return rows[0] ? rowToPayload(rows[0]) : undefined;
}

/** One page of the analysis queue after collection position `afterSeq` (keyset on seq). */
export async function analysePage(
  db: Db,
  opts: { all: boolean; sinceMs: number | undefined; afterSeq: string; size: number },
): Promise<{ items: Item[]; lastSeq: string; seqs: number[] }> {
  const where = ['i.seq > $1::bigint'];
  if (!opts.all) where.push('i.analyzed_at IS NULL');
  const params: Param[] = [opts.afterSeq, opts.size];
  if (opts.sinceMs !== undefined) {
    params.push(opts.sinceMs);
    where.push(`i.collected_ms >= $${params.length}`);
  }
  const rows = (await db.sql.unsafe(
    `SELECT ${itemColumns('i')}, i.seq::text AS seq_text FROM items i WHERE ${where.join(' AND ')}
     ORDER BY i.seq LIMIT $2`,
    params as never,
  )) as unknown as (ItemRow & { seq_text: string })[];
  return {
    items: rows.map(rowToItem),
    lastSeq: rows.at(-1)?.seq_text ?? opts.afterSeq,
    seqs: rows.map((r) => Number(r.seq_text)),
  };
}

/**
 * Collection positions up to `upToSeq` of items still unanalysed (collected at or after `sinceMs`):
 * after a keyset pass, those it did not yield committed late. An index-only read of the
 * unanalysed index: when the reader marks its pages, that is only the late items.
 */
export async function unanalysedSeqs(
  db: Db,
  opts: { upToSeq: string; sinceMs: number | undefined },
): Promise<number[]> {
  const params: Param[] = [opts.upToSeq];
  let since = '';
  if (opts.sinceMs !== undefined) {
    params.push(opts.sinceMs);
    since = ' AND collected_ms >= $2';
  }
  const rows = (await db.sql.unsafe(
    `SELECT seq::text AS s FROM items WHERE analyzed_at IS NULL AND seq <= $1::bigint${since} ORDER BY seq`,
    params as never,
  )) as unknown as { s: string }[];
  return rows.map((r) => Number(r.s));
}

/** The unanalysed items at these collection positions, in collection order. */
export async function itemsAtSeqs(db: Db, seqs: readonly number[]): Promise<Item[]> {
  if (seqs.length === 0) return [];
  const rows = (await db.sql.unsafe(
    `SELECT ${itemColumns('i')} FROM items i WHERE i.seq = ANY($1::bigint[]) AND i.analyzed_at IS NULL ORDER BY i.seq`,
    [seqs.map(String)] as never,
  )) as unknown as ItemRow[];
  return rows.map(rowToItem);
}

export async function markAnalysed(db: Db, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  try {
    await db.sql.unsafe('UPDATE items SET analyzed_at = $1 WHERE id = ANY($2::text[])', [
      at,
      [...ids],
    ] as never);
  } catch (e) {
    throw pgError(e, 'cannot mark items analysed', db.location);
  }
}
