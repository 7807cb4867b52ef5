/**
 * The PostgreSQL adapter of the TraceStore port (migration 8), with the semantics of
 * sqlite/trace.ts: item anchors and their postings for cross-language story links, story links
 * with reasons, provenance edges, alerts, and per-day series.
 *
 * Where SQLite keys rows by the item's sort key (published instant), these tables key them by item
 * id and order by the items' (sort_ms, seq), the same newest-first order. Document frequencies
 * (`trace_df`) change by net deltas applied in key order in the anchors' transaction, so two
 * writers never deadlock on them and never lose an increment; the anchored items are locked
 * first, so two re-indexings of one item apply one after the other.
 */
import {
  type Alert,
  type AlertKind,
  type AnchorQuery,
  type AnchorRow,
  type CandidateRow,
  type Item,
  OgohError,
  type ProvenanceEdge,
  type SeriesBy,
  type SeriesRow,
  type StoryLink,
  type TraceStore,
} from '@ogoh/core';
import { parseTime } from '../query.ts';
import {
  ALERT_COLUMNS,
  type AlertDbRow,
  type AnchorDbRow,
  type CandidateDbRow,
  LINK_COLUMNS,
  type LinkDbRow,
  toAlert,
  toAnchorRow,
  toCandidate,
  toStoryLink,
} from '../trace-rows.ts';
import { UNDATED_MS } from './migrations.ts';
import { openPort, PostgresPort, type PostgresPortOptions, type Tx } from './port.ts';
import { bandHash, type ItemRow, itemColumns, rowToItem } from './rows.ts';
import { byDayThenKey, DAY_MS, dayNumber, dayOf, msRange } from './volume.ts';

const MAX_LIMIT = 10_000;
/** trace_df row counting the indexed items (key hashes are non-negative, so −1 is free). */
const TOTAL_HASH = -1;
/** Dated items only, within [$lo, $hi) on the published instant. */
const DATED = (alias: string, lo: string, hi: string) =>
  `${alias}.pub_ms IS NOT NULL AND ${alias}.pub_ms >= ${lo}::bigint AND ${alias}.pub_ms < ${hi}::bigint`;

function dayRange(day: string): { lo: number; hi: number } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
    throw new OgohError('USAGE', `day must be YYYY-MM-DD, got "${day}"`, { field: 'day' });
  const ms = parseTime(`${day}T00:00:00Z`, 'day');
  return { lo: ms, hi: ms + DAY_MS };
}

/** An item's place in newest-first order, comparable in JS: (sort_ms, seq). */
interface Pos {
  ms: bigint;
  seq: bigint;
}
const pos = (ms: string, seq: string): Pos => ({ ms: BigInt(ms), seq: BigInt(seq) });
/** Older first (ascending sort key on SQLite). */
const olderFirst = (a: Pos, b: Pos) =>
  a.ms < b.ms ? -1 : a.ms > b.ms ? 1 : a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;

const ANCHOR_SELECT = `SELECT i.id, i.story_id, i.source_id, i.published, a.lang, a.keys
  FROM trace_anchors a JOIN items i ON i.id = a.item_id`;

/** A candidate with its place in newest-first order (see CANDIDATE_SELECT). */
type PgCandidateRow = CandidateDbRow & { ms: string; seq: string };

const CANDIDATE_SELECT = `SELECT i.id, i.story_id, s.signature, i.content_hash, i.published, i.source_id,
  i.sort_ms::text AS ms, i.seq::text AS seq FROM items i`;

/** Per-day counts; $1/$2 bound the published instant. */
const SERIES_SQL = {
  lang: `SELECT i.lang AS k, ${dayNumber('i.pub_ms')} AS d, count(*)::int AS n FROM items i
         WHERE ${DATED('i', '$1', '$2')} GROUP BY 1, 2`,
  source: `SELECT i.source_id AS k, ${dayNumber('i.pub_ms')} AS d, count(*)::int AS n FROM items i
           WHERE ${DATED('i', '$1', '$2')} GROUP BY 1, 2`,
  story: `SELECT i.story_id AS k, ${dayNumber('i.pub_ms')} AS d, count(*)::int AS n
          FROM stories s JOIN items i ON i.story_id = s.id
          WHERE s.size >= $3 AND ${DATED('i', '$1', '$2')} GROUP BY 1, 2`,
  label: `SELECT d.label AS k, ${dayNumber('i.pub_ms')} AS d, count(DISTINCT d.item_id)::int AS n
          FROM detections d JOIN items i ON i.id = d.item_id
          WHERE d.kind = $3 AND ${DATED('i', '$1', '$2')} GROUP BY 1, 2`,
} as const;

/** Item ids behind one series day, oldest first; $1 key, $2/$3 the day, $4 limit. */
const ITEMS_SQL = {
  lang: `SELECT i.id FROM items i WHERE i.lang = $1 AND ${DATED('i', '$2', '$3')} ORDER BY i.sort_ms, i.seq LIMIT $4`,
  source: `SELECT i.id FROM items i WHERE i.source_id = $1 AND ${DATED('i', '$2', '$3')}
           ORDER BY i.sort_ms, i.seq LIMIT $4`,
  story: `SELECT i.id FROM items i WHERE i.story_id = $1 AND ${DATED('i', '$2', '$3')}
          ORDER BY i.sort_ms, i.seq LIMIT $4`,
  label: `SELECT d.item_id AS id FROM detections d JOIN items i ON i.id = d.item_id
          WHERE d.kind = $5 AND d.label = $1 AND ${DATED('i', '$2', '$3')}
          GROUP BY d.item_id, i.sort_ms, i.seq ORDER BY i.sort_ms, i.seq LIMIT $4`,
} as const;

class PostgresTraceStore extends PostgresPort implements TraceStore {
  async putAnchors(rows: { itemId: string; lang: string; keys: string[] }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.tx('cannot store anchors (none were stored)', async (tx) => {
      const ids = [...new Set(rows.map((r) => r.itemId))].sort();
      // locked in id order: a concurrent re-indexing of the same item waits for this one
      const known = new Set(
        (
          await tx.rows<{ id: string }>(
            'SELECT id FROM items WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE',
            [ids],
          )
        ).map((r) => r.id),
      );
      rows.forEach((row, i) => {
        if (!known.has(row.itemId))
          throw new OgohError('STORE', `rows[${i}] holds anchors of unknown item "${row.itemId}"`, {
            file: this.location,
            field: 'itemId',
            hint: 'write the item (writeBatch) before indexing it',
          });
      });
      const stored = new Map(
        (
          await tx.rows<{ item_id: string; keys: string }>(
            'SELECT item_id, keys FROM trace_anchors WHERE item_id = ANY($1::text[])',
            [ids],
          )
        ).map((r) => [r.item_id, JSON.parse(r.keys) as string[]] as const),
      );
      // applied in order, as SQLite does: the last row of an item wins
      const final = new Map<string, { lang: string; keys: string[] }>();
      for (const row of rows) final.set(row.itemId, { lang: row.lang, keys: [...new Set(row.keys)].sort() });
      const delta = new Map<number, number>();
      const bump = (h: number, d: number) => delta.set(h, (delta.get(h) ?? 0) + d);
      const dropItems: string[] = [];
      const dropHashes: string[] = [];
      const addItems: string[] = [];
      const addHashes: string[] = [];
      for (const [id, { keys }] of final) {
        const before = stored.get(id);
        if (before === undefined) bump(TOTAL_HASH, 1);
        const old = new Set((before ?? []).map(bandHash));
        const now = new Set(keys.map(bandHash));
        for (const h of old)
          if (!now.has(h)) {
            bump(h, -1);
            dropItems.push(id);
            dropHashes.push(String(h));
          }
        for (const h of now)
          if (!old.has(h)) {
            bump(h, 1);
            addItems.push(id);
            addHashes.push(String(h));
          }
      }
      if (dropItems.length > 0)
        await tx.run(
          `DELETE FROM trace_postings p USING unnest($1::bigint[], $2::text[]) AS x(h, id)
           WHERE p.key_hash = x.h AND p.item_id = x.id`,
          [dropHashes, dropItems],
        );
      if (addItems.length > 0)
        await tx.run(
          `INSERT INTO trace_postings (key_hash, item_id, sort_ms, seq)
           SELECT x.h, i.id, i.sort_ms, i.seq FROM unnest($1::bigint[], $2::text[]) AS x(h, id) JOIN items i ON i.id = x.id
           ON CONFLICT DO NOTHING`,
          [addHashes, addItems],
        );
      const list = [...final];
      await tx.run(
        `INSERT INTO trace_anchors (item_id, lang, keys) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (item_id) DO UPDATE SET lang = excluded.lang, keys = excluded.keys`,
        [list.map(([id]) => id), list.map(([, a]) => a.lang), list.map(([, a]) => JSON.stringify(a.keys))],
      );
      const changes = [...delta].filter(([, d]) => d !== 0).sort((a, b) => a[0] - b[0]);
      if (changes.length > 0)
        // in key order, so concurrent writers take the counter rows' locks in one order
        await tx.run(
          `INSERT INTO trace_df (key_hash, n) SELECT h, d FROM unnest($1::bigint[], $2::int[]) AS x(h, d) ORDER BY h
           ON CONFLICT (key_hash) DO UPDATE SET n = trace_df.n + excluded.n`,
          [changes.map(([h]) => String(h)), changes.map(([, d]) => d)],
        );
    });
  }

  private async dfOf(tx: Tx, hashes: number[]): Promise<Map<number, number>> {
    if (hashes.length === 0) return new Map();
    const rows = await tx.rows<{ h: string; n: number }>(
      'SELECT key_hash::text AS h, n FROM trace_df WHERE key_hash = ANY($1::bigint[])',
      [hashes.map(String)],
    );
    return new Map(rows.map((r) => [Number(r.h), r.n]));
  }

  private async totalOf(tx: Tx): Promise<number> {
    const [r] = await tx.rows<{ n: number }>('SELECT n FROM trace_df WHERE key_hash = $1', [TOTAL_HASH]);
    if (r) return r.n;
    const [c] = await tx.rows<{ n: number }>('SELECT count(*)::int AS n FROM trace_anchors');
    return c?.n ?? 0;
  }

  async anchorDf(keys: string[]): Promise<{ total: number; df: Map<string, number> }> {
    return this.snapshot('cannot read anchor frequencies', async (tx) => {
      const byHash = await this.dfOf(tx, [...new Set(keys.map(bandHash))]);
      return {
        total: await this.totalOf(tx),
        df: new Map(keys.map((k) => [k, byHash.get(bandHash(k)) ?? 0])),
      };
    });
  }

  async anchorCandidates(q: AnchorQuery): Promise<AnchorRow[]> {
    if (q.keys.length === 0) return [];
    return this.snapshot(
      'cannot find anchor candidates',
      async (tx) => (await this.anchorQueries(tx, [q]))[0] ?? [],
    );
  }

  async anchorCandidatesMany(queries: AnchorQuery[]): Promise<AnchorRow[][]> {
    if (queries.length === 0) return [];
    return this.snapshot('cannot find anchor candidates', (tx) => this.anchorQueries(tx, queries));
  }

  /**
   * "The latest N postings of a key" must walk the (key, sort_ms, seq) index in order. A key's
   * size is a parameter the planner cannot see, so it guesses a few rows and prefers a bitmap scan
   * plus a sort of every posting (measured: 25 ms on a band of 5,000, against 0.1 ms in order).
   */
  private async inOrder(tx: Tx): Promise<void> {
    await tx.run('SET LOCAL enable_bitmapscan = off');
  }

  /** Anchor retrieval for several probes from one snapshot, ranked as sqlite/trace.ts ranks them. */
  private async anchorQueries(tx: Tx, queries: AnchorQuery[]): Promise<AnchorRow[][]> {
    await this.inOrder(tx);
    const all = new Set<number>();
    for (const q of queries) for (const k of q.keys) all.add(bandHash(k));
    const df = await this.dfOf(tx, [...all]);
    const total = await this.totalOf(tx);
    const ranked: string[][] = [];
    for (const q of queries) {
      if (q.keys.length === 0) {
        ranked.push([]);
        continue;
      }
      const maxDf = q.maxDf ?? 5000;
      const limit = Math.min(q.limit ?? 24, MAX_LIMIT);
      const { lo, hi } = msRange(q.since, q.until);
      const maxScan = Math.min(Math.max(q.maxScan ?? 64, 1), 100_000);
      // only the rarest keys retrieve: they carry the signal, frequent ones only cost
      const usable = [...new Set(q.keys.map(bandHash))]
        .map((h) => ({ h, n: df.get(h) ?? 0 }))
        .filter((x) => x.n > 0 && x.n <= maxDf)
        .sort((a, b) => a.n - b.n)
        .slice(0, q.maxKeys ?? 6);
      if (usable.length === 0) {
        ranked.push([]);
        continue;
      }
      // undated items (sort_ms at the sentinel) are outside every window, as on SQLite
      const postings = await tx.rows<{ h: string; id: string; ms: string; seq: string }>(
        `SELECT x.h::text AS h, p.id, p.ms, p.seq FROM unnest($1::bigint[]) AS x(h) CROSS JOIN LATERAL (
           SELECT t.item_id AS id, t.sort_ms::text AS ms, t.seq::text AS seq FROM trace_postings t
           WHERE t.key_hash = x.h AND t.sort_ms >= $2::bigint AND t.sort_ms < $3::bigint
           ORDER BY t.sort_ms DESC, t.seq DESC LIMIT $4) p`,
        [usable.map((u) => String(u.h)), Math.max(lo, UNDATED_MS + 1), hi, maxScan],
      );
      const weight = new Map(usable.map(({ h, n }) => [h, Math.log((total + 1) / (n + 1)) + 0.1]));
      const acc = new Map<string, { w: number; at: Pos }>();
      // summed in the order SQLite sums (rarest key first), so float totals match to the bit
      for (const { h } of usable)
        for (const p of postings) {
          if (Number(p.h) !== h) continue;
          const cur = acc.get(p.id);
          const w = weight.get(h)!;
          if (cur) cur.w += w;
          else acc.set(p.id, { w, at: pos(p.ms, p.seq) });
        }
      ranked.push(
        [...acc]
          .sort((a, b) => b[1].w - a[1].w || olderFirst(a[1].at, b[1].at))
          .slice(0, limit + 1)
          .map(([id]) => id),
      );
    }
    const wanted = [...new Set(ranked.flat())];
    if (wanted.length === 0) return queries.map(() => []);
    const byId = new Map(
      (await tx.rows<AnchorDbRow>(`${ANCHOR_SELECT} WHERE a.item_id = ANY($1::text[])`, [wanted])).map(
        (r) => [r.id, r] as const,
      ),
    );
    return ranked.map((ids, i) => {
      const q = queries[i]!;
      const out: AnchorRow[] = [];
      for (const id of ids) {
        const r = byId.get(id);
        if (r && r.id !== q.excludeItemId) out.push(toAnchorRow(r));
      }
      return out.slice(0, Math.min(q.limit ?? 24, MAX_LIMIT));
    });
  }

  async anchorsOf(itemIds: string[]): Promise<AnchorRow[]> {
    if (itemIds.length === 0) return [];
    return (
      await this.query<AnchorDbRow>(
        'cannot read anchors',
        `${ANCHOR_SELECT} WHERE a.item_id = ANY($1::text[]) ORDER BY i.sort_ms DESC, i.seq DESC`,
        [itemIds],
      )
    ).map(toAnchorRow);
  }

  /** The latest `perBand` items of each band, ranked by bands shared (then newest first). */
  private async rankBands(
    tx: Tx,
    bandLists: string[][],
    perBand: number,
    limit: number,
  ): Promise<string[][]> {
    await this.inOrder(tx);
    const all = [...new Set(bandLists.flat().map(bandHash))];
    if (all.length === 0) return bandLists.map(() => []);
    const rows = await tx.rows<{ h: string; id: string; ms: string; seq: string }>(
      `SELECT x.h::text AS h, p.id, p.ms, p.seq FROM unnest($1::bigint[]) AS x(h) CROSS JOIN LATERAL (
         SELECT b.item_id AS id, b.sort_ms::text AS ms, b.seq::text AS seq FROM item_bands b
         WHERE b.band = x.h ORDER BY b.sort_ms DESC, b.seq DESC LIMIT $2) p`,
      [all.map(String), perBand],
    );
    const bucket = new Map<number, { id: string; at: Pos }[]>();
    for (const r of rows) {
      const h = Number(r.h);
      const b = bucket.get(h) ?? [];
      if (b.length === 0) bucket.set(h, b);
      b.push({ id: r.id, at: pos(r.ms, r.seq) });
    }
    return bandLists.map((bands) => {
      const shared = new Map<string, { n: number; at: Pos }>();
      for (const h of new Set(bands.map(bandHash)))
        for (const { id, at } of bucket.get(h) ?? []) {
          const cur = shared.get(id);
          if (cur) cur.n++;
          else shared.set(id, { n: 1, at });
        }
      return [...shared]
        .sort((a, b) => b[1].n - a[1].n || olderFirst(b[1].at, a[1].at))
        .slice(0, limit + 1)
        .map(([id]) => id);
    });
  }

  async bandCandidates(
    bands: string[],
    o: { excludeItemId?: string; limit?: number; perBand?: number } = {},
  ): Promise<CandidateRow[]> {
    if (bands.length === 0) return [];
    const perBand = Math.min(Math.max(o.perBand ?? 64, 1), 10_000);
    const limit = Math.min(Math.max(o.limit ?? 20, 1), 1000);
    return this.snapshot('cannot find near-duplicate candidates', async (tx) => {
      const [best = []] = await this.rankBands(tx, [bands], perBand, limit);
      if (best.length === 0) return [];
      const rank = new Map(best.map((id, i) => [id, i]));
      const rows = await tx.rows<PgCandidateRow>(
        `${CANDIDATE_SELECT} JOIN item_signatures s ON s.item_id = i.id WHERE i.id = ANY($1::text[]) AND i.id <> $2`,
        [best, o.excludeItemId ?? ''],
      );
      rows.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
      return rows.slice(0, limit).map(toCandidate);
    });
  }

  async storyCandidates(
    probes: { itemId: string; contentHash: string; bands: string[] }[],
    o: { limit?: number; perBand?: number; perHash?: number } = {},
  ): Promise<{ exact: CandidateRow[]; near: CandidateRow[] }[]> {
    if (probes.length === 0) return [];
    const perBand = Math.min(Math.max(o.perBand ?? 64, 1), 10_000);
    const limit = Math.min(Math.max(o.limit ?? 20, 1), 1000);
    const perHash = Math.min(Math.max(o.perHash ?? 8, 1), 1000);
    return this.snapshot('cannot find near-duplicate candidates', async (tx) => {
      const ranked = await this.rankBands(
        tx,
        probes.map((p) => p.bands),
        perBand,
        limit,
      );
      // exact copies: the oldest perHash + 1 per hash (dated first), plus the oldest already in a story
      const hashes = [...new Set(probes.map((p) => p.contentHash))];
      const exactRows = await tx.rows<{ h: string; id: string }>(
        `SELECT x.h, e.id FROM unnest($1::text[]) AS x(h) CROSS JOIN LATERAL (
           SELECT i.id FROM items i WHERE i.content_hash = x.h
           ORDER BY (i.pub_ms IS NULL), i.sort_ms, i.seq LIMIT $2) e`,
        [hashes, perHash + 1],
      );
      // not "story_id IS NOT NULL": with statistics from before analysis (every story_id null)
      // the planner walks the partial items_story index (every item in a story, per hash: 4 ms
      // each at 8k items, growing) instead of items_hash (0.02 ms)
      const inStory = await tx.rows<{ h: string; id: string }>(
        `SELECT x.h, e.id FROM unnest($1::text[]) AS x(h) CROSS JOIN LATERAL (
           SELECT i.id FROM items i WHERE i.content_hash = x.h AND coalesce(i.story_id, '') <> ''
           ORDER BY (i.pub_ms IS NULL), i.sort_ms, i.seq LIMIT 1) e`,
        [hashes],
      );
      const byHash = new Map<string, string[]>();
      for (const r of exactRows) byHash.set(r.h, [...(byHash.get(r.h) ?? []), r.id]);
      for (const r of inStory) {
        const list = byHash.get(r.h) ?? [];
        if (!list.includes(r.id)) byHash.set(r.h, [...list, r.id]);
      }
      const wanted = [...new Set([...ranked.flat(), ...[...byHash.values()].flat()])];
      const rows = new Map<string, PgCandidateRow>();
      if (wanted.length > 0)
        for (const r of await tx.rows<PgCandidateRow>(
          `${CANDIDATE_SELECT} LEFT JOIN item_signatures s ON s.item_id = i.id WHERE i.id = ANY($1::text[])`,
          [wanted],
        ))
          rows.set(r.id, r);
      // oldest first (dated before undated), as Store.candidatesByBands lists them
      const oldestFirst = (a: PgCandidateRow, b: PgCandidateRow) => {
        const ua = BigInt(a.ms) === UNDATED ? 1 : 0;
        const ub = BigInt(b.ms) === UNDATED ? 1 : 0;
        return ua - ub || olderFirst(pos(a.ms, a.seq), pos(b.ms, b.seq));
      };
      const pick = (ids: string[], p: { itemId: string }, n: number): CandidateRow[] => {
        const out: PgCandidateRow[] = [];
        for (const id of ids) {
          const r = rows.get(id);
          if (r && r.id !== p.itemId && out.length < n) out.push(r);
        }
        return out.sort(oldestFirst).map(toCandidate);
      };
      return probes.map((p, i) => ({
        exact: pick(byHash.get(p.contentHash) ?? [], p, perHash + 1),
        near: pick(ranked[i] ?? [], p, limit),
      }));
    });
  }

  async storySizes(storyIds: string[]): Promise<Map<string, number>> {
    if (storyIds.length === 0) return new Map();
    const rows = await this.query<{ id: string; size: number }>(
      'cannot read story sizes',
      'SELECT id, size FROM stories WHERE id = ANY($1::text[])',
      [storyIds],
    );
    return new Map(rows.map((r) => [r.id, r.size]));
  }

  async putStoryLinks(links: StoryLink[]): Promise<void> {
    if (links.length === 0) return;
    await this.tx('cannot store story links (none were stored)', async (tx) => {
      // the last link of an item wins, as with SQLite's row-by-row upsert
      const last = [...new Map(links.map((l) => [l.itemId, l])).values()];
      await tx.run(
        `INSERT INTO trace_links (item_id, story_id, to_item_id, kind, score, reasons, created_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[])
         ON CONFLICT (item_id) DO UPDATE SET story_id = excluded.story_id, to_item_id = excluded.to_item_id,
           kind = excluded.kind, score = excluded.score, reasons = excluded.reasons, created_at = excluded.created_at`,
        [
          last.map((l) => l.itemId),
          last.map((l) => l.storyId),
          last.map((l) => l.toItemId),
          last.map((l) => l.kind),
          last.map((l) => l.score),
          last.map((l) => JSON.stringify(l.reasons)),
          last.map((l) => l.createdAt),
        ],
      );
    });
  }

  async storyLinks(storyId: string): Promise<StoryLink[]> {
    const rows = await this.query<LinkDbRow>(
      'cannot read story links',
      `SELECT ${LINK_COLUMNS}
       FROM trace_links l JOIN items i ON i.id = l.item_id WHERE i.story_id = $1 ORDER BY i.sort_ms, i.seq`,
      [storyId],
    );
    return rows.map((r) => toStoryLink(r, storyId));
  }

  async replaceProvenance(storyIds: string[], edges: ProvenanceEdge[]): Promise<void> {
    if (storyIds.length === 0 && edges.length === 0) return;
    await this.tx('cannot store provenance (nothing was changed)', async (tx) => {
      const ids = [...new Set([...storyIds, ...edges.map((e) => e.storyId)])].sort();
      await tx.run('DELETE FROM trace_provenance WHERE story_id = ANY($1::text[])', [ids]);
      if (edges.length === 0) return;
      const last = [...new Map(edges.map((e) => [`${e.storyId}\u0000${e.to}`, e])).values()];
      await tx.run(
        `INSERT INTO trace_provenance (story_id, to_item_id, from_item_id, relation, lag_seconds, attribution, laundering)
         SELECT s, t, f, r, l, a, w::boolean
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[]) AS x(s, t, f, r, l, a, w)
         ON CONFLICT (story_id, to_item_id) DO UPDATE SET from_item_id = excluded.from_item_id,
           relation = excluded.relation, lag_seconds = excluded.lag_seconds, attribution = excluded.attribution,
           laundering = excluded.laundering`,
        [
          last.map((e) => e.storyId),
          last.map((e) => e.to),
          last.map((e) => e.from),
          last.map((e) => e.relation),
          last.map((e) => e.lagSeconds ?? null),
          last.map((e) => e.attribution ?? null),
          last.map((e) => (e.laundering ? 'true' : 'false')),
        ],
      );
    });
  }

  async provenance(storyId: string): Promise<ProvenanceEdge[]> {
    const rows = await this.query<{
      to_item_id: string;
      from_item_id: string;
      relation: ProvenanceEdge['relation'];
      lag_seconds: number | null;
      attribution: ProvenanceEdge['attribution'] | null;
      laundering: boolean;
    }>(
      'cannot read provenance',
      `SELECT to_item_id, from_item_id, relation, lag_seconds, attribution, laundering FROM trace_provenance
       WHERE story_id = $1 ORDER BY to_item_id COLLATE "C"`,
      [storyId],
    );
    return rows.map((r) => {
      const e: ProvenanceEdge = {
        storyId,
        from: r.from_item_id,
        to: r.to_item_id,
        relation: r.relation,
        laundering: r.laundering,
      };
      if (r.lag_seconds !== null) e.lagSeconds = r.lag_seconds;
      if (r.attribution !== null && r.attribution !== undefined) e.attribution = r.attribution;
      return e;
    });
  }

  async staleProvenance(q: { maxSize: number; limit?: number }): Promise<string[]> {
    const limit = Math.min(Math.max(q.limit ?? 100_000, 1), 1_000_000);
    return (
      await this.query<{ id: string }>(
        'cannot find stale provenance',
        `SELECT s.id FROM stories s
         LEFT JOIN (SELECT story_id, count(*) AS c FROM trace_provenance GROUP BY story_id) p ON p.story_id = s.id
         WHERE s.size >= 2 AND s.size <= $1 AND coalesce(p.c, 0) <> s.size - 1
         ORDER BY s.size DESC, s.id COLLATE "C" LIMIT $2`,
        [q.maxSize, limit],
      )
    ).map((r) => r.id);
  }

  async provenanceFlows(): Promise<{ from: string; to: string; count: number }[]> {
    return this.query<{ from: string; to: string; count: number }>(
      'cannot read provenance flows',
      `SELECT fi.source_id AS "from", ti.source_id AS "to", count(*)::int AS count FROM trace_provenance p
       JOIN items fi ON fi.id = p.from_item_id JOIN items ti ON ti.id = p.to_item_id
       WHERE fi.source_id <> ti.source_id GROUP BY 1, 2 ORDER BY fi.source_id COLLATE "C", ti.source_id COLLATE "C"`,
    );
  }

  async putAlerts(alerts: Alert[]): Promise<void> {
    if (alerts.length === 0) return;
    await this.tx('cannot store alerts (none were stored)', async (tx) => {
      const last = [...new Map(alerts.map((a) => [a.id, a])).values()];
      await tx.run(
        `INSERT INTO trace_alerts (${ALERT_COLUMNS})
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[],
           $8::float8[], $9::text[], $10::text[], $11::text[])
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, by_dim = excluded.by_dim, key = excluded.key,
           day = excluded.day, value = excluded.value, baseline = excluded.baseline, score = excluded.score,
           item_ids = excluded.item_ids, detail = excluded.detail, created_at = excluded.created_at`,
        [
          last.map((a) => a.id),
          last.map((a) => a.kind),
          last.map((a) => a.by ?? null),
          last.map((a) => a.key),
          last.map((a) => a.day),
          last.map((a) => a.value),
          last.map((a) => a.baseline),
          last.map((a) => a.score),
          last.map((a) => JSON.stringify(a.itemIds)),
          last.map((a) => JSON.stringify(a.detail)),
          last.map((a) => a.createdAt),
        ],
      );
    });
  }

  async clearAlerts(kind: AlertKind, r: { since?: string; until?: string } = {}): Promise<void> {
    await this.query(
      'cannot clear alerts',
      'DELETE FROM trace_alerts WHERE kind = $1 AND day COLLATE "C" >= $2 AND day COLLATE "C" < $3',
      [kind, r.since?.slice(0, 10) ?? '', r.until?.slice(0, 10) ?? '9999'],
    );
  }

  async deleteAlerts(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.query('cannot delete alerts', 'DELETE FROM trace_alerts WHERE id = ANY($1::text[])', [ids]);
  }

  async listAlerts(
    q: { kind?: AlertKind; by?: SeriesBy; since?: string; limit?: number } = {},
  ): Promise<Alert[]> {
    const limit = Math.min(Math.max(q.limit ?? 100, 1), MAX_LIMIT);
    return (
      await this.query<AlertDbRow>(
        'cannot list alerts',
        `SELECT ${ALERT_COLUMNS} FROM trace_alerts
         WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR by_dim = $2) AND day COLLATE "C" >= $3
         ORDER BY day COLLATE "C" DESC, score DESC, id COLLATE "C" LIMIT $4`,
        [q.kind ?? null, q.by ?? null, q.since?.slice(0, 10) ?? '', limit],
      )
    ).map(toAlert);
  }

  async series(q: {
    by: Exclude<SeriesBy, 'convergence'>;
    since?: string;
    until?: string;
    minStorySize?: number;
  }): Promise<SeriesRow[]> {
    const { lo, hi } = msRange(q.since, q.until);
    let rows: { k: string; d: number; n: number }[];
    const what = 'cannot compute series';
    if (q.by === 'narrative' || q.by === 'technique')
      rows = await this.query(what, SERIES_SQL.label, [lo, hi, q.by]);
    else if (q.by === 'story') rows = await this.query(what, SERIES_SQL.story, [lo, hi, q.minStorySize ?? 2]);
    else if (q.by === 'lang' || q.by === 'source') rows = await this.query(what, SERIES_SQL[q.by], [lo, hi]);
    else
      throw new OgohError('USAGE', `series by "${String(q.by)}" is not supported`, {
        field: 'by',
        hint: 'use narrative, technique, source, lang or story',
      });
    return rows.map((r) => ({ day: dayOf(r.d), key: r.k, count: r.n })).sort(byDayThenKey);
  }

  async seriesItems(q: {
    by: Exclude<SeriesBy, 'convergence'>;
    key: string;
    day: string;
    limit?: number;
  }): Promise<string[]> {
    const { lo, hi } = dayRange(q.day);
    const limit = Math.min(Math.max(q.limit ?? 200, 1), MAX_LIMIT);
    const what = 'cannot list series items';
    let rows: { id: string }[];
    if (q.by === 'narrative' || q.by === 'technique')
      rows = await this.query(what, ITEMS_SQL.label, [q.key, lo, hi, limit, q.by]);
    else {
      const sql = ITEMS_SQL[q.by];
      if (sql === undefined)
        throw new OgohError('USAGE', `series by "${String(q.by)}" is not supported`, { field: 'by' });
      rows = await this.query(what, sql, [q.key, lo, hi, limit]);
    }
    return rows.map((r) => r.id);
  }

  async narrativeDays(q: {
    since?: string;
    until?: string;
  }): Promise<{ day: string; itemId: string; sourceId: string; label: string; kind: string }[]> {
    const { lo, hi } = msRange(q.since, q.until);
    const rows = await this.query<{
      d: number;
      item_id: string;
      source_id: string;
      label: string;
      kind: string;
    }>(
      'cannot read narrative detections',
      `SELECT ${dayNumber('i.pub_ms')} AS d, d.item_id, i.source_id, d.label, d.kind
       FROM detections d JOIN items i ON i.id = d.item_id
       WHERE d.kind IN ('narrative', 'convergence') AND ${DATED('i', '$1', '$2')}
       ORDER BY i.sort_ms, i.seq, d.id COLLATE "C"`,
      [lo, hi],
    );
    return rows.map((r) => ({
      day: dayOf(r.d),
      itemId: r.item_id,
      sourceId: r.source_id,
      label: r.label,
      kind: r.kind,
    }));
  }

  async telegramItems(q: { since?: string; until?: string; limit?: number }): Promise<Item[]> {
    const { lo, hi } = msRange(q.since, q.until);
    const limit = Math.min(Math.max(q.limit ?? 50_000, 1), 1_000_000);
    return (
      await this.query<ItemRow>(
        'cannot read Telegram items',
        `SELECT ${itemColumns('i')} FROM items i WHERE i.telegram IS NOT NULL AND ${DATED('i', '$1', '$2')}
         ORDER BY i.sort_ms, i.seq LIMIT $3`,
        [lo, hi, limit],
      )
    ).map(rowToItem);
  }
}

/** `sort_ms` of undated items (migration 1): they come after every dated one. */
const UNDATED = BigInt(UNDATED_MS);

/**
 * Opens the trace tables of the PostgreSQL store at `url` (its own pool; migrated when new).
 * @example const trace = await openPostgresTraceStore(url, { schema: 'ogoh' });
 */
export async function openPostgresTraceStore(
  url: string,
  options: PostgresPortOptions = {},
): Promise<TraceStore> {
  return openPort(url, options, (db) => new PostgresTraceStore(db));
}
