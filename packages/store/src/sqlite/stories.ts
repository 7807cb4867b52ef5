/**
 * Stories: clusters of copies, rewrites and translations of one text. Membership is one row per
 * item (an item belongs to at most one story); each story keeps a summary refreshed whenever its
 * membership changes, so listing stories never aggregates members.
 */
import { OgohError, type Story, type StoryAssignment, type StoryMember } from '@ogoh/core';
import { decodeCursor, encodeCursor, pageLimit } from '../query.ts';
import { type Db, sqliteError } from './db.ts';
import { jsonList } from './items.ts';

/** Members oldest first: dated items by instant, then undated ones in collection order. */
const MEMBER_ORDER = 'ORDER BY (i.sort_key < 0), i.sort_key, i.seq';

interface StoryRow {
  id: string;
  first_item_id: string;
  first_seen: string | null;
  last_seen: string | null;
  last_key_text: string;
  size: number;
  sources: number;
  langs: string;
  title: string | null;
}

const STORY_COLUMNS =
  'id, first_item_id, first_seen, last_seen, CAST(last_key AS TEXT) AS last_key_text, size, sources, langs, title';

export function assignStories(db: Db, assignments: readonly StoryAssignment[]): void {
  if (assignments.length === 0) return;
  try {
    db.write(() => {
      const ids = assignments.map((a) => a.itemId);
      const known = new Set(
        db
          .stmt('SELECT id FROM items WHERE id IN (SELECT value FROM json_each(?))')
          .pluck()
          .all(jsonList(ids)) as string[],
      );
      const touched = new Set<string>();
      assignments.forEach((a, i) => {
        if (!known.has(a.itemId)) {
          throw new OgohError(
            'STORE',
            `assignments[${i}] puts unknown item "${a.itemId}" in story "${a.storyId}"; no assignment was stored`,
            { file: db.path, field: 'itemId', hint: 'write the item (writeBatch) before clustering it' },
          );
        }
        const old = db.stmt('SELECT story_id FROM story_members WHERE item_id = ?').pluck().get(a.itemId) as
          | string
          | undefined;
        if (old !== undefined) touched.add(old);
        db.stmt(
          `INSERT INTO stories (id, first_item_id, last_key, size, sources, langs) VALUES (?, ?, 0, 0, 0, '[]')
           ON CONFLICT (id) DO NOTHING`,
        ).run(a.storyId, a.itemId);
        db.stmt(
          `INSERT INTO story_members (item_id, story_id, link, similarity) VALUES (?, ?, ?, ?)
           ON CONFLICT (item_id) DO UPDATE SET story_id = excluded.story_id, link = excluded.link,
             similarity = excluded.similarity`,
        ).run(a.itemId, a.storyId, a.link, a.similarity);
        db.stmt('UPDATE items SET story_id = ? WHERE id = ?').run(a.storyId, a.itemId);
        touched.add(a.storyId);
      });
      for (const id of touched) refreshStory(db, id);
    });
  } catch (e) {
    throw sqliteError(e, 'cannot assign stories (no assignment was stored)', db.path);
  }
}

/** Recomputes one story's summary from its members, or deletes it when none are left. */
export function refreshStory(db: Db, id: string): void {
  const agg = db
    .stmt(
      `SELECT count(*) AS size, count(DISTINCT i.source_id) AS sources, CAST(max(i.sort_key) AS TEXT) AS last_key
       FROM story_members m JOIN items i ON i.id = m.item_id WHERE m.story_id = ?`,
    )
    .get(id) as { size: number; sources: number; last_key: string | null };
  if (agg.size === 0) {
    db.stmt('DELETE FROM stories WHERE id = ?').run(id);
    return;
  }
  const first = db
    .stmt(
      `SELECT i.id, i.title FROM story_members m JOIN items i ON i.id = m.item_id WHERE m.story_id = ? ${MEMBER_ORDER} LIMIT 1`,
    )
    .get(id) as { id: string; title: string | null };
  const seen = db
    .stmt(
      `SELECT (SELECT i.published FROM story_members m JOIN items i ON i.id = m.item_id
                WHERE m.story_id = @id AND i.sort_key >= 0 ORDER BY i.sort_key LIMIT 1) AS first_seen,
              (SELECT i.published FROM story_members m JOIN items i ON i.id = m.item_id
                WHERE m.story_id = @id AND i.sort_key >= 0 ORDER BY i.sort_key DESC LIMIT 1) AS last_seen`,
    )
    .get({ id }) as { first_seen: string | null; last_seen: string | null };
  const langs = db
    .stmt(
      `SELECT i.lang FROM story_members m JOIN items i ON i.id = m.item_id WHERE m.story_id = ?
       GROUP BY i.lang ORDER BY count(*) DESC, i.lang`,
    )
    .pluck()
    .all(id) as string[];
  db.stmt(
    `UPDATE stories SET first_item_id = @first, first_seen = @first_seen, last_seen = @last_seen,
       last_key = CAST(@last_key AS INTEGER), size = @size, sources = @sources, langs = @langs, title = @title
     WHERE id = @id`,
  ).run({
    id,
    first: first.id,
    first_seen: seen.first_seen,
    last_seen: seen.last_seen,
    last_key: agg.last_key,
    size: agg.size,
    sources: agg.sources,
    langs: JSON.stringify(langs),
    title: first.title,
  });
}

function members(db: Db, storyId: string): StoryMember[] {
  return db
    .stmt(
      `SELECT m.item_id AS itemId, m.link, m.similarity FROM story_members m JOIN items i ON i.id = m.item_id
       WHERE m.story_id = ? ${MEMBER_ORDER}`,
    )
    .all(storyId) as StoryMember[];
}

function rowToStory(db: Db, r: StoryRow): Story {
  const s: Story = {
    id: r.id,
    firstItemId: r.first_item_id,
    size: r.size,
    sources: r.sources,
    langs: JSON.parse(r.langs) as string[],
    members: members(db, r.id),
  };
  if (r.first_seen !== null) s.firstSeen = r.first_seen;
  if (r.last_seen !== null) s.lastSeen = r.last_seen;
  if (r.title !== null) s.title = r.title;
  return s;
}

export function getStory(db: Db, id: string): Story | undefined {
  return db.read(() => {
    const row = db.stmt(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = ?`).get(id) as StoryRow | undefined;
    return row ? rowToStory(db, row) : undefined;
  });
}

interface StoryCursor {
  s: number;
  k: string;
  i: string;
}

function isStoryCursor(v: unknown): v is StoryCursor {
  const c = v as StoryCursor;
  return (
    typeof v === 'object' &&
    v !== null &&
    Number.isInteger(c.s) &&
    typeof c.k === 'string' &&
    /^-?\d{1,19}$/.test(c.k) &&
    typeof c.i === 'string'
  );
}

/** Largest stories first, then the most recently active, then by id; keyset paging on that order. */
export function listStories(
  db: Db,
  options: { limit?: number; minSize?: number; cursor?: string } = {},
): { stories: Story[]; next?: string } {
  const limit = pageLimit(options.limit);
  const minSize = options.minSize ?? 1;
  if (!Number.isInteger(minSize)) {
    throw new OgohError('USAGE', `minSize must be an integer, got ${String(minSize)}`, { field: 'minSize' });
  }
  const params: Record<string, unknown> = { min: minSize, limit: limit + 1 };
  let after = '';
  if (options.cursor !== undefined) {
    const c = decodeCursor(options.cursor, isStoryCursor);
    after = 'AND (size, last_key, id) < (@s, CAST(@k AS INTEGER), @i)';
    Object.assign(params, { s: c.s, k: c.k, i: c.i });
  }
  return db.read(() => {
    const rows = db
      .stmt(
        `SELECT ${STORY_COLUMNS} FROM stories WHERE size >= @min ${after}
         ORDER BY size DESC, last_key DESC, id DESC LIMIT @limit`,
      )
      .all(params) as StoryRow[];
    const more = rows.length > limit;
    if (more) rows.pop();
    const out: { stories: Story[]; next?: string } = { stories: rows.map((r) => rowToStory(db, r)) };
    const last = rows.at(-1);
    if (more && last) out.next = encodeCursor({ s: last.size, k: last.last_key_text, i: last.id });
    return out;
  });
}
