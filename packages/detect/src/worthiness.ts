/**
 * Check-worthiness: which items an analyst or fact-checker should look at first. A claim is more
 * worth checking when it is concrete (numbers, dates), names actors who matter here, carries a
 * flagged narrative or strong persuasion techniques, and reaches many people. The score is a
 * noisy-or of these signals, returned with its reasons so the ordering can be questioned.
 */
import type { Lang } from '@ogoh/core';
import type { NarrativeResult, TechniqueResult } from './detect.ts';
import { analyzeText } from './view.ts';

export interface WorthinessReason {
  kind: 'numbers' | 'actors' | 'narrative' | 'techniques' | 'reach' | 'spread';
  detail: string;
  /** this signal's contribution, 0..1 */
  weight: number;
}

export interface Worthiness {
  score: number;
  reasons: WorthinessReason[];
}

/**
 * What worthiness reads of a detection result: a whole `DetectResult` fits, and so do detections
 * read back from the store (the triage queue ranks stored items without detecting again).
 */
export interface WorthinessDetections {
  lang?: Lang;
  narratives: readonly Pick<NarrativeResult, 'id' | 'score' | 'flagged'>[];
  techniques: readonly Pick<TechniqueResult, 'id' | 'score' | 'flagged'>[];
}

export interface WorthinessInput {
  text: string;
  result?: WorthinessDetections;
  /** audience figures when known (Telegram views and forwards, number of outlets carrying the story) */
  reach?: { views?: number; forwards?: number; outlets?: number };
}

/** Actors that make a claim consequential here (folded stem keys, any language). */
const ACTORS: Readonly<Record<string, string>> = {
  россия: 'Russia',
  русия: 'Russia',
  russia: 'Russia',
  rossiya: 'Russia',
  путин: 'Putin',
  putin: 'Putin',
  кремл: 'Kremlin',
  kremlin: 'Kremlin',
  китай: 'China',
  чин: 'China',
  china: 'China',
  xitoy: 'China',
  сша: 'USA',
  амрико: 'USA',
  usa: 'USA',
  aqsh: 'USA',
  нато: 'NATO',
  nato: 'NATO',
  одкб: 'CSTO',
  csto: 'CSTO',
  талиб: 'Taliban',
  толибон: 'Taliban',
  taliban: 'Taliban',
  tolibon: 'Taliban',
  игил: 'Islamic State',
  диш: 'Islamic State',
  дииш: 'Islamic State',
  даиш: 'Islamic State',
  isis: 'Islamic State',
  isil: 'Islamic State',
  iskp: 'Islamic State',
  'is-k': 'Islamic State',
  рахмон: 'Rahmon',
  rahmon: 'Rahmon',
  правительств: 'government',
  хукумат: 'government',
  government: 'government',
  hukumat: 'government',
  президент: 'president',
  president: 'president',
  prezident: 'president',
  фсб: 'FSB',
  fsb: 'FSB',
  мвд: 'police',
  милиц: 'police',
  полиц: 'police',
  police: 'police',
  политсия: 'police',
};

const NUMBER_WORDS =
  /^(?:млн|млрд|миллион|миллиард|тысяч|процент|million|billion|thousand|percent|фоиз|миллиард|hazor|foiz)/;

/** Prioritise an item for checking; pure, from its text, detections and reach. */
export function checkWorthiness(input: WorthinessInput): Worthiness {
  const view = analyzeText(input.text, input.result?.lang);
  const reasons: WorthinessReason[] = [];
  let numbers = 0;
  const actors = new Set<string>();
  for (const t of view.tokens) {
    if (/^\d/.test(t.norm) || NUMBER_WORDS.test(t.fold)) numbers++;
    for (const k of t.keys) {
      const a = ACTORS[k] ?? ACTORS[t.fold];
      if (a) actors.add(a);
    }
  }
  if (numbers > 0)
    reasons.push({
      kind: 'numbers',
      detail: `${numbers} figure(s) that can be checked`,
      weight: Math.min(0.3, 0.12 * numbers),
    });
  if (actors.size > 0)
    reasons.push({
      kind: 'actors',
      detail: `names ${[...actors].join(', ')}`,
      weight: Math.min(0.25, 0.1 * actors.size),
    });
  const r = input.result;
  if (r) {
    const top = r.narratives.filter((n) => n.flagged).sort((a, b) => b.score - a.score)[0];
    if (top)
      reasons.push({
        kind: 'narrative',
        detail: `carries narrative ${top.id} (${top.score})`,
        weight: 0.5 * top.score,
      });
    const strong = r.techniques.filter((t) => t.flagged && t.score >= 0.6);
    if (strong.length)
      reasons.push({
        kind: 'techniques',
        detail: `strong persuasion techniques: ${strong.map((t) => t.id).join(', ')}`,
        weight: Math.min(0.3, 0.1 * strong.length),
      });
  }
  const reach = input.reach;
  if (reach) {
    const audience = (reach.views ?? 0) + 20 * (reach.forwards ?? 0);
    if (audience > 0)
      reasons.push({
        kind: 'reach',
        detail: `audience about ${Math.round(audience)} (views + 20 × forwards)`,
        weight: Math.min(0.4, Math.log10(1 + audience) / 15),
      });
    if ((reach.outlets ?? 0) >= 2)
      reasons.push({
        kind: 'spread',
        detail: `carried by ${reach.outlets} outlets`,
        weight: Math.min(0.3, 0.06 * reach.outlets!),
      });
  }
  let miss = 1;
  for (const x of reasons) miss *= 1 - x.weight;
  return {
    score: Math.round((1 - miss) * 1000) / 1000,
    reasons: reasons.sort((a, b) => b.weight - a.weight),
  };
}
