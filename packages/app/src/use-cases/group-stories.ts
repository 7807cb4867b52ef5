/**
 * The near-duplicate stage of `ogoh analyze`: each item of a page joins the story of its best
 * earlier exact or near copy (MinHash over word 3-gram shingles, LSH bands), or stays alone.
 * "Earlier" is the analysis order: an item sees the store and the items before it in its page,
 * never a later one, so a decision does not depend on where pages begin. Candidates come from the
 * run's in-memory index (StorySession), bounded per band and per content hash so a template that
 * fills a band bucket never makes a probe slow; the page's assignments are written in one transaction.
 */
import type { CandidateRow, Item, SignatureRow, StoryAssignment, TraceStore } from '@ogoh/core';
import { makeId, OgohError } from '@ogoh/core';
import { bandKeys, decideStory, shingleHashes, signature } from '@ogoh/trace';
import type { Ogoh } from '../context.ts';
import type { StorySession } from './story-session.ts';

/** Near-duplicate candidates verified per item: the best by shared bands among the latest of each band. */
export const NEAR_CANDIDATES = { limit: 20, perBand: 32, perHash: 8 } as const;

export interface GroupReport {
  /** items that joined a story or started one with another item */
  links: number;
  created: number;
  /** of the links, items joined as exact or near copies of another (not counting a story's first item) */
  copies: number;
}

/**
 * What the near-duplicate stage needs of one item, from its folded text alone (no store, no
 * earlier decision): computed ahead on another thread by the prepare pool (prepare-pool.ts).
 */
export interface NearInput {
  signature: Uint32Array;
  bands: string[];
  /** number of distinct shingles (decideStory's size check) */
  shingles: number;
}

export function nearInput(foldText: string): NearInput {
  const sh = shingleHashes(foldText);
  const sig = signature(sh);
  return { signature: sig, bands: bandKeys(sig), shingles: sh.length };
}

/**
 * Assigns each item of a page to the story of its best earlier copy, or leaves it alone. With a
 * session (one per analysis run) candidates come from its in-memory buckets, warmed from the store.
 * `inputs` (one per item, in page order) are the items' precomputed nearInput; else computed here.
 * (`analyse` interleaves both story stages item by item through GroupPage instead.)
 */
export async function groupStories(
  app: Ogoh,
  trace: TraceStore,
  page: Item[],
  session?: StorySession,
  inputs?: readonly NearInput[],
): Promise<GroupReport> {
  if (page.length === 0) return { links: 0, created: 0, copies: 0 };
  const gp = await GroupPage.open(app, trace, page, session, inputs);
  const assignments: StoryAssignment[] = [];
  for (let i = 0; i < page.length; i++) assignments.push(...gp.decide(i));
  await gp.finish();
  if (assignments.length) await app.store.assignStories(assignments);
  return gp.report;
}

/**
 * One page of the near-duplicate stage, item by item: `open` finds every item's candidates (each
 * sees the store and the page's earlier items only); `decide(i)` picks item i's story from them,
 * seeing every story change made before it in the page (`setStory` tells it of the link stage's),
 * and returns the assignments to write; `finish` writes the page's signatures.
 */
export class GroupPage {
  readonly report: GroupReport = { links: 0, created: 0, copies: 0 };
  /** stories this page gave or changed: not in the store (nor in the candidate rows) yet */
  private readonly pending = new Map<string, string>();

  private constructor(
    private readonly app: Ogoh,
    private readonly prepared: { item: Item; shingles: number; sig: Uint32Array; bands: string[] }[],
    private readonly found: { exact: CandidateRow[]; near: CandidateRow[] }[],
    private readonly signatures: SignatureRow[],
    private readonly session: StorySession | undefined,
  ) {}

  static async open(
    app: Ogoh,
    trace: TraceStore,
    page: Item[],
    session?: StorySession,
    inputs?: readonly NearInput[],
  ): Promise<GroupPage> {
    if (inputs && inputs.length !== page.length)
      throw new OgohError('INTERNAL', `${inputs.length} prepared inputs for a page of ${page.length} items`);
    const prepared = page.map((item, i) => {
      const n = inputs?.[i] ?? nearInput(item.foldText);
      return { item, shingles: n.shingles, sig: n.signature, bands: n.bands };
    });
    const signatures = prepared.map((p) => ({ itemId: p.item.id, signature: p.sig, bands: p.bands }));
    let found: { exact: CandidateRow[]; near: CandidateRow[] }[];
    if (session) {
      found = await session.candidates(
        prepared.map((p) => ({ item: p.item, signature: p.sig, bands: p.bands })),
      );
    } else {
      // each item sees the store and the page's earlier items (as the session does): its candidates
      // are read before its own signature is written
      found = [];
      for (const [i, p] of prepared.entries()) {
        const [f] = await candidatesOf(app, trace, [
          { itemId: p.item.id, contentHash: p.item.contentHash, bands: p.bands },
        ]);
        found.push(f ?? { exact: [], near: [] });
        await app.store.putSignatures([signatures[i]!]);
      }
    }
    return new GroupPage(app, prepared, found, signatures, session);
  }

  /** A story change made outside this stage (the link stage's) for later decisions. */
  setStory(itemId: string, storyId: string): void {
    this.pending.set(itemId, storyId);
  }

  /** Decides item i: the assignments it makes (none when it stays alone). */
  decide(i: number): StoryAssignment[] {
    const p = this.prepared[i]!;
    const f = this.found[i] ?? { exact: [], near: [] };
    const pending = this.pending;
    // a copy only for a candidate whose story this page changed (most keep theirs)
    const candidates = [...f.exact, ...f.near].map((c) => {
      const s = pending.get(c.itemId);
      return s === undefined || s === c.storyId ? c : { ...c, storyId: s };
    });
    const decision = decideStory(
      {
        itemId: p.item.id,
        signature: p.sig,
        contentHash: p.item.contentHash,
        shingles: p.shingles,
        length: p.item.text.length,
      },
      candidates,
    );
    const m = decision.match;
    if (!m) return [];
    const out: StoryAssignment[] = [];
    let storyId = m.storyId;
    if (!storyId) {
      storyId = makeId('st', m.itemId);
      this.report.created++;
      pending.set(m.itemId, storyId);
      this.session?.setStory(m.itemId, storyId);
      out.push({ storyId, itemId: m.itemId, link: 'first', similarity: 1 });
    }
    pending.set(p.item.id, storyId);
    this.session?.setStory(p.item.id, storyId);
    out.push({ storyId, itemId: p.item.id, link: m.link, similarity: m.similarity });
    this.report.links += out.length;
    this.report.copies += out.filter((a) => a.link !== 'first').length;
    return out;
  }

  /** With a session the signatures are written after the decisions (the cache already holds them). */
  async finish(): Promise<void> {
    if (this.session) await this.app.store.putSignatures(this.signatures);
  }
}

/** Candidates per probe: batched when the adapter can, else one bounded lookup per item. */
async function candidatesOf(
  app: Ogoh,
  trace: TraceStore,
  probes: { itemId: string; contentHash: string; bands: string[] }[],
): Promise<{ exact: CandidateRow[]; near: CandidateRow[] }[]> {
  if (trace.storyCandidates) return trace.storyCandidates(probes, NEAR_CANDIDATES);
  const out = [];
  for (const p of probes) {
    const [exact, near] = await Promise.all([
      app.store.candidatesByContentHash(p.contentHash, p.itemId),
      p.bands.length
        ? trace.bandCandidates(p.bands, { excludeItemId: p.itemId, ...NEAR_CANDIDATES })
        : Promise.resolve([]),
    ]);
    out.push({ exact, near });
  }
  return out;
}
