/**
 * Items per day for a few series (uPlot), with the spikes drawn as large red points on their series:
 * a spike is a day far above the series' trailing median (robust z-score, computed by the server).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Spike } from '../api.ts';
import { clusterColour } from './graph-canvas.tsx';

export interface ChartSeries {
  key: string;
  label: string;
  counts: number[];
}

export function TrendChart({
  days,
  series,
  spikes,
}: {
  days: string[];
  series: ChartSeries[];
  spikes: Spike[];
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || days.length === 0) return;
    const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const dayIndex = new Map(days.map((d, i) => [d, i]));
    // One points-only series: the spike's value on its day, nothing elsewhere.
    const marks: (number | null)[] = days.map(() => null);
    const shown = new Set(series.map((s) => s.key));
    for (const sp of spikes) {
      const i = dayIndex.get(sp.day);
      if (i !== undefined && shown.has(sp.key)) marks[i] = Math.max(marks[i] ?? 0, sp.value);
    }
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 280,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [
          { stroke: '#555' },
          { stroke: '#555', size: 44, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 1e5] },
        ],
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            stroke: clusterColour(i),
            width: 2,
            points: { show: false },
          })),
          { label: 'spikes', stroke: '#c0392b', width: 0, points: { show: true, size: 11, fill: '#c0392b' } },
        ],
      },
      [xs, ...series.map((s) => s.counts), marks],
      el,
    );
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: 280 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [days, series, spikes]);
  return <div ref={box} className="chart-canvas trend-canvas" />;
}
