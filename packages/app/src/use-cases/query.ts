/** Read-side use cases: items, stories, stats. Query text is folded here so both spellings of Tajik meet. */
import type { ItemPage, ItemQuery, ItemSummaryPage, StoreStats, Story } from '@ogoh/core';
import { fold, normalize } from '@ogoh/text';
import type { Ogoh } from '../context.ts';
import { cachedView } from './view-cache.ts';

export interface ItemSearch extends Omit<ItemQuery, 'terms'> {
  /** free text as the user typed it */
  q?: string;
}

/** Splits a user query into folded terms (letters and digits only), as the store indexes them. */
export function queryTerms(q: string): string[] {
  return fold(normalize(q))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 16);
}

export async function searchItems(app: Ogoh, search: ItemSearch): Promise<ItemPage> {
  return app.store.queryItems(itemQuery(search));
}

/** searchItems for result lists: only the fields a list shows, read cheaper where the store can. */
export async function searchItemSummaries(app: Ogoh, search: ItemSearch): Promise<ItemSummaryPage> {
  const query = itemQuery(search);
  return app.store.queryItemSummaries ? app.store.queryItemSummaries(query) : app.store.queryItems(query);
}

function itemQuery(search: ItemSearch): ItemQuery {
  const { q, ...rest } = search;
  const query: ItemQuery = { ...rest };
  if (q?.trim()) query.terms = queryTerms(q);
  return query;
}

export async function listStories(
  app: Ogoh,
  options: { limit?: number; minSize?: number; cursor?: string; members?: boolean } = {},
): Promise<{ stories: Story[]; next?: string }> {
  return app.store.listStories(options);
}

/** Store counts; cached by data version, as counting a million rows per request would dominate it. */
export async function stats(app: Ogoh): Promise<StoreStats> {
  return (await cachedView(app, 'stats', null, () => app.store.stats())).value;
}
