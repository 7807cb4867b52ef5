/**
 * The records behind the dashboard's item and story pages, gathered in one call each: an item with
 * its source, story and detections; a story with its members' items and sources, oldest first.
 */
import { type ClaimRecord, type Detection, type Item, OgohError, type Source, type Story } from '@ogoh/core';
import type { Ogoh } from '../context.ts';
import { claimMatcher, getClaims } from './claims.ts';

/** Fact-checks shown beside an item: the best few at or above this calibrated score. */
export const ITEM_CLAIMS = { k: 3, minScore: 0.3 } as const;

export interface ItemView {
  item: Item;
  source?: Source;
  /** the story the item belongs to, without its member list */
  story?: Omit<Story, 'members'> & { link?: string };
  detections: Detection[];
  /** fact-checked claims the item may repeat (best first), with the fact-check's details */
  claims: (ClaimRecord & { score: number })[];
}

export async function itemView(app: Ogoh, id: string): Promise<ItemView> {
  const item = await app.store.getItem(id);
  if (!item) throw new OgohError('NOT_FOUND', `no item "${id}"`, { field: 'id', hint: 'ids look like it_…' });
  const [source, story, detections] = await Promise.all([
    app.store.getSource(item.sourceId),
    item.storyId ? app.store.getStory(item.storyId) : Promise.resolve(undefined),
    app.store.detectionsFor([item.id]),
  ]);
  const view: ItemView = { item, detections, claims: await itemClaims(app, item) };
  if (source) view.source = source;
  if (story) {
    const { members, ...summary } = story;
    const link = members.find((m) => m.itemId === item.id)?.link;
    view.story = link !== undefined ? { ...summary, link } : summary;
  }
  return view;
}

/** The fact-checks an item may repeat (none for an in-memory store, which has no claim database). */
async function itemClaims(app: Ogoh, item: Item): Promise<ItemView['claims']> {
  if (app.location === ':memory:') return [];
  const matcher = await claimMatcher(app);
  if (matcher.size === 0) return [];
  const matches = matcher.match(item.title ? `${item.title}\n\n${item.text}` : item.text, ITEM_CLAIMS.k, {
    lang: item.lang,
    minScore: ITEM_CLAIMS.minScore,
  });
  if (matches.length === 0) return [];
  const records = new Map(
    (
      await getClaims(
        app,
        matches.map((m) => m.id),
      )
    ).map((c) => [c.id, c]),
  );
  return matches.flatMap((m) => {
    const c = records.get(m.id);
    return c ? [{ ...c, score: m.score }] : [];
  });
}

/** Members shown on a story page; bigger stories list their first ones and say how many more. */
export const STORY_ITEMS_SHOWN = 500;

export interface StoryView {
  story: Story;
  /** member items in story order (oldest first), at most STORY_ITEMS_SHOWN */
  items: Item[];
  sources: Source[];
  truncated: boolean;
}

export async function storyView(app: Ogoh, id: string): Promise<StoryView> {
  const story = await app.store.getStory(id);
  if (!story)
    throw new OgohError('NOT_FOUND', `no story "${id}"`, { field: 'id', hint: 'ids look like st_…' });
  const shown = story.members.slice(0, STORY_ITEMS_SHOWN);
  const items = await app.store.getItems(shown.map((m) => m.itemId));
  const byId = new Map(items.map((i) => [i.id, i]));
  const ordered = shown.map((m) => byId.get(m.itemId)).filter((i): i is Item => i !== undefined);
  const sourceIds = [...new Set(ordered.map((i) => i.sourceId))];
  const sources = (await Promise.all(sourceIds.map((s) => app.store.getSource(s)))).filter(
    (s): s is Source => s !== undefined,
  );
  return { story, items: ordered, sources, truncated: story.members.length > shown.length };
}
