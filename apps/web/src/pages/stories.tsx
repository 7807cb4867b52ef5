import { useState } from 'react';
import { api, type StorySummary } from '../api.ts';
import { A, LangBadge, Show } from '../components/bits.tsx';
import { useApp } from '../context.tsx';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';

type Page = { stories: StorySummary[]; next?: string };

export function StoriesPage() {
  const { t } = useApp();
  const first = useLoad(() => api.get<Page>('/api/stories?limit=30'), []);
  const [more, setMore] = useState<Page | null>(null);

  async function loadMore(cursor: string) {
    const page = await api.get<Page>(`/api/stories?limit=30&cursor=${encodeURIComponent(cursor)}`);
    setMore((prev) => ({
      stories: [...(prev?.stories ?? []), ...page.stories],
      ...(page.next ? { next: page.next } : {}),
    }));
  }

  return (
    <>
      <h1>{t('stories.title')}</h1>
      <p className="muted">{t('stories.intro')}</p>
      <Show value={first}>
        {(page) => {
          const stories = [...page.stories, ...(more?.stories ?? [])];
          const next = more ? more.next : page.next;
          if (stories.length === 0) return <p className="notice">{t('overview.noStories')}</p>;
          return (
            <>
              <div className="table-wrap card">
                <table>
                  <thead>
                    <tr>
                      <th>{t('nav.stories')}</th>
                      <th className="num">{t('stories.size')}</th>
                      <th className="num">{t('stories.sourcesCount')}</th>
                      <th>{t('stories.langs')}</th>
                      <th>{t('stories.firstSeen')}</th>
                      <th>{t('stories.lastSeen')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stories.map((s) => (
                      <tr key={s.id}>
                        <td>
                          <A href={`/stories/${s.id}`}>
                            <span dir="auto">{s.title || s.excerpt || t('stories.untitled')}</span>
                          </A>
                        </td>
                        <td className="num">{s.size}</td>
                        <td className="num">{s.sources}</td>
                        <td>
                          {s.langs.map((l) => (
                            <LangBadge key={l} lang={l} />
                          ))}
                        </td>
                        <td className="nowrap">{formatTime(s.firstSeen)}</td>
                        <td className="nowrap">{formatTime(s.lastSeen)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {next && (
                <button type="button" className="more" onClick={() => loadMore(next)}>
                  {t('common.more')}
                </button>
              )}
            </>
          );
        }}
      </Show>
    </>
  );
}
