/**
 * Stemming and stop words over normalised tokens, dispatched to the language's folder. Unknown or
 * undetermined languages get the token back unchanged and no stop words.
 */
import type { Lang } from '@ogoh/core';
import { pack } from './lang/index.ts';
import { tgStemRange } from './lang/tg/stem.ts';
import { fold } from './normalize.ts';

const stopSets = new Map<Lang, Set<string>>();

function stopSet(lang: Lang): Set<string> | undefined {
  let s = stopSets.get(lang);
  if (s === undefined) {
    const p = pack(lang);
    if (p === undefined) return undefined;
    // folded, so that keyboard-typed forms (хам for ҳам) are stop words too
    s = new Set(p.stopwords.map((w) => fold(w)));
    stopSets.set(lang, s);
  }
  return s;
}

/**
 * The stem of a normalised token (see normalize) in a language.
 * @example stem('ҳукуматҳоро', 'tg') // 'ҳукумат'
 */
export function stem(normToken: string, lang: Lang): string {
  const p = pack(lang);
  if (p === undefined || normToken.length === 0) return normToken;
  const s = p.stem(normToken);
  return s.length > 0 ? s : normToken;
}

/**
 * The match key of a token: fold(stem(token)). Tajik typed on a Russian layout gets the same key
 * as proper Tajik ("хукуматхо" and "ҳукуматҳо" → "хукумат").
 */
export function stemKey(normToken: string, lang: Lang): string {
  if (lang === 'tg') {
    // the Tajik stemmer works on the folded form already: skip the second fold
    const f = fold(normToken);
    const [s, e] = tgStemRange(f);
    return f.slice(s, e);
  }
  return fold(stem(normToken, lang));
}

/** Whether a normalised token is a function word of the language (compared on folded forms). */
export function isStopword(normToken: string, lang: Lang): boolean {
  const s = stopSet(lang);
  return s?.has(fold(normToken)) ?? false;
}
