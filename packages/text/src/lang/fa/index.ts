import type { LangPack } from '../types.ts';
import { FA_STOPWORDS } from './stopwords.ts';

/** Plural, comparative and ezafe/indefinite endings; a light stripper for matching. */
const ENDINGS = ['هایی', 'های', 'ترین', 'ها', 'تر', 'ان', 'ی'];

function stemFa(norm: string): string {
  for (const e of ENDINGS) {
    // -ان and -ی end many bare words too (ایران, آزادی): require a longer remainder
    const min = e.length === 1 || e === 'ان' ? 4 : 2;
    if (norm.length - e.length >= min && norm.endsWith(e)) return norm.slice(0, -e.length);
  }
  return norm;
}

/** Persian (Farsi and Dari) in Perso-Arabic script. */
export const fa: LangPack = {
  code: 'fa',
  stopwords: FA_STOPWORDS,
  stem: stemFa,
  langid: {
    scripts: ['arab'],
    words: {
      و: 0.5,
      در: 2,
      به: 2,
      از: 2,
      که: 2.5,
      این: 2,
      را: 3,
      با: 1.5,
      است: 3,
      برای: 3,
      آن: 1.5,
      یک: 2,
      تا: 1,
      می: 2,
      هم: 1.5,
      شد: 2,
      شده: 2,
      بود: 1.5,
      کرد: 2,
      کرده: 2,
      خود: 1.5,
      نیز: 2,
      اند: 2,
      ها: 2,
      های: 2,
      وی: 1.5,
      شود: 2,
      باید: 2,
      دارد: 2,
      گفت: 2,
      اما: 1.5,
      یا: 1.5,
    },
    suffixes: { های: 1.5, ها: 1, ی: 0.3 },
    letters: { پ: 2, چ: 2, ژ: 2, گ: 2, ی: 1, ک: 0.5 },
  },
};
