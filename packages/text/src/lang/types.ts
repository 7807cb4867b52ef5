import type { Lang } from '@ogoh/core';

/**
 * Everything Ogoh knows about one language, kept in its own folder (`lang/<code>/`) so that adding
 * a language is adding a folder and one line in `lang/index.ts`. Word lists are written in normal
 * orthography; consumers normalise and fold them.
 */
export interface LangPack {
  code: Exclude<Lang, 'und'>;
  /** function words, normal orthography, lower case */
  stopwords: readonly string[];
  /** stem a normalised (lower-case, NFC) token; must never return an empty string */
  stem(norm: string): string;
  /** evidence for language identification */
  langid: LangIdCues;
}

export interface LangIdCues {
  /** script(s) the language is written in */
  scripts: readonly ('cyrl' | 'latn' | 'arab')[];
  /**
   * Distinctive words and their weight (a stop word not listed here counts 1). Matching is on the
   * folded form, so Tajik typed on a Russian layout still matches.
   */
  words: Readonly<Record<string, number>>;
  /** word endings (folded) and their weight, counted once per word, longest match only */
  suffixes: Readonly<Record<string, number>>;
  /** word beginnings (folded) and their weight, only for words of 5 letters or more */
  prefixes?: Readonly<Record<string, number>>;
  /** lower-case letters and their weight per occurrence (before normalisation: ї, ў, і stay) */
  letters: Readonly<Record<string, number>>;
  /**
   * Letters of which a text of this language nearly always has at least one per `per` letters of
   * its script; their absence costs `penalty` per `per` letters (Russian without ы ь щ ц…).
   */
  expects?: { letters: string; per: number; penalty: number };
}
