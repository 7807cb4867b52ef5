/**
 * The SQLite connection: opening with the right pragmas, a prepared-statement cache, write
 * transactions, and turning SQLite's error codes into coded OgohErrors that name the store file.
 */
import { mkdirSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname } from 'node:path';
import { OgohError } from '@ogoh/core';
import Database from 'better-sqlite3';

export type Statement = Database.Statement<unknown[], unknown>;
type OgohErrorInit = NonNullable<ConstructorParameters<typeof OgohError>[2]>;

/** Marks the file as an Ogoh store ("Ogoh" in ASCII) so a foreign SQLite file is not migrated. */
export const APPLICATION_ID = 0x4f676f68;

/** How long a writer waits for another connection's write lock before giving up. */
const BUSY_TIMEOUT_MS = 10_000;

export class Db {
  readonly raw: Database.Database;
  readonly path: string;
  private readonly cache = new Map<string, Statement>();
  /** inside writeAll: nested writes run in its transaction as they are */
  private flat = false;

  constructor(raw: Database.Database, path: string) {
    this.raw = raw;
    this.path = path;
  }

  /** A cached prepared statement: preparing costs more than running for the small queries here. */
  stmt(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  /**
   * Runs `fn` in a write transaction taken with BEGIN IMMEDIATE: a deferred transaction that
   * upgrades from read to write fails at once with SQLITE_BUSY in WAL mode instead of waiting on
   * the busy timeout, so every write takes the lock up front. Nested calls become savepoints.
   */
  write<T>(fn: () => T): T {
    if (this.raw.inTransaction) return this.flat ? fn() : this.raw.transaction(fn)();
    return this.raw.transaction(fn).immediate();
  }

  /**
   * A write transaction that nested `write` calls join without savepoints: all of it commits or
   * none. Inside a savepoint every statement keeps a statement journal of the pages it changes,
   * and rewriting wide `items` rows that way cost 15× a plain update (an analysis page's story
   * assignments and "analysed" marker, written together, spent most of the page there).
   */
  writeAll<T>(fn: () => T): T {
    if (this.raw.inTransaction) return this.write(fn);
    this.flat = true;
    try {
      return this.raw.transaction(fn).immediate();
    } finally {
      this.flat = false;
    }
  }

  /** Reads several statements from one snapshot. */
  read<T>(fn: () => T): T {
    if (this.raw.inTransaction) return fn();
    return this.raw.transaction(fn).deferred();
  }

  close(): void {
    this.cache.clear();
    if (this.raw.open) this.raw.close();
  }
}

/**
 * The writable connection behind an open store, for ports of the same file to share (the trace
 * tables during `analyse`). In WAL mode a write through one connection makes every other
 * connection drop its whole page cache at its next transaction, so two connections taking turns
 * to write each page read a large store from the OS again and again.
 */
const connections = new WeakMap<object, Db>();

export function shareDb(owner: object, db: Db): void {
  connections.set(owner, db);
}

export function sharedDb(owner: object): Db | undefined {
  const db = connections.get(owner);
  return db?.raw.open ? db : undefined;
}

/**
 * Page cache of a connection, in KiB (SQLite's default is 2 MB). A writer gets a 24th of the
 * machine's memory, between 32 MB and 1 GB: analysis writes random keys into the band, story and
 * anchor indexes, and with a cache smaller than a page's working set every leaf was read from the
 * OS again on each page and spilled dirty pages were written more than once per commit (the 1M run
 * read and wrote 155 GB for a 4 GB store with 32 MB). The cache fills only as pages are read.
 * Read-only and in-memory connections keep 32 MB.
 */
export function cacheKiB(small: boolean, total = totalmem()): number {
  const floor = 32 * 1024;
  if (small) return floor;
  return Math.round(Math.min(1024 * 1024, Math.max(floor, total / 24 / 1024)));
}

/** Opens the file and applies connection pragmas. Migrations are the caller's next step. */
export function openDb(path: string, readonly: boolean): Db {
  const memory = path === ':memory:';
  if (!memory && !readonly) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw new OgohError('STORE', `cannot create the folder for the store ${path}`, {
        file: path,
        cause: e,
      });
    }
  }
  let raw: Database.Database;
  try {
    raw = new Database(path, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (e) {
    throw sqliteError(e, `cannot open the store ${path}`, path, {
      hint: readonly
        ? 'a read-only open needs an existing store file'
        : 'check the --db path and its permissions',
    });
  }
  try {
    // Touch the header first: a file that is not SQLite fails here with SQLITE_NOTADB.
    raw.pragma('schema_version', { simple: true });
    if (!readonly && !memory) raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Temporary b-trees (sorts, staging) stay in memory; the store file is the only thing on disk.
    raw.pragma('temp_store = MEMORY');
    raw.pragma(`cache_size = -${cacheKiB(readonly || memory)}`);
  } catch (e) {
    raw.close();
    throw sqliteError(e, `cannot open the store ${path}`, path);
  }
  return new Db(raw, path);
}

function sqliteCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

/**
 * Turns a better-sqlite3 error into a coded OgohError. `what` says what was being done
 * ("cannot write item it_x"); the SQLite message is appended because it names the column at fault.
 */
export function sqliteError(e: unknown, what: string, path: string, init: OgohErrorInit = {}): OgohError {
  if (e instanceof OgohError) return e;
  const code = sqliteCode(e) ?? '';
  const message = e instanceof Error ? e.message : String(e);
  const base: OgohErrorInit = { file: path, cause: e, ...init };
  if (code === 'SQLITE_NOTADB') {
    return new OgohError('STORE', `${path} is not an SQLite database, so it cannot be an Ogoh store`, {
      ...base,
      hint: init.hint ?? 'point --db at an Ogoh store or at a new file name',
    });
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') {
    return new OgohError('STORE', `${what}: the store ${path} stayed locked by another process`, {
      ...base,
      hint: init.hint ?? 'another Ogoh process is writing; retry when it has finished',
    });
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) {
    return new OgohError('STORE', `${what}: the store ${path} is read-only`, {
      ...base,
      hint: init.hint ?? 'open the store for writing, or check file permissions',
    });
  }
  if (code === 'SQLITE_FULL') {
    return new OgohError('STORE', `${what}: the disk holding ${path} is full`, base);
  }
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) {
    return new OgohError('STORE', `${what}: the store ${path} is damaged (${message})`, {
      ...base,
      hint: init.hint ?? 'restore it from a backup or run `sqlite3 <file> .recover`',
    });
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new OgohError('STORE', `${what}: cannot open ${path}`, base);
  }
  return new OgohError('STORE', `${what}: ${message}`, base);
}

/** True for constraint failures (NOT NULL, FOREIGN KEY, CHECK, UNIQUE) that bad records cause. */
export function isConstraintError(e: unknown): boolean {
  return (sqliteCode(e) ?? '').startsWith('SQLITE_CONSTRAINT');
}
