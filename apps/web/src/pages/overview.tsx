import { api, type Series, type Stats, type StorySummary } from '../api.ts';
import { A, AffiliationBadge, LangBadge, Show } from '../components/bits.tsx';
import { ConvergencePanel, SpikesPanel } from '../components/views-panels.tsx';
import { VolumeChart } from '../components/volume-chart.tsx';
import { useApp } from '../context.tsx';
import { formatDay, formatNumber } from '../format.ts';
import { useLoad } from '../hooks.ts';

export function OverviewPage() {
  const { t, locale, sources } = useApp();
  const stats = useLoad(() => api.get<Stats>('/api/stats'), []);
  const series = useLoad(() => api.get<Series>('/api/series?by=lang&interval=day'), []);
  const stories = useLoad(() => api.get<{ stories: StorySummary[] }>('/api/stories?limit=6'), []);
  return (
    <>
      <h1>{t('overview.title')}</h1>
      <Show value={stats}>
        {(s) => (
          <div className="cards">
            <Count label={t('common.items')} value={formatNumber(s.items, locale)} href="/items" />
            <Count label={t('common.sources')} value={formatNumber(s.sources, locale)} href="/sources" />
            <Count label={t('common.stories')} value={formatNumber(s.stories, locale)} href="/stories" />
            <Count label={t('common.languages')} value={String(Object.keys(s.byLang).length)} />
          </div>
        )}
      </Show>
      <section className="card">
        <h2>{t('overview.volume')}</h2>
        <Show value={series}>
          {(d) =>
            d.days.length ? <VolumeChart data={d} /> : <p className="muted">{t('overview.volumeEmpty')}</p>
          }
        </Show>
      </section>
      <div className="two">
        <SpikesPanel />
        <ConvergencePanel />
      </div>
      <div className="two">
        <section className="card">
          <h2>{t('overview.topSources')}</h2>
          <Show value={stats}>
            {(s) => (
              <ol className="ranked">
                {Object.entries(s.bySource)
                  .sort((a, b) => b[1] - a[1])
                  .slice(0, 8)
                  .map(([id, n]) => {
                    const src = sources.get(id);
                    return (
                      <li key={id}>
                        <div className="rank-row">
                          <span>
                            <A href={`/items?source=${encodeURIComponent(id)}`}>{src?.name ?? id}</A>{' '}
                            {src && <AffiliationBadge affiliation={src.affiliation} />}
                          </span>
                          <span className="num">{formatNumber(n, locale)}</span>
                        </div>
                      </li>
                    );
                  })}
              </ol>
            )}
          </Show>
        </section>
        <section className="card">
          <h2>{t('overview.largestStories')}</h2>
          <Show value={stories}>
            {(d) =>
              d.stories.length ? (
                <ol className="ranked">
                  {d.stories.map((s) => (
                    <li key={s.id}>
                      <div className="rank-row">
                        <span>
                          <A href={`/stories/${s.id}`}>
                            <span dir="auto">{s.title || s.excerpt || t('stories.untitled')}</span>
                          </A>{' '}
                          {s.langs.map((l) => (
                            <LangBadge key={l} lang={l} />
                          ))}
                        </span>
                        <span className="num" title={formatDay(s.lastSeen)}>
                          {s.size}
                        </span>
                      </div>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="muted">{t('overview.noStories')}</p>
              )
            }
          </Show>
        </section>
      </div>
    </>
  );
}

function Count({ label, value, href }: { label: string; value: string; href?: string }) {
  const body = (
    <>
      <span className="count-value">{value}</span>
      <span className="count-label">{label}</span>
    </>
  );
  return <div className="card count">{href ? <A href={href}>{body}</A> : body}</div>;
}
