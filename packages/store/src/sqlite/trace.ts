/**
 * The SQLite adapter of the TraceStore port (migration 3): item anchors and their postings for
 * cross-language story links, story links with reasons, provenance edges, alerts, and per-day
 * series read from the items, stories and detections indexes. Its own connection, like AuthStore.
 *
 * Postings are (53-bit key hash, item sort key) in a WITHOUT ROWID table: the sort key encodes the
 * published instant (keys.ts), so "items carrying this key published within a week" is one range
 * seek. Document frequencies live in `trace_df`, kept in step on every put, so weighting a probe's
 * keys never counts postings.
 */
import {
  type Alert,
  type AlertKind,
  type AnchorQuery,
  type AnchorRow,
  type BandFilter,
  type CandidateRow,
  type Item,
  OgohError,
  type ProvenanceEdge,
  type SeriesBy,
  type SeriesRow,
  type StoryLink,
  type TraceStore,
} from '@ogoh/core';
import { BandBloom } from '../band-filter.ts';
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
import { type Db, openDb, sharedDb, sqliteError } from './db.ts';
import { jsonList } from './items.ts';
import { slotStart } from './keys.ts';
import { migrate } from './migrate.ts';
import { bandHash, type ItemRow, itemColumns, rowToItem } from './rows.ts';

/** The sort-key epoch (keys.ts): 1900-01-01T00:00Z, a UTC midnight, so day numbers are UTC days. */
const KEY_EPOCH_MS = Date.UTC(1900, 0, 1);
const DAY_MS = 86_400_000;
const MAX_KEY = (1n << 63n) - 1n;
const MAX_LIMIT = 10_000;
/** trace_df row counting the indexed items (key hashes are non-negative, so −1 is free). */
const TOTAL_HASH = -1;

/** Orders integer keys given as decimal text (sort keys exceed 2^53) without parsing them. */
function compareKeys(a: string, b: string): number {
  const na = a.charCodeAt(0) === 45;
  const nb = b.charCodeAt(0) === 45;
  if (na !== nb) return na ? -1 : 1;
  if (a.length !== b.length) return na ? b.length - a.length : a.length - b.length;
  if (a === b) return 0;
  return a < b !== na ? -1 : 1;
}

function dayOf(n: number): string {
  return new Date(KEY_EPOCH_MS + n * DAY_MS).toISOString().slice(0, 10);
}

function range(since?: string, until?: string): { lo: bigint; hi: bigint } {
  return {
    lo: since === undefined ? 0n : slotStart(parseTime(since, 'since')),
    hi: until === undefined ? MAX_KEY : slotStart(parseTime(until, 'until')),
  };
}

function dayRange(day: string): { lo: bigint; hi: bigint } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
    throw new OgohError('USAGE', `day must be YYYY-MM-DD, got "${day}"`, { field: 'day' });
  const ms = parseTime(`${day}T00:00:00Z`, 'day');
  return { lo: slotStart(ms), hi: slotStart(ms + DAY_MS) };
}

const ANCHOR_SELECT = `SELECT i.id, i.story_id, i.source_id, i.published, a.lang, a.keys
  FROM trace_anchors a JOIN items i ON i.sort_key = a.item_key`;

const SERIES_SQL = {
  lang: `SELECT lang AS k, (sort_key >> 20) / ${DAY_MS} AS d, count(*) AS n FROM items INDEXED BY items_lang
         WHERE sort_key >= @lo AND sort_key < @hi GROUP BY lang, d`,
  source: `SELECT source_id AS k, (sort_key >> 20) / ${DAY_MS} AS d, count(*) AS n FROM items INDEXED BY items_source
           WHERE sort_key >= @lo AND sort_key < @hi GROUP BY source_id, d`,
  story: `SELECT i.story_id AS k, (i.sort_key >> 20) / ${DAY_MS} AS d, count(*) AS n
          FROM stories s JOIN items i ON i.story_id = s.id
          WHERE s.size >= @min AND i.sort_key >= @lo AND i.sort_key < @hi GROUP BY i.story_id, d`,
  label: `SELECT label AS k, (item_key >> 20) / ${DAY_MS} AS d, count(DISTINCT item_id) AS n FROM detections
          WHERE kind = @kind AND item_key >= @lo AND item_key < @hi GROUP BY label, d`,
} as const;

const ITEMS_SQL = {
  lang: 'SELECT id FROM items WHERE lang = @key AND sort_key >= @lo AND sort_key < @hi ORDER BY sort_key LIMIT @limit',
  source:
    'SELECT id FROM items WHERE source_id = @key AND sort_key >= @lo AND sort_key < @hi ORDER BY sort_key LIMIT @limit',
  story:
    'SELECT id FROM items WHERE story_id = @key AND sort_key >= @lo AND sort_key < @hi ORDER BY sort_key LIMIT @limit',
  label: `SELECT item_id AS id FROM detections WHERE kind = @kind AND label = @key AND item_key >= @lo AND item_key < @hi
          GROUP BY item_id ORDER BY min(item_key) LIMIT @limit`,
} as const;

class SqliteTraceStore implements TraceStore {
  private readonly handle: Db;
  private closed = false;
  /** on a store's own connection: closing leaves the connection to the store */
  private readonly shared: boolean;

  constructor(db: Db, shared = false) {
    this.handle = db;
    this.shared = shared;
  }

  private get db(): Db {
    if (this.closed)
      throw new OgohError('STORE', `the store ${this.handle.path} is closed`, { file: this.handle.path });
    return this.handle;
  }

  private write<T>(what: string, fn: (db: Db) => T): T {
    const db = this.db;
    try {
      return db.write(() => fn(db));
    } catch (e) {
      throw sqliteError(e, what, db.path);
    }
  }

  private read<T>(what: string, fn: (db: Db) => T): T {
    const db = this.db;
    try {
      return db.read(() => fn(db));
    } catch (e) {
      throw sqliteError(e, what, db.path);
    }
  }

  /**
   * Writes a page's anchors. Postings and frequency increments are written sorted by key hash, and
   * each key's frequency once with the page's count: written item by item they hit the postings
   * and frequency B-trees in random order, so on a large store every insert touched another page
   * and the transaction spilled and rewrote pages of a table far larger than the page cache.
   */
  async putAnchors(rows: { itemId: string; lang: string; keys: string[] }[]): Promise<void> {
    if (rows.length === 0) return;
    // an item listed twice keeps its last keys, as writing the rows one after the other would
    const last = new Map<string, { i: number; lang: string; keys: string[] }>();
    rows.forEach((row, i) => {
      last.delete(row.itemId);
      last.set(row.itemId, { i, lang: row.lang, keys: row.keys });
    });
    this.write('cannot store anchors (none were stored)', (db) => {
      const keyOf = db.stmt('SELECT CAST(sort_key AS TEXT) FROM items WHERE id = ?').pluck();
      const old = db.stmt('SELECT keys FROM trace_anchors WHERE item_key = CAST(? AS INTEGER)').pluck();
      const dropPosting = db.stmt(
        'DELETE FROM trace_postings WHERE key_hash = ? AND item_key = CAST(? AS INTEGER)',
      );
      const put = db.stmt(
        'INSERT OR REPLACE INTO trace_anchors (item_key, lang, keys) VALUES (CAST(? AS INTEGER), ?, ?)',
      );
      const posting = db.stmt(
        'INSERT OR IGNORE INTO trace_postings (key_hash, item_key) VALUES (?, CAST(? AS INTEGER))',
      );
      const addDf = db.stmt(
        'INSERT INTO trace_df (key_hash, n) VALUES (?, ?) ON CONFLICT (key_hash) DO UPDATE SET n = n + excluded.n',
      );
      const delta = new Map<number, number>();
      const bump = (h: number, by: number) => delta.set(h, (delta.get(h) ?? 0) + by);
      const adds: { h: number; key: string }[] = [];
      for (const [itemId, row] of last) {
        const key = keyOf.get(itemId) as string | undefined;
        if (key === undefined)
          throw new OgohError('STORE', `rows[${row.i}] holds anchors of unknown item "${itemId}"`, {
            file: db.path,
            field: 'itemId',
            hint: 'write the item (writeBatch) before indexing it',
          });
        const before = old.get(key) as string | undefined;
        // re-indexing an item: its old postings go first (rare: `analyze --all`, a resumed page)
        if (before !== undefined)
          for (const h of new Set((JSON.parse(before) as string[]).map(bandHash)))
            if (dropPosting.run(h, key).changes > 0) bump(h, -1);
        const keys = [...new Set(row.keys)].sort();
        put.run(key, row.lang, JSON.stringify(keys));
        if (before === undefined) bump(TOTAL_HASH, 1);
        for (const h of new Set(keys.map(bandHash))) adds.push({ h, key });
      }
      adds.sort((a, b) => a.h - b.h || compareKeys(a.key, b.key));
      for (const a of adds) if (posting.run(a.h, a.key).changes > 0) bump(a.h, 1);
      for (const h of [...delta.keys()].sort((a, b) => a - b)) {
        const by = delta.get(h)!;
        if (by !== 0) addDf.run(h, by);
      }
    });
  }

  private dfOf(db: Db, hashes: number[]): Map<number, number> {
    const rows = db
      .stmt('SELECT key_hash AS h, n FROM trace_df WHERE key_hash IN (SELECT value FROM json_each(?))')
      .all(jsonList(hashes)) as { h: number; n: number }[];
    return new Map(rows.map((r) => [r.h, r.n]));
  }

  /** Indexed items: a counter row kept by putAnchors (counting the table scans it). */
  private totalOf(db: Db): number {
    const n = db.stmt('SELECT n FROM trace_df WHERE key_hash = ?').pluck().get(TOTAL_HASH) as
      | number
      | undefined;
    return n ?? (db.stmt('SELECT count(*) FROM trace_anchors').pluck().get() as number);
  }

  async anchorDf(keys: string[]): Promise<{ total: number; df: Map<string, number> }> {
    return this.read('cannot read anchor frequencies', (db) => {
      const byHash = this.dfOf(db, keys.map(bandHash));
      return { total: this.totalOf(db), df: new Map(keys.map((k) => [k, byHash.get(bandHash(k)) ?? 0])) };
    });
  }

  async anchorCandidates(q: AnchorQuery): Promise<AnchorRow[]> {
    if (q.keys.length === 0) return [];
    return this.read('cannot find anchor candidates', (db) => this.anchorQueries(db, [q])[0] ?? []);
  }

  async anchorCandidatesMany(queries: AnchorQuery[]): Promise<AnchorRow[][]> {
    if (queries.length === 0) return [];
    return this.read('cannot find anchor candidates', (db) => this.anchorQueries(db, queries));
  }

  /**
   * Anchor retrieval for several probes from one snapshot: document frequencies are read once for
   * all their keys, and the candidate rows of all probes in one query (each row's keys parsed once).
   */
  private anchorQueries(db: Db, queries: AnchorQuery[]): AnchorRow[][] {
    const allHashes = new Set<number>();
    for (const q of queries) for (const k of q.keys) allHashes.add(bandHash(k));
    const df = this.dfOf(db, [...allHashes]);
    const total = this.totalOf(db);
    const scan = db
      .stmt(
        `SELECT CAST(item_key AS TEXT) FROM trace_postings WHERE key_hash = ? AND item_key >= ? AND item_key < ?
         ORDER BY item_key DESC LIMIT ?`,
      )
      .pluck();
    const ranked = queries.map((q) => {
      if (q.keys.length === 0) return [];
      const maxDf = q.maxDf ?? 5000;
      const limit = Math.min(q.limit ?? 24, MAX_LIMIT);
      const { lo, hi } = range(q.since, q.until);
      const hashes = [...new Set(q.keys.map(bandHash))];
      const maxScan = Math.min(Math.max(q.maxScan ?? 64, 1), 100_000);
      const acc = new Map<string, number>();
      // only the rarest keys retrieve: they carry the signal, frequent ones only cost
      const usable = hashes
        .map((h) => ({ h, n: df.get(h) ?? 0 }))
        .filter((x) => x.n > 0 && x.n <= maxDf)
        .sort((a, b) => a.n - b.n)
        .slice(0, q.maxKeys ?? 6);
      const only = usable.length === 1 ? usable[0] : undefined;
      // one key (how the run's in-memory postings warm a list): every item scores the same, so the
      // order is the item keys' as text, as the general ranking below gives it, without the tally
      if (only) return (scan.all(only.h, lo, hi, maxScan) as string[]).sort().slice(0, limit + 1);
      for (const { h, n } of usable) {
        const w = Math.log((total + 1) / (n + 1)) + 0.1;
        for (const k of scan.all(h, lo, hi, maxScan) as string[]) acc.set(k, (acc.get(k) ?? 0) + w);
      }
      return [...acc]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit + 1)
        .map(([k]) => k);
    });
    const wanted = new Set<string>();
    for (const r of ranked) for (const k of r) wanted.add(k);
    if (wanted.size === 0) return queries.map(() => []);
    const byKey = new Map<string, AnchorRow>();
    for (const r of db
      .stmt(
        `SELECT CAST(a.item_key AS TEXT) AS k, i.id, i.story_id, i.source_id, i.published, a.lang, a.keys
         FROM trace_anchors a JOIN items i ON i.sort_key = a.item_key
         WHERE a.item_key IN (SELECT CAST(value AS INTEGER) FROM json_each(?))`,
      )
      .all(JSON.stringify([...wanted])) as (AnchorDbRow & { k: string })[])
      byKey.set(r.k, toAnchorRow(r));
    const given = new Set<AnchorRow>();
    return ranked.map((keys, i) => {
      const q = queries[i]!;
      const limit = Math.min(q.limit ?? 24, MAX_LIMIT);
      const out: AnchorRow[] = [];
      for (const k of keys) {
        if (out.length >= limit) break;
        const row = byKey.get(k);
        if (!row || row.itemId === q.excludeItemId) continue;
        // rows are shared between probes: a row already handed out goes again as a copy
        if (given.has(row)) out.push({ ...row, keys: [...row.keys] });
        else {
          given.add(row);
          out.push(row);
        }
      }
      return out;
    });
  }

  async anchorsOf(itemIds: string[]): Promise<AnchorRow[]> {
    if (itemIds.length === 0) return [];
    return this.read('cannot read anchors', (db) =>
      (
        db
          .stmt(`${ANCHOR_SELECT} WHERE i.id IN (SELECT value FROM json_each(?))`)
          .all(jsonList(itemIds)) as AnchorDbRow[]
      ).map(toAnchorRow),
    );
  }

  async bandCandidates(
    bands: string[],
    o: { excludeItemId?: string; limit?: number; perBand?: number } = {},
  ): Promise<CandidateRow[]> {
    if (bands.length === 0) return [];
    const perBand = Math.min(Math.max(o.perBand ?? 64, 1), 10_000);
    const limit = Math.min(Math.max(o.limit ?? 20, 1), 1000);
    return this.read('cannot find near-duplicate candidates', (db) => {
      const scan = db
        .stmt('SELECT CAST(item_key AS TEXT) FROM item_bands WHERE band = ? ORDER BY item_key DESC LIMIT ?')
        .pluck();
      const shared = new Map<string, number>();
      for (const h of new Set(bands.map(bandHash)))
        for (const k of scan.all(h, perBand) as string[]) shared.set(k, (shared.get(k) ?? 0) + 1);
      const best = [...shared]
        .sort((a, b) => b[1] - a[1] || (BigInt(b[0]) > BigInt(a[0]) ? 1 : -1))
        .slice(0, limit + 1)
        .map(([k]) => k);
      if (best.length === 0) return [];
      const rank = new Map(best.map((k, i) => [k, i]));
      const rows = db
        .stmt(
          `SELECT CAST(i.sort_key AS TEXT) AS k, i.id, i.story_id, s.signature, i.content_hash, i.published, i.source_id
           FROM items i JOIN item_signatures s ON s.item_key = i.sort_key
           WHERE i.sort_key IN (SELECT CAST(value AS INTEGER) FROM json_each(?)) AND i.id <> ?`,
        )
        .all(JSON.stringify(best), o.excludeItemId ?? '') as (CandidateDbRow & { k: string })[];
      rows.sort((a, b) => (rank.get(a.k) ?? 0) - (rank.get(b.k) ?? 0));
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
    return this.read('cannot find near-duplicate candidates', (db) => {
      const scan = db
        .stmt('SELECT CAST(item_key AS TEXT) FROM item_bands WHERE band = ? ORDER BY item_key DESC LIMIT ?')
        .pluck();
      // a page of a template-heavy corpus shares most bands: each is read once
      // a page of a template-heavy corpus shares most bands: each is read once, its items
      // numbered once, and counting shared bands works on arrays instead of string maps
      const ids = new Map<string, number>();
      const keyOf: string[] = [];
      const buckets = new Map<number, Int32Array>();
      const hashesOf = probes.map((p) => [...new Set(p.bands.map(bandHash))]);
      for (const hs of hashesOf)
        for (const h of hs) {
          if (buckets.has(h)) continue;
          const keys = scan.all(h, perBand) as string[];
          const b = new Int32Array(keys.length);
          keys.forEach((k, i) => {
            let id = ids.get(k);
            if (id === undefined) {
              id = keyOf.length;
              ids.set(k, id);
              keyOf.push(k);
            }
            b[i] = id;
          });
          buckets.set(h, b);
        }
      // newest first among equal counts, as bandCandidates ranks them. A probe of one band (the
      // run's index warming a bucket) ranks as the scan read it, so only several-band probes need
      // the order of everything the page read.
      const rank = new Int32Array(keyOf.length);
      if (hashesOf.some((hs) => hs.length > 1))
        keyOf
          .map((_, i) => i)
          .sort((a, b) => compareKeys(keyOf[b]!, keyOf[a]!))
          .forEach((id, r) => {
            rank[id] = r;
          });
      const shared = new Int32Array(keyOf.length);
      const byCount: number[][] = [];
      const ranked = hashesOf.map((hs) => {
        if (hs.length === 1) {
          const b = buckets.get(hs[0]!) ?? [];
          const out: string[] = [];
          for (let j = 0; j < b.length && j <= limit; j++) out.push(keyOf[b[j]!]!);
          return out;
        }
        const touched: number[] = [];
        for (const h of hs) for (const id of buckets.get(h) ?? []) if (shared[id]!++ === 0) touched.push(id);
        for (const l of byCount) if (l) l.length = 0;
        for (const id of touched) {
          const c = shared[id]!;
          const l = byCount[c];
          if (l) l.push(id);
          else byCount[c] = [id];
        }
        const out: string[] = [];
        for (let c = byCount.length - 1; c > 0 && out.length <= limit; c--) {
          const l = byCount[c];
          if (!l?.length) continue;
          l.sort((a, b) => rank[a]! - rank[b]!);
          for (const id of l) {
            if (out.length > limit) break;
            out.push(keyOf[id]!);
          }
        }
        for (const id of touched) shared[id] = 0;
        return out;
      });
      // dated copies, then undated ones, each in the items_hash index's own order (content hash,
      // sort key): a hash copied thousands of times costs `perHash` index steps, not a sort of all
      const exactDated = db
        .stmt(
          `SELECT CAST(sort_key AS TEXT) FROM items INDEXED BY items_hash
           WHERE content_hash = ? AND sort_key >= 0 ORDER BY sort_key LIMIT ?`,
        )
        .pluck();
      const exactUndated = db
        .stmt(
          `SELECT CAST(sort_key AS TEXT) FROM items INDEXED BY items_hash
           WHERE content_hash = ? AND sort_key < 0 ORDER BY sort_key LIMIT ?`,
        )
        .pluck();
      const inStoryDated = db
        .stmt(
          `SELECT CAST(sort_key AS TEXT) FROM items INDEXED BY items_hash
           WHERE content_hash = ? AND sort_key >= 0 AND story_id IS NOT NULL ORDER BY sort_key LIMIT 1`,
        )
        .pluck();
      const inStoryUndated = db
        .stmt(
          `SELECT CAST(sort_key AS TEXT) FROM items INDEXED BY items_hash
           WHERE content_hash = ? AND sort_key < 0 AND story_id IS NOT NULL ORDER BY sort_key LIMIT 1`,
        )
        .pluck();
      const byHash = new Map<string, string[]>();
      for (const p of probes) {
        if (byHash.has(p.contentHash)) continue;
        const keys = exactDated.all(p.contentHash, perHash + 1) as string[];
        if (keys.length < perHash + 1)
          keys.push(...(exactUndated.all(p.contentHash, perHash + 1 - keys.length) as string[]));
        const inStory = (inStoryDated.get(p.contentHash) ?? inStoryUndated.get(p.contentHash)) as
          | string
          | undefined;
        if (inStory !== undefined && !keys.includes(inStory)) keys.push(inStory);
        byHash.set(p.contentHash, keys);
      }
      const wanted = new Set<string>();
      for (const r of ranked) for (const k of r) wanted.add(k);
      for (const r of byHash.values()) for (const k of r) wanted.add(k);
      const rows = new Map<string, { key: bigint; row: CandidateRow }>();
      for (const r of db
        .stmt(
          `SELECT CAST(i.sort_key AS TEXT) AS k, i.id, i.story_id, s.signature, i.content_hash, i.published, i.source_id
           FROM items i LEFT JOIN item_signatures s ON s.item_key = i.sort_key
           WHERE i.sort_key IN (SELECT CAST(value AS INTEGER) FROM json_each(?))`,
        )
        .all(JSON.stringify([...wanted])) as (CandidateDbRow & { k: string })[])
        rows.set(r.k, { key: BigInt(r.k), row: toCandidate(r) });
      // oldest first, as Store.candidatesByBands lists them: ties between equal candidates go the same way
      const oldestFirst = (a: { key: bigint }, b: { key: bigint }) =>
        Number(a.key < 0n) - Number(b.key < 0n) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
      const pick = (keys: string[], p: { itemId: string }, n: number): CandidateRow[] => {
        const out: { key: bigint; row: CandidateRow }[] = [];
        for (const k of keys) {
          const r = rows.get(k);
          if (r && r.row.itemId !== p.itemId && out.length < n) out.push(r);
        }
        return out.sort(oldestFirst).map((r) => r.row);
      };
      return probes.map((p, i) => ({
        exact: pick(byHash.get(p.contentHash) ?? [], p, perHash + 2),
        near: pick(ranked[i] ?? [], p, limit),
      }));
    });
  }

  /**
   * The stored band keys as a Bloom filter: one pass over the band index's keys (distinct bands,
   * in index order), sized with room for the run's own bands to join.
   */
  async storedBands(): Promise<BandFilter> {
    return this.read('cannot read the stored band keys', (db) => {
      const stored = db.stmt('SELECT DISTINCT band FROM item_bands').pluck().all() as number[];
      // room for as many again: the run's own bands join it
      const filter = new BandBloom(Math.max(stored.length * 2, 100_000), bandHash);
      for (const h of stored) filter.addHash(h);
      return filter;
    });
  }

  async storySizes(storyIds: string[]): Promise<Map<string, number>> {
    if (storyIds.length === 0) return new Map();
    return this.read('cannot read story sizes', (db) => {
      const rows = db
        .stmt('SELECT id, size FROM stories WHERE id IN (SELECT value FROM json_each(?))')
        .all(jsonList(storyIds)) as { id: string; size: number }[];
      return new Map(rows.map((r) => [r.id, r.size]));
    });
  }

  async putStoryLinks(links: StoryLink[]): Promise<void> {
    if (links.length === 0) return;
    this.write('cannot store story links (none were stored)', (db) => {
      const put = db.stmt(
        `INSERT INTO trace_links (item_id, story_id, to_item_id, kind, score, reasons, created_at)
         VALUES (@itemId, @storyId, @toItemId, @kind, @score, @reasons, @createdAt)
         ON CONFLICT (item_id) DO UPDATE SET story_id = excluded.story_id, to_item_id = excluded.to_item_id,
           kind = excluded.kind, score = excluded.score, reasons = excluded.reasons, created_at = excluded.created_at`,
      );
      for (const l of links) put.run({ ...l, reasons: JSON.stringify(l.reasons) });
    });
  }

  async storyLinks(storyId: string): Promise<StoryLink[]> {
    return this.read('cannot read story links', (db) =>
      (
        db
          .stmt(
            `SELECT ${LINK_COLUMNS} FROM trace_links l JOIN items i ON i.id = l.item_id WHERE i.story_id = ?`,
          )
          .all(storyId) as LinkDbRow[]
      ).map((r) => toStoryLink(r, storyId)),
    );
  }

  /**
   * Replaces the edges of the given stories, writing only what changed: a story that grew keeps
   * most of its chain, and deleting and inserting every edge again rewrote its rows and index
   * entries on every refresh.
   */
  async replaceProvenance(storyIds: string[], edges: ProvenanceEdge[]): Promise<void> {
    if (storyIds.length === 0 && edges.length === 0) return;
    // per story, its edges by target item (a later edge of the same target replaces an earlier one)
    const wanted = new Map<string, Map<string, ProvenanceEdge>>();
    for (const id of storyIds) wanted.set(id, new Map());
    for (const e of edges) {
      const m = wanted.get(e.storyId);
      if (m) m.set(e.to, e);
      else wanted.set(e.storyId, new Map([[e.to, e]]));
    }
    this.write('cannot store provenance (nothing was changed)', (db) => {
      const stored = db.stmt(
        `SELECT to_item_id, from_item_id, relation, lag_seconds, attribution, laundering FROM trace_provenance
         WHERE story_id = ?`,
      );
      const del = db.stmt('DELETE FROM trace_provenance WHERE story_id = ? AND to_item_id = ?');
      const put = db.stmt(
        `INSERT OR REPLACE INTO trace_provenance (story_id, to_item_id, from_item_id, relation, lag_seconds, attribution, laundering)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const [id, want] of wanted) {
        for (const r of stored.all(id) as {
          to_item_id: string;
          from_item_id: string;
          relation: string;
          lag_seconds: number | null;
          attribution: string | null;
          laundering: number;
        }[]) {
          const e = want.get(r.to_item_id);
          if (!e) del.run(id, r.to_item_id);
          else if (
            e.from === r.from_item_id &&
            e.relation === r.relation &&
            (e.lagSeconds ?? null) === r.lag_seconds &&
            (e.attribution ?? null) === r.attribution &&
            (e.laundering ? 1 : 0) === r.laundering
          )
            want.delete(r.to_item_id);
        }
        for (const e of want.values())
          put.run(
            id,
            e.to,
            e.from,
            e.relation,
            e.lagSeconds ?? null,
            e.attribution ?? null,
            e.laundering ? 1 : 0,
          );
      }
    });
  }

  async provenance(storyId: string): Promise<ProvenanceEdge[]> {
    return this.read('cannot read provenance', (db) =>
      (
        db
          .stmt(
            `SELECT to_item_id, from_item_id, relation, lag_seconds, attribution, laundering FROM trace_provenance
             WHERE story_id = ?`,
          )
          .all(storyId) as {
          to_item_id: string;
          from_item_id: string;
          relation: ProvenanceEdge['relation'];
          lag_seconds: number | null;
          attribution: ProvenanceEdge['attribution'] | null;
          laundering: number;
        }[]
      ).map((r) => {
        const e: ProvenanceEdge = {
          storyId,
          from: r.from_item_id,
          to: r.to_item_id,
          relation: r.relation,
          laundering: r.laundering === 1,
        };
        if (r.lag_seconds !== null) e.lagSeconds = r.lag_seconds;
        if (r.attribution !== null && r.attribution !== undefined) e.attribution = r.attribution;
        return e;
      }),
    );
  }

  async staleProvenance(q: { maxSize: number; limit?: number }): Promise<string[]> {
    const limit = Math.min(Math.max(q.limit ?? 100_000, 1), 1_000_000);
    return this.read(
      'cannot find stale provenance',
      (db) =>
        db
          .stmt(
            `SELECT s.id FROM stories s
             LEFT JOIN (SELECT story_id, count(*) AS c FROM trace_provenance GROUP BY story_id) p ON p.story_id = s.id
             WHERE s.size >= 2 AND s.size <= ? AND coalesce(p.c, 0) <> s.size - 1
             ORDER BY s.size DESC, s.id LIMIT ?`,
          )
          .pluck()
          .all(q.maxSize, limit) as string[],
    );
  }

  async provenanceFlows(): Promise<{ from: string; to: string; count: number }[]> {
    return this.read(
      'cannot read provenance flows',
      (db) =>
        db
          .stmt(
            `SELECT fi.source_id AS "from", ti.source_id AS "to", count(*) AS count FROM trace_provenance p
             JOIN items fi ON fi.id = p.from_item_id JOIN items ti ON ti.id = p.to_item_id
             WHERE fi.source_id <> ti.source_id GROUP BY fi.source_id, ti.source_id`,
          )
          .all() as { from: string; to: string; count: number }[],
    );
  }

  async putAlerts(alerts: Alert[]): Promise<void> {
    if (alerts.length === 0) return;
    this.write('cannot store alerts (none were stored)', (db) => {
      const put = db.stmt(
        `INSERT OR REPLACE INTO trace_alerts (id, kind, by_dim, key, day, value, baseline, score, item_ids, detail, created_at)
         VALUES (@id, @kind, @by, @key, @day, @value, @baseline, @score, @itemIds, @detail, @createdAt)`,
      );
      for (const a of alerts)
        put.run({
          ...a,
          by: a.by ?? null,
          itemIds: JSON.stringify(a.itemIds),
          detail: JSON.stringify(a.detail),
        });
    });
  }

  async clearAlerts(kind: AlertKind, r: { since?: string; until?: string } = {}): Promise<void> {
    this.write('cannot clear alerts', (db) => {
      db.stmt('DELETE FROM trace_alerts WHERE kind = ? AND day >= ? AND day < ?').run(
        kind,
        r.since?.slice(0, 10) ?? '',
        r.until?.slice(0, 10) ?? '9999',
      );
    });
  }

  async deleteAlerts(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    this.write('cannot delete alerts', (db) => {
      db.stmt('DELETE FROM trace_alerts WHERE id IN (SELECT value FROM json_each(?))').run(jsonList(ids));
    });
  }

  async telegramItems(q: { since?: string; until?: string; limit?: number }): Promise<Item[]> {
    const { lo, hi } = range(q.since, q.until);
    const limit = Math.min(Math.max(q.limit ?? 50_000, 1), 1_000_000);
    return this.read('cannot read Telegram items', (db) =>
      (
        db
          .stmt(
            `SELECT ${itemColumns('i')} FROM items i WHERE i.telegram IS NOT NULL AND i.sort_key >= ? AND i.sort_key < ?
             ORDER BY i.sort_key LIMIT ?`,
          )
          .all(lo, hi, limit) as ItemRow[]
      ).map(rowToItem),
    );
  }

  async listAlerts(
    q: { kind?: AlertKind; by?: SeriesBy; since?: string; limit?: number } = {},
  ): Promise<Alert[]> {
    const limit = Math.min(Math.max(q.limit ?? 100, 1), MAX_LIMIT);
    return this.read('cannot list alerts', (db) =>
      (
        db
          .stmt(
            `SELECT ${ALERT_COLUMNS} FROM trace_alerts WHERE (@kind IS NULL OR kind = @kind) AND (@by IS NULL OR by_dim = @by)
               AND day >= @since ORDER BY day DESC, score DESC, id LIMIT @limit`,
          )
          .all({
            kind: q.kind ?? null,
            by: q.by ?? null,
            since: q.since?.slice(0, 10) ?? '',
            limit,
          }) as AlertDbRow[]
      ).map(toAlert),
    );
  }

  async series(q: {
    by: Exclude<SeriesBy, 'convergence'>;
    since?: string;
    until?: string;
    minStorySize?: number;
  }): Promise<SeriesRow[]> {
    const { lo, hi } = range(q.since, q.until);
    return this.read('cannot compute series', (db) => {
      let rows: { k: string; d: number; n: number }[];
      if (q.by === 'narrative' || q.by === 'technique')
        rows = db.stmt(SERIES_SQL.label).all({ kind: q.by, lo, hi }) as typeof rows;
      else if (q.by === 'story')
        rows = db.stmt(SERIES_SQL.story).all({ min: q.minStorySize ?? 2, lo, hi }) as typeof rows;
      else if (q.by === 'lang' || q.by === 'source')
        rows = db.stmt(SERIES_SQL[q.by]).all({ lo, hi }) as typeof rows;
      else
        throw new OgohError('USAGE', `series by "${String(q.by)}" is not supported`, {
          field: 'by',
          hint: 'use narrative, technique, source, lang or story',
        });
      return rows
        .map((r) => ({ day: dayOf(r.d), key: r.k, count: r.n }))
        .sort((a, b) =>
          a.day < b.day ? -1 : a.day > b.day ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
        );
    });
  }

  async seriesItems(q: {
    by: Exclude<SeriesBy, 'convergence'>;
    key: string;
    day: string;
    limit?: number;
  }): Promise<string[]> {
    const { lo, hi } = dayRange(q.day);
    const limit = Math.min(Math.max(q.limit ?? 200, 1), MAX_LIMIT);
    return this.read('cannot list series items', (db) => {
      const params = { key: q.key, lo, hi, limit };
      if (q.by === 'narrative' || q.by === 'technique')
        return db
          .stmt(ITEMS_SQL.label)
          .pluck()
          .all({ ...params, kind: q.by }) as string[];
      const sql = ITEMS_SQL[q.by];
      if (sql === undefined)
        throw new OgohError('USAGE', `series by "${String(q.by)}" is not supported`, { field: 'by' });
      return db.stmt(sql).pluck().all(params) as string[];
    });
  }

  async narrativeDays(q: {
    since?: string;
    until?: string;
  }): Promise<{ day: string; itemId: string; sourceId: string; label: string; kind: string }[]> {
    const { lo, hi } = range(q.since, q.until);
    return this.read('cannot read narrative detections', (db) =>
      (
        db
          .stmt(
            `SELECT (d.item_key >> 20) / ${DAY_MS} AS d, d.item_id AS itemId, i.source_id AS sourceId, d.label, d.kind
             FROM detections d JOIN items i ON i.id = d.item_id
             WHERE d.kind IN ('narrative', 'convergence') AND d.item_key >= ? AND d.item_key < ?
             ORDER BY d.item_key`,
          )
          .all(lo, hi) as { d: number; itemId: string; sourceId: string; label: string; kind: string }[]
      ).map((r) => ({
        day: dayOf(r.d),
        itemId: r.itemId,
        sourceId: r.sourceId,
        label: r.label,
        kind: r.kind,
      })),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.shared) this.handle.close();
  }
}

/**
 * Opens the trace tables of the SQLite store at `path` (its own connection; the store is migrated
 * when new). `:memory:` would be a different, empty database, so it is refused.
 * @example const trace = await openSqliteTraceStore('data/ogoh.db');
 */
/**
 * The trace tables on an open SQLite store's own connection (see sharedDb: one page cache for the
 * analysis instead of two that flush each other), or undefined when the store has none to share.
 */
export function sqliteTraceStoreOf(store: object): TraceStore | undefined {
  const db = sharedDb(store);
  return db ? new SqliteTraceStore(db, true) : undefined;
}

export async function openSqliteTraceStore(path: string): Promise<TraceStore> {
  if (path === ':memory:')
    throw new OgohError('USAGE', 'tracing needs a store file; an in-memory store cannot be shared', {
      field: 'db',
    });
  const db = openDb(path, false);
  try {
    migrate(db, false);
    return new SqliteTraceStore(db);
  } catch (e) {
    db.close();
    throw e;
  }
}
