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
      const oldStory = db.stmt('SELECT story_id FROM story_members WHERE item_id = ?').pluck();
      const sizeOf = db.stmt('SELECT size FROM stories WHERE id = ?').pluck();
      const putStory = db.stmt(
        `INSERT INTO stories (id, first_item_id, last_key, size, sources, langs) VALUES (?, ?, 0, 0, 0, '[]')
         ON CONFLICT (id) DO NOTHING`,
      );
      const putMember = db.stmt(
        `INSERT INTO story_members (item_id, story_id, link, similarity) VALUES (?, ?, ?, ?)
         ON CONFLICT (item_id) DO UPDATE SET story_id = excluded.story_id, link = excluded.link,
           similarity = excluded.similarity`,
      );
      const setItem = db.stmt('UPDATE items SET story_id = ? WHERE id = ?');
      // Stories that only gained members (none left, none re-assigned within) get their summary
      // updated from the new members alone: a story of thousands is not re-aggregated per page.
      const full = new Set<string>();
      const gained = new Map<string, Set<string>>();
      const present = new Set<string>();
      assignments.forEach((a, i) => {
        if (!known.has(a.itemId)) {
          throw new OgohError(
            'STORE',
            `assignments[${i}] puts unknown item "${a.itemId}" in story "${a.storyId}"; no assignment was stored`,
            { file: db.path, field: 'itemId', hint: 'write the item (writeBatch) before clustering it' },
          );
        }
        const old = oldStory.get(a.itemId) as string | undefined;
        if (old === a.storyId) {
          // same story, new link or similarity: membership, and so the summary, is unchanged
          putMember.run(a.itemId, a.storyId, a.link, a.similarity);
          return;
        }
        if (old !== undefined) full.add(old);
        if (!full.has(a.storyId)) {
          const before = gained.get(a.storyId);
          if (before) before.add(a.itemId);
          else if (((sizeOf.get(a.storyId) as number | undefined) ?? 0) > 0)
            gained.set(a.storyId, new Set([a.itemId]));
          else full.add(a.storyId);
        }
        // the story row is put once per page, not once per member
        if (!present.has(a.storyId)) {
          putStory.run(a.storyId, a.itemId);
          present.add(a.storyId);
        }
        putMember.run(a.itemId, a.storyId, a.link, a.similarity);
        setItem.run(a.storyId, a.itemId);
      });
      for (const id of full) refreshStory(db, id);
      for (const [id, items] of gained) if (!full.has(id)) growStory(db, id, items);
    });
  } catch (e) {
    throw sqliteError(e, 'cannot assign stories (no assignment was stored)', db.path);
  }
}

interface MemberRow {
  id: string;
  sort_key: bigint;
  seq: bigint;
  source_id: string;
  lang: string;
  published: string | null;
  title: string | null;
}

/** MEMBER_ORDER as a comparison: dated before undated, then by instant, then collection order. */
function memberBefore(a: MemberRow, b: MemberRow): boolean {
  const ua = a.sort_key < 0n;
  const ub = b.sort_key < 0n;
  if (ua !== ub) return !ua;
  if (a.sort_key !== b.sort_key) return a.sort_key < b.sort_key;
  return a.seq < b.seq;
}

/**
 * Updates a story's summary for members just added to it (already written), giving what
 * refreshStory would: size and newest key by arithmetic, the first member by comparison, sources
 * from the story's (story, source) index, and the language order from the per-language counts
 * the story row keeps (migration 15).
 */
function growStory(db: Db, id: string, added: Set<string>): void {
  const story = db
    .stmt(
      `SELECT id, first_item_id, first_seen, last_seen, CAST(last_key AS TEXT) AS last_key_text, size, sources, langs, title,
         lang_counts FROM stories WHERE id = ?`,
    )
    .get(id) as (StoryRow & { lang_counts: string | null }) | undefined;
  if (!story) return;
  const member = db
    .stmt('SELECT id, sort_key, seq, source_id, lang, published, title FROM items WHERE id = ?')
    .safeIntegers(true);
  const rows = [...added].map((i) => member.get(i) as MemberRow);
  let first = member.get(story.first_item_id) as MemberRow | undefined;
  if (!first) {
    refreshStory(db, id);
    return;
  }
  let lastKey = BigInt(story.last_key_text);
  const bySource = new Map<string, number>();
  const counts = parseLangCounts(story.lang_counts, story.size);
  for (const r of rows) {
    if (memberBefore(r, first)) first = r;
    if (r.sort_key > lastKey) lastKey = r.sort_key;
    bySource.set(r.source_id, (bySource.get(r.source_id) ?? 0) + 1);
    if (counts) counts.set(r.lang, (counts.get(r.lang) ?? 0) + 1);
  }
  // a source counts as new when the story holds no more of its items than were just added
  const ofSource = db.stmt(
    `SELECT count(*) FROM (SELECT 1 FROM items INDEXED BY items_story_source
       WHERE story_id = ? AND source_id = ? LIMIT ?)`,
  );
  let sources = story.sources;
  for (const [src, n] of bySource) if ((ofSource.pluck().get(id, src, n + 1) as number) <= n) sources++;
  // counted once (a story from before the counts, or one whose counts no longer add up to its
  // size), then kept by arithmetic: a recount walks every member of a story of thousands
  const langCounts =
    counts ??
    new Map(
      (
        db
          .stmt(
            `SELECT lang, count(*) AS n FROM items INDEXED BY items_story_lang WHERE story_id = ?
             GROUP BY lang`,
          )
          .all(id) as { lang: string; n: number }[]
      ).map((r) => [r.lang, r.n]),
    );
  const last =
    lastKey >= 0n
      ? (db
          .stmt('SELECT published FROM items WHERE sort_key = CAST(? AS INTEGER)')
          .pluck()
          .get(lastKey.toString()) as string | null)
      : null;
  db.stmt(
    `UPDATE stories SET first_item_id = @first, first_seen = @first_seen, last_seen = @last_seen,
       last_key = CAST(@last_key AS INTEGER), size = @size, sources = @sources, langs = @langs, title = @title,
       lang_counts = @lang_counts
     WHERE id = @id`,
  ).run({
    id,
    first: first.id,
    first_seen: first.sort_key >= 0n ? first.published : null,
    last_seen: last,
    last_key: lastKey.toString(),
    size: story.size + rows.length,
    sources,
    langs: JSON.stringify(langOrder(langCounts)),
    title: first.title,
    lang_counts: JSON.stringify(Object.fromEntries(langCounts)),
  });
}

/**
 * A story's stored member count per language, or undefined when it has none or they do not add up
 * to the story's size (written by a path that does not keep them): then the caller counts again.
 */
function parseLangCounts(json: string | null, size: number): Map<string, number> | undefined {
  if (json === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const counts = new Map<string, number>();
  let sum = 0;
  for (const [lang, n] of Object.entries(parsed)) {
    if (!Number.isInteger(n) || (n as number) <= 0) return undefined;
    counts.set(lang, n as number);
    sum += n as number;
  }
  return sum === size ? counts : undefined;
}

/** Languages by member count, most first, then by code: refreshStory's `ORDER BY count(*) DESC, lang`. */
function langOrder(counts: Map<string, number>): string[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([lang]) => lang);
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
      `SELECT i.lang AS lang, count(*) AS n FROM story_members m JOIN items i ON i.id = m.item_id WHERE m.story_id = ?
       GROUP BY i.lang ORDER BY count(*) DESC, i.lang`,
    )
    .all(id) as { lang: string; n: number }[];
  db.stmt(
    `UPDATE stories SET first_item_id = @first, first_seen = @first_seen, last_seen = @last_seen,
       last_key = CAST(@last_key AS INTEGER), size = @size, sources = @sources, langs = @langs, title = @title,
       lang_counts = @lang_counts
     WHERE id = @id`,
  ).run({
    id,
    first: first.id,
    first_seen: seen.first_seen,
    last_seen: seen.last_seen,
    last_key: agg.last_key,
    size: agg.size,
    sources: agg.sources,
    langs: JSON.stringify(langs.map((l) => l.lang)),
    title: first.title,
    lang_counts: JSON.stringify(Object.fromEntries(langs.map((l) => [l.lang, l.n]))),
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

function rowToStory(db: Db, r: StoryRow, withMembers = true): Story {
  const s: Story = {
    id: r.id,
    firstItemId: r.first_item_id,
    size: r.size,
    sources: r.sources,
    langs: JSON.parse(r.langs) as string[],
    members: withMembers ? members(db, r.id) : [],
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
  options: { limit?: number; minSize?: number; cursor?: string; members?: boolean } = {},
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
    const out: { stories: Story[]; next?: string } = {
      stories: rows.map((r) => rowToStory(db, r, options.members !== false)),
    };
    const last = rows.at(-1);
    if (more && last) out.next = encodeCursor({ s: last.size, k: last.last_key_text, i: last.id });
    return out;
  });
}
