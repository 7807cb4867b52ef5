/**
 * Upload files to ingest (one multipart request, one ingest job on the server's queue), then run
 * the analysis as another job; both are followed by polling GET /api/jobs/:id, which any API
 * process answers.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api, type IngestReport, type Job } from '../api.ts';
import { useApp } from '../context.tsx';
import { queryString } from '../format.ts';

const FORMATS = ['auto', 'rss', 'atom', 'telegram', 'telegram-html', 'html', 'csv', 'jsonl', 'sitemap'];

const finished = (j: Job | null) => !j || j.state === 'done' || j.state === 'failed';

/** Polls `job` until it finishes; `onDone` runs once when it is done. */
function useJobPolling(
  job: Job | null,
  setJob: (j: Job) => void,
  onError: (message: string) => void,
  onDone: (j: Job) => void,
) {
  useEffect(() => {
    if (!job || finished(job)) return;
    const timer = setTimeout(async () => {
      try {
        const next = await api.get<Job>(`/api/jobs/${job.id}`);
        setJob(next);
        if (next.state === 'done') onDone(next);
      } catch (err) {
        onError(err instanceof ApiError ? err.message : String(err));
      }
    }, 400);
    return () => clearTimeout(timer);
  }, [job, setJob, onError, onDone]);
}

export function IngestPanel({ onIngested }: { onIngested: () => void }) {
  const { t, sources } = useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const [source, setSource] = useState('');
  const [format, setFormat] = useState('auto');
  const [report, setReport] = useState<IngestReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [upload, setUpload] = useState<Job | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const files = [...(fileInput.current?.files ?? [])];
    if (files.length === 0) return;
    setSending(true);
    setError(null);
    setReport(null);
    try {
      const q = queryString({
        source: source || undefined,
        format: format === 'auto' ? undefined : format,
      });
      const queued = await api.uploadFiles<Job>(`/api/ingest${q}`, files);
      setUpload(queued);
      if (queued.state === 'done') uploaded(queued);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSending(false);
    }
  }

  function uploaded(j: Job) {
    setReport((j.result ?? null) as IngestReport | null);
    onIngested();
  }

  async function startAnalysis() {
    setError(null);
    try {
      setJob(await api.post<Job>('/api/analyse', {}));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  useJobPolling(upload, setUpload, setError, uploaded);
  useJobPolling(job, setJob, setError, onIngested);

  const busy = sending || !finished(upload);
  const running = job && (job.state === 'queued' || job.state === 'running');
  return (
    <section className="card">
      <h2>{t('ingest.title')}</h2>
      <p className="muted">{t('ingest.hint')}</p>
      <form className="inline-form" onSubmit={submit}>
        <label>
          {t('upload.files')}
          <input ref={fileInput} type="file" name="file" multiple required />
        </label>
        <label>
          {t('ingest.source')}
          <select name="source" value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">{t('ingest.auto')}</option>
            {[...sources.values()].map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ingest.format')}
          <select name="format" value={format} onChange={(e) => setFormat(e.target.value)}>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {f === 'auto' ? t('ingest.auto') : f}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {t('ingest.upload')}
        </button>
        <button type="button" className="secondary" disabled={Boolean(running)} onClick={startAnalysis}>
          {t('ingest.analyse')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {t('common.error', { message: error })}
        </p>
      )}
      {upload && upload.state !== 'done' && (
        <p className="upload-status" role="status">
          {upload.state === 'failed'
            ? t('upload.failed', { message: upload.error?.message ?? '' })
            : upload.state === 'queued'
              ? t('upload.queued')
              : t('upload.running', { n: upload.progress.done })}
          {upload.attempts > 1 ? ` ${t('upload.retried', { n: upload.attempts })}` : ''}
        </p>
      )}
      {report && (
        <div className="notice-box" role="status">
          <p className="ingest-report">
            {report.format ? `${report.format}: ` : ''}
            {t('ingest.report', {
              new: report.new,
              duplicate: report.duplicate,
              rejected: report.rejected,
              skipped: report.skipped,
            })}
          </p>
          {report.errors.length > 0 && (
            <ul className="plain mono">
              {report.errors.slice(0, 10).map((e) => (
                <li key={`${e.file}:${e.line ?? ''}:${e.code}:${e.reason}`}>
                  {e.file}
                  {e.line !== undefined ? `:${e.line}` : ''} {e.code}: {e.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {job && (
        <p className="job-status" role="status">
          {job.state === 'failed'
            ? t('ingest.failed', { message: job.error?.message ?? '' })
            : job.state === 'done'
              ? t('ingest.done', {
                  n: Number(job.result?.analysed ?? 0),
                  stories: Number(job.result?.newStories ?? 0),
                })
              : t('ingest.running', { n: job.progress.done })}
        </p>
      )}
    </section>
  );
}
