/**
 * /cases (the list, with "New case" for analysts) and /cases/:id (the case page is in case.tsx).
 * One route entry in app.tsx dispatches both.
 */
import { useState } from 'react';
import { CASE_STATUSES, type CaseRecord, type CaseStatus, casesApi } from '../api.ts';
import { A, Show } from '../components/bits.tsx';
import { useApp } from '../context.tsx';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';
import { match, navigate } from '../router.ts';
import { CasePage } from './case.tsx';

export function CasesRoute({ path }: { path: string }) {
  const one = match('/cases/:id', path);
  if (one?.id) return <CasePage id={one.id} />;
  return <CasesPage />;
}

export function TlpBadge({ tlp }: { tlp: string }) {
  return <span className={`badge tlp tlp-${tlp.replace('+', '-')}`}>TLP:{tlp.toUpperCase()}</span>;
}

function CasesPage() {
  const { t, me } = useApp();
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const list = useLoad(() => casesApi.list(status || undefined), [status]);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function create() {
    setError(null);
    try {
      const c = await casesApi.create({ title: title.trim() });
      navigate(`/cases/${c.id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <article>
      <h1>{t('cases.title')}</h1>
      <p className="muted">{t('cases.intro')}</p>
      {me.role !== 'viewer' ? (
        <form
          className="card filters"
          onSubmit={(e) => {
            e.preventDefault();
            if (title.trim()) void create();
          }}
        >
          <label>
            {t('cases.titleField')}
            <input
              name="title"
              value={title}
              maxLength={300}
              required
              dir="auto"
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <div className="actions">
            <button type="submit">{t('cases.create')}</button>
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      ) : (
        <p className="muted">{t('cases.readOnly')}</p>
      )}
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('cases.filterStatus')}
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
            <option value="">{t('cases.all')}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`cases.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Show value={list}>{(page) => <CaseTable cases={page.cases} />}</Show>
    </article>
  );
}

function CaseTable({ cases }: { cases: CaseRecord[] }) {
  const { t } = useApp();
  if (cases.length === 0) return <p className="muted">{t('cases.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="cases-table">
        <thead>
          <tr>
            <th>{t('cases.titleField')}</th>
            <th>{t('cases.filterStatus')}</th>
            <th>{t('cases.tlp')}</th>
            <th>{t('cases.assignee')}</th>
            <th>{t('cases.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <td>
                <A href={`/cases/${c.id}`}>
                  <span dir="auto">{c.title}</span>
                </A>{' '}
                <span className="mono muted">{c.id}</span>
              </td>
              <td>{t(`cases.status.${c.status}` as MessageKey)}</td>
              <td>
                <TlpBadge tlp={c.tlp} />
              </td>
              <td>{c.assignee ?? t('cases.unassigned')}</td>
              <td className="nowrap">{formatTime(c.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
