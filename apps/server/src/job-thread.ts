/**
 * The server's job worker, on a thread of its own: analysis pages are CPU-bound and synchronous
 * SQLite calls, so run on the serving thread they would hold every request until the job ended.
 * Here the thread opens the store itself (its own connections, like an `ogoh worker` process) and
 * runs `runWorker` until the server says stop; it posts each job event back for the server's log.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openOgoh, openQueue, runWorker, type WorkerOptions } from '@ogoh/app';

export interface JobThreadData {
  location: string;
  options: Pick<WorkerOptions, 'kinds' | 'concurrency' | 'leaseSeconds' | 'pollIntervalMs' | 'graceMs'>;
}

/** server → thread */
export type ToThread = { type: 'wake' } | { type: 'stop' };
/** thread → server */
export type FromThread =
  | { type: 'ready' }
  | {
      type: 'event';
      event: string;
      jobId: string;
      kind?: string;
      status?: string;
      attempts?: number;
      reason?: string;
    }
  | { type: 'stopped' };

const port = parentPort;
if (!port) throw new Error('job-thread.ts runs as a worker thread');
const data = workerData as JobThreadData;
const stop = new AbortController();
const wake = new EventTarget();
port.on('message', (m: ToThread) => {
  if (m.type === 'wake') wake.dispatchEvent(new Event('wake'));
  else stop.abort();
});

const app = await openOgoh({ db: data.location });
const queue = await openQueue(app);
try {
  port.postMessage({ type: 'ready' } satisfies FromThread);
  await runWorker(app, queue, {
    ...data.options,
    signal: stop.signal,
    wake,
    onEvent: (e) => {
      if (e.type === 'progress') return;
      port.postMessage(
        (e.type === 'lost'
          ? { type: 'event', event: e.type, jobId: e.jobId, reason: e.reason }
          : {
              type: 'event',
              event: e.type,
              jobId: e.job.id,
              kind: e.job.kind,
              status: e.job.status,
              attempts: e.job.attempts,
            }) satisfies FromThread,
      );
    },
  });
} finally {
  await queue.close();
  await app.close();
  port.postMessage({ type: 'stopped' } satisfies FromThread);
  port.close();
}
