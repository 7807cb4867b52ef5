/**
 * The server's view thread: computes whole-store views (view-compute.ts) on a store connection of
 * its own, so a recomputation that reads a million rows through synchronous SQLite calls — 20–30 s
 * of CPU — never holds the serving thread. Requests come in as messages and are answered in any
 * order; the store is opened at the first one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openOgoh, openVolume } from '@ogoh/app';
import { type ErrorCode, isOgohError } from '@ogoh/core';
import { computeView, type ViewEnv } from './view-compute.ts';

export interface ViewThreadData {
  location: string;
  /** tests: each computation first blocks this thread this long (a stand-in for a huge store) */
  slowDownMs?: number;
}

/** server → thread */
export type ToViewThread = { type: 'compute'; id: number; view: string; params: unknown } | { type: 'stop' };
/** thread → server */
export type FromViewThread =
  | { type: 'started'; id: number }
  | { type: 'result'; id: number; value: unknown; costMs: number }
  | {
      type: 'error';
      id: number;
      error: { code?: ErrorCode; message: string; field?: string; hint?: string };
    };

const port = parentPort;
if (!port) throw new Error('view-thread.ts runs as a worker thread');
const data = workerData as ViewThreadData;
let env: Promise<ViewEnv> | undefined;
/** The store, opened once; a failed open (a busy file, a dropped connection) is tried again next time. */
const open = () => {
  if (env) return env;
  const opening = (async () => {
    const app = await openOgoh({ db: data.location });
    try {
      return { app, volume: await openVolume(app) };
    } catch (e) {
      await app.close();
      throw e;
    }
  })();
  env = opening;
  opening.catch(() => {
    if (env === opening) env = undefined;
  });
  return opening;
};
const pause = data.slowDownMs ? new Int32Array(new SharedArrayBuffer(4)) : undefined;

port.on('message', (m: ToViewThread) => {
  if (m.type === 'stop') {
    void (async () => {
      const e = await env?.catch(() => undefined);
      await Promise.allSettled([e?.volume.close(), e?.app.close()]);
      port.close();
    })();
    return;
  }
  void (async () => {
    try {
      const e = await open();
      port.postMessage({ type: 'started', id: m.id } satisfies FromViewThread);
      const t0 = performance.now();
      if (pause) Atomics.wait(pause, 0, 0, data.slowDownMs);
      const value = await computeView(e, m.view, m.params);
      port.postMessage({
        type: 'result',
        id: m.id,
        value,
        costMs: performance.now() - t0,
      } satisfies FromViewThread);
    } catch (e) {
      port.postMessage({
        type: 'error',
        id: m.id,
        error: isOgohError(e)
          ? {
              code: e.code,
              message: e.message,
              ...(e.field !== undefined ? { field: e.field } : {}),
              ...(e.hint !== undefined ? { hint: e.hint } : {}),
            }
          : { message: e instanceof Error ? e.message : String(e) },
      } satisfies FromViewThread);
    }
  })();
});
