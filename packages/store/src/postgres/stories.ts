/**
 * Stories: clusters of copies, rewrites and translations of one text. Membership is one row per
 * item; each story keeps a summary refreshed whenever its membership changes, so listing stories
 * never aggregates members.
 */
import { OgohError, type Story, type StoryAssignment, type StoryMember } from '@ogoh/core';
import { decodeCursor, encodeCursor, pageLimit } from '../query.ts';
import { type Db, type Ex, pgError, write } from './db.ts';

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
    await write(db, (tx) => assignIn(db, tx, assignments));
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
  page: { assignments: readonly StoryAssignment[]; analysed: readonly string[]; at: string },
): Promise<void> {
  if (page.assignments.length === 0 && page.analysed.length === 0) return;
  try {
    await write(db, async (tx) => {
      if (page.assignments.length) await assignIn(db, tx, page.assignments);
      if (page.analysed.length)
        await tx.unsafe('UPDATE items SET analyzed_at = $1 WHERE id = ANY($2::text[])', [
          page.at,
          [...page.analysed],
        ] as never);
    });
  } catch (e) {
    throw pgError(e, 'cannot commit an analysis page (none of its assignments was stored)', db.location);
  }
}

async function assignIn(db: Db, tx: Ex, assignments: readonly StoryAssignment[]): Promise<void> {
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
  await tx.unsafe(
    `UPDATE items SET story_id = u.story FROM unnest($1::text[], $2::text[]) AS u(id, story)
     WHERE items.id = u.id AND items.story_id IS DISTINCT FROM u.story`,
    [final.map((a) => a.itemId), final.map((a) => a.storyId)] as never,
  );
  for (const id of touched) await refreshStory(tx, id);
}

/** Recomputes one story's summary from its members, or deletes it when none are left. */
export async function refreshStory(tx: Ex, id: string): Promise<void> {
  // Size, sources and languages (most members first) in one pass over the story's items
  // (items.story_id is written with story_members in the same transaction).
  const [agg] = await rows<{ size: number; sources: number; langs: string[] | null }>(
    tx,
    `WITH m AS MATERIALIZED (SELECT i.lang, i.source_id FROM items i WHERE i.story_id = $1)
     SELECT (SELECT count(*)::int FROM m) AS size,
            (SELECT count(DISTINCT source_id)::int FROM m) AS sources,
            (SELECT array_agg(lang ORDER BY n DESC, lang)
               FROM (SELECT lang, count(*) AS n FROM m GROUP BY lang) g) AS langs`,
    [id],
  );
  if (!agg || agg.size === 0) {
    await tx.unsafe('DELETE FROM stories WHERE id = $1', [id]);
    return;
  }
  // The ends of the story come from items.story_id (written with story_members in the same
  // transaction) in index order (items_story_time): dated members first by instant, then undated
  // ones in collection order (MEMBER_ORDER), without sorting every member.
  const inStory = 'FROM items i WHERE i.story_id = $1';
  const [dated] = await rows<{ id: string; title: string | null; published: string }>(
    tx,
    `SELECT i.id, i.title, i.published ${inStory} AND i.pub_ms IS NOT NULL ORDER BY i.sort_ms, i.seq LIMIT 1`,
    [id],
  );
  const [first] = dated
    ? [dated]
    : await rows<{ id: string; title: string | null }>(
        tx,
        `SELECT i.id, i.title ${inStory} ORDER BY i.sort_ms, i.seq LIMIT 1`,
        [id],
      );
  const [last] = await rows<{ last_ms: string; last_seq: string }>(
    tx,
    `SELECT i.sort_ms::text AS last_ms, i.seq::text AS last_seq ${inStory} ORDER BY i.sort_ms DESC, i.seq DESC LIMIT 1`,
    [id],
  );
  const [lastDated] = dated
    ? await rows<{ published: string }>(
        tx,
        `SELECT i.published ${inStory} AND i.pub_ms IS NOT NULL ORDER BY i.sort_ms DESC, i.seq DESC LIMIT 1`,
        [id],
      )
    : [];
  const seen = { first_seen: dated?.published ?? null, last_seen: lastDated?.published ?? null };
  const langs = agg.langs ?? [];
  await tx.unsafe(
    `UPDATE stories SET first_item_id = $2, first_seen = $3, last_seen = $4, last_ms = $5::bigint,
       last_seq = $6::bigint, size = $7, sources = $8, langs = $9, title = $10 WHERE id = $1`,
    [
      id,
      first!.id,
      seen.first_seen,
      seen.last_seen,
      last!.last_ms,
      last!.last_seq,
      agg.size,
      agg.sources,
      JSON.stringify(langs),
      first!.title,
    ] as never,
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
