/**
 * Tracing stages and views: cross-language and rewrite story links (after the near-duplicate stage
 * of `analyse`), provenance of the stories a page touched (with laundering alerts), and `ogoh trace`
 * (one story's chain as a tree) and Telegram cascades.
 */
import type {
  Alert,
  AnchorQuery,
  AnchorRow,
  Item,
  Source,
  StoryAssignment,
  StoryLink,
  StoryMember,
  TraceStore,
} from '@ogoh/core';
import { makeId, OgohError } from '@ogoh/core';
import { openTraceStore } from '@ogoh/store';
import {
  type Anchors,
  buildProvenance,
  type Cascade,
  type ChannelBridge,
  cascadeFlows,
  channelBridges,
  DEFAULT_LINK_THRESHOLDS,
  type DfTable,
  decideLink,
  extractAnchors,
  foldedWords,
  forwardCascades,
  type LinkCandidate,
  type Provenance,
  type ProvSource,
} from '@ogoh/trace';
import type { Ogoh } from '../context.ts';
import type { StorySession } from './story-session.ts';

/**
 * Stories above this many items get no stored provenance during analysis (recomputing them on every
 * page that touches them would dominate the run); `ogoh trace` computes theirs on demand.
 */
export const MAX_PROVENANCE_STORY = 300;
/** Stories that only grew by near-duplicates get their provenance refreshed per page up to this size. */
export const PAGE_PROVENANCE_STORY = 20;
/** Stories joined by a link get their provenance refreshed per page up to this size. */
export const LINKED_PROVENANCE_STORY = 100;
/** A link never merges two stories that both have more items than this. */
export const MAX_MERGE = 100;

/**
 * Refreshes the provenance (and laundering alerts) of every story whose stored tree no longer
 * matches its size, up to MAX_PROVENANCE_STORY items: what analysis left for later.
 */
export async function refreshStaleProvenance(
  app: Ogoh,
  trace: TraceStore,
): Promise<{ stories: number; laundering: number }> {
  const ids = await trace.staleProvenance({ maxSize: MAX_PROVENANCE_STORY });
  return refreshProvenance(app, trace, ids);
}
const DAY_MS = 86_400_000;

/** Language as linking sees it: Uzbek in Latin and in Cyrillic are two "languages" (a transliteration is a translation). */
export function linkLang(item: Pick<Item, 'lang' | 'text'>): string {
  if (item.lang !== 'uz') return item.lang;
  return /[\u0400-\u04ff]/.test(item.text) ? 'uz-Cyrl' : 'uz-Latn';
}

/** The anchors the link stage indexes for an item: from its own fields only (computed ahead by the prepare pool). */
export function linkAnchors(item: Pick<Item, 'title' | 'text' | 'links' | 'url' | 'canonicalUrl'>): Anchors {
  return extractAnchors({
    title: item.title,
    text: item.text,
    links: item.links,
    url: item.url,
    canonicalUrl: item.canonicalUrl,
  });
}

function ms(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

export interface LinkStageReport {
  /** items linked to an item of another language */
  translations: number;
  /** same-language rewrites the near-duplicate stage missed */
  rewrites: number;
  /** stories merged into another because a link joined them */
  merged: number;
  /** stories whose provenance was recomputed */
  provenance: number;
  laundering: number;
  /** the stories flagged for laundering */
  launderedStories: string[];
}

/** Opens the trace tables beside the app's store (on SQLite, on its connection); close when done. */
export function openTrace(app: Ogoh): Promise<TraceStore> {
  return openTraceStore(app.location, app.store);
}

/** Word containment of `a` in `b`: how much of the shorter text the other repeats. */
function containment(a: string, b: string): number {
  const wa = new Set(foldedWords(a).filter((w) => w.length >= 3));
  const wb = new Set(foldedWords(b).filter((w) => w.length >= 3));
  if (wa.size === 0 || wb.size === 0) return 0;
  const [s, l] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  let n = 0;
  for (const w of s) if (l.has(w)) n++;
  return n / s.size;
}

/**
 * The optional sentence-embedding plug-in (an operator-supplied local model): vectors for texts,
 * compared by cosine. Without it, linking uses anchors alone.
 */
export interface Embedder {
  embed(texts: string[]): Promise<Float32Array[]>;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length && i < b.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Options of the link stage (linkStories, LinkPage). */
export interface LinkOptions {
  embedder?: Embedder;
  /** an open TraceStore to use (left open); else one is opened for the page */
  trace?: TraceStore;
  /**
   * Collect the stories whose provenance is due instead of refreshing it here: the caller
   * refreshes them once for many pages (refreshTouched), not once per page that grew them.
   */
  defer?: ProvenanceDue;
  /** the run's near-duplicate cache: told of every story change made here */
  session?: StorySession;
  /** the page's anchors, one per item in page order (linkAnchors), computed ahead; else extracted here */
  anchors?: readonly Anchors[];
  /**
   * Write each link's story moves when it is made, not once at the end of the page: for a store
   * whose writes are held back in memory until the page commits (analyse's PageWrites), so the
   * page's writes stay in decision order with the near-duplicate stage's.
   */
  writeEach?: boolean;
}

/**
 * Analysis stage: indexes the page's anchors, links each item to an earlier item of another
 * language, or a same-language rewrite the near-duplicate stage missed, merges their stories,
 * records every link with its reasons, then rebuilds the provenance of the touched stories and
 * raises laundering alerts. Call after the near-duplicate stage, once per page. (`analyse`
 * interleaves both stages item by item through LinkPage instead.)
 */
export async function linkStories(
  app: Ogoh,
  page: Item[],
  options: LinkOptions = {},
): Promise<LinkStageReport> {
  if (page.length === 0) return emptyLinkReport();
  const trace = options.trace ?? (await openTrace(app));
  try {
    const lp = await LinkPage.open(app, page, { ...options, trace });
    for (let k = 0; k < page.length; k++) await lp.decide(k);
    return await lp.finish();
  } finally {
    if (!options.trace) await trace.close();
  }
}

function emptyLinkReport(): LinkStageReport {
  return { translations: 0, rewrites: 0, merged: 0, provenance: 0, laundering: 0, launderedStories: [] };
}

interface LinkPrepared {
  item: Item;
  anchors: Anchors;
  lang: string;
  published: number | undefined;
}

/**
 * One page of the link stage, item by item: `open` indexes the page's anchors and retrieves every
 * item's candidates (each sees the store and the page's earlier items only); `decide(k)` links item
 * k, seeing every story change made before it in the page (`setStory` tells it of the near-duplicate
 * stage's); `finish` writes the page's moves and links (and refreshes provenance unless deferred).
 */
export class LinkPage {
  readonly report = emptyLinkReport();
  /** the current story of every item the page read or changed (undefined: none) */
  private readonly storyOf: Map<string, string | undefined>;
  private readonly touched: Set<string>;
  private readonly linked: Set<string>;
  private readonly links: StoryLink[] = [];
  private readonly writes: PageAssignments;
  private readonly now: string;

  private constructor(
    private readonly app: Ogoh,
    private readonly trace: TraceStore,
    private readonly options: LinkOptions,
    private readonly prepared: LinkPrepared[],
    private readonly retrieved: AnchorRow[][],
    private readonly tables: DfTable[],
    storyOf: Map<string, string | undefined>,
    private readonly minKeys: number,
  ) {
    this.storyOf = storyOf;
    // stories that grew through the near-duplicate stage (refreshed here when small) and through a
    // link made here (always refreshed): the rest are refreshed by `ogoh trends` (staleProvenance)
    this.touched = options.defer?.touched ?? new Set<string>();
    this.linked = options.defer?.linked ?? new Set<string>();
    this.writes = new PageAssignments(app, trace);
    this.now = app.clock.now().toISOString();
  }

  static async open(
    app: Ogoh,
    page: Item[],
    options: LinkOptions & { trace: TraceStore },
  ): Promise<LinkPage> {
    const trace = options.trace;
    const given = options.anchors;
    if (given && given.length !== page.length)
      throw new OgohError(
        'INTERNAL',
        `${given.length} prepared anchor sets for a page of ${page.length} items`,
      );
    const prepared: LinkPrepared[] = page.map((item, i) => {
      const a = given?.[i] ?? linkAnchors(item);
      return { item, anchors: a, lang: linkLang(item), published: ms(item.published) };
    });
    const cache = options.session?.anchors;
    const minKeys = options.embedder ? 1 : DEFAULT_LINK_THRESHOLDS.minShared;
    const window = DEFAULT_LINK_THRESHOLDS.windowDays * DAY_MS;
    const queries: AnchorQuery[] = prepared.map((p) =>
      p.anchors.keys.length < minKeys
        ? { keys: [] }
        : {
            keys: p.anchors.keys,
            excludeItemId: p.item.id,
            ...(p.published !== undefined
              ? { since: iso(p.published - window), until: iso(p.published + window) }
              : {}),
            limit: 16,
          },
    );
    const anchorRow = (p: (typeof prepared)[number]) => ({
      itemId: p.item.id,
      lang: p.lang,
      keys: p.anchors.keys,
    });
    // Each probe sees what was indexed before it: the store and the page's earlier items, never a
    // later one, so links do not depend on where pages begin. Without the run's index that is
    // literal: an item's anchors are put, then it is probed. The run's index puts the page at once
    // and leaves the later items out of each probe (AnchorSession.retrieve).
    let retrieved: AnchorRow[][] = [];
    let tables: DfTable[] = [];
    if (cache) await trace.putAnchors(prepared.map(anchorRow));
    else
      for (const [i, p] of prepared.entries()) {
        await trace.putAnchors([anchorRow(p)]);
        const q = queries[i]!;
        const rows =
          q.keys.length === 0
            ? []
            : trace.anchorCandidatesMany
              ? ((await trace.anchorCandidatesMany([q]))[0] ?? [])
              : await trace.anchorCandidates(q);
        const keys = new Set<string>(q.keys);
        for (const r of rows) for (const key of r.keys) keys.add(key);
        const read = keys.size
          ? await trace.anchorDf([...keys])
          : { total: 0, df: new Map<string, number>() };
        retrieved.push(rows);
        tables.push({ total: read.total, df: (key) => read.df.get(key) ?? 0 });
      }
    // current stories (the near-duplicate stage may have assigned some; later changes come through setStory)
    const storyOf = new Map<string, string | undefined>(
      (await trace.anchorsOf(page.map((i) => i.id))).map((r) => [r.itemId, r.storyId]),
    );
    // Retrieval's story ids are those before the loop below: the moves it makes are tracked in
    // storyOf, which overrides them.
    if (cache)
      // the run's posting lists in memory (frequencies still read from the store, once per page)
      ({ rows: retrieved, tables } = await cache.retrieve(
        prepared.map((p) => ({
          itemId: p.item.id,
          storyId: storyOf.get(p.item.id),
          lang: p.lang,
          sourceId: p.item.sourceId,
          published: p.item.published,
          keys: [...new Set(p.anchors.keys)].sort(),
        })),
        queries,
      ));
    return new LinkPage(app, trace, options, prepared, retrieved, tables, storyOf, minKeys);
  }

  /** A story change made outside the link stage (the near-duplicate stage's) for later decisions. */
  setStory(itemId: string, storyId: string): void {
    this.storyOf.set(itemId, storyId);
  }

  /** Links the page's item k to an earlier item, if one qualifies: the story moves it made, as [item, story]. */
  async decide(k: number): Promise<[string, string][]> {
    const { app, options, storyOf, touched, linked, report } = this;
    const writes = this.writes;
    const p = this.prepared[k]!;
    if (p.anchors.keys.length < this.minKeys) return [];
    const rows = this.retrieved[k] ?? [];
    const mine = storyOf.get(p.item.id);
    const cands: (LinkCandidate & { row: AnchorRow })[] = rows
      .map((r) => ({ ...r, storyId: storyOf.get(r.itemId) ?? r.storyId }))
      .filter((r) => !mine || r.storyId !== mine)
      .map((r) => ({
        itemId: r.itemId,
        storyId: r.storyId,
        lang: r.lang,
        published: ms(r.published),
        keys: r.keys,
        row: r,
      }));
    if (cands.length === 0) return [];
    const probe = {
      itemId: p.item.id,
      lang: p.lang,
      published: p.published,
      keys: p.anchors.keys,
      surface: p.anchors.surface,
    };
    const table = this.tables[k]!;
    let decision = decideLink(probe, cands, table);
    if (!decision && options.embedder) {
      // the plug-in adds recall: embeddings of the probe and its candidates, compared by cosine
      const others = await app.store.getItems(cands.map((c) => c.itemId));
      const texts = [p.item, ...others].map((i) => (i.title ? `${i.title}\n${i.text}` : i.text));
      const vectors = await options.embedder.embed(texts);
      const byId = new Map(others.map((o, k) => [o.id, vectors[k + 1]]));
      const own = vectors[0];
      if (own)
        decision = decideLink(probe, cands, table, {
          embedding: (c) => {
            const v = byId.get(c.itemId);
            return v ? cosine(own, v) : undefined;
          },
        });
    }
    if (!decision) {
      // same-language rewrites must also repeat most of the wording of the shorter text
      const same = decideLink(probe, cands, table, { sameLanguage: true });
      if (same) {
        const [other] = await app.store.getItems([same.itemId]);
        if (other && containment(p.item.foldText, other.foldText) >= 0.5) decision = same;
      }
    }
    if (!decision) return [];
    const target = decision.storyId ?? storyOf.get(decision.itemId);
    const assignments: StoryAssignment[] = [];
    /** the story each moved item leaves (none for an item joining its first story) */
    const from = new Map<string, string>();
    let storyId: string;
    const link = decision.kind;
    if (target && mine) {
      // both in stories: move the smaller into the larger
      const sizes = await writes.sizes([target, mine]);
      const sa = sizes.get(target) ?? 0;
      const sb = sizes.get(mine) ?? 0;
      // two big clusters are template families, not one item's translation: leave them apart
      if (Math.min(sa, sb) > MAX_MERGE) return [];
      const keep = sa >= sb ? target : mine;
      // only the smaller story's members are read (the larger may hold thousands)
      const moved = keep === target ? mine : target;
      const members = await writes.members(moved);
      storyId = keep;
      for (const m of members ?? []) {
        const l: StoryMember['link'] = m.itemId === p.item.id || m.itemId === decision.itemId ? link : m.link;
        assignments.push({
          storyId,
          itemId: m.itemId,
          link: l === 'first' ? link : l,
          similarity: m.similarity,
        });
        from.set(m.itemId, moved);
        storyOf.set(m.itemId, storyId);
      }
      if (members) {
        report.merged++;
        touched.delete(moved);
      }
    } else if (target) {
      storyId = target;
      assignments.push({ storyId, itemId: p.item.id, link, similarity: decision.score });
    } else if (mine) {
      storyId = mine;
      assignments.push({ storyId, itemId: decision.itemId, link, similarity: decision.score });
    } else {
      storyId = makeId('st', decision.itemId);
      assignments.push({ storyId, itemId: decision.itemId, link: 'first', similarity: 1 });
      assignments.push({ storyId, itemId: p.item.id, link, similarity: decision.score });
    }
    storyOf.set(p.item.id, storyId);
    storyOf.set(decision.itemId, storyId);
    touched.add(storyId);
    linked.add(storyId);
    for (const a of assignments) writes.assign(a, from.get(a.itemId));
    for (const a of assignments) options.session?.setStory(a.itemId, a.storyId);
    this.links.push({
      itemId: p.item.id,
      storyId,
      toItemId: decision.itemId,
      kind: decision.kind,
      score: decision.score,
      reasons: decision.reasons,
      createdAt: this.now,
    });
    if (decision.kind === 'translation') report.translations++;
    else report.rewrites++;
    if (options.writeEach) await writes.flush();
    return assignments.map((a) => [a.itemId, a.storyId]);
  }

  /** Writes the page's moves and links; refreshes provenance of the touched stories unless deferred. */
  async finish(): Promise<LinkStageReport> {
    const { app, trace, report } = this;
    // the page's items' stories as the page leaves them (a story merged away holds none of them)
    for (const p of this.prepared) {
      const s = this.storyOf.get(p.item.id);
      if (s) this.touched.add(s);
    }
    // the page's merges and links in one transaction each, not one commit per link
    await this.writes.flush();
    await trace.putStoryLinks(this.links);
    if (this.options.defer) return report;
    const prov = await refreshTouched(app, trace, { touched: this.touched, linked: this.linked });
    report.provenance = prov.stories;
    report.laundering = prov.laundering;
    report.launderedStories = prov.launderedStories;
    return report;
  }
}

/**
 * The link stage's story moves for one page, written at the end of the page in one
 * `assignStories` call (one transaction) instead of one per link. Decisions later in the page
 * still see the moves made before them: a story's size is the stored size plus the page's
 * arrivals and departures, and its members are the stored ones plus those the page moved in,
 * minus those it moved out. Written in order, the assignments leave the store as the per-link
 * writes did (an item moved twice ends in its last story; a story emptied by a merge is deleted).
 */
class PageAssignments {
  private readonly pending: StoryAssignment[] = [];
  /** story → members the page moved in (latest assignment per item) */
  private readonly arrived = new Map<string, Map<string, StoryAssignment>>();
  /** story → stored members the page moved out */
  private readonly left = new Map<string, Set<string>>();
  /** item → the story the page last moved it into */
  private readonly current = new Map<string, string>();

  constructor(
    private readonly app: Ogoh,
    private readonly trace: TraceStore,
  ) {}

  /** Sizes as the store would give them had the page's moves been written. */
  async sizes(ids: string[]): Promise<Map<string, number>> {
    const stored = await storySizes(this.app, this.trace, ids);
    const out = new Map<string, number>();
    for (const id of ids) {
      const n = (stored.get(id) ?? 0) + (this.arrived.get(id)?.size ?? 0) - (this.left.get(id)?.size ?? 0);
      if (n > 0 || stored.has(id)) out.set(id, n);
    }
    return out;
  }

  /** A story's members as the store would list them had the page's moves been written (undefined: no such story). */
  async members(id: string): Promise<StoryMember[] | undefined> {
    const story = await this.app.store.getStory(id);
    const gone = this.left.get(id);
    const out: StoryMember[] = [];
    for (const m of story?.members ?? []) if (!gone?.has(m.itemId)) out.push(m);
    for (const a of this.arrived.get(id)?.values() ?? [])
      out.push({ itemId: a.itemId, link: a.link, similarity: a.similarity });
    return out.length ? out : undefined;
  }

  /**
   * Records an assignment; `from` is the item's story before the page moved it (a story the page
   * already moved it into is known here). A stored member re-linked within its story counts as
   * leaving and arriving, so its listing carries the new link.
   */
  assign(a: StoryAssignment, from: string | undefined): void {
    this.pending.push(a);
    const now = this.current.get(a.itemId);
    if (now !== undefined) this.arrived.get(now)?.delete(a.itemId);
    else if (from !== undefined) {
      const l = this.left.get(from);
      if (l) l.add(a.itemId);
      else this.left.set(from, new Set([a.itemId]));
    }
    this.current.set(a.itemId, a.storyId);
    const came = this.arrived.get(a.storyId);
    if (came) came.set(a.itemId, a);
    else this.arrived.set(a.storyId, new Map([[a.itemId, a]]));
  }

  /** Writes the moves recorded so far; the store (or the page's held-back view of it) then has them. */
  async flush(): Promise<void> {
    if (this.pending.length) await this.app.store.assignStories(this.pending);
    this.pending.length = 0;
    this.arrived.clear();
    this.left.clear();
    this.current.clear();
  }
}

function toProvSource(s: Source): ProvSource {
  return {
    id: s.id,
    name: s.name,
    affiliation: s.affiliation,
    platform: s.platform,
    ...(s.url ? { url: s.url } : {}),
    ...(s.channelId ? { channelId: s.channelId } : {}),
  };
}

async function sourceMap(app: Ogoh): Promise<Map<string, ProvSource>> {
  return new Map((await app.store.listSources()).map((s) => [s.id, toProvSource(s)]));
}

/** The provenance of one story from the store (items, sources, stored links). */
export async function storyProvenance(
  app: Ogoh,
  trace: TraceStore,
  storyId: string,
  sources?: Map<string, ProvSource>,
): Promise<Provenance | undefined> {
  const story = await app.store.getStory(storyId);
  if (!story) return undefined;
  const ids = story.members.map((m) => m.itemId);
  const [items, links, anchors] = await Promise.all([
    app.store.getItems(ids),
    trace.storyLinks(storyId),
    trace.anchorsOf(ids),
  ]);
  // the anchors the link stage stored, so provenance does not extract them again
  const keysOf = new Map(anchors.map((a) => [a.itemId, a.keys]));
  return buildProvenance({
    storyId,
    items: items.map((i) => ({ ...i, anchorKeys: keysOf.get(i.id) })),
    sources: sources ?? (await sourceMap(app)),
    links,
  });
}

/** Stories the link stage grew (provenance refreshed when small) and joined by a link (refreshed up to a larger size). */
export interface ProvenanceDue {
  touched: Set<string>;
  linked: Set<string>;
}

/** Refreshes the provenance of the stories the link stage left due, and empties the sets. */
export async function refreshTouched(
  app: Ogoh,
  trace: TraceStore,
  due: ProvenanceDue,
): Promise<{ stories: number; laundering: number; launderedStories: string[] }> {
  const { touched, linked } = due;
  const prov = await refreshProvenance(app, trace, [...touched], {
    maxSize: (id) => (linked.has(id) ? LINKED_PROVENANCE_STORY : PAGE_PROVENANCE_STORY),
  });
  touched.clear();
  linked.clear();
  return prov;
}

/** Member counts of stories without reading their members, when the adapter can. */
async function storySizes(app: Ogoh, trace: TraceStore, ids: string[]): Promise<Map<string, number>> {
  if (trace.storySizes) return trace.storySizes(ids);
  const out = new Map<string, number>();
  for (const id of ids) {
    const s = await app.store.getStory(id);
    if (s) out.set(id, s.size);
  }
  return out;
}

/** Recomputes and stores the provenance of stories, with a laundering alert for each flagged one. */
export async function refreshProvenance(
  app: Ogoh,
  trace: TraceStore,
  storyIds: string[],
  options: { maxSize?: (storyId: string) => number } = {},
): Promise<{ stories: number; laundering: number; launderedStories: string[] }> {
  if (storyIds.length === 0) return { stories: 0, laundering: 0, launderedStories: [] };
  const sources = await sourceMap(app);
  const edges = [];
  const alerts: Alert[] = [];
  const cleared: string[] = [];
  const done: string[] = [];
  const now = app.clock.now().toISOString();
  const sizes = await storySizes(app, trace, storyIds);
  for (const id of storyIds) {
    const size = sizes.get(id);
    if (size === undefined || size > (options.maxSize?.(id) ?? MAX_PROVENANCE_STORY)) continue;
    const p = await storyProvenance(app, trace, id, sources);
    if (!p) continue;
    done.push(id);
    edges.push(...p.edges);
    const alertId = makeId('al', 'laundering', id);
    if (p.laundering.flagged && p.laundering.origin) {
      const first = p.nodes[0];
      alerts.push({
        id: alertId,
        kind: 'laundering',
        key: id,
        day: (first?.published ?? now).slice(0, 10),
        value: p.laundering.items.length,
        baseline: 0,
        score: 1,
        // the evidence: the state item laundered (not always the story's first) and its unattributed copies
        itemIds: [p.laundering.origin.itemId, ...p.laundering.items],
        detail: {
          origin: p.laundering.origin,
          unattributed: p.nodes
            .filter((n) => n.laundering)
            .map((n) => ({
              itemId: n.itemId,
              sourceId: n.sourceId,
              relation: n.relation,
              lagSeconds: n.lagSeconds,
            })),
          title: first?.title,
        },
        createdAt: now,
      });
    } else cleared.push(alertId);
  }
  await trace.replaceProvenance(done, edges);
  await trace.deleteAlerts(cleared);
  await trace.putAlerts(alerts);
  return { stories: done.length, laundering: alerts.length, launderedStories: alerts.map((a) => a.key) };
}

export interface TraceView {
  /** the item asked about, when an item id was given */
  itemId?: string;
  story?: { id: string; size: number; sources: number; langs: string[]; title?: string; firstSeen?: string };
  provenance: Provenance;
  cascade: Cascade | undefined;
}

/**
 * `ogoh trace <item-or-story-id>`: the story's provenance tree (an item outside any story gives a
 * tree of one), and its Telegram forward cascade when it has one.
 */
export async function traceStory(app: Ogoh, id: string): Promise<TraceView> {
  const trace = await openTrace(app);
  try {
    let storyId: string | undefined;
    let itemId: string | undefined;
    if (id.startsWith('st_')) storyId = id;
    else {
      const item = await app.store.getItem(id);
      if (!item)
        throw new OgohError('NOT_FOUND', `no item or story "${id}"`, {
          field: 'id',
          hint: 'give an item id (it_…) or a story id (st_…) from `ogoh items` or `ogoh stories`',
        });
      itemId = item.id;
      storyId = item.storyId;
      if (!storyId) {
        const sources = await sourceMap(app);
        const provenance = buildProvenance({ storyId: '', items: [item], sources });
        return { itemId, provenance, cascade: undefined };
      }
    }
    const story = await app.store.getStory(storyId);
    if (!story)
      throw new OgohError('NOT_FOUND', `no story "${storyId}"`, {
        field: 'id',
        hint: 'list stories with `ogoh stories`',
      });
    const sources = await sourceMap(app);
    const provenance = (await storyProvenance(app, trace, story.id, sources))!;
    const items = await app.store.getItems(story.members.map((m) => m.itemId));
    const cascades = forwardCascades(items, sources);
    const cascade = cascades.sort((a, b) => b.size - a.size)[0];
    return {
      ...(itemId ? { itemId } : {}),
      story: {
        id: story.id,
        size: story.size,
        sources: story.sources,
        langs: story.langs,
        ...(story.title ? { title: story.title } : {}),
        ...(story.firstSeen ? { firstSeen: story.firstSeen } : {}),
      },
      provenance,
      cascade,
    };
  } finally {
    await trace.close();
  }
}

export interface CascadeReport {
  cascades: Cascade[];
  bridges: ChannelBridge[];
}

/** Telegram forward cascades across the store (largest first) and the channels that bridge source families. */
export async function telegramCascades(
  app: Ogoh,
  options: { since?: string; until?: string; limit?: number } = {},
): Promise<CascadeReport> {
  const trace = await openTrace(app);
  try {
    const items = await trace.telegramItems({
      ...(options.since ? { since: options.since } : {}),
      ...(options.until ? { until: options.until } : {}),
    });
    await refreshStaleProvenance(app, trace);
    const sources = await sourceMap(app);
    const cascades = forwardCascades(items, sources).sort((a, b) => b.size - a.size || b.reach - a.reach);
    const flows = [...cascadeFlows(cascades), ...(await trace.provenanceFlows())];
    const bridges = channelBridges(flows, sources);
    return { cascades: cascades.slice(0, options.limit ?? 20), bridges };
  } finally {
    await trace.close();
  }
}
