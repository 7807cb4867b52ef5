/**
 * Language-independent anchors of a text: what survives translation. A Russian wire story and its
 * Tajik, Uzbek or English translation share almost no words, but they share the numbers, the dates,
 * the links, the named actors and places (through the gazetteer) and the proper names, which
 * transliterate into the same consonant skeleton ("Шахристан", "Шаҳристон", "Shahriston" → shrs).
 * Quotations are kept as anchors too: a same-language rewrite keeps the quote word for word.
 *
 * Every anchor is a short string key with a type prefix:
 *   e:<gazetteer id>  n:<number>  d:<MM-DD>  u:<host/path>  q:<quote hash>  c:<consonant skeleton>
 */
import { foldKey, tgCyrillicToLatin } from '@ogoh/text';
import { findEntities, foldedWords } from './gazetteer.ts';

export type AnchorType = 'e' | 'n' | 'd' | 'u' | 'q' | 'c';

export interface AnchorInput {
  title?: string | undefined;
  text: string;
  lang?: string;
  links?: readonly { url: string }[];
  /** the item's own URL: a post linking to it meets it here */
  url?: string | undefined;
  canonicalUrl?: string | undefined;
}

export interface Anchors {
  /** distinct anchor keys, sorted */
  keys: string[];
  /** how the text wrote each key (for explanations) */
  surface: Map<string, string>;
}

const MONTHS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['январ', 'yanvar', 'january', 'jan', 'ژانویه']],
  [2, ['феврал', 'fevral', 'february', 'feb', 'فوریه']],
  [3, ['март', 'mart', 'march', 'mar', 'مارس']],
  [4, ['апрел', 'aprel', 'april', 'apr', 'آوریل']],
  [5, ['мая', 'май', 'may', 'مه']],
  [6, ['июн', 'iyun', 'june', 'jun', 'ژوئن']],
  [7, ['июл', 'iyul', 'july', 'jul', 'ژوئیه']],
  [8, ['август', 'avgust', 'august', 'aug', 'اوت']],
  [9, ['сентябр', 'сентабр', 'sentabr', 'sentyabr', 'september', 'sept', 'sep', 'سپتامبر']],
  [10, ['октябр', 'октабр', 'oktabr', 'oktyabr', 'october', 'oct', 'اکتبر']],
  [11, ['ноябр', 'noyabr', 'november', 'nov', 'نوامبر']],
  [12, ['декабр', 'dekabr', 'december', 'dec', 'دسامبر']],
];

/** Month number of a folded word, or 0. Short stems (may, mar…) must be the whole word. */
export function monthOf(word: string): number {
  for (const [m, stems] of MONTHS)
    for (const s of stems) {
      if (
        s.length <= 4
          ? word === s || (s.length === 4 && word.startsWith(s) && word.length <= 6)
          : word.startsWith(s)
      )
        return m;
    }
  return 0;
}

/** Ordinal suffixes written between a day and its month ("27-уми октябр", "27th of October"). */
const ORDINAL = new Set(['уми', 'ум', 'юми', 'th', 'st', 'nd', 'rd', 'of', 'inchi', 'chi', 'го', 'е', 'ого']);

function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** host + path, lower-case host without www, no query or fragment, no trailing slash. */
export function urlKey(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const path = u.pathname.replace(/\/+$/, '');
  return `${host}${path}`;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"«»“”()]+/giu;
const TG_UZ_EXTRA: Readonly<Record<string, string>> = { ў: 'u', Ў: 'U' };

/**
 * The consonant skeleton of a proper name in any of the region's scripts: Cyrillic is
 * transliterated (Tajik table, which covers Russian and Uzbek letters), digraphs and letters that
 * different spellings swap are merged (ch/j/dzh/zh, kh/x/h, q/k, ts/s, gh/g), vowels dropped and
 * doubled letters collapsed. Persian script gives no skeleton (its vowels are unwritten).
 * @example nameSkeleton('Шаҳристон') === nameSkeleton('Шахристан') // 'Shrstn'
 */
export function nameSkeleton(word: string): string {
  let w = word.replace(/[ўЎ]/g, (c) => TG_UZ_EXTRA[c] ?? c);
  if (/[\u0400-\u04ff]/.test(w)) w = tgCyrillicToLatin(w);
  w = w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  if (/[^a-z'ʻʼ’`-]/.test(w)) return '';
  w = w
    .replace(/shch|sch/g, 'S')
    .replace(/dzh|dj|zh|ch/g, 'j')
    .replace(/sh/g, 'S')
    .replace(/kh|x/g, 'h')
    .replace(/gh/g, 'g')
    .replace(/ts|c/g, 's')
    .replace(/q/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/w/g, 'v')
    .replace(/[aeiouy'ʻʼ’`-]/g, '');
  let out = '';
  for (const ch of w) if (out[out.length - 1] !== ch) out += ch;
  return out;
}

/** Words after which a capitalised word is sentence-initial, not a name. */
const SENTENCE_END = /[.!?…:\n]\s*$/;

/**
 * The anchors of a text (title and body). Pure and deterministic.
 * @example extractAnchors({ text: 'В Санкт-Петербурге платёж составляет 7400 рублей.' }).keys
 *   // ['c:snkt', 'c:ptrb', 'e:st-petersburg', 'n:7400']
 */
export function extractAnchors(input: AnchorInput): Anchors {
  const surface = new Map<string, string>();
  const put = (key: string, shown: string) => {
    if (!surface.has(key)) surface.set(key, shown);
  };
  const full = input.title ? `${input.title}\n${input.text}` : input.text;

  // links and URLs written in the text; the item's own URL
  for (const l of input.links ?? []) {
    const k = urlKey(l.url);
    if (k) put(`u:${k}`, l.url);
  }
  for (const m of full.matchAll(URL_IN_TEXT)) {
    const k = urlKey(m[0].replace(/[.,;:!?]+$/, ''));
    if (k) put(`u:${k}`, m[0]);
  }
  for (const own of [input.url, input.canonicalUrl]) {
    const k = own ? urlKey(own) : undefined;
    if (k) put(`u:${k}`, own!);
  }
  const noUrls = full.replace(URL_IN_TEXT, ' ');

  // numeric dates, then numbers (thousands groups joined, decimal comma → point)
  let rest = noUrls.replace(/(?<![\p{N}.])(\d{1,2})[./](\d{1,2})[./](\d{2,4})(?![\p{N}])/gu, (m, d, mo) => {
    const day = Number(d);
    const month = Number(mo);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12)
      put(`d:${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, m);
    return ' ';
  });
  rest = rest.replace(
    /(?<![\p{N}])(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?![\p{N}])/gu,
    (_m, a, b: string) => `${a}${b.replace(/[ \u00a0\u202f]/g, '')}`,
  );
  // English thousands ("4,700", "1,200,000"): a comma before exactly three digits groups thousands
  // (a decimal comma with three decimals is rare in news; "3,9" and "118,7" stay decimals)
  rest = rest.replace(
    /(?<![\p{N}.,])(\d{1,3})((?:,\d{3})+)(?![\p{N}]|[.,]\d)/gu,
    (_m, a, b: string) => `${a}${b.replace(/,/g, '')}`,
  );

  const folded = foldKey(rest);
  const tokens = folded.match(/\d+(?:[.,]\d+)?|[\p{L}\p{M}]+/gu) ?? [];
  const usedAsDay = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!/^\d/.test(t)) continue;
    const day = Number(t);
    if (!Number.isInteger(day) || day < 1 || day > 31) continue;
    // day then month ("27 октября", "27-уми октябр", "27th of October")
    let j = i + 1;
    while (j < tokens.length && j <= i + 2 && ORDINAL.has(tokens[j]!)) j++;
    let month = j < tokens.length ? monthOf(tokens[j]!) : 0;
    // month then day ("October 27")
    if (!month && i > 0) month = monthOf(tokens[i - 1]!);
    if (month) {
      put(
        `d:${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        `${t} ${tokens[j] ?? tokens[i - 1]}`,
      );
      usedAsDay.add(i);
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!/^\d/.test(t) || usedAsDay.has(i)) continue;
    const n = t.replace(',', '.').replace(/^0+(?=\d)/, '');
    put(`n:${n}`, t);
  }

  // gazetteer entities
  const words = foldedWords(folded);
  // a name the gazetteer knows is one anchor, not two (entity and skeleton)
  const known = new Set<string>();
  for (const h of findEntities(words)) {
    put(`e:${h.id}`, words[h.at] ?? h.id);
    known.add(nameSkeleton(words[h.at] ?? '').slice(0, 3));
  }

  // quotations (same-language rewrites keep them verbatim)
  for (const m of noUrls.matchAll(/[«“„"]([^«»“”„"\n]{12,400})[»”"“]/gu)) {
    const qw = foldedWords(foldKey(m[1]!));
    if (qw.length >= 4) put(`q:${fnv(qw.join(' '))}`, m[1]!.slice(0, 80));
  }

  // proper names: capitalised words that do not open a sentence
  for (const m of noUrls.matchAll(/[\p{L}\p{M}ʻʼ’'-]+/gu)) {
    const w = m[0];
    const first = w[0]!;
    if (first === first.toLowerCase()) continue; // lower-case or a script without case
    if (w.length > 1 && w === w.toUpperCase()) continue; // acronyms: the gazetteer's job
    const before = noUrls.slice(Math.max(0, (m.index ?? 0) - 3), m.index ?? 0);
    if ((m.index ?? 0) === 0 || SENTENCE_END.test(before)) continue;
    for (const part of w.split('-')) {
      if (part.length < 3) continue;
      const sk = nameSkeleton(part);
      if (sk.length >= 3 && !known.has(sk.slice(0, 3))) put(`c:${sk.slice(0, 3)}`, part);
    }
  }

  return { keys: [...surface.keys()].sort(), surface };
}

/** The type of an anchor key. */
export function anchorType(key: string): AnchorType {
  return key[0] as AnchorType;
}
