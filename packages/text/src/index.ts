/**
 * @ogoh/text — pure text processing for Ogoh: normalisation and keyboard folding (Tajik typed on a
 * Russian layout), tokens with offsets into the original, sentences, stemming and stop words per
 * language (lang/<code>/), language identification, and transliteration helpers.
 */
export type { Lang } from '@ogoh/core';
export {
  identify,
  identifySentences,
  initLanguageId,
  type LangResult,
  type Script,
} from './langid/identify.ts';
export {
  fold,
  foldKey,
  type NormalizedText,
  normalize,
  normalizeWithOffsets,
  originalSpan,
} from './normalize.ts';
export { isStopword, stem, stemKey } from './stem.ts';
export { sentences, type Token, tokenize } from './tokenize.ts';
export {
  latinToRussianCandidates,
  latinToTajikCandidates,
  persoArabicToTg,
  ruToLatin,
  tgCyrillicToLatin,
  tgToPersoArabic,
} from './translit.ts';
export { uzLatinToCyrillic } from './uz-cyrillic.ts';
