/**
 * A claim that finds the store locked by another process (SQLite's busy timeout ran out during a
 * long write) leaves the worker running: it claims again after the poll interval. Any other claim
 * failure still ends it. (One of two benchmark workers died of a busy claim while the other
 * ingested 100k items.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type JobQueue, OgohError } from '@ogoh/core';
import { openOgoh } from '../context.ts';
import { jobRequest, openQueue, runWorker, type WorkerEvent } from './worker.ts';

/** The queue whose first `fails` claims throw `error`, the rest reaching the real queue. */
function failing(queue: JobQueue, fails: number, error: () => Error): JobQueue {
  let n = 0;
  return new Proxy(queue, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (typeof v !== 'function') return v;
      if (prop === 'claim')
        return async (...args: unknown[]) => {
          if (n++ < fails) throw error();
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      return (v as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

const busy = () =>
  new OgohError('STORE', 'cannot claim a job: the store x.db stayed locked by another process', {
    cause: Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
  });

test('a busy claim is tried again; another claim failure ends the worker', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogoh-worker-busy-'));
  const app = await openOgoh({ db: join(dir, 'busy.db') });
  const queue = await openQueue(app);
  try {
    await queue.enqueue(jobRequest('analyze', { batchSize: 10 }, 'test'));
    const events: string[] = [];
    const report = await runWorker(app, failing(queue, 2, busy), {
      once: true,
      pollIntervalMs: 5,
      onBusy: () => events.push('busy'),
      onEvent: (e: WorkerEvent) => events.push(e.type),
    });
    assert.equal(report.done, 1);
    assert.deepEqual(
      events.filter((t) => t !== 'progress'),
      ['busy', 'busy', 'claimed', 'done'],
    );
    await queue.enqueue(jobRequest('analyze', { batchSize: 10, key: 'second' }, 'test'));
    await assert.rejects(
      runWorker(
        app,
        failing(queue, 1, () => new OgohError('STORE', 'cannot claim a job: disk I/O error')),
        {
          once: true,
          pollIntervalMs: 5,
        },
      ),
      /disk I\/O error/,
    );
  } finally {
    await queue.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
