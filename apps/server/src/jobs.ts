/**
 * Background jobs of the API live on the store's persistent job queue (core `JobQueue`), not in
 * this process: POST /api/analyse and POST /api/ingest enqueue, GET /api/jobs reads the queue, so
 * any API process over the same store answers for any job, and a restart loses none. Who runs them:
 * by default this process runs a small worker loop on a thread of its own (`npm start` needs
 * nothing else, and requests are answered while an analysis runs); with
 * `worker: false` (`ogoh serve --no-worker`) `ogoh worker` processes do, on this machine or others.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  type Ogoh,
  openQueue,
  runWorker,
  UPLOAD_SPOOL_PREFIX,
  WORKER_KINDS,
  type WorkerEvent,
  type WorkerKind,
} from '@ogoh/app';
import type { Job, JobQueue, JobStatus, NewJob } from '@ogoh/core';
import type { FromThread, JobThreadData, ToThread } from './job-thread.ts';

export interface ServerWorkerOptions {
  /** jobs run at once (default 2: an upload is not stuck behind a long analysis) */
  concurrency?: number;
  /** lease per claim, seconds (default 60); a crashed server's job is re-run after it */
  leaseSeconds?: number;
  /** wait between polls of an empty queue, ms (default 1000; an enqueue here wakes it at once) */
  pollIntervalMs?: number;
  /** on close, time running jobs get to finish before their leases are released, ms (default 10 s) */
  graceMs?: number;
  kinds?: readonly WorkerKind[];
  /**
   * Run the jobs on a worker thread with its own store connections (default), so a CPU-bound
   * analysis page never holds up requests; false runs them on the serving thread.
   */
  thread?: boolean;
}

/** The job as the API shows it: `state` and `by` are the names the dashboard has always read. */
export interface ApiJob {
  id: string;
  kind: Job['kind'];
  state: JobStatus;
  by: string;
  attempts: number;
  maxAttempts: number;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
  progress: { done: number; message?: string };
  result?: Record<string, unknown>;
  error?: { code: string; message: string };
}

/** Payload fields stay on the server: paths of a spool directory are nobody's business. */
export function presentJob(j: Job): ApiJob {
  return {
    id: j.id,
    kind: j.kind,
    state: j.status,
    by: j.createdBy,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
    ...(j.startedAt ? { startedAt: j.startedAt } : {}),
    ...(j.finishedAt ? { finishedAt: j.finishedAt } : {}),
    progress:
      j.progress.message === undefined
        ? { done: j.progress.done }
        : { done: j.progress.done, message: j.progress.message },
    ...(j.result ? { result: j.result } : {}),
    ...(j.error ? { error: j.error } : {}),
  };
}

export interface ServerJobs {
  readonly queue: JobQueue;
  /** Queues the job (or returns the unfinished one with the same key) and wakes the local worker. */
  enqueue(job: NewJob): Promise<Job>;
  /** Stops the local worker (running jobs get the grace period, then go back to the queue). */
  close(): Promise<void>;
}

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The worker thread (see job-thread.ts), restarted 5 s after a crash until `stop`. Resolves
 * `stopped` once the thread has let go of its jobs and store.
 */
function startThread(location: string, worker: ServerWorkerOptions, log: Log) {
  let thread: Worker | undefined;
  let stopping = false;
  let restart: NodeJS.Timeout | undefined;
  let done: () => void = () => {};
  const stopped = new Promise<void>((r) => {
    done = r;
  });
  const data: JobThreadData = {
    location,
    options: {
      kinds: worker.kinds ?? WORKER_KINDS,
      concurrency: worker.concurrency ?? 2,
      leaseSeconds: worker.leaseSeconds ?? 60,
      pollIntervalMs: worker.pollIntervalMs ?? 1000,
      graceMs: worker.graceMs ?? 10_000,
    },
  };
  const launch = () => {
    const t = new Worker(new URL('./job-thread-boot.js', import.meta.url), { workerData: data });
    thread = t;
    t.on('message', (m: FromThread) => {
      if (m.type !== 'event') return;
      const { type: _t, event, ...fields } = m;
      if (event === 'lost') log.error(fields, 'job lease lost');
      else log.info(fields, `job ${event}`);
    });
    t.on('error', (e) => log.error({ err: e }, 'job worker thread failed'));
    t.on('exit', () => {
      if (thread !== t) return;
      thread = undefined;
      if (stopping) done();
      else {
        log.error({}, 'job worker thread stopped; restarting in 5 s');
        restart = setTimeout(launch, 5000);
      }
    });
  };
  launch();
  return {
    wake: () => thread?.postMessage({ type: 'wake' } satisfies ToThread),
    async stop() {
      stopping = true;
      clearTimeout(restart);
      if (!thread) return;
      thread.postMessage({ type: 'stop' } satisfies ToThread);
      await stopped;
    },
  };
}

export async function openServerJobs(
  app: Ogoh,
  worker: ServerWorkerOptions | false,
  log: Log,
): Promise<ServerJobs> {
  const queue = await openQueue(app);
  // An in-memory SQLite store exists only on this thread's connection: its jobs run here.
  const onThread = worker !== false && worker.thread !== false && app.location !== ':memory:';
  const thread = onThread ? startThread(app.location, worker, log) : undefined;
  const wake = new EventTarget();
  const stop = new AbortController();
  let loop: Promise<void> = Promise.resolve();
  if (worker !== false && !onThread) {
    const onEvent = (e: WorkerEvent) => {
      if (e.type === 'progress') return;
      if (e.type === 'lost') log.error({ jobId: e.jobId, reason: e.reason }, 'job lease lost');
      else
        log.info(
          { jobId: e.job.id, kind: e.job.kind, status: e.job.status, attempts: e.job.attempts },
          `job ${e.type}`,
        );
    };
    loop = (async () => {
      // A failing store (a dropped connection) must not end the loop for good: log, wait, go on.
      while (!stop.signal.aborted) {
        try {
          await runWorker(app, queue, {
            kinds: worker.kinds ?? WORKER_KINDS,
            concurrency: worker.concurrency ?? 2,
            leaseSeconds: worker.leaseSeconds ?? 60,
            pollIntervalMs: worker.pollIntervalMs ?? 1000,
            graceMs: worker.graceMs ?? 10_000,
            signal: stop.signal,
            wake,
            onEvent,
          });
        } catch (e) {
          log.error({ err: e }, 'job worker stopped; restarting in 5 s');
          await new Promise<void>((r) => {
            const t = setTimeout(r, 5000);
            stop.signal.addEventListener('abort', () => {
              clearTimeout(t);
              r();
            });
          });
        }
      }
    })();
  }
  return {
    queue,
    async enqueue(job) {
      const { job: queued } = await queue.enqueue(job);
      thread?.wake();
      wake.dispatchEvent(new Event('wake'));
      return queued;
    },
    async close() {
      stop.abort();
      await Promise.all([loop, thread?.stop()]);
      await queue.close();
    },
  };
}

/**
 * Deletes upload spools no unfinished job will read: those a worker could not clean (a crash
 * between recording the job and deleting its files, or a job failed for good when its last lease
 * ran out). Only spools older than `minAgeMs` go, so one another API process is still filling (its
 * job not yet queued) is left alone. Returns the names removed.
 */
export async function sweepUploads(
  queue: JobQueue,
  dir: string,
  options: { now?: Date; minAgeMs?: number } = {},
): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const spools = names.filter((n) => n.startsWith(UPLOAD_SPOOL_PREFIX));
  if (spools.length === 0) return [];
  const wanted = new Set<string>();
  for (const status of ['queued', 'running'] as const)
    for (const j of await queue.list({ kind: 'ingest', status, limit: 1000 }))
      if (typeof j.payload.spool === 'string') wanted.add(j.payload.spool);
  const cutoff = (options.now ?? new Date()).getTime() - (options.minAgeMs ?? 60 * 60 * 1000);
  const removed: string[] = [];
  for (const name of spools) {
    const path = join(dir, name);
    if (wanted.has(path)) continue;
    const st = await stat(path).catch(() => undefined);
    if (!st || st.mtimeMs > cutoff) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
