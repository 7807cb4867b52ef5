/**
 * The detection stage of `ogoh analyze` and the detector behind `ogoh check`: narratives and
 * persuasion techniques from the taxonomy's cues plus the store's trained models (if any), every
 * flag stored with its evidence, explanation, model version and taxonomy version.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Affiliation, Detection, Item, Lang } from '@ogoh/core';
import { makeId, OgohError } from '@ogoh/core';
import {
  convergenceInItem,
  type DenseHead,
  type DetectResult,
  detect,
  type Embedder,
  type Model,
  paragraphTexts,
  type Taxonomy,
} from '@ogoh/detect';
import type { Ogoh } from '../context.ts';
import { denseHead } from './embedding.ts';
import { currentModel, modelsDir } from './models.ts';
import { operatorTaxonomy } from './taxonomy-file.ts';

export interface Detector {
  taxonomy: Taxonomy;
  narrativeModel?: Model;
  techniqueModel?: Model;
  /** the embedding plug-in's narrative head and the embedder it was trained on (OGOH_EMBED_MODEL) */
  dense?: { head: DenseHead; embedder: Embedder };
  /** the plug-in's technique head (paragraph vectors from the same embedder), trained by `ogoh train techniques` */
  denseTechniques?: { head: DenseHead; embedder: Embedder };
}

/**
 * The taxonomy in force (OGOH_TAXONOMY or the bundled one) and the store's current models.
 * `dense: false` leaves out the embedding plug-in's heads (the prepare pool's worker thread does
 * not load the embedding model; pages needing it are detected on the main thread).
 */
export async function loadDetector(
  app?: Pick<Ogoh, 'location'>,
  options: { dense?: boolean } = {},
): Promise<Detector> {
  const d: Detector = { taxonomy: operatorTaxonomy() };
  if (app) {
    const none = Promise.resolve(undefined);
    const [n, t, dense, denseT] = await Promise.all([
      currentModel(app, 'narratives'),
      currentModel(app, 'techniques'),
      options.dense === false ? none : denseHead(app, 'narratives'),
      options.dense === false ? none : denseHead(app, 'techniques'),
    ]);
    if (n) d.narrativeModel = n;
    if (t) d.techniqueModel = t;
    if (dense) d.dense = dense;
    if (denseT) d.denseTechniques = denseT;
  }
  return d;
}

const cachedDetectors = new Map<string, { key: string; detector: Promise<Detector> }>();

/**
 * `loadDetector` for a long-running process (the API's text check): loaded again only when a model
 * file, a head or the taxonomy changed since the last call (`ogoh train` installs by atomic rename,
 * so a changed modification time or size means a new model).
 */
export async function cachedDetector(app: Pick<Ogoh, 'location'>): Promise<Detector> {
  const dir = modelsDir(app);
  const stamp = (f: string) => {
    try {
      const s = statSync(join(dir, f));
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return '-';
    }
  };
  const key = [
    ...['narratives.json', 'techniques.json', 'narratives.weights', 'techniques.weights'].map(stamp),
    ...['narratives.dense.json', 'techniques.dense.json'].map(stamp),
    operatorTaxonomy().version,
    process.env.OGOH_EMBED_MODEL ?? '',
  ].join('|');
  const hit = cachedDetectors.get(app.location);
  if (hit?.key === key) return hit.detector;
  const detector = loadDetector(app);
  cachedDetectors.set(app.location, { key, detector });
  detector.catch(() => cachedDetectors.delete(app.location));
  return detector;
}

export function runDetector(
  detector: Detector,
  text: string,
  opts: {
    lang?: Lang;
    affiliation?: Affiliation;
    vector?: Float32Array;
    /** one vector per paragraph (`paragraphTexts`), for the technique head */
    paragraphVectors?: readonly Float32Array[];
  } = {},
): DetectResult {
  return detect(text, {
    taxonomy: detector.taxonomy,
    ...(detector.narrativeModel ? { narrativeModel: detector.narrativeModel } : {}),
    ...(detector.techniqueModel ? { techniqueModel: detector.techniqueModel } : {}),
    ...(opts.lang && opts.lang !== 'und' ? { lang: opts.lang } : {}),
    ...(opts.affiliation ? { sourceAffiliation: opts.affiliation } : {}),
    ...(detector.dense && opts.vector ? { dense: { head: detector.dense.head, vector: opts.vector } } : {}),
    ...(detector.denseTechniques && opts.paragraphVectors
      ? { denseTechniques: { head: detector.denseTechniques.head, vectors: opts.paragraphVectors } }
      : {}),
  });
}

/**
 * Paragraph vectors for the technique head, for many texts in one embedding pass: per text, its
 * paragraphs as detection splits them. Undefined without a technique head.
 */
export async function paragraphVectorsFor(
  detector: Detector,
  texts: readonly { text: string; lang?: Lang }[],
): Promise<Float32Array[][] | undefined> {
  const dt = detector.denseTechniques;
  if (!dt) return undefined;
  const paragraphs = texts.map((t) =>
    paragraphTexts(t.text, t.lang && t.lang !== 'und' ? t.lang : undefined),
  );
  const flat = await dt.embedder.embed(paragraphs.flat());
  let at = 0;
  return paragraphs.map((ps) => {
    const out = flat.slice(at, at + ps.length);
    at += ps.length;
    return out;
  });
}

/** Model label stored with each detection: the model version, or the taxonomy's cue matcher. */
function modelName(r: DetectResult, kind: 'narratives' | 'techniques'): string {
  return r.modelVersions[kind] ?? `cues-${r.taxonomyVersion}`;
}

/**
 * Detections of one item as store records (flagged labels only), plus a `convergence` record for each
 * convergence pair whose narratives of different actor families meet in the item — a hypothesis for
 * an analyst, with the pair's mechanism and the members' evidence.
 */
export function toDetections(
  item: Pick<Item, 'id'>,
  r: DetectResult,
  at: string,
  taxonomy?: Taxonomy,
): Detection[] {
  const out: Detection[] = [];
  for (const c of convergenceInItem(r.narratives, taxonomy)) {
    out.push({
      id: makeId('dt', item.id, 'convergence', c.pair),
      itemId: item.id,
      kind: 'convergence',
      label: c.pair,
      score: c.score,
      evidence: c.narratives.flatMap((n) => n.evidence),
      explain: {
        hypothesis: true,
        mechanism: c.mechanism,
        grounding: c.grounding,
        narratives: c.narratives.map((n) => ({ id: n.id, family: n.family, score: n.score })),
      },
      model: modelName(r, 'narratives'),
      taxonomyVersion: r.taxonomyVersion,
      createdAt: at,
    });
  }
  for (const n of r.narratives) {
    if (!n.flagged) continue;
    out.push({
      id: makeId('dt', item.id, 'narrative', n.id),
      itemId: item.id,
      kind: 'narrative',
      label: n.id,
      score: n.score,
      evidence: n.evidence,
      explain: { ...n.explain, threshold: n.threshold },
      model: modelName(r, 'narratives'),
      taxonomyVersion: r.taxonomyVersion,
      createdAt: at,
    });
  }
  for (const t of r.techniques) {
    if (!t.flagged) continue;
    out.push({
      id: makeId('dt', item.id, 'technique', t.id),
      itemId: item.id,
      kind: 'technique',
      label: t.id,
      score: t.score,
      evidence: t.spans,
      explain: { ...t.explain, threshold: t.threshold },
      model: modelName(r, 'techniques'),
      taxonomyVersion: r.taxonomyVersion,
      createdAt: at,
    });
  }
  return out;
}

/** An item's text as detection reads it: the title, a blank line, the body. */
export function detectionText(item: Pick<Item, 'title' | 'text'>): string {
  return item.title ? `${item.title}\n\n${item.text}` : item.text;
}

/**
 * Versions a detector flags with: two detectors with equal versions flag the same (the prepare
 * pool's worker loads its own detector and its flags are used only when these match).
 */
export function detectorVersions(d: Detector): string {
  return [
    d.taxonomy.version,
    d.narrativeModel?.meta.version ?? '-',
    d.techniqueModel?.meta.version ?? '-',
  ].join('|');
}

/**
 * An item's detections from the cues and trained models alone (no embedding heads): pure compute,
 * so the prepare pool runs it ahead on another thread. `createdAt` is left empty: the stage stamps
 * it when it stores them.
 */
export function detectionsOf(
  detector: Detector,
  item: Pick<Item, 'id' | 'title' | 'text' | 'lang'>,
  affiliation: Affiliation | undefined,
): Detection[] {
  const r = runDetector(detector, detectionText(item), {
    lang: item.lang,
    ...(affiliation ? { affiliation } : {}),
  });
  return toDetections(item, r, '', detector.taxonomy);
}

/**
 * Detects on a page of items and replaces their stored narrative and technique detections.
 * `prepared` (per item in page order, from detectionsOf with the same detector versions) are used
 * instead of detecting here; only without the embedding heads, which run here.
 */
export async function detectStage(
  app: Ogoh,
  page: Item[],
  detector: Detector,
  affiliations: Map<string, Affiliation>,
  prepared?: readonly Detection[][],
): Promise<number> {
  const at = app.clock.now().toISOString();
  if (prepared) {
    if (detector.dense || detector.denseTechniques || prepared.length !== page.length)
      throw new OgohError(
        'INTERNAL',
        'prepared detections need a detector without embedding heads, one list per item',
      );
    const detections = prepared.flat();
    for (const d of detections) d.createdAt = at;
    return storeDetections(app, page, detector, detections);
  }
  const detections: Detection[] = [];
  const texts = page.map(detectionText);
  // the embedding plug-in: one batched pass over the page before the per-item detection
  const vectors = detector.dense ? await detector.dense.embedder.embed(texts) : undefined;
  const paragraphVectors = await paragraphVectorsFor(
    detector,
    page.map((item, i) => ({ text: texts[i]!, lang: item.lang })),
  );
  for (const [i, item] of page.entries()) {
    const text = texts[i]!;
    const affiliation = affiliations.get(item.sourceId);
    const vector = vectors?.[i];
    const pv = paragraphVectors?.[i];
    const r = runDetector(detector, text, {
      lang: item.lang,
      ...(affiliation ? { affiliation } : {}),
      ...(vector ? { vector } : {}),
      ...(pv ? { paragraphVectors: pv } : {}),
    });
    detections.push(...toDetections(item, r, at, detector.taxonomy));
  }
  return storeDetections(app, page, detector, detections);
}

async function storeDetections(
  app: Ogoh,
  page: Item[],
  detector: Detector,
  detections: Detection[],
): Promise<number> {
  const ids = page.map((i) => i.id);
  // Re-analysis replaces what any cue matcher or model version produced for these items before,
  // so a retrained model or an edited taxonomy leaves no stale flags behind.
  const previous = await app.store.detectionsFor(ids);
  const models = new Set(detections.map((d) => d.model));
  models.add(`cues-${detector.taxonomy.version}`);
  for (const d of previous) if (d.kind !== 'claim') models.add(d.model);
  await app.store.replaceDetections(ids, detections, { models: [...models] });
  return detections.length;
}
