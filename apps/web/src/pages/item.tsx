import { useState } from 'react';
import { api, type ItemDetail, type ProvNode, type Trace } from '../api.ts';
import { AddToCase } from '../components/add-to-case.tsx';
import { A, AffiliationBadge, LangBadge, Show } from '../components/bits.tsx';
import { EvidenceText } from '../components/evidence-text.tsx';
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
  const spans = v.detections.flatMap((d) =>
    d.evidence.map((e) => ({ start: e.start, end: e.end, id: d.id, label: d.label })),
  );
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
          <EvidenceText text={item.text} lang={item.lang} spans={spans} className="item-text" />
          {spans.length > 0 && <p className="note">{t('itemview.evidenceNote')}</p>}
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
      {item.ocrText && (
        <section className="card">
          <h2>{t('itemview.ocr')}</h2>
          <p className="item-text" dir="auto">
            {item.ocrText}
          </p>
        </section>
      )}
      <Provenance itemId={item.id} storyId={item.storyId} />
      {v.claims.length > 0 && (
        <section className="card">
          <h2>{t('itemview.claims')}</h2>
          <ul className="plain">
            {v.claims.map((c) => (
              <li key={c.id}>
                <span dir="auto">{c.text}</span> {c.rating && <span className="badge warn">{c.rating}</span>}{' '}
                <span className="note">
                  {t('itemview.claimScore', { pct: formatPct(c.score) })}
                  {c.org && ` · ${c.org}`}
                </span>{' '}
                {c.url && (
                  <a href={c.url} target="_blank" rel="noopener noreferrer nofollow">
                    {c.url}
                  </a>
                )}
              </li>
            ))}
          </ul>
          <p className="note">{t('itemview.claimsNote')}</p>
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

/** How long after its parent an item appeared, in the largest unit that fits. */
function lagText(t: ReturnType<typeof useApp>['t'], seconds: number): string {
  if (seconds < 3600) return t('itemview.lagMinutes', { n: Math.max(1, Math.round(seconds / 60)) });
  if (seconds < 2 * 86_400) return t('itemview.lagHours', { n: Math.round(seconds / 3600) });
  return t('itemview.lagDays', { n: Math.round(seconds / 86_400) });
}

const RELATED_SHOWN = 8;

/**
 * Where the item came from (its parent in the story's provenance, the story's first item) and the
 * story's other members: its copies, rewrites and translations.
 */
function Provenance({ itemId, storyId }: { itemId: string; storyId?: string | undefined }) {
  const { t } = useApp();
  const trace = useLoad(
    () => (storyId ? api.get<Trace>(`/api/trace/${encodeURIComponent(itemId)}`) : Promise.resolve(undefined)),
    [itemId, storyId],
  );
  if (!storyId)
    return (
      <section className="card">
        <h2>{t('itemview.provenance')}</h2>
        <p className="muted">{t('itemview.noStory')}</p>
      </section>
    );
  return (
    <section className="card">
      <h2>{t('itemview.provenance')}</h2>
      <Show value={trace}>
        {(tr) => {
          if (!tr) return null;
          const nodes = tr.provenance.nodes;
          const byId = new Map(nodes.map((n) => [n.itemId, n]));
          const me = byId.get(itemId);
          const parent = me?.parent ? byId.get(me.parent) : undefined;
          const first = byId.get(tr.provenance.firstItemId);
          const others = nodes.filter((n) => n.itemId !== itemId);
          // the item's own copies first, then the rest of the story in time order
          const related = [
            ...others.filter((n) => n.parent === itemId),
            ...others.filter((n) => n.parent !== itemId),
          ].slice(0, RELATED_SHOWN);
          return (
            <>
              {first?.itemId === itemId ? (
                <p>{t('itemview.origin')}</p>
              ) : (
                <>
                  {parent && me && (
                    <p>
                      {t('itemview.takenFrom', {
                        source: parent.sourceName,
                        relation: me.relation ?? '?',
                        lag: lagText(t, me.lagSeconds ?? 0),
                      })}{' '}
                      <A href={`/items/${parent.itemId}`}>{parent.title || parent.itemId}</A>
                    </p>
                  )}
                  {first && (
                    <p className="muted">
                      {t('itemview.firstSeen', {
                        source: first.sourceName,
                        time: formatTime(first.published),
                      })}
                    </p>
                  )}
                </>
              )}
              {related.length > 0 && (
                <>
                  <h3>{t('itemview.related')}</h3>
                  <ul className="plain">
                    {related.map((n: ProvNode) => (
                      <li key={n.itemId}>
                        <time dateTime={n.published}>{formatTime(n.published)}</time>{' '}
                        {n.relation && <span className="badge">{n.relation}</span>}{' '}
                        <LangBadge lang={n.lang} />{' '}
                        <A href={`/items/${n.itemId}`}>{n.title || n.sourceName}</A>{' '}
                        <span className="note">{n.sourceName}</span>{' '}
                        <AffiliationBadge affiliation={n.affiliation} />
                      </li>
                    ))}
                  </ul>
                  {others.length > related.length && (
                    <p className="muted">
                      {t('itemview.relatedMore', { n: others.length - related.length })}
                    </p>
                  )}
                </>
              )}
              <A href={`/stories/${storyId}`}>{t('itemview.storyGraph')}</A>
            </>
          );
        }}
      </Show>
    </section>
  );
}
