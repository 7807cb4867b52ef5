/**
 * From cue matches to a calibrated narrative score. A cue alone never decides: the score combines
 * the strength of the distinct cues (each weighted by its specificity and by how it matched), how
 * many distinct cues agree, whether other narratives of the same actor family are present (context),
 * and, a little, the item's source affiliation (only when there is textual evidence: never the source
 * alone). The combination is a logistic function whose coefficients live in the taxonomy's `scoring`
 * block and were fitted on the dev split of the narrative evaluation set.
 */
import type { Affiliation } from '@ogoh/core';
import type { CueHit } from './cues.ts';
import type { Scoring, Taxonomy } from './taxonomy.ts';

/** Which actor family a source affiliation lends a (small) prior to. */
const AFFILIATION_FAMILY: Partial<Record<Affiliation, string>> = {
  'russian-state': 'russian-state',
  'russian-state-affiliated': 'russian-state',
  'tajik-state': 'tajik-state',
  extremist: 'isk',
};

export interface CueEvidence {
  hit: CueHit;
  /** weight × match factor */
  strength: number;
}

export interface NarrativeSignal {
  id: string;
  family: string;
  /** best match per distinct cue (indicator), strongest first */
  cues: CueEvidence[];
  /** every match, for evidence spans */
  hits: CueHit[];
  /** noisy-or of the distinct cues' strengths, 0..1 */
  strength: number;
  distinct: number;
  /** strongest other narrative of the same family, 0..1 */
  familySupport: number;
  /** 1 when the source's affiliation belongs to this narrative's family */
  sourceAligned: 0 | 1;
}

/** How much of a cue's weight a match carries: by match type, and less when a cue word was missing. */
export function matchFactor(scoring: Scoring, hit: CueHit): number {
  return scoring.match[hit.match] * (hit.dropped > 0 ? 0.9 : 1);
}

/** Group narrative cue hits by narrative and compute each one's signal. */
export function narrativeSignals(
  taxonomy: Taxonomy,
  hits: readonly CueHit[],
  affiliation?: Affiliation,
): NarrativeSignal[] {
  const byNarrative = new Map<string, CueHit[]>();
  for (const h of hits) {
    if (h.cue.target.kind !== 'narrative') continue;
    const list = byNarrative.get(h.cue.target.id);
    if (list) list.push(h);
    else byNarrative.set(h.cue.target.id, [h]);
  }
  const family = new Map(taxonomy.narratives.map((n) => [n.id, n.actorFamily]));
  const aligned = affiliation ? AFFILIATION_FAMILY[affiliation] : undefined;
  const signals: NarrativeSignal[] = [];
  for (const [id, list] of byNarrative) {
    const best = new Map<number, CueEvidence>();
    for (const hit of list) {
      const strength = hit.cue.weight * matchFactor(taxonomy.scoring, hit);
      const prev = best.get(hit.cue.cue);
      if (!prev || prev.strength < strength) best.set(hit.cue.cue, { hit, strength });
    }
    const cues = [...best.values()].sort((a, b) => b.strength - a.strength);
    let miss = 1;
    for (const c of cues) miss *= 1 - c.strength;
    const fam = family.get(id) ?? 'other';
    signals.push({
      id,
      family: fam,
      cues,
      hits: list,
      strength: 1 - miss,
      distinct: cues.length,
      familySupport: 0,
      sourceAligned: aligned !== undefined && aligned === fam ? 1 : 0,
    });
  }
  for (const s of signals) {
    let sup = 0;
    for (const o of signals) if (o !== s && o.family === s.family && o.strength > sup) sup = o.strength;
    s.familySupport = sup;
  }
  return signals.sort((a, b) => b.strength - a.strength);
}

/**
 * The calibration's inputs for one signal (also used to fit the coefficients): the noisy-or
 * strength, the agreement of further distinct cues (strengths of the 2nd and 3rd strongest, so two
 * topic anchors agree only weakly), family context and source alignment.
 */
export function signalFeatures(s: NarrativeSignal): [number, number, number, number] {
  const agreement = Math.min(1, (s.cues[1]?.strength ?? 0) + (s.cues[2]?.strength ?? 0));
  return [s.strength, agreement, s.familySupport, s.sourceAligned];
}

/** Calibrated probability that the text carries the narrative, from cues only. */
export function cueProbability(scoring: Scoring, s: NarrativeSignal): number {
  if (s.strength <= 0) return 0;
  const c = scoring.calibration;
  const [x, d, f, a] = signalFeatures(s);
  const z = c.bias + c.cues * x + c.distinct * d + c.family * f + c.source * a;
  return 1 / (1 + Math.exp(-z));
}
