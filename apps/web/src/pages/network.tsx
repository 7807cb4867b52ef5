/**
 * The coordinated-sharing network: parameters, the graph coloured by Louvain community (sigma, loaded
 * on demand), the groups beside it, and the selected account's community, partners and shared objects.
 * The parameters live in the URL so a view can be linked.
 */
import { type FormEvent, useMemo, useState } from 'react';
import { type Coordination, type CoordQuery, viewsApi } from '../api.ts';
import { A, Show } from '../components/bits.tsx';
import { clusterColour, GraphCanvas, type GraphNode } from '../components/graph-canvas.tsx';
import { useApp } from '../context.tsx';
import { useLoad } from '../hooks.ts';
import { navigate, useLocation } from '../router.ts';

function num(v: string | null, fallback: number): number {
  const n = Number(v);
  return v !== null && v !== '' && Number.isFinite(n) ? n : fallback;
}

/** Defaults suit a small store: a 10-minute window and every edge kept. */
function queryOf(search: URLSearchParams): CoordQuery {
  return {
    window: num(search.get('window'), 600),
    minParticipation: num(search.get('min-participation'), 2),
    edgeQuantile: num(search.get('edge-quantile'), 0),
    ...(search.get('since') ? { since: search.get('since')! } : {}),
    ...(search.get('until') ? { until: search.get('until')! } : {}),
  };
}

export function NetworkPage() {
  const { t } = useApp();
  const { search } = useLocation();
  const key = search.toString();
  const q = useMemo(() => queryOf(new URLSearchParams(key)), [key]);
  const data = useLoad(() => viewsApi.coordination(q), [key]);

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const p = new URLSearchParams();
    for (const k of ['window', 'min-participation', 'edge-quantile', 'since', 'until']) {
      const v = String(form.get(k) ?? '').trim();
      if (v) p.set(k, v);
    }
    navigate(`/network?${p}`, true);
  };

  return (
    <div className="network">
      <h1>{t('views.networkTitle')}</h1>
      <p className="muted">{t('views.networkIntro')}</p>
      <form className="card filters" onSubmit={apply} key={key}>
        <label>
          {t('views.window')}
          <input name="window" type="number" min={1} defaultValue={q.window} />
        </label>
        <label>
          {t('views.minParticipation')}
          <input name="min-participation" type="number" min={1} defaultValue={q.minParticipation} />
        </label>
        <label>
          {t('views.edgeQuantile')}
          <input
            name="edge-quantile"
            type="number"
            min={0}
            max={0.99}
            step={0.05}
            defaultValue={q.edgeQuantile}
          />
        </label>
        <label>
          {t('views.since')}
          <input name="since" type="date" defaultValue={q.since ?? ''} />
        </label>
        <label>
          {t('views.until')}
          <input name="until" type="date" defaultValue={q.until ?? ''} />
        </label>
        <button type="submit">{t('views.apply')}</button>
        <a href={viewsApi.gexfUrl(q)} download>
          {t('views.gexf')}
        </a>
      </form>
      <Show value={data}>{(c) => <Network data={c} />}</Show>
    </div>
  );
}

/** "story:st_x" → a link to the story; "url:…" → the address; "fwd:…" → the forwarded channel. */
function ObjectRef({ id }: { id: string }) {
  const [kind, ...rest] = id.split(':');
  const value = rest.join(':');
  if (kind === 'story') return <A href={`/stories/${encodeURIComponent(value)}`}>{value}</A>;
  if (kind === 'url')
    return (
      <a href={value} rel="noreferrer noopener" target="_blank" className="break">
        {value}
      </a>
    );
  return <span className="break">{id}</span>;
}

function Network({ data }: { data: Coordination }) {
  const { t } = useApp();
  const [selected, setSelected] = useState<string | undefined>();
  const communityIndex = useMemo(() => {
    const m = new Map<string, number>();
    data.communities.forEach((c, i) => {
      for (const a of c.accounts) m.set(a, i);
    });
    return m;
  }, [data]);
  const nodes = useMemo<GraphNode[]>(() => {
    const degree = new Map<string, number>();
    for (const e of data.edges) {
      degree.set(e.a, (degree.get(e.a) ?? 0) + e.weight);
      degree.set(e.b, (degree.get(e.b) ?? 0) + e.weight);
    }
    return data.groups.flatMap((g) =>
      g.accounts.map((a) => ({
        id: a,
        label: data.names[a] ?? a,
        cluster: communityIndex.get(a) ?? 0,
        size: 2 + Math.min(6, Math.sqrt(degree.get(a) ?? 1)),
      })),
    );
  }, [data, communityIndex]);

  const c = data.counts;
  return (
    <>
      <p className="note" data-testid="coord-counts">
        {t('views.counts', {
          events: c.events,
          participants: c.participants,
          groups: c.groups,
          communities: c.communities,
          edges: c.keptEdges,
        })}
      </p>
      {data.edgesTruncated && <p className="note">{t('views.edgesTruncated', { n: data.edges.length })}</p>}
      {data.groups.length === 0 ? (
        <p className="notice">{t('views.none')}</p>
      ) : (
        <div className="network-layout">
          <section className="card network-graph">
            <GraphCanvas
              nodes={nodes}
              edges={data.edges}
              selected={selected}
              onSelect={setSelected}
              label={t('views.graphLabel')}
            />
            {selected ? (
              <AccountPanel data={data} account={selected} community={communityIndex.get(selected)} />
            ) : (
              <p className="muted">{t('views.clickNode')}</p>
            )}
          </section>
          <aside className="card network-groups">
            <h2>{t('views.groups')}</h2>
            <ol className="group-list">
              {data.groups.map((g) => (
                <li key={g.id} className="group-entry">
                  <div className="muted">
                    {t('views.group', { accounts: g.accounts.length, objects: g.objects, edges: g.edges })}
                  </div>
                  <ul className="chips">
                    {g.accounts.slice(0, 30).map((a) => (
                      <li key={a}>
                        <button
                          type="button"
                          className={`chip${a === selected ? ' active' : ''}`}
                          onClick={() => setSelected(a)}
                        >
                          <span
                            className="swatch"
                            style={{ background: clusterColour(communityIndex.get(a) ?? 0) }}
                          />
                          {data.names[a] ?? a}
                        </button>
                      </li>
                    ))}
                    {g.accounts.length > 30 && <li className="muted">+{g.accounts.length - 30}</li>}
                  </ul>
                  <details>
                    <summary>{t('views.topObjects')}</summary>
                    <ul>
                      {g.topObjects.map((o) => (
                        <li key={o.id}>
                          <ObjectRef id={o.id} /> <span className="muted">×{o.accounts}</span>
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
            </ol>
          </aside>
        </div>
      )}
    </>
  );
}

function AccountPanel({
  data,
  account,
  community,
}: {
  data: Coordination;
  account: string;
  community: number | undefined;
}) {
  const { t } = useApp();
  const partners = data.edges
    .filter((e) => e.a === account || e.b === account)
    .map((e) => ({ id: e.a === account ? e.b : e.a, weight: e.weight }))
    .sort((x, y) => y.weight - x.weight);
  const group = data.groups.find((g) => g.accounts.includes(account));
  const sourceId = account.startsWith('source:') ? account.slice('source:'.length) : undefined;
  return (
    <div className="account-panel" data-testid="account-panel">
      <h3>
        {t('views.account')}: {data.names[account] ?? account}
      </h3>
      <p className="muted">
        <code>{account}</code>
        {community !== undefined && data.communities[community] && (
          <>
            {' · '}
            {t('views.community')}{' '}
            <span className="swatch" style={{ background: clusterColour(community) }} />
            <code>{data.communities[community].id}</code>
          </>
        )}
      </p>
      {sourceId && (
        <p>
          <A href={`/items?source=${encodeURIComponent(sourceId)}`}>{t('views.itemsOf')}</A>
        </p>
      )}
      <h4>{t('views.neighbours')}</h4>
      <ul>
        {partners.slice(0, 20).map((p) => (
          <li key={p.id}>
            {data.names[p.id] ?? p.id} <span className="muted">×{p.weight}</span>
          </li>
        ))}
      </ul>
      {group && (
        <>
          <h4>{t('views.topObjects')}</h4>
          <ul>
            {group.topObjects.slice(0, 10).map((o) => (
              <li key={o.id}>
                <ObjectRef id={o.id} /> <span className="muted">×{o.accounts}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
