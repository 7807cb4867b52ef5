/**
 * One analysis of a text shared by cue matching and the classifiers: tokens with their match keys,
 * sentences and paragraphs, all as UTF-16 offsets into the original string. Building it once per
 * item is what keeps the whole detection stack in the thousands of items per second per core.
 *
 * Each token carries the keys the cue matcher compares against: its stem key under every stemmer
 * that fits its script (Russian and Tajik for Cyrillic, English and Uzbek for Latin). A Russian cue
 * meets its inflections through the Russian stem; a Tajik cue meets keyboard-folded and suffixed
 * forms through the Tajik stem key (stemmed on the folded form). Stems are cached per normalised
 * word, which is what makes stemming every token under two stemmers affordable.
 */
import type { Lang } from '@ogoh/core';
import { identify, isStopword, sentences, stemKey, tokenize } from '@ogoh/text';

/** Languages with a stemmer and stop words that detection uses. */
export type StemLang = 'ru' | 'tg' | 'en' | 'uz';

export interface TokenView {
  start: number;
  end: number;
  /** normalised form (NFC, lookalikes, lower case, ё→е) */
  norm: string;
  /** keyboard-folded form of norm */
  fold: string;
  /** stem key under the text's language (or the script's default): the classifier's word feature */
  key: string;
  /** every distinct stem key (all stemmers fitting the script) plus the folded form, for cue matching */
  keys: readonly string[];
  /** stem key per stemmer, for telling which language's stem matched */
  stems: Readonly<Partial<Record<StemLang, string>>>;
  /** a function word in any language fitting its script */
  stop: boolean;
  /** index of the sentence the token is in */
  sent: number;
}

export interface Range {
  start: number;
  end: number;
}

export interface SentenceView extends Range {
  /** token index range [tokFrom, tokTo) */
  tokFrom: number;
  tokTo: number;
}

export interface ParagraphView extends Range {
  /** sentence index range [sentFrom, sentTo) */
  sentFrom: number;
  sentTo: number;
  tokFrom: number;
  tokTo: number;
}

export interface TextView {
  text: string;
  /** the language used for stems (given, or identified) */
  lang: Lang;
  tokens: TokenView[];
  sentences: SentenceView[];
  paragraphs: ParagraphView[];
}

interface WordInfo {
  fold: string;
  keys: string[];
  stems: Partial<Record<StemLang, string>>;
  stop: boolean;
  /** 1 Cyrillic, 2 Latin, 0 other */
  script: 0 | 1 | 2;
}

const CYRILLIC_LANGS: readonly StemLang[] = ['ru', 'tg'];
const LATIN_LANGS: readonly StemLang[] = ['en', 'uz'];
const CACHE_LIMIT = 200_000;
let cache = new Map<string, WordInfo>();

function scriptOf(word: string): 0 | 1 | 2 {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x400 && c <= 0x52f) return 1;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) return 2;
  }
  return 0;
}

function wordInfo(norm: string, fold: string): WordInfo {
  let w = cache.get(norm);
  if (w) return w;
  const script = scriptOf(norm);
  const langs = script === 1 ? CYRILLIC_LANGS : script === 2 ? LATIN_LANGS : [];
  const stems: Partial<Record<StemLang, string>> = {};
  const keys: string[] = [];
  let stop = false;
  for (const l of langs) {
    const k = stemKey(norm, l);
    stems[l] = k;
    if (!keys.includes(k)) keys.push(k);
    if (isStopword(norm, l)) stop = true;
  }
  if (!keys.includes(fold)) keys.push(fold);
  w = { fold, keys, stems, stop, script };
  if (cache.size >= CACHE_LIMIT) cache = new Map();
  cache.set(norm, w);
  return w;
}

const NEWLINE = /\r?\n[\s]*\n?|\r/g;

/** Paragraphs: text between line breaks (a blank line or a single newline both separate). */
function paragraphRanges(text: string): Range[] {
  const out: Range[] = [];
  let start = 0;
  for (const m of text.matchAll(NEWLINE)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/**
 * Analyse a text once for detection.
 * @param lang the text's language when known; else identified here (@ogoh/text's rules-first identify)
 */
export function analyzeText(text: string, lang?: Lang): TextView {
  const guessed = lang && lang !== 'und' ? lang : identify(text).lang;
  const toks = tokenize(text);
  const sents = sentences(text);
  const paras = paragraphRanges(text);
  const tokens: TokenView[] = new Array(toks.length);
  const sentencesOut: SentenceView[] = [];
  let si = 0;
  let ti = 0;
  // Sentences from the tokenizer never cross a line break, so they nest inside paragraphs.
  for (const s of sents) {
    const from = ti;
    while (ti < toks.length && toks[ti]!.start < s.end) {
      const t = toks[ti]!;
      const w = wordInfo(t.norm, t.fold);
      const primary =
        (guessed === 'ru' || guessed === 'tg' || guessed === 'en' || guessed === 'uz') && w.stems[guessed]
          ? w.stems[guessed]!
          : (w.keys[0] ?? t.fold);
      tokens[ti] = {
        start: t.start,
        end: t.end,
        norm: t.norm,
        fold: w.fold,
        key: primary,
        keys: w.keys,
        stems: w.stems,
        stop: w.stop,
        sent: si,
      };
      ti++;
    }
    sentencesOut.push({ start: s.start, end: s.end, tokFrom: from, tokTo: ti });
    si++;
  }
  // Tokens outside every sentence cannot exist (sentences cover all non-space text), but keep the
  // array dense if the tokenizer and the sentence splitter ever disagree.
  for (; ti < toks.length; ti++) {
    const t = toks[ti]!;
    const w = wordInfo(t.norm, t.fold);
    tokens[ti] = {
      start: t.start,
      end: t.end,
      norm: t.norm,
      fold: w.fold,
      key: w.keys[0] ?? t.fold,
      keys: w.keys,
      stems: w.stems,
      stop: w.stop,
      sent: Math.max(0, si - 1),
    };
  }
  const paragraphs: ParagraphView[] = [];
  let sj = 0;
  for (const p of paras) {
    while (sj < sentencesOut.length && sentencesOut[sj]!.end <= p.start) sj++;
    const sFrom = sj;
    while (sj < sentencesOut.length && sentencesOut[sj]!.start < p.end) sj++;
    if (sj === sFrom) continue;
    paragraphs.push({
      start: sentencesOut[sFrom]!.start,
      end: sentencesOut[sj - 1]!.end,
      sentFrom: sFrom,
      sentTo: sj,
      tokFrom: sentencesOut[sFrom]!.tokFrom,
      tokTo: sentencesOut[sj - 1]!.tokTo,
    });
  }
  return { text, lang: guessed, tokens, sentences: sentencesOut, paragraphs };
}
