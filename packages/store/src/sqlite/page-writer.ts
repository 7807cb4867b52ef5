/**
 * The SQLite page writer: a thread with a connection of its own that commits large analysis pages
 * (Store.commitAnalysisPage), so the thread deciding the next page does not stop for the previous
 * page's commit. On the 1M story benchmark a page's commit (signatures, band rows, story
 * assignments, the "analysed" marker) was a fifth of the main thread's time, with the machine's
 * second core mostly idle.
 *
 * Pages are committed one at a time in the order handed over, each in one transaction (a stopped
 * process leaves a page wholly committed or not at all, as on the store's own connection). The
 * promise a page gets settles once its transaction has committed, or rejects with the coded error
 * that stopped it; until then the store's own connection reads the state before the page.
 * Protocol: page-writer-worker.ts.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { fromWire, OgohError, type WireError } from '@ogoh/core';
import type { AnalysisPage } from './analysis-page.ts';

export type ToPageWriter = { type: 'commit'; seq: number; page: AnalysisPage } | { type: 'close' };
export type FromPageWriter =
  | { type: 'done'; seq: number }
  | { type: 'failed'; seq: number; error: WireError };

/** How long `close` waits for the thread to close its connection before stopping it. */
const CLOSE_WAIT_MS = 10_000;

export class PageWriter {
  private worker: Worker | undefined;
  private seq = 0;
  private readonly waiting = new Map<
    number,
    { done: Promise<void>; resolve: () => void; reject: (e: Error) => void }
  >();

  constructor(private readonly path: string) {}

  /** Hands a page over; settles when it is committed. */
  commit(page: AnalysisPage): Promise<void> {
    const w = this.worker ?? this.start();
    const seq = ++this.seq;
    let resolve!: () => void;
    let reject!: (e: Error) => void;
    const done = new Promise<void>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    this.waiting.set(seq, { done, resolve, reject });
    // a page in hand keeps the process alive until it is committed
    w.ref();
    w.postMessage({ type: 'commit', seq, page } satisfies ToPageWriter);
    return done;
  }

  private start(): Worker {
    const w = new Worker(new URL('./page-writer-boot.js', import.meta.url), {
      workerData: { path: this.path },
    });
    w.on('message', (m: FromPageWriter) => {
      const p = this.waiting.get(m.seq);
      if (!p) return;
      this.waiting.delete(m.seq);
      if (this.waiting.size === 0) w.unref();
      if (m.type === 'done') p.resolve();
      else p.reject(fromWire(m.error));
    });
    const lost = (why: string) => {
      if (this.worker === w) this.worker = undefined;
      if (this.waiting.size === 0) return;
      const err = new OgohError(
        'STORE',
        `the page writer of ${this.path} stopped (${why}) before committing ${this.waiting.size} analysis page(s); none of them was stored`,
        { file: this.path, hint: 'run `ogoh analyze` again: it redoes the pages not marked analysed' },
      );
      for (const p of this.waiting.values()) p.reject(err);
      this.waiting.clear();
    };
    w.on('error', (e) => lost(e.message));
    w.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = w;
    return w;
  }

  /** Commits what was handed over (errors stay with their pages' promises), then stops the thread. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.waiting.values()].map((p) => p.done));
    const w = this.worker;
    this.worker = undefined;
    if (!w) return;
    const exited = once(w, 'exit');
    w.postMessage({ type: 'close' } satisfies ToPageWriter);
    const timer = setTimeout(() => void w.terminate(), CLOSE_WAIT_MS);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
