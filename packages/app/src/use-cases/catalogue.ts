/**
 * The catalogue of narratives and techniques, their media-literacy cards, and the counter-message
 * review, for the CLI (`ogoh cards`, `ogoh review-message`), the API and the dashboard. Cards are
 * looked up against the taxonomy in force, so an operator's own taxonomy shows which of its
 * narratives have no card yet.
 */
import { OgohError } from '@ogoh/core';
import {
  allCards,
  CARD_LANGS,
  type Card,
  type CardLang,
  cardDeck,
  cardFor,
  cardHtml,
  cardMarkdown,
  deckHtml,
  isCardLang,
  type ReviewLang,
  type ReviewResult,
  reviewMessage,
  type Taxonomy,
  TECHNIQUES,
} from '@ogoh/detect';
import type { Ogoh } from '../context.ts';
import { operatorTaxonomy } from './taxonomy-file.ts';
import { openTrace } from './trace-story.ts';
import { cachedView } from './view-cache.ts';

export type { Card, CardLang, ReviewResult };
export { CARD_LANGS, isCardLang };

export interface CatalogueNarrative {
  id: string;
  family: string;
  /** the family's name in the requested language */
  familyLabel: string;
  label: string;
  description: string;
  typicalTechniques: string[];
  convergesWith: string[];
  grounding: string;
  confidence: string;
  hasCard: boolean;
}

export interface CatalogueTechnique {
  id: string;
  category: string;
  categoryLabel: string;
  name: string;
  definition: string;
  hasCard: boolean;
}

export interface Catalogue {
  lang: CardLang;
  taxonomyVersion: string;
  cardsVersion: string;
  narratives: CatalogueNarrative[];
  techniques: CatalogueTechnique[];
}

/** Narratives (taxonomy order, with their family) and the 23 techniques, named in `lang`. */
export function catalogue(lang: CardLang = 'en', taxonomy: Taxonomy = operatorTaxonomy()): Catalogue {
  const deck = cardDeck(lang);
  return {
    lang,
    taxonomyVersion: taxonomy.version,
    cardsVersion: deck.cardsVersion,
    narratives: taxonomy.narratives.map((n) => ({
      id: n.id,
      family: n.actorFamily,
      familyLabel: deck.groups[n.actorFamily] ?? n.actorFamily,
      label: n.labels[lang] ?? n.label,
      description: n.description,
      typicalTechniques: n.typicalTechniques,
      convergesWith: n.convergesWith,
      grounding: n.grounding,
      confidence: n.confidence,
      hasCard: deck.narratives[n.id] !== undefined,
    })),
    techniques: TECHNIQUES.map((t) => ({
      id: t.id,
      category: t.category,
      categoryLabel: deck.groups[t.category] ?? t.category,
      name: t.names[lang],
      definition: t.definition,
      hasCard: deck.techniques[t.id] !== undefined,
    })),
  };
}

/**
 * How many stored (dated) items carry each narrative or technique flag, from the per-day series the
 * trends use (an indexed aggregate, not a scan of item rows).
 */
export async function detectionCounts(
  app: Ogoh,
  by: 'narrative' | 'technique',
): Promise<Map<string, number>> {
  // cached by data version: the aggregate reads every flagged item-day of the store
  const cached = await cachedView(app, 'detectionCounts', by, async () => {
    const trace = await openTrace(app);
    try {
      const out = new Map<string, number>();
      for (const r of await trace.series({ by })) out.set(r.key, (out.get(r.key) ?? 0) + r.count);
      return out;
    } finally {
      await trace.close();
    }
  });
  return cached.value;
}

/** The card of a technique label or narrative id; a coded NOT_FOUND error otherwise. */
export function getCard(id: string, lang: CardLang = 'en', taxonomy: Taxonomy = operatorTaxonomy()): Card {
  const c = cardFor(id, lang, taxonomy);
  if (!c)
    throw new OgohError('NOT_FOUND', `no card for "${id}"`, {
      field: 'id',
      hint: 'use an exact technique label (e.g. Loaded_Language) or a narrative id (e.g. ru-pamir-separatism); `ogoh cards --format json` lists them',
    });
  return c;
}

export type CardFormat = 'md' | 'html' | 'json';

/**
 * Cards rendered for printing or export: every card when `ids` is empty. HTML is one
 * self-contained document (a single card, or a deck with one card per printed page).
 */
export function renderCards(
  ids: readonly string[],
  options: { lang?: CardLang; format?: CardFormat } = {},
  taxonomy: Taxonomy = operatorTaxonomy(),
): string {
  const lang = options.lang ?? 'en';
  const format = options.format ?? 'md';
  const cards = ids.length ? ids.map((id) => getCard(id, lang, taxonomy)) : allCards(lang, taxonomy);
  if (format === 'json') return `${JSON.stringify(cards, null, 2)}\n`;
  if (format === 'html') {
    const title = {
      en: 'Ogoh media-literacy cards',
      ru: 'Карточки медиаграмотности Ogoh',
      tg: 'Кортҳои саводнокии медиавии Ogoh',
    }[lang];
    return cards.length === 1 ? cardHtml(cards[0]!) : deckHtml(cards, lang, title);
  }
  return cards.map(cardMarkdown).join('\n');
}

/** A card reference for a flag: what `check --json` and the API attach to each narrative and technique. */
export interface CardRef {
  id: string;
  lang: CardLang;
  /** where the API serves the printable card */
  href: string;
  title?: string;
  what?: string;
  check?: string;
  /** the card's own headings for `what` and `check`, in its language */
  headings?: { what: string; check: string };
}

/** The reference (and, with `withText`, the card's title, what-it-is and how-to-check) for a flag id. */
export function cardRef(
  id: string,
  lang: CardLang,
  withText: boolean,
  taxonomy?: Taxonomy,
): CardRef | undefined {
  const c = cardFor(id, lang, taxonomy ?? operatorTaxonomy());
  if (!c) return undefined;
  const ref: CardRef = { id, lang, href: `/api/cards/${encodeURIComponent(id)}.html?lang=${lang}` };
  if (withText) {
    ref.title = c.title;
    ref.what = c.what;
    ref.check = c.check;
    const h = cardDeck(lang).headings;
    ref.headings = { what: h.what, check: h.check };
  }
  return ref;
}

/** Largest draft the review accepts: a counter-message, not a book. */
export const MAX_REVIEW_CHARS = 100_000;

/** Reviews a draft counter-message for stigmatising or generalising wording about groups. */
export function reviewCounterMessage(text: string, explainLang: ReviewLang = 'en'): ReviewResult {
  if (!text.trim())
    throw new OgohError('USAGE', 'no text to review', {
      hint: 'pass the draft as an argument, with --file, or on stdin',
    });
  if (text.length > MAX_REVIEW_CHARS)
    throw new OgohError(
      'INPUT_TOO_LARGE',
      `the draft has ${text.length} characters; the limit is ${MAX_REVIEW_CHARS}`,
      {
        hint: 'review the counter-message in parts',
      },
    );
  return reviewMessage(text, { explainLang });
}
