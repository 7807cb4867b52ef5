/**
 * The shape of the demo's text templates. A topic draws facts (places, people, numbers, dates) and
 * has variants; each variant is one text written in several languages, so rendering the same facts
 * in two languages yields a real translation. A part may offer alternatives: picking other
 * alternatives for the same facts yields a rewrite (a near-duplicate with different wording).
 */
import type { Rng } from '../rng.ts';

/** Languages the templates are written in; Uzbek Cyrillic is derived from the Uzbek Latin text. */
export type DemoLang = 'tg' | 'ru' | 'en' | 'uz' | 'fa';

/** One wording, or alternatives with the same meaning. */
export type Alt = string | readonly string[];

export interface LangText {
  title: Alt;
  /** sentences (or short paragraphs), joined with a space */
  body: readonly Alt[];
}

export type Variant = Partial<Record<DemoLang, LangText>>;

/** A fact: a literal, a number (formatted per language), or forms per language (`ru`, `ru.in` …). */
export type Ent = string | number | { readonly [form: string]: string };
export type Facts = Record<string, Ent>;

export interface FactContext {
  /** publication time of the first item of the story (ms since epoch) */
  at: number;
}

export type TopicKind = 'news' | 'control' | 'narrative';

export interface Topic {
  id: string;
  kind: TopicKind;
  /** news: weather, sport …; control: religious, diaspora, pamiri, russia, china, csto, migration, history; narrative: the family */
  category: string;
  /** narrative ids the text carries (kind 'narrative' only) */
  narratives?: readonly string[];
  facts(r: Rng, ctx: FactContext): Facts;
  variants: readonly Variant[];
}
