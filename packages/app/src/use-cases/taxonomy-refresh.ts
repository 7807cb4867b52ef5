/**
 * The taxonomy in force and what `ogoh analyze` does when it changes. The operator points Ogoh at
 * an edited taxonomy with `--taxonomy FILE` (CLI) or OGOH_TAXONOMY; without either, the bundled
 * file is used. Every detection stores the taxonomy version it was made under, and the store's
 * side folder keeps a fingerprint of the taxonomy the store was last analysed with
 * (`<models dir>/analysed-taxonomy.json`: version plus one hash per narrative), so a run under
 * another taxonomy re-detects the items analysed before — replacing, never doubling, their
 * detections — and says which narratives changed.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Affiliation } from '@ogoh/core';
import { digest } from '@ogoh/core';
import type { Taxonomy } from '@ogoh/detect';
import type { Ogoh } from '../context.ts';
import { type Detector, detectStage } from './detect-items.ts';
import { modelsDir } from './models.ts';

/** What a store remembers of the taxonomy it was analysed with. */
export interface TaxonomyFingerprint {
  version: string;
  /** hash of the scoring section and the convergence pairs: a change there touches every label */
  shared: string;
  /** narrative id → hash of its definition (cues, weights, threshold, family, links) */
  narratives: Record<string, string>;
}

export function taxonomyFingerprint(t: Taxonomy): TaxonomyFingerprint {
  const narratives: Record<string, string> = {};
  for (const n of t.narratives) narratives[n.id] = digest(JSON.stringify(n)).slice(0, 12);
  return {
    version: t.version,
    // a pair's translated mechanisms are display text: never part of what detection depends on
    shared: digest(
      JSON.stringify({
        s: t.scoring,
        p: t.convergencePairs.map(({ mechanisms: _display, ...p }) => p),
        f: t.actorFamilies,
      }),
    ).slice(0, 12),
    narratives,
  };
}

/** Narratives added, removed or redefined between two fingerprints; every one when `shared` changed. */
export function changedNarratives(before: TaxonomyFingerprint, after: TaxonomyFingerprint): string[] {
  const ids = new Set([...Object.keys(before.narratives), ...Object.keys(after.narratives)]);
  const all = before.shared !== after.shared;
  return [...ids].filter((id) => all || before.narratives[id] !== after.narratives[id]).sort();
}

export interface TaxonomyRefresh {
  /** the taxonomy version the store was analysed with before (absent: not recorded) */
  previous?: string;
  current: string;
  /** narratives whose definition changed (added, removed or edited) */
  changed: string[];
  /** items whose detections were made again under the current taxonomy */
  redetected: number;
  /** narrative, technique and convergence flags those items now carry */
  detections: number;
}

function statePath(app: Pick<Ogoh, 'location'>): string | undefined {
  if (app.location === ':memory:') return undefined;
  return join(modelsDir(app), 'analysed-taxonomy.json');
}

async function readState(path: string): Promise<TaxonomyFingerprint | undefined> {
  if (!existsSync(path)) return undefined;
  try {
    const v = JSON.parse(await readFile(path, 'utf8')) as TaxonomyFingerprint;
    if (typeof v.version === 'string' && typeof v.shared === 'string' && v.narratives) return v;
  } catch {
    // an unreadable record is treated as none: the scan below finds what is stale
  }
  return undefined;
}

/** Records the taxonomy the store is now analysed with (atomic rename). */
export async function recordTaxonomy(app: Pick<Ogoh, 'location'>, taxonomy: Taxonomy): Promise<void> {
  const path = statePath(app);
  if (!path) return;
  await mkdir(modelsDir(app), { recursive: true });
  const tmp = `${path}.tmp`;
  await writeFile(tmp, `${JSON.stringify(taxonomyFingerprint(taxonomy), null, 1)}\n`);
  await rename(tmp, path);
}

/**
 * Before `analyze` handles new items: when the store was analysed under another taxonomy, detect
 * again every stored item (its old detections are replaced, so re-running is idempotent). With no
 * record of the previous taxonomy, only items holding detections of another version are redone.
 * The new taxonomy is recorded only once every page is done, so an interrupted run resumes.
 */
export async function redetectForTaxonomy(
  app: Ogoh,
  detector: Detector,
  affiliations: Map<string, Affiliation>,
  options: { batchSize?: number } = {},
): Promise<TaxonomyRefresh> {
  const now = taxonomyFingerprint(detector.taxonomy);
  const out: TaxonomyRefresh = { current: now.version, changed: [], redetected: 0, detections: 0 };
  const path = statePath(app);
  if (!path) return out;
  const before = await readState(path);
  if (before?.version === now.version) return out;
  if (before) {
    out.previous = before.version;
    out.changed = changedNarratives(before, now);
  }
  if (before || (await app.store.stats()).detections > 0) {
    const seen = new Set<string>();
    for await (const page of app.store.itemsToAnalyse({ all: true, batchSize: options.batchSize ?? 2000 })) {
      let redo = page;
      if (!before) {
        const stale = new Set<string>();
        for (const d of await app.store.detectionsFor(page.map((i) => i.id)))
          if (d.kind !== 'claim' && d.taxonomyVersion !== now.version) {
            stale.add(d.itemId);
            if (d.taxonomyVersion) seen.add(d.taxonomyVersion);
          }
        redo = page.filter((i) => stale.has(i.id));
      }
      if (redo.length === 0) continue;
      out.detections += await detectStage(app, redo, detector, affiliations);
      out.redetected += redo.length;
    }
    if (!before && seen.size > 0) out.previous = [...seen].sort().join(', ');
  }
  await recordTaxonomy(app, detector.taxonomy);
  return out;
}

/** The taxonomy in force against the one the store was last analysed with (for `ogoh taxonomy`). */
export async function taxonomyStatus(
  app: Pick<Ogoh, 'location'>,
  taxonomy: Taxonomy,
): Promise<{ current: string; analysedWith?: string; changed: string[]; narratives: number }> {
  const now = taxonomyFingerprint(taxonomy);
  const path = statePath(app);
  const before = path ? await readState(path) : undefined;
  const out: { current: string; analysedWith?: string; changed: string[]; narratives: number } = {
    current: now.version,
    changed: before ? changedNarratives(before, now) : [],
    narratives: taxonomy.narratives.length,
  };
  if (before) out.analysedWith = before.version;
  return out;
}
