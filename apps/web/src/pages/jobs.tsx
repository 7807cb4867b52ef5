/**
 * Jobs: the store's background work (uploads, analyses, exports) with state, progress, attempts,
 * times and errors, and the download of finished exports; a form queues a big export. The list is
 * read again every 1.5 s while a job is queued or running, and left alone once all have ended.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, JOB_EXPORT_FORMATS, type JobEntry, jobsApi } from '../api.ts';
import { useApp } from '../context.tsx';
import { formatTime } from '../format.ts';
import type { MessageKey } from '../i18n/index.ts';

const REFRESH_MS = 1500;

export function JobsPage() {
  const { t } = useApp();
  const [jobs, setJobs] = useState<JobEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each tick reads the list again
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    jobsApi.list().then(
      (list) => {
        if (!live) return;
        setJobs(list);
        setError(undefined);
        if (list.some((j) => j.state === 'queued' || j.state === 'running'))
          timer = setTimeout(() => setTick((n) => n + 1), REFRESH_MS);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [tick]);
  const active = jobs?.some((j) => j.state === 'queued' || j.state === 'running') ?? false;
  return (
    <>
      <h1>{t('jobs.title')}</h1>
      <p className="muted">{t('jobs.intro')}</p>
      <ExportForm onQueued={() => setTick((n) => n + 1)} />
      <section className="card">
        {error && (
          <p className="error" role="alert">
            {t('common.error', { message: error })}
          </p>
        )}
        {active && (
          <p className="muted" aria-live="polite">
            {t('jobs.refreshing')}
          </p>
        )}
        {!jobs ? (
          !error && <p className="muted">{t('common.loading')}</p>
        ) : jobs.length === 0 ? (
          <p className="muted">{t('jobs.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="jobs">
              <thead>
                <tr>
                  <th>{t('jobs.kind')}</th>
                  <th>{t('jobs.state')}</th>
                  <th>{t('jobs.progress')}</th>
                  <th>{t('jobs.attempts')}</th>
                  <th>{t('jobs.created')}</th>
                  <th>{t('jobs.finished')}</th>
                  <th>{t('jobs.by')}</th>
                  <th>{t('jobs.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((j) => (
                  <JobRow key={j.id} job={j} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function JobRow({ job: j }: { job: JobEntry }) {
  const { t } = useApp();
  const running = j.state === 'queued' || j.state === 'running';
  return (
    <tr data-job={j.id} data-state={j.state}>
      <td>{t(`jobs.kind.${j.kind}` as MessageKey)}</td>
      <td className={`job-state job-${j.state}`}>{t(`jobs.state.${j.state}` as MessageKey)}</td>
      <td>
        {/* the queue knows how far a job is, not how far it has to go: indeterminate while it runs */}
        {running ? (
          <progress aria-label={t('jobs.progress')} />
        ) : (
          <progress aria-label={t('jobs.progress')} max={1} value={1} />
        )}
        <div className="muted">
          {running ? t('jobs.done', { n: j.progress.done }) : j.progress.done}
          {j.progress.message ? ` · ${j.progress.message}` : ''}
        </div>
      </td>
      <td>
        {j.attempts}/{j.maxAttempts}
      </td>
      <td className="nowrap">{formatTime(j.createdAt)}</td>
      <td className="nowrap">{formatTime(j.finishedAt)}</td>
      <td className="mono">{j.by}</td>
      <td>
        <Outcome job={j} />
      </td>
    </tr>
  );
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function Outcome({ job: j }: { job: JobEntry }) {
  const { t } = useApp();
  if (j.error)
    return (
      <span className="error">
        {j.error.code}: {j.error.message}
      </span>
    );
  const r = j.result;
  if (j.state !== 'done' || !r) return null;
  if (j.kind === 'export')
    return (
      <>
        <a href={jobsApi.fileUrl(j.id)} download>
          {t('jobs.download', { file: String(r.filename ?? r.file ?? j.id) })}
        </a>
        <div className="muted">
          {t('jobs.exported', { items: num(r.items), tlp: `TLP:${String(r.tlp ?? '').toUpperCase()}` })}
        </div>
      </>
    );
  if (j.kind === 'ingest')
    return (
      <>{t('jobs.ingested', { new: num(r.new), duplicate: num(r.duplicate), rejected: num(r.rejected) })}</>
    );
  if (j.kind === 'analyze') return <>{t('jobs.analysed', { n: num(r.analysed) })}</>;
  return null;
}

function ExportForm({ onQueued }: { onQueued: () => void }) {
  const { t } = useApp();
  const [format, setFormat] = useState<string>('stix');
  const [caseId, setCaseId] = useState('');
  const [limit, setLimit] = useState(1000);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const job = await jobsApi.exportLater({
        format,
        ...(caseId.trim() ? { case: caseId.trim() } : {}),
        limit,
      });
      setStatus({ ok: true, text: t('jobs.queued', { id: job.id }) });
      onQueued();
    } catch (err) {
      const message = err instanceof ApiError || err instanceof Error ? err.message : String(err);
      setStatus({ ok: false, text: t('common.error', { message }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card">
      <h2>{t('jobs.newExport')}</h2>
      <form className="filters" onSubmit={submit}>
        <label>
          {t('jobs.format')}{' '}
          <select value={format} onChange={(e) => setFormat(e.target.value)} name="format">
            {JOB_EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('jobs.case')}{' '}
          <input name="case" value={caseId} onChange={(e) => setCaseId(e.target.value)} maxLength={100} />
        </label>{' '}
        <label>
          {t('jobs.limit')}{' '}
          <input
            name="limit"
            type="number"
            min={1}
            max={10000}
            value={limit}
            onChange={(e) => setLimit(Math.max(1, Math.min(10000, Number(e.target.value) || 1)))}
          />
        </label>{' '}
        <button type="submit" disabled={busy}>
          {t('jobs.queue')}
        </button>
      </form>
      {status && (
        <p className={status.ok ? 'notice' : 'error'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
