/**
 * Analyst views over the whole store: the coordinated-sharing network (groups, Louvain communities,
 * edges) as JSON for the dashboard's graph and as GEXF for Gephi. Read-only, so viewers may call them.
 */
import { type CoordOptions, type CoordReport, coordination, toGexf } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { Api, ServerContext } from '../server.ts';

const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const Time = Type.String({ maxLength: 40, description: 'YYYY-MM-DD or an ISO-8601 time' });

/** Edges sent to the browser at most; a graph drawn in a tab beyond this is unreadable anyway. */
export const MAX_EDGES = 5000;

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

function present(r: CoordReport): Static<typeof CoordSchema> {
  return {
    groups: r.groups.map((g) => ({
      id: g.id,
      accounts: g.accounts,
      objects: g.objects,
      edges: g.edges,
      weight: g.weight,
      topObjects: g.topObjects,
      ...(g.communities ? { communities: g.communities } : {}),
    })),
    communities: r.communities ?? [],
    edges: r.edges.slice(0, MAX_EDGES).map((e) => ({ a: e.a, b: e.b, weight: e.weight })),
    edgesTruncated: r.edges.length > MAX_EDGES,
    ...(r.modularity !== undefined && Number.isFinite(r.modularity) ? { modularity: r.modularity } : {}),
    names: r.names,
    params: {
      timeWindow: r.params.timeWindow,
      minParticipation: r.params.minParticipation,
      edgeQuantile: r.params.edgeQuantile,
      minWeight: r.params.minWeight,
      weightThreshold: r.params.weightThreshold,
    },
    counts: {
      events: r.counts.events,
      accounts: r.counts.accounts,
      participants: r.counts.participants,
      keptEdges: r.counts.keptEdges,
      groups: r.counts.groups,
      communities: r.counts.communities,
    },
  };
}

export function registerViews(server: Api, ctx: ServerContext): void {
  const { app } = ctx;
  const tags = ['views'];

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
    async (req) => present(await coordination(app, options(req.query))),
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
      const r = await coordination(app, options(req.query));
      reply.header('content-disposition', 'attachment; filename="ogoh-coordination.gexf"');
      return reply
        .type('application/gexf+xml; charset=utf-8')
        .send(toGexf(r, { description: 'Ogoh coordinated-sharing network' }));
    },
  );
}
