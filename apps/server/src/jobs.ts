/**
 * Background jobs of the API live on the store's persistent job queue (core `JobQueue`), not in
 * this process: POST /api/analyse and POST /api/ingest enqueue, GET /api/jobs reads the queue, so
 * any API process over the same store answers for any job, and a restart loses none. Who runs them:
 * by default this process runs a small worker loop (`npm start` needs nothing else); with
 * `worker: false` (`ogoh serve --no-worker`) `ogoh worker` processes do, on this machine or others.
 */
import { type Ogoh, openQueue, runWorker, WORKER_KINDS, type WorkerEvent, type WorkerKind } from '@ogoh/app';
import type { Job, JobQueue, JobStatus, NewJob } from '@ogoh/core';

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

export async function openServerJobs(
  app: Ogoh,
  worker: ServerWorkerOptions | false,
  log: Log,
): Promise<ServerJobs> {
  const queue = await openQueue(app);
  const wake = new EventTarget();
  const stop = new AbortController();
  let loop: Promise<void> = Promise.resolve();
  if (worker !== false) {
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
      wake.dispatchEvent(new Event('wake'));
      return queued;
    },
    async close() {
      stop.abort();
      await loop;
      await queue.close();
    },
  };
}
