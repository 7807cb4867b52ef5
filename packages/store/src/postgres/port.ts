/**
 * What every PostgreSQL port adapter beside Store shares: its own connection pool on the store's
 * schema (migrated on open, like the Store), a clear error once closed, and queries whose failures
 * become coded errors naming what was being done.
 */
import { OgohError } from '@ogoh/core';
import { type Db, type Ex, openDb, pgError, type Row } from './db.ts';
import { migrate } from './migrate.ts';

export interface PostgresPortOptions {
  /** the schema holding the store's tables; created when missing. @default 'ogoh' */
  schema?: string;
}

export class PostgresPort {
  private readonly handle: Db;
  private closed = false;

  constructor(db: Db) {
    this.handle = db;
  }

  /** The connection, or a clear error once closed. */
  protected get db(): Db {
    if (this.closed)
      throw new OgohError(
        'STORE',
        `the store ${this.handle.location} (schema ${this.handle.schema}) is closed`,
        {
          file: this.handle.location,
        },
      );
    return this.handle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.sql.end({ timeout: 5 });
  }

  /** One statement on the pool; a failure says `what` could not be done. */
  protected async query<T = Row>(what: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const db = this.db;
    try {
      // a plain array: the driver's result list carries extra properties (count, columns)
      return [...((await db.sql.unsafe(sql, params as never)) as unknown as T[])];
    } catch (e) {
      throw pgError(e, what, db.location);
    }
  }

  /** Runs `fn` in one transaction (all or nothing); a failure says `what` could not be done. */
  protected async tx<T>(what: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const db = this.db;
    try {
      return (await db.sql.begin((t) => fn(new Tx(t as unknown as Ex)))) as T;
    } catch (e) {
      throw pgError(e, what, db.location);
    }
  }

  /** Runs several reads from one snapshot (a read-only REPEATABLE READ transaction). */
  protected async snapshot<T>(what: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const db = this.db;
    try {
      return (await db.sql.begin('isolation level repeatable read read only', (t) =>
        fn(new Tx(t as unknown as Ex)),
      )) as T;
    } catch (e) {
      throw pgError(e, what, db.location);
    }
  }

  protected get location(): string {
    return this.handle.location;
  }
}

/** A transaction handle with typed row results. */
export class Tx {
  readonly ex: Ex;
  constructor(ex: Ex) {
    this.ex = ex;
  }
  async rows<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return [...((await this.ex.unsafe(sql, params as never)) as unknown as T[])];
  }
  /** Runs a statement; returns how many rows it changed. */
  async run(sql: string, params: unknown[] = []): Promise<number> {
    const r = (await this.ex.unsafe(sql, params as never)) as unknown as { count: number };
    return r.count;
  }
}

/** Opens a pool on `url`'s schema, migrates it, and hands it to `make`; the pool ends if that fails. */
export async function openPort<T>(
  url: string,
  options: PostgresPortOptions,
  make: (db: Db) => T,
): Promise<T> {
  const db = openDb(url, options.schema ?? 'ogoh');
  try {
    await migrate(db);
    return make(db);
  } catch (e) {
    await db.sql.end({ timeout: 1 }).catch(() => {});
    throw e;
  }
}
