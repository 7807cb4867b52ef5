/**
 * Story assignment: decides, for one item, which earlier item (and so which story) it copies. Pure:
 * the caller supplies candidates found through the store's content-hash and LSH-band indexes.
 */
import { estimateJaccard } from './minhash.ts';

export interface StoryCandidate {
  itemId: string;
  storyId: string | undefined;
  signature: Uint32Array;
  contentHash: string;
}

export interface StoryProbe {
  itemId: string;
  signature: Uint32Array;
  contentHash: string;
  /** number of distinct shingles: too few and near-duplicate evidence is weak */
  shingles: number;
  /** length of the normalised text */
  length: number;
}

export interface StoryDecision {
  /** the candidate joined, or undefined when the item starts a new story */
  match?: { itemId: string; storyId: string | undefined; link: 'exact' | 'near'; similarity: number };
}

export interface StoryThresholds {
  /** estimated Jaccard at or above which two items are near-duplicates */
  near: number;
  /** exact copies shorter than this (characters) are ignored: "Good morning!" is not a story */
  minExactLength: number;
  /** near-duplicates need at least this many shingles */
  minShingles: number;
}

export const DEFAULT_STORY_THRESHOLDS: StoryThresholds = { near: 0.5, minExactLength: 40, minShingles: 6 };

export function decideStory(
  probe: StoryProbe,
  candidates: readonly StoryCandidate[],
  thresholds: StoryThresholds = DEFAULT_STORY_THRESHOLDS,
): StoryDecision {
  let best: StoryDecision['match'];
  for (const c of candidates) {
    if (c.itemId === probe.itemId) continue;
    if (c.contentHash === probe.contentHash && probe.length >= thresholds.minExactLength) {
      const m = { itemId: c.itemId, storyId: c.storyId, link: 'exact' as const, similarity: 1 };
      // Prefer a candidate that already belongs to a story, so copies gather in one place.
      if (best?.link !== 'exact' || (!best.storyId && c.storyId)) best = m;
      continue;
    }
    if (probe.shingles < thresholds.minShingles) continue;
    const sim = estimateJaccard(probe.signature, c.signature);
    if (sim < thresholds.near) continue;
    if (
      !best ||
      (best.link !== 'exact' &&
        (sim > best.similarity || (sim === best.similarity && !best.storyId && c.storyId)))
    )
      best = { itemId: c.itemId, storyId: c.storyId, link: 'near', similarity: sim };
  }
  return best ? { match: best } : {};
}
