/**
 * "Add to case" on the item and story pages: into an open case, or a new one titled after the page.
 * Analysts only (the server would refuse viewers anyway); everyone sees which cases already hold
 * the item.
 */
import { useEffect, useState } from 'react';
import { ApiError, type CaseRecord, casesApi, type EvidenceRefs } from '../api.ts';
import { useApp } from '../context.tsx';
import { A } from './bits.tsx';

const NEW = '';

export function AddToCase({ evidence, title }: { evidence: EvidenceRefs; title: string }) {
  const { t, me } = useApp();
  const [open, setOpen] = useState<CaseRecord[] | null>(null);
  const [target, setTarget] = useState(NEW);
  const [name, setName] = useState(title.slice(0, 120));
  const [done, setDone] = useState<{ id: string; already: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [holding, setHolding] = useState<CaseRecord[]>([]);
  const itemId = evidence.items?.length === 1 ? evidence.items[0] : undefined;
  useEffect(() => {
    if (itemId)
      casesApi.holding(itemId).then(
        (r) => setHolding(r.cases),
        () => setHolding([]),
      );
  }, [itemId]);
  const inCases =
    holding.length > 0 ? (
      <p className="muted in-cases">
        {t('cases.inCases')}{' '}
        {holding.map((c, i) => (
          <span key={c.id}>
            {i > 0 && ', '}
            <A href={`/cases/${c.id}`}>{c.title}</A>
          </span>
        ))}
      </p>
    ) : null;
  if (me.role === 'viewer') return inCases;

  async function load() {
    if (open !== null) return;
    const [a, b] = await Promise.all([casesApi.list('open'), casesApi.list('in_review')]);
    setOpen([...a.cases, ...b.cases]);
  }

  async function add() {
    setError(null);
    try {
      if (target === NEW) {
        const c = await casesApi.create({ title: name.trim() || title, ...evidence });
        setDone({ id: c.id, already: false });
      } else {
        const r = await casesApi.addEvidence(target, evidence);
        setDone({ id: target, already: r.added === 0 });
      }
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <>
      {inCases}
      <details className="card export-menu add-to-case" onToggle={() => void load()}>
        <summary>{t('cases.addToCase')}</summary>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <label>
            {t('cases.addToExisting')}
            <select name="case" value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value={NEW}>{t('cases.new')}</option>
              {(open ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id} · {c.title}
                </option>
              ))}
            </select>
          </label>
          {target === NEW && (
            <label>
              {t('cases.addToNew')}
              <input
                name="title"
                value={name}
                maxLength={300}
                onChange={(e) => setName(e.target.value)}
                dir="auto"
              />
            </label>
          )}
          <div className="actions">
            <button type="submit">{t('cases.add')}</button>
          </div>
          {done && (
            <p className="notice" role="status">
              {t(done.already ? 'cases.already' : 'cases.added', { id: done.id })}{' '}
              <A href={`/cases/${done.id}`}>{t('cases.openCase')}</A>
            </p>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      </details>
    </>
  );
}
