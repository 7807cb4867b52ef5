/**
 * Convergence inside one item: the item carries narratives of DIFFERENT actor families that the
 * taxonomy lists together in one convergence pair (e.g. a Russian-state "failed Tajik state" frame
 * next to the IS-K "failed tyranny" frame). Returned as a hypothesis with its evidence, for an
 * analyst to accept or reject; convergence over time and across items is traced elsewhere.
 */
import type { EvidenceSpan } from './detect.ts';
import { defaultTaxonomy, type Taxonomy } from './taxonomy.ts';

export interface ConvergenceMember {
  id: string;
  family: string;
  score: number;
  evidence: EvidenceSpan[];
}

export interface ConvergenceSignal {
  pair: string;
  mechanism: string;
  grounding: string;
  /** the pair's narratives present in the item (at least two families) */
  narratives: ConvergenceMember[];
  /** the weaker of the two strongest members of different families */
  score: number;
}

/** Narratives as returned by detect (only flagged ones count). */
export interface NarrativeLike {
  id: string;
  score: number;
  flagged?: boolean;
  evidence: EvidenceSpan[];
}

/** Convergence pairs whose narratives of two or more actor families co-occur in one item. */
export function convergenceInItem(
  narratives: readonly NarrativeLike[],
  taxonomy: Taxonomy = defaultTaxonomy(),
): ConvergenceSignal[] {
  const present = new Map(narratives.filter((n) => n.flagged !== false).map((n) => [n.id, n]));
  const family = new Map(taxonomy.narratives.map((n) => [n.id, n.actorFamily]));
  const out: ConvergenceSignal[] = [];
  for (const pair of taxonomy.convergencePairs) {
    const members: ConvergenceMember[] = [];
    for (const id of pair.narratives) {
      const n = present.get(id);
      if (n) members.push({ id, family: family.get(id) ?? 'other', score: n.score, evidence: n.evidence });
    }
    const families = new Set(members.map((m) => m.family));
    if (families.size < 2) continue;
    // best member per family, then the second best of those: both frames must be there
    const bestPerFamily = [...families].map((f) =>
      Math.max(...members.filter((m) => m.family === f).map((m) => m.score)),
    );
    bestPerFamily.sort((a, b) => b - a);
    out.push({
      pair: pair.id,
      mechanism: pair.mechanism,
      grounding: pair.grounding,
      narratives: members.sort((a, b) => b.score - a.score),
      score: bestPerFamily[1]!,
    });
  }
  return out.sort((a, b) => b.score - a.score);
}
