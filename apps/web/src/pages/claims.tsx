/**
 * The fact-check database: paste a text to find the fact-checked claims it repeats (best first,
 * with calibrated scores), browse the claims, and (analysts) import a fact-check file.
 */
import { type FormEvent, useState } from 'react';
import { ApiError, type Claim, type ClaimImport, claimsApi } from '../api.ts';
import { Show } from '../components/bits.tsx';
import { useApp } from '../context.tsx';
import { formatPct } from '../format.ts';
import { useLoad } from '../hooks.ts';

export function ClaimsPage() {
  const { t, me } = useApp();
  const [cursor, setCursor] = useState<string | undefined>();
  const [reload, setReload] = useState(0);
  const page = useLoad(() => claimsApi.list(cursor), [cursor, reload]);
  return (
    <div className="claims">
      <h1>{t('views.claimsTitle')}</h1>
      <p className="muted">{t('views.claimsIntro')}</p>
      <MatchPanel />
      {me.role !== 'viewer' && <ImportPanel onDone={() => setReload((n) => n + 1)} />}
      <section className="card">
        <Show value={page}>
          {(p) => (
            <>
              <h2>{t('views.claimsAll', { n: p.total })}</h2>
              {p.claims.length === 0 ? (
                <p className="muted">{t('views.claimsNone')}</p>
              ) : (
                <ul className="plain claim-list">
                  {p.claims.map((c) => (
                    <ClaimRow key={c.id} claim={c} />
                  ))}
                </ul>
              )}
              <p>
                {cursor && (
                  <button type="button" className="link-button" onClick={() => setCursor(undefined)}>
                    {t('views.first')}
                  </button>
                )}{' '}
                {p.next && (
                  <button type="button" className="link-button" onClick={() => setCursor(p.next)}>
                    {t('views.next')}
                  </button>
                )}
              </p>
            </>
          )}
        </Show>
      </section>
    </div>
  );
}

function ClaimRow({ claim: c, score }: { claim: Claim; score?: number }) {
  return (
    <li className="claim" data-claim={c.id}>
      <div>
        {score !== undefined && <strong className="claim-score">{formatPct(score)}</strong>}{' '}
        <span dir="auto">{c.text}</span>
      </div>
      <div className="muted">
        {c.rating && <span className="badge warn">{c.rating}</span>} {c.org}
        {c.date && ` · ${c.date}`}
        {c.lang && ` · ${c.lang}`} · <code>{c.id}</code>
        {c.url && (
          <>
            {' · '}
            <a href={c.url} target="_blank" rel="noreferrer noopener">
              {c.url}
            </a>
          </>
        )}
      </div>
    </li>
  );
}

function MatchPanel() {
  const { t } = useApp();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ matches: { score: number; claim: Claim }[]; total: number }>();
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(undefined);
    claimsApi
      .match(text)
      .then(setResult, (err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };
  return (
    <section className="card">
      <h2>{t('views.claimsMatch')}</h2>
      <form onSubmit={submit}>
        <textarea
          aria-label={t('views.claimsMatch')}
          rows={4}
          className="claim-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('views.claimsPlaceholder')}
          dir="auto"
        />
        <button type="submit" disabled={busy}>
          {t('views.claimsFind')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result &&
        (result.matches.length === 0 ? (
          <p className="muted">{result.total === 0 ? t('views.claimsNone') : t('views.claimsNoMatch')}</p>
        ) : (
          <ul className="plain claim-list match-list">
            {result.matches.map((m) => (
              <ClaimRow key={m.claim.id} claim={m.claim} score={m.score} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function ImportPanel({ onDone }: { onDone: () => void }) {
  const { t } = useApp();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ClaimImport>();
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    claimsApi
      .import(file)
      .then(
        (r) => {
          setReport(r);
          onDone();
        },
        (err: unknown) =>
          setError(err instanceof ApiError || err instanceof Error ? err.message : String(err)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="card">
      <h2>{t('views.claimsImport')}</h2>
      <p className="muted">{t('views.claimsImportHint')}</p>
      <form onSubmit={submit}>
        <input
          type="file"
          aria-label={t('views.claimsImport')}
          accept=".json,.jsonld,.csv"
          onChange={(e) => setFile(e.target.files?.[0])}
        />
        <button type="submit" disabled={!file || busy}>
          {t('views.claimsUpload')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div className="import-report">
          <p>
            {t('views.claimsImported', {
              inserted: report.inserted,
              updated: report.updated,
              unchanged: report.unchanged,
              issues: report.issues.length,
            })}
          </p>
          {report.issues.length > 0 && (
            <ul>
              {report.issues.slice(0, 20).map((i) => (
                <li key={`${i.line ?? ''}${i.path ?? ''}${i.reason}`}>
                  {i.file}
                  {i.line !== undefined && `:${i.line}`}
                  {i.path && ` ${i.path}`} — {i.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

/** On the check page: the fact-checked claims the checked text may repeat, with their verdicts. */
export function CheckClaims({ claims }: { claims: { id: string; score: number }[] }) {
  const { t } = useApp();
  const key = claims.map((c) => c.id).join('\n');
  const loaded = useLoad(() => Promise.all(claims.map((c) => claimsApi.get(c.id))), [key]);
  if (claims.length === 0) return null;
  return (
    <>
      <h2>{t('views.checkClaims')}</h2>
      <Show value={loaded}>
        {(list) => (
          <ul className="plain claim-list check-claims">
            {list.map((c, i) => (
              <ClaimRow key={c.id} claim={c} score={claims[i]?.score ?? 0} />
            ))}
          </ul>
        )}
      </Show>
    </>
  );
}
