/**
 * Trends: items per day by narrative, technique, source, language or story, the spikes found in each
 * series (linking to the items behind them), and how a spike was decided (the method's thresholds).
 */
import { type ReactNode, useMemo } from 'react';
import { type Spike, type Trends, type TrendsBy, trendsApi } from '../api.ts';
import { A, Show } from '../components/bits.tsx';
import { clusterColour } from '../components/graph-canvas.tsx';
import { type ChartSeries, TrendChart } from '../components/trend-chart.tsx';
import { useApp } from '../context.tsx';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';
import { navigate, useLocation } from '../router.ts';

const DIMENSIONS: TrendsBy[] = ['narrative', 'technique', 'source', 'lang', 'story'];

export function TrendsPage() {
  const { t } = useApp();
  const { search } = useLocation();
  const by = (DIMENSIONS as string[]).includes(search.get('by') ?? '')
    ? (search.get('by') as TrendsBy)
    : 'narrative';
  const data = useLoad(() => trendsApi.trends([by], 8), [by]);
  return (
    <div className="trends">
      <h1>{t('views.trendsTitle')}</h1>
      <p className="muted">{t('views.trendsIntro')}</p>
      <div className="tabs" role="tablist">
        {DIMENSIONS.map((d) => (
          <button
            key={d}
            type="button"
            role="tab"
            aria-selected={d === by}
            className={d === by ? 'tab active' : 'tab'}
            onClick={() => navigate(`/trends?by=${d}`, true)}
          >
            {t(`views.by.${d}` as MessageKey)}
          </button>
        ))}
      </div>
      <Show value={data}>{(d) => <TrendsView data={d} by={by} />}</Show>
    </div>
  );
}

function TrendsView({ data, by }: { data: Trends; by: TrendsBy }) {
  const { t } = useApp();
  const list = data.series[by] ?? [];
  const series = useMemo<ChartSeries[]>(
    () => list.map((s) => ({ key: s.key, label: s.key, counts: s.counts })),
    [list],
  );
  const spikes = data.spikes.filter((s) => s.by === by);
  if (!list.length) return <p className="notice">{t('views.trendsEmpty')}</p>;
  return (
    <>
      <section className="card">
        <TrendChart days={data.days} series={series} spikes={spikes} />
        <p className="legend">
          {list.map((s, i) => (
            <span key={s.key} className="legend-item">
              <span className="swatch" style={{ background: clusterColour(i) }} />
              <SeriesKey by={by} k={s.key} /> · {s.total}
            </span>
          ))}
          <span className="legend-item">
            <span className="swatch spike-swatch" />
            {t('views.spike')}
          </span>
        </p>
        <p className="note">
          {t('views.method', {
            window: data.method.window,
            threshold: data.method.threshold,
            minCount: data.method.minCount,
          })}
        </p>
      </section>
      <SpikeList spikes={spikes} />
    </>
  );
}

export function SeriesKey({ by, k }: { by: string; k: string }) {
  if (by === 'story') return <A href={`/stories/${encodeURIComponent(k)}`}>{k}</A>;
  if (by === 'source') return <A href={`/items?source=${encodeURIComponent(k)}`}>{k}</A>;
  if (by === 'narrative' || by === 'technique')
    return <A href={`/catalogue?card=${encodeURIComponent(k)}`}>{k}</A>;
  return <>{k}</>;
}

export function SpikeList({
  spikes,
  limit,
  children,
}: {
  spikes: Spike[];
  limit?: number;
  children?: ReactNode;
}) {
  const { t } = useApp();
  const shown = limit ? spikes.slice(0, limit) : spikes;
  return (
    <section className="card">
      <h2>{t('views.spikes')}</h2>
      {shown.length === 0 ? (
        <p className="muted">{t('views.noSpikes')}</p>
      ) : (
        <ul className="plain spike-list">
          {shown.map((s) => (
            <li key={s.id} className="spike">
              <strong>{s.day}</strong> · <SeriesKey by={s.by} k={s.key} />{' '}
              <span className="muted">
                {t('views.spikeValue', { value: s.value, baseline: s.baseline, score: s.score.toFixed(1) })}
              </span>
              <div className="spike-items">
                {s.itemIds.slice(0, 12).map((id, i) => (
                  <A key={id} href={`/items/${encodeURIComponent(id)}`}>
                    {t('views.itemN', { n: i + 1 })}
                  </A>
                ))}
                {s.itemIds.length > 12 && <span className="muted">+{s.itemIds.length - 12}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}
