/**
 * Search and filters. The filters live in the URL (/items?q=…&lang=…), so results survive the back
 * button and can be shared; "More" follows the API's cursor.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { api, type ItemSummary } from '../api.ts';
import { A, LangBadge, Show } from '../components/bits.tsx';
import { ExportMenu } from '../components/export-menu.tsx';
import { useApp } from '../context.tsx';
import { formatTime, param, queryString } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';
import { navigate, useLocation } from '../router.ts';

const LANGS = ['tg', 'ru', 'uz', 'en', 'fa', 'uk', 'und'];
const FILTERS = ['q', 'lang', 'source', 'since', 'until'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

export function ItemsPage() {
  const { t, sources } = useApp();
  const { search } = useLocation();
  const filters: Filters = {};
  for (const f of FILTERS) {
    const v = param(search, f);
    if (v !== undefined) filters[f] = v;
  }
  const key = queryString(filters);
  const [form, setForm] = useState<Filters>(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form when the URL's filters change
  useEffect(() => setForm(filters), [key]);

  const first = useLoad(
    () =>
      api.get<{ items: ItemSummary[]; next?: string }>(`/api/items${queryString({ ...filters, limit: 30 })}`),
    [key],
  );
  const [more, setMore] = useState<{ items: ItemSummary[]; next?: string; key: string } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    setMore(null);
    navigate(`/items${queryString(form)}`);
  }

  async function loadMore(cursor: string) {
    setLoadingMore(true);
    try {
      const page = await api.get<{ items: ItemSummary[]; next?: string }>(
        `/api/items${queryString({ ...filters, limit: 30, cursor })}`,
      );
      setMore((prev) => ({
        key,
        items: [...(prev?.key === key ? prev.items : []), ...page.items],
        ...(page.next ? { next: page.next } : {}),
      }));
    } finally {
      setLoadingMore(false);
    }
  }

  const set = (k: keyof Filters) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <>
      <h1>{t('items.title')}</h1>
      <search>
        <form className="card filters" onSubmit={submit}>
          <label className="grow">
            {t('items.search')}
            <input
              type="search"
              name="q"
              value={form.q ?? ''}
              placeholder={t('items.searchPlaceholder')}
              onChange={(e) => set('q')(e.target.value)}
              dir="auto"
            />
          </label>
          <label>
            {t('items.lang')}
            <select name="lang" value={form.lang ?? ''} onChange={(e) => set('lang')(e.target.value)}>
              <option value="">{t('items.any')}</option>
              {LANGS.map((l) => (
                <option key={l} value={l}>
                  {t(`lang.${l}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('items.source')}
            <select name="source" value={form.source ?? ''} onChange={(e) => set('source')(e.target.value)}>
              <option value="">{t('items.any')}</option>
              {[...sources.values()].map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('items.since')}
            <input
              type="date"
              name="since"
              value={form.since ?? ''}
              onChange={(e) => set('since')(e.target.value)}
            />
          </label>
          <label>
            {t('items.until')}
            <input
              type="date"
              name="until"
              value={form.until ?? ''}
              onChange={(e) => set('until')(e.target.value)}
            />
          </label>
          <div className="actions">
            <button type="submit">{t('items.apply')}</button>
            <button type="button" className="secondary" onClick={() => navigate('/items')}>
              {t('items.clear')}
            </button>
          </div>
          <p className="hint">{t('items.foldNote')}</p>
        </form>
      </search>
      <ExportMenu filters={filters} />
      <Show value={first}>
        {(page) => {
          const extra = more?.key === key ? more : null;
          const items = [...page.items, ...(extra?.items ?? [])];
          const next = extra ? extra.next : page.next;
          if (items.length === 0) return <p className="notice">{t('items.noResults')}</p>;
          return (
            <>
              <p className="muted">{t('common.shown', { n: items.length })}</p>
              <ul className="results">
                {items.map((i) => (
                  <ItemRow key={i.id} item={i} />
                ))}
              </ul>
              {next && (
                <button type="button" className="more" disabled={loadingMore} onClick={() => loadMore(next)}>
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

function ItemRow({ item }: { item: ItemSummary }) {
  const { sources } = useApp();
  const src = sources.get(item.sourceId);
  return (
    <li className="result">
      <A href={`/items/${item.id}`} className="result-link">
        {item.title && (
          <strong className="result-title" dir="auto">
            {item.title}
          </strong>
        )}
        <span className="excerpt" dir="auto">
          {item.excerpt}
        </span>
      </A>
      <span className="meta">
        <LangBadge lang={item.lang} confidence={item.langConfidence} />
        <span>{src?.name ?? item.sourceId}</span>
        <time dateTime={item.published}>{formatTime(item.published)}</time>
      </span>
    </li>
  );
}
