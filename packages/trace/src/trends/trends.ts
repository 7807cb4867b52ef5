/**
 * Series over days and spikes in them.
 *
 * Spike detection is a trailing robust z-score: for each day, the median and the median absolute
 * deviation (MAD) of the previous `window` days, z = (x − median) / max(1.4826·MAD, √(median + 1)).
 * Why this method:
 * - counts here are small and bursty (a narrative flagged 0, 0, 1, 0, 9 times a day); a mean and
 *   standard deviation, and an EWMA built on them, are dragged up by the very bursts they should
 *   find, so the second burst of a week goes unseen; the median and MAD ignore up to half the window;
 * - it looks only backwards, so an alert raised today does not change when tomorrow arrives
 *   (change-point methods such as PELT re-segment the whole history and are made for level shifts,
 *   e.g. a feed going silent, not for one-day surges);
 * - the √(median + 1) floor is the Poisson scale: on a quiet series (MAD 0) one stray item is not a
 *   spike, four in a day after weeks of nothing is.
 * A spike also needs `minCount` items, so a jump from 0 to 2 never alerts.
 */

export interface DayRow {
  /** UTC day, YYYY-MM-DD */
  day: string;
  key: string;
  count: number;
}

export interface DenseSeries {
  days: string[];
  series: { key: string; total: number; counts: number[] }[];
}

const DAY_MS = 86_400_000;

function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** Consecutive days from the first to the last row (or the given bounds), every key zero-filled. */
export function densify(rows: readonly DayRow[], bounds: { from?: string; to?: string } = {}): DenseSeries {
  if (rows.length === 0 && (!bounds.from || !bounds.to)) return { days: [], series: [] };
  let lo = bounds.from ? dayMs(bounds.from.slice(0, 10)) : Number.POSITIVE_INFINITY;
  let hi = bounds.to ? dayMs(bounds.to.slice(0, 10)) : Number.NEGATIVE_INFINITY;
  if (!bounds.from) for (const r of rows) lo = Math.min(lo, dayMs(r.day));
  if (!bounds.to) for (const r of rows) hi = Math.max(hi, dayMs(r.day));
  const days: string[] = [];
  for (let t = lo; t <= hi; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
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
  return { days, series };
}

export interface SpikeOptions {
  /** trailing days the baseline is taken from */
  window: number;
  /** days of history needed before a day can be judged */
  minHistory: number;
  /** robust z-score at or above which a day is a spike */
  threshold: number;
  /** a spike needs at least this many items that day */
  minCount: number;
}

export const DEFAULT_SPIKES: SpikeOptions = { window: 14, minHistory: 7, threshold: 3.5, minCount: 3 };

export interface Spike {
  day: string;
  index: number;
  value: number;
  /** trailing median */
  baseline: number;
  mad: number;
  score: number;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The robust z-score of `value` against a history. */
export function robustZ(
  value: number,
  history: readonly number[],
): { z: number; median: number; mad: number } {
  const m = median([...history]);
  const mad = median(history.map((x) => Math.abs(x - m)));
  const scale = Math.max(1.4826 * mad, Math.sqrt(m + 1));
  return { z: (value - m) / scale, median: m, mad };
}

/** Spikes of one dense series. */
export function findSpikes(
  days: readonly string[],
  counts: readonly number[],
  options: SpikeOptions = DEFAULT_SPIKES,
): Spike[] {
  const out: Spike[] = [];
  for (let t = options.minHistory; t < counts.length; t++) {
    const x = counts[t]!;
    if (x < options.minCount) continue;
    const history = counts.slice(Math.max(0, t - options.window), t);
    const r = robustZ(x, history);
    if (r.z >= options.threshold)
      out.push({
        day: days[t]!,
        index: t,
        value: x,
        baseline: r.median,
        mad: r.mad,
        score: Math.round(r.z * 100) / 100,
      });
  }
  return out;
}

/** Narrative families by taxonomy id prefix (ru-, isk-, tj-, other-). */
export function narrativeFamily(label: string): string {
  const p = label.split('-')[0] ?? '';
  return (
    (
      { ru: 'russian-state', isk: 'isk', tj: 'tajik-state', other: 'other', cp: 'convergence' } as Record<
        string,
        string
      >
    )[p] ?? p
  );
}

export interface ConvergencePoint {
  day: string;
  /** narrative-flagged items that day */
  items: number;
  /** of them, items converging with another family (see convergenceIndex) */
  converging: number;
  /** converging / items (0 when no items) */
  index: number;
}

/**
 * The convergence index per day: the share of narrative-flagged items that meet a narrative of
 * another family — in the item itself (two families, or a 'convergence' detection) or in the same
 * source within `windowDays` before or after. Russian-state, IS-K and Tajik-state frames echoing
 * each other in one channel is the signal the product is after.
 */
export function convergenceIndex(
  rows: readonly { day: string; itemId: string; sourceId: string; label: string; kind: string }[],
  options: { windowDays?: number; from?: string; to?: string } = {},
): ConvergencePoint[] {
  const w = options.windowDays ?? 1;
  const itemFamilies = new Map<string, { day: string; sourceId: string; fams: Set<string>; conv: boolean }>();
  for (const r of rows) {
    let e = itemFamilies.get(r.itemId);
    if (!e) {
      e = { day: r.day, sourceId: r.sourceId, fams: new Set(), conv: false };
      itemFamilies.set(r.itemId, e);
    }
    if (r.kind === 'convergence') e.conv = true;
    else {
      const f = narrativeFamily(r.label);
      if (f !== 'convergence') e.fams.add(f);
    }
  }
  // families per source per day
  const bySourceDay = new Map<string, Set<string>>();
  for (const e of itemFamilies.values()) {
    const k = `${e.sourceId}\u0000${e.day}`;
    const s = bySourceDay.get(k) ?? new Set<string>();
    for (const f of e.fams) s.add(f);
    bySourceDay.set(k, s);
  }
  const perDay = new Map<string, { items: number; converging: number }>();
  for (const e of itemFamilies.values()) {
    if (e.fams.size === 0 && !e.conv) continue;
    let converging = e.conv || e.fams.size >= 2;
    if (!converging) {
      const t = dayMs(e.day);
      for (let d = -w; d <= w && !converging; d++) {
        const s = bySourceDay.get(
          `${e.sourceId}\u0000${new Date(t + d * DAY_MS).toISOString().slice(0, 10)}`,
        );
        if (s) for (const f of s) if (!e.fams.has(f)) converging = true;
      }
    }
    const p = perDay.get(e.day) ?? { items: 0, converging: 0 };
    p.items++;
    if (converging) p.converging++;
    perDay.set(e.day, p);
  }
  const dense = densify(
    [...perDay].map(([day, p]) => ({ day, key: 'items', count: p.items })),
    { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) },
  );
  return dense.days.map((day) => {
    const p = perDay.get(day) ?? { items: 0, converging: 0 };
    return {
      day,
      items: p.items,
      converging: p.converging,
      index: p.items ? Math.round((p.converging / p.items) * 1000) / 1000 : 0,
    };
  });
}
