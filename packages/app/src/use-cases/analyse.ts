/**
 * `ogoh analyze`: runs the analysis stages over stored items not yet analysed (or all of them).
 * Stages per page: exact and near-duplicate grouping into stories, cross-language story links and
 * provenance, then narrative and technique detection.
 * Idempotent: re-running analyses nothing new; `--all` recomputes and replaces.
 */
import type { Item, StoryAssignment } from '@ogoh/core';
import { makeId } from '@ogoh/core';
import { bandKeys, decideStory, shingleHashes, signature } from '@ogoh/trace';
import type { Ogoh } from '../context.ts';
import { type Detector, detectStage, loadDetector } from './detect-items.ts';
import { recordTaxonomy, redetectForTaxonomy, type TaxonomyRefresh } from './taxonomy-refresh.ts';
import { linkStories } from './trace-story.ts';

export interface AnalyseOptions {
  all?: boolean;
  since?: string;
  batchSize?: number;
  onProgress?: (p: { analysed: number }) => void;
}

export interface AnalyseReport {
  analysed: number;
  /** items that joined an existing story or started one with another item */
  storyLinks: number;
  newStories: number;
  /** narrative and technique flags stored */
  detections: number;
  /** items re-detected because the taxonomy changed since the store was last analysed */
  taxonomy?: TaxonomyRefresh;
}

export async function analyse(app: Ogoh, options: AnalyseOptions = {}): Promise<AnalyseReport> {
  const report: AnalyseReport = { analysed: 0, storyLinks: 0, newStories: 0, detections: 0 };
  const detector: Detector = await loadDetector(app);
  const affiliations = new Map((await app.store.listSources()).map((s) => [s.id, s.affiliation]));
  // An edited taxonomy: first re-detect what was analysed under the previous one (--all redoes all).
  if (!options.all) report.taxonomy = await redetectForTaxonomy(app, detector, affiliations);
  const pages = app.store.itemsToAnalyse({
    batchSize: options.batchSize ?? 2000,
    ...(options.all ? { all: true } : {}),
    ...(options.since ? { since: options.since } : {}),
  });
  for await (const page of pages) {
    const r = await groupStories(app, page);
    report.storyLinks += r.links;
    report.newStories += r.created;
    await linkStories(app, page); // cross-language links, provenance, laundering alerts (trace-story.ts)
    report.detections += await detectStage(app, page, detector, affiliations);
    await app.store.markAnalysed(
      page.map((i) => i.id),
      app.clock.now().toISOString(),
    );
    report.analysed += page.length;
    options.onProgress?.({ analysed: report.analysed });
  }
  if (options.all) await recordTaxonomy(app, detector.taxonomy);
  return report;
}

/** Assigns each item of a page to the story of its best earlier copy, or leaves it alone. */
async function groupStories(app: Ogoh, page: Item[]): Promise<{ links: number; created: number }> {
  const prepared = page.map((item) => {
    const sh = shingleHashes(item.foldText);
    const sig = signature(sh);
    return { item, shingles: sh.length, sig, bands: bandKeys(sig) };
  });
  await app.store.putSignatures(
    prepared.map((p) => ({ itemId: p.item.id, signature: p.sig, bands: p.bands })),
  );
  // Stories decided earlier in this page are not in the store yet.
  const pending = new Map<string, string>();
  const assignments: StoryAssignment[] = [];
  let created = 0;
  for (const p of prepared) {
    const [byHash, byBands] = await Promise.all([
      app.store.candidatesByContentHash(p.item.contentHash, p.item.id),
      p.bands.length ? app.store.candidatesByBands(p.bands, p.item.id) : Promise.resolve([]),
    ]);
    const candidates = [...byHash, ...byBands].map((c) => ({
      ...c,
      storyId: pending.get(c.itemId) ?? c.storyId,
    }));
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
    if (!m) continue;
    let storyId = m.storyId;
    if (!storyId) {
      storyId = makeId('st', m.itemId);
      created++;
      pending.set(m.itemId, storyId);
      assignments.push({ storyId, itemId: m.itemId, link: 'first', similarity: 1 });
    }
    pending.set(p.item.id, storyId);
    assignments.push({ storyId, itemId: p.item.id, link: m.link, similarity: m.similarity });
  }
  if (assignments.length) await app.store.assignStories(assignments);
  return { links: assignments.length, created };
}
