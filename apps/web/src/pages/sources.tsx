import { useCallback, useState } from 'react';
import { api, type Source } from '../api.ts';
import { A, AffiliationBadge, Show } from '../components/bits.tsx';
import { IngestPanel } from '../components/ingest-panel.tsx';
import { useApp } from '../context.tsx';
import { formatNumber } from '../format.ts';
import { useLoad } from '../hooks.ts';

export function SourcesPage() {
  const { t, locale, me } = useApp();
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const list = useLoad(() => api.get<Source[]>('/api/sources'), [version]);
  return (
    <>
      <h1>{t('sources.title')}</h1>
      {me.role !== 'viewer' && <IngestPanel onIngested={refresh} />}
      <Show value={list}>
        {(sources) => (
          <div className="table-wrap card">
            <table>
              <thead>
                <tr>
                  <th>{t('sources.name')}</th>
                  <th>{t('sources.id')}</th>
                  <th>{t('sources.platform')}</th>
                  <th>{t('sources.affiliation')}</th>
                  <th>{t('sources.languages')}</th>
                  <th className="num">{t('sources.items')}</th>
                </tr>
              </thead>
              <tbody>
                {sources.map((s) => (
                  <tr key={s.id}>
                    <td dir="auto">
                      {s.url ? (
                        <a href={s.url} target="_blank" rel="noopener noreferrer nofollow">
                          {s.name}
                        </a>
                      ) : (
                        s.name
                      )}
                    </td>
                    <td className="mono">{s.id}</td>
                    <td>{s.platform}</td>
                    <td>
                      <AffiliationBadge affiliation={s.affiliation} />
                    </td>
                    <td>{s.languages.join(', ')}</td>
                    <td className="num">
                      <A href={`/items?source=${encodeURIComponent(s.id)}`}>
                        {formatNumber(s.items, locale)}
                      </A>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </>
  );
}
