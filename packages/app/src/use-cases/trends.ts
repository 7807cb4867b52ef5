/**
 * `ogoh trends`: items per day by narrative, technique (from stored detections), source, language
 * and story; the convergence index per day; spikes in every series (robust z-score, see
 * @ogoh/trace trends.ts for why), stored as alerts with the items behind each spike.
 * Works on whatever detections exist: with none, narrative and technique series are simply empty.
 */
import type { Alert, SeriesBy, TraceStore } from '@ogoh/core';
import { makeId, OgohError, SERIES_BY } from '@ogoh/core';
import {
  convergenceInGroups,
  type GroupConvergence,
  type MechanismLang,
  type NarrativeHit,
  pairMechanism,
} from '@ogoh/detect';
import {
  type ConvergencePoint,
  convergenceIndex,
  DEFAULT_SPIKES,
  densify,
  findSpikes,
  type SpikeOptions,
} from '@ogoh/trace';
import type { Ogoh } from '../context.ts';
import { operatorTaxonomy } from './taxonomy-file.ts';
import { openTrace, refreshStaleProvenance } from './trace-story.ts';

/** Languages the mechanism text of convergence hypotheses comes in (for the edges' `lang` flags). */
export { MECHANISM_LANGS, type MechanismLang } from '@ogoh/detect';

export interface TrendsOptions {
  /** dimensions to compute (default: all) */
  by?: SeriesBy[];
  since?: string;
  until?: string;
  /** story series: stories with at least this many items (default 3) */
  minStorySize?: number;
  /** series kept per dimension in the report, largest first (spikes are found in all) */
  top?: number;
  spikes?: Partial<SpikeOptions>;
  /** store the spikes as alerts, replacing earlier spike alerts in the range (default true) */
  store?: boolean;
  /** items listed per spike (default 50) */
  itemsPerSpike?: number;
  /** the language of the convergence pairs' mechanism text (English when the taxonomy has none) */
  lang?: MechanismLang;
}

export interface TrendSeries {
  key: string;
  total: number;
  counts: number[];
}

export interface TrendsReport {
  /** UTC days, consecutive, shared by every series */
  days: string[];
  series: Partial<Record<SeriesBy, TrendSeries[]>>;
  convergence: ConvergencePoint[];
  /**
   * Convergence hypotheses per channel and per story: narratives of different actor families of
   * one convergence pair carried by one source, or one story, within a month (evidence items per
   * narrative and the pair's mechanism). Item-level ones are stored as 'convergence' detections.
   */
  convergenceSignals: GroupConvergence[];
  spikes: Alert[];
  method: {
    name: 'trailing robust z-score (median, MAD)';
    window: number;
    minHistory: number;
    threshold: number;
    minCount: number;
  };
}

type CountBy = Exclude<SeriesBy, 'convergence'>;

export function parseSeriesBy(spec: string | undefined, flag = '--by'): SeriesBy[] {
  if (spec === undefined || spec.trim() === '') return [...SERIES_BY];
  const out: SeriesBy[] = [];
  for (const part of spec.split(',').map((s) => s.trim())) {
    if (!(SERIES_BY as readonly string[]).includes(part))
      throw new OgohError('USAGE', `${flag} "${part}" is not a series`, {
        field: flag,
        hint: `use any of ${SERIES_BY.join(', ')}, comma-separated`,
      });
    if (!out.includes(part as SeriesBy)) out.push(part as SeriesBy);
  }
  return out;
}

export async function trends(app: Ogoh, options: TrendsOptions = {}): Promise<TrendsReport> {
  const by = options.by ?? [...SERIES_BY];
  const spikeOptions: SpikeOptions = { ...DEFAULT_SPIKES, ...options.spikes };
  const range = {
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  };
  const trace = await openTrace(app);
  try {
    // laundering alerts of stories analysis left for later
    if (options.store !== false) await refreshStaleProvenance(app, trace);
    const rows = new Map<CountBy, Awaited<ReturnType<TraceStore['series']>>>();
    for (const b of by) {
      if (b === 'convergence') continue;
      rows.set(b, await trace.series({ by: b, ...range, minStorySize: options.minStorySize ?? 3 }));
    }
    const narrativeRows = by.includes('convergence') ? await trace.narrativeDays(range) : [];
    // one day axis for every series
    const allDays = [...rows.values()].flat().map((r) => r.day);
    for (const r of narrativeRows) allDays.push(r.day);
    allDays.sort();
    const from = options.since?.slice(0, 10) ?? allDays[0];
    const to = options.until
      ? new Date(Date.parse(options.until) - 1).toISOString().slice(0, 10)
      : allDays[allDays.length - 1];
    const bounds = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const report: TrendsReport = {
      days: [],
      series: {},
      convergence: [],
      convergenceSignals: [],
      spikes: [],
      method: { name: 'trailing robust z-score (median, MAD)', ...spikeOptions },
    };
    if (!from || !to) return report;
    const now = app.clock.now().toISOString();
    const detail = { method: 'robust-z', ...spikeOptions };
    for (const [b, r] of rows) {
      const dense = densify(r, bounds);
      report.days = dense.days;
      report.series[b] = dense.series.slice(0, options.top ?? 20);
      for (const s of dense.series)
        for (const sp of findSpikes(dense.days, s.counts, spikeOptions)) {
          const itemIds = await trace.seriesItems({
            by: b,
            key: s.key,
            day: sp.day,
            limit: options.itemsPerSpike ?? 50,
          });
          report.spikes.push({
            id: makeId('al', 'spike', b, s.key, sp.day),
            kind: 'spike',
            by: b,
            key: s.key,
            day: sp.day,
            value: sp.value,
            baseline: sp.baseline,
            score: sp.score,
            itemIds,
            detail: { ...detail, mad: sp.mad },
            createdAt: now,
          });
        }
    }
    if (by.includes('convergence')) {
      report.convergence = convergenceIndex(narrativeRows, bounds);
      report.convergenceSignals = await groupSignals(trace, narrativeRows, options.lang ?? 'en');
      if (!report.days.length) report.days = report.convergence.map((p) => p.day);
      const days = report.convergence.map((p) => p.day);
      const counts = report.convergence.map((p) => p.converging);
      for (const sp of findSpikes(days, counts, spikeOptions)) {
        const ids = [...new Set(narrativeRows.filter((r) => r.day === sp.day).map((r) => r.itemId))];
        report.spikes.push({
          id: makeId('al', 'spike', 'convergence', 'index', sp.day),
          kind: 'spike',
          by: 'convergence',
          key: 'converging-items',
          day: sp.day,
          value: sp.value,
          baseline: sp.baseline,
          score: sp.score,
          itemIds: ids.slice(0, options.itemsPerSpike ?? 50),
          detail: { ...detail, mad: sp.mad, index: report.convergence[sp.index]?.index },
          createdAt: now,
        });
      }
    }
    report.spikes.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : b.score - a.score));
    if (options.store !== false) {
      // replace the spike alerts of the dimensions recomputed over this range
      const old = await trace.listAlerts({ kind: 'spike', ...(from ? { since: from } : {}), limit: 10_000 });
      const stale = old.filter(
        (a) => a.by !== undefined && by.includes(a.by) && a.day >= from && a.day <= to,
      );
      await trace.deleteAlerts(stale.map((a) => a.id));
      await trace.putAlerts(report.spikes);
    }
    return report;
  } finally {
    await trace.close();
  }
}

/** Channel- and story-level convergence from the narrative detections of the range. */
async function groupSignals(
  trace: TraceStore,
  rows: Awaited<ReturnType<TraceStore['narrativeDays']>>,
  lang: MechanismLang,
): Promise<GroupConvergence[]> {
  const hits = rows.filter((r) => r.kind === 'narrative');
  if (hits.length === 0) return [];
  const bySource = new Map<string, NarrativeHit[]>();
  for (const r of hits) {
    const l = bySource.get(r.sourceId) ?? [];
    l.push({ itemId: r.itemId, label: r.label, day: r.day });
    bySource.set(r.sourceId, l);
  }
  const storyOf = new Map(
    (await trace.anchorsOf([...new Set(hits.map((r) => r.itemId))])).map((a) => [a.itemId, a.storyId]),
  );
  const byStory = new Map<string, NarrativeHit[]>();
  for (const r of hits) {
    const s = storyOf.get(r.itemId);
    if (!s) continue;
    const l = byStory.get(s) ?? [];
    l.push({ itemId: r.itemId, label: r.label, day: r.day });
    byStory.set(s, l);
  }
  const taxonomy = operatorTaxonomy();
  return withMechanismIn(
    [
      ...convergenceInGroups('channel', bySource, taxonomy),
      ...convergenceInGroups('story', byStory, taxonomy),
    ],
    lang,
  );
}

/**
 * Convergence records with the pair's mechanism in `lang` (the operator's taxonomy; English where it
 * has no translation, and the record's own text for a pair it does not know). The server caches
 * views in English and calls this per request with the UI language.
 */
export function withMechanismIn<T extends { pair: string; mechanism: string }>(
  records: readonly T[],
  lang: MechanismLang,
): T[] {
  if (lang === 'en') return [...records];
  const pairs = new Map(operatorTaxonomy().convergencePairs.map((p) => [p.id, p]));
  return records.map((r) => {
    const pair = pairs.get(r.pair);
    return pair ? { ...r, mechanism: pairMechanism(pair, lang) } : r;
  });
}

/** Stored alerts, newest first: spikes and laundering. */
export async function listAlerts(
  app: Ogoh,
  query: { kind?: Alert['kind']; by?: SeriesBy; since?: string; limit?: number } = {},
): Promise<Alert[]> {
  const trace = await openTrace(app);
  try {
    return await trace.listAlerts(query);
  } finally {
    await trace.close();
  }
}
