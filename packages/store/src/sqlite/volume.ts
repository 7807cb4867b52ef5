/**
 * Volume over time (the VolumeReader port) for SQLite. Counts come from the language and source
 * indexes alone: their keys end in the item's sort key, which encodes the published instant
 * (keys.ts), so the day is arithmetic on the key and no item row is read. Walking the index in
 * (key, sort_key) order makes the days of each key arrive in order, so grouping needs no sort.
 */
import { OgohError, type VolumeQuery, type VolumeReader, type VolumeRow } from '@ogoh/core';
import { parseTime } from '../query.ts';
import { type Db, openDb, sqliteError } from './db.ts';
import { slotStart } from './keys.ts';
import { migrate } from './migrate.ts';

/** The sort-key epoch (keys.ts): 1900-01-01T00:00Z, a UTC midnight, so day numbers are UTC days. */
const KEY_EPOCH_MS = Date.UTC(1900, 0, 1);
const DAY_MS = 86_400_000;
/** Sort keys stop at 2^63 − 1; any time bound above every real key. */
const MAX_KEY = (1n << 63n) - 1n;

const SQL = {
  lang: `SELECT lang AS k, (sort_key >> 20) / ${DAY_MS} AS d, count(*) AS n FROM items INDEXED BY items_lang
         WHERE sort_key >= @lo AND sort_key < @hi GROUP BY lang, d`,
  source: `SELECT source_id AS k, (sort_key >> 20) / ${DAY_MS} AS d, count(*) AS n FROM items INDEXED BY items_source
           WHERE sort_key >= @lo AND sort_key < @hi GROUP BY source_id, d`,
} as const;

export function volume(db: Db, q: VolumeQuery): VolumeRow[] {
  const sql = SQL[q.by];
  if (sql === undefined)
    throw new OgohError('USAGE', `volume by "${String(q.by)}" is not supported`, {
      field: 'by',
      hint: 'use lang or source',
    });
  // Undated items have negative keys: the lower bound 0 leaves them out.
  const lo = q.since === undefined ? 0n : slotStart(parseTime(q.since, 'since'));
  const hi = q.until === undefined ? MAX_KEY : slotStart(parseTime(q.until, 'until'));
  let rows: { k: string; d: number; n: number }[];
  try {
    rows = db.stmt(sql).all({ lo, hi }) as { k: string; d: number; n: number }[];
  } catch (e) {
    throw sqliteError(e, 'cannot count items per day', db.path);
  }
  return rows
    .map((r) => ({
      day: new Date(KEY_EPOCH_MS + r.d * DAY_MS).toISOString().slice(0, 10),
      key: r.k,
      count: r.n,
    }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

class SqliteVolumeReader implements VolumeReader {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }
  async volume(q: VolumeQuery): Promise<VolumeRow[]> {
    if (!this.db.raw.open) throw new OgohError('STORE', `the store ${this.db.path} is closed`);
    return volume(this.db, q);
  }
  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * Opens a volume reader on the SQLite store at `path` (its own connection; the store is migrated
 * when new). A `:memory:` path would be a different, empty database, so it is refused.
 */
export async function openSqliteVolumeReader(path: string): Promise<VolumeReader> {
  if (path === ':memory:')
    throw new OgohError('USAGE', 'volume series need a store file; an in-memory store cannot be shared', {
      field: 'db',
    });
  const db = openDb(path, false);
  try {
    migrate(db, false);
    return new SqliteVolumeReader(db);
  } catch (e) {
    db.close();
    throw e;
  }
}
