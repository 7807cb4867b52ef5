/** Read-side routes: items, stories, stats, volume series, sources, and the stateless text check. */
import {
  CLAIM_SCORE,
  cachedDetector,
  cachedView,
  cacheHeader,
  checkText,
  claimMatcher,
  embedForCheck,
  itemView,
  listSources,
  listStories,
  searchItemSummaries,
  stats,
  storyView,
  traceStory,
  volumeSeries,
} from '@ogoh/app';
import { OgohError, roleAtLeast } from '@ogoh/core';
import { Type } from '@sinclair/typebox';
import * as present from '../presenters.ts';
import {
  CheckBody,
  CheckSchema,
  IdParams,
  ItemDetail,
  ItemPage,
  ItemQuery,
  ItemsQuery,
  SeriesQuery,
  SeriesSchema,
  SourceWithCount,
  StatsSchema,
  StoriesQuery,
  StoryDetail,
  StoryPage,
  TraceSchema,
} from '../schemas.ts';
import type { Api, ServerContext } from '../server.ts';

export function registerData(server: Api, ctx: ServerContext): void {
  const { app } = ctx;

  server.get(
    '/api/items',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'search and filter items, newest published first',
        tags: ['items'],
        querystring: ItemsQuery,
        response: { 200: ItemPage },
      },
    },
    async (req) => {
      const q = req.query;
      const page = await searchItemSummaries(app, {
        ...(q.q !== undefined ? { q: q.q } : {}),
        ...(q.lang !== undefined ? { lang: q.lang } : {}),
        ...(q.source !== undefined ? { sourceId: q.source } : {}),
        ...(q.story !== undefined ? { storyId: q.story } : {}),
        ...(q.since !== undefined ? { since: q.since } : {}),
        ...(q.until !== undefined ? { until: q.until } : {}),
        ...(q.label !== undefined ? { label: q.label } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        limit: q.limit ?? 50,
      });
      return { items: page.items.map(present.itemSummary), ...(page.next ? { next: page.next } : {}) };
    },
  );

  server.get(
    '/api/items/:id',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'one item with its source, story and detections; raw=1 adds the verbatim record (analysts)',
        tags: ['items'],
        params: IdParams,
        querystring: ItemQuery,
        response: { 200: ItemDetail },
      },
    },
    async (req) => {
      const raw = req.query.raw === '1';
      if (raw && !roleAtLeast(req.principal!.role, 'analyst'))
        throw new OgohError('FORBIDDEN', 'the raw record needs the analyst role', { field: 'raw' });
      return present.itemDetail(await itemView(app, req.params.id), raw);
    },
  );

  server.get(
    '/api/stories',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'stories (copies, near-duplicates, rewrites), largest first',
        tags: ['stories'],
        querystring: StoriesQuery,
        response: { 200: StoryPage },
      },
    },
    async (req) => {
      const q = req.query;
      const page = await listStories(app, {
        minSize: q.minSize ?? 2,
        limit: q.limit ?? 50,
        // summaries only: the largest stories hold thousands of members
        members: false,
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
      });
      // Untitled stories (Telegram posts) are labelled by their first item's text: one batched read.
      const untitled = page.stories.filter((s) => s.title === undefined).map((s) => s.firstItemId);
      const firsts = new Map(
        (untitled.length ? await app.store.getItems(untitled) : []).map((i) => [i.id, i.text]),
      );
      return {
        stories: page.stories.map((s) => present.storySummary(s, firsts.get(s.firstItemId))),
        ...(page.next ? { next: page.next } : {}),
      };
    },
  );

  server.get(
    '/api/stories/:id',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'one story with its members, oldest first',
        tags: ['stories'],
        params: IdParams,
        response: { 200: StoryDetail },
      },
    },
    async (req) => present.storyDetail(await storyView(app, req.params.id)),
  );

  server.get(
    '/api/trace/:id',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'the provenance tree of a story (or of the story of an item) and its Telegram forward cascade',
        tags: ['stories'],
        params: IdParams,
        response: { 200: TraceSchema },
      },
    },
    async (req) => {
      const v = await traceStory(app, req.params.id);
      // The tree's nodes carry everything the page needs; the edge list repeats it.
      const { edges: _edges, ...provenance } = v.provenance;
      return {
        provenance,
        ...(v.itemId !== undefined ? { itemId: v.itemId } : {}),
        ...(v.story ? { story: v.story } : {}),
        ...(v.cascade ? { cascade: v.cascade } : {}),
      };
    },
  );

  server.get(
    '/api/stats',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'counts: items, sources, stories, per language and source',
        tags: ['stats'],
        response: { 200: StatsSchema },
      },
    },
    async () => stats(app),
  );

  server.get(
    '/api/series',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'items per UTC day by language or source (dense: every day, zeros included)',
        tags: ['stats'],
        querystring: SeriesQuery,
        response: { 200: SeriesSchema },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const o = {
        by: q.by,
        interval: q.interval,
        ...(q.since !== undefined ? { since: q.since } : {}),
        ...(q.until !== undefined ? { until: q.until } : {}),
      };
      // counts every item in the range: 300 ms at 1M items, so cached by the store's data version
      const c = await cachedView(app, 'series', o, () => volumeSeries(ctx.volume, o));
      reply.header('x-ogoh-cache', cacheHeader(c));
      return c.value;
    },
  );

  server.get(
    '/api/sources',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'the source registry with item counts',
        tags: ['sources'],
        response: { 200: Type.Array(SourceWithCount) },
      },
    },
    async () => {
      const [list, s] = await Promise.all([listSources(app), stats(app)]);
      return list.map((src) => ({ ...present.source(src), items: s.bySource[src.id] ?? 0 }));
    },
  );

  server.post(
    '/api/check',
    {
      config: { access: 'viewer' },
      bodyLimit: 512 * 1024,
      schema: {
        summary:
          'analyse a text without storing it: language, per-sentence languages, narratives, techniques',
        tags: ['check'],
        body: CheckBody,
        response: { 200: CheckSchema },
      },
    },
    async (req) => {
      // Fact-checked claims the text may repeat (none when the store has no claims or no file).
      const matcher = app.location === ':memory:' ? undefined : await claimMatcher(app);
      // the store's trained models and embedding heads, as `ogoh check --db` uses them
      const options = await embedForCheck(req.body.text, {
        detector: await cachedDetector(app),
        ...(req.body.explain ? { explain: req.body.explain } : {}),
        ...(matcher?.size
          ? { claims: (text: string) => matcher.match(text, 5, { minScore: CLAIM_SCORE.show }) }
          : {}),
      });
      return checkText(req.body.text, req.body.id, options);
    },
  );
}
