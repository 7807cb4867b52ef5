/**
 * Cross-language and rewrite links between items, from shared anchors (anchors.ts). Each anchor is
 * weighted by its type and its rarity (inverse document frequency over the indexed items), and a
 * pair scores the weighted cosine of its two anchor sets: 1 when both texts name exactly the same
 * numbers, dates, actors and places, near 0 when they share only "Dushanbe" and "2026".
 *
 * A link needs more than a score: at least `minShared` shared anchors, at least one of them rare
 * (carried by at most 1% of items: "Dushanbe" and "Moscow" say nothing about which story), and
 * either one "hard" anchor (a number of two digits or more, a date, a URL, a quotation) with every
 * number and date of the shorter text also in the longer, or, for opinion pieces that carry no
 * numbers, `minSharedSoft` shared names of which `minSpecificSoft` are specific (at most 5% of
 * items), at a higher score, published within `softWindowDays` of each other. Two items farther apart in time than
 * `windowDays` are never linked: translations follow their source within hours or days.
 *
 * Every decision carries its reasons (the shared anchors as the probe wrote them), so a link can be
 * shown and challenged.
 */
import type { Anchors } from './anchors.ts';
import { entityById } from './gazetteer.ts';

export interface LinkThresholds {
  /** weighted cosine at or above which items in different languages are translations */
  translation: number;
  /** same-language pairs (rewrites) need this much */
  rewrite: number;
  /** shared anchors needed at all */
  minShared: number;
  /** without a hard anchor, this many shared anchors and `softScore` */
  minSharedSoft: number;
  softScore: number;
  /** without a hard anchor, this many shared specific anchors (see PairScore.specific) */
  minSpecificSoft: number;
  /** without a hard anchor, the most days between the two items */
  softWindowDays: number;
  /** the most days between two linked items */
  windowDays: number;
}

export const DEFAULT_LINK_THRESHOLDS: LinkThresholds = {
  translation: 0.3,
  rewrite: 0.45,
  minShared: 3,
  minSharedSoft: 4,
  softScore: 0.5,
  minSpecificSoft: 2,
  softWindowDays: 2,
  windowDays: 7,
};

/** Document frequencies: how many indexed items carry a key, out of `total`. */
export interface DfTable {
  total: number;
  df(key: string): number;
}

const TYPE_WEIGHT: Readonly<Record<string, number>> = { u: 3, q: 3, d: 1.5, n: 1, e: 1.2, c: 1 };

/** The weight of one anchor: its type times its rarity. Small numbers count for little. */
export function anchorWeight(key: string, table: DfTable): number {
  let w = TYPE_WEIGHT[key[0]!] ?? 1;
  if (key[0] === 'n') {
    const digits = key.length - 2;
    if (digits === 1) w = 0.4;
    else if (digits >= 3) w = 1.5;
  }
  const idf = Math.log((table.total + 1) / (table.df(key) + 1)) + 0.1;
  return w * Math.max(idf, 0.1);
}

function isHard(key: string): boolean {
  const t = key[0];
  if (t === 'd' || t === 'u' || t === 'q') return true;
  return t === 'n' && key.length >= 4; // two digits or more
}

export interface PairScore {
  score: number;
  shared: string[];
  /** shared hard anchors (numbers of two digits or more, dates, URLs, quotations) */
  hard: number;
  /** shared numbers and dates; and how many each side has */
  facts: number;
  factsA: number;
  factsB: number;
  /** shared anchors carried by at most 1% of indexed items (at least 3): evidence beyond the topic */
  rare: number;
  /** shared anchors carried by at most 5% of indexed items: more than "Dushanbe" and "Tajikistan" */
  specific: number;
}

/** Numbers of two digits or more and dates: the facts a faithful translation keeps. */
function isFact(key: string): boolean {
  return key[0] === 'd' || (key[0] === 'n' && key.length >= 4);
}

/**
 * URLs and quotations are evidence when shared and silence when not: an item's own URL is indexed
 * only so that a post linking to it can meet it, and a translated quote never matches verbatim.
 */
function silentUnshared(key: string): boolean {
  return key[0] === 'u' || key[0] === 'q';
}

/** Weighted cosine of two sorted key lists (unshared URLs and quotes left out of the norms). */
export function scorePair(
  a: readonly string[],
  b: readonly string[],
  table: DfTable,
  /** weights already computed (pass one map across the candidates of one probe) */
  cache: Map<string, number> = new Map(),
): PairScore {
  let wa = 0;
  let wb = 0;
  let both = 0;
  let hard = 0;
  let facts = 0;
  let rare = 0;
  let specific = 0;
  const rareDf = Math.max(3, table.total * 0.01);
  const specificDf = Math.max(3, table.total * 0.05);
  let factsA = 0;
  let factsB = 0;
  const shared: string[] = [];
  const weight = (k: string) => {
    let w = cache.get(k);
    if (w === undefined) {
      w = anchorWeight(k, table);
      cache.set(k, w);
    }
    return w;
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x !== undefined && (y === undefined || x < y)) {
      if (!silentUnshared(x)) wa += weight(x);
      if (isFact(x)) factsA++;
      i++;
    } else if (y !== undefined && (x === undefined || y < x)) {
      if (!silentUnshared(y)) wb += weight(y);
      if (isFact(y)) factsB++;
      j++;
    } else if (x !== undefined) {
      const w = weight(x);
      wa += w;
      wb += w;
      both += w;
      shared.push(x);
      if (isHard(x)) hard++;
      const df = table.df(x);
      if (df <= rareDf) rare++;
      if (df <= specificDf) specific++;
      if (isFact(x)) {
        facts++;
        factsA++;
        factsB++;
      }
      i++;
      j++;
    }
  }
  const score = wa > 0 && wb > 0 ? both / Math.sqrt(wa * wb) : 0;
  return { score, shared, hard, facts, factsA, factsB, rare, specific };
}

export interface LinkItem {
  itemId: string;
  lang: string;
  /** epoch ms, when known */
  published?: number | undefined;
  /** sorted anchor keys */
  keys: readonly string[];
}

export interface LinkCandidate extends LinkItem {
  storyId?: string | undefined;
}

export type LinkKind = 'rewrite' | 'translation';

/** Why a link was made, in the probe's own words. */
export interface LinkReasons {
  entities: string[];
  numbers: string[];
  dates: string[];
  urls: string[];
  quotes: string[];
  names: string[];
}

export interface LinkDecision {
  itemId: string;
  storyId?: string | undefined;
  kind: LinkKind;
  score: number;
  reasons: LinkReasons;
  /** the embedding plug-in's similarity, when it decided the link */
  embedding?: number;
}

/** True when both languages are known and differ. */
function crossLanguage(a: string, b: string): boolean {
  return a !== b && a !== 'und' && b !== 'und';
}

/** Whether a scored pair passes the thresholds for its kind. */
export function passes(
  p: PairScore,
  kind: LinkKind,
  t: LinkThresholds = DEFAULT_LINK_THRESHOLDS,
  lagMs?: number,
): boolean {
  if (p.shared.length < t.minShared) return false;
  // A translation keeps the facts: every number and date of the shorter text is in the longer one
  // (a quarter may be missing from long texts). Two reports of one kind of event with different
  // figures fail here even when their places and actors agree.
  if (!consistent(p)) return false;
  const min = kind === 'translation' ? t.translation : t.rewrite;
  if (p.hard >= 1) return (p.rare >= 1 || p.specific >= 2) && p.score >= min;
  // No number, date, link or quote: only names. Opinion pieces repeat the same names for weeks,
  // so the two must be close in time and share several names beyond the everyday ones.
  if (lagMs !== undefined && lagMs > t.softWindowDays * 86_400_000) return false;
  return (
    p.shared.length >= t.minSharedSoft &&
    p.specific >= t.minSpecificSoft &&
    p.score >= Math.max(min, t.softScore)
  );
}

/**
 * The best link for a probe among candidates, or undefined. Same-language candidates are
 * considered only when `sameLanguage` is set (the near-duplicate stage already saw them).
 */
export function decideLink(
  probe: LinkItem & { surface?: Anchors['surface'] },
  candidates: readonly LinkCandidate[],
  table: DfTable,
  options: {
    thresholds?: LinkThresholds;
    sameLanguage?: boolean;
    /**
     * The optional sentence-embedding plug-in: cosine similarity (0..1) of the probe and a candidate,
     * when an operator-supplied model is present. A pair the anchors alone do not carry is linked when
     * the embedding agrees (≥ `EMBEDDING_MIN`) and the anchors do not contradict it (no conflicting
     * figures, at least one shared specific anchor).
     */
    embedding?: (candidate: LinkCandidate) => number | undefined;
  } = {},
): LinkDecision | undefined {
  const t = options.thresholds ?? DEFAULT_LINK_THRESHOLDS;
  const windowMs = t.windowDays * 86_400_000;
  let best:
    | { c: LinkCandidate; p: PairScore; kind: LinkKind; lag: number | undefined; emb?: number }
    | undefined;
  const weights = new Map<string, number>();
  for (const c of candidates) {
    if (c.itemId === probe.itemId) continue;
    const cross = crossLanguage(probe.lang, c.lang);
    if (!cross && !options.sameLanguage) continue;
    if (
      probe.published !== undefined &&
      c.published !== undefined &&
      Math.abs(probe.published - c.published) > windowMs
    )
      continue;
    const kind: LinkKind = cross ? 'translation' : 'rewrite';
    const p = scorePair(probe.keys, c.keys, table, weights);
    const lag =
      probe.published !== undefined && c.published !== undefined
        ? Math.abs(probe.published - c.published)
        : undefined;
    let ok = passes(p, kind, t, lag);
    let emb: number | undefined;
    if (!ok && options.embedding && consistent(p) && p.specific >= 1) {
      emb = options.embedding(c);
      ok = emb !== undefined && emb >= EMBEDDING_MIN;
    }
    if (!ok) continue;
    // equal scores (the same template rendered twice): the one closest in time is the source
    const better =
      !best ||
      p.score > best.p.score + 1e-9 ||
      (Math.abs(p.score - best.p.score) <= 1e-9 &&
        (lag ?? Number.MAX_VALUE) < (best.lag ?? Number.MAX_VALUE));
    if (better) best = { c, p, kind, lag, ...(emb !== undefined ? { emb } : {}) };
  }
  if (!best) return undefined;
  return {
    itemId: best.c.itemId,
    ...(best.c.storyId ? { storyId: best.c.storyId } : {}),
    kind: best.kind,
    score: Math.round(best.p.score * 1000) / 1000,
    reasons: explainShared(best.p.shared, probe.surface),
    ...(best.emb !== undefined ? { embedding: Math.round(best.emb * 1000) / 1000 } : {}),
  };
}

/** Cosine at or above which the embedding plug-in vouches for a pair the anchors leave undecided. */
export const EMBEDDING_MIN = 0.8;

/** The pair's figures do not contradict each other (see passes). */
function consistent(p: PairScore): boolean {
  const fewer = Math.min(p.factsA, p.factsB);
  return fewer === 0 || p.facts >= (fewer >= 4 ? Math.ceil(fewer * 0.75) : fewer);
}

/** Shared keys grouped by type, written as the probe wrote them (entities by their gazetteer label). */
export function explainShared(shared: readonly string[], surface?: Anchors['surface']): LinkReasons {
  const r: LinkReasons = { entities: [], numbers: [], dates: [], urls: [], quotes: [], names: [] };
  for (const k of shared) {
    const body = k.slice(2);
    const shown = surface?.get(k);
    switch (k[0]) {
      case 'e':
        r.entities.push(entityById(body)?.label ?? body);
        break;
      case 'n':
        r.numbers.push(body);
        break;
      case 'd':
        r.dates.push(body);
        break;
      case 'u':
        r.urls.push(shown ?? body);
        break;
      case 'q':
        r.quotes.push(shown ?? body);
        break;
      case 'c':
        r.names.push(shown ?? body);
        break;
    }
  }
  return r;
}

/** One line for people: "shared: CSTO, Moscow; numbers 7400; date 10-27; names Анзоб". */
export function reasonsText(r: LinkReasons): string {
  const parts: string[] = [];
  if (r.entities.length) parts.push(r.entities.join(', '));
  if (r.numbers.length) parts.push(`numbers ${r.numbers.join(', ')}`);
  if (r.dates.length) parts.push(`date ${r.dates.join(', ')}`);
  if (r.urls.length) parts.push(`link ${r.urls.join(', ')}`);
  if (r.quotes.length) parts.push(`quote “${r.quotes[0]}”`);
  if (r.names.length) parts.push(`names ${r.names.join(', ')}`);
  return parts.join('; ');
}
