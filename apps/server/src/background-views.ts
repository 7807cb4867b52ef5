/**
 * The server's side of background views: a `ViewComputer` (see @ogoh/app's view cache) that sends
 * each computation to the view thread (view-thread.ts) and registers it for the server's store, so
 * trends, convergence, coordination, series, stats and label counts are computed off the event loop
 * and, when slow, served stale while recomputed. The thread starts at the first view asked for (a
 * server that never serves one pays nothing) and again after a crash; an in-memory SQLite store
 * exists only on the serving thread's connection, so its views stay computed in place.
 */
import { Worker } from 'node:worker_threads';
import { type BackgroundViewOptions, type Ogoh, useViewComputer, type ViewComputer } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import { VIEWS } from './view-compute.ts';
import type { FromViewThread, ToViewThread, ViewThreadData } from './view-thread.ts';

/**
 * The view options from the environment, for `ogoh serve`: OGOH_VIEW_STALE_AFTER_MS (a view whose
 * last computation took this long is served stale while recomputed; default 1000) and
 * OGOH_VIEW_REFRESH_SECONDS (a stale view is recomputed at most this often; default 10).
 */
export function viewOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BackgroundViewOptions {
  const number = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0)
      throw new OgohError(
        'USAGE',
        `${name}="${v}" is not a number of ${name.endsWith('_MS') ? 'milliseconds' : 'seconds'}`,
        {
          field: name,
          hint: 'a number ≥ 0',
        },
      );
    return n;
  };
  const stale = number('OGOH_VIEW_STALE_AFTER_MS');
  const refresh = number('OGOH_VIEW_REFRESH_SECONDS');
  return {
    ...(stale !== undefined ? { staleAfterMs: stale } : {}),
    ...(refresh !== undefined ? { refreshEveryMs: refresh * 1000 } : {}),
  };
}

export interface ViewServeOptions extends BackgroundViewOptions {
  /** tests: each computation first blocks the view thread this long (a stand-in for a huge store) */
  slowDownMs?: number;
}

export interface BackgroundViews extends ViewComputer {
  /** computations sent to the thread and not answered yet */
  pending(): number;
  /** computations the thread has begun and not answered yet */
  started(): number;
  /** computations sent to the thread so far */
  sent(): number;
  /** starts the thread now (it loads its code), so the first view asked for does not wait for that */
  warm(): void;
  close(): Promise<void>;
}

interface Log {
  error(obj: object, msg: string): void;
}

/** Starts background views for this store; undefined for an in-memory store (see the module comment). */
export function startBackgroundViews(
  app: Ogoh,
  options: ViewServeOptions | false | undefined,
  log: Log,
): BackgroundViews | undefined {
  if (options === false || app.location === ':memory:') return undefined;
  // what the server was given wins over the environment
  const o: ViewServeOptions = { ...viewOptionsFromEnv(), ...(options ?? {}) };
  const data: ViewThreadData = {
    location: app.location,
    ...(o.slowDownMs ? { slowDownMs: o.slowDownMs } : {}),
  };
  let thread: Worker | undefined;
  let closed = false;
  let seq = 0;
  const waiting = new Map<
    number,
    { resolve: (r: { value: unknown; costMs: number }) => void; reject: (e: Error) => void; started: boolean }
  >();
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const launch = (): Worker => {
    const t = new Worker(new URL('./view-thread-boot.js', import.meta.url), { workerData: data });
    t.on('message', (m: FromViewThread) => {
      const w = waiting.get(m.id);
      if (!w) return;
      if (m.type === 'started') {
        w.started = true;
        return;
      }
      waiting.delete(m.id);
      if (m.type === 'result') w.resolve({ value: m.value, costMs: m.costMs });
      else if (m.error.code)
        w.reject(
          new OgohError(m.error.code, m.error.message, {
            ...(m.error.field !== undefined ? { field: m.error.field } : {}),
            ...(m.error.hint !== undefined ? { hint: m.error.hint } : {}),
          }),
        );
      else w.reject(new Error(m.error.message));
    });
    t.on('error', (e) => log.error({ err: e }, 'view thread failed'));
    t.on('exit', (code) => {
      if (thread !== t) return;
      thread = undefined;
      // the next computation starts a new thread
      failAll(new Error(`the view thread stopped (exit code ${code})`));
    });
    return t;
  };
  const computer: BackgroundViews = {
    views: new Set(Object.keys(VIEWS)),
    compute(view, params) {
      if (closed) return Promise.reject(new Error('the server is closing'));
      thread ??= launch();
      const id = ++seq;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject, started: false });
        thread!.postMessage({ type: 'compute', id, view, params } satisfies ToViewThread);
      });
    },
    warm() {
      if (!closed) thread ??= launch();
    },
    pending: () => waiting.size,
    sent: () => seq,
    started: () => [...waiting.values()].filter((w) => w.started).length,
    async close() {
      closed = true;
      undo();
      const t = thread;
      thread = undefined;
      failAll(new Error('the server is closing'));
      if (!t) return;
      const exited = new Promise<void>((r) => t.once('exit', () => r()));
      t.postMessage({ type: 'stop' } satisfies ToViewThread);
      // a computation blocking the thread does not end for a stop message: give it a moment, then end it
      const timer = setTimeout(() => void t.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
  const undo = useViewComputer(app.store, computer, {
    ...o,
    onError: (view, e) => {
      log.error({ err: e, view }, 'background view computation failed');
      o.onError?.(view, e);
    },
  });
  return computer;
}
