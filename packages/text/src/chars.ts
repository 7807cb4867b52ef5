/**
 * Precomputed per-code-unit tables. Normalisation, folding, tokenising and language id all walk
 * text one UTF-16 code unit at a time and look each unit up here, so that the per-item cost is a
 * few array reads instead of a regex or a `toLowerCase()` call per character. The tables are built
 * once at import (≈15 ms) from the engine's own Unicode data, so they follow the ICU in use.
 */

/** NORM[c] value: drop the character (zero-width, soft hyphen, tatweel, Arabic vowel marks…). */
export const N_DROP = -1;
/** NORM[c] value: whitespace; runs collapse to one space. */
export const N_SPACE = -2;
/** NORM[c] value: lower-casing or NFC yields more than one code unit; see NORM_MULTI. */
export const N_MULTI = -3;
/** NORM[c] value: a combining mark; composed with its base (NFC), else dropped or kept (see normalize.ts). */
export const N_MARK = -4;

/** Character classes for tokenising. */
export const C_OTHER = 0;
export const C_LETTER = 1;
export const C_MARK = 2;
export const C_DIGIT = 3;
export const C_SPACE = 4;
export const C_APOS = 5;
export const C_HIGH_SURROGATE = 6;

/** Apostrophe variants seen in Uzbek Latin (oʻ, gʻ, ʼ) and elsewhere; all become U+0027. */
export const APOSTROPHES = '\u02bb\u02bc\u0027\u2018\u2019\u0060\u00b4\u02b9\u02bf\u02be';
const APOS_CODE = 0x27;

/**
 * Letters from other alphabets or legacy fonts used in place of Tajik letters (lower case; upper
 * case is lower-cased first). ў is deliberately absent: it is a real Uzbek letter, so it is kept
 * here and only folded (ў→у) in the match key.
 */
export const TAJIK_LOOKALIKES: Readonly<Record<string, string>> = {
  ї: 'ӣ',
  һ: 'ҳ',
  ӌ: 'ҷ',
  ҝ: 'қ',
  ҡ: 'қ',
  ќ: 'қ',
  ѓ: 'ғ',
  ѐ: 'ё',
};

/** Letter merges applied after the lookalikes: ё→е, standard for Russian matching and harmless in Tajik. */
const LETTER_MERGES: Readonly<Record<string, string>> = { ё: 'е' };

/** Keyboard folding: how Tajik letters come out on a Russian layout. Both cases, plus Uzbek ў. */
export const KEYBOARD_FOLD: Readonly<Record<string, string>> = {
  ҳ: 'х',
  ҷ: 'ч',
  қ: 'к',
  ғ: 'г',
  ӣ: 'и',
  ӯ: 'у',
  ў: 'у',
  Ҳ: 'Х',
  Ҷ: 'Ч',
  Қ: 'К',
  Ғ: 'Г',
  Ӣ: 'И',
  Ӯ: 'У',
  Ў: 'У',
};

/** Characters removed by normalisation: invisible or purely decorative. */
const DROPPED =
  '\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e\u0640' +
  // Arabic harakat, superscript alef: optional vowel marks, absent from most Persian text
  '\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670';

/** Arabic-script letters folded to their Persian forms (Arabic yeh/kaf, alef maksura). */
const PERSIAN_FORMS: Readonly<Record<string, string>> = { ي: 'ی', ى: 'ی', ك: 'ک' };

/** normalised code for each UTF-16 code unit, or N_DROP / N_SPACE / N_MULTI */
export const NORM = new Int32Array(0x10000);
/** full normalised string for the N_MULTI units */
export const NORM_MULTI = new Map<number, string>();
/** folded code for each code unit (identity when the unit does not fold) */
export const FOLD = new Uint16Array(0x10000);
/** plain lower case of each code unit (no NFC, no lookalikes), for letter evidence in language id */
export const LOWER = new Uint16Array(0x10000);
/** C_* class of each code unit */
export const CLASS = new Uint8Array(0x10000);
/** script of each code unit: S_CYRL, S_LATN, S_ARAB or 0 (see scriptOf) */
export const SCRIPT = new Uint8Array(0x10000);
export const S_CYRL = 1;
export const S_LATN = 2;
export const S_ARAB = 3;

function build(): void {
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  const digit = /\p{N}/u;
  const space = /\s/u;
  for (let c = 0; c < 0x10000; c++) {
    FOLD[c] = c;
    const lower = String.fromCharCode(c).toLowerCase();
    LOWER[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
    if (c >= 0xd800 && c < 0xe000) {
      NORM[c] = c;
      CLASS[c] = c < 0xdc00 ? C_HIGH_SURROGATE : C_OTHER;
      continue;
    }
    const ch = String.fromCharCode(c);
    if (space.test(ch)) {
      NORM[c] = N_SPACE;
      CLASS[c] = C_SPACE;
      continue;
    }
    CLASS[c] = letter.test(ch) ? C_LETTER : mark.test(ch) ? C_MARK : digit.test(ch) ? C_DIGIT : C_OTHER;
    if (CLASS[c] === C_MARK) {
      NORM[c] = N_MARK;
      continue;
    }
    const low = ch.normalize('NFC').toLowerCase();
    if (low.length === 1) NORM[c] = low.charCodeAt(0);
    else {
      NORM[c] = N_MULTI;
      NORM_MULTI.set(c, low);
    }
  }
  for (const ch of DROPPED) NORM[ch.charCodeAt(0)] = N_DROP;
  for (const ch of APOSTROPHES) {
    NORM[ch.charCodeAt(0)] = APOS_CODE;
    CLASS[ch.charCodeAt(0)] = C_APOS;
  }
  // Lookalikes apply after lower-casing: route every unit whose lower case is a lookalike.
  const look = new Map<number, number>();
  for (const [from, to] of Object.entries(TAJIK_LOOKALIKES)) look.set(from.charCodeAt(0), to.charCodeAt(0));
  for (const [from, to] of Object.entries(PERSIAN_FORMS)) look.set(from.charCodeAt(0), to.charCodeAt(0));
  const merge = new Map<number, number>();
  for (const [from, to] of Object.entries(LETTER_MERGES)) merge.set(from.charCodeAt(0), to.charCodeAt(0));
  for (let c = 0; c < 0x10000; c++) {
    let n = NORM[c]!;
    if (n < 0) continue;
    n = look.get(n) ?? n;
    NORM[c] = merge.get(n) ?? n;
  }
  for (const [from, to] of Object.entries(KEYBOARD_FOLD)) FOLD[from.charCodeAt(0)] = to.charCodeAt(0);
  for (let c = 0; c < 0x10000; c++) if (CLASS[c] === C_LETTER || CLASS[c] === C_MARK) SCRIPT[c] = scriptOf(c);
}
build();

/** Script of a letter code unit: 1 Cyrillic, 2 Latin, 3 Arabic, 0 other. */
export function scriptOf(c: number): 0 | 1 | 2 | 3 {
  if (c >= 0x0400 && c <= 0x052f) return 1;
  if (c < 0x80) return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a ? 2 : 0;
  if (c >= 0x00c0 && c <= 0x024f) return c === 0xd7 || c === 0xf7 ? 0 : 2;
  if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfeff)) return 3;
  if (c >= 0x1e00 && c <= 0x1eff) return 2;
  return 0;
}

/** Latin letters that look like Cyrillic ones (after lower-casing), and back. */
export const LATIN_TO_CYRILLIC = new Map<number, number>(
  [...'abcehkmoptxy'].map((l, i) => [l.charCodeAt(0), 'авсенкмортху'.charCodeAt(i)]),
);
export const CYRILLIC_TO_LATIN = new Map<number, number>(
  [...'асеорхуік'].map((l, i) => [l.charCodeAt(0), 'aceopxyik'.charCodeAt(i)]),
);
