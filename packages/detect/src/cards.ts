/**
 * Media-literacy cards: one per SemEval-2023 technique and per taxonomy narrative, in Tajik, Russian
 * and English, kept as data in packages/detect/cards/<lang>.yaml so that educators and translators
 * can edit them without touching code. Each deck says which taxonomy version its narrative cards
 * were written for, so a taxonomy change is visible as a stale deck (see `cardCoverage`).
 */
import { readFileSync } from 'node:fs';
import { OgohError } from '@ogoh/core';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { defaultTaxonomy, type Taxonomy } from './taxonomy.ts';
import { TECHNIQUE_CATEGORIES, TECHNIQUES, techniqueInfo } from './techniques.ts';

export const CARD_LANGS = ['en', 'ru', 'tg'] as const;
export type CardLang = (typeof CARD_LANGS)[number];
export type CardKind = 'technique' | 'narrative';

/** Tajik-only letters: a Tajik card without any of them is almost certainly Russian or unfinished. */
export const TAJIK_LETTERS = /[ҳҷқғӣӯҲҶҚҒӢӮ]/u;

const field = z.string().trim().min(1, 'must not be empty');
const CardTextSchema = z.strictObject({ what: field, why: field, check: field, example: field });
export type CardText = z.infer<typeof CardTextSchema>;

const HEADING_KEYS = ['what', 'why', 'check', 'example', 'technique', 'narrative', 'footer'] as const;
export type CardHeadings = Record<(typeof HEADING_KEYS)[number], string>;

const DeckSchema = z.strictObject({
  lang: z.enum(CARD_LANGS),
  cards_version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, 'a version such as "2026.11.1"'),
  taxonomy_version: z
    .string()
    .regex(/^\d{4}\.\d{1,2}\.\d+$/, 'the declared taxonomy version, e.g. "2026.11.1"'),
  status: z.enum(['draft', 'reviewed']),
  headings: z.strictObject(
    Object.fromEntries(HEADING_KEYS.map((k) => [k, field])) as Record<
      (typeof HEADING_KEYS)[number],
      typeof field
    >,
  ),
  groups: z.record(z.string(), field),
  techniques: z.record(z.string(), CardTextSchema),
  narratives: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), CardTextSchema),
});

/** One language's deck, validated. */
export interface CardDeck {
  lang: CardLang;
  cardsVersion: string;
  /** the declared taxonomy version the narrative cards were written for */
  taxonomyVersion: string;
  status: 'draft' | 'reviewed';
  headings: CardHeadings;
  /** technique category or actor family id → its name in this language */
  groups: Record<string, string>;
  techniques: Record<string, CardText>;
  narratives: Record<string, CardText>;
  source: string;
}

/** A card ready to show: the text plus its title, group and versions. */
export interface Card extends CardText {
  id: string;
  kind: CardKind;
  lang: CardLang;
  title: string;
  /** technique category or narrative actor family (id) */
  group: string;
  /** the group's name in the card's language */
  groupLabel: string;
  cardsVersion: string;
  taxonomyVersion: string;
  status: 'draft' | 'reviewed';
}

/**
 * Parses and validates a deck. Unknown technique labels are rejected here (the 23 labels are fixed);
 * narrative ids are checked against a taxonomy by `cardCoverage`, since taxonomies can be swapped.
 * Throws OgohError naming the file, line and field.
 */
export function parseCardDeck(yamlText: string, fileName = 'cards.yaml'): CardDeck {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    throw new OgohError('INPUT_PARSE', `invalid YAML: ${err.message.split('\n')[0]}`, {
      file: fileName,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
      hint: 'fix the YAML syntax at that position',
    });
  }
  const where = (path: readonly PropertyKey[]): { line?: number; column?: number } => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as
        | { range?: [number, number] }
        | undefined;
      const start = node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined;
      if (start !== undefined) {
        const p = lines.linePos(start);
        return { line: p.line, column: p.col };
      }
    }
    return {};
  };
  const fail = (path: readonly PropertyKey[], message: string, hint: string): never => {
    throw new OgohError('INPUT_FIELD', message, {
      file: fileName,
      field: path.map(String).join('.') || '(root)',
      ...where(path),
      hint,
    });
  };
  if (!isMap(doc.contents))
    fail([], 'a card deck must be a YAML mapping', 'start from packages/detect/cards/en.yaml');
  const parsed = DeckSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(issue.path, issue.message, 'fields: what, why, check, example (see packages/detect/cards/en.yaml)');
  }
  const d = parsed.data!;
  for (const id of Object.keys(d.techniques))
    if (!techniqueInfo(id))
      fail(
        ['techniques', id],
        `"${id}" is not a SemEval-2023 technique label`,
        'use the exact label, e.g. Loaded_Language',
      );
  if (d.lang === 'tg')
    for (const kind of ['techniques', 'narratives'] as const)
      for (const [id, c] of Object.entries(d[kind]))
        for (const k of ['what', 'why', 'check', 'example'] as const)
          if (!TAJIK_LETTERS.test(c[k]))
            fail(
              [kind, id, k],
              'a Tajik card field has no Tajik letter (ҳ ҷ қ ғ ӣ ӯ)',
              'write it in literary Tajik',
            );
  return {
    lang: d.lang,
    cardsVersion: d.cards_version,
    taxonomyVersion: d.taxonomy_version,
    status: d.status,
    headings: d.headings,
    groups: d.groups,
    techniques: d.techniques,
    narratives: d.narratives,
    source: fileName,
  };
}

const bundled = new Map<CardLang, CardDeck>();

/** The deck shipped with Ogoh for a language (read once). */
export function cardDeck(lang: CardLang): CardDeck {
  let d = bundled.get(lang);
  if (!d) {
    const url = new URL(`../cards/${lang}.yaml`, import.meta.url);
    d = parseCardDeck(readFileSync(url, 'utf8'), `packages/detect/cards/${lang}.yaml`);
    if (d.lang !== lang)
      throw new OgohError('INPUT_FIELD', `deck declares lang "${d.lang}"`, {
        file: d.source,
        field: 'lang',
        hint: `the file ${lang}.yaml must say lang: ${lang}`,
      });
    bundled.set(lang, d);
  }
  return d;
}

export function isCardLang(x: string): x is CardLang {
  return (CARD_LANGS as readonly string[]).includes(x);
}

/**
 * The card for a technique label or narrative id in a language, or undefined when the id is neither.
 * This is the function briefs, the CLI, the API and the dashboard share.
 */
export function cardFor(
  id: string,
  lang: CardLang = 'en',
  taxonomy: Taxonomy = defaultTaxonomy(),
): Card | undefined {
  const deck = cardDeck(lang);
  const base = {
    id,
    lang,
    cardsVersion: deck.cardsVersion,
    taxonomyVersion: deck.taxonomyVersion,
    status: deck.status,
  };
  const t = techniqueInfo(id);
  if (t) {
    const text = deck.techniques[id];
    if (!text) return undefined;
    return {
      ...base,
      ...text,
      kind: 'technique',
      title: t.names[lang],
      group: t.category,
      groupLabel: deck.groups[t.category] ?? t.category,
    };
  }
  const n = taxonomy.narratives.find((x) => x.id === id);
  const text = deck.narratives[id];
  if (!n || !text) return undefined;
  return {
    ...base,
    ...text,
    kind: 'narrative',
    title: n.labels[lang] ?? n.label,
    group: n.actorFamily,
    groupLabel: deck.groups[n.actorFamily] ?? n.actorFamily,
  };
}

/** Every card of a language: the 23 techniques in SemEval order, then the narratives in taxonomy order. */
export function allCards(lang: CardLang = 'en', taxonomy: Taxonomy = defaultTaxonomy()): Card[] {
  const ids = [...TECHNIQUES.map((t) => t.id), ...taxonomy.narratives.map((n) => n.id)];
  return ids.map((id) => cardFor(id, lang, taxonomy)).filter((c): c is Card => c !== undefined);
}

/**
 * What is missing or stale: techniques and narratives without a card, cards for narratives the
 * taxonomy no longer has, group names missing, and decks written for another taxonomy version.
 * Empty when every language covers everything.
 */
export function cardCoverage(taxonomy: Taxonomy = defaultTaxonomy(), decks?: readonly CardDeck[]): string[] {
  const problems: string[] = [];
  for (const d of decks ?? CARD_LANGS.map(cardDeck)) {
    for (const t of TECHNIQUES)
      if (!d.techniques[t.id]) problems.push(`${d.lang}: no card for technique ${t.id}`);
    for (const n of taxonomy.narratives)
      if (!d.narratives[n.id]) problems.push(`${d.lang}: no card for narrative ${n.id}`);
    const known = new Set(taxonomy.narratives.map((n) => n.id));
    for (const id of Object.keys(d.narratives))
      if (!known.has(id)) problems.push(`${d.lang}: card for unknown narrative ${id}`);
    for (const g of [...TECHNIQUE_CATEGORIES, ...Object.keys(taxonomy.actorFamilies)])
      if (!d.groups[g]) problems.push(`${d.lang}: no name for group ${g}`);
    if (d.taxonomyVersion !== taxonomy.declaredVersion)
      problems.push(
        `${d.lang}: cards written for taxonomy ${d.taxonomyVersion}, taxonomy is ${taxonomy.declaredVersion}: review the narrative cards`,
      );
  }
  return problems;
}
