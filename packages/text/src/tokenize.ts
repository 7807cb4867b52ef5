/**
 * Word tokens and sentence spans over the ORIGINAL text: every `start`/`end` is a UTF-16 offset
 * into the string the caller passed, so evidence spans can be cut from it verbatim even when the
 * text arrived decomposed (и + U+0304) or with invisible characters.
 *
 * A hand-written scanner instead of Intl.Segmenter: it is several times faster, and it keeps the
 * Uzbek apostrophe inside words (oʻzbek, gʻalaba, taʼlim) and soft hyphens or zero-width joiners
 * inside words (an evasion trick), which the segmenter splits on.
 */
import { C_APOS, C_DIGIT, C_HIGH_SURROGATE, C_LETTER, C_MARK, CLASS, N_DROP, NORM } from './chars.ts';
import { normalizeSlice } from './normalize.ts';

export interface Token {
  /** the token as written in the original */
  text: string;
  /** UTF-16 offset of the first unit in the original */
  start: number;
  /** UTF-16 offset just after the last unit in the original */
  end: number;
  /** normalize(text) */
  norm: string;
  /** fold(norm): the keyboard-folded match key */
  fold: string;
}

const ASTRAL_WORD = /^[\p{L}\p{N}]/u;

/** Length of the word unit at i (1 or 2 for a surrogate pair), or 0 when it is not part of a word. */
function wordUnit(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const k = CLASS[c]!;
  if (k === C_LETTER || k === C_DIGIT || k === C_MARK) return 1;
  if (k === C_HIGH_SURROGATE && i + 1 < text.length && ASTRAL_WORD.test(text.slice(i, i + 2))) return 2;
  return 0;
}

function isLetterAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && CLASS[text.charCodeAt(i)] === C_LETTER;
}

/** Uzbek oʻ/gʻ at the end of a word ("togʻ"): keep the apostrophe when it follows Latin o or g. */
function uzbekFinalApostrophe(text: string, i: number, tokenStart: number): boolean {
  if (i - tokenStart < 2) return false;
  const p = text.charCodeAt(i - 1) | 0x20;
  return p === 0x6f || p === 0x67;
}

/**
 * Split a text into word tokens (letters, digits and combining marks; apostrophes between letters;
 * invisible characters inside a word). Punctuation, spaces, emoji and hyphens separate tokens.
 * @example tokenize('Oʻzbekiston, ҳукумат!').map((t) => t.norm) // ["o'zbekiston", 'ҳукумат']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let w = wordUnit(text, i);
    if (w === 0 || CLASS[text.charCodeAt(i)] === C_MARK) {
      i += w === 0 ? 1 : w;
      continue;
    }
    const start = i;
    i += w;
    while (i < n) {
      w = wordUnit(text, i);
      if (w > 0) {
        i += w;
        continue;
      }
      const c = text.charCodeAt(i);
      if (CLASS[c] === C_APOS) {
        if (isLetterAt(text, i + 1) && isLetterAt(text, i - 1)) {
          i++;
          continue;
        }
        if (uzbekFinalApostrophe(text, i, start)) i++;
        break;
      }
      // soft hyphen, zero-width (non-)joiner, word joiner inside a word
      if (NORM[c] === N_DROP && i + 1 < n && wordUnit(text, i + 1) > 0) {
        i++;
        continue;
      }
      break;
    }
    const { norm, fold } = normalizeSlice(text, start, i);
    if (norm.length > 0) tokens.push({ text: text.slice(start, i), start, end: i, norm, fold });
  }
  return tokens;
}

/** Sentence-final punctuation: . ! ? … and the Arabic-script question mark and full stop. */
const TERMINATORS = new Set(['.', '!', '?', '…', '؟', '۔', '。']);
/** Closing quotes and brackets that stay with the sentence they end. */
const CLOSERS = new Set(['"', "'", '»', '”', '’', ')', ']', '›']);
/**
 * Abbreviations after which a full stop does not end a sentence (folded, lower case): Russian
 * т.е., г., ул., Tajik ш. (шаҳр), н. (ноҳия), English Mr., Dr., etc.
 */
const ABBREVIATIONS = new Set([
  'гг',
  'ул',
  'им',
  'др',
  'пр',
  'см',
  'стр',
  'руб',
  'млн',
  'млрд',
  'тыс',
  'обл',
  'сол',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'vs',
  'etc',
  'inc',
  'prof',
  'jan',
  'feb',
  'aug',
  'sept',
  'oct',
  'nov',
  'dec',
]);

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0x3000;
}

/** The word just before position `end` (letters only), lower-cased. */
function wordBefore(text: string, end: number): string {
  let s = end;
  while (s > 0 && CLASS[text.charCodeAt(s - 1)] === C_LETTER) s--;
  return text.slice(s, end).toLowerCase();
}

/**
 * Sentence spans (trimmed, non-empty) in original offsets. A sentence ends at . ! ? … (plus closing
 * quotes) followed by whitespace, or at a line break. A full stop after a single letter or a known
 * abbreviation, or followed by a lower-case letter or digit, does not end a sentence.
 */
export function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const n = text.length;
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      push(start, i);
      start = i + 1;
      i++;
      continue;
    }
    const ch = text[i]!;
    if (!TERMINATORS.has(ch)) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < n && TERMINATORS.has(text[e]!)) e++;
    while (e < n && CLOSERS.has(text[e]!)) e++;
    if (e < n && !isSpace(text.charCodeAt(e))) {
      i = e;
      continue;
    }
    if (ch === '.' && e === i + 1) {
      const w = wordBefore(text, i);
      if (w.length === 1 || ABBREVIATIONS.has(w)) {
        i = e;
        continue;
      }
      let k = e;
      while (k < n && isSpace(text.charCodeAt(k)) && text.charCodeAt(k) !== 0x0a) k++;
      if (k < n) {
        const next = text[k]!;
        if (next !== next.toUpperCase() || CLASS[text.charCodeAt(k)] === C_DIGIT) {
          i = e;
          continue;
        }
      }
    }
    push(start, e);
    start = e;
    i = e;
  }
  push(start, n);
  return out;
}
