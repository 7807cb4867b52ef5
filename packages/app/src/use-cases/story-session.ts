/**
 * One analysis run's near-duplicate index in memory: the LSH band buckets and exact-copy lists the
 * near-duplicate stage probes, kept across pages (the in-memory benchmark's structure) instead of
 * read again from the store on every page. Reading a hot band of a template-heavy corpus page after
 * page, and fetching the wide item rows of the same candidates again, was the stage's largest cost
 * on a big store.
 *
 * - Warmed lazily: a band or content hash is read from the store (TraceStore.storyCandidates, one
 *   call per page for everything the page probes first) the first time the run probes it, so an
 *   incremental run on a big store reads only what it touches.
 * - The store stays the durable copy: each page's signatures and assignments are still written,
 *   so a crash loses nothing and a resumed run warms from what was written.
 * - Every item the cache holds is one record; every story assignment the run makes goes through
 *   `setStory`, so cached candidates carry their current story (what a fresh read would give).
 * - Bounded: past `maxRecords` cached items the cache is dropped at a page boundary and warms
 *   again from the store.
 * Candidates come out as the store's storyCandidates would give them: exact copies (the oldest
 * `perHash` + 1 and the oldest already in a story), then the best `limit` by shared bands among the
 * latest `perBand` of each band, both oldest first. Ties within one millisecond of publication may
 * be ordered differently from the store's insertion order (the bounded-bucket tolerance).
 */
import type { CandidateRow, Item, TraceStore } from '@ogoh/core';

interface Rec {
  itemId: string;
  storyId: string | undefined;
  signature: Uint32Array;
  contentHash: string;
  published: string | undefined;
  sourceId: string;
  /** publication order: epoch ms when dated; undated items below every dated one, in arrival order */
  order: number;
  dated: boolean;
  /** arrival in the cache: within one publication instant, later is newer (the store's insertion order) */
  seq: number;
}

/** Exact copies of one content hash: the oldest perHash + 1, and the oldest already in a story. */
interface HashList {
  oldest: Rec[];
  inStory: Rec | undefined;
}

export interface SessionOptions {
  limit: number;
  perBand: number;
  perHash: number;
  /** cached items before the cache is dropped (memory bound) */
  maxRecords?: number;
}

export interface SessionProbe {
  item: Item;
  signature: Uint32Array;
  bands: string[];
}

/** Oldest first, as the store lists candidates: dated by instant, then undated in arrival order. */
function oldestFirst(a: Rec, b: Rec): number {
  return Number(b.dated) - Number(a.dated) || a.order - b.order || a.seq - b.seq;
}

/** Newest first, as band buckets are read: by publication, then arrival. */
function newer(a: Rec, b: Rec): boolean {
  return a.order > b.order || (a.order === b.order && a.seq > b.seq);
}

const NO_HASH = '\u0000';
const UNDATED_BASE = -(2 ** 52);

export class StorySession {
  private readonly trace: TraceStore;
  private readonly o: Required<SessionOptions>;
  private records = new Map<string, Rec>();
  /** band key → the latest `perBand` records carrying it, newest first */
  private buckets = new Map<string, Rec[]>();
  private hashes = new Map<string, HashList>();
  private undated = 0;
  private seq = 0;
  /** store reads made to warm the cache, and probes served from it (for the benchmark) */
  readonly stats = { warmedBands: 0, warmedHashes: 0, resets: 0 };

  constructor(trace: TraceStore, options: SessionOptions) {
    this.trace = trace;
    this.o = { maxRecords: 400_000, ...options };
  }

  /** Keeps a cached item's story current; call for every assignment the run makes. */
  setStory(itemId: string, storyId: string): void {
    const r = this.records.get(itemId);
    if (!r) return;
    r.storyId = storyId;
    const h = this.hashes.get(r.contentHash);
    if (h && (!h.inStory || oldestFirst(r, h.inStory) < 0)) h.inStory = r;
  }

  /** Current story of a cached item (undefined when not cached or in none). */
  storyOf(itemId: string): string | undefined {
    return this.records.get(itemId)?.storyId;
  }

  private orderOf(published: string | undefined): { order: number; dated: boolean } {
    const t = published === undefined ? Number.NaN : Date.parse(published);
    return Number.isFinite(t)
      ? { order: t, dated: true }
      : { order: UNDATED_BASE + this.undated++, dated: false };
  }

  /** The one record of an item: a fresher copy (from the page or the store) fills in what the cached one lacks. */
  private record(row: CandidateRow): Rec {
    const known = this.records.get(row.itemId);
    if (known) {
      if (known.signature.length === 0 && row.signature.length > 0) known.signature = row.signature;
      return known;
    }
    const r: Rec = { ...row, ...this.orderOf(row.published), seq: this.seq++ };
    this.records.set(r.itemId, r);
    return r;
  }

  /** Inserts a record into a band bucket (newest first, at most perBand), once. */
  private addToBucket(bucket: Rec[], r: Rec): void {
    if (bucket.includes(r)) return;
    let i = bucket.length;
    while (i > 0 && newer(r, bucket[i - 1]!)) i--;
    if (i >= this.o.perBand) return;
    bucket.splice(i, 0, r);
    if (bucket.length > this.o.perBand) bucket.length = this.o.perBand;
  }

  private addToHash(list: HashList, r: Rec): void {
    if (r.storyId && (!list.inStory || oldestFirst(r, list.inStory) < 0)) list.inStory = r;
    if (list.oldest.includes(r)) return;
    list.oldest.push(r);
    list.oldest.sort(oldestFirst);
    if (list.oldest.length > this.o.perHash + 1) list.oldest.length = this.o.perHash + 1;
  }

  /**
   * Candidates for a page of probes, in order. The page's items join the cache first (as the
   * store path put their signatures before reading), so items of one page see each other.
   */
  async candidates(probes: SessionProbe[]): Promise<{ exact: CandidateRow[]; near: CandidateRow[] }[]> {
    if (this.records.size > this.o.maxRecords) {
      this.records = new Map();
      this.buckets = new Map();
      this.hashes = new Map();
      this.stats.resets++;
    }
    await this.warm(probes);
    for (const p of probes) {
      const r = this.record({
        itemId: p.item.id,
        storyId: p.item.storyId,
        signature: p.signature,
        contentHash: p.item.contentHash,
        published: p.item.published,
        sourceId: p.item.sourceId,
      });
      // the page's own signature replaces whatever the cache held (an unindexed copy has none)
      r.signature = p.signature;
      for (const b of p.bands) this.addToBucket(this.buckets.get(b)!, r);
      this.addToHash(this.hashes.get(p.item.contentHash)!, r);
    }
    return probes.map((p) => ({ exact: this.exact(p), near: this.near(p) }));
  }

  /** Reads from the store the bands and content hashes this page probes that the cache lacks. */
  private async warm(probes: SessionProbe[]): Promise<void> {
    const bands = new Set<string>();
    const hashes = new Set<string>();
    for (const p of probes) {
      for (const b of p.bands) if (!this.buckets.has(b)) bands.add(b);
      if (!this.hashes.has(p.item.contentHash)) hashes.add(p.item.contentHash);
    }
    if (bands.size === 0 && hashes.size === 0) return;
    const bandList = [...bands];
    const hashList = [...hashes];
    const { limit: _limit, ...bounds } = this.o;
    const rows = await this.trace.storyCandidates!(
      [
        ...bandList.map((b) => ({ itemId: '', contentHash: NO_HASH, bands: [b] })),
        ...hashList.map((h) => ({ itemId: '', contentHash: h, bands: [] })),
      ],
      // one band per probe: its best `perBand` are its latest `perBand`, the bucket itself
      { perBand: bounds.perBand, perHash: bounds.perHash, limit: bounds.perBand },
    );
    bandList.forEach((b, i) => {
      const bucket: Rec[] = [];
      for (const row of rows[i]?.near ?? []) this.addToBucket(bucket, this.record(row));
      this.buckets.set(b, bucket);
    });
    hashList.forEach((h, i) => {
      const list: HashList = { oldest: [], inStory: undefined };
      for (const row of rows[bandList.length + i]?.exact ?? []) this.addToHash(list, this.record(row));
      this.hashes.set(h, list);
    });
    this.stats.warmedBands += bandList.length;
    this.stats.warmedHashes += hashList.length;
  }

  private exact(p: SessionProbe): CandidateRow[] {
    const list = this.hashes.get(p.item.contentHash);
    if (!list) return [];
    const out = list.oldest.filter((r) => r.itemId !== p.item.id);
    if (list.inStory && list.inStory.itemId !== p.item.id && !out.includes(list.inStory))
      out.push(list.inStory);
    return out
      .slice(0, this.o.perHash + 2)
      .sort(oldestFirst)
      .map(toRow);
  }

  private near(p: SessionProbe): CandidateRow[] {
    const shared = new Map<Rec, number>();
    for (const b of new Set(p.bands))
      for (const r of this.buckets.get(b) ?? []) shared.set(r, (shared.get(r) ?? 0) + 1);
    shared.forEach((_, r) => {
      if (r.itemId === p.item.id) shared.delete(r);
    });
    // most shared bands first, newest first among equals; the best `limit`, listed oldest first
    return [...shared]
      .sort((a, b) => b[1] - a[1] || (newer(a[0], b[0]) ? -1 : 1))
      .slice(0, this.o.limit)
      .map(([r]) => r)
      .sort(oldestFirst)
      .map(toRow);
  }
}

function toRow(r: Rec): CandidateRow {
  return {
    itemId: r.itemId,
    storyId: r.storyId,
    signature: r.signature,
    contentHash: r.contentHash,
    published: r.published,
    sourceId: r.sourceId,
  };
}
