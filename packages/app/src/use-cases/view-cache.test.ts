/**
 * The view cache with a ViewComputer (the server's view thread), driven by a fake store version and
 * a computer whose computations the test finishes by hand: a slow view is served stale while one
 * recomputation runs, version bumps meanwhile coalesce into one more, `refreshEveryMs` spaces them,
 * a quick view is awaited fresh, a failure leaves the stale value, and views the computer does not
 * know keep the plain cache.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Ogoh } from '../context.ts';
import { cachedView, useViewComputer, type ViewComputer } from './view-cache.ts';

interface Call {
  view: string;
  params: unknown;
  resolve: (v: { value: unknown; costMs: number }) => void;
  reject: (e: Error) => void;
}

function setup(options: { staleAfterMs?: number; refreshEveryMs?: number } = {}) {
  let version = 1;
  const store = { dataVersion: async () => version } as unknown as Ogoh['store'];
  const app = { store, clock: { now: () => new Date() } } as Pick<Ogoh, 'store' | 'clock'>;
  const calls: Call[] = [];
  const errors: unknown[] = [];
  const computer: ViewComputer = {
    views: new Set(['slow']),
    compute: (view, params) =>
      new Promise((resolve, reject) => {
        calls.push({ view, params, resolve, reject });
      }),
  };
  const undo = useViewComputer(store, computer, {
    staleAfterMs: options.staleAfterMs ?? 100,
    refreshEveryMs: options.refreshEveryMs ?? 0,
    onError: (_v, e) => errors.push(e),
  });
  const tick = () => new Promise((r) => setImmediate(r));
  return {
    app,
    calls,
    errors,
    undo,
    tick,
    bump: () => {
      version++;
    },
    get: () => cachedView(app, 'slow', { a: 1 }, () => Promise.reject(new Error('not in place'))),
  };
}

test('a slow view is computed by the computer, then served stale while one recomputation runs', async () => {
  const s = setup();
  const first = s.get();
  await s.tick();
  assert.equal(s.calls.length, 1);
  assert.deepEqual(s.calls[0]!.params, { a: 1 });
  s.calls[0]!.resolve({ value: 'v1', costMs: 500 });
  const a = await first;
  assert.equal(a.value, 'v1');
  assert.equal(a.hit, false);
  assert.equal(a.stale, false);
  assert.equal((await s.get()).hit, true);

  s.bump();
  const b = await s.get();
  assert.equal(b.value, 'v1');
  assert.equal(b.stale, true);
  assert.equal(b.dataVersion, 1);
  await s.tick();
  assert.equal(s.calls.length, 2, 'one recomputation started');
  // more requests and more version bumps while it runs: no second computation yet
  s.bump();
  assert.equal((await s.get()).stale, true);
  assert.equal((await s.get()).stale, true);
  await s.tick();
  assert.equal(s.calls.length, 2);
  s.calls[1]!.resolve({ value: 'v2', costMs: 500 });
  await s.tick();
  // v2 was computed at version 2; the store is at 3 now: stale again, and one more recomputation
  const c = await s.get();
  assert.equal(c.value, 'v2');
  assert.equal(c.dataVersion, 2);
  assert.equal(c.stale, true);
  await s.tick();
  assert.equal(s.calls.length, 3);
  s.calls[2]!.resolve({ value: 'v3', costMs: 500 });
  await s.tick();
  const d = await s.get();
  assert.equal(d.value, 'v3');
  assert.equal(d.stale, false);
  assert.equal(d.hit, true);
  s.undo();
});

test('a view that computed quickly is awaited fresh (still on the computer), one computation for concurrent askers', async () => {
  const s = setup({ staleAfterMs: 1000 });
  const first = s.get();
  await s.tick();
  s.calls[0]!.resolve({ value: 'v1', costMs: 5 });
  await first;
  s.bump();
  const p1 = s.get();
  const p2 = s.get();
  await s.tick();
  assert.equal(s.calls.length, 2, 'both askers share one computation');
  s.calls[1]!.resolve({ value: 'v2', costMs: 5 });
  const [r1, r2] = await Promise.all([p1, p2]);
  assert.equal(r1.value, 'v2');
  assert.equal(r2.value, 'v2');
  assert.equal(r1.stale, false);
  assert.equal(r1.hit, false);
  s.undo();
});

test('recomputations of a stale view start at most every refreshEveryMs; a failure keeps the stale value', async () => {
  const s = setup({ refreshEveryMs: 150 });
  const first = s.get();
  await s.tick();
  s.calls[0]!.resolve({ value: 'v1', costMs: 500 });
  await first;
  s.bump();
  assert.equal((await s.get()).stale, true);
  await s.tick();
  assert.equal(s.calls.length, 1, 'within refreshEveryMs of the first start: waits');
  await new Promise((r) => setTimeout(r, 250));
  assert.equal(s.calls.length, 2, 'the coalesced recomputation started by itself');
  s.calls[1]!.reject(new Error('store gone'));
  await s.tick();
  assert.equal(s.errors.length, 1);
  const after = await s.get();
  assert.equal(after.value, 'v1', 'the stale value stays');
  assert.equal(after.stale, true);
  s.undo();
});

test('views the computer does not know, and stores without one, keep the plain cache', async () => {
  const s = setup();
  let n = 0;
  const other = () => cachedView(s.app, 'other', null, async () => ++n);
  assert.equal((await other()).value, 1);
  assert.equal((await other()).hit, true);
  s.bump();
  const fresh = await other();
  assert.equal(fresh.value, 2);
  assert.equal(fresh.stale, false);
  assert.equal(s.calls.length, 0);
  s.undo();
  // undone: the slow view is computed in place
  await assert.rejects(s.get(), /not in place/);
});
