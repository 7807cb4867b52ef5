/**
 * Overview panels of the analyst views: recent spikes across dimensions, and convergence of actor
 * families (per pair, with the mechanism and the evidence items), always shown as hypotheses.
 */
import { trendsApi } from '../api.ts';
import { useApp } from '../context.tsx';
import { useLoad } from '../hooks.ts';
import { SpikeList } from '../pages/trends.tsx';
import { A, Show } from './bits.tsx';

export function SpikesPanel() {
  const { t } = useApp();
  const data = useLoad(() => trendsApi.trends(['narrative', 'technique', 'source', 'story'], 5), []);
  return (
    <Show value={data}>
      {(d) => (
        <SpikeList spikes={d.spikes} limit={6}>
          <A href="/trends">{t('views.allTrends')}</A>
        </SpikeList>
      )}
    </Show>
  );
}

export function ConvergencePanel() {
  const { t, locale } = useApp();
  const data = useLoad(() => trendsApi.convergence(locale), [locale]);
  return (
    <section className="card convergence">
      <h2>
        {t('views.convergence')} <span className="badge warn">{t('views.hypothesis')}</span>
      </h2>
      <p className="muted">{t('views.convergenceIntro')}</p>
      <Show value={data}>
        {(d) => {
          const last = d.index.filter((p) => p.items > 0).at(-1);
          return (
            <>
              {last && (
                <p className="note">
                  {t('views.convergenceIndex', {
                    day: last.day,
                    pct: Math.round(last.index * 100),
                    converging: last.converging,
                    items: last.items,
                  })}
                </p>
              )}
              {d.signals.length === 0 ? (
                <p className="muted">{t('views.noConvergence')}</p>
              ) : (
                <ul className="plain signal-list">
                  {d.signals.slice(0, 5).map((s) => (
                    <li key={`${s.scope}:${s.key}:${s.pair}`} className="signal">
                      <div>
                        <strong>{s.pair}</strong> ·{' '}
                        {s.scope === 'story' ? (
                          <A href={`/stories/${encodeURIComponent(s.key)}`}>{t('views.inStory')}</A>
                        ) : (
                          <A href={`/items?source=${encodeURIComponent(s.key)}`}>
                            {t('views.inChannel', { channel: s.key })}
                          </A>
                        )}{' '}
                        <span className="muted">
                          {s.firstDay} – {s.lastDay}
                        </span>
                      </div>
                      <p className="mechanism">{s.mechanism}</p>
                      <div className="spike-items">
                        {s.narratives.map((n) => (
                          <span key={n.id}>
                            <code>{n.id}</code>:{' '}
                            {n.items.slice(0, 4).map((id, i) => (
                              <A key={id} href={`/items/${encodeURIComponent(id)}`}>
                                {t('views.itemN', { n: i + 1 })}
                              </A>
                            ))}
                          </span>
                        ))}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </Show>
    </section>
  );
}
