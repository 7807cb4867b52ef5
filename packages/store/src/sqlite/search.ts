/**
 * queryItems. Every plan walks sort keys downwards (newest published first, see keys.ts) and stops
 * after one page, so cost follows the page size, not the number of matches:
 * - terms, or language and source together: FTS5 drives, with language and source as index tokens
 *   and the time window and cursor (and a very large story's key range) as rowid bounds;
 * - a story: its members (story index) drive; its terms are matched in a scratch index of the
 *   members' texts (terms.ts), so the cost follows the story's size;
 * - a label: the detections (label, item) index drives;
 * - otherwise: the items table or its language/source index, already in sort-key order.
 * The cursor is the last sort key returned: keyset paging, stable while items are added.
 */
import type { ItemPage, ItemQuery, ItemSummary, ItemSummaryPage } from '@ogoh/core';
import { cleanTerms, decodeCursor, encodeCursor, pageLimit, parseTime } from '../query.ts';
import type { Db } from './db.ts';
import { slotStart } from './keys.ts';
import { type ItemRow, itemColumns, rowToItem } from './rows.ts';
import { langToken, matchInStory, sourceToken, termExpression } from './terms.ts';

interface KeyCursor {
  k: string;
}

function isKeyCursor(v: unknown): v is KeyCursor {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as KeyCursor).k === 'string' &&
    /^-?\d{1,19}$/.test((v as KeyCursor).k)
  );
}

interface Plan {
  sql: string;
  params: Record<string, unknown>;
  limit: number;
}

export function planQuery(db: Db, q: ItemQuery, columns = itemColumns('i')): Plan {
  const limit = pageLimit(q.limit);
  const terms = cleanTerms(q.terms);
  let lo: bigint | undefined;
  let hi: bigint | undefined;
  if (q.since !== undefined) lo = slotStart(parseTime(q.since, 'since'));
  if (q.until !== undefined) hi = slotStart(parseTime(q.until, 'until'));
  // Undated items have negative keys: any time bound excludes them.
  if (hi !== undefined && lo === undefined) lo = 0n;
  if (q.cursor !== undefined) {
    const k = BigInt(decodeCursor(q.cursor, isKeyCursor).k);
    hi = hi === undefined || k < hi ? k : hi;
  }

  const params: Record<string, unknown> = { limit: limit + 1 };
  const where: string[] = [];
  let from: string;
  let keyCol: string;
  let groupBy = '';
  // A story's terms are matched among its members first (small stories: cost follows the story).
  const storyKeys =
    q.storyId !== undefined && terms.length > 0 ? matchInStory(db, q.storyId, terms) : undefined;
  if (storyKeys?.length === 0) return { sql: 'SELECT 1 WHERE 0', params: {}, limit };
  const useFts =
    (terms.length > 0 && storyKeys === undefined) ||
    (q.lang !== undefined && q.sourceId !== undefined && q.storyId === undefined);

  if (useFts) {
    const parts = terms.map((t) => `fold_text : ${termExpression(db, t)}`);
    if (q.lang !== undefined) parts.push(`meta : ${langToken(q.lang)}`);
    if (q.sourceId !== undefined) parts.push(`meta : ${sourceToken(q.sourceId)}`);
    params.match = parts.join(' AND ');
    // CROSS JOIN pins FTS5 as the outer loop so its rowid order serves ORDER BY without a sort.
    from = 'items_fts f CROSS JOIN items i ON i.sort_key = f.rowid';
    keyCol = 'f.rowid';
    where.push('items_fts MATCH @match');
    if (q.storyId !== undefined) {
      // A story too large to match in a scratch index: its members' key range bounds the FTS5
      // walk (copies of one story cluster in time) and membership filters inside that range.
      const range = db
        .stmt(
          'SELECT CAST(min(sort_key) AS TEXT) AS lo, CAST(max(sort_key) AS TEXT) AS hi FROM items WHERE story_id = ?',
        )
        .get(q.storyId) as { lo: string | null; hi: string | null };
      if (range.lo === null || range.hi === null) return { sql: 'SELECT 1 WHERE 0', params: {}, limit };
      const storyLo = BigInt(range.lo);
      const storyHi = BigInt(range.hi) + 1n;
      lo = lo === undefined || storyLo > lo ? storyLo : lo;
      hi = hi === undefined || storyHi < hi ? storyHi : hi;
      where.push('+f.rowid IN (SELECT sort_key FROM items WHERE story_id = @story)');
      params.story = q.storyId;
    }
  } else if (q.label !== undefined && q.storyId === undefined) {
    // The (label, item_key) index yields labelled items already in page order; GROUP BY folds
    // several detections of one item into one row without a sort.
    from = 'detections d CROSS JOIN items i ON i.sort_key = d.item_key';
    keyCol = 'd.item_key';
    where.push('d.label = @label');
    params.label = q.label;
    groupBy = 'GROUP BY d.item_key';
    if (q.lang !== undefined) {
      where.push('i.lang = @lang');
      params.lang = q.lang;
    }
    if (q.sourceId !== undefined) {
      where.push('i.source_id = @source');
      params.source = q.sourceId;
    }
  } else {
    from = 'items i';
    keyCol = 'i.sort_key';
    if (q.lang !== undefined) {
      where.push('i.lang = @lang');
      params.lang = q.lang;
    }
    if (q.sourceId !== undefined) {
      where.push('i.source_id = @source');
      params.source = q.sourceId;
    }
    if (q.storyId !== undefined) {
      where.push('i.story_id = @story');
      params.story = q.storyId;
    }
    if (storyKeys !== undefined) {
      where.push('i.sort_key IN (SELECT value FROM json_each(@storyKeys))');
      params.storyKeys = `[${storyKeys.join(',')}]`;
    }
  }
  if (lo !== undefined) {
    where.push(`${keyCol} >= @lo`);
    params.lo = lo;
  }
  if (hi !== undefined) {
    where.push(`${keyCol} < @hi`);
    params.hi = hi;
  }
  if (q.label !== undefined && groupBy === '') {
    // Unary + keeps the planner from turning this into a rowid lookup per labelled item.
    where.push(`+${keyCol} IN (SELECT item_key FROM detections WHERE label = @label)`);
    params.label = q.label;
  }
  const sql = `SELECT ${columns}, CAST(i.sort_key AS TEXT) AS sort_key FROM ${from}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${groupBy} ORDER BY ${keyCol} DESC LIMIT @limit`;
  return { sql, params, limit };
}

export function queryItems(db: Db, q: ItemQuery): ItemPage {
  const { sql, params, limit } = planQuery(db, q);
  const rows = db.read(() => db.stmt(sql).all(params)) as (ItemRow & { sort_key: string })[];
  const more = rows.length > limit;
  if (more) rows.pop();
  const page: ItemPage = { items: rows.map(rowToItem) };
  const last = rows.at(-1);
  if (more && last) page.next = encodeCursor({ k: last.sort_key });
  return page;
}

const SUMMARY_COLUMNS =
  'i.id, i.source_id, i.text, i.lang, i.lang_confidence, i.title, i.published, i.url, i.story_id';

/** a summary row in raw mode: the SUMMARY_COLUMNS, then the sort key as text */
type SummaryRow = [
  id: string,
  sourceId: string,
  text: string,
  lang: string,
  langConfidence: number,
  title: string | null,
  published: string | null,
  url: string | null,
  storyId: string | null,
  sortKey: string,
];

/**
 * queryItems reading only the summary columns (same plan, order and cursor). Rows come as arrays
 * (in SUMMARY_COLUMNS order), not objects: a quarter less CPU per page, the API's hottest read.
 */
export function queryItemSummaries(db: Db, q: ItemQuery): ItemSummaryPage {
  const { sql, params, limit } = planQuery(db, q, SUMMARY_COLUMNS);
  // only this function runs these statements (their column list is its own), so raw mode stays put
  const rows = db.read(() => db.stmt(sql).raw(true).all(params)) as SummaryRow[];
  const more = rows.length > limit;
  if (more) rows.pop();
  const items: ItemSummary[] = [];
  for (const r of rows) {
    const s: ItemSummary = {
      id: r[0],
      sourceId: r[1],
      text: r[2],
      lang: r[3] as ItemSummary['lang'],
      langConfidence: r[4],
    };
    if (r[5] !== null) s.title = r[5];
    if (r[6] !== null) s.published = r[6];
    if (r[7] !== null) s.url = r[7];
    if (r[8] !== null) s.storyId = r[8];
    items.push(s);
  }
  const page: ItemSummaryPage = { items };
  const last = rows.at(-1);
  if (more && last) page.next = encodeCursor({ k: last[9] });
  return page;
}

/** The plan SQLite picks for a query (tests and the benchmark use it to keep plans honest). */
export function explainQuery(db: Db, q: ItemQuery): string[] {
  const { sql, params } = planQuery(db, q);
  const rows = db.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[];
  return rows.map((r) => r.detail);
}
