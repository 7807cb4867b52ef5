import { api, type StoryDetail } from '../api.ts';
import { A, AffiliationBadge, LangBadge, Show } from '../components/bits.tsx';
import { useApp } from '../context.tsx';
import { formatPct, formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';

/** A story as a timeline: who published which copy when, in which language, and how it is linked. */
export function StoryPage({ id }: { id: string }) {
  const { t } = useApp();
  const view = useLoad(() => api.get<StoryDetail>(`/api/stories/${encodeURIComponent(id)}`), [id]);
  return (
    <Show value={view}>
      {(v) => (
        <article>
          <h1 dir="auto">{v.story.title || v.story.excerpt || t('stories.untitled')}</h1>
          <p className="muted">
            {v.story.size} {t('stories.size').toLowerCase()} · {v.story.sources}{' '}
            {t('stories.sourcesCount').toLowerCase()} ·{' '}
            {v.story.langs.map((l) => (
              <LangBadge key={l} lang={l} />
            ))}
          </p>
          <section className="card">
            <h2>{t('story.timeline')}</h2>
            <ol className="timeline">
              {v.members.map((m) => (
                <li key={m.id} className={`tl tl-${m.link}`}>
                  <div className="tl-head">
                    <time dateTime={m.published}>{formatTime(m.published)}</time>
                    <span className={`badge link link-${m.link}`}>{t(`link.${m.link}` as MessageKey)}</span>
                    <LangBadge lang={m.lang} />
                    <span>{m.sourceName ?? m.sourceId}</span>
                    {m.affiliation && <AffiliationBadge affiliation={m.affiliation} />}
                    {m.link !== 'first' && (
                      <span className="note">{t('story.similarity', { pct: formatPct(m.similarity) })}</span>
                    )}
                  </div>
                  <A href={`/items/${m.id}`} className="tl-body">
                    {m.title && (
                      <strong className="result-title" dir="auto">
                        {m.title}
                      </strong>
                    )}
                    <span className="excerpt" dir="auto">
                      {m.excerpt}
                    </span>
                  </A>
                </li>
              ))}
            </ol>
            {v.truncated && <p className="muted">{t('story.truncated', { n: v.members.length })}</p>}
          </section>
        </article>
      )}
    </Show>
  );
}
