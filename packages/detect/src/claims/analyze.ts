/**
 * The analysed form of a claim or a query: what the index stores and what re-ranking compares.
 *
 * Four views of the words, because no single one works across Tajik, Russian, Uzbek and English:
 * - `words`: stemmed, keyboard-folded keys (@ogoh/text stemKey), stop words dropped. Precise within
 *   one language and one script; Tajik typed on a Russian layout meets proper Tajik here.
 * - `cognates`: a script-neutral consonant skeleton of each stem (Тоҷикистон, Таджикистан and
 *   Tajikistan → "tCkstn"), plus canonical numbers. Carries names and numbers across languages.
 * - `grams`: character 4-grams of each word transliterated to Latin, for languages whose stemmer is
 *   light (Tajik, Uzbek) and for partial cognates across scripts (Рогунская / Roghun).
 * - `neutral`: the concept lexicon's id for every word it knows (муҳоҷир, мигрант, migrant →
 *   ~migrant), the skeleton for the others, and the numbers: what a translation shares with its claim.
 * Numbers are read with their multipliers (2,5 млн = 2.5 million = 2500000), entities are the
 * capitalised words that do not open a sentence, and quotations keep their word sequence.
 */
import type { Lang } from '@ogoh/core';
import {
  fold,
  identify,
  isStopword,
  persoArabicToTg,
  ruToLatin,
  stemKey,
  type Token,
  tokenize,
} from '@ogoh/text';
import { conceptLexicon, tokenKey } from './lexicon/lexicon.ts';

export interface ClaimAnalysis {
  lang: Lang;
  /** stem keys of the content words, in text order */
  words: string[];
  /** consonant skeletons of the content words and canonical numbers, in text order */
  cognates: string[];
  /** character 4-grams of the content words (Latin transliteration) */
  grams: string[];
  /** canonical numbers ("2500000", "70", "2026") */
  numbers: string[];
  /** skeleton keys of named entities */
  entities: string[];
  /** quotations as sequences of word keys (two or more words) */
  quotes: string[][];
  /** ids of the lexicon concepts the text names (concepts.ts), in text order */
  concepts: string[];
  /**
   * The language-neutral view, in text order: a concept key ("~migrant") for words the lexicon
   * knows, the consonant skeleton for other content words (names cross scripts that way), and the
   * canonical numbers. A translation of a claim shares most of these keys with it.
   */
  neutral: string[];
}

/** Neutral keys of concepts start with "~", which no skeleton or number contains. */
export const CONCEPT_PREFIX = '~';

const KNOWN: ReadonlySet<string> = new Set(['tg', 'ru', 'uk', 'uz', 'en', 'fa']);

/** A BCP 47 tag from a fact-checker ("ru-RU", "tg", "uz-Latn") → a language Ogoh analyses, if any. */
export function langOf(tag: string | undefined): Lang | undefined {
  if (tag === undefined) return undefined;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (base === 'tj' || base === 'tgk') return 'tg';
  if (base === 'rus') return 'ru';
  if (base === 'uzb') return 'uz';
  if (base === 'eng') return 'en';
  if (base === 'per' || base === 'fas' || base === 'prs') return 'fa';
  return KNOWN.has(base) ? (base as Lang) : undefined;
}

/** URLs say nothing a reader would repeat; their path words only add noise. */
const URL_RE = /\b(?:https?:\/\/|www\.|pic\.twitter\.com\/|t\.me\/)\S*/gi;
/** #ImpeachTrump, @JoeBiden → "Impeach Trump", "Joe Biden": the words inside count. */
const HASHTAG_RE = /[#@]([\p{L}\p{N}_]+)/gu;

function splitHashtag(_m: string, tag: string): string {
  return ` ${tag
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')} `;
}

/** The text with URLs removed and hashtags and mentions split, same meaning for matching. */
export function prepare(text: string): string {
  return text.replace(URL_RE, ' ').replace(HASHTAG_RE, splitHashtag);
}

/** The folded words of a text's hashtags and handles: the run-together words worth splitting. */
function taggedWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(HASHTAG_RE)) out.add(fold(m[1]!.toLowerCase()));
  return out;
}

const MULTIPLIERS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:thousand|тыс|тысяч[аи]?|хазор|ming|k)$/, 1e3],
  [/^(?:million|millions|mln|млн|миллион(?:а|ов|хо|и)?|mio)$/, 1e6],
  [/^(?:billion|billions|bln|bn|млрд|миллиард(?:а|ов|хо|и)?|milliard|mlrd)$/, 1e9],
];

/** 1,000 / 1 000 / 1.000 (thousands) and 2,5 / 2.5 (decimals), optionally followed by a multiplier. */
const NUMBER_RE =
  /(?<![\p{L}\p{N}])(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+|\d+)(?:[.,](\d+))?(?![\p{N}])(?:\s*([\p{L}]+))?/gu;

/** Canonical numbers with the text spans they cover (so their digit tokens are not counted twice). */
export function readNumbers(text: string): { value: string; start: number; end: number }[] {
  const out: { value: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const whole = m[1]!.replace(/[ \u00a0\u202f.,]/g, '');
    const frac = m[2];
    let value = Number(frac === undefined ? whole : `${whole}.${frac}`);
    if (!Number.isFinite(value)) continue;
    let end = m.index + m[0].length;
    const word = m[3] === undefined ? undefined : fold(m[3].toLowerCase());
    const mult = word === undefined ? undefined : MULTIPLIERS.find(([re]) => re.test(word));
    if (mult) value *= mult[1];
    else if (m[3] !== undefined) end -= m[3].length;
    const canonical = Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
    out.push({ value: canonical, start: m.index, end });
  }
  return out;
}

/** Perso-Arabic → Tajik Cyrillic skeleton, Cyrillic → Latin, so every script meets in Latin. */
export function toLatin(folded: string): string {
  let s = folded;
  if (/[\u0600-\u06ff]/.test(s)) s = fold(persoArabicToTg(s));
  if (/[\u0400-\u04ff]/.test(s)) s = ruToLatin(s).toLowerCase();
  return s;
}

/**
 * Consonant skeleton of a Latin-script word: the sounds that survive transliteration between
 * Tajik, Russian, Uzbek and English (ҷ / дж / j / ch all → C; х / kh / h → h; q → k; vowels,
 * y and doubled letters dropped). "tochikiston", "tadzhikistan", "tajikistan" → "tCkstn".
 */
export function skeleton(latin: string): string {
  const s = latin
    .replace(/['ʻʼ`]/g, '')
    .replace(/shch|sch/g, 'S')
    .replace(/sh/g, 'S')
    .replace(/dzh|dj|zh|ch|j/g, 'C')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/ck|c/g, 'k')
    .replace(/kh|gh/g, (m) => (m === 'kh' ? 'h' : 'g'))
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ts|tz/g, 's')
    .replace(/x/g, 'h')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/[aeiouyəöüı]/g, '');
  let out = '';
  for (const ch of s) if (out[out.length - 1] !== ch) out += ch;
  return out;
}

/** Quotation marks that open and close a quoted span. */
const QUOTE_PAIRS: Readonly<Record<string, string>> = { '«': '»', '“': '”', '„': '“', '"': '"', '‹': '›' };

const ANY_QUOTE = /[«“„"‹]/;

function quoteSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  if (!ANY_QUOTE.test(text)) return spans;
  let i = 0;
  while (i < text.length) {
    const close = QUOTE_PAIRS[text[i]!];
    if (close === undefined) {
      i++;
      continue;
    }
    const alt = text[i] === '„' ? '”' : close;
    let j = i + 1;
    while (j < text.length && text[j] !== close && text[j] !== alt && text[j] !== '\n') j++;
    if (j < text.length && j - i > 3 && j - i < 400) {
      spans.push({ start: i + 1, end: j });
      i = j + 1;
    } else i++;
  }
  return spans;
}

/** Letter case says nothing about names in a text typed in capitals. */
function mostlyUpper(text: string): boolean {
  let up = 0;
  let low = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41) continue;
    if (c <= 0x5a) up++;
    else if (c >= 0x61 && c <= 0x7a) low++;
    else if (c >= 0x400 && c <= 0x42f) up++;
    else if (c >= 0x430 && c <= 0x45f) low++;
    else if (c >= 0x460 && c <= 0x52f) {
      // extended Cyrillic (ҳ ҷ қ ғ ӣ ӯ ў…) pairs upper case at even code points
      if (c % 2 === 0) up++;
      else low++;
    }
  }
  return up > low;
}

function sentenceStart(text: string, tokenStart: number): boolean {
  for (let k = tokenStart - 1; k >= 0; k--) {
    const ch = text[k]!;
    if (ch === ' ' || ch === '\t' || ch === '"' || ch === '«' || ch === '“' || ch === '(' || ch === "'")
      continue;
    return ch === '.' || ch === '!' || ch === '?' || ch === '\n' || ch === '…' || ch === ':' || ch === '—';
  }
  return true;
}

function analysisLang(text: string, lang: Lang | undefined): Lang {
  if (lang !== undefined && lang !== 'und') return lang;
  return identify(text).lang;
}

const GRAM = 4;

function gramsOf(latin: string, out: string[]): void {
  const w = `_${latin}_`;
  if (w.length <= GRAM) {
    out.push(w);
    return;
  }
  for (let i = 0; i + GRAM <= w.length; i++) out.push(w.slice(i, i + GRAM));
}

/**
 * Analyses a claim or a query. `lang` skips language identification when the record says it.
 * @example analyzeClaim('Раҳмон 2 млн сомонӣ ҷудо кард').numbers // ['2000000']
 */
interface WordView {
  key: string;
  cognates: readonly string[];
  grams: readonly string[];
}

/** Per-word results, memoised: word frequencies are Zipfian, so most words were seen before. */
const views = new Map<string, WordView | null>();
const MAX_VIEWS = 300_000;

/** The keys of one word in a language; undefined for a stop word. */
function wordView(norm: string, folded: string, l: Lang): WordView | undefined {
  const memo = `${l}\u0001${norm}`;
  const hit = views.get(memo);
  if (hit !== undefined) return hit ?? undefined;
  let v: WordView | null = null;
  if (!isStopword(norm, l)) {
    const key = l === 'und' ? folded : stemKey(norm, l);
    const latin = toLatin(folded);
    // the stem's skeleton, and the word's first four consonants: stemmers of different languages
    // cut a shared name differently (Раҳмон → рахм in Tajik, Рахмон in Russian)
    const sk = skeleton(toLatin(key));
    const head = skeleton(latin).slice(0, 4);
    const cognates: string[] = [];
    if (sk.length >= 2) cognates.push(sk);
    if (head.length >= 2 && head !== sk) cognates.push(head);
    const grams: string[] = [];
    gramsOf(latin, grams);
    v = { key, cognates, grams };
  }
  if (views.size >= MAX_VIEWS) views.clear();
  views.set(memo, v);
  return v ?? undefined;
}

/** Token keys for the lexicon, memoised like the word views (stop words included). */
const tokenKeys = new Map<string, string>();

function keyOf(norm: string, folded: string, l: Lang): string {
  const memo = `${l}\u0001${norm}`;
  let k = tokenKeys.get(memo);
  if (k === undefined) {
    k = tokenKey(norm, folded, l);
    if (tokenKeys.size >= MAX_VIEWS) tokenKeys.clear();
    tokenKeys.set(memo, k);
  }
  return k;
}

/**
 * Splits a run-together word ("capetownstorm", "stonemanshooting") into pieces whose stem keys the
 * index knows, preferring few long pieces; undefined when no full split exists. Hashtags and
 * handles are written this way, and their words are what a claim would say.
 */
export function segmentWord(word: string, lang: Lang, known: (key: string) => boolean): string[] | undefined {
  const n = word.length;
  if (n < 8 || n > 40) return undefined;
  const best = new Float64Array(n + 1).fill(-1);
  const from = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i]! < 0) continue;
    for (let j = i + 3; j <= n; j++) {
      const piece = word.slice(i, j);
      const key = lang === 'und' ? piece : stemKey(piece, lang);
      if (!known(key) || isStopword(piece, lang)) continue;
      const v = best[i]! + (j - i) * (j - i);
      if (v > best[j]!) {
        best[j] = v;
        from[j] = i;
      }
    }
  }
  if (best[n]! < 0 || from[n] === 0) return undefined;
  const pieces: string[] = [];
  for (let j = n; j > 0; j = from[j]!) pieces.unshift(word.slice(from[j]!, j));
  return pieces;
}

export interface AnalyzeOptions {
  /** whether the index has this word key: lets run-together words be split (queries only) */
  known?: (key: string) => boolean;
}

export function analyzeClaim(raw: string, lang?: Lang, options: AnalyzeOptions = {}): ClaimAnalysis {
  const text = prepare(raw);
  const tagged = options.known ? taggedWords(raw) : undefined;
  const l = analysisLang(text, lang);
  const numbers = readNumbers(text);
  const upper = mostlyUpper(text);
  const tokens = tokenize(text);
  const words: string[] = [];
  const cognates: string[] = [];
  const grams: string[] = [];
  const entities: string[] = [];
  // per token: its word key (or undefined when dropped), for quotations
  const keyAt = new Map<Token, string>();
  const concepts: string[] = [];
  const neutral: string[] = [];
  // lexicon concepts over every token (stop words too: "в два раза" is one concept)
  const found = conceptLexicon().match(
    tokens.map((t) => keyOf(t.norm, t.fold, l)),
    l,
  );
  const startAt = new Map<number, readonly string[]>();
  const covered = new Uint8Array(tokens.length);
  for (const m of found) {
    startAt.set(m.at, m.concepts);
    covered.fill(1, m.at, m.at + m.length);
  }
  let n = 0;
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti]!;
    const named = startAt.get(ti);
    if (named !== undefined)
      for (const c of named) {
        concepts.push(c);
        neutral.push(CONCEPT_PREFIX + c);
      }
    while (n < numbers.length && numbers[n]!.end <= t.start) n++;
    const num = numbers[n];
    if (num !== undefined && t.start >= num.start && t.end <= num.end) continue;
    if (t.norm.length < 2 && !/\p{Lo}/u.test(t.norm)) continue;
    const v = wordView(t.norm, t.fold, l);
    if (v === undefined) continue;
    if (options.known && tagged?.has(t.fold) && !options.known(v.key)) {
      const pieces = segmentWord(t.fold, l, options.known);
      if (pieces) {
        for (const p of pieces) {
          const pv = wordView(p, p, l);
          if (pv === undefined) continue;
          words.push(pv.key);
          neutral.push(pv.cognates[0] ?? pv.key);
          for (const c of pv.cognates) cognates.push(c);
          for (const g of pv.grams) grams.push(g);
        }
        continue;
      }
    }
    words.push(v.key);
    if (covered[ti] === 0) neutral.push(v.cognates[0] ?? v.key);
    keyAt.set(t, v.key);
    const mine = v.cognates;
    for (const c of mine) cognates.push(c);
    for (const g of v.grams) grams.push(g);
    if (!upper && mine.length > 0) {
      const first = t.text[0]!;
      const capital = first !== first.toLowerCase();
      const allCaps = t.text.length >= 2 && t.text === t.text.toUpperCase() && /\p{L}/u.test(t.text);
      if ((capital && !sentenceStart(text, t.start)) || allCaps) for (const c of mine) entities.push(c);
    }
  }
  for (const num of numbers) {
    words.push(num.value);
    cognates.push(num.value);
  }
  for (const num of numbers) neutral.push(num.value);
  const quotes: string[][] = [];
  for (const q of quoteSpans(text)) {
    const seq: string[] = [];
    for (const t of tokens) {
      if (t.start < q.start || t.end > q.end) continue;
      const k = keyAt.get(t);
      if (k !== undefined) seq.push(k);
    }
    if (seq.length >= 2) quotes.push(seq);
  }
  return {
    lang: l,
    words,
    cognates,
    grams,
    numbers: numbers.map((x) => x.value),
    entities,
    quotes,
    concepts,
    neutral,
  };
}
