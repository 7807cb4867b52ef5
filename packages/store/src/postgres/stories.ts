/**
 * Stories: clusters of copies, rewrites and translations of one text. Membership is one row per
 * item; each story keeps a summary refreshed whenever its membership changes, so listing stories
 * never aggregates members.
 */
import { OgohError, type SignatureRow, type Story, type StoryAssignment, type StoryMember } from '@ogoh/core';
import { decodeCursor, encodeCursor, pageLimit } from '../query.ts';
import { type Db, type Ex, pgError, write } from './db.ts';
import { putSignaturesIn } from './signatures.ts';

/** Members oldest first: dated items by instant, then undated ones in collection order. */
const MEMBER_ORDER = 'ORDER BY (i.pub_ms IS NULL), i.sort_ms, i.seq';

interface StoryRow {
  id: string;
  first_item_id: string;
  first_seen: string | null;
  last_seen: string | null;
  last_ms: string;
  last_seq: string;
  size: number;
  sources: number;
  langs: string;
  title: string | null;
}

const STORY_COLUMNS =
  'id, first_item_id, first_seen, last_seen, last_ms::text AS last_ms, last_seq::text AS last_seq, size, sources, langs, title';

async function rows<T>(ex: Ex, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await ex.unsafe(sql, params as never)) as unknown as T[];
}

export async function assignStories(db: Db, assignments: readonly StoryAssignment[]): Promise<void> {
  if (assignments.length === 0) return;
  try {
    await write(db, async (tx) => {
      await assignIn(db, tx, assignments);
    });
  } catch (e) {
    throw pgError(e, 'cannot assign stories (no assignment was stored)', db.location);
  }
}

/**
 * An analysis page's assignments and its "analysed" marker in one transaction: a stopped run
 * leaves neither, so the page is decided again from the state its first attempt saw.
 */
export async function commitAnalysisPage(
  db: Db,
  page: {
    assignments: readonly StoryAssignment[];
    analysed: readonly string[];
    at: string;
    signatures?: readonly SignatureRow[];
  },
): Promise<void> {
  if (page.assignments.length === 0 && page.analysed.length === 0 && !page.signatures?.length) return;
  try {
    await write(db, async (tx) => {
      if (page.signatures?.length) await putSignaturesIn(db, tx, page.signatures);
      // an item both assigned and marked is one row update (the wide items row and its indexes
      // rewritten once, not twice); the rest of the page is marked after
      const marked = new Set(page.analysed);
      const assigned = page.assignments.length
        ? await assignIn(db, tx, page.assignments, { ids: marked, at: page.at })
        : new Set<string>();
      const rest = page.analysed.filter((id) => !assigned.has(id));
      if (rest.length)
        await tx.unsafe('UPDATE items SET analyzed_at = $1 WHERE id = ANY($2::text[])', [
          page.at,
          rest,
        ] as never);
    });
  } catch (e) {
    throw pgError(e, 'cannot commit an analysis page (none of its assignments was stored)', db.location);
  }
}

/**
 * Applies assignments in order; items in `mark.ids` among them are marked analysed in the same
 * row update. Returns the ids it marked.
 */
async function assignIn(
  db: Db,
  tx: Ex,
  assignments: readonly StoryAssignment[],
  mark?: { ids: ReadonlySet<string>; at: string },
): Promise<Set<string>> {
  const ids = assignments.map((a) => a.itemId);
  const known = new Set(
    (await rows<{ id: string }>(tx, 'SELECT id FROM items WHERE id = ANY($1::text[])', [ids])).map(
      (r) => r.id,
    ),
  );
  assignments.forEach((a, i) => {
    if (!known.has(a.itemId)) {
      throw new OgohError(
        'STORE',
        `assignments[${i}] puts unknown item "${a.itemId}" in story "${a.storyId}"; no assignment was stored`,
        { file: db.location, field: 'itemId', hint: 'write the item (writeBatch) before clustering it' },
      );
    }
  });
  // One statement per kind of write for the whole batch, not four round trips per item. An
  // item assigned twice in one batch ends in its last story, as when written one by one.
  const last = new Map<string, StoryAssignment>();
  for (const a of assignments) last.set(a.itemId, a);
  const final = [...last.values()];
  const touched = new Set<string>(assignments.map((a) => a.storyId));
  for (const r of await rows<{ story_id: string }>(
    tx,
    'SELECT story_id FROM story_members WHERE item_id = ANY($1::text[])',
    [final.map((a) => a.itemId)],
  ))
    touched.add(r.story_id);
  const firstOf = new Map<string, string>();
  for (const a of assignments) if (!firstOf.has(a.storyId)) firstOf.set(a.storyId, a.itemId);
  await tx.unsafe(
    `INSERT INTO stories (id, first_item_id, last_ms, last_seq, size, sources, langs)
     SELECT u.id, u.item, 0, 0, 0, 0, '[]' FROM unnest($1::text[], $2::text[]) AS u(id, item)
     ON CONFLICT (id) DO NOTHING`,
    [[...firstOf.keys()], [...firstOf.values()]] as never,
  );
  await tx.unsafe(
    `INSERT INTO story_members (item_id, story_id, link, similarity)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[])
     ON CONFLICT (item_id) DO UPDATE SET story_id = excluded.story_id, link = excluded.link,
       similarity = excluded.similarity`,
    [
      final.map((a) => a.itemId),
      final.map((a) => a.storyId),
      final.map((a) => a.link),
      final.map((a) => a.similarity),
    ] as never,
  );
  const marks = final.map((a) => mark?.ids.has(a.itemId) ?? false);
  await tx.unsafe(
    `UPDATE items SET story_id = u.story,
       analyzed_at = CASE WHEN u.mark = '1' THEN $3::text ELSE items.analyzed_at END
     FROM unnest($1::text[], $2::text[], $4::text[]) AS u(id, story, mark)
     WHERE items.id = u.id AND (items.story_id IS DISTINCT FROM u.story OR u.mark = '1')`,
    [
      final.map((a) => a.itemId),
      final.map((a) => a.storyId),
      mark?.at ?? null,
      marks.map((m) => (m ? '1' : '0')),
    ] as never,
  );
  await refreshStories(tx, [...touched]);
  return new Set(final.filter((_, i) => marks[i]).map((a) => a.itemId));
}

/** Recomputes one story's summary from its members, or deletes it when none are left. */
export async function refreshStory(tx: Ex, id: string): Promise<void> {
  await refreshStories(tx, [id]);
}

/**
 * Recomputes the summaries of stories from their members in one statement, deleting those left
 * without members (one statement for all the stories a page touched, not five per story: at 20k
 * items most of PostgreSQL's analysis time was parsing, planning and round trips of these). The
 * members come from items.story_id (written with story_members in the same transaction); a
 * story's ends are index probes in items_story_time order: its first member is the oldest dated
 * one (by instant, then collection order), else the oldest undated one (MEMBER_ORDER).
 */
export async function refreshStories(tx: Ex, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.unsafe(
    `WITH t AS (SELECT DISTINCT x.id FROM unnest($1::text[]) AS x(id)),
     s AS (
       SELECT t.id, a.size, a.sources,
              (SELECT array_to_json(array_agg(g.lang ORDER BY g.n DESC, g.lang))::text
                 FROM (SELECT i.lang, count(*) AS n FROM items i WHERE i.story_id = t.id GROUP BY i.lang) g) AS langs,
              coalesce(d.id, u.id) AS first_id,
              CASE WHEN d.id IS NOT NULL THEN d.title ELSE u.title END AS title,
              d.published AS first_seen, ld.published AS last_seen, l.sort_ms AS last_ms, l.seq AS last_seq
         FROM t
         CROSS JOIN LATERAL (SELECT count(*)::int AS size, count(DISTINCT i.source_id)::int AS sources
                               FROM items i WHERE i.story_id = t.id) a
         LEFT JOIN LATERAL (SELECT i.id, i.title, i.published FROM items i
                             WHERE i.story_id = t.id AND i.pub_ms IS NOT NULL ORDER BY i.sort_ms, i.seq LIMIT 1) d ON true
         LEFT JOIN LATERAL (SELECT i.id, i.title FROM items i
                             WHERE i.story_id = t.id ORDER BY i.sort_ms, i.seq LIMIT 1) u ON true
         LEFT JOIN LATERAL (SELECT i.sort_ms, i.seq FROM items i
                             WHERE i.story_id = t.id ORDER BY i.sort_ms DESC, i.seq DESC LIMIT 1) l ON true
         LEFT JOIN LATERAL (SELECT i.published FROM items i
                             WHERE i.story_id = t.id AND i.pub_ms IS NOT NULL ORDER BY i.sort_ms DESC, i.seq DESC LIMIT 1) ld ON true
     ),
     gone AS (DELETE FROM stories WHERE id IN (SELECT id FROM s WHERE size = 0))
     UPDATE stories st SET first_item_id = s.first_id, first_seen = s.first_seen, last_seen = s.last_seen,
            last_ms = s.last_ms, last_seq = s.last_seq, size = s.size, sources = s.sources, langs = s.langs,
            title = s.title
       FROM s WHERE st.id = s.id AND s.size > 0`,
    [[...ids]] as never,
  );
}

async function membersOf(ex: Ex, storyId: string): Promise<StoryMember[]> {
  // A plain array: the driver's result list is an Array subclass, which deep equality tells apart.
  const found = await rows<StoryMember>(
    ex,
    `SELECT m.item_id AS "itemId", m.link, m.similarity FROM story_members m JOIN items i ON i.id = m.item_id
     WHERE m.story_id = $1 ${MEMBER_ORDER}`,
    [storyId],
  );
  return Array.from(found);
}

async function rowToStory(ex: Ex, r: StoryRow, withMembers = true): Promise<Story> {
  const s: Story = {
    id: r.id,
    firstItemId: r.first_item_id,
    size: r.size,
    sources: r.sources,
    langs: JSON.parse(r.langs) as string[],
    members: withMembers ? await membersOf(ex, r.id) : [],
  };
  if (r.first_seen !== null) s.firstSeen = r.first_seen;
  if (r.last_seen !== null) s.lastSeen = r.last_seen;
  if (r.title !== null) s.title = r.title;
  return s;
}

export async function getStory(db: Db, id: string): Promise<Story | undefined> {
  try {
    const [row] = await rows<StoryRow>(db.sql, `SELECT ${STORY_COLUMNS} FROM stories WHERE id = $1`, [id]);
    return row ? await rowToStory(db.sql, row) : undefined;
  } catch (e) {
    throw pgError(e, `cannot read story ${id}`, db.location);
  }
}

interface StoryCursor {
  s: number;
  k: string;
  q: string;
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
    typeof c.q === 'string' &&
    /^\d{1,19}$/.test(c.q) &&
    typeof c.i === 'string'
  );
}

/** Largest stories first, then the most recently active, then by id; keyset paging on that order. */
export async function listStories(
  db: Db,
  options: { limit?: number; minSize?: number; cursor?: string; members?: boolean } = {},
): Promise<{ stories: Story[]; next?: string }> {
  const limit = pageLimit(options.limit);
  const minSize = options.minSize ?? 1;
  if (!Number.isInteger(minSize)) {
    throw new OgohError('USAGE', `minSize must be an integer, got ${String(minSize)}`, { field: 'minSize' });
  }
  const params: unknown[] = [minSize, limit + 1];
  let after = '';
  if (options.cursor !== undefined) {
    const c = decodeCursor(options.cursor, isStoryCursor);
    after = 'AND (size, last_ms, last_seq, id) < ($3, $4::bigint, $5::bigint, $6)';
    params.push(c.s, c.k, c.q, c.i);
  }
  try {
    const found = await rows<StoryRow>(
      db.sql,
      `SELECT ${STORY_COLUMNS} FROM stories WHERE size >= $1 ${after}
       ORDER BY size DESC, last_ms DESC, last_seq DESC, id DESC LIMIT $2`,
      params,
    );
    const more = found.length > limit;
    if (more) found.pop();
    const out: { stories: Story[]; next?: string } = { stories: [] };
    for (const r of found) out.stories.push(await rowToStory(db.sql, r, options.members !== false));
    const last = found.at(-1);
    if (more && last)
      out.next = encodeCursor({ s: last.size, k: last.last_ms, q: last.last_seq, i: last.id });
    return out;
  } catch (e) {
    throw pgError(e, 'cannot list stories', db.location);
  }
}
