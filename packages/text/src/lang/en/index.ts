import type { LangPack } from '../types.ts';
import { EN_STOPWORDS } from './stopwords.ts';

const VOWEL = /[aeiouy]/;

/** Undo consonant doubling left by -ing/-ed (running → run), except ll, ss, zz. */
function undouble(s: string): string {
  const n = s.length;
  if (n >= 3 && s[n - 1] === s[n - 2] && !'lsz'.includes(s[n - 1]!) && !VOWEL.test(s[n - 1]!)) {
    return s.slice(0, -1);
  }
  return s;
}

/**
 * Light English stemming: possessive, plurals, -ing, -ed. Enough to make "attacks", "attacked" and
 * "attacking" meet; deliberately not Porter (which over-stems for phrase matching).
 */
function stemEn(w: string): string {
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (/(?:ches|shes|xes|zes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
  if (w.endsWith('ing') && w.length >= 6 && VOWEL.test(w.slice(0, -3))) return undouble(w.slice(0, -3));
  if (w.endsWith('ied') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ed') && w.length >= 5 && VOWEL.test(w.slice(0, -2))) return undouble(w.slice(0, -2));
  return w;
}

export const en: LangPack = {
  code: 'en',
  stopwords: EN_STOPWORDS,
  stem: stemEn,
  langid: {
    scripts: ['latn'],
    words: {
      the: 3,
      of: 2,
      and: 2,
      to: 1.5,
      in: 1,
      is: 1.5,
      for: 1.5,
      on: 1,
      that: 2,
      with: 2,
      was: 2,
      were: 2,
      by: 1,
      as: 1,
      from: 1.5,
      at: 1,
      are: 1.5,
      be: 1,
      has: 1.5,
      have: 1.5,
      it: 1,
      this: 1.5,
      said: 2,
      will: 1.5,
      not: 1,
      an: 1,
      their: 2,
      which: 2,
      been: 2,
      after: 1.5,
      who: 1.5,
      they: 1.5,
      he: 1,
      she: 1.5,
      we: 1,
      our: 1.5,
      would: 2,
      about: 2,
      more: 1.5,
      than: 1.5,
    },
    suffixes: { tion: 2, tions: 2, ing: 1.5, ed: 0.5, ly: 1, ment: 1.5, ness: 1.5, ous: 1.5, "'s": 1.5 },
    letters: { w: 1, c: 0.3 },
  },
};
