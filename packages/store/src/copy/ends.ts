/**
 * The two ends of a store copy on each engine: reading a logical table (tables.ts) from a snapshot
 * that never writes, and writing one table in one transaction together with its progress row.
 *
 * Why one transaction per table: a crash leaves only whole tables behind (each with its store_copy
 * row, committed with it), so a re-run skips those and redoes the one that was cut, with nothing to
 * clean up and no per-batch keyset to get right for tables keyed by several columns. It is also the
 * fastest way to load either engine (one commit; SQLite rebuilds its full-text index once, at the
 * end of items). The price is that an interrupted items table is copied again from its start.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { OgohError } from '@ogoh/core';
import type postgres from 'postgres';
import { openDb as openPgDb, type Db as PgDb, pgError } from '../postgres/db.ts';
import { postgresLocation } from '../postgres/location.ts';
import { migrate as migratePg } from '../postgres/migrate.ts';
import { LATEST_VERSION as PG_LATEST } from '../postgres/migrations.ts';
import { openDb as openSqliteDb, type Db as SqliteDb, sqliteError } from '../sqlite/db.ts';
import { KeyAllocator, publishedMs } from '../sqlite/keys.ts';
import { migrate as migrateSqlite } from '../sqlite/migrate.ts';
import type { ColType, LogicalTable, Side } from './tables.ts';

/** A logical row: string | number | bigint | boolean | Buffer | null per column. */
export type Row = unknown[];

export interface Marker {
  step: string;
  source: string;
  rows: number | null;
  checksum: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface Progress {
  /** rows written so far in this table */
  rows: number;
}

/** One end of a copy. A source end only reads (and reads one snapshot); a target end writes. */
export interface End {
  readonly kind: 'sqlite' | 'postgres';
  /** where it is, without password, for messages and the progress record */
  readonly location: string;
  count(t: LogicalTable): Promise<number>;
  /** the table's logical rows in batches, in copy order */
  read(t: LogicalTable, batch: number): AsyncIterable<Row[]>;
  /** writes every row of `rows` and the table's progress row in one transaction */
  writeTable(
    t: LogicalTable,
    rows: AsyncIterable<Row[]>,
    mark: () => Omit<Marker, 'step'>,
    onBatch: (p: Progress) => void,
  ): Promise<void>;
  markers(): Promise<Marker[]>;
  putMarker(m: Marker): Promise<void>;
  /** moves the store's data version on, so views cached over the old (empty) store go stale */
  touch(at: string): Promise<void>;
  /** the store's tables, as its engine lists them (for the check that every one is covered) */
  tableNames(): Promise<string[]>;
  /** deletes everything the store holds (--force) */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export function normalise(type: ColType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 't':
      return typeof v === 'string' ? v : String(v);
    case 'i':
      return typeof v === 'number' ? v : Number(v);
    case 'b':
      return typeof v === 'bigint' ? v : BigInt(v as string | number);
    case 'r':
      return typeof v === 'number' ? v : Number(v);
    case 'o':
      return v === true || v === 1 || v === 1n || v === 't';
    case 'x':
      return Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array);
  }
}

function normaliseRow(t: LogicalTable, side: Side, raw: unknown[]): Row {
  side.fix?.(raw);
  return t.columns.map((c, k) => normalise(c.type, raw[k]));
}

const written = (t: LogicalTable) => t.columns.map((c, k) => (c.derived ? -1 : k)).filter((k) => k >= 0);

// ---------------------------------------------------------------- SQLite

function sqliteBind(type: ColType, v: unknown): unknown {
  if (v === null) return null;
  if (type === 'o') return v ? 1 : 0;
  return v;
}

const MARKER_COLUMNS = 'step, source, rows, checksum, started_at, finished_at';
const UPSERT_MARKER = `INSERT INTO store_copy (${MARKER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (step) DO UPDATE SET source = excluded.source, rows = excluded.rows, checksum = excluded.checksum,
  started_at = excluded.started_at, finished_at = excluded.finished_at`;
let param = 0;
const UPSERT_MARKER_PG = UPSERT_MARKER.replace(/\?/g, () => `$${++param}`);

function rowToMarker(r: Record<string, unknown>): Marker {
  return {
    step: String(r.step),
    source: String(r.source),
    rows: r.rows === null || r.rows === undefined ? null : Number(r.rows),
    checksum: (r.checksum as string | null) ?? null,
    startedAt: String(r.started_at),
    finishedAt: (r.finished_at as string | null) ?? null,
  };
}

class SqliteEnd implements End {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  private db: SqliteDb;
  private readonly path: string;
  private readonly readonly: boolean;

  constructor(path: string, readonly: boolean) {
    this.path = path;
    this.readonly = readonly;
    this.location = resolve(path);
    this.db = SqliteEnd.open(path, readonly);
    // One snapshot for the whole copy: a writer elsewhere changes nothing this copy reads.
    if (readonly) this.db.raw.exec('BEGIN');
  }

  private static open(path: string, readonly: boolean): SqliteDb {
    const db = openSqliteDb(path, readonly);
    try {
      migrateSqlite(db, readonly);
    } catch (e) {
      db.close();
      throw e;
    }
    return db;
  }

  async count(t: LogicalTable): Promise<number> {
    return Number(this.db.raw.prepare(`SELECT count(*) FROM (${t.sqlite.select})`).pluck().get());
  }

  async *read(t: LogicalTable, batch: number): AsyncIterable<Row[]> {
    const stmt = this.db.raw.prepare(t.sqlite.select).raw(true).safeIntegers(true);
    let out: Row[] = [];
    for (const raw of stmt.iterate() as IterableIterator<unknown[]>) {
      out.push(normaliseRow(t, t.sqlite, raw));
      if (out.length >= batch) {
        yield out;
        out = [];
      }
    }
    if (out.length > 0) yield out;
  }

  async writeTable(
    t: LogicalTable,
    rows: AsyncIterable<Row[]>,
    mark: () => Omit<Marker, 'step'>,
    onBatch: (p: Progress) => void,
  ): Promise<void> {
    const raw = this.db.raw;
    const keys = new KeyAllocator(this.db);
    const ctx = { sortKey: (published: string | null) => keys.next(publishedMs(published ?? undefined)) };
    const cols = written(t);
    const insert = raw.prepare(t.sqlite.write);
    let n = 0;
    raw.exec('BEGIN IMMEDIATE');
    try {
      for await (const batch of rows) {
        keys.reset();
        for (const row of batch) {
          const values = cols.map((k) => sqliteBind(t.columns[k]!.type, row[k]));
          insert.run(t.sqlite.params ? t.sqlite.params(values, ctx) : values);
        }
        n += batch.length;
        onBatch({ rows: n });
      }
      for (const sql of t.sqlite.after ?? []) raw.exec(sql);
      const m = mark();
      raw.prepare(UPSERT_MARKER).run(t.name, m.source, m.rows, m.checksum, m.startedAt, m.finishedAt);
      raw.exec('COMMIT');
    } catch (e) {
      if (raw.inTransaction) raw.exec('ROLLBACK');
      throw sqliteError(
        e,
        `cannot copy table ${t.name} into ${this.path} (nothing of it was kept)`,
        this.path,
        {
          field: t.name,
        },
      );
    }
  }

  async markers(): Promise<Marker[]> {
    const rows = this.db.raw.prepare(`SELECT ${MARKER_COLUMNS} FROM store_copy`).all() as Record<
      string,
      unknown
    >[];
    return rows.map(rowToMarker);
  }

  async putMarker(m: Marker): Promise<void> {
    this.db.raw.prepare(UPSERT_MARKER).run(m.step, m.source, m.rows, m.checksum, m.startedAt, m.finishedAt);
  }

  async touch(at: string): Promise<void> {
    this.db.raw.prepare('UPDATE data_version SET n = n + 1, changed_at = ?').run(at);
  }

  async tableNames(): Promise<string[]> {
    // FTS5 keeps its index in shadow tables named after it (items_fts_data, …)
    return this.db.raw
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'items_fts_%'",
      )
      .pluck()
      .all() as string[];
  }

  /** A new, empty store file in place of the old one (the append-only feedback log cannot be deleted row by row). */
  async clear(): Promise<void> {
    this.db.close();
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      const f = `${this.path}${suffix}`;
      if (existsSync(f)) rmSync(f);
    }
    this.db = SqliteEnd.open(this.path, this.readonly);
  }

  async close(): Promise<void> {
    try {
      if (this.db.raw.inTransaction) this.db.raw.exec('COMMIT');
      // as the store does on close: statistics for the indexes the copy just filled
      if (!this.readonly) this.db.raw.pragma('optimize');
    } finally {
      this.db.close();
    }
  }
}

// ---------------------------------------------------------------- PostgreSQL

function pgJson(type: ColType, v: unknown): unknown {
  if (v === null) return null;
  switch (type) {
    case 'b':
      return (v as bigint).toString();
    case 'r':
      return Number.isFinite(v as number) ? v : String(v);
    case 'x':
      return (v as Buffer).toString('hex');
    default:
      return v;
  }
}

/** JSON text of a batch is cut here, whatever the row count (a PostgreSQL parameter is one value in memory). */
const PG_BATCH_CHARS = 8_000_000;

function pgUrl(location: string): { url: string; schema: string } {
  const { url, schema } = postgresLocation(location);
  return { url, schema: schema ?? 'ogoh' };
}

class PostgresEnd implements End {
  readonly kind = 'postgres' as const;
  readonly location: string;
  private readonly db: PgDb;
  /** the source's snapshot: one connection in a read-only repeatable-read transaction */
  private snapshot: postgres.ReservedSql | undefined;

  private constructor(db: PgDb, location: string) {
    this.db = db;
    this.location = location;
  }

  static async open(location: string, readonly: boolean): Promise<PostgresEnd> {
    const { url, schema } = pgUrl(location);
    const db = openPgDb(url, schema);
    const end = new PostgresEnd(db, endName(location));
    try {
      if (readonly) {
        await end.checkVersion();
        end.snapshot = await db.sql.reserve();
        await end.snapshot.unsafe('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      } else {
        await migratePg(db);
      }
    } catch (e) {
      await end.close();
      throw e;
    }
    return end;
  }

  /** A source is read as it is: never migrated, so it must already be at this build's schema. */
  private async checkVersion(): Promise<void> {
    let version: number | undefined;
    try {
      const rows = (await this.db.sql.unsafe(
        `SELECT CASE WHEN to_regclass('"${this.db.schema}".ogoh_meta') IS NULL THEN NULL
          ELSE (SELECT value FROM "${this.db.schema}".ogoh_meta WHERE key = 'schema_version') END AS v`,
      )) as unknown as { v: string | null }[];
      version = rows[0]?.v === null || rows[0]?.v === undefined ? undefined : Number(rows[0].v);
    } catch (e) {
      throw pgError(e, 'cannot read the source store', this.location);
    }
    if (version === undefined) {
      throw new OgohError(
        'NOT_FOUND',
        `schema "${this.db.schema}" of ${this.db.location} holds no Ogoh store`,
        {
          file: this.location,
          field: '--from',
          hint: 'name the schema with ?schema=… (the default is ogoh)',
        },
      );
    }
    if (version !== PG_LATEST) {
      throw new OgohError(
        'STORE_VERSION',
        `the source store is at schema ${version}, this build copies schema ${PG_LATEST}`,
        {
          file: this.location,
          field: '--from',
          hint:
            version < PG_LATEST
              ? 'open it once with this build (any ogoh command) to upgrade it, then copy'
              : 'copy it with the newer Ogoh that wrote it',
        },
      );
    }
  }

  private get reader(): postgres.Sql | postgres.ReservedSql {
    return this.snapshot ?? this.db.sql;
  }

  async count(t: LogicalTable): Promise<number> {
    const rows = (await this.reader.unsafe(
      `SELECT count(*)::int AS n FROM (${t.pg.select}) q`,
    )) as unknown as { n: number }[];
    return rows[0]?.n ?? 0;
  }

  async *read(t: LogicalTable, batch: number): AsyncIterable<Row[]> {
    try {
      const cursor = this.reader.unsafe(t.pg.select).values().cursor(batch);
      for await (const rows of cursor as AsyncIterable<unknown[][]>) {
        yield rows.map((raw) => normaliseRow(t, t.pg, raw));
      }
    } catch (e) {
      throw pgError(e, `cannot read table ${t.name}`, this.location, { field: t.name });
    }
  }

  async writeTable(
    t: LogicalTable,
    rows: AsyncIterable<Row[]>,
    mark: () => Omit<Marker, 'step'>,
    onBatch: (p: Progress) => void,
  ): Promise<void> {
    const cols = written(t);
    const noCtx = {
      sortKey: () => {
        throw new Error('no sort keys on PostgreSQL');
      },
    };
    try {
      await this.db.sql.begin(async (tx) => {
        let n = 0;
        let parts: string[] = [];
        let chars = 0;
        const flush = async () => {
          if (parts.length === 0) return;
          await tx.unsafe(t.pg.write, [`[${parts.join(',')}]`]);
          n += parts.length;
          parts = [];
          chars = 0;
          onBatch({ rows: n });
        };
        for await (const batch of rows) {
          for (const row of batch) {
            const values = cols.map((k) => pgJson(t.columns[k]!.type, row[k]));
            const json = JSON.stringify(t.pg.params ? t.pg.params(values, noCtx) : values);
            parts.push(json);
            chars += json.length;
            if (chars >= PG_BATCH_CHARS) await flush();
          }
          await flush();
        }
        for (const sql of t.pg.after ?? []) await tx.unsafe(sql);
        // Planner statistics now, not when autovacuum gets round to it (a bulk load leaves none).
        if (!t.view) await tx.unsafe(`ANALYZE ${t.name}`);
        const m = mark();
        await tx.unsafe(UPSERT_MARKER_PG, [t.name, m.source, m.rows, m.checksum, m.startedAt, m.finishedAt]);
      });
    } catch (e) {
      throw pgError(
        e,
        `cannot copy table ${t.name} into ${this.location} (nothing of it was kept)`,
        this.location,
        {
          field: t.name,
        },
      );
    }
  }

  async markers(): Promise<Marker[]> {
    const rows = (await this.db.sql.unsafe(`SELECT ${MARKER_COLUMNS} FROM store_copy`)) as unknown as Record<
      string,
      unknown
    >[];
    return rows.map(rowToMarker);
  }

  async putMarker(m: Marker): Promise<void> {
    await this.db.sql.unsafe(UPSERT_MARKER_PG, [
      m.step,
      m.source,
      m.rows,
      m.checksum,
      m.startedAt,
      m.finishedAt,
    ]);
  }
  async touch(at: string): Promise<void> {
    await this.db.sql.unsafe('UPDATE data_version SET n = n + 1, changed_at = $1', [at]);
  }

  async tableNames(): Promise<string[]> {
    const rows = (await this.reader.unsafe(
      'SELECT tablename FROM pg_tables WHERE schemaname = current_schema()',
    )) as unknown as { tablename: string }[];
    return rows.map((r) => r.tablename);
  }

  /** Empties every table of the store's schema (TRUNCATE: the append-only trigger is for deletes). */
  async clear(): Promise<void> {
    try {
      await this.db.sql.begin(async (tx) => {
        const tables = (await tx.unsafe(
          "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'ogoh_meta'",
        )) as unknown as { tablename: string }[];
        if (tables.length > 0)
          await tx.unsafe(
            `TRUNCATE ${tables.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`,
          );
        await tx.unsafe('INSERT INTO claims_version (id, version) VALUES (1, 0)');
        await tx.unsafe('INSERT INTO data_version (id, n) VALUES (1, 0)');
      });
    } catch (e) {
      throw pgError(e, 'cannot empty the target store', this.location);
    }
  }

  async close(): Promise<void> {
    if (this.snapshot) {
      try {
        await this.snapshot.unsafe('COMMIT');
      } finally {
        this.snapshot.release();
        this.snapshot = undefined;
      }
    }
    await this.db.sql.end({ timeout: 5 });
  }
}

function isPostgres(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Opens one end: `readonly` for the source (a snapshot, never migrated, never written). */
export async function openEnd(location: string, readonly: boolean): Promise<End> {
  if (isPostgres(location)) return PostgresEnd.open(location, readonly);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) || location.trim() === '') {
    throw new OgohError('USAGE', `unsupported store location "${location}"`, {
      field: readonly ? '--from' : '--to',
      hint: 'give a file path for SQLite (e.g. data/ogoh.db) or a postgres:// URL',
    });
  }
  if (readonly && !existsSync(location)) {
    throw new OgohError('NOT_FOUND', `the source store ${location} does not exist`, {
      file: location,
      field: '--from',
      hint: 'check the --from path',
    });
  }
  return new SqliteEnd(location, readonly);
}

/** How a location is named in the progress record and the report (absolute path, or URL without password). */
export function endName(location: string): string {
  if (!isPostgres(location)) return resolve(location);
  const { url, schema } = pgUrl(location);
  const u = new URL(url);
  if (u.password) u.password = '***';
  u.searchParams.set('schema', schema);
  return u.toString();
}
