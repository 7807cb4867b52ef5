import { useState } from 'react';
import { api, type ItemDetail } from '../api.ts';
import { AddToCase } from '../components/add-to-case.tsx';
import { A, AffiliationBadge, LangBadge, Show } from '../components/bits.tsx';
import { useApp } from '../context.tsx';
import { formatPct, formatTime, headline } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';

export function ItemPage({ id }: { id: string }) {
  const view = useLoad(() => api.get<ItemDetail>(`/api/items/${encodeURIComponent(id)}`), [id]);
  return <Show value={view}>{(v) => <ItemView v={v} />}</Show>;
}

function ItemView({ v }: { v: ItemDetail }) {
  const { t, me } = useApp();
  const { item, source, story } = v;
  const [raw, setRaw] = useState<string | null>(null);
  const canRaw = me.role !== 'viewer';

  async function toggleRaw() {
    if (raw !== null) return setRaw(null);
    const r = await api.get<ItemDetail>(`/api/items/${encodeURIComponent(item.id)}?raw=1`);
    setRaw(r.item.raw ?? '');
  }

  return (
    <article className="item">
      <h1 dir="auto">{item.title || headline(item.text)}</h1>
      <AddToCase evidence={{ items: [item.id] }} title={item.title || headline(item.text)} />
      <div className="item-grid">
        <div className="card text-card">
          <p className="item-text" dir="auto" lang={item.lang === 'und' ? undefined : item.lang}>
            {item.text}
          </p>
        </div>
        <aside className="card facts">
          <dl>
            <dt>{t('item.language')}</dt>
            <dd>
              <LangBadge lang={item.lang} /> {t(`lang.${item.lang}` as MessageKey)} ·{' '}
              {t('item.confidence', { pct: formatPct(item.langConfidence) })}
            </dd>
            <dt>{t('item.source')}</dt>
            <dd>
              <A href={`/items?source=${encodeURIComponent(item.sourceId)}`}>
                {source?.name ?? item.sourceId}
              </A>
            </dd>
            {source && (
              <>
                <dt>{t('item.affiliation')}</dt>
                <dd>
                  <AffiliationBadge affiliation={source.affiliation} />
                  {source.affiliationNote && <span className="note"> {source.affiliationNote}</span>}
                </dd>
              </>
            )}
            <dt>{t('item.published')}</dt>
            <dd>
              {formatTime(item.published) || t('common.none')}
              {item.publishedRaw && item.publishedRaw !== item.published && (
                <span className="note"> ({item.publishedRaw})</span>
              )}
            </dd>
            <dt>{t('item.collected')}</dt>
            <dd>{formatTime(item.collectedAt)}</dd>
            {item.authorName && (
              <>
                <dt>{t('item.author')}</dt>
                <dd dir="auto">{item.authorName}</dd>
              </>
            )}
            {item.url && (
              <>
                <dt>{t('item.url')}</dt>
                <dd className="break">
                  <a href={item.url} target="_blank" rel="noopener noreferrer nofollow">
                    {item.url}
                  </a>
                </dd>
              </>
            )}
            <dt>{t('item.format')}</dt>
            <dd>{item.format}</dd>
            <dt>{t('item.story')}</dt>
            <dd>
              {story ? (
                <A href={`/stories/${story.id}`}>
                  {t('item.storyOf', {
                    kind: t(`link.${story.link ?? 'first'}` as MessageKey),
                    n: story.size,
                  })}
                </A>
              ) : (
                t('item.noStory')
              )}
            </dd>
          </dl>
        </aside>
      </div>
      {item.links.length > 0 && (
        <section className="card">
          <h2>{t('item.links')}</h2>
          <ul className="plain break">
            {item.links.map((l) => (
              <li key={l.url}>
                <a href={l.url} target="_blank" rel="noopener noreferrer nofollow" dir="auto">
                  {l.text || l.url}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {item.media.length > 0 && (
        <section className="card">
          <h2>{t('item.media')}</h2>
          <ul className="plain break">
            {item.media.map((m) => (
              <li key={`${m.kind}:${m.path ?? m.url ?? m.mime ?? ''}`}>
                {m.kind}: {m.path ?? m.url ?? ''} {m.mime && <span className="note">({m.mime})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card">
        <h2>{t('item.detections')}</h2>
        {v.detections.length ? (
          <ul className="plain">
            {v.detections.map((d) => (
              <li key={d.id}>
                <strong>{d.label}</strong> ({d.kind}, {formatPct(d.score)})
                {d.evidence.length > 0 && (
                  <span dir="auto">
                    {' — '}
                    {d.evidence.map((e) => e.text ?? item.text.slice(e.start, e.end)).join(' · ')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{item.analyzedAt ? t('item.noDetections') : t('item.notAnalysed')}</p>
        )}
      </section>
      <section className="card">
        <h2>{t('item.raw')}</h2>
        {canRaw ? (
          <>
            <button type="button" className="secondary" onClick={toggleRaw}>
              {raw === null ? t('item.showRaw') : t('item.hideRaw')}
            </button>
            {raw !== null && <pre className="raw">{raw}</pre>}
          </>
        ) : (
          <p className="muted">{t('item.rawForAnalysts')}</p>
        )}
      </section>
    </article>
  );
}
