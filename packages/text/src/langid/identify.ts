/**
 * Language identification: rules first, statistics for the rest.
 *
 * 1. One scan of the first ~400 characters adds up letter, function-word and ending evidence per
 *    language (rules.ts). When one language leads by a clear margin, that is the answer: this is
 *    the path nearly every ordinary post or article takes, at a few microseconds.
 * 2. Otherwise (short or ambiguous text) franc, and when initLanguageId() has run cld3 and
 *    fastText, each give a distribution over the script's candidates, and a weighted log-linear
 *    pool with the rule scores decides. The weights were tuned on the `dev` half of
 *    eval/langid.jsonl (see docs/EVALUATION.md).
 *
 * Known engine failures the rules guard against: cld3 and fastText call Uzbek Cyrillic Tajik or
 * Russian; fastText calls Tajik typed on a Russian layout Russian; franc confuses short
 * Russian/Ukrainian.
 */
import type { Lang } from '@ogoh/core';
import { sentences } from '../tokenize.ts';
import { cld3Dist, fastTextDist, francDist, initEngines, loadedEngines } from './engines.ts';
import { type PoolParams, pool, rulesDecide, softmax, top2 } from './pool.ts';
import {
  type Evidence,
  IDS,
  ruleScores,
  SCRIPT_LANGS,
  type ScriptName,
  scan,
  scriptOf,
  XX,
} from './rules.ts';

export type Script = 'cyrl' | 'latn' | 'arab' | 'mixed' | 'none';

export interface LangResult {
  lang: Lang;
  /** 0..1; below ~0.5 treat the label as a guess */
  confidence: number;
  /** the dominant script, or `mixed` when a second script has a large share */
  script: Script;
  /** how the answer was reached: `rules`, `ensemble:rules+franc+cld3+fasttext`, `empty`… */
  method: string;
  /** when sentences disagree: the languages found, largest share first (includes `lang`) */
  mixed?: Lang[];
}

/** Tuned parameters (dev split); see scripts/eval-langid.ts --tune. Mutable only for tuning. */
export const PARAMS: PoolParams & {
  confBeta: number;
  window: number;
  shortLetters: number;
  shortCap: number;
  minLetters: number;
} = {
  /** characters looked at */
  window: 400,
  margin: 4,
  beta: 0.3,
  wRules: 1,
  wFranc: 0.6,
  wCld3: 0.3,
  wFastText: 0.8,
  xxPenalty: 3,
  /** softmax sharpness that turns a rule-decided margin into a confidence (margin 4 → ~0.95) */
  confBeta: 1,
  /** texts with fewer letters than this get at most `shortCap` confidence */
  shortLetters: 20,
  shortCap: 0.5,
  /** fewer letters than this: `und` */
  minLetters: 3,
};

export function initLanguageId(): Promise<void> {
  return initEngines();
}

const toLang = (k: number): Lang => (k < 0 || k === XX ? 'und' : (IDS[k] as Lang));

/** End of the window: `window` characters, stretched to the next whitespace (at most 40 more). */
function windowEnd(text: string, from: number, to: number): number {
  let end = Math.min(to, from + PARAMS.window);
  const limit = Math.min(to, end + 40);
  while (end < limit && text.charCodeAt(end) > 0x20) end++;
  return end;
}

interface Decision {
  k: number;
  confidence: number;
  method: string;
}

/** Decide from evidence; `sample` gives the text the evidence came from (for the engines). */
function decide(e: Evidence, script: ScriptName, sample: () => string): Decision {
  const rules = ruleScores(e, script);
  if (rulesDecide(rules, PARAMS)) {
    const { k } = pool(rules, [null, null, null], PARAMS);
    // confidence from the rule scores at their own scale (the pool's beta is tuned for mixing)
    return { k, confidence: softmax(rules, PARAMS.confBeta)[k]!, method: 'rules' };
  }
  const text = sample();
  const candidates = SCRIPT_LANGS[script];
  const dists = [
    francDist(text, script, candidates),
    cld3Dist(text, script, candidates),
    fastTextDist(text, script, candidates),
  ] as const;
  const names = ['franc', 'cld3', 'fasttext'].filter((_, i) => dists[i] !== null);
  return { ...pool(rules, dists, PARAMS), method: `ensemble:rules+${names.join('+')}` };
}

function lengthCap(conf: number, letters: number): number {
  return letters < PARAMS.shortLetters ? Math.min(conf, PARAMS.shortCap) : conf;
}

/** Identify text[from, to) — the shared core of identify and identifySentences. */
function identifyRange(
  text: string,
  from: number,
  to: number,
): LangResult & { segments: Evidence[]; letters: number } {
  const end = windowEnd(text, from, to);
  const sample = withoutLinks(text.slice(from, end));
  const { total, segments } = scan(sample, 0, sample.length);
  const sc = scriptOf(total);
  if (sc.script === 'none' || sc.letters < PARAMS.minLetters) {
    return {
      lang: 'und',
      confidence: 0,
      script: sc.script === 'none' ? 'none' : sc.script,
      method: sc.letters === 0 ? 'empty' : 'too-short',
      segments,
      letters: sc.letters,
    };
  }
  const d = decide(total, sc.script, () => sample);
  return {
    lang: toLang(d.k),
    confidence: round(lengthCap(d.confidence, sc.letters)),
    script: sc.mixed ? 'mixed' : sc.script,
    method: d.method,
    segments,
    letters: sc.letters,
  };
}

/** URLs, e-mail addresses and @mentions say nothing about the language of a post; # is dropped, its word kept. */
const LINKS = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|@[\w.]+|#/g;

function withoutLinks(s: string): string {
  if (s.indexOf('://') < 0 && s.indexOf('www.') < 0 && s.indexOf('@') < 0 && s.indexOf('#') < 0) return s;
  return s.replace(LINKS, ' ');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Languages of the sentence-like segments when they disagree: each segment with enough letters
 * and a clear rule margin votes with its letter count; a language needs 15% of the voted letters.
 */
function mixedFrom(segments: Evidence[], main: Lang): Lang[] | undefined {
  if (segments.length < 2) return undefined;
  const share = new Map<Lang, number>();
  let voted = 0;
  for (const seg of segments) {
    const sc = scriptOf(seg);
    if (sc.script === 'none' || sc.letters < 15) continue;
    const [a, , margin] = top2(ruleScores(seg, sc.script));
    if (margin < PARAMS.margin || a === XX) continue;
    const lang = toLang(a);
    share.set(lang, (share.get(lang) ?? 0) + sc.letters);
    voted += sc.letters;
  }
  const langs = [...share.entries()].filter(([, n]) => n >= 0.15 * voted).sort((x, y) => y[1] - x[1]);
  if (langs.length < 2) return undefined;
  const out = langs.map(([l]) => l);
  if (!out.includes(main) && main !== 'und') out.unshift(main);
  return out;
}

/**
 * Identify the language of a text (looks at the first ~400 characters).
 * @example identify('Хукумати Точикистон барои рушди иктисодиёт чораҳо меандешад') // { lang: 'tg', … }
 */
export function identify(text: string): LangResult {
  const { segments, letters: _letters, ...r } = identifyRange(text, 0, text.length);
  if (r.lang !== 'und' && segments.length > 1) {
    const mixed = mixedFrom(segments, r.lang);
    if (mixed) return { ...r, mixed };
  }
  return r;
}

/**
 * The language of each sentence, for code-switched text. A sentence too short to tell (under
 * `shortLetters` letters, low confidence) takes the language of the whole text, at low confidence.
 */
export function identifySentences(
  text: string,
): { start: number; end: number; lang: Lang; confidence: number }[] {
  const spans = sentences(text);
  if (spans.length === 0) return [];
  const whole = spans.length > 1 ? identify(text) : null;
  return spans.map(({ start, end }) => {
    const r = identifyRange(text, start, end);
    if (whole && whole.lang !== 'und' && r.letters < PARAMS.shortLetters && r.confidence <= PARAMS.shortCap) {
      return { start, end, lang: whole.lang, confidence: round(Math.min(r.confidence, 0.3)) };
    }
    return { start, end, lang: r.lang, confidence: r.confidence };
  });
}

export { loadedEngines };
