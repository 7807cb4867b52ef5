/**
 * Re-ranking features of one (query, claim) pair. Each is scaled to about 0..1 so that one linear
 * weight vector combines them: hand-set in PARAMS, or fitted on judged queries by `ogoh claims train`.
 */
import type { ClaimAnalysis } from './analyze.ts';
import { OPPOSITES } from './lexicon/lexicon.ts';

export const FEATURES = [
  /** word-field BM25, divided by the query's yardstick (the sum of its terms' idf) */
  'bm25Words',
  /** cognate-field BM25 (skeletons and numbers), divided by the query's yardstick */
  'bm25Cognates',
  /** character-gram BM25, divided by the query's yardstick */
  'bm25Grams',
  /** share of the claim's word idf mass that the query contains: a post repeating a claim covers it */
  'claimCovered',
  /** share of the query's word idf mass found in the claim */
  'queryCovered',
  /** share of the claim's cognate idf mass in the query (cross-language coverage) */
  'claimCognatesCovered',
  /** share of the claim's character grams in the query */
  'claimGramsCovered',
  /** share of the claim's numbers that the query states */
  'numbersShared',
  /** 1 when both state numbers and share none: likely a different claim about the same topic */
  'numbersConflict',
  /** idf share of the query's named entities that the claim mentions */
  'queryEntitiesFound',
  /** idf share of the claim's named entities that the query mentions */
  'claimEntitiesFound',
  /** longest run of a quotation (in either text) found word for word in the other */
  'quoteRun',
  /** share of the claim's word bigrams that occur in the query */
  'bigramsShared',
  /** language-neutral BM25 (lexicon concepts, skeletons, numbers), divided by the query's yardstick */
  'bm25Neutral',
  /** share of the claim's neutral-key idf mass in the query: a translation covers it */
  'claimNeutralCovered',
  /** 1 when one side names a concept whose opposite the other names (prices rise / fall) */
  'conceptsConflict',
  /** score from the optional dense (embedding) plug-in, 0 when it is not installed */
  'dense',
] as const;

export type FeatureName = (typeof FEATURES)[number];
export const N_FEATURES = FEATURES.length;
/** Index of bm25Neutral (the index fills it, as it fills the other BM25 features). */
export const BM25_NEUTRAL = FEATURES.indexOf('bm25Neutral');

export interface IdfSource {
  words(term: string): number;
  cognates(term: string): number;
  neutral(term: string): number;
}

function idfShare(of: ReadonlySet<string>, within: ReadonlySet<string>, idf: (t: string) => number): number {
  let total = 0;
  let hit = 0;
  for (const t of of) {
    const w = idf(t);
    total += w;
    if (within.has(t)) hit += w;
  }
  return total > 0 ? hit / total : 0;
}

function setShare(of: ReadonlySet<string>, within: ReadonlySet<string>): number {
  if (of.size === 0) return 0;
  let hit = 0;
  for (const t of of) if (within.has(t)) hit++;
  return hit / of.size;
}

function bigrams(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

/** Longest contiguous run of `quote` inside `words`, as a share of the quote's length. */
function longestRun(quote: readonly string[], words: readonly string[]): number {
  let best = 0;
  for (let i = 0; i < words.length; i++) {
    for (let j = 0; j < quote.length; j++) {
      let k = 0;
      while (i + k < words.length && j + k < quote.length && words[i + k] === quote[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return quote.length > 0 ? best / quote.length : 0;
}

/** The analysis of one side, with the sets the features need computed once. */
export interface Prepared {
  a: ClaimAnalysis;
  words: Set<string>;
  cognates: Set<string>;
  grams: Set<string>;
  numbers: Set<string>;
  entities: Set<string>;
  bigrams: Set<string>;
  neutral: Set<string>;
  concepts: Set<string>;
}

/** Whether one side names a concept and the other only its opposite. */
function opposed(q: ReadonlySet<string>, d: ReadonlySet<string>): boolean {
  for (const c of q) {
    const other = OPPOSITES.get(c);
    if (other === undefined || d.has(c)) continue;
    for (const o of other) if (d.has(o) && !q.has(o)) return true;
  }
  return false;
}

export function prepared(a: ClaimAnalysis): Prepared {
  return {
    a,
    words: new Set(a.words),
    cognates: new Set(a.cognates),
    grams: new Set(a.grams),
    numbers: new Set(a.numbers),
    entities: new Set(a.entities),
    bigrams: bigrams(a.words),
    neutral: new Set(a.neutral),
    concepts: new Set(a.concepts),
  };
}

/**
 * Writes the pair's features (except the BM25 four and dense, which the index fills) into `out`.
 * `crossLanguage` (query and claim in different languages): stems cannot meet, so the word
 * coverage features are measured on the neutral keys instead (lexicon concepts, skeletons of the
 * other words, numbers). The re-ranker, tuned on one language, then reads a Tajik post repeating a
 * Russian claim the way it reads a same-language repeat, through the concepts, names and numbers
 * they share.
 */
export function pairFeatures(
  q: Prepared,
  d: Prepared,
  idf: IdfSource,
  out: Float32Array,
  crossLanguage = false,
): void {
  const wIdf = (t: string) => idf.words(t);
  const cIdf = (t: string) => idf.cognates(t);
  const nIdf = (t: string) => idf.neutral(t);
  const claimNeutral = idfShare(d.neutral, q.neutral, nIdf);
  out[3] = crossLanguage ? claimNeutral : idfShare(d.words, q.words, wIdf);
  out[4] = crossLanguage ? idfShare(q.neutral, d.neutral, nIdf) : idfShare(q.words, d.words, wIdf);
  out[5] = idfShare(d.cognates, q.cognates, cIdf);
  out[6] = setShare(d.grams, q.grams);
  const shared = setShare(d.numbers, q.numbers);
  out[7] = shared;
  out[8] = d.numbers.size > 0 && q.numbers.size > 0 && shared === 0 ? 1 : 0;
  out[9] = idfShare(q.entities, d.cognates, cIdf);
  out[10] = idfShare(d.entities, q.cognates, cIdf);
  let run = 0;
  for (const quote of q.a.quotes) run = Math.max(run, longestRun(quote, d.a.words));
  for (const quote of d.a.quotes) run = Math.max(run, longestRun(quote, q.a.words));
  out[11] = run;
  out[12] = setShare(d.bigrams, q.bigrams);
  out[14] = claimNeutral;
  out[15] = opposed(q.concepts, d.concepts) ? 1 : 0;
}
