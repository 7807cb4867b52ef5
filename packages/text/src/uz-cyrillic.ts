/**
 * Uzbek Latin (the 1995 alphabet, 2nd-generation orthography with oʻ gʻ) → Uzbek Cyrillic: the demo
 * writes its Uzbek Cyrillic items with it and the claim lexicon derives its Cyrillic forms from the
 * Latin ones. Apostrophe variants (ʻ ‘ ' ` ʼ ’) are all read as the Uzbek letter mark; case is kept.
 */

/** Month names (and a few loans) whose Cyrillic spelling is not a letter-by-letter mapping. */
const UZ_WORDS: Record<string, string> = {
  sentabr: 'сентябр',
  oktabr: 'октябр',
  noyabr: 'ноябр',
  dekabr: 'декабр',
  sentabrda: 'сентябрда',
  oktabrda: 'октябрда',
  noyabrda: 'ноябрда',
  dekabrda: 'декабрда',
  mdh: 'МДҲ',
  kxsht: 'КХШТ',
  shht: 'ШҲТ',
};
const UZ_APOS = "ʻ‘'`ʼ’";
const UZ_SINGLE: Record<string, string> = {
  a: 'а',
  b: 'б',
  c: 'ц',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  h: 'ҳ',
  i: 'и',
  j: 'ж',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  q: 'қ',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  w: 'в',
  x: 'х',
  y: 'й',
  z: 'з',
};
const UZ_PAIRS: Record<string, string> = { sh: 'ш', ch: 'ч', yo: 'ё', yu: 'ю', ya: 'я', ye: 'е' };

const isApostrophe = (c: string | undefined): boolean =>
  c !== undefined && c.length === 1 && UZ_APOS.includes(c);

/** Uzbek Latin (2nd-generation orthography, oʻ gʻ with U+02BB) → Uzbek Cyrillic. */
export function uzLatinToCyrillic(s: string): string {
  return s.replace(/[A-Za-zʻ‘'`ʼ’]+/g, (word) => {
    const lower = word.toLowerCase();
    const known = UZ_WORDS[lower];
    if (known) return matchCase(word, known);
    let out = '';
    for (let i = 0; i < word.length; i++) {
      const c = word[i] as string;
      const lc = c.toLowerCase();
      const nxt = (word[i + 1] ?? '').toLowerCase();
      let piece: string;
      if ((lc === 'o' || lc === 'g') && isApostrophe(nxt)) {
        piece = lc === 'o' ? 'ў' : 'ғ';
        i++;
      } else if (UZ_PAIRS[lc + nxt] && !isApostrophe(word[i + 2])) {
        // a pair before an apostrophe is not a pair: "yoʻl" is й + ў, not ё
        piece = UZ_PAIRS[lc + nxt] as string;
        i++;
      } else if (isApostrophe(c)) {
        piece = 'ъ';
      } else if (lc === 'e' && i === 0) {
        piece = 'э';
      } else {
        piece = UZ_SINGLE[lc] ?? c;
      }
      out += c !== lc ? piece.toUpperCase() : piece;
    }
    // An all-caps abbreviation stays all caps.
    return word.length > 1 && word === word.toUpperCase() && /[A-Z]/.test(word) ? out.toUpperCase() : out;
  });
}

function matchCase(src: string, target: string): string {
  if (src === src.toUpperCase()) return target.toUpperCase();
  if (src[0] === src[0]?.toUpperCase()) return target[0]?.toUpperCase() + target.slice(1);
  return target;
}
