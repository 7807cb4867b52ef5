/**
 * The fast, rule-based half of language identification: one pass over the text that adds up
 * evidence per language from letters (ӣ ӯ ҷ → Tajik, ў → Uzbek, ы щ → Russian, і є → Ukrainian,
 * پ چ ژ گ → Persian…), function words and word endings (on the keyboard-folded form, so Tajik typed
 * on a Russian layout still counts as Tajik) and missing letters (Russian without ы ь щ ц).
 *
 * No strings are built while scanning: words are hashed as they are read and looked up in
 * precomputed tables, which keeps a 400-character text at a few microseconds.
 */
import type { Lang } from '@ogoh/core';
import {
  C_APOS,
  C_DIGIT,
  C_LETTER,
  CLASS,
  FOLD,
  LOWER,
  N_MARK,
  NORM,
  S_ARAB,
  S_CYRL,
  S_LATN,
  SCRIPT,
} from '../chars.ts';
import { PACKS } from '../lang/index.ts';
import type { LangIdCues } from '../lang/types.ts';
import { fold as foldText, normalize } from '../normalize.ts';
import { OTHER_CUES } from './other.ts';

/** Languages scored by the rules; `xx` = none of Ogoh's (reported as `und`). */
export const IDS = [...PACKS.map((p) => p.code), 'xx'] as const;
export type Id = Exclude<Lang, 'und'> | 'xx';
export const K = IDS.length;
export const XX = K - 1;

/** Script indices used for counting letters. */
export const SCRIPTS = ['cyrl', 'latn', 'arab'] as const;
export type ScriptName = (typeof SCRIPTS)[number];

const CUES: LangIdCues[] = [...PACKS.map((p) => p.langid), OTHER_CUES];

/** which languages can be written in each script (bitmask over IDS) */
export const SCRIPT_LANGS: Record<ScriptName, number[]> = { cyrl: [], latn: [], arab: [] };
CUES.forEach((c, i) => {
  for (const s of c.scripts) SCRIPT_LANGS[s].push(i);
});

function hashStr(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

type Table = Map<number, Float32Array>;

function add(table: Table, key: string, lang: number, w: number): void {
  const h = hashStr(key);
  let v = table.get(h);
  if (v === undefined) {
    v = new Float32Array(K);
    table.set(h, v);
  }
  v[lang] = (v[lang] ?? 0) + w;
}

const WORDS: Table = new Map();
/** suffix tables by suffix length (1..5) */
const SUFFIXES: Table[] = [new Map(), new Map(), new Map(), new Map(), new Map(), new Map()];
/** prefix tables for lengths 2 and 3 */
const PREFIXES: Table[] = [new Map(), new Map(), new Map(), new Map()];
/** letter → index into LETTER_W (0 = no evidence) */
const LETTER_IDX = new Uint16Array(0x10000);
const LETTER_W: Float32Array[] = [new Float32Array(K)];
/** letter → bitmask of languages that expect it (see LangIdCues.expects) */
const EXPECT = new Uint8Array(0x10000);
const EXPECTS: { lang: number; per: number; penalty: number }[] = [];

/** Fold a cue word the way the scanner folds text. */
const key = (w: string) => foldText(normalize(w));

CUES.forEach((c, lang) => {
  const p = PACKS[lang];
  if (p !== undefined) for (const w of p.stopwords) if (!(w in c.words)) add(WORDS, key(w), lang, 1);
  for (const [w, weight] of Object.entries(c.words)) add(WORDS, key(w), lang, weight);
  for (const [s, weight] of Object.entries(c.suffixes)) {
    const k = key(s);
    if (k.length >= 1 && k.length <= 5) add(SUFFIXES[k.length]!, k, lang, weight);
  }
  for (const [s, weight] of Object.entries(c.prefixes ?? {})) {
    const k = key(s);
    if (k.length >= 2 && k.length <= 3) add(PREFIXES[k.length]!, k, lang, weight);
  }
  for (const [l, weight] of Object.entries(c.letters)) {
    const code = l.charCodeAt(0);
    let idx = LETTER_IDX[code]!;
    if (idx === 0) {
      idx = LETTER_W.length;
      LETTER_W.push(new Float32Array(K));
      LETTER_IDX[code] = idx;
      // the upper-case letter is lower-cased before the look-up
    }
    LETTER_W[idx]![lang] = weight;
  }
  if (c.expects) {
    const bit = 1 << EXPECTS.length;
    EXPECTS.push({ lang, per: c.expects.per, penalty: c.expects.penalty });
    for (const l of c.expects.letters) EXPECT[l.charCodeAt(0)]! |= bit;
  }
});

/** Evidence gathered over one stretch of text (a sentence, or the whole sample). */
export interface Evidence {
  start: number;
  end: number;
  scores: Float32Array;
  /** letters per script: cyrl, latn, arab, other */
  letters: Uint32Array;
  /** per EXPECTS entry: how many expected letters were seen */
  expected: Uint32Array;
  words: number;
}

function newEvidence(start: number): Evidence {
  return {
    start,
    end: start,
    scores: new Float32Array(K),
    letters: new Uint32Array(4),
    expected: new Uint32Array(EXPECTS.length),
    words: 0,
  };
}

function addInto(a: Evidence, b: Evidence): void {
  for (let k = 0; k < K; k++) a.scores[k]! += b.scores[k]!;
  for (let k = 0; k < 4; k++) a.letters[k]! += b.letters[k]!;
  for (let k = 0; k < EXPECTS.length; k++) a.expected[k]! += b.expected[k]!;
  a.words += b.words;
  a.end = Math.max(a.end, b.end);
}

const FNV = 0x01000193;
const UZ = IDS.indexOf('uz');
const ring = new Uint16Array(8);
const prefix = new Uint16Array(3);

/** Sentence breaks for per-sentence evidence. */
function isBreak(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a || c === 0x2026 || c === 0x061f;
}

/**
 * Scan text[from, to) and return the evidence per sentence-like segment and in total.
 * Segments with no letters are left out.
 */
export function scan(text: string, from: number, to: number): { total: Evidence; segments: Evidence[] } {
  const total = newEvidence(from);
  const segments: Evidence[] = [];
  let seg = newEvidence(from);
  let s = seg.scores;
  let h = 0x811c9dc5;
  let wlen = 0;
  let wordScript = 0;
  let prevLower = 0;
  const endWord = () => {
    if (wlen === 0) return;
    seg.words++;
    const v = WORDS.get(h & 0x3fffffff);
    if (v !== undefined) for (let k = 0; k < K; k++) s[k]! += v[k]!;
    // endings: longest first, at least two letters left before them
    for (let L = Math.min(5, wlen - 2); L >= 1; L--) {
      let sh = 0x811c9dc5;
      for (let q = wlen - L; q < wlen; q++) sh = Math.imul(sh ^ ring[q & 7]!, FNV);
      const sv = SUFFIXES[L]!.get(sh & 0x3fffffff);
      if (sv !== undefined) {
        for (let k = 0; k < K; k++) s[k]! += sv[k]!;
        break;
      }
    }
    if (wlen >= 5) {
      for (let L = 3; L >= 2; L--) {
        let ph = 0x811c9dc5;
        for (let q = 0; q < L; q++) ph = Math.imul(ph ^ prefix[q]!, FNV);
        const pv = PREFIXES[L]!.get(ph & 0x3fffffff);
        if (pv !== undefined) {
          for (let k = 0; k < K; k++) s[k]! += pv[k]!;
          break;
        }
      }
    }
    h = 0x811c9dc5;
    wlen = 0;
    wordScript = 0;
  };
  const endSegment = (at: number) => {
    endWord();
    seg.end = at;
    const lettersSeen = seg.letters[0]! + seg.letters[1]! + seg.letters[2]! + seg.letters[3]!;
    if (lettersSeen > 0) {
      segments.push(seg);
      addInto(total, seg);
    }
    seg = newEvidence(at);
    s = seg.scores;
  };
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const cls = CLASS[c]!;
    if (cls === C_LETTER) {
      const lower = LOWER[c]!;
      const li = LETTER_IDX[lower]!;
      if (li !== 0) {
        const w = LETTER_W[li]!;
        for (let k = 0; k < K; k++) s[k]! += w[k]!;
      }
      const e = EXPECT[lower]!;
      if (e !== 0) for (let b = 0; b < EXPECTS.length; b++) if (e & (1 << b)) seg.expected[b]!++;
      const sc = SCRIPT[c]!;
      seg.letters[sc === S_CYRL ? 0 : sc === S_LATN ? 1 : sc === S_ARAB ? 2 : 3]!++;
      const n = NORM[c]!;
      const f = n >= 0 ? FOLD[n]! : lower;
      h = Math.imul(h ^ f, FNV);
      ring[wlen & 7] = f;
      if (wlen < 3) prefix[wlen] = f;
      wlen++;
      wordScript = sc;
      prevLower = lower;
      continue;
    }
    if (cls === C_DIGIT) {
      endWord();
      continue;
    }
    if (NORM[c] === N_MARK) continue;
    if (cls === C_APOS && wlen > 0 && i + 1 < to && CLASS[text.charCodeAt(i + 1)] === C_LETTER) {
      // Uzbek oʻ gʻ: strong evidence for Uzbek Latin; keep the apostrophe inside the word
      if (wordScript === S_LATN && (prevLower === 0x6f || prevLower === 0x67)) s[UZ]! += 2;
      h = Math.imul(h ^ 0x27, FNV);
      ring[wlen & 7] = 0x27;
      if (wlen < 3) prefix[wlen] = 0x27;
      wlen++;
      continue;
    }
    if (isBreak(c)) endSegment(i + 1);
    else endWord();
  }
  endSegment(to);
  return { total, segments };
}

/** The dominant script of some evidence, and whether a second script is strongly present. */
export function scriptOf(e: Evidence): { script: ScriptName | 'none'; mixed: boolean; letters: number } {
  const [c, l, a] = [e.letters[0]!, e.letters[1]!, e.letters[2]!];
  const sum = c + l + a;
  if (sum === 0) return { script: 'none', mixed: false, letters: 0 };
  const top = c >= l && c >= a ? 0 : l >= a ? 1 : 2;
  const second = Math.max(...[c, l, a].filter((_, k) => k !== top));
  return { script: SCRIPTS[top]!, mixed: second >= 0.3 * sum && second >= 10, letters: sum };
}

/**
 * Final rule scores over the candidates of a script (others are -Infinity), including the
 * penalties for expected letters that never showed up.
 */
export function ruleScores(e: Evidence, script: ScriptName): Float64Array {
  const out = new Float64Array(K).fill(Number.NEGATIVE_INFINITY);
  const scriptLetters = e.letters[script === 'cyrl' ? 0 : script === 'latn' ? 1 : 2]!;
  for (const k of SCRIPT_LANGS[script]) out[k] = e.scores[k]!;
  EXPECTS.forEach((x, b) => {
    if (out[x.lang] === Number.NEGATIVE_INFINITY) return;
    const expectedSeen = e.expected[b]!;
    // one missing expected letter per `per` letters of the script costs `penalty`
    const missing = scriptLetters / x.per - expectedSeen;
    if (missing > 0) out[x.lang]! -= Math.min(missing, 4) * x.penalty;
  });
  return out;
}

export { addInto, newEvidence };
