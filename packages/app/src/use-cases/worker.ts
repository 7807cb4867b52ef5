/**
 * `ogoh worker`: claims jobs from the persistent queue (JobQueue port) and runs the use cases they
 * name. Any number of workers may share one queue: PostgreSQL hands each job to one of them; a
 * worker that dies mid-job stops heartbeating, and once its lease ends another worker re-runs the
 * job. That is safe because the work is idempotent: items have content-derived ids (a re-ingest
 * stores duplicates as duplicates) and analysis marks each page analysed as it commits, so a re-run
 * resumes after the last committed page.
 *
 * Analysis groups a page's items into stories against what is stored; two analyses at once could
 * each start a story for the same pair of new items, so analyze jobs share one lane (`analyze`)
 * and run one at a time across all workers; ingest jobs run in parallel.
 */
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, resolve } from 'node:path';
import {
  FORMATS,
  type Format,
  isOgohError,
  type Job,
  type JobError,
  type JobKind,
  type JobQueue,
  type NewJob,
  OgohError,
} from '@ogoh/core';
import { openJobQueue } from '@ogoh/store';
import type { Ogoh } from '../context.ts';
import { analyse } from './analyse.ts';
import { runExportJob } from './export.ts';
import { ingestPaths } from './ingest-files.ts';

/** The kinds this build's worker can run. */
export const WORKER_KINDS = ['ingest', 'analyze', 'export'] as const satisfies readonly JobKind[];
export type WorkerKind = (typeof WORKER_KINDS)[number];

/** Progress reaches the store at most this often, so API readers see it while the job runs. */
const PROGRESS_EVERY_MS = 250;

/** Analyses run one at a time (see the module comment). */
export const ANALYZE_LANE = 'analyze';

export interface WorkerOptions {
  kinds?: readonly WorkerKind[];
  /** jobs run at once by this worker (default 1) */
  concurrency?: number;
  /** return once nothing is runnable instead of polling */
  once?: boolean;
  /** wait between polls of an empty queue (default 1000 ms) */
  pollIntervalMs?: number;
  /** lease per claim and heartbeat (default 60 s); a heartbeat runs every third of it */
  leaseSeconds?: number;
  workerId?: string;
  /** abort to stop: no new claims; running jobs get `graceMs` to finish, then their leases are released */
  signal?: AbortSignal;
  graceMs?: number;
  onEvent?: (e: WorkerEvent) => void;
  /** a claim found the store locked by another process: nothing was claimed, tried again after the poll */
  onBusy?: (reason: string) => void;
  /** a 'wake' event on it ends a wait between polls early (the server nudges its worker on enqueue) */
  wake?: EventTarget;
}

export type WorkerEvent =
  | { type: 'claimed'; job: Job }
  | { type: 'done'; job: Job }
  | { type: 'failed'; job: Job }
  | { type: 'released'; job: Job }
  | { type: 'progress'; job: Job }
  | { type: 'lost'; jobId: string; reason: string };

export interface WorkerReport {
  workerId: string;
  done: number;
  failed: number;
  released: number;
  lost: number;
}

/** Checks a payload before it is queued so a bad job fails at enqueue, not on a worker. */
export function jobRequest(
  kind: WorkerKind,
  args: {
    paths?: string[];
    sourceId?: string;
    format?: string;
    all?: boolean;
    since?: string;
    batchSize?: number;
    key?: string;
  },
  createdBy: string,
): NewJob {
  if (kind === 'export')
    throw new OgohError('USAGE', 'export jobs are queued with what to export: POST /api/exports', {
      field: 'kind',
      hint: 'or run `ogoh export` directly',
    });
  if (kind === 'ingest') {
    const paths = (args.paths ?? []).map((p) => (/^https?:\/\//i.test(p) ? p : resolve(p)));
    if (paths.length === 0)
      throw new OgohError('USAGE', 'an ingest job needs at least one path', {
        field: 'paths',
        hint: 'e.g. ogoh jobs enqueue ingest data/feed.xml',
      });
    if (args.format !== undefined && args.format !== 'auto' && !FORMATS.includes(args.format as Format))
      throw new OgohError('USAGE', `--format "${args.format}" is not a format`, { field: '--format' });
    const payload: Record<string, unknown> = {
      paths,
      ...(args.sourceId ? { sourceId: args.sourceId } : {}),
      ...(args.format ? { format: args.format } : {}),
    };
    return { kind, payload, idempotencyKey: args.key ?? `ingest:${JSON.stringify(payload)}`, createdBy };
  }
  const payload: Record<string, unknown> = {
    ...(args.all ? { all: true } : {}),
    ...(args.since ? { since: args.since } : {}),
    ...(args.batchSize ? { batchSize: args.batchSize } : {}),
  };
  return {
    kind,
    payload,
    idempotencyKey: args.key ?? `analyze:${JSON.stringify(payload)}`,
    createdBy,
    lane: ANALYZE_LANE,
  };
}

/** Spool directories of uploads are named so; a worker only ever deletes a directory named so. */
export const UPLOAD_SPOOL_PREFIX = 'ogoh-upload-';

/**
 * An ingest of files a client uploaded into `spool` (a fresh directory under a path every worker
 * can read). The report names each file as it was uploaded, never by its spool path, and the spool
 * is deleted once the job has ended (done, or failed for good).
 */
export function uploadJobRequest(
  args: { files: { path: string; name: string }[]; spool: string; sourceId?: string; format?: string },
  createdBy: string,
): NewJob {
  if (!basename(args.spool).startsWith(UPLOAD_SPOOL_PREFIX))
    throw new OgohError('USAGE', `an upload spool must be named ${UPLOAD_SPOOL_PREFIX}*`, { field: 'spool' });
  const base = jobRequest(
    'ingest',
    {
      paths: args.files.map((f) => f.path),
      ...(args.sourceId ? { sourceId: args.sourceId } : {}),
      ...(args.format ? { format: args.format } : {}),
    },
    createdBy,
  );
  const paths = base.payload.paths as string[];
  const names = Object.fromEntries(paths.map((p, i) => [p, args.files[i]!.name]));
  return {
    ...base,
    payload: { ...base.payload, names, spool: resolve(args.spool) },
    idempotencyKey: `upload:${resolve(args.spool)}`,
  };
}

/** The job queue of the app's store location (jobs live next to the data they work on). */
export function openQueue(app: Ogoh): Promise<JobQueue> {
  return openJobQueue(app.location);
}

type Progress = (done: number, message?: string) => void;

/** Thrown by a job that must wait for earlier work: its lease is released, the attempt not counted. */
class Deferred extends Error {}

/** An analysis waits for the ingest jobs queued before it, or it would analyse half their items. */
async function earlierIngest(queue: JobQueue, job: Job): Promise<boolean> {
  for (const status of ['queued', 'running'] as const)
    for (const j of await queue.list({ kind: 'ingest', status, limit: 1000 }))
      if (j.createdAt <= job.createdAt && j.id !== job.id) return true;
  return false;
}

const strings = (v: unknown, field: string): string[] => {
  if (!Array.isArray(v) || v.some((p) => typeof p !== 'string'))
    throw new OgohError('INPUT_FIELD', `job payload ${field} must be a list of strings`, { field });
  return v as string[];
};

/** Runs one job's use case; the result is stored on the job. */
async function runJob(
  app: Ogoh,
  queue: JobQueue,
  job: Job,
  progress: Progress,
): Promise<Record<string, unknown>> {
  const p = job.payload;
  if (job.kind === 'ingest') {
    const shown = uploadNames(job);
    try {
      const r = await ingestPaths(app, strings(p.paths, 'paths'), {
        ...(typeof p.sourceId === 'string' ? { sourceId: p.sourceId } : {}),
        ...(typeof p.format === 'string' ? { format: p.format as Format | 'auto' } : {}),
        onProgress: (x) => progress(x.records, `file ${x.fileIndex + 1}/${x.files}`),
      });
      const files = r.files.map((f) => ({
        file: shown(f.file),
        ...(f.format ? { format: f.format } : {}),
        new: f.new,
        duplicate: f.duplicate,
        rejected: f.rejected,
        skipped: f.skipped,
      }));
      const format = files.length === 1 ? files[0]?.format : undefined;
      return {
        new: r.new,
        duplicate: r.duplicate,
        rejected: r.rejected,
        skipped: r.skipped,
        ...(format ? { format } : {}),
        files,
        errors: r.errors.map((e) => ({ ...e, file: shown(e.file), reason: shown(e.reason) })),
      };
    } catch (e) {
      // an upload's spool path is the server's business, not the client's
      if (e instanceof Error) e.message = shown(e.message);
      throw e;
    }
  }
  if (job.kind === 'analyze') {
    if (await earlierIngest(queue, job)) throw new Deferred('ingest jobs queued before it are unfinished');
    const r = await analyse(app, {
      ...(p.all === true ? { all: true } : {}),
      ...(typeof p.since === 'string' ? { since: p.since } : {}),
      ...(typeof p.batchSize === 'number' ? { batchSize: p.batchSize } : {}),
      onProgress: (x) => progress(x.analysed, 'items analysed'),
    });
    return { ...r };
  }
  if (job.kind === 'export') return { ...(await runExportJob(app, job, progress)) };
  throw new OgohError('USAGE', `this worker cannot run ${job.kind} jobs`, {
    field: 'kind',
    hint: `kinds it runs: ${WORKER_KINDS.join(', ')}`,
  });
}

/** For an upload: rewrites spool paths in a text to the names the files were uploaded as. */
function uploadNames(job: Job): (text: string) => string {
  const names = job.payload.names;
  if (!names || typeof names !== 'object') return (t) => t;
  const pairs = Object.entries(names as Record<string, unknown>)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .sort((a, b) => b[0].length - a[0].length);
  const spool = typeof job.payload.spool === 'string' ? job.payload.spool : undefined;
  return (text) => {
    let out = text;
    for (const [path, name] of pairs) out = out.replaceAll(path, name);
    return spool ? out.replaceAll(spool, '<upload>') : out;
  };
}

/** Once a job has ended for good, an upload's spool goes (a crash before this leaves it behind). */
async function cleanUp(job: Job): Promise<void> {
  const spool = job.payload.spool;
  if (typeof spool === 'string' && basename(spool).startsWith(UPLOAD_SPOOL_PREFIX))
    await rm(spool, { recursive: true, force: true }).catch(() => undefined);
}

const asJobError = (e: unknown): JobError =>
  isOgohError(e)
    ? { code: e.code, message: e.message }
    : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };

/** Bad input does not get better on a second try; store and internal failures might. */
const retryable = (e: unknown): boolean =>
  !isOgohError(e) || !['usage', 'input', 'notFound'].includes(e.kind);

const sleep = (ms: number, signal?: AbortSignal, wake?: EventTarget) =>
  new Promise<void>((done) => {
    const stop = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', stop);
      wake?.removeEventListener('wake', stop);
      done();
    };
    const t = setTimeout(stop, ms);
    signal?.addEventListener('abort', stop, { once: true });
    wake?.addEventListener('wake', stop, { once: true });
  });

/** A store error saying another process held the store locked (SQLite BUSY/LOCKED), not a fault. */
function storeBusy(e: unknown): boolean {
  if (!(e instanceof OgohError) || e.code !== 'STORE') return false;
  const code = (e.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED');
}

export async function runWorker(
  app: Ogoh,
  queue: JobQueue,
  options: WorkerOptions = {},
): Promise<WorkerReport> {
  const kinds = options.kinds ?? WORKER_KINDS;
  for (const k of kinds)
    if (!(WORKER_KINDS as readonly string[]).includes(k))
      throw new OgohError('USAGE', `this worker cannot run "${k}" jobs`, {
        field: '--roles',
        hint: `roles: ${WORKER_KINDS.join(', ')}`,
      });
  const concurrency = options.concurrency ?? 1;
  const lease = options.leaseSeconds ?? 60;
  const poll = options.pollIntervalMs ?? 1000;
  const workerId =
    options.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const signal = options.signal;
  const emit = options.onEvent ?? (() => {});
  const report: WorkerReport = { workerId, done: 0, failed: 0, released: 0, lost: 0 };
  /** jobs running now, with how to hand each back when the grace period ends */
  const running = new Map<string, { finished: Promise<void>; release: () => Promise<void> }>();

  const execute = (job: Job): Promise<void> => {
    let latest = job.progress;
    let lost = false;
    let stopped = false;
    const every = Math.max(100, (lease * 1000) / 3);
    let lastBeat = Date.now();
    const heartbeat = () => {
      if (lost || stopped) return;
      lastBeat = Date.now();
      queue.heartbeat(job.id, workerId, lease, latest).then(
        (j) => {
          if (!stopped) emit({ type: 'progress', job: j });
        },
        (e: unknown) => {
          // a beat still in flight when the job was released or completed fails: nothing is lost
          if (stopped) return;
          lost = true;
          report.lost++;
          emit({ type: 'lost', jobId: job.id, reason: e instanceof Error ? e.message : String(e) });
        },
      );
    };
    // The timer keeps the lease while a stage awaits I/O; the progress callback keeps it while
    // CPU-bound pages (synchronous SQLite) leave the timer no turn.
    const beat = setInterval(heartbeat, every);
    const release = async () => {
      if (lost || stopped) return;
      stopped = true;
      clearInterval(beat);
      const r = await queue.release(job.id, workerId);
      report.released++;
      emit({ type: 'released', job: r });
    };
    let entry: { finished: Promise<void>; release: () => Promise<void> } | undefined;
    const finished = (async () => {
      try {
        const result = await runJob(app, queue, job, (done, message) => {
          latest = message === undefined ? { done } : { done, message };
          // progress is stored as it comes (every analysis page), at most four times a second
          if (Date.now() - lastBeat >= Math.min(every, PROGRESS_EVERY_MS)) heartbeat();
        });
        if (stopped || lost) return;
        stopped = true;
        clearInterval(beat);
        await queue.heartbeat(job.id, workerId, lease, latest);
        const done = await queue.complete(job.id, workerId, result);
        report.done++;
        await cleanUp(done);
        emit({ type: 'done', job: done });
      } catch (e) {
        if (stopped || lost) return;
        if (e instanceof Deferred) {
          await release();
          // hold the slot for one poll interval so the job is not re-claimed in a tight loop
          await sleep(poll, signal);
          return;
        }
        stopped = true;
        try {
          const failed = await queue.fail(job.id, workerId, asJobError(e), { retry: retryable(e) });
          if (failed.status === 'failed') {
            report.failed++;
            await cleanUp(failed);
          }
          emit({ type: 'failed', job: failed });
        } catch (e2) {
          report.lost++;
          emit({ type: 'lost', jobId: job.id, reason: e2 instanceof Error ? e2.message : String(e2) });
        }
      } finally {
        clearInterval(beat);
        // a deferred job may have been claimed again meanwhile: drop only this run's entry
        if (running.get(job.id) === entry) running.delete(job.id);
      }
    })();
    entry = { finished, release };
    running.set(job.id, entry);
    return finished;
  };

  while (!signal?.aborted) {
    let claimed = false;
    let busy = false;
    while (running.size < concurrency && !signal?.aborted) {
      let job: Job | undefined;
      try {
        job = await queue.claim(kinds, workerId, lease);
      } catch (e) {
        // another process held SQLite's write lock past the busy timeout (a long ingest batch):
        // the claim rolled back, so the worker tries again instead of ending (one of two
        // benchmark workers died of this while the other ingested 100k items)
        if (!storeBusy(e)) throw e;
        options.onBusy?.(e instanceof Error ? e.message : String(e));
        busy = true;
        break;
      }
      if (!job) break;
      claimed = true;
      emit({ type: 'claimed', job });
      void execute(job);
    }
    if (options.once && !claimed && !busy && running.size === 0) break;
    if (running.size >= concurrency || (options.once && running.size > 0)) {
      await Promise.race([...[...running.values()].map((r) => r.finished), sleep(poll, signal)]);
    } else if (!claimed) await sleep(poll, signal, options.wake);
  }
  if (running.size > 0) {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'timeout'>((done) => {
      timer = setTimeout(() => done('timeout'), options.graceMs ?? 30_000);
    });
    const all = Promise.all([...running.values()].map((r) => r.finished)).then(() => 'done' as const);
    if ((await Promise.race([all, grace])) === 'timeout')
      for (const r of [...running.values()]) await r.release().catch(() => undefined);
    clearTimeout(timer);
  }
  return report;
}
