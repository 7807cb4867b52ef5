/**
 * The whole-store views the API serves, each a named computation over an opened store: the routes
 * call them through the view cache, and the view thread (view-thread.ts) runs the same ones on its
 * own store connection, so a view computed off the event loop is byte for byte the one computed in
 * place. Parameters and results cross a thread boundary: plain data only (Maps are fine).
 */
import {
  type CoordOptions,
  type CoordReport,
  coordination,
  detectionCounts,
  type Ogoh,
  type SeriesQuery,
  stats,
  trends,
  volumeSeries,
} from '@ogoh/app';
import type { Alert, SeriesBy, VolumeReader } from '@ogoh/core';

/** Edges sent to the browser at most; a graph drawn in a tab beyond this is unreadable anyway. */
export const MAX_EDGES = 5000;

/** Convergence signals sent at most (newest first). */
export const MAX_SIGNALS = 100;

export interface ViewEnv {
  app: Ogoh;
  volume: VolumeReader;
}

function presentCoordination(r: CoordReport) {
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

const spikeOf = (a: Alert) => ({
  id: a.id,
  by: a.by ?? '',
  key: a.key,
  day: a.day,
  value: a.value,
  baseline: a.baseline,
  score: a.score,
  itemIds: a.itemIds,
});

export interface TrendsViewOptions {
  by: SeriesBy[];
  since?: string;
  until?: string;
  top: number;
  minStorySize: number;
}

async function trendsView(app: Ogoh, o: TrendsViewOptions) {
  // A read: spikes are computed, not stored (the trends command and the worker store them).
  const r = await trends(app, { ...o, store: false });
  return { days: r.days, series: r.series, spikes: r.spikes.map(spikeOf), method: r.method };
}

/** Convergence: index per day, per pair, and the newest signals (English mechanism text). */
async function convergenceView(app: Ogoh, o: { since?: string; until?: string }) {
  const r = await trends(app, { by: ['convergence'], ...o, store: false });
  const pairs = new Map<
    string,
    {
      pair: string;
      mechanism: string;
      channels: number;
      stories: number;
      items: Set<string>;
      firstDay: string;
      lastDay: string;
    }
  >();
  for (const s of r.convergenceSignals) {
    const p = pairs.get(s.pair) ?? {
      pair: s.pair,
      mechanism: s.mechanism,
      channels: 0,
      stories: 0,
      items: new Set<string>(),
      firstDay: s.firstDay,
      lastDay: s.lastDay,
    };
    if (s.scope === 'channel') p.channels++;
    else p.stories++;
    for (const n of s.narratives) for (const i of n.items) p.items.add(i);
    if (s.firstDay < p.firstDay) p.firstDay = s.firstDay;
    if (s.lastDay > p.lastDay) p.lastDay = s.lastDay;
    pairs.set(s.pair, p);
  }
  const signals = [...r.convergenceSignals]
    .sort((a, b) => (a.lastDay < b.lastDay ? 1 : a.lastDay > b.lastDay ? -1 : b.items - a.items))
    .slice(0, MAX_SIGNALS);
  return {
    hypothesis: true as const,
    index: r.convergence,
    pairs: [...pairs.values()].map((p) => ({ ...p, items: p.items.size })).sort((a, b) => b.items - a.items),
    signals,
    spikes: r.spikes.map(spikeOf),
  };
}

/**
 * Every view by the name the view cache keys it under. `stats` and `detectionCounts` are the app's
 * own cached use cases (their names are the ones they cache under), so the thread runs exactly them.
 */
export const VIEWS = {
  coordination: async (env: ViewEnv, o: CoordOptions) => presentCoordination(await coordination(env.app, o)),
  'coordination-report': (env: ViewEnv, o: CoordOptions) => coordination(env.app, o),
  trends: (env: ViewEnv, o: TrendsViewOptions) => trendsView(env.app, o),
  convergence: (env: ViewEnv, o: { since?: string; until?: string }) => convergenceView(env.app, o),
  series: (env: ViewEnv, o: SeriesQuery) => volumeSeries(env.volume, o),
  stats: (env: ViewEnv, _o: null) => stats(env.app),
  detectionCounts: (env: ViewEnv, by: 'narrative' | 'technique') => detectionCounts(env.app, by),
} as const;

export type ViewName = keyof typeof VIEWS;

/** Runs one view by name (the thread's entry; parameters as the route built them). */
export function computeView(env: ViewEnv, view: string, params: unknown): Promise<unknown> {
  const f = (VIEWS as Record<string, (env: ViewEnv, params: unknown) => Promise<unknown>>)[view];
  if (!f) throw new Error(`no view "${view}"`);
  return f(env, params);
}
