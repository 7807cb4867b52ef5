/**
 * Convergence across items: one channel (source) or one story carries, over a time window,
 * narratives of DIFFERENT actor families that the taxonomy lists together in one convergence pair
 * — e.g. a channel posting the Russian-state "failed Tajik state" frame one week and the IS-K
 * "failed tyranny" frame the next. Item-level convergence is `convergenceInItem`; this finds the
 * wider pattern from stored narrative detections. Every signal is a hypothesis for an analyst:
 * co-occurrence in one channel or story says nothing about coordination or intent by itself.
 */
import { defaultTaxonomy, type Taxonomy } from './taxonomy.ts';

/** One stored narrative flag: which item, which narrative, the UTC day it was published. */
export interface NarrativeHit {
  itemId: string;
  label: string;
  day: string;
}

export type ConvergenceScope = 'channel' | 'story';

export interface GroupConvergence {
  scope: ConvergenceScope;
  /** the source id (channel) or story id */
  key: string;
  pair: string;
  mechanism: string;
  grounding: string;
  /** the pair's narratives found in the group, with the items carrying each (evidence), strongest first */
  narratives: { id: string; family: string; items: string[] }[];
  families: string[];
  /** distinct items behind the signal */
  items: number;
  /** items of the second-best family: both frames must recur for a strong signal */
  support: number;
  firstDay: string;
  lastDay: string;
  /** always true: an analyst confirms or rejects it */
  hypothesis: true;
}

export interface GroupConvergenceOptions {
  /** days between the two families' nearest items (default 30): frames months apart are not one pattern */
  windowDays?: number;
  /** evidence item ids listed per narrative (default 10) */
  evidencePerNarrative?: number;
}

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/**
 * Convergence signals per group (channel or story): for each convergence pair, the group's items
 * flagged with the pair's narratives of at least two actor families, within `windowDays` of each
 * other, spread over at least two items (one item alone is item-level convergence).
 */
export function convergenceInGroups(
  scope: ConvergenceScope,
  groups: ReadonlyMap<string, readonly NarrativeHit[]>,
  taxonomy: Taxonomy = defaultTaxonomy(),
  options: GroupConvergenceOptions = {},
): GroupConvergence[] {
  const windowDays = options.windowDays ?? 30;
  const perNarrative = options.evidencePerNarrative ?? 10;
  const family = new Map(taxonomy.narratives.map((n) => [n.id, n.actorFamily]));
  const out: GroupConvergence[] = [];
  for (const [key, hits] of groups) {
    for (const pair of taxonomy.convergencePairs) {
      const inPair = hits.filter((h) => pair.narratives.includes(h.label));
      const fams = new Set(inPair.map((h) => family.get(h.label) ?? 'other'));
      if (fams.size < 2) continue;
      // keep the hits that have an item of another family within the window
      const kept = inPair.filter((h) => {
        const f = family.get(h.label) ?? 'other';
        const d = dayNumber(h.day);
        return inPair.some(
          (o) => (family.get(o.label) ?? 'other') !== f && Math.abs(dayNumber(o.day) - d) <= windowDays,
        );
      });
      const items = new Set(kept.map((h) => h.itemId));
      const keptFams = new Set(kept.map((h) => family.get(h.label) ?? 'other'));
      if (keptFams.size < 2 || items.size < 2) continue;
      const byNarrative = new Map<string, Set<string>>();
      for (const h of kept) {
        const s = byNarrative.get(h.label) ?? new Set<string>();
        s.add(h.itemId);
        byNarrative.set(h.label, s);
      }
      const perFamily = new Map<string, Set<string>>();
      for (const h of kept) {
        const f = family.get(h.label) ?? 'other';
        const s = perFamily.get(f) ?? new Set<string>();
        s.add(h.itemId);
        perFamily.set(f, s);
      }
      const sizes = [...perFamily.values()].map((s) => s.size).sort((a, b) => b - a);
      const days = kept.map((h) => h.day).sort();
      out.push({
        scope,
        key,
        pair: pair.id,
        mechanism: pair.mechanism,
        grounding: pair.grounding,
        narratives: [...byNarrative]
          .map(([id, s]) => ({
            id,
            family: family.get(id) ?? 'other',
            items: [...s].sort().slice(0, perNarrative),
          }))
          .sort((a, b) => b.items.length - a.items.length || (a.id < b.id ? -1 : 1)),
        families: [...keptFams].sort(),
        items: items.size,
        support: sizes[1] ?? 0,
        firstDay: days[0]!,
        lastDay: days[days.length - 1]!,
        hypothesis: true,
      });
    }
  }
  return out.sort((a, b) => b.support - a.support || b.items - a.items || (a.key < b.key ? -1 : 1));
}
