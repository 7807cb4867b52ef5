/**
 * `ogoh analyze`: runs the analysis stages over stored items not yet analysed (or all of them).
 * Stages per page: exact and near-duplicate grouping into stories, cross-language story links and
 * provenance, then narrative and technique detection.
 * Idempotent: re-running analyses nothing new; `--all` recomputes and replaces.
 */
import type { Ogoh } from '../context.ts';
import { alertsAfterAnalyse } from './alerts.ts';
import { type Detector, detectStage, loadDetector } from './detect-items.ts';
import { operatorEmbedder } from './embedding.ts';
import { groupStories, NEAR_CANDIDATES } from './group-stories.ts';
import { StorySession } from './story-session.ts';
import { recordTaxonomy, redetectForTaxonomy, type TaxonomyRefresh } from './taxonomy-refresh.ts';
import { linkStories, openTrace, type ProvenanceDue, refreshTouched } from './trace-story.ts';

/**
 * Provenance of the stories analysis grew is rebuilt every this many pages and at the end, not
 * per page: a story growing on every page would be rebuilt on every page. Stories left stale by
 * a crash in between are rebuilt by `ogoh trends` and `ogoh trace --cascades` (staleProvenance).
 */
const PROVENANCE_EVERY_PAGES = 10;

export interface AnalyseOptions {
  all?: boolean;
  since?: string;
  batchSize?: number;
  onProgress?: (p: { analysed: number }) => void;
  /**
   * Keep the near-duplicate index in memory for the run (default; warmed from the store). `false`
   * reads it from the store page by page: the same decisions, slower; kept to compare the two.
   */
  memoryIndex?: boolean;
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
  /** CPU seconds of this process per stage (the story clustering stages are group and link) */
  cpuSeconds: { group: number; link: number; provenance: number; detect: number };
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
    cpuSeconds: { group: 0, link: 0, provenance: 0, detect: 0 },
  };
  const cpu = report.cpuSeconds;
  const timed = async <T>(stage: keyof typeof cpu, fn: () => Promise<T>): Promise<T> => {
    const c0 = process.cpuUsage();
    try {
      return await fn();
    } finally {
      const c = process.cpuUsage(c0);
      cpu[stage] = Math.round((cpu[stage] + (c.user + c.system) / 1e6) * 100) / 100;
    }
  };
  const detector: Detector = await loadDetector(app);
  // OGOH_EMBED_MODEL: the operator's embedding model adds recall to cross-language story links
  const embedder = await operatorEmbedder();
  const affiliations = new Map((await app.store.listSources()).map((s) => [s.id, s.affiliation]));
  // An edited taxonomy: first re-detect what was analysed under the previous one (--all redoes all).
  if (!options.all) report.taxonomy = await redetectForTaxonomy(app, detector, affiliations);
  const pages = app.store.itemsToAnalyse({
    batchSize: options.batchSize ?? 2000,
    ...(options.all ? { all: true } : {}),
    ...(options.since ? { since: options.since } : {}),
  });
  // one trace connection for the run, not one per page
  const trace = await openTrace(app);
  // the run's band buckets and exact-copy lists stay in memory across pages (warmed from the store)
  const session =
    trace.storyCandidates && options.memoryIndex !== false
      ? new StorySession(trace, NEAR_CANDIDATES)
      : undefined;
  const laundered = new Set<string>();
  const due: ProvenanceDue = { touched: new Set(), linked: new Set() };
  const flush = async () => {
    const p = await timed('provenance', () => refreshTouched(app, trace, due));
    for (const id of p.launderedStories) laundered.add(id);
    report.launderingFlags = laundered.size;
  };
  let pagesSinceFlush = 0;
  try {
    for await (const page of pages) {
      const r = await timed('group', () => groupStories(app, trace, page, session));
      report.storyLinks += r.links;
      report.newStories += r.created;
      report.copyLinks += r.copies;
      // cross-language links, provenance, laundering alerts (trace-story.ts)
      const l = await timed('link', () =>
        linkStories(app, page, {
          trace,
          defer: due,
          ...(session ? { session } : {}),
          ...(embedder ? { embedder } : {}),
        }),
      );
      report.translationLinks += l.translations;
      report.rewriteLinks += l.rewrites;
      report.detections += await timed('detect', () => detectStage(app, page, detector, affiliations));
      await app.store.markAnalysed(
        page.map((i) => i.id),
        app.clock.now().toISOString(),
      );
      report.analysed += page.length;
      if (++pagesSinceFlush >= PROVENANCE_EVERY_PAGES) {
        await flush();
        pagesSinceFlush = 0;
      }
      options.onProgress?.({ analysed: report.analysed });
    }
    await flush();
  } finally {
    await trace.close();
  }
  if (options.all) await recordTaxonomy(app, detector.taxonomy);
  await alertsAfterAnalyse(app);
  return report;
}
