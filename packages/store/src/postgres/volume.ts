/**
 * Volume over time (the VolumeReader port) on PostgreSQL: items per UTC day by language or source,
 * from the (lang|source, sort_ms) indexes. Days are counted from 1900-01-01 UTC, the SQLite sort-key
 * epoch (earlier instants clamp to it there, so they do here), so both stores give the same rows.
 */
import { OgohError, type VolumeQuery, type VolumeReader, type VolumeRow } from '@ogoh/core';
import { parseTime } from '../query.ts';
import { openPort, PostgresPort, type PostgresPortOptions } from './port.ts';

export const DAY_MS = 86_400_000;
/** The SQLite sort-key epoch (sqlite/keys.ts): a UTC midnight, so day numbers are UTC days. */
export const KEY_EPOCH_MS = Date.UTC(1900, 0, 1);

/** SQL for the UTC day number (since 1900) of a dated item's `pub_ms`. */
export function dayNumber(col: string): string {
  return `((greatest(${col}, ${KEY_EPOCH_MS}::bigint) - ${KEY_EPOCH_MS}::bigint) / ${DAY_MS})::int`;
}

export function dayOf(n: number): string {
  return new Date(KEY_EPOCH_MS + n * DAY_MS).toISOString().slice(0, 10);
}

/** `[lo, hi)` bounds on `pub_ms` for optional ISO bounds; undated items (NULL) never match. */
export function msRange(since?: string, until?: string): { lo: number; hi: number } {
  return {
    lo: since === undefined ? Number.MIN_SAFE_INTEGER : parseTime(since, 'since'),
    hi: until === undefined ? Number.MAX_SAFE_INTEGER : parseTime(until, 'until'),
  };
}

/** Day, then key, in code-unit order (what SQLite's adapter returns). */
export function byDayThenKey(a: { day: string; key: string }, b: { day: string; key: string }): number {
  return a.day < b.day ? -1 : a.day > b.day ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

const COLUMN = { lang: 'lang', source: 'source_id' } as const;

class PostgresVolumeReader extends PostgresPort implements VolumeReader {
  async volume(q: VolumeQuery): Promise<VolumeRow[]> {
    const col = COLUMN[q.by];
    if (col === undefined)
      throw new OgohError('USAGE', `volume by "${String(q.by)}" is not supported`, {
        field: 'by',
        hint: 'use lang or source',
      });
    const { lo, hi } = msRange(q.since, q.until);
    const rows = await this.query<{ k: string; d: number; n: number }>(
      'cannot count items per day',
      `SELECT ${col} AS k, ${dayNumber('pub_ms')} AS d, count(*)::int AS n FROM items
       WHERE pub_ms IS NOT NULL AND pub_ms >= $1::bigint AND pub_ms < $2::bigint GROUP BY 1, 2`,
      [lo, hi],
    );
    return rows.map((r) => ({ day: dayOf(r.d), key: r.k, count: r.n })).sort(byDayThenKey);
  }
}

/** Opens a volume reader on the PostgreSQL store at `url` (its own pool; migrated when new). */
export async function openPostgresVolumeReader(
  url: string,
  options: PostgresPortOptions = {},
): Promise<VolumeReader> {
  return openPort(url, options, (db) => new PostgresVolumeReader(db));
}
