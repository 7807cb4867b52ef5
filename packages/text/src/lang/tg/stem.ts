/**
 * A light Tajik stemmer. Tajik is mostly suffixing: plural -ҳо/-он/-ён/-гон/-вон/-от/-ҷот/-ёт,
 * ezafe -и/-йи, adjectival -ӣ, indefinite -е, possessive enclitics -ам -ат -аш -амон -атон -ашон
 * (-ям -ят -яш… after vowels), object -ро, comparative -тар/-тарин, verb personal endings -ам -ӣ
 * -ад -ем -ед -анд, verb prefixes ме-/на-/би-. Suffix inventory derived from the paradigms of
 * uniparser-grammar-tajik (MIT; Arseniy Vydrin, Timofey Arkhangelskiy).
 *
 * Design choices:
 * - It works on the keyboard-folded form (ҳ→х, ӣ→и…), and folding preserves length, so it cuts the
 *   normalised token at the same place: "ҳукуматҳо" and "хукуматхо" get the same folded stem.
 * - Suffixes are stripped repeatedly (longest first) until none applies. Repeating makes the stem
 *   of a bare word and of its inflected forms meet even when the bare word happens to end like a
 *   suffix (Муҳаммад / Муҳаммади both → муҳамм): consistency matters more than pretty stems.
 * - Never leaves fewer than 3 letters; plural -он/-ён needs 4 left (ҷавон is not a plural).
 * - Verb prefixes are removed only when the word is plainly a verb: ме-/на-/наме-/би- followed by
 *   a known verb stem, or ме-/наме- on a word that ended in a personal ending.
 */

/** suffix (folded) → minimum letters that must remain */
const SUFFIXES: ReadonlyArray<readonly [string, number]> = (
  [
    ['тарин', 3],
    ['яшон', 3],
    ['ятон', 3],
    ['ямон', 3],
    ['ашон', 3],
    ['атон', 3],
    ['амон', 3],
    ['анд', 3],
    ['янд', 3],
    ['чот', 3],
    ['аст', 3],
    ['тар', 3],
    ['гон', 3],
    ['вон', 3],
    ['хо', 3],
    ['ро', 3],
    ['он', 4],
    ['ен', 4],
    ['ён', 4],
    ['от', 3],
    ['ет', 3],
    ['ёт', 3],
    ['аш', 3],
    ['ат', 3],
    ['ам', 3],
    ['яш', 3],
    ['ят', 3],
    ['ям', 3],
    ['ад', 3],
    ['яд', 3],
    ['ем', 3],
    ['ед', 3],
    ['йи', 3],
    ['ии', 3],
    ['ее', 3],
    ['и', 3],
    ['е', 3],
  ] as [string, number][]
).sort((a, b) => b[0].length - a[0].length);

/** personal endings that mark a finite verb (folded) */
const VERB_ENDINGS = ['анд', 'янд', 'ад', 'яд', 'ам', 'ям', 'ем', 'ед', 'и'];

/**
 * Frequent verb stems (present and past, folded) after which a ме-/на-/би- prefix may be removed.
 */
const VERB_STEMS = new Set([
  'кун',
  'кард',
  'шав',
  'шуд',
  'бош',
  'буд',
  'дех',
  'дод',
  'гу',
  'гуй',
  'гуфт',
  'рав',
  'рафт',
  'хох',
  'хост',
  'дор',
  'дошт',
  'тавон',
  'тавонист',
  'ёб',
  'ёфт',
  'гир',
  'гирифт',
  'мон',
  'монд',
  'бин',
  'дид',
  'зан',
  'зад',
  'хон',
  'хонд',
  'навис',
  'навишт',
  'гард',
  'гардид',
  'намо',
  'намуд',
  'овар',
  'овард',
  'омад',
  'фирист',
  'фиристод',
  'пурс',
  'пурсид',
  'дон',
  'донист',
  'куш',
  'кушид',
  'расон',
  'расонид',
  'рас',
  'расид',
  'нишин',
  'нишаст',
  'хур',
  'хурд',
  'пазир',
  'пазируфт',
  'сохт',
  'соз',
  'бар',
  'бурд',
  'дарёб',
  'дарёфт',
  'ист',
  'истод',
  'мир',
  'мурд',
]);

const MIN = 3;

/** Length of the stem of a folded token after suffix stripping. */
function suffixStrip(f: string): number {
  let len = f.length;
  for (let round = 0; round < 6; round++) {
    let cut = 0;
    for (const [s, min] of SUFFIXES) {
      if (len - s.length >= min && f.startsWith(s, len - s.length)) {
        cut = s.length;
        break;
      }
    }
    if (cut === 0) break;
    len -= cut;
  }
  return len;
}

/**
 * [start, end) of the stem inside a folded Tajik token. Exposed for stemKey, which slices the
 * folded token, and stem, which slices the normalised one at the same offsets.
 */
export function tgStemRange(f: string): [number, number] {
  if (f.length <= MIN) return [0, f.length];
  const verbal = VERB_ENDINGS.some((e) => f.length - e.length >= MIN && f.endsWith(e));
  const end = suffixStrip(f);
  let start = 0;
  for (const p of ['наме', 'ме', 'на', 'би']) {
    if (!f.startsWith(p) || end - p.length < 2) continue;
    const rest = f.slice(p.length, end);
    if (VERB_STEMS.has(rest) || (verbal && (p === 'ме' || p === 'наме') && rest.length >= MIN)) {
      start = p.length;
    }
    break;
  }
  return [start, end];
}
