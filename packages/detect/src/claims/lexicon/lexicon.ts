/**
 * The concept lexicon (concepts.ts) turned into lookups on the claim analysis's own keys: every
 * form is tokenised and stemmed by the same @ogoh/text functions, so "муҳоҷирони", "мигрантам",
 * "migrantlariga" and "migrants" all reach concept `migrant`. A text's language is identified,
 * sometimes wrongly (short posts, Tajik typed on a Russian layout): forms are therefore also keyed
 * under the stemmers of the other languages written in the same script, below the form's own.
 */
import { type Lang, OgohError } from '@ogoh/core';
import { stemKey, tokenize, uzLatinToCyrillic } from '@ogoh/text';
import { CONCEPT_LINES } from './concepts.ts';

/** Columns of a concept line; uzc is derived from uzl. */
export const LEX_COLUMNS = ['tg', 'ru', 'uzl', 'en', 'fa'] as const;
export type LexColumn = (typeof LEX_COLUMNS)[number] | 'uzc';

export interface Concept {
  id: string;
  forms: Record<LexColumn, string[]>;
}

/**
 * Uzbek Latin → Cyrillic for the lexicon's derived column (the @ogoh/text transliteration):
 * "o'zbekiston" → "ўзбекистон", "yevropa" → "европа", "ekin" → "экин". Lower-cased: matching is
 * on folded keys.
 */
export function uzbekCyrillic(latin: string): string {
  return uzLatinToCyrillic(latin.toLowerCase());
}

/** Parses concept lines (`id | tg | ru | uz Latin | en | fa`); bad lines are coded errors. */
export function parseConcepts(text: string, file = 'concepts.ts'): Concept[] {
  const out: Concept[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = { file, line: i + 1 };
    const cols = line.split('|').map((c) => c.trim());
    if (cols.length !== 6)
      throw new OgohError(
        'INPUT_PARSE',
        `expected 6 columns (id | tg | ru | uz | en | fa), got ${cols.length}`,
        {
          ...where,
          hint: 'separate columns with |; leave fa empty when unknown',
        },
      );
    const id = cols[0]!;
    if (!/^[a-z][a-z0-9_]*$/.test(id))
      throw new OgohError('INPUT_PARSE', `concept id "${id}" must be lower-case ASCII with underscores`, {
        ...where,
        field: 'id',
      });
    if (seen.has(id))
      throw new OgohError('INPUT_PARSE', `concept ${id} defined twice`, { ...where, field: 'id' });
    seen.add(id);
    const forms = {} as Record<LexColumn, string[]>;
    LEX_COLUMNS.forEach((col, k) => {
      const list = cols[k + 1]!.split(',')
        .map((f) => f.trim())
        .filter((f) => f !== '');
      if (list.length === 0 && col !== 'fa')
        throw new OgohError('INPUT_PARSE', `concept ${id} has no ${col} form`, { ...where, field: col });
      forms[col] = list;
    });
    // w, and c outside "ch", are not Uzbek letters: such a form is a brand (WhatsApp), written in Latin in either script
    forms.uzc = forms.uzl.map((f) => (/w|c(?!h)/i.test(f) ? f : uzbekCyrillic(f)));
    out.push({ id, forms });
  });
  return out;
}

/** Stemmers a column's forms are keyed under: its own first, then those of the same script. */
const STEMMERS: Readonly<Record<LexColumn, readonly Lang[]>> = {
  tg: ['tg', 'ru', 'uz', 'uk'],
  ru: ['ru', 'tg', 'uz', 'uk'],
  uzc: ['uz', 'tg', 'ru'],
  uzl: ['uz', 'en'],
  en: ['en', 'uz'],
  fa: ['fa'],
};

/** Longest form, in tokens: "иҷозатномаи корӣ", "в два раза". */
export const MAX_PHRASE = 3;

interface Entry {
  /** keys after the first */
  rest: string[];
  concepts: string[];
}

/** A collision: one key of one language reaching two concepts through their own-language forms. */
export interface Collision {
  lang: Lang;
  key: string;
  concepts: string[];
}

/** The key a token has in the claim analysis (und: folded form). */
export function tokenKey(norm: string, fold: string, lang: Lang): string {
  return lang === 'und' ? fold : stemKey(norm, lang);
}

export class ConceptLexicon {
  readonly concepts: readonly Concept[];
  /** `${lang}\u0001${first key}` → forms starting there, longest first */
  private readonly index = new Map<string, Entry[]>();
  readonly collisions: Collision[] = [];

  constructor(concepts: readonly Concept[]) {
    this.concepts = concepts;
    // two passes: own-language keys first, so another script-mate's stemmer never displaces them
    for (const primary of [true, false]) {
      for (const c of concepts) {
        for (const col of Object.keys(STEMMERS) as LexColumn[]) {
          const langs = STEMMERS[col];
          for (const lang of primary ? [langs[0]!, 'und' as Lang] : langs.slice(1)) {
            for (const form of c.forms[col]) {
              const keys = tokenize(form).map((t) => tokenKey(t.norm, t.fold, lang));
              if (keys.length === 0 || keys.length > MAX_PHRASE) continue;
              this.add(lang, keys, c.id, primary);
            }
          }
        }
      }
    }
    for (const list of this.index.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  }

  private add(lang: Lang, keys: string[], id: string, primary: boolean): void {
    const slot = `${lang}\u0001${keys[0]}`;
    let list = this.index.get(slot);
    if (list === undefined) {
      list = [];
      this.index.set(slot, list);
    }
    const rest = keys.slice(1);
    const same = list.find((e) => e.rest.length === rest.length && e.rest.every((k, i) => k === rest[i]));
    if (same === undefined) list.push({ rest, concepts: [id] });
    else if (!same.concepts.includes(id) && primary) {
      same.concepts.push(id);
      if (lang !== 'und') {
        const key = keys.join(' ');
        const known = this.collisions.find((x) => x.lang === lang && x.key === key);
        if (known) known.concepts = same.concepts.slice();
        else this.collisions.push({ lang, key, concepts: same.concepts.slice() });
      }
    }
  }

  /**
   * The concepts of a token sequence (keys as `tokenKey` gives them, stop words included): per
   * starting position, the longest form found and how many tokens it covers.
   */
  match(keys: readonly string[], lang: Lang): { at: number; length: number; concepts: readonly string[] }[] {
    const out: { at: number; length: number; concepts: readonly string[] }[] = [];
    for (let i = 0; i < keys.length; ) {
      const list = this.index.get(`${lang}\u0001${keys[i]}`);
      let hit: Entry | undefined;
      if (list)
        for (const e of list)
          if (i + e.rest.length < keys.length && e.rest.every((k, j) => keys[i + 1 + j] === k)) {
            hit = e;
            break;
          }
      if (hit) {
        out.push({ at: i, length: 1 + hit.rest.length, concepts: hit.concepts });
        i += 1 + hit.rest.length;
      } else i++;
    }
    return out;
  }
}

/**
 * Concepts that contradict each other when one text says one and its repeat the other: a post
 * saying bread gets cheaper does not repeat the claim that it doubles in price. Left out: double /
 * half ("упала вдвое" is halved) and ban / allow ("не разрешат" is a ban): without reading negation
 * and direction they contradict repeats.
 */
const OPPOSITE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['rise', 'fall'],
  ['expensive', 'cheap'],
  ['rise', 'cheap'],
  ['expensive', 'fall'],
  ['open', 'close'],
  ['introduce', 'cancel'],
  ['sentence', 'acquit'],
  ['admit', 'deny'],
  ['war', 'peace'],
  ['import', 'export'],
  ['sell', 'buy'],
  ['begin', 'stop'],
];

/** concept → the concepts opposite it (both directions of OPPOSITE_PAIRS). */
export const OPPOSITES: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const [a, b] of OPPOSITE_PAIRS) {
    m.set(a, [...(m.get(a) ?? []), b]);
    m.set(b, [...(m.get(b) ?? []), a]);
  }
  return m;
})();

let shipped: ConceptLexicon | undefined;

/** The lexicon that ships with Ogoh (built once, on first use: about 2,000 forms). */
export function conceptLexicon(): ConceptLexicon {
  shipped ??= new ConceptLexicon(
    parseConcepts(CONCEPT_LINES, 'packages/detect/src/claims/lexicon/concepts.ts'),
  );
  return shipped;
}
