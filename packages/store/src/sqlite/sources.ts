/**
 * Sources (upserted: a source's name or affiliation may be corrected later) and store statistics.
 */
import type { Source, StoreStats } from '@ogoh/core';
import { type Db, sqliteError } from './db.ts';
import { fieldOfColumn, rowToSource, SOURCE_COLUMNS, type SourceRow, sourceParams } from './rows.ts';

const UPSERT_SOURCE = `INSERT INTO sources (${SOURCE_COLUMNS})
  VALUES (@id, @name, @platform, @url, @channel_id, @languages, @country, @affiliation, @affiliation_note,
          @tags, @poll_interval_sec, @created_at)
  ON CONFLICT (id) DO UPDATE SET name = excluded.name, platform = excluded.platform, url = excluded.url,
    channel_id = excluded.channel_id, languages = excluded.languages, country = excluded.country,
    affiliation = excluded.affiliation, affiliation_note = excluded.affiliation_note, tags = excluded.tags,
    poll_interval_sec = excluded.poll_interval_sec`;

export function putSource(db: Db, source: Source): void {
  try {
    db.write(() => db.stmt(UPSERT_SOURCE).run(sourceParams(source)));
  } catch (e) {
    const column = /constraint failed: \w+\.(\w+)/.exec(e instanceof Error ? e.message : '')?.[1];
    throw sqliteError(
      e,
      `cannot store source ${source?.id}`,
      db.path,
      column ? { field: fieldOfColumn(column) } : {},
    );
  }
}

export function getSource(db: Db, id: string): Source | undefined {
  const row = db.stmt(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = ?`).get(id) as SourceRow | undefined;
  return row ? rowToSource(row) : undefined;
}

export function listSources(db: Db): Source[] {
  return (db.stmt(`SELECT ${SOURCE_COLUMNS} FROM sources ORDER BY id`).all() as SourceRow[]).map(rowToSource);
}

export function stats(db: Db): StoreStats {
  return db.read(() => {
    const counts = db
      .stmt(
        `SELECT (SELECT count(*) FROM items) AS items, (SELECT count(*) FROM sources) AS sources,
           (SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM payloads) AS payloads,
           (SELECT count(*) FROM detections) AS detections`,
      )
      .get() as Pick<StoreStats, 'items' | 'sources' | 'stories' | 'payloads' | 'detections'>;
    const byLang: Record<string, number> = {};
    for (const r of db.stmt('SELECT lang, count(*) AS n FROM items GROUP BY lang ORDER BY lang').all() as {
      lang: string;
      n: number;
    }[])
      byLang[r.lang] = r.n;
    const bySource: Record<string, number> = {};
    for (const r of db
      .stmt('SELECT source_id, count(*) AS n FROM items GROUP BY source_id ORDER BY source_id')
      .all() as { source_id: string; n: number }[])
      bySource[r.source_id] = r.n;
    // Dated items have non-negative sort keys ordered by instant (keys.ts): no index on published needed.
    const first = db
      .stmt('SELECT published FROM items WHERE sort_key >= 0 ORDER BY sort_key LIMIT 1')
      .pluck()
      .get() as string | undefined;
    const last = db
      .stmt('SELECT published FROM items WHERE sort_key >= 0 ORDER BY sort_key DESC LIMIT 1')
      .pluck()
      .get() as string | undefined;
    const out: StoreStats = { ...counts, byLang, bySource };
    if (first !== undefined) out.firstPublished = first;
    if (last !== undefined) out.lastPublished = last;
    return out;
  });
}
