/**
 * `ogoh analyze`: runs the analysis stages over stored items not yet analysed (or all of them).
 * Stages per page: exact and near-duplicate grouping into stories, cross-language story links and
 * provenance, then narrative and technique detection.
 * Idempotent: re-running analyses nothing new; `--all` recomputes and replaces.
 */
import { totalmem } from 'node:os';
import type { Item } from '@ogoh/core';
import type { Ogoh } from '../context.ts';
import { alertsAfterAnalyse } from './alerts.ts';
import { type Detector, detectStage, loadDetector } from './detect-items.ts';
import { operatorEmbedder } from './embedding.ts';
import { GroupPage, NEAR_CANDIDATES } from './group-stories.ts';
import { PageWrites } from './page-writes.ts';
import { PagePreparer, type PrepareMode, type PrepareStats, threadCpuSeconds } from './prepare-pool.ts';
import { StorySession } from './story-session.ts';
import { recordTaxonomy, redetectForTaxonomy, type TaxonomyRefresh } from './taxonomy-refresh.ts';
import { LinkPage, openTrace, type ProvenanceDue, refreshTouched } from './trace-story.ts';

/**
 * Provenance of the stories analysis grew is rebuilt at the end of the run and, in between, each
 * time the run has analysed as many items again as at the last rebuild (at least this many since):
 * after 20k, 40k, 80k, 160k… items. A story growing on every page would be rebuilt on every page;
 * every 20,000 items it was rebuilt 50 times in a 1M run (148 s of the main thread), this way 7 times
 * with the last (71 s), while a long run still shows provenance early. Stories left stale by a crash
 * in between are rebuilt by `ogoh trends` and `ogoh trace --cascades` (staleProvenance).
 */
export const PROVENANCE_MIN_ITEMS = 20_000;

/** Whether provenance is rebuilt now: `since` items analysed since the last rebuild, `analysed` in all. */
export function provenanceDue(since: number, analysed: number): boolean {
  return since >= Math.max(PROVENANCE_MIN_ITEMS, analysed - since);
}

/**
 * Items per analysis page (the default `batchSize`): the unit a page's story decisions are
 * committed in, and that a stopped run redoes. Larger pages write less: every page commit rewrites
 * each index leaf it touches, and the band, story and anchor indexes take random keys. On the 1M
 * benchmark 50,000-item pages wrote 29 GB against 70 GB with 10,000 (and 142 GB with 2,000); a
 * stopped run redoes under a minute of work. (Main-thread CPU is about 4 % higher: the link stage's
 * probes step over more of their page's later items, docs/BENCHMARKS.md.) Decisions do not depend on the
 * page: in both story stages an item sees the store and the earlier items of its page only (the same
 * stories and links at 10,000 and 50,000 on the 1M benchmark).
 */
export const ANALYSE_PAGE_ITEMS = 50_000;

/**
 * How many items the run's in-memory index holds before it drops the least recently probed half:
 * an eighth of the machine's memory, shared by the near-duplicate records (about 1.5 KB each:
 * signature, ids, band bucket slots) and the anchor documents (about 1 KB), never below the
 * 400,000 / 300,000 that fit a small laptop. Past the bound, probes of dropped buckets read the
 * store again, which is what made a long run's cost per item grow (1M run, 28 Nov: flat to 300k,
 * about three times as much per item from 450k on).
 */
export function sessionBounds(total = totalmem()): { maxRecords: number; maxDocs: number } {
  const half = total / 16;
  return {
    maxRecords: Math.round(Math.min(4_000_000, Math.max(400_000, half / 1500))),
    maxDocs: Math.round(Math.min(4_000_000, Math.max(300_000, half / 1000))),
  };
}

export interface AnalyseOptions {
  all?: boolean;
  since?: string;
  /** items per analysis page (default ANALYSE_PAGE_ITEMS) */
  batchSize?: number;
  onProgress?: (p: { analysed: number }) => void;
  /**
   * Keep the near-duplicate index in memory for the run (default; warmed from the store). `false`
   * reads it from the store page by page: the same decisions, slower; kept to compare the two.
   */
  memoryIndex?: boolean;
  /**
   * Where per-item inputs (signatures, bands, anchors, detections) are computed: `auto` (default)
   * moves them to a worker thread that prepares the next page while this one is decided, once the
   * run has a few thousand items; `thread` always, `inline` never. The decisions are the same.
   */
  prepare?: PrepareMode;
}

export interface AnalyseReport {
  analysed: number;
  /** items that joined an existing story or started one with another item */
  storyLinks: number;
  newStories: number;
  /** narrative and technique flags stored */
  detections: number;
  /** cross-language links made (an item joined to an item of another language) */
  translationLinks: number;
  /** same-language rewrite links the near-duplicate stage missed */
  rewriteLinks: number;
  /** exact and near copies among the story links */
  copyLinks: number;
  /** stories flagged for laundering in this run: state-sourced content reappearing unattributed */
  launderingFlags: number;
  /**
   * CPU seconds of the main thread per stage. Story clustering is group and link: `group` holds the
   * near-duplicate candidates and the item-by-item decision loop of both stages, `link` the link
   * stage's retrieval and its writes. `prepare` is the per-item preparation done on the main thread
   * and taking the worker's results.
   */
  cpuSeconds: { group: number; link: number; provenance: number; detect: number; prepare: number };
  /**
   * Wall seconds the main thread waited: for the previous page's commit to land (`commit`, the
   * store committing it elsewhere: PageWrites.commit) and for the worker's preparation (`prepare`).
   */
  waitSeconds: { commit: number; prepare: number };
  /** pages prepared by the worker thread and inline, and the worker's CPU */
  prepare: PrepareStats;
  /** items re-detected because the taxonomy changed since the store was last analysed */
  taxonomy?: TaxonomyRefresh;
}

export async function analyse(app: Ogoh, options: AnalyseOptions = {}): Promise<AnalyseReport> {
  const report: AnalyseReport = {
    analysed: 0,
    storyLinks: 0,
    newStories: 0,
    detections: 0,
    translationLinks: 0,
    rewriteLinks: 0,
    copyLinks: 0,
    launderingFlags: 0,
    cpuSeconds: { group: 0, link: 0, provenance: 0, detect: 0, prepare: 0 },
    waitSeconds: { commit: 0, prepare: 0 },
    prepare: { threadPages: 0, inlinePages: 0 },
  };
  const cpu = report.cpuSeconds;
  const timed = async <T>(stage: keyof typeof cpu, fn: () => Promise<T>): Promise<T> => {
    // this thread's CPU: the prepare worker's runs beside it and is reported on its own
    const c0 = threadCpuSeconds();
    try {
      return await fn();
    } finally {
      cpu[stage] = Math.round((cpu[stage] + threadCpuSeconds() - c0) * 100) / 100;
    }
  };
  const waited = async <T>(what: keyof AnalyseReport['waitSeconds'], fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      const w = report.waitSeconds;
      w[what] = Math.round((w[what] + (performance.now() - t0) / 1000) * 100) / 100;
    }
  };
  const detector: Detector = await loadDetector(app);
  // OGOH_EMBED_MODEL: the operator's embedding model adds recall to cross-language story links
  const embedder = await operatorEmbedder();
  const affiliations = new Map((await app.store.listSources()).map((s) => [s.id, s.affiliation]));
  // An edited taxonomy: first re-detect what was analysed under the previous one (--all redoes all).
  if (!options.all) report.taxonomy = await redetectForTaxonomy(app, detector, affiliations);
  const pages = app.store.itemsToAnalyse({
    batchSize: options.batchSize ?? ANALYSE_PAGE_ITEMS,
    ...(options.all ? { all: true } : {}),
    ...(options.since ? { since: options.since } : {}),
  });
  // one trace connection for the run, not one per page
  const trace = await openTrace(app);
  // the run's band buckets and exact-copy lists stay in memory across pages (warmed from the store)
  const memoryIndex = trace.storyCandidates !== undefined && options.memoryIndex !== false;
  // a page's story decisions (and, with the in-memory index, its signatures) are held back and
  // committed with its "analysed" marker (page-writes.ts)
  const writes = new PageWrites(app.store, trace, { holdSignatures: memoryIndex });
  const pageApp: Ogoh = { ...app, store: writes.store };
  const session = memoryIndex
    ? new StorySession(writes.trace, { ...NEAR_CANDIDATES, ...sessionBounds() })
    : undefined;
  const laundered = new Set<string>();
  const due: ProvenanceDue = { touched: new Set(), linked: new Set() };
  const flush = async () => {
    // provenance reads the stories as stored
    await waited('commit', () => writes.landed());
    const p = await timed('provenance', () => refreshTouched(app, trace, due));
    for (const id of p.launderedStories) laundered.add(id);
    report.launderingFlags = laundered.size;
  };
  let sinceFlush = 0;
  const mode = options.prepare ?? 'auto';
  const preparer = new PagePreparer(app, detector, affiliations, mode);
  const iterator = pages[Symbol.asyncIterator]();
  try {
    let next = await iterator.next();
    if (!next.done) preparer.ahead(next.value);
    for (let first = true; !next.done; first = false) {
      const page = next.value;
      // Read the next page now so the worker prepares it while this one is decided and written
      // (not with `inline`, which reads each page after the previous one is written, as before).
      if (mode !== 'inline') {
        next = await iterator.next();
        if (!next.done) preparer.ahead(next.value);
      }
      // The previous page may still be committing (PageWrites.commit): until it lands, reads of
      // items' stories go through the page views, which show its moves; the near-duplicate
      // candidates come from the run's index. Everything else waits for it below.
      if (!first && mode !== 'inline') await refreshStoryIds(pageApp, session, page);
      const prepared = await waited('prepare', () => timed('prepare', () => preparer.take(page)));
      // Without the run's index the near-duplicate stage reads candidates from the store and writes
      // signatures item by item; with it, dropping part of the index or loading the store's band
      // filter reads the store at large. Either needs the previous page stored.
      if (!session || session.readsStoreAtLarge(prepared.near.reduce((n, x) => n + x.bands.length, 0)))
        await waited('commit', () => writes.landed());
      writes.begin(page);
      // Both story stages item by item: item i's near-duplicate decision, then its link, each
      // seeing every story change made before it and no later item, so decisions do not depend on
      // where pages begin. Candidates of both stages are found for the whole page first.
      const gp = await timed('group', () =>
        GroupPage.open(pageApp, writes.trace, page, session, prepared.near),
      );
      // the link stage writes (anchors) and reads stories' members and sizes: the store must hold the previous page
      await waited('commit', () => writes.landed());
      const lp = await timed('link', () =>
        LinkPage.open(pageApp, page, {
          trace: writes.trace,
          defer: due,
          anchors: prepared.anchors,
          writeEach: true,
          ...(session ? { session } : {}),
          ...(embedder ? { embedder } : {}),
        }),
      );
      await timed('group', async () => {
        for (let i = 0; i < page.length; i++) {
          const made = gp.decide(i);
          if (made.length) {
            await pageApp.store.assignStories(made);
            for (const a of made) lp.setStory(a.itemId, a.storyId);
          }
          for (const [itemId, storyId] of await lp.decide(i)) gp.setStory(itemId, storyId);
        }
      });
      await timed('group', () => gp.finish());
      const l = await timed('link', () => lp.finish());
      report.storyLinks += gp.report.links;
      report.newStories += gp.report.created;
      report.copyLinks += gp.report.copies;
      report.translationLinks += l.translations;
      report.rewriteLinks += l.rewrites;
      report.detections += await timed('detect', () =>
        detectStage(app, page, detector, affiliations, prepared.detections),
      );
      writes.commit(
        page.map((i) => i.id),
        app.clock.now().toISOString(),
      );
      report.analysed += page.length;
      sinceFlush += page.length;
      if (provenanceDue(sinceFlush, report.analysed)) {
        await flush();
        sinceFlush = 0;
      }
      options.onProgress?.({ analysed: report.analysed });
      if (mode === 'inline') next = await iterator.next();
    }
    await flush();
  } catch (e) {
    // a page handed over before the failure is committed (or fails) before the store closes
    await writes.landed().catch(() => {});
    throw e;
  } finally {
    await iterator.return?.();
    await preparer.close();
    report.prepare = preparer.stats;
    await trace.close();
  }
  if (options.all) await recordTaxonomy(app, detector.taxonomy);
  await alertsAfterAnalyse(app);
  return report;
}

/**
 * A page read ahead was read before the previous page's stories were written: the story ids its
 * items carry may be stale (an item of a later page joins a story early as an exact copy), and the
 * page's held-back writes count from them. The session knows every item the run assigned; an item
 * the session does not hold but that was already in a story may have moved with a merge, so it is
 * read again. Without a session every item is read again.
 */
async function refreshStoryIds(app: Ogoh, session: StorySession | undefined, page: Item[]): Promise<void> {
  const reread: string[] = [];
  for (const item of page) {
    const s = session?.storyOf(item.id);
    if (s !== undefined) item.storyId = s;
    else if (item.storyId !== undefined || !session) reread.push(item.id);
  }
  if (reread.length === 0) return;
  const fresh = new Map((await app.store.getItems(reread)).map((i) => [i.id, i.storyId]));
  for (const item of page) {
    if (!fresh.has(item.id)) continue;
    const s = fresh.get(item.id);
    if (s === undefined) delete item.storyId;
    else item.storyId = s;
  }
}
