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

const FNV_OFFSET = 0x811c9dc5;
const FNV = 0x01000193;
/** Salts that keep word, ending and beginning keys apart in the one table. */
const SUFFIX_SALT = 0x5f3759df;
const PREFIX_SALT = 0x2545f491;

/** A table key: 30 bits, never 0 (0 marks an empty slot). */
const keyOf = (h: number) => (h & 0x3fffffff) | 1;

function hashStr(s: string, salt: number): number {
  let h = FNV_OFFSET ^ salt;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV);
  return keyOf(h);
}

/**
 * Open-addressing hash table from a key to a row of per-language weights. Avoids Map look-ups and
 * string building in the scan loop.
 */
const CAP = 1 << 14;
const MASK = CAP - 1;
const KEYS = new Int32Array(CAP);
const ROWS = new Int32Array(CAP);
let W = new Float32Array(K * 256);
let rowCount = 1; // row 0 = no evidence

function lookup(key: number): number {
  let i = key & MASK;
  for (;;) {
    const k = KEYS[i]!;
    if (k === key) return ROWS[i]!;
    if (k === 0) return 0;
    i = (i + 1) & MASK;
  }
}

/** A fresh row of weights. */
function newRow(): number {
  if ((rowCount + 1) * K > W.length) {
    const bigger = new Float32Array(W.length * 2);
    bigger.set(W);
    W = bigger;
  }
  return rowCount++;
}

function add(key: number, lang: number, w: number): void {
  let i = key & MASK;
  while (KEYS[i] !== 0 && KEYS[i] !== key) i = (i + 1) & MASK;
  if (KEYS[i] === 0) {
    if (rowCount > CAP / 2) throw new Error('langid: cue table full');
    KEYS[i] = key;
    ROWS[i] = newRow();
  }
  W[ROWS[i]! * K + lang]! += w;
}

/** letter → row in W (0 = no evidence) */
const LETTER_ROW = new Int32Array(0x10000);
/** letter → bitmask of languages that expect it (see LangIdCues.expects) */
const EXPECT = new Uint8Array(0x10000);
const EXPECTS: { lang: number; per: number; penalty: number }[] = [];

const MAX_SUFFIX = 5;

/** Fold a cue word the way the scanner folds text. */
const key = (w: string) => foldText(normalize(w));

CUES.forEach((c, lang) => {
  const p = PACKS[lang];
  if (p !== undefined) for (const w of p.stopwords) if (!(w in c.words)) add(hashStr(key(w), 0), lang, 1);
  for (const [w, weight] of Object.entries(c.words)) add(hashStr(key(w), 0), lang, weight);
  for (const [s, weight] of Object.entries(c.suffixes)) {
    const k = key(s);
    if (k.length >= 1 && k.length <= MAX_SUFFIX) add(hashStr(k, SUFFIX_SALT), lang, weight);
  }
  for (const [s, weight] of Object.entries(c.prefixes ?? {})) {
    const k = key(s);
    if (k.length >= 2 && k.length <= 3) add(hashStr(k, PREFIX_SALT), lang, weight);
  }
  for (const [l, weight] of Object.entries(c.letters)) {
    // letters have their own rows, read straight from LETTER_ROW by the scan
    const code = l.charCodeAt(0);
    if (LETTER_ROW[code] === 0) LETTER_ROW[code] = newRow();
    W[LETTER_ROW[code]! * K + lang] = weight;
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

const UZ = IDS.indexOf('uz');
const ring = new Uint16Array(8);

/** Sentence breaks for per-sentence evidence. */
function isBreak(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a || c === 0x2026 || c === 0x061f;
}

function addRow(scores: Float32Array, row: number): void {
  const base = row * K;
  for (let k = 0; k < K; k++) scores[k]! += W[base + k]!;
}

/**
 * Scan text[from, to) and return the evidence per sentence-like segment and in total.
 * Segments with no letters are left out. One loop, no strings, no closures: a word's hash is
 * built as it is read, its last letters kept in a ring for the ending look-ups.
 */
export function scan(text: string, from: number, to: number): { total: Evidence; segments: Evidence[] } {
  const total = newEvidence(from);
  const segments: Evidence[] = [];
  let seg = newEvidence(from);
  let s = seg.scores;
  let letters = seg.letters;
  let expected = seg.expected;
  let h = FNV_OFFSET;
  let wlen = 0;
  let p2 = 0;
  let p3 = 0;
  let wordScript = 0;
  let prevLower = 0;
  let words = 0;
  for (let i = from; i <= to; i++) {
    // i === to is a sentinel space that closes the last word and segment
    const c = i < to ? text.charCodeAt(i) : 0x0a;
    const cls = CLASS[c]!;
    if (cls === C_LETTER) {
      const lower = LOWER[c]!;
      const lr = LETTER_ROW[lower]!;
      if (lr !== 0) addRow(s, lr);
      const e = EXPECT[lower]!;
      if (e !== 0) for (let b = 0; b < EXPECTS.length; b++) if (e & (1 << b)) expected[b]!++;
      const sc = SCRIPT[c]!;
      letters[sc === S_CYRL ? 0 : sc === S_LATN ? 1 : sc === S_ARAB ? 2 : 3]!++;
      const n = NORM[c]!;
      const f = n >= 0 ? FOLD[n]! : lower;
      h = Math.imul(h ^ f, FNV);
      ring[wlen & 7] = f;
      if (wlen === 1) p2 = Math.imul(Math.imul(FNV_OFFSET ^ PREFIX_SALT ^ ring[0]!, FNV) ^ f, FNV);
      else if (wlen === 2) p3 = Math.imul(p2 ^ f, FNV);
      wlen++;
      wordScript = sc;
      prevLower = lower;
      continue;
    }
    if (cls !== C_DIGIT && NORM[c] === N_MARK) continue;
    if (cls === C_APOS && wlen > 0 && i + 1 < to && CLASS[text.charCodeAt(i + 1)] === C_LETTER) {
      // Uzbek oʻ gʻ: strong evidence for Uzbek Latin; keep the apostrophe inside the word
      if (wordScript === S_LATN && (prevLower === 0x6f || prevLower === 0x67)) s[UZ]! += 2;
      h = Math.imul(h ^ 0x27, FNV);
      ring[wlen & 7] = 0x27;
      wlen++;
      continue;
    }
    if (wlen > 0) {
      words++;
      const wr = lookup(keyOf(h));
      if (wr !== 0) addRow(s, wr);
      // the longest known ending, with at least two letters left before it
      for (let L = Math.min(MAX_SUFFIX, wlen - 2); L >= 1; L--) {
        let sh = FNV_OFFSET ^ SUFFIX_SALT;
        for (let q = wlen - L; q < wlen; q++) sh = Math.imul(sh ^ ring[q & 7]!, FNV);
        const sr = lookup(keyOf(sh));
        if (sr !== 0) {
          addRow(s, sr);
          break;
        }
      }
      if (wlen >= 5) {
        const pr = lookup(keyOf(p3)) || lookup(keyOf(p2));
        if (pr !== 0) addRow(s, pr);
      }
      h = FNV_OFFSET;
      wlen = 0;
    }
    if (isBreak(c)) {
      seg.end = i < to ? i + 1 : to;
      seg.words = words;
      words = 0;
      if (letters[0]! + letters[1]! + letters[2]! + letters[3]! > 0) {
        segments.push(seg);
        addInto(total, seg);
      }
      if (i < to) {
        seg = newEvidence(i + 1);
        s = seg.scores;
        letters = seg.letters;
        expected = seg.expected;
      }
    }
  }
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
