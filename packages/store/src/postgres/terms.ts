/**
 * Full-text terms on PostgreSQL. Words are split in JS exactly as the SQLite tokenizer splits them
 * (runs of letters, digits, marks; `query.ts`), both for the indexed text and for query terms, and
 * each side goes through `to_tsvector`/`to_tsquery` with the `simple` configuration (lower-casing
 * only, no stemming, no stop words). So `covid-19` is the phrase `covid <-> 19` on both sides, a
 * quote inside a term is a separator, and a last word of 3+ characters becomes a prefix (`:*`).
 */
import { isPrefixTerm } from '../query.ts';

const WORD_RUN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

function words(text: string): string[] {
  return text.match(WORD_RUN) ?? [];
}

/**
 * Indexed text is capped: a tsvector holds at most 1 MB and positions stop at 16,383, so beyond
 * this a text would fail to store (or its phrases stop matching) rather than gain recall.
 */
export const MAX_INDEX_CHARS = 300_000;

/** The text `to_tsvector('simple', …)` indexes for an item: its folded words, space-separated. */
export function indexText(foldText: string | null | undefined): string {
  if (typeof foldText !== 'string') return '';
  const text = words(foldText).join(' ');
  if (text.length <= MAX_INDEX_CHARS) return text;
  const cut = text.lastIndexOf(' ', MAX_INDEX_CHARS);
  return text.slice(0, cut > 0 ? cut : MAX_INDEX_CHARS);
}

/** A tsquery literal for one cleaned term: its words as a phrase, the last one a prefix when 3+ characters. */
export function termQuery(term: string): string | undefined {
  const ws = words(term);
  if (ws.length === 0) return undefined;
  const parts = ws.map((w) => `'${w.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`);
  if (isPrefixTerm(term)) parts[parts.length - 1] += ':*';
  return parts.join(' <-> ');
}

/** Every term must match: the tsquery text for `to_tsquery('simple', …)`, or undefined for none. */
export function tsQuery(terms: readonly string[]): string | undefined {
  const parts = terms.map(termQuery).filter((q): q is string => q !== undefined);
  return parts.length === 0 ? undefined : parts.map((p) => `(${p})`).join(' & ');
}
