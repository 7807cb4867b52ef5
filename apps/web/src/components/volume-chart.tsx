/**
 * Items per day, one line per language (uPlot: ~50 kB, canvas, no inline styles). The legend under
 * the chart is our own markup so it follows the UI language.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Series } from '../api.ts';
import { useApp } from '../context.tsx';
import type { MessageKey } from '../i18n/index.ts';

/** One colour per language code, the same in the chart and in the CSS legend swatches. */
export const LANG_COLORS: Record<string, string> = {
  tg: '#1d4e89',
  ru: '#c0392b',
  uz: '#16a085',
  en: '#8e44ad',
  fa: '#d68910',
  uk: '#2e86c1',
  und: '#7f8c8d',
};

export function VolumeChart({ data }: { data: Series }) {
  const { t } = useApp();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || data.days.length === 0) return;
    const xs = data.days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 240,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        // Counts are whole numbers: only whole-number steps on the y axis.
        axes: [
          { stroke: '#555' },
          {
            stroke: '#555',
            size: 44,
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5],
          },
        ],
        series: [
          {},
          ...data.series.map((s) => ({
            label: s.key,
            stroke: LANG_COLORS[s.key] ?? '#444',
            width: 2,
            points: { show: false },
          })),
        ],
      },
      [xs, ...data.series.map((s) => s.counts)],
      el,
    );
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: 240 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [data]);
  return (
    <figure className="chart">
      <div ref={box} className="chart-canvas" />
      <figcaption className="legend">
        {data.series.map((s) => (
          <span key={s.key} className="legend-item">
            <span className={`swatch lang-bg-${s.key}`} />
            {t(`lang.${s.key}` as MessageKey)} · {s.total}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
