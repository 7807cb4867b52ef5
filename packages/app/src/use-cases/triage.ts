/**
 * The triage queue and the feedback loop. The queue lists flagged items no analyst has reviewed
 * yet, most informative first, so each verdict teaches the next model the most (active learning)
 * and the items most worth checking are seen early:
 *
 *   priority = 0.5 × uncertainty + 0.35 × check-worthiness + 0.15 × recency
 *
 * - uncertainty: for the item's least certain unreviewed detection, 1 − |score − threshold| /
 *   max(threshold, 1 − threshold) — 1 when the score sits on the label's threshold, 0 when it is as
 *   far from it as the scale allows (uncertainty sampling);
 * - check-worthiness: `checkWorthiness` from @ogoh/detect over the item's text, its stored
 *   detections and its Telegram reach (figures, named actors, narratives, strong techniques, views);
 * - recency: halves every 7 days since publication (collection time when undated).
 *
 * Ranking reads at most `window` unreviewed detections (newest items first) that match the filters;
 * the page says how many it considered and whether the window was full. Every entry carries its
 * reasons in words (`why`). Verdicts are appended to the feedback history; the latest one counts.
 */
import { randomUUID } from 'node:crypto';
import {
  type Detection,
  type DetectionQuery,
  Feedback,
  type FeedbackPage,
  type FeedbackQuery,
  type FeedbackStore,
  type Item,
  OgohError,
  type ReviewedDetection,
  type Span,
  VERDICTS,
  type Verdict,
} from '@ogoh/core';
import { checkWorthiness, defaultTaxonomy, TECHNIQUE_IDS, type Worthiness } from '@ogoh/detect';
import { openFeedbackStore } from '@ogoh/store';
import type { Ogoh } from '../context.ts';

export const TRIAGE_WEIGHTS = { uncertainty: 0.5, worthiness: 0.35, recency: 0.15 } as const;
const RECENCY_HALF_LIFE_DAYS = 7;
const DEFAULT_WINDOW = 2000;
const MAX_WINDOW = 20_000;
const DAY_MS = 86_400_000;

/**
 * Check-worthiness reads the whole text (tokens, stems, figures, actors): the costliest part of
 * ranking. Its inputs are the item's text, reach and unrejected flags, so a result keyed by them is
 * reused across pages and refreshes (least recently used evicted first).
 */
const WORTHINESS_CACHE = 50_000;
const worthinessCache = new Map<string, Worthiness>();

/** Opens the feedback tables of the app's store (close it when done). */
export async function openFeedback(app: Pick<Ogoh, 'location'>): Promise<FeedbackStore> {
  return openFeedbackStore(app.location);
}

export interface TriageFilters {
  narrative?: string;
  technique?: string;
  lang?: string;
  sourceId?: string;
  minScore?: number;
}

export interface TriageOptions extends TriageFilters {
  /** entries per page (default 20, at most 200) */
  limit?: number;
  cursor?: string;
  /** unreviewed detections read to rank (default 2000) */
  window?: number;
}

export interface TriageDetection {
  id: string;
  kind: Detection['kind'];
  label: string;
  score: number;
  /** the label's threshold the score was flagged against (0.5 when the detection does not say) */
  threshold: number;
  /** UTF-16 offsets into the entry's `text` */
  evidence: Span[];
  explain: Detection['explain'];
  model: string;
  taxonomyVersion?: string;
  /** the latest verdict, when reviewed */
  review?: Pick<Feedback, 'verdict' | 'actor' | 'at'> & { newLabel?: string; reason?: string };
}

export interface TriageEntry {
  itemId: string;
  sourceId: string;
  lang: string;
  published?: string;
  url?: string;
  title?: string;
  /** the text detection ran on (title, blank line, body): evidence offsets point into it */
  text: string;
  detections: TriageDetection[];
  priority: number;
  why: {
    uncertainty: number;
    worthiness: number;
    recency: number;
    /** reasons in words, strongest first */
    reasons: string[];
  };
  models: string[];
  taxonomyVersions: string[];
}

export interface TriagePage {
  entries: TriageEntry[];
  next?: string;
  /** unreviewed detections read to rank this page, and whether the window stopped the reading */
  considered: number;
  windowFull: boolean;
  weights: typeof TRIAGE_WEIGHTS;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function thresholdOf(d: Detection): number {
  const t = d.explain.threshold;
  return typeof t === 'number' && t > 0 && t < 1 ? t : 0.5;
}

/** 1 on the threshold, 0 as far from it as the [0, 1] scale allows. */
export function uncertainty(score: number, threshold: number): number {
  const span = Math.max(threshold, 1 - threshold);
  return Math.max(0, 1 - Math.abs(score - threshold) / span);
}

function encodeCursor(priority: number, itemId: string): string {
  return Buffer.from(JSON.stringify([priority, itemId]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    v = undefined;
  }
  if (!Array.isArray(v) || typeof v[0] !== 'number' || typeof v[1] !== 'string')
    throw new OgohError('USAGE', 'the triage cursor is not one this queue handed out', {
      field: 'cursor',
      hint: 'start again without a cursor',
    });
  return [v[0], v[1]];
}

function positiveInt(v: number | undefined, field: string, fallback: number, max: number): number {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < 1)
    throw new OgohError('USAGE', `${field} must be a positive whole number, got ${v}`, { field });
  return Math.min(v, max);
}

function detectionQuery(f: TriageFilters): DetectionQuery {
  const q: DetectionQuery = { review: 'unreviewed' };
  if (f.narrative !== undefined) {
    q.kind = 'narrative';
    q.label = f.narrative;
  } else if (f.technique !== undefined) {
    q.kind = 'technique';
    q.label = f.technique;
  }
  if (f.lang !== undefined) q.lang = f.lang;
  if (f.sourceId !== undefined) q.sourceId = f.sourceId;
  if (f.minScore !== undefined) {
    if (!(f.minScore >= 0 && f.minScore <= 1))
      throw new OgohError('USAGE', `min score must be between 0 and 1, got ${f.minScore}`, {
        field: 'minScore',
      });
    q.minScore = f.minScore;
  }
  return q;
}

function toTriageDetection(d: Detection, latest: Feedback | undefined): TriageDetection {
  const out: TriageDetection = {
    id: d.id,
    kind: d.kind,
    label: d.label,
    score: d.score,
    threshold: thresholdOf(d),
    evidence: d.evidence,
    explain: d.explain,
    model: d.model,
  };
  if (d.taxonomyVersion !== undefined) out.taxonomyVersion = d.taxonomyVersion;
  if (latest) {
    const review: NonNullable<TriageDetection['review']> = {
      verdict: latest.verdict,
      actor: latest.actor,
      at: latest.at,
    };
    if (latest.newLabel !== undefined) review.newLabel = latest.newLabel;
    if (latest.reason !== undefined) review.reason = latest.reason;
    out.review = review;
  }
  return out;
}

function rank(item: Item, detections: TriageDetection[], now: number): Omit<TriageEntry, 'itemId'> {
  const text = item.title ? `${item.title}\n\n${item.text}` : item.text;
  const open = detections.filter((d) => !d.review);
  let u = 0;
  let doubtful: TriageDetection | undefined;
  for (const d of open) {
    const x = uncertainty(d.score, d.threshold);
    if (x > u || doubtful === undefined) {
      u = Math.max(u, x);
      doubtful = d;
    }
  }
  const flagged = (kind: Detection['kind']) =>
    detections
      .filter((d) => d.kind === kind && d.review?.verdict !== 'reject')
      .map((d) => ({ id: d.label, score: d.score, flagged: true }));
  const reach: { views?: number; forwards?: number } = {};
  if (item.telegram?.views !== undefined) reach.views = item.telegram.views;
  if (item.telegram?.forwards !== undefined) reach.forwards = item.telegram.forwards;
  const narratives = flagged('narrative');
  const techniques = flagged('technique');
  const key = `${item.id}\u001f${item.contentHash}\u001f${reach.views ?? ''}/${reach.forwards ?? ''}\u001f${[...narratives, ...techniques].map((x) => `${x.id}:${x.score}`).join(',')}`;
  let w = worthinessCache.get(key);
  if (w === undefined) {
    w = checkWorthiness({
      text,
      result: { ...(item.lang !== 'und' ? { lang: item.lang } : {}), narratives, techniques },
      ...(Object.keys(reach).length ? { reach } : {}),
    });
    if (worthinessCache.size >= WORTHINESS_CACHE)
      worthinessCache.delete(worthinessCache.keys().next().value!);
    worthinessCache.set(key, w);
  } else {
    // refresh its place in the eviction order
    worthinessCache.delete(key);
    worthinessCache.set(key, w);
  }
  const when = Date.parse(item.published ?? item.collectedAt);
  const ageDays = Number.isFinite(when) ? Math.max(0, (now - when) / DAY_MS) : Number.POSITIVE_INFINITY;
  const r = 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS);
  const priority =
    TRIAGE_WEIGHTS.uncertainty * u + TRIAGE_WEIGHTS.worthiness * w.score + TRIAGE_WEIGHTS.recency * r;
  const reasons: [number, string][] = [];
  if (doubtful)
    reasons.push([
      TRIAGE_WEIGHTS.uncertainty * u,
      `${doubtful.label} scored ${round(doubtful.score, 2)} against its threshold ${round(doubtful.threshold, 2)}: a verdict here teaches the model most`,
    ]);
  if (w.score > 0)
    reasons.push([
      TRIAGE_WEIGHTS.worthiness * w.score,
      `worth checking (${round(w.score, 2)}): ${w.reasons.map((x) => x.detail).join('; ')}`,
    ]);
  reasons.push([
    TRIAGE_WEIGHTS.recency * r,
    Number.isFinite(ageDays) ? `${Math.round(ageDays)} day(s) old` : 'undated',
  ]);
  const out: Omit<TriageEntry, 'itemId'> = {
    sourceId: item.sourceId,
    lang: item.lang,
    text,
    detections,
    priority: round(priority, 4),
    why: {
      uncertainty: round(u),
      worthiness: round(w.score),
      recency: round(r),
      reasons: reasons.sort((a, b) => b[0] - a[0]).map(([, s]) => s),
    },
    models: [...new Set(detections.map((d) => d.model))].sort(),
    taxonomyVersions: [
      ...new Set(detections.flatMap((d) => (d.taxonomyVersion ? [d.taxonomyVersion] : []))),
    ].sort(),
  };
  if (item.published !== undefined) out.published = item.published;
  if (item.url !== undefined) out.url = item.url;
  if (item.title !== undefined) out.title = item.title;
  return out;
}

/** Flagged items not yet reviewed, most informative first (see the module comment), a page at a time. */
export async function triageQueue(
  app: Ogoh,
  feedback: FeedbackStore,
  options: TriageOptions = {},
): Promise<TriagePage> {
  const limit = positiveInt(options.limit, 'limit', 20, 200);
  const window = positiveInt(options.window, 'window', DEFAULT_WINDOW, MAX_WINDOW);
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const query = detectionQuery(options);
  const candidates: ReviewedDetection[] = [];
  let cursor: string | undefined;
  let windowFull = false;
  for (;;) {
    const page = await feedback.listDetections({
      ...query,
      limit: Math.min(5000, window - candidates.length),
      ...(cursor ? { cursor } : {}),
    });
    candidates.push(...page.detections);
    if (!page.next) break;
    if (candidates.length >= window) {
      windowFull = true;
      break;
    }
    cursor = page.next;
  }
  const itemIds = [...new Set(candidates.map((c) => c.detection.itemId))];
  const [items, all] = await Promise.all([app.store.getItems(itemIds), app.store.detectionsFor(itemIds)]);
  const latest = await feedback.latest(all.map((d) => d.id));
  const byItem = new Map<string, TriageDetection[]>();
  for (const d of all) {
    if (d.kind === 'claim') continue;
    const list = byItem.get(d.itemId) ?? [];
    list.push(toTriageDetection(d, latest.get(d.id)));
    byItem.set(d.itemId, list);
  }
  const now = app.clock.now().getTime();
  let entries: TriageEntry[] = [];
  for (const item of items) {
    const detections = byItem.get(item.id) ?? [];
    // the second kind filter (narrative AND technique) is checked per item
    if (
      options.narrative !== undefined &&
      options.technique !== undefined &&
      !detections.some((d) => d.kind === 'technique' && d.label === options.technique && !d.review)
    )
      continue;
    if (!detections.some((d) => !d.review)) continue;
    entries.push({ itemId: item.id, ...rank(item, detections, now) });
  }
  entries.sort((a, b) => b.priority - a.priority || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  if (after) {
    const [p, id] = after;
    entries = entries.filter((e) => e.priority < p || (e.priority === p && e.itemId > id));
  }
  const page: TriagePage = {
    entries: entries.slice(0, limit),
    considered: candidates.length,
    windowFull,
    weights: TRIAGE_WEIGHTS,
  };
  if (entries.length > limit) {
    const last = page.entries[limit - 1]!;
    page.next = encodeCursor(last.priority, last.itemId);
  }
  return page;
}

export interface FeedbackInput {
  detectionId: string;
  verdict: Verdict;
  /** required for relabel: a narrative id (narrative detections) or technique id (technique detections) */
  newLabel?: string;
  reason?: string;
  actor: string;
}

/** Records one verdict on a stored detection (appended; the latest verdict counts). */
export async function recordFeedback(
  app: Pick<Ogoh, 'clock'>,
  feedback: FeedbackStore,
  input: FeedbackInput,
): Promise<Feedback> {
  if (!(VERDICTS as readonly string[]).includes(input.verdict))
    throw new OgohError('USAGE', `unknown verdict "${input.verdict}"`, {
      field: 'verdict',
      hint: `one of: ${VERDICTS.join(', ')}`,
    });
  if (!input.actor.trim()) throw new OgohError('USAGE', 'feedback needs an actor', { field: 'actor' });
  const found = (await feedback.listDetections({ id: input.detectionId, limit: 1 })).detections[0];
  if (!found)
    throw new OgohError('NOT_FOUND', `no detection "${input.detectionId}"`, {
      field: 'detectionId',
      hint: 'take the id from `ogoh triage` or GET /api/detections',
    });
  const d = found.detection;
  if (input.verdict === 'relabel') {
    if (input.newLabel === undefined || !input.newLabel.trim())
      throw new OgohError('USAGE', 'relabel needs the label the text carries instead', {
        field: 'label',
        hint: 'e.g. --label ru-indispensable-security-guarantor',
      });
    const known =
      d.kind === 'narrative'
        ? defaultTaxonomy().narratives.map((n) => n.id)
        : d.kind === 'technique'
          ? [...TECHNIQUE_IDS]
          : undefined;
    if (!known)
      throw new OgohError('USAGE', `a ${d.kind} detection can be accepted or rejected, not relabelled`, {
        field: 'verdict',
      });
    if (!known.includes(input.newLabel))
      throw new OgohError('USAGE', `"${input.newLabel}" is not a known ${d.kind} label`, {
        field: 'label',
        hint: `one of: ${known.slice(0, 8).join(', ')}, …`,
      });
    if (input.newLabel === d.label)
      throw new OgohError('USAGE', `the detection already has the label "${d.label}"`, {
        field: 'label',
        hint: 'use accept to confirm it',
      });
  } else if (input.newLabel !== undefined)
    throw new OgohError('USAGE', 'a new label goes only with relabel', { field: 'label' });
  const record: Feedback = {
    id: `fb_${randomUUID().replace(/-/g, '')}`,
    detectionId: d.id,
    itemId: d.itemId,
    label: d.label,
    kind: d.kind,
    verdict: input.verdict,
    actor: input.actor,
    at: app.clock.now().toISOString(),
  };
  if (input.newLabel !== undefined) record.newLabel = input.newLabel;
  if (input.reason?.trim()) record.reason = input.reason.trim();
  const valid = Feedback.safeParse(record);
  if (!valid.success) {
    const issue = valid.error.issues[0];
    const field = issue?.path.join('.') || 'feedback';
    throw new OgohError('USAGE', `${field}: ${issue?.message ?? 'invalid feedback'}`, { field });
  }
  await feedback.record(record);
  return record;
}

export async function listFeedback(
  feedback: FeedbackStore,
  query: FeedbackQuery = {},
): Promise<FeedbackPage> {
  return feedback.list(query);
}
