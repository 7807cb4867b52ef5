/**
 * queryItems. Every query orders by `(sort_ms DESC, seq DESC)` — newest published first, undated
 * last, newest collected first among equals — and the cursor is the last row's `(sort_ms, seq)`:
 * keyset paging, stable while items are added. Terms go to the GIN index on `tsv` (terms.ts);
 * language, source, story and label are plain predicates the planner combines.
 */
import type { ItemPage, ItemQuery, ItemSummary, ItemSummaryPage } from '@ogoh/core';
import { cleanTerms, decodeCursor, encodeCursor, pageLimit, parseTime } from '../query.ts';
import { type Db, pgError } from './db.ts';
import { type ItemRow, itemColumns, rowToItem } from './rows.ts';
import { tsQuery } from './terms.ts';

interface KeyCursor {
  m: string;
  s: string;
}

function isKeyCursor(v: unknown): v is KeyCursor {
  const c = v as KeyCursor;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof c.m === 'string' &&
    /^-?\d{1,19}$/.test(c.m) &&
    typeof c.s === 'string' &&
    /^\d{1,19}$/.test(c.s)
  );
}

export function planQuery(
  q: ItemQuery,
  columns = itemColumns('i'),
): { sql: string; params: unknown[]; limit: number } {
  const limit = pageLimit(q.limit);
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  const since = q.since === undefined ? undefined : parseTime(q.since, 'since');
  const until = q.until === undefined ? undefined : parseTime(q.until, 'until');
  const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor, isKeyCursor);
  const match = tsQuery(cleanTerms(q.terms));
  if (match !== undefined) where.push(`i.tsv @@ to_tsquery('simple', ${bind(match)})`);
  if (q.lang !== undefined) where.push(`i.lang = ${bind(q.lang)}`);
  if (q.sourceId !== undefined) where.push(`i.source_id = ${bind(q.sourceId)}`);
  if (q.storyId !== undefined) where.push(`i.story_id = ${bind(q.storyId)}`);
  if (q.label !== undefined)
    where.push(`EXISTS (SELECT 1 FROM detections d WHERE d.item_id = i.id AND d.label = ${bind(q.label)})`);
  // Any time bound excludes undated items.
  if (since !== undefined || until !== undefined) where.push('i.pub_ms IS NOT NULL');
  if (since !== undefined) where.push(`i.sort_ms >= ${bind(Math.floor(since))}`);
  if (until !== undefined) where.push(`i.sort_ms < ${bind(Math.floor(until))}`);
  if (cursor !== undefined)
    where.push(`(i.sort_ms, i.seq) < (${bind(cursor.m)}::bigint, ${bind(cursor.s)}::bigint)`);
  const sql = `SELECT ${columns}, i.sort_ms::text AS k_ms, i.seq::text AS k_seq FROM items i
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY i.sort_ms DESC, i.seq DESC LIMIT ${bind(limit + 1)}`;
  return { sql, params, limit };
}

export async function queryItems(db: Db, q: ItemQuery): Promise<ItemPage> {
  const { sql, params, limit } = planQuery(q);
  let rows: (ItemRow & { k_ms: string; k_seq: string })[];
  try {
    rows = (await db.sql.unsafe(sql, params as never)) as unknown as typeof rows;
  } catch (e) {
    throw pgError(e, 'cannot query items', db.location);
  }
  const more = rows.length > limit;
  if (more) rows.pop();
  const page: ItemPage = { items: rows.map(rowToItem) };
  const last = rows.at(-1);
  if (more && last) page.next = encodeCursor({ m: last.k_ms, s: last.k_seq });
  return page;
}

const SUMMARY_COLUMNS =
  'i.id, i.source_id, i.text, i.lang, i.lang_confidence, i.title, i.published, i.url, i.story_id';

interface SummaryRow {
  id: string;
  source_id: string;
  text: string;
  lang: string;
  lang_confidence: number;
  title: string | null;
  published: string | null;
  url: string | null;
  story_id: string | null;
  k_ms: string;
  k_seq: string;
}

/**
 * queryItems reading only the summary columns (same plan, order and cursor): an item list does
 * not fetch and parse every item's raw record, links, media and folded text.
 */
export async function queryItemSummaries(db: Db, q: ItemQuery): Promise<ItemSummaryPage> {
  const { sql, params, limit } = planQuery(q, SUMMARY_COLUMNS);
  let rows: SummaryRow[];
  try {
    rows = (await db.sql.unsafe(sql, params as never)) as unknown as SummaryRow[];
  } catch (e) {
    throw pgError(e, 'cannot query items', db.location);
  }
  const more = rows.length > limit;
  if (more) rows.pop();
  const items: ItemSummary[] = rows.map((r) => {
    const s: ItemSummary = {
      id: r.id,
      sourceId: r.source_id,
      text: r.text,
      lang: r.lang as ItemSummary['lang'],
      langConfidence: r.lang_confidence,
    };
    if (r.title !== null) s.title = r.title;
    if (r.published !== null) s.published = r.published;
    if (r.url !== null) s.url = r.url;
    if (r.story_id !== null) s.storyId = r.story_id;
    return s;
  });
  const page: ItemSummaryPage = { items };
  const last = rows.at(-1);
  if (more && last) page.next = encodeCursor({ m: last.k_ms, s: last.k_seq });
  return page;
}
