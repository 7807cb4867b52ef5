import { useState } from 'react';
import { api, type ProvNode, type StoryDetail, type Trace } from '../api.ts';
import { AddToCase } from '../components/add-to-case.tsx';
import { A, AffiliationBadge, LangBadge, Show } from '../components/bits.tsx';
import { ExportMenu } from '../components/export-menu.tsx';
import { ProvenanceGraph } from '../components/provenance-graph.tsx';
import { useApp } from '../context.tsx';
import { formatPct, formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';

/** A story as a timeline: who published which copy when, in which language, and how it is linked. */
export function StoryPage({ id }: { id: string }) {
  const { t } = useApp();
  const view = useLoad(() => api.get<StoryDetail>(`/api/stories/${encodeURIComponent(id)}`), [id]);
  const trace = useLoad(() => api.get<Trace>(`/api/trace/${encodeURIComponent(id)}`), [id]);
  const [asGraph, setAsGraph] = useState(false);
  return (
    <Show value={view}>
      {(v) => (
        <article>
          <h1 dir="auto">{v.story.title || v.story.excerpt || t('stories.untitled')}</h1>
          <AddToCase
            evidence={{ stories: [v.story.id] }}
            title={v.story.title || v.story.excerpt || v.story.id}
          />
          <p className="muted">
            {v.story.size} {t('stories.size').toLowerCase()} · {v.story.sources}{' '}
            {t('stories.sourcesCount').toLowerCase()} ·{' '}
            {v.story.langs.map((l) => (
              <LangBadge key={l} lang={l} />
            ))}
          </p>
          <ExportMenu filters={{ story: v.story.id }} />
          <section className="card">
            <h2>{t('story.provenance')}</h2>
            <p className="muted">{t('story.provenanceHint')}</p>
            <button type="button" className="link-button" onClick={() => setAsGraph((g) => !g)}>
              {asGraph ? t('views.showTree') : t('views.showGraph')}
            </button>
            <Show value={trace}>
              {(tr) => (asGraph ? <ProvenanceGraph trace={tr} /> : <ProvenanceTree trace={tr} />)}
            </Show>
          </section>
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

/** The provenance tree: each item under the one it was taken from, origin at the top. */
function ProvenanceTree({ trace }: { trace: Trace }) {
  const { t } = useApp();
  const { nodes, laundering } = trace.provenance;
  const children = new Map<string, ProvNode[]>();
  for (const n of nodes) {
    const key = n.parent ?? '';
    children.set(key, [...(children.get(key) ?? []), n]);
  }
  const render = (parent: string) => {
    const list = children.get(parent);
    if (!list?.length) return null;
    return (
      <ul className="prov">
        {list.map((n) => (
          <li key={n.itemId}>
            <div className="tl-head">
              <time dateTime={n.published}>{formatTime(n.published)}</time>
              {n.relation && <span className="badge">{n.relation}</span>}
              <LangBadge lang={n.lang} />
              <A href={`/items/${n.itemId}`}>{n.sourceName}</A>
              <AffiliationBadge affiliation={n.affiliation} />
              {n.laundering && <span className="badge warn">{t('story.laundering')}</span>}
            </div>
            {render(n.itemId)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <>
      {laundering.flagged && laundering.origin && (
        <p className="error">{t('story.launderingFlag', { source: laundering.origin.sourceName })}</p>
      )}
      {trace.cascade && trace.cascade.size > 0 && (
        <p className="muted">
          {t('story.cascade', { size: trace.cascade.size, reach: trace.cascade.reach })}
        </p>
      )}
      {render('')}
    </>
  );
}
