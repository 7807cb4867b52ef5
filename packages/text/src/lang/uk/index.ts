import type { LangPack } from '../types.ts';
import { UK_STOPWORDS } from './stopwords.ts';

/** Case and number endings, longest first; a light stripper (no Ukrainian stemmer on npm). */
const ENDINGS = [
  'ями',
  'ами',
  'ові',
  'еві',
  'ого',
  'ому',
  'ими',
  'іми',
  'ах',
  'ях',
  'ів',
  'ей',
  'ій',
  'ою',
  'ею',
  'ом',
  'ем',
  'ам',
  'ям',
  'их',
  'им',
  'а',
  'я',
  'у',
  'ю',
  'і',
  'и',
  'о',
  'е',
];

function stemUk(norm: string): string {
  for (const e of ENDINGS)
    if (norm.length - e.length >= 3 && norm.endsWith(e)) return norm.slice(0, -e.length);
  return norm;
}

/** Ukrainian: identified (to keep it apart from Russian), lightly stemmed. */
export const uk: LangPack = {
  code: 'uk',
  stopwords: UK_STOPWORDS,
  stem: stemUk,
  langid: {
    scripts: ['cyrl'],
    words: {
      і: 2,
      й: 1.5,
      та: 1.5,
      що: 3,
      це: 3,
      від: 3,
      для: 1,
      який: 3,
      яка: 3,
      які: 3,
      якого: 3,
      також: 3,
      але: 2.5,
      його: 2,
      її: 3,
      він: 3,
      вона: 3,
      вони: 3,
      був: 3,
      була: 2,
      є: 3,
      з: 2,
      із: 2,
      у: 0.5,
      в: 0.5,
      на: 0.7,
      не: 0.5,
      по: 0.5,
      до: 0.5,
      після: 3,
      вже: 3,
      ще: 3,
      тільки: 3,
      лише: 3,
      або: 3,
      року: 2.5,
      році: 3,
      сьогодні: 3,
      україни: 3,
      україна: 3,
    },
    suffixes: { ння: 2, ться: 1, ється: 2, ує: 1.5, ів: 1, ій: 1, ої: 2, ого: 0.5, ими: 0.5 },
    // ы э ё ъ ў are not Ukrainian letters (Belarusian and Russian have them)
    letters: { і: 2, ї: 1.5, є: 2, ґ: 2, щ: 0.5, ь: 0.5, ц: 0.3, ы: -2, э: -2, ё: -1, ъ: -2, ў: -3 },
    expects: { letters: 'іїєґ', per: 40, penalty: 3 },
  },
};
