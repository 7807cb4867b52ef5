/**
 * Turns a topic variant plus facts into the text of one item in one output language, and makes
 * the rewrites and small edits that near-duplicates are made of.
 */
import type { Rng } from './rng.ts';
import type { Alt, DemoLang, Facts, LangText, Topic } from './templates/types.ts';
import { fill, foldTajik, uzLatinToCyrillic } from './text.ts';

/** Output languages: Uzbek is written in two scripts; tg may also be keyboard-folded (a flag). */
export type OutLang = 'tg' | 'ru' | 'en' | 'uz-Latn' | 'uz-Cyrl' | 'fa';

export function templateLang(out: OutLang): DemoLang {
  return out === 'uz-Latn' || out === 'uz-Cyrl' ? 'uz' : out;
}

export interface Rendered {
  title: string;
  /** body sentences, already filled */
  sentences: string[];
  /** the alternative chosen for the title and each body part (a rewrite picks others) */
  picks: number[];
}

const altCount = (a: Alt): number => (typeof a === 'string' ? 1 : a.length);
const altAt = (a: Alt, i: number): string => (typeof a === 'string' ? a : (a[i % a.length] as string));

/** Random picks for a text, one per part. */
export function randomPicks(t: LangText, r: Rng): number[] {
  return [t.title, ...t.body].map((a) => r.int(0, altCount(a) - 1));
}

/** Picks that differ from `old` wherever a part has alternatives (a rewrite of the same facts). */
export function rewritePicks(t: LangText, old: readonly number[]): number[] {
  return [t.title, ...t.body].map((a, i) => {
    const n = altCount(a);
    return n > 1 ? ((old[i] ?? 0) + 1) % n : 0;
  });
}

export function hasLang(topic: Topic, variant: number, out: OutLang): boolean {
  return topic.variants[variant]?.[templateLang(out)] !== undefined;
}

export function renderVariant(
  topic: Topic,
  variant: number,
  facts: Facts,
  out: OutLang,
  picks: readonly number[],
): Rendered {
  const t = topic.variants[variant]?.[templateLang(out)];
  if (!t) throw new Error(`topic ${topic.id} variant ${variant} has no ${out} text`);
  const lang = templateLang(out);
  // a slot may open a sentence ("{place.in} …" → "в Худжанде …"): capitalise after filling
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const conv = (s: string) => cap(out === 'uz-Cyrl' ? uzLatinToCyrillic(s) : s);
  return {
    title: conv(fill(altAt(t.title, picks[0] ?? 0), facts, lang)),
    sentences: t.body.map((a, i) => conv(fill(altAt(a, picks[i + 1] ?? 0), facts, lang))),
    picks: [...picks],
  };
}

/** Applies Tajik keyboard folding to a rendered text. */
export function foldRendered(r: Rendered): Rendered {
  return { ...r, title: foldTajik(r.title), sentences: r.sentences.map(foldTajik) };
}

// -------------------------------------------------------------------------------- small edits

const URGENT: Record<OutLang, readonly string[]> = {
  tg: ['Фаврӣ: ', 'Муҳим! ', '⚡️ '],
  ru: ['Срочно: ', 'Важно! ', '⚡️ '],
  en: ['BREAKING: ', 'Update: ', '⚡️ '],
  'uz-Latn': ['Shoshilinch: ', 'Muhim! ', '⚡️ '],
  'uz-Cyrl': ['Шошилинч: ', 'Муҳим! ', '⚡️ '],
  fa: ['فوری: ', '⚡️ '],
};

/**
 * A near-duplicate by small edits: an urgency prefix, a dropped last sentence, a transposed pair
 * of letters, or doubled punctuation; one to two of them. Deterministic for a given rng state.
 */
export function editText(text: string, out: OutLang, r: Rng): string {
  let s = text;
  const ops = r.sample([0, 1, 2, 3], r.int(1, 2));
  for (const op of ops) {
    if (op === 0) s = r.pick(URGENT[out]) + s;
    else if (op === 1) {
      const cut = s.lastIndexOf('. ', s.length - 3);
      if (cut > s.length / 2) s = s.slice(0, cut + 1);
    } else if (op === 2) {
      const words = [...s.matchAll(/[\p{L}]{6,}/gu)];
      const w = words.length ? r.pick(words) : undefined;
      if (w && w.index !== undefined) {
        const k = w.index + 2;
        s = s.slice(0, k) + s[k + 1] + s[k] + s.slice(k + 2);
      }
    } else s = s.replace(/([.!?])(\s|$)/, '$1$1$2');
  }
  return s;
}
