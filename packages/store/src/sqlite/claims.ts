/**
 * The SQLite adapter of the ClaimStore port: fact-checked claims keyed by the id they were imported
 * with (migration 4). Re-importing an id replaces its record; a record that did not change is left
 * alone, so the version counter (which keys cached claim indexes) moves only on real changes.
 */
import {
  type ClaimPage,
  type ClaimRecord,
  type ClaimStore,
  type ClaimUpsertResult,
  OgohError,
} from '@ogoh/core';
import {
  type ClaimRow,
  COLUMNS,
  DEFAULT_PAGE,
  decodeCursor,
  encodeCursor,
  MAX_PAGE,
  rowToClaim,
  sameRow,
  values,
} from '../claims-rows.ts';
import { type Db, openDb, sqliteError } from './db.ts';
import { migrate } from './migrate.ts';

class SqliteClaimStore implements ClaimStore {
  private readonly handle: Db;
  private closed = false;

  constructor(db: Db) {
    this.handle = db;
  }

  private get db(): Db {
    if (this.closed)
      throw new OgohError('STORE', `the store ${this.handle.path} is closed`, { file: this.handle.path });
    return this.handle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handle.close();
  }

  async upsertClaims(claims: readonly ClaimRecord[], at: string): Promise<ClaimUpsertResult> {
    const db = this.db;
    const result: ClaimUpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
    if (claims.length === 0) return result;
    try {
      db.write(() => {
        const get = db.stmt(`SELECT ${COLUMNS} FROM claims WHERE id = ?`);
        const insert = db.stmt(
          `INSERT INTO claims (${COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const update = db.stmt(
          'UPDATE claims SET text = ?, rating = ?, org = ?, url = ?, date = ?, lang = ?, claimant = ?, claim_date = ?, title = ?, appearances = ?, updated_at = ? WHERE id = ?',
        );
        for (const c of claims) {
          const v = values(c);
          const old = get.get(c.id) as ClaimRow | undefined;
          if (old === undefined) {
            insert.run(...v, at);
            result.inserted++;
          } else if (sameRow(old, v)) result.unchanged++;
          else {
            update.run(...v.slice(1), at, c.id);
            result.updated++;
          }
        }
        if (result.inserted + result.updated > 0)
          db.stmt('UPDATE claims_version SET version = version + 1 WHERE id = 1').run();
      });
    } catch (e) {
      throw sqliteError(e, `cannot store ${claims.length} claims`, db.path);
    }
    return result;
  }

  async listClaims(options: { limit?: number; cursor?: string } = {}): Promise<ClaimPage> {
    const limit = Math.min(Math.max(Math.floor(options.limit ?? DEFAULT_PAGE), 1), MAX_PAGE);
    const after = options.cursor === undefined ? '' : decodeCursor(options.cursor);
    const rows = this.db
      .stmt(`SELECT ${COLUMNS} FROM claims WHERE id > ? ORDER BY id LIMIT ?`)
      .all(after, limit + 1) as ClaimRow[];
    const page: ClaimPage = { claims: rows.slice(0, limit).map(rowToClaim) };
    if (rows.length > limit) page.next = encodeCursor(rows[limit - 1]!.id);
    return page;
  }

  async getClaim(id: string): Promise<ClaimRecord | undefined> {
    const r = this.db.stmt(`SELECT ${COLUMNS} FROM claims WHERE id = ?`).get(id) as ClaimRow | undefined;
    return r ? rowToClaim(r) : undefined;
  }

  async countClaims(): Promise<number> {
    return this.db.stmt('SELECT count(*) FROM claims').pluck().get() as number;
  }

  async claimsVersion(): Promise<string> {
    // one row read: cheap enough to check before every match
    return String(this.db.stmt('SELECT version FROM claims_version WHERE id = 1').pluck().get());
  }
}

/**
 * Opens the claims table of the SQLite store at `path` (creating and migrating the store when new).
 * @example
 *   const claims = await openSqliteClaimStore('data/ogoh.db');
 *   await claims.upsertClaims(records, new Date().toISOString());
 */
export async function openSqliteClaimStore(path: string): Promise<ClaimStore> {
  const db = openDb(path, false);
  try {
    migrate(db, false);
    return new SqliteClaimStore(db);
  } catch (e) {
    db.close();
    throw e;
  }
}
