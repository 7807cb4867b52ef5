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
 * - Bounded: past `maxRecords` cached items the least recently probed half of the band buckets
 *   and content hashes is dropped at a page boundary (a template's hot buckets stay; a dropped one
 *   warms again from the store when probed). Dropping everything instead made a long run re-read
 *   its whole working set from an ever larger store after every reset.
 * Candidates come out as the store's storyCandidates would give them: exact copies (the oldest
 * `perHash` + 1 and the oldest already in a story), then the best `limit` by shared bands among the
 * latest `perBand` of each band, both oldest first. Ties within one millisecond of publication may
 * be ordered differently from the store's insertion order (the bounded-bucket tolerance).
 */
import type { AnchorQuery, AnchorRow, BandFilter, CandidateRow, Item, TraceStore } from '@ogoh/core';
import type { DfTable } from '@ogoh/trace';

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
  /**
   * arrival in the cache: within one publication instant, later is newer (the store's insertion
   * order); also the record's slot in the session's per-record arrays (`bySlot`, `orders`, `hits`)
   */
  seq: number;
}

/** Exact copies of one content hash: the oldest perHash + 1, and the oldest already in a story. */
interface HashList {
  oldest: Rec[];
  inStory: Rec | undefined;
  /** the page that last probed it (eviction drops the least recently probed) */
  used: number;
}

/**
 * A band bucket: the latest `perBand` records carrying the band, newest first, by slot. Ranking a
 * probe walks 16 buckets of up to 32 records: slots in small arrays and counts in one typed array
 * keep that walk in the CPU's cache instead of loading every record object (the stage's largest
 * cost in a 1M run).
 */
interface Bucket {
  slots: number[];
  used: number;
}

export interface SessionOptions {
  limit: number;
  perBand: number;
  perHash: number;
  /** cached items before the cache is dropped (memory bound) */
  maxRecords?: number;
  /** the same for the anchor postings */
  maxDocs?: number;
  /** bands read from the store before the store's band filter is loaded (FILTER_AFTER_BANDS) */
  filterAfterBands?: number;
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
function newestFirst(a: Rec, b: Rec): number {
  return b.order - a.order || b.seq - a.seq;
}

/** a content hash no item has (hashes are hex digests): band-only warm probes ask for no exact copies */
const NO_HASH = '-';
const UNDATED_BASE = -(2 ** 52);
/**
 * Bands read from the store before the run loads the store's band filter: a short incremental run
 * probes a few bands; a long one probes millions, a fifth of them never stored, and one pass over
 * the band index (seconds at 1M items) is cheaper than those probes.
 */
const FILTER_AFTER_BANDS = 20_000;

export class StorySession {
  private readonly trace: TraceStore;
  private readonly o: Required<SessionOptions>;
  private records = new Map<string, Rec>();
  /** band key → the latest `perBand` records carrying it, newest first */
  private buckets = new Map<string, Bucket>();
  private hashes = new Map<string, HashList>();
  private undated = 0;
  private seq = 0;
  /** slot (a record's seq) → the record, while cached */
  private bySlot: (Rec | undefined)[] = [];
  /** slot → the record's publication order (Rec.order), for ranking without loading the record */
  private orders = new Float64Array(1024);
  /** slot → scratch: bands shared with the probe being ranked (0 between probes) */
  private hits = new Int32Array(1024);
  /** pages probed so far: the `used` stamp */
  private page = 0;
  /** store reads made to warm the cache, and probes served from it (for the benchmark) */
  readonly stats = { warmedBands: 0, warmedHashes: 0, resets: 0, skippedBands: 0, filterLoads: 0 };
  /** the store's band keys once loaded (null: the store cannot give them); the run's own join it */
  private filter: BandFilter | null | undefined;
  /** the link stage's anchor postings, kept the same way */
  readonly anchors: AnchorSession;

  constructor(trace: TraceStore, options: SessionOptions) {
    this.trace = trace;
    this.o = { maxRecords: 400_000, maxDocs: 300_000, filterAfterBands: FILTER_AFTER_BANDS, ...options };
    this.anchors = new AnchorSession(trace, { maxDocs: this.o.maxDocs });
  }

  /** Keeps a cached item's story current; call for every assignment the run makes. */
  setStory(itemId: string, storyId: string): void {
    this.anchors.setStory(itemId, storyId);
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
    // one literal in one property order: every record shares a hidden class, so the ranking loops
    // below stay monomorphic (spreading rows of different origins made them megamorphic)
    const o = this.orderOf(row.published);
    const r: Rec = {
      itemId: row.itemId,
      storyId: row.storyId,
      signature: row.signature,
      contentHash: row.contentHash,
      published: row.published,
      sourceId: row.sourceId,
      order: o.order,
      dated: o.dated,
      seq: this.seq++,
    };
    this.records.set(r.itemId, r);
    if (r.seq >= this.orders.length) {
      const orders = new Float64Array(this.orders.length * 2);
      orders.set(this.orders);
      this.orders = orders;
      const hits = new Int32Array(this.hits.length * 2);
      hits.set(this.hits);
      this.hits = hits;
    }
    this.orders[r.seq] = r.order;
    this.bySlot[r.seq] = r;
    return r;
  }

  /** Whether slot a's record is newer than slot b's: by publication, then arrival. */
  private newerSlot(a: number, b: number): boolean {
    const oa = this.orders[a]!;
    const ob = this.orders[b]!;
    return oa > ob || (oa === ob && a > b);
  }

  /** Inserts a record into a band bucket (newest first, at most perBand), once. */
  private addToBucket(b: Bucket, r: Rec): void {
    const bucket = b.slots;
    const slot = r.seq;
    if (bucket.includes(slot)) return;
    let i = bucket.length;
    while (i > 0 && this.newerSlot(slot, bucket[i - 1]!)) i--;
    if (i >= this.o.perBand) return;
    bucket.splice(i, 0, slot);
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
   * Whether the next `candidates` call drops part of the index or loads the store's band filter:
   * both rely on the store holding every page the run indexed (a dropped bucket is read again,
   * and the run's earlier bands join only the filter they were added to).
   */
  readsStoreAtLarge(bands: number): boolean {
    return this.records.size > this.o.maxRecords || this.filterDue() || this.filterFirst(bands);
  }

  /** Whether a page probing `bands` bands the run does not hold loads the filter before reading them. */
  private filterFirst(bands: number): boolean {
    return this.filter === undefined && this.stats.warmedBands + bands >= this.o.filterAfterBands;
  }

  private filterDue(): boolean {
    return (
      (this.filter === undefined && this.stats.warmedBands >= this.o.filterAfterBands) ||
      this.filter?.full() === true
    );
  }

  /**
   * Candidates for a page of probes, in order. Each probe sees what was indexed before it: the
   * store's items and the page's earlier items, which join the cache one by one after their own
   * probe. (Joining the whole page first let a probe match a later item of its page: in a hot band
   * the page's own newer items crowded a story's members out of the latest `perBand`, and a copy
   * started a new story beside the one it belonged to — more so the larger the page.)
   */
  async candidates(probes: SessionProbe[]): Promise<{ exact: CandidateRow[]; near: CandidateRow[] }[]> {
    if (this.records.size > this.o.maxRecords) this.evict();
    const page = ++this.page;
    await this.warm(probes);
    const out: { exact: CandidateRow[]; near: CandidateRow[] }[] = [];
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
      out.push({ exact: this.exact(p), near: this.near(p) });
      for (const b of p.bands) {
        this.filter?.add(b);
        const bucket = this.buckets.get(b)!;
        bucket.used = page;
        this.addToBucket(bucket, r);
      }
      const list = this.hashes.get(p.item.contentHash)!;
      list.used = page;
      this.addToHash(list, r);
    }
    return out;
  }

  /**
   * Drops the least recently probed half of the buckets and hash lists (by the page that last
   * probed each), then keeps only the records still referenced, so
   * `setStory` keeps updating every record a later probe can return; again until at most half the
   * bound is left.
   */
  private evict(): void {
    do {
      dropOlderHalf(this.buckets);
      dropOlderHalf(this.hashes);
      const kept = new Map<string, Rec>();
      for (const b of this.buckets.values())
        for (const s of b.slots) {
          const r = this.bySlot[s]!;
          kept.set(r.itemId, r);
        }
      for (const h of this.hashes.values()) {
        for (const r of h.oldest) kept.set(r.itemId, r);
        if (h.inStory) kept.set(h.inStory.itemId, h.inStory);
      }
      for (const r of this.records.values()) if (!kept.has(r.itemId)) this.bySlot[r.seq] = undefined;
      this.records = kept;
    } while (this.records.size > this.o.maxRecords / 2);
    this.stats.resets++;
  }

  /** Reads from the store the bands and content hashes this page probes that the cache lacks. */
  private async warm(probes: SessionProbe[]): Promise<void> {
    // loaded once the run has read enough bands, and again (larger) once the run's own bands
    // have filled it: a filter loaded early in a long run would otherwise end up saying "maybe"
    const bands = new Set<string>();
    const hashes = new Set<string>();
    for (const p of probes) {
      for (const b of p.bands) if (!this.buckets.has(b)) bands.add(b);
      if (!this.hashes.has(p.item.contentHash)) hashes.add(p.item.contentHash);
    }
    // a page probing more new bands than that loads it first: the first page of a long run read
    // each of its 800,000 bands from the store (17 s of a 1M run's main thread)
    if (this.filterDue() || this.filterFirst(bands.size)) {
      this.filter = (await this.trace.storedBands?.()) ?? null;
      this.stats.filterLoads++;
    }
    const filter = this.filter;
    if (filter)
      for (const b of bands) {
        if (filter.mayHave(b)) continue;
        // no stored item carries it: the read would find nothing
        bands.delete(b);
        this.buckets.set(b, { slots: [], used: this.page });
        this.stats.skippedBands++;
      }
    if (bands.size === 0 && hashes.size === 0) return;
    const bandList = [...bands];
    const hashList = [...hashes];
    const bounds = this.o;
    const rows = await this.trace.storyCandidates!(
      [
        ...bandList.map((b) => ({ itemId: '', contentHash: NO_HASH, bands: [b] })),
        ...hashList.map((h) => ({ itemId: '', contentHash: h, bands: [] })),
      ],
      // one band per probe: its best `perBand` are its latest `perBand`, the bucket itself
      { perBand: bounds.perBand, perHash: bounds.perHash, limit: bounds.perBand },
    );
    bandList.forEach((b, i) => {
      // the store lists a band's items (distinct) oldest first: sorted once, newest first, as
      // inserting them one by one would leave them (each insert walked the whole bucket)
      const recs: Rec[] = [];
      for (const row of rows[i]?.near ?? []) recs.push(this.record(row));
      recs.sort(newestFirst);
      if (recs.length > this.o.perBand) recs.length = this.o.perBand;
      this.buckets.set(b, { slots: recs.map((r) => r.seq), used: this.page });
    });
    hashList.forEach((h, i) => {
      const list: HashList = { oldest: [], inStory: undefined, used: this.page };
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
    const hits = this.hits;
    const own = this.records.get(p.item.id)?.seq;
    const touched: number[] = [];
    for (const b of new Set(p.bands)) {
      const slots = this.buckets.get(b)?.slots;
      if (!slots) continue;
      for (let j = 0; j < slots.length; j++) {
        const s = slots[j]!;
        if (hits[s]!++ === 0 && s !== own) touched.push(s);
      }
    }
    // most shared bands first, newest first among equals; the best `limit`, listed oldest first
    const best = topK(
      touched,
      this.o.limit,
      (a, b) => hits[a]! > hits[b]! || (hits[a] === hits[b] && this.newerSlot(a, b)),
    );
    for (const s of touched) hits[s] = 0;
    if (own !== undefined) hits[own] = 0;
    return best
      .map((s) => this.bySlot[s]!)
      .sort(oldestFirst)
      .map(toRow);
  }
}

/**
 * Deletes the entries last used before the median `used` stamp (all of them when every entry
 * carries the same stamp): about the least recently used half.
 */
function dropOlderHalf<V extends { used: number }>(m: Map<string, V>): void {
  if (m.size === 0) return;
  const stamps = new Float64Array(m.size);
  let i = 0;
  for (const v of m.values()) stamps[i++] = v.used;
  stamps.sort();
  const median = stamps[stamps.length >> 1]!;
  const cut = median > stamps[0]! ? median : median + 1;
  for (const [k, v] of m) if (v.used < cut) m.delete(k);
}

/** The best `k` of `xs`, best first, by a strict order, without sorting all of them. */
function topK<T>(xs: readonly T[], k: number, better: (a: T, b: T) => boolean): T[] {
  const best: T[] = [];
  if (k <= 0) return best;
  for (const x of xs) {
    const full = best.length >= k;
    if (full && !better(x, best[k - 1]!)) continue;
    let i = full ? k - 1 : best.length;
    while (i > 0 && better(x, best[i - 1]!)) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = x;
  }
  return best;
}

/**
 * A cached record as a candidate row: the record itself, not a copy (a 1M run ranked 20 million
 * candidates, and their copies were a good part of its garbage). Callers read rows only; the
 * story id is the record's current one, which the run keeps up to date (`setStory`), as the
 * callers' own view of the page's moves would give.
 */
function toRow(r: Rec): CandidateRow {
  return r;
}

/** An indexed item as anchor retrieval sees it; `ms` undefined for undated items (never retrieved). */
interface Doc {
  itemId: string;
  storyId: string | undefined;
  lang: string;
  sourceId: string;
  published: string | undefined;
  keys: string[];
  ms: number | undefined;
  seq: number;
  /**
   * Analysis order of the run's own items (1, 2, … across pages); 0 for items indexed before the
   * run. A probe never sees a document of a later turn: the later items of its own page.
   */
  turn: number;
  /** scratch: summed weight for the probe being ranked (0 between probes) */
  score: number;
}

/**
 * A key's posting list: its latest documents, oldest first, and how many older ones the store
 * holds that are not here (`docs.length + dropped` is the key's document frequency), and the page
 * that last retrieved by it.
 */
interface Posting {
  docs: Doc[];
  dropped: number;
  used: number;
  /** read whole for a probe reaching back past the kept part: not cut again (probes of that key reach back) */
  whole: boolean;
}

/**
 * Documents kept per posting list (a list is cut back to this many once it holds twice as many):
 * retrieval scans only the latest 64 within a probe's week, and analysis runs in publication order,
 * so the older part of a list of thousands was read, kept and evicted without ever being scanned.
 */
export const POSTING_KEEP = 256;

/** Older first: publication instant, then arrival (the store's insertion order within an instant). */
function docBefore(a: Doc, b: Doc): number {
  return (a.ms ?? -Infinity) - (b.ms ?? -Infinity) || a.seq - b.seq;
}

function parseMs(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * The link stage's anchor postings in memory for the run: for each anchor key the run retrieved by,
 * the latest items carrying it, oldest first. Document frequencies stay the store's (one read per
 * page, after the page's anchors are put; each probe discounts the later items of its page, which
 * it never sees): a cached posting list is used only while the documents
 * it holds plus those it cut off equal the key's stored frequency, else it is read again, so the
 * cache can never drift from the store. A key first carried by this page's items needs no read at
 * all. Retrieval then ranks as TraceStore.anchorCandidates does: the probe's rarest keys, the
 * latest `maxScan` postings of each within the window, summed weights, best `limit`. A list holds
 * only its latest POSTING_KEEP documents (read so from the store); a probe whose scan would reach
 * past them, into the instant of the oldest one kept, reads the whole list first, so the ranking
 * is the one over the whole list.
 */
export class AnchorSession {
  private readonly trace: TraceStore;
  private readonly maxDocs: number;
  private readonly keep: number;
  private docs = new Map<string, Doc>();
  private postings = new Map<string, Posting>();
  /** lists that grew past twice `keep`: cut back at the next page */
  private long = new Set<Posting>();
  /** pages retrieved so far: the `used` stamp of posting lists */
  private page = 0;
  private seq = 0;
  /** the last turn given to a page item */
  private turn = 0;
  readonly stats = { warmedKeys: 0, wholeLists: 0, cutLists: 0, resets: 0 };

  constructor(trace: TraceStore, options: { maxDocs?: number; keep?: number } = {}) {
    this.trace = trace;
    this.maxDocs = options.maxDocs ?? 300_000;
    this.keep = Math.max(options.keep ?? POSTING_KEEP, 1);
  }

  setStory(itemId: string, storyId: string): void {
    const d = this.docs.get(itemId);
    if (d) d.storyId = storyId;
  }

  private doc(row: AnchorRow): Doc {
    const known = this.docs.get(row.itemId);
    if (known) {
      known.storyId = row.storyId;
      return known;
    }
    const d: Doc = {
      itemId: row.itemId,
      storyId: row.storyId,
      lang: row.lang,
      sourceId: row.sourceId,
      published: row.published,
      keys: row.keys,
      ms: parseMs(row.published),
      seq: this.seq++,
      turn: 0,
      score: 0,
    };
    this.docs.set(d.itemId, d);
    return d;
  }

  /** Cuts a list back to its latest `keep` documents. */
  private trim(p: Posting): void {
    const cut = p.docs.length - this.keep;
    if (cut <= 0) return;
    p.docs.splice(0, cut);
    p.dropped += cut;
    this.stats.cutLists++;
  }

  /** Reads lists from the store: the latest `keep` of each, or all of them (`whole`). */
  private async read(keys: { k: string; n: number }[], pageNo: number, whole: boolean): Promise<void> {
    if (keys.length === 0) return;
    const qs = keys.map(({ k, n }) => {
      const m = whole ? n : Math.min(n, this.keep);
      return { keys: [k], limit: m, maxScan: m, maxKeys: 1, maxDf: n };
    });
    const read = this.trace.anchorCandidatesMany
      ? await this.trace.anchorCandidatesMany(qs)
      : await Promise.all(qs.map((q) => this.trace.anchorCandidates(q)));
    keys.forEach(({ k, n }, i) => {
      const l = (read[i] ?? []).map((r) => this.doc(r)).sort(docBefore);
      const p: Posting = { docs: l, dropped: n - l.length, used: pageNo, whole };
      this.postings.set(k, p);
      if (!whole && l.length > 2 * this.keep) this.long.add(p);
    });
    if (whole) this.stats.wholeLists += keys.length;
    else this.stats.warmedKeys += keys.length;
  }

  /**
   * Candidates for the page's queries, `queries[i]` being the probe of `page[i]`, in analysis
   * order, and the document frequencies each probe sees. Call after the page's anchors are put
   * (`page` holds them). Probe i sees what was indexed before the page and the page's items up to
   * itself, never a later one: as if the page's anchors had been put one item at a time with each
   * probe right after its own put (what the store path does), so decisions do not depend on where
   * pages begin. Its frequencies are the stored ones less the later items of the page.
   */
  async retrieve(
    page: AnchorRow[],
    queries: AnchorQuery[],
  ): Promise<{ rows: AnchorRow[][]; tables: DfTable[] }> {
    for (const p of this.long) this.trim(p);
    this.long.clear();
    if (this.docs.size > this.maxDocs) this.evict();
    const pageNo = ++this.page;
    const probeKeys = new Set<string>();
    for (const q of queries) for (const k of q.keys) probeKeys.add(k);
    const dfRead = await this.trace.anchorDf([...probeKeys]);
    const df = dfRead.df;
    const later = new LaterInPage(page.map((r) => r.keys));
    const base = this.turn;
    this.turn += page.length;
    // the page joins the cached posting lists it extends; keys first seen are counted
    const pageDocs = new Map<string, Doc[]>();
    for (const [i, row] of page.entries()) {
      const isNew = !this.docs.has(row.itemId);
      const d = this.doc(row);
      d.keys = row.keys;
      d.turn = base + i + 1;
      for (const k of new Set(row.keys)) {
        const p = this.postings.get(k);
        if (p) {
          if (!isNew && p.docs.includes(d)) continue;
          // older than every document kept: it belongs to the part cut off
          if (p.dropped > 0 && p.docs.length > 0 && docBefore(d, p.docs[0]!) < 0) p.dropped++;
          else {
            insertDoc(p.docs, d);
            if (!p.whole && p.docs.length > 2 * this.keep) this.long.add(p);
          }
        } else {
          const l = pageDocs.get(k);
          if (l) l.push(d);
          else pageDocs.set(k, [d]);
        }
      }
    }
    // probe i ranks by the frequencies it sees (`n`); a cached list is checked against the stored
    // frequency (`full`), which counts the whole page as the list does
    const usableOf = queries.map((q, i) => {
      if (q.keys.length === 0) return [];
      const maxDf = q.maxDf ?? 5000;
      return [...new Set(q.keys)]
        .map((k) => {
          const full = df.get(k) ?? 0;
          return { k, n: full - later.count(i, k), full };
        })
        .filter((x) => x.n > 0 && x.n <= maxDf)
        .sort((a, b) => a.n - b.n)
        .slice(0, q.maxKeys ?? 6);
    });
    const warm: { k: string; n: number }[] = [];
    const seen = new Set<string>();
    for (const u of usableOf)
      for (const x of u) {
        if (seen.has(x.k)) continue;
        seen.add(x.k);
        const cached = this.postings.get(x.k);
        if (cached) cached.used = pageNo;
        if (cached && cached.docs.length + cached.dropped === x.full) continue;
        const fromPage = pageDocs.get(x.k);
        if (!cached && fromPage?.length === x.full) {
          const p: Posting = { docs: [...fromPage].sort(docBefore), dropped: 0, used: pageNo, whole: false };
          this.postings.set(x.k, p);
          if (p.docs.length > 2 * this.keep) this.long.add(p);
          continue;
        }
        warm.push({ k: x.k, n: x.full });
      }
    await this.read(warm, pageNo, false);
    // a probe whose scan would run past a cut list's kept documents needs the whole list
    const whole = new Map<string, { k: string; n: number }>();
    queries.forEach((q, i) => {
      const bounds = windowOf(q);
      for (const x of usableOf[i] ?? []) {
        if (whole.has(x.k)) continue;
        const p = this.postings.get(x.k);
        if (p && p.dropped > 0 && !scanStaysIn(p.docs, bounds.lo, bounds.hi, bounds.maxScan, base + i + 1))
          whole.set(x.k, { k: x.k, n: x.full });
      }
    });
    await this.read([...whole.values()], pageNo, true);
    const total = (i: number) => dfRead.total - (page.length - 1 - i);
    const rows = queries.map((q, i) => this.rank(q, usableOf[i] ?? [], total(i), base + i + 1));
    // candidates' keys weigh in the link decision: their frequencies too, in one more read
    const missing = new Set<string>();
    for (const r of rows) for (const c of r) for (const k of c.keys) if (!df.has(k)) missing.add(k);
    if (missing.size) for (const [k, n] of (await this.trace.anchorDf([...missing])).df) df.set(k, n);
    const tables = queries.map(
      (_, i): DfTable => ({
        total: total(i),
        df: (key) => (df.get(key) ?? 0) - later.count(i, key),
      }),
    );
    return { rows, tables };
  }

  /**
   * Drops the least recently used half of the posting lists and keeps the documents still listed
   * (a dropped list is read again when a probe needs it); again until at most half the bound is
   * left. Documents no list holds any more (cut off the front of a list) go first, without
   * dropping a list.
   */
  private evict(): void {
    const listed = () => {
      const kept = new Map<string, Doc>();
      for (const l of this.postings.values()) for (const d of l.docs) kept.set(d.itemId, d);
      return kept;
    };
    this.docs = listed();
    if (this.docs.size <= this.maxDocs / 2) return;
    do {
      dropOlderHalf(this.postings);
      this.docs = listed();
    } while (this.docs.size > this.maxDocs / 2);
    this.long.clear();
    this.stats.resets++;
  }

  private rank(q: AnchorQuery, usable: { k: string; n: number }[], total: number, turn: number): AnchorRow[] {
    if (q.keys.length === 0) return [];
    const limit = Math.min(q.limit ?? 24, 10_000);
    const { lo, hi, maxScan } = windowOf(q);
    const touched: Doc[] = [];
    for (const { k, n } of usable) {
      const w = Math.log((total + 1) / (n + 1)) + 0.1;
      const l = this.postings.get(k)?.docs ?? [];
      // latest first within [lo, hi): undated items are never retrieved, as in the store
      let read = 0;
      for (let j = l.length - 1; j >= 0 && read < maxScan; j--) {
        const d = l[j]!;
        if (d.ms === undefined || d.ms < lo) break;
        if (d.ms >= hi || d.turn > turn) continue;
        read++;
        if (d.score === 0) touched.push(d);
        d.score += w;
      }
    }
    const best = topK(
      touched.filter((d) => d.itemId !== q.excludeItemId),
      limit,
      (a, b) => a.score > b.score || (a.score === b.score && docBefore(a, b) < 0),
    );
    for (const d of touched) d.score = 0;
    return best.map((d) => ({
      itemId: d.itemId,
      storyId: d.storyId,
      lang: d.lang,
      sourceId: d.sourceId,
      published: d.published,
      // shared, not copied: rows are read only (LinkCandidate.keys is readonly)
      keys: d.keys,
    }));
  }
}

/** A query's window and scan length, as rank reads them. */
function windowOf(q: AnchorQuery): { lo: number; hi: number; maxScan: number } {
  return {
    lo: q.since === undefined ? 0 : Date.parse(q.since),
    hi: q.until === undefined ? Infinity : Date.parse(q.until),
    maxScan: Math.min(Math.max(q.maxScan ?? 64, 1), 100_000),
  };
}

/**
 * Whether rank's scan of a cut list (latest first) ends before the instant of its oldest kept
 * document: there the cut-off part could hold documents of the same instant, so from there on only
 * the whole list ranks as the store would.
 */
function scanStaysIn(l: readonly Doc[], lo: number, hi: number, maxScan: number, turn: number): boolean {
  const edge = l[0]?.ms;
  if (edge === undefined) return false;
  let read = 0;
  for (let j = l.length - 1; j >= 0; j--) {
    const d = l[j]!;
    if (d.ms === undefined || d.ms <= edge) return false;
    if (d.ms < lo) return true;
    if (d.ms >= hi || d.turn > turn) continue;
    if (++read >= maxScan) return true;
  }
  return false;
}

/** Inserts a document into a posting list kept oldest first (appending is the common case). */
function insertDoc(l: Doc[], d: Doc): void {
  let i = l.length;
  while (i > 0 && docBefore(l[i - 1]!, d) > 0) i--;
  l.splice(i, 0, d);
}

/**
 * For a probe at position i of its page: how many later items of the page carry a key (the
 * page's anchors are put before its probes run; a probe must not count the later ones).
 */
class LaterInPage {
  /** key → positions of the page's items carrying it, ascending */
  private readonly at = new Map<string, number[]>();

  constructor(pageKeys: readonly (readonly string[])[]) {
    pageKeys.forEach((keys, i) => {
      for (const k of new Set(keys)) {
        const l = this.at.get(k);
        if (l) l.push(i);
        else this.at.set(k, [i]);
      }
    });
  }

  count(i: number, key: string): number {
    const l = this.at.get(key);
    if (!l) return 0;
    let lo = 0;
    let hi = l.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (l[m]! <= i) lo = m + 1;
      else hi = m;
    }
    return l.length - lo;
  }
}
