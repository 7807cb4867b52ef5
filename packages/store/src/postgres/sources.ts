/**
 * Sources (upserted: a source's name or affiliation may be corrected later) and store statistics.
 */
import type { Source, StoreStats } from '@ogoh/core';
import { type Db, pgError } from './db.ts';
import { placeholders, rowToSource, SOURCE_COLUMNS, type SourceRow, sourceParams } from './rows.ts';

const FIELDS = SOURCE_COLUMNS.split(', ');
const UPSERT_SOURCE = `INSERT INTO sources (${SOURCE_COLUMNS}) VALUES (${placeholders(FIELDS.length)})
  ON CONFLICT (id) DO UPDATE SET ${FIELDS.filter((c) => c !== 'id' && c !== 'created_at')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

export async function putSource(db: Db, source: Source): Promise<void> {
  try {
    const row = sourceParams(source) as unknown as Record<string, unknown>;
    await db.sql.unsafe(UPSERT_SOURCE, FIELDS.map((c) => row[c] ?? null) as never);
  } catch (e) {
    throw pgError(e, `cannot store source ${source?.id}`, db.location);
  }
}

export async function getSource(db: Db, id: string): Promise<Source | undefined> {
  const found = (await db.sql.unsafe(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = $1`, [
    id,
  ])) as unknown as SourceRow[];
  return found[0] ? rowToSource(found[0]) : undefined;
}

export async function listSources(db: Db): Promise<Source[]> {
  const found = (await db.sql.unsafe(
    `SELECT ${SOURCE_COLUMNS} FROM sources ORDER BY id`,
  )) as unknown as SourceRow[];
  return found.map(rowToSource);
}

export async function stats(db: Db): Promise<StoreStats> {
  try {
    // One snapshot for every count (REPEATABLE READ), as SQLite reads them in one transaction.
    return (await db.sql.begin('ISOLATION LEVEL REPEATABLE READ READ ONLY', async (tx) => {
      const [counts] = (await tx.unsafe(
        `SELECT (SELECT count(*)::int FROM items) AS items, (SELECT count(*)::int FROM sources) AS sources,
           (SELECT count(*)::int FROM stories) AS stories, (SELECT count(*)::int FROM payloads) AS payloads,
           (SELECT count(*)::int FROM detections) AS detections,
           (SELECT published FROM items WHERE pub_ms IS NOT NULL ORDER BY sort_ms, seq LIMIT 1) AS first,
           (SELECT published FROM items WHERE pub_ms IS NOT NULL ORDER BY sort_ms DESC, seq DESC LIMIT 1) AS last`,
      )) as unknown as (Pick<StoreStats, 'items' | 'sources' | 'stories' | 'payloads' | 'detections'> & {
        first: string | null;
        last: string | null;
      })[];
      const byLang: Record<string, number> = {};
      for (const r of (await tx.unsafe(
        'SELECT lang, count(*)::int AS n FROM items GROUP BY lang ORDER BY lang',
      )) as unknown as { lang: string; n: number }[])
        byLang[r.lang] = r.n;
      const bySource: Record<string, number> = {};
      for (const r of (await tx.unsafe(
        'SELECT source_id, count(*)::int AS n FROM items GROUP BY source_id ORDER BY source_id',
      )) as unknown as { source_id: string; n: number }[])
        bySource[r.source_id] = r.n;
      const { first, last, ...rest } = counts!;
      const out: StoreStats = { ...rest, byLang, bySource };
      if (first !== null) out.firstPublished = first;
      if (last !== null) out.lastPublished = last;
      return out;
    })) as StoreStats;
  } catch (e) {
    throw pgError(e, 'cannot read store statistics', db.location);
  }
}
