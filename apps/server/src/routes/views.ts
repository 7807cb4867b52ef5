/**
 * Analyst views over the whole store: the coordinated-sharing network (groups, Louvain communities,
 * edges) as JSON for the dashboard's graph and as GEXF for Gephi. Read-only, so viewers may call them.
 */
import {
  type CachedView,
  type CoordOptions,
  cachedView,
  cacheHeader,
  MECHANISM_LANGS,
  type MechanismLang,
  parseSeriesBy,
  toGexf,
  withMechanismIn,
} from '@ogoh/app';
import { OgohError, SERIES_BY } from '@ogoh/core';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { type BackgroundViews, startBackgroundViews, type ViewServeOptions } from '../background-views.ts';
import type { Api, ServerContext } from '../server.ts';
import { sendView } from '../view-body.ts';
import { VIEWS, type ViewEnv } from '../view-compute.ts';

export { MAX_EDGES, MAX_SIGNALS } from '../view-compute.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** the view thread's handle (null when views are computed in place): tests and metrics read it */
    backgroundViews: BackgroundViews | null;
  }
}

const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const Time = Type.String({ maxLength: 40, description: 'YYYY-MM-DD or an ISO-8601 time' });

/**
 * How fresh a whole-store view is: these views are computed once per data version of the store
 * (new items, analysis) and served from memory until the data changes; a slow one is then served
 * stale (`stale: true`) while a fresh value is computed in the background.
 */
const CacheSchema = Type.Object({
  dataVersion: Type.Integer(),
  computedAt: Type.String(),
  ageSeconds: Type.Integer(),
  hit: Type.Boolean(),
  stale: Type.Boolean(),
});

function cacheInfo(c: CachedView<unknown>, reply: FastifyReply): Static<typeof CacheSchema> {
  reply.header('x-ogoh-cache', cacheHeader(c));
  return {
    dataVersion: c.dataVersion,
    computedAt: c.computedAt,
    ageSeconds: c.ageSeconds,
    hit: c.hit,
    stale: c.stale,
  };
}

export const CoordQuery = Type.Object(
  {
    window: Opt(Type.Integer({ minimum: 1, maximum: 7 * 86400, description: 'seconds @default 60' })),
    'min-participation': Opt(Type.Integer({ minimum: 1, maximum: 10_000, description: '@default 2' })),
    'edge-quantile': Opt(
      Type.Number({ minimum: 0, exclusiveMaximum: 1, description: '0 keeps every edge @default 0.5' }),
    ),
    'min-weight': Opt(Type.Integer({ minimum: 1, maximum: 10_000, description: '@default 1' })),
    since: Opt(Time),
    until: Opt(Time),
  },
  { additionalProperties: false },
);

const CoordSchema = Type.Object({
  groups: Type.Array(
    Type.Object({
      id: Type.String(),
      accounts: Type.Array(Type.String()),
      objects: Type.Integer(),
      edges: Type.Integer(),
      weight: Type.Number(),
      topObjects: Type.Array(Type.Object({ id: Type.String(), accounts: Type.Integer() })),
      communities: Opt(Type.Array(Type.String())),
    }),
  ),
  communities: Type.Array(
    Type.Object({ id: Type.String(), group: Type.String(), accounts: Type.Array(Type.String()) }),
  ),
  edges: Type.Array(Type.Object({ a: Type.String(), b: Type.String(), weight: Type.Number() })),
  /** true when more than MAX_EDGES edges were kept: the heaviest are sent */
  edgesTruncated: Type.Boolean(),
  modularity: Opt(Type.Number()),
  /** display names of the accounts in groups */
  names: Type.Record(Type.String(), Type.String()),
  params: Type.Object({
    timeWindow: Type.Number(),
    minParticipation: Type.Number(),
    edgeQuantile: Type.Number(),
    minWeight: Type.Number(),
    weightThreshold: Type.Number(),
  }),
  counts: Type.Object({
    events: Type.Integer(),
    accounts: Type.Integer(),
    participants: Type.Integer(),
    keptEdges: Type.Integer(),
    groups: Type.Integer(),
    communities: Type.Integer(),
  }),
  cache: Type.Optional(CacheSchema),
});

function options(q: Static<typeof CoordQuery>): CoordOptions {
  if (q.since !== undefined && q.until !== undefined && Date.parse(q.since) >= Date.parse(q.until))
    throw new OgohError('USAGE', 'since must be before until', { field: 'since' });
  return {
    timeWindow: q.window ?? 60,
    minParticipation: q['min-participation'] ?? 2,
    edgeQuantile: q['edge-quantile'] ?? 0.5,
    minWeight: q['min-weight'] ?? 1,
    communities: true,
    ...(q.since !== undefined ? { since: q.since } : {}),
    ...(q.until !== undefined ? { until: q.until } : {}),
  };
}

export const TrendsQuery = Type.Object(
  {
    by: Opt(
      Type.String({ maxLength: 100, description: `comma-separated: ${SERIES_BY.join(', ')} @default all` }),
    ),
    since: Opt(Time),
    until: Opt(Time),
    top: Opt(Type.Integer({ minimum: 1, maximum: 100, description: 'series per dimension @default 10' })),
    'min-story-size': Opt(Type.Integer({ minimum: 2, maximum: 10_000, description: '@default 3' })),
  },
  { additionalProperties: false },
);

const ConvergenceQuery = Type.Object(
  {
    since: Opt(Time),
    until: Opt(Time),
    lang: Opt(
      Type.Unsafe<MechanismLang>({
        type: 'string',
        enum: [...MECHANISM_LANGS],
        description: 'language of the mechanism text (default en)',
      }),
    ),
  },
  { additionalProperties: false },
);

const SeriesList = Type.Array(
  Type.Object({ key: Type.String(), total: Type.Integer(), counts: Type.Array(Type.Integer()) }),
);
const SpikeSchema = Type.Object({
  id: Type.String(),
  by: Type.String(),
  key: Type.String(),
  day: Type.String(),
  value: Type.Number(),
  baseline: Type.Number(),
  score: Type.Number(),
  itemIds: Type.Array(Type.String()),
});
const TrendsSchema = Type.Object({
  days: Type.Array(Type.String()),
  series: Type.Record(Type.String(), SeriesList),
  spikes: Type.Array(SpikeSchema),
  method: Type.Object({
    name: Type.String(),
    window: Type.Number(),
    minHistory: Type.Number(),
    threshold: Type.Number(),
    minCount: Type.Number(),
  }),
  cache: Type.Optional(CacheSchema),
});
const SignalSchema = Type.Object({
  scope: Type.String(),
  key: Type.String(),
  pair: Type.String(),
  mechanism: Type.String(),
  grounding: Type.String(),
  narratives: Type.Array(
    Type.Object({ id: Type.String(), family: Type.String(), items: Type.Array(Type.String()) }),
  ),
  families: Type.Array(Type.String()),
  items: Type.Integer(),
  support: Type.Integer(),
  firstDay: Type.String(),
  lastDay: Type.String(),
  hypothesis: Type.Literal(true),
});
const ConvergenceSchema = Type.Object({
  /** always true: every signal here is a hypothesis for an analyst to confirm or reject */
  hypothesis: Type.Literal(true),
  index: Type.Array(
    Type.Object({
      day: Type.String(),
      items: Type.Integer(),
      converging: Type.Integer(),
      index: Type.Number(),
    }),
  ),
  /** per convergence pair: where it was seen, how much, first and last day, and why it is a pair */
  pairs: Type.Array(
    Type.Object({
      pair: Type.String(),
      mechanism: Type.String(),
      channels: Type.Integer(),
      stories: Type.Integer(),
      items: Type.Integer(),
      firstDay: Type.String(),
      lastDay: Type.String(),
    }),
  ),
  /** the most recent signals (channel or story), newest last day first, at most MAX_SIGNALS */
  signals: Type.Array(SignalSchema),
  spikes: Type.Array(SpikeSchema),
  cache: Type.Optional(CacheSchema),
});

function range(q: { since?: string; until?: string }): { since?: string; until?: string } {
  if (q.since !== undefined && q.until !== undefined && Date.parse(q.since) >= Date.parse(q.until))
    throw new OgohError('USAGE', 'since must be before until', { field: 'since' });
  for (const k of ['since', 'until'] as const) {
    const v = q[k];
    if (v !== undefined && !Number.isFinite(Date.parse(v)))
      throw new OgohError('USAGE', `${k} is not a date: "${v}"`, { field: k, hint: 'use YYYY-MM-DD' });
  }
  return {
    ...(q.since !== undefined ? { since: q.since } : {}),
    ...(q.until !== undefined ? { until: q.until } : {}),
  };
}

/**
 * Registers the view routes and starts background views for the server's store (see
 * background-views.ts; `false` computes them in place, on the serving thread, as before).
 */
export function registerViews(
  server: Api,
  ctx: ServerContext,
  viewOptions?: ViewServeOptions | false,
): BackgroundViews | undefined {
  const { app } = ctx;
  const tags = ['views'];
  const env: ViewEnv = { app, volume: ctx.volume };
  const background = startBackgroundViews(app, viewOptions, server.log);
  server.decorate('backgroundViews', background ?? null);
  if (background) {
    // a listening server will be asked for views soon (the dashboard's overview): load the thread's
    // code now; a server only injected into (tests) never starts it unless a view is asked for
    server.addHook('onListen', async () => background.warm());
    server.addHook('onClose', () => background.close());
  }

  server.get(
    '/api/coordination',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'coordinated sharing: groups, Louvain communities and edges (CooRTweet’s method)',
        tags,
        querystring: CoordQuery,
        response: { 200: CoordSchema },
      },
    },
    async (req, reply) => {
      const o = options(req.query);
      const c = await cachedView(app, 'coordination', o, () => VIEWS.coordination(env, o));
      return sendView(req, reply, c, cacheInfo(c, reply), '', () => c.value);
    },
  );

  server.get(
    '/api/coordination.gexf',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'the coordinated-sharing network as GEXF 1.3, for Gephi',
        tags,
        querystring: CoordQuery,
      },
    },
    async (req, reply) => {
      const o = options(req.query);
      const c = await cachedView(app, 'coordination-report', o, () => VIEWS['coordination-report'](env, o));
      cacheInfo(c, reply);
      const r = c.value;
      reply.header('content-disposition', 'attachment; filename="ogoh-coordination.gexf"');
      return reply
        .type('application/gexf+xml; charset=utf-8')
        .send(toGexf(r, { description: 'Ogoh coordinated-sharing network' }));
    },
  );

  server.get(
    '/api/trends',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'items per day by narrative, technique, source, language and story, with spikes and their items',
        tags,
        querystring: TrendsQuery,
        response: { 200: TrendsSchema },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const o = {
        by: parseSeriesBy(q.by, 'by'),
        ...range(q),
        top: q.top ?? 10,
        minStorySize: q['min-story-size'] ?? 3,
      };
      const c = await cachedView(app, 'trends', o, () => VIEWS.trends(env, o));
      return sendView(req, reply, c, cacheInfo(c, reply), '', () => c.value);
    },
  );

  server.get(
    '/api/convergence',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'convergence of actor families: index per day, per pair, and recent signals (hypotheses)',
        tags,
        querystring: ConvergenceQuery,
        response: { 200: ConvergenceSchema },
      },
    },
    async (req, reply) => {
      const { lang, ...rest } = req.query;
      const o = range(rest);
      const c = await cachedView(app, 'convergence', o, () => VIEWS.convergence(env, o));
      // cached in English; the mechanism text follows the asker's language
      const l = lang ?? 'en';
      return sendView(req, reply, c, cacheInfo(c, reply), l, () => ({
        ...c.value,
        pairs: withMechanismIn(c.value.pairs, l),
        signals: withMechanismIn(c.value.signals, l),
      }));
    },
  );
  return background;
}
