/**
 * One analysis page's story decisions held back until the page is done, then written together
 * with the page's "analysed" marker in one transaction (Store.commitAnalysisPage).
 *
 * Why: a page's story decisions read the stories of its own items and of the items it moves (the
 * near-duplicate stage assigns a probe to its match's story, the link stage skips candidates in
 * the probe's own story and merges by story size). Written as they were made (two or more commits
 * per page before the marker), a run stopped inside a page left some of them stored; the resumed
 * run decided the page again on top of them and came out differently (a link stage that no longer
 * saw the candidate it had linked to, now in the probe's story, merged the probe's story with its
 * second-best match: one story fewer than a clean run). Held back, a stopped page leaves only
 * content-derived rows (signatures, anchors, links, detections), which the resumed run rewrites
 * alike, and the page is decided again from the same state.
 *
 * With `holdSignatures` the page's signatures (and band keys) are held back and committed the same
 * way: the near-duplicate stage lets an item see only the earlier items of its page, and a stopped
 * page's signatures, written early, would show the resumed run the later ones.
 *
 * While held back the decisions are visible to the page's own reads through the `store` and
 * `trace` views: story ids on items, candidates and anchor rows, a story's members and sizes are
 * read as if the assignments had been written (a story emptied by them reads as absent). Story
 * summaries other than members and size (sources, languages, first and last seen) are the stored
 * ones: analysis decides on members and sizes only.
 */
import {
  OgohError,
  type SignatureRow,
  type Store,
  type Story,
  type StoryAssignment,
  type StoryMember,
  type TraceStore,
} from '@ogoh/core';

// biome-ignore lint/suspicious/noExplicitAny: a proxy forwards whatever the wrapped method takes
type Fn = (...args: any[]) => unknown;

/** Read methods whose rows (or arrays of rows, or {exact, near} pairs) carry items' story ids. */
const STORE_READS = new Set(['getItem', 'getItems', 'candidatesByBands', 'candidatesByContentHash']);
const TRACE_READS = new Set([
  'anchorsOf',
  'anchorCandidates',
  'anchorCandidatesMany',
  'bandCandidates',
  'storyCandidates',
]);

export class PageWrites {
  /** the held-back assignments, in the order they were made */
  private pending: StoryAssignment[] = [];
  /** the held-back signatures (with `holdSignatures`), in the order they were put */
  private signatures: SignatureRow[] = [];
  /** item → the story the page last assigned it to */
  private current = new Map<string, string>();
  /**
   * The previous page's commit while the store has not finished it (`landed`), and that page's
   * item → story moves, which reads of items' stories show meanwhile.
   */
  private landing: { done: Promise<void>; current: Map<string, string> } | undefined;
  /** item → its stored story before the page (undefined: in none) */
  private before = new Map<string, string | undefined>();
  /** story → members the page moved in (latest assignment per item) */
  private arrived = new Map<string, Map<string, StoryAssignment>>();
  /** story → stored members the page moved out */
  private left = new Map<string, Set<string>>();
  /** the page's store, reading held-back assignments as written */
  readonly store: Store;
  /** the page's trace tables, the same way */
  readonly trace: TraceStore;

  /**
   * `holdSignatures`: the page's signatures wait for the commit too (a run whose near-duplicate
   * candidates come from its in-memory index reads none of them back during the page). Written
   * early, a stopped page's signatures would show the resumed run's probes the later items of
   * their own page, which the first attempt never saw.
   */
  constructor(
    private readonly real: Store,
    private readonly realTrace: TraceStore,
    options: { holdSignatures?: boolean } = {},
  ) {
    this.store = this.view(real, STORE_READS, {
      assignStories: (assignments: StoryAssignment[]) => this.hold(assignments),
      getStory: (id: string) => this.story(id),
      ...(options.holdSignatures
        ? {
            putSignatures: async (rows: SignatureRow[]) => {
              this.signatures.push(...rows);
            },
          }
        : {}),
    });
    this.trace = this.view(realTrace, TRACE_READS, {
      storySizes: (ids: string[]) => this.sizes(ids),
    });
  }

  /** The page's items as read (their stored stories, before the page decides anything). */
  begin(items: readonly { id: string; storyId?: string | undefined }[]): void {
    for (const i of items) if (!this.before.has(i.id)) this.before.set(i.id, i.storyId);
  }

  /**
   * Hands the held-back assignments and signatures, with the items' "analysed" marker, to the
   * store in one transaction, and returns without waiting for it: the next page can be read and
   * its near-duplicate candidates found while the store commits (the SQLite store does so on its
   * page writer's thread). Until `landed()` the store may read as before the page; the views here
   * still show the page's story moves on items, but story members and sizes, stored anchors and
   * anything read to make a write need `landed()` first, and so does every write.
   */
  commit(analysed: string[], at: string): void {
    if (this.landing)
      throw new OgohError('INTERNAL', 'an analysis page was committed before the previous one landed');
    const assignments = this.pending;
    const signatures = this.signatures;
    const current = this.current;
    this.reset();
    const done = (async () => {
      if (this.real.commitAnalysisPage) {
        await this.real.commitAnalysisPage({
          assignments,
          analysed,
          at,
          ...(signatures.length ? { signatures } : {}),
        });
        return;
      }
      // a store without the atomic write: as before, the decisions then the marker
      if (signatures.length) await this.real.putSignatures(signatures);
      if (assignments.length) await this.real.assignStories(assignments);
      await this.real.markAnalysed(analysed, at);
    })();
    // its failure is reported by landed(), not as an unhandled rejection meanwhile
    done.catch(() => {});
    this.landing = { done, current };
  }

  /** Waits for the last page handed to `commit` to be stored; rethrows what stopped it. */
  async landed(): Promise<void> {
    const l = this.landing;
    if (!l) return;
    try {
      await l.done;
    } finally {
      if (this.landing === l) this.landing = undefined;
    }
  }

  /** Forgets the held-back assignments (the page failed). */
  reset(): void {
    this.pending = [];
    this.signatures = [];
    this.current = new Map();
    this.before.clear();
    this.arrived.clear();
    this.left.clear();
  }

  private async hold(assignments: StoryAssignment[]): Promise<void> {
    const unknown = [
      ...new Set(
        assignments.map((a) => a.itemId).filter((id) => !this.current.has(id) && !this.before.has(id)),
      ),
    ];
    if (unknown.length) {
      const found = new Map((await this.real.getItems(unknown)).map((i) => [i.id, i.storyId]));
      const missing = unknown.filter((id) => !found.has(id));
      // an unknown item: the store's own check names it (and nothing is held back)
      if (missing.length)
        await this.real.assignStories(assignments.filter((a) => missing.includes(a.itemId)));
      for (const id of unknown) this.before.set(id, found.get(id));
    }
    for (const a of assignments) {
      this.pending.push(a);
      const now = this.current.get(a.itemId);
      if (now !== undefined) this.arrived.get(now)?.delete(a.itemId);
      else {
        const was = this.before.get(a.itemId);
        if (was !== undefined) {
          const l = this.left.get(was);
          if (l) l.add(a.itemId);
          else this.left.set(was, new Set([a.itemId]));
        }
      }
      this.current.set(a.itemId, a.storyId);
      const came = this.arrived.get(a.storyId);
      if (came) came.set(a.itemId, a);
      else this.arrived.set(a.storyId, new Map([[a.itemId, a]]));
    }
  }

  /** A story as the store would give it had the held-back assignments been written. */
  private async story(id: string): Promise<Story | undefined> {
    const stored = await this.real.getStory(id);
    if (this.pending.length === 0) return stored;
    const gone = this.left.get(id);
    const members: StoryMember[] = [];
    for (const m of stored?.members ?? []) {
      if (!this.before.has(m.itemId)) this.before.set(m.itemId, id);
      if (!gone?.has(m.itemId)) members.push(m);
    }
    for (const a of this.arrived.get(id)?.values() ?? [])
      members.push({ itemId: a.itemId, link: a.link, similarity: a.similarity });
    if (members.length === 0) return undefined;
    const base: Story = stored ?? {
      id,
      firstItemId: members[0]!.itemId,
      size: 0,
      sources: 0,
      langs: [],
      members: [],
    };
    return { ...base, members, size: members.length };
  }

  private async sizes(ids: string[]): Promise<Map<string, number>> {
    const stored = this.realTrace.storySizes
      ? await this.realTrace.storySizes(ids)
      : new Map(
          (await Promise.all(ids.map((id) => this.real.getStory(id))))
            .filter((s): s is Story => s !== undefined)
            .map((s) => [s.id, s.size]),
        );
    if (this.pending.length === 0) return stored;
    const out = new Map<string, number>();
    for (const id of ids) {
      const n = (stored.get(id) ?? 0) + (this.arrived.get(id)?.size ?? 0) - (this.left.get(id)?.size ?? 0);
      if (n > 0) out.set(id, n);
    }
    return out;
  }

  /** Rows carrying an item id (`itemId` or `id`) get the item's held-back story. */
  private patch(v: unknown): void {
    if (Array.isArray(v)) {
      for (const x of v) this.patch(x);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const row = v as { itemId?: unknown; id?: unknown; storyId?: string; exact?: unknown; near?: unknown };
    const key = typeof row.itemId === 'string' ? row.itemId : typeof row.id === 'string' ? row.id : undefined;
    const s = key === undefined ? undefined : (this.current.get(key) ?? this.landing?.current.get(key));
    if (s !== undefined) row.storyId = s;
    else if (key === undefined) {
      if (row.exact) this.patch(row.exact);
      if (row.near) this.patch(row.near);
    }
  }

  /** The real object's methods, `own` in place of some, `reads` with story ids patched. */
  private view<T extends object>(target: T, reads: Set<string>, own: Record<string, Fn>): T {
    return new Proxy(target, {
      get: (t, prop) => {
        if (typeof prop === 'string' && Object.hasOwn(own, prop)) return own[prop];
        const v = Reflect.get(t, prop, t) as unknown;
        if (typeof v !== 'function') return v;
        const fn = (v as Fn).bind(t);
        if (typeof prop !== 'string' || !reads.has(prop)) return fn;
        return async (...args: unknown[]) => {
          const r = await fn(...args);
          if (this.pending.length || this.landing) this.patch(r);
          return r;
        };
      },
    });
  }
}
