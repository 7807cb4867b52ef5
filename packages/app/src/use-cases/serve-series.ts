/**
 * Volume over time for the dashboard: items per UTC day by language or source, as dense series
 * (every day between the first and the last, zeros included) so a chart needs no gap handling.
 */
import { OgohError, type VolumeBy, type VolumeReader } from '@ogoh/core';
import { openVolumeReader } from '@ogoh/store';
import type { Ogoh } from '../context.ts';

export interface SeriesQuery {
  by: VolumeBy;
  interval: 'day';
  since?: string;
  until?: string;
}

export interface Series {
  by: VolumeBy;
  interval: 'day';
  /** UTC days, YYYY-MM-DD, consecutive */
  days: string[];
  /** one series per language or source, largest total first */
  series: { key: string; total: number; counts: number[] }[];
  /** true when the range was longer than MAX_SERIES_DAYS and only its latest days are kept */
  truncated: boolean;
}

/** About ten years of days: longer ranges keep their latest days (ask with `since` for older ones). */
export const MAX_SERIES_DAYS = 3660;
const DAY_MS = 86_400_000;

/** Opens the reader the series come from (a store connection of its own; close it when done). */
export function openVolume(app: Ogoh): Promise<VolumeReader> {
  return openVolumeReader(app.location);
}

export async function volumeSeries(reader: VolumeReader, q: SeriesQuery): Promise<Series> {
  if (q.interval !== 'day')
    throw new OgohError('USAGE', `interval "${String(q.interval)}" is not supported`, {
      field: 'interval',
      hint: 'use day',
    });
  const rows = await reader.volume({
    by: q.by,
    ...(q.since !== undefined ? { since: q.since } : {}),
    ...(q.until !== undefined ? { until: q.until } : {}),
  });
  if (rows.length === 0) return { by: q.by, interval: 'day', days: [], series: [], truncated: false };
  const lastMs = Date.parse(`${rows[rows.length - 1]!.day}T00:00:00Z`);
  let firstMs = Date.parse(`${rows[0]!.day}T00:00:00Z`);
  const truncated = (lastMs - firstMs) / DAY_MS + 1 > MAX_SERIES_DAYS;
  if (truncated) firstMs = lastMs - (MAX_SERIES_DAYS - 1) * DAY_MS;
  const days: string[] = [];
  for (let t = firstMs; t <= lastMs; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  const index = new Map(days.map((d, i) => [d, i]));
  const byKey = new Map<string, { key: string; total: number; counts: number[] }>();
  for (const r of rows) {
    const i = index.get(r.day);
    if (i === undefined) continue;
    let s = byKey.get(r.key);
    if (!s) {
      s = { key: r.key, total: 0, counts: new Array<number>(days.length).fill(0) };
      byKey.set(r.key, s);
    }
    s.counts[i] = (s.counts[i] ?? 0) + r.count;
    s.total += r.count;
  }
  const series = [...byKey.values()].sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
  return { by: q.by, interval: 'day', days, series, truncated };
}
