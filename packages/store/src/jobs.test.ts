/**
 * The JobQueue contract, run against SQLite (temp files) and PostgreSQL (fresh schema per queue;
 * skipped without OGOH_TEST_PG). Leases are measured by a clock the tests move.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { isOgohError, Job, type JobQueue } from '@ogoh/core';
import postgres from 'postgres';
import { openJobQueue } from './jobs.ts';

interface Clock {
  t: number;
  now: () => Date;
}
const clock = (): Clock => {
  const c: Clock = { t: Date.parse('2026-03-01T10:00:00Z'), now: () => new Date(c.t) };
  return c;
};

type Open = (now: () => Date) => Promise<{ a: JobQueue; b: JobQueue }>;

function jobQueueContract(name: string, open: Open, cleanup: () => Promise<void>): void {
  describe(`JobQueue contract: ${name}`, () => {
    after(cleanup);
    const queues: JobQueue[] = [];
    after(async () => {
      for (const q of queues) await q.close();
    });
    const pair = async (c: Clock) => {
      const p = await open(c.now);
      queues.push(p.a, p.b);
      return p;
    };

    test('enqueue is idempotent by key while the job is unfinished, and jobs parse', async () => {
      const c = clock();
      const { a, b } = await pair(c);
      const one = await a.enqueue({
        kind: 'ingest',
        payload: { paths: ['x.jsonl'] },
        idempotencyKey: 'k1',
        createdBy: 'cli',
      });
      assert.equal(one.created, true);
      assert.equal(one.job.status, 'queued');
      assert.equal(one.job.maxAttempts, 2);
      assert.equal(one.job.attempts, 0);
      Job.parse(one.job);
      const two = await b.enqueue({
        kind: 'ingest',
        payload: { paths: ['other'] },
        idempotencyKey: 'k1',
        createdBy: 'cli',
      });
      assert.equal(two.created, false);
      assert.equal(two.job.id, one.job.id);
      const claimed = await a.claim(['ingest'], 'w1', 30);
      assert.equal(claimed?.id, one.job.id);
      await a.complete(one.job.id, 'w1', { new: 3 });
      const three = await b.enqueue({ kind: 'ingest', payload: {}, idempotencyKey: 'k1', createdBy: 'cli' });
      assert.equal(three.created, true, 'a finished job frees its key');
      assert.notEqual(three.job.id, one.job.id);
    });

    test('claim hands each job to one worker, by kind, oldest first', async () => {
      const c = clock();
      const { a, b } = await pair(c);
      const j1 = (await a.enqueue({ kind: 'ingest', payload: {}, idempotencyKey: 'i1', createdBy: 't' })).job;
      c.t += 1;
      const j2 = (await a.enqueue({ kind: 'ingest', payload: {}, idempotencyKey: 'i2', createdBy: 't' })).job;
      const j3 = (await a.enqueue({ kind: 'analyze', payload: {}, idempotencyKey: 'a1', createdBy: 't' }))
        .job;
      const got = await Promise.all([a.claim(['ingest'], 'w1', 30), b.claim(['ingest'], 'w2', 30)]);
      assert.deepEqual(got.map((j) => j?.id).sort(), [j1.id, j2.id].sort());
      assert.equal(await a.claim(['ingest'], 'w3', 30), undefined);
      const an = await b.claim(['analyze', 'ingest'], 'w3', 30);
      assert.equal(an?.id, j3.id);
      assert.equal(an?.status, 'running');
      assert.equal(an?.attempts, 1);
      assert.equal(an?.lockedBy, 'w3');
      assert.equal(an?.lockedUntil, new Date(c.t + 30_000).toISOString());
    });

    test('an expired lease is re-claimable; after maxAttempts the job fails for good', async () => {
      const c = clock();
      const { a, b } = await pair(c);
      const j = (await a.enqueue({ kind: 'analyze', payload: {}, idempotencyKey: 'x', createdBy: 't' })).job;
      assert.equal((await a.claim(['analyze'], 'w1', 10))?.id, j.id);
      c.t += 5_000;
      assert.equal(await b.claim(['analyze'], 'w2', 10), undefined, 'the lease still runs');
      c.t += 6_000;
      const again = await b.claim(['analyze'], 'w2', 10);
      assert.equal(again?.id, j.id);
      assert.equal(again?.attempts, 2);
      assert.equal(again?.lockedBy, 'w2');
      // the first worker comes back: its lease is gone
      await assert.rejects(a.heartbeat(j.id, 'w1', 10), (e) => isOgohError(e) && e.code === 'CONFLICT');
      await assert.rejects(a.complete(j.id, 'w1', {}), (e) => isOgohError(e) && e.code === 'CONFLICT');
      c.t += 11_000;
      assert.equal(await a.claim(['analyze'], 'w3', 10), undefined, 'no third attempt');
      const dead = await a.get(j.id);
      assert.equal(dead?.status, 'failed');
      assert.equal(dead?.attempts, 2);
      assert.match(dead?.error?.message ?? '', /lease ran out/);
    });

    test('heartbeat extends the lease and records progress', async () => {
      const c = clock();
      const { a, b } = await pair(c);
      const j = (await a.enqueue({ kind: 'ingest', payload: {}, idempotencyKey: 'h', createdBy: 't' })).job;
      await a.claim(['ingest'], 'w1', 10);
      c.t += 8_000;
      const hb = await a.heartbeat(j.id, 'w1', 10, { done: 40, message: 'page 2' });
      assert.deepEqual(hb.progress, { done: 40, message: 'page 2' });
      c.t += 8_000;
      assert.equal(await b.claim(['ingest'], 'w2', 10), undefined, 'the heartbeat kept it');
      const done = await a.complete(j.id, 'w1', { new: 40 });
      assert.equal(done.status, 'done');
      assert.deepEqual(done.result, { new: 40 });
      assert.equal(done.lockedBy, undefined);
      assert.ok(done.finishedAt);
      await assert.rejects(a.heartbeat('jb_nope', 'w1', 10), (e) => isOgohError(e) && e.code === 'NOT_FOUND');
    });

    test('fail retries exactly once more by default; retry:false fails at once; release does not count', async () => {
      const c = clock();
      const { a } = await pair(c);
      const j = (await a.enqueue({ kind: 'ingest', payload: {}, idempotencyKey: 'f', createdBy: 't' })).job;
      await a.claim(['ingest'], 'w1', 10);
      const r = await a.release(j.id, 'w1');
      assert.equal(r.status, 'queued');
      assert.equal(r.attempts, 0);
      await a.claim(['ingest'], 'w1', 10);
      const f1 = await a.fail(j.id, 'w1', { code: 'STORE', message: 'boom' });
      assert.equal(f1.status, 'queued');
      assert.deepEqual(f1.error, { code: 'STORE', message: 'boom' });
      const second = await a.claim(['ingest'], 'w2', 10);
      assert.equal(second?.attempts, 2);
      const f2 = await a.fail(j.id, 'w2', { code: 'STORE', message: 'boom again' });
      assert.equal(f2.status, 'failed');
      assert.equal(await a.claim(['ingest'], 'w3', 10), undefined);
      const k = (await a.enqueue({ kind: 'ingest', payload: {}, idempotencyKey: 'g', createdBy: 't' })).job;
      await a.claim(['ingest'], 'w1', 10);
      assert.equal(
        (await a.fail(k.id, 'w1', { code: 'INPUT_PARSE', message: 'bad' }, { retry: false })).status,
        'failed',
      );
    });

    test('jobs of one lane run one at a time, even when two workers claim at once', async () => {
      const c = clock();
      const { a, b } = await pair(c);
      await a.enqueue({
        kind: 'analyze',
        payload: {},
        idempotencyKey: 'l1',
        createdBy: 't',
        lane: 'analyze',
      });
      await a.enqueue({
        kind: 'analyze',
        payload: {},
        idempotencyKey: 'l2',
        createdBy: 't',
        lane: 'analyze',
      });
      await a.enqueue({ kind: 'ingest', payload: {}, idempotencyKey: 'n1', createdBy: 't' });
      const got = await Promise.all([a.claim(['analyze'], 'w1', 10), b.claim(['analyze'], 'w2', 10)]);
      assert.equal(got.filter(Boolean).length, 1);
      const running = got.find(Boolean) as Job;
      assert.equal(await a.claim(['analyze'], 'w3', 10), undefined);
      assert.ok(await a.claim(['ingest', 'analyze'], 'w3', 10), 'other kinds still run');
      await (running.lockedBy === 'w1' ? a : b).complete(running.id, running.lockedBy as string, {});
      const next = await b.claim(['analyze'], 'w4', 10);
      assert.ok(next);
      assert.notEqual(next.id, running.id);
    });

    test('list is newest first and filters; bad input is a coded error naming the field', async () => {
      const c = clock();
      const { a } = await pair(c);
      for (const k of ['p1', 'p2', 'p3']) {
        await a.enqueue({
          kind: k === 'p2' ? 'analyze' : 'ingest',
          payload: { k },
          idempotencyKey: k,
          createdBy: 't',
        });
        c.t += 1000;
      }
      assert.deepEqual(
        (await a.list()).map((j) => j.idempotencyKey),
        ['p3', 'p2', 'p1'],
      );
      assert.deepEqual(
        (await a.list({ kind: 'ingest', limit: 1 })).map((j) => j.idempotencyKey),
        ['p3'],
      );
      assert.equal((await a.list({ status: 'done' })).length, 0);
      await assert.rejects(
        a.enqueue({ kind: 'nope' as 'ingest', payload: {}, idempotencyKey: 'z', createdBy: 't' }),
        (e) => isOgohError(e) && e.code === 'INPUT_FIELD' && e.field === 'kind',
      );
      await assert.rejects(a.claim([], 'w', 10), (e) => isOgohError(e) && e.field === 'roles');
      await assert.rejects(a.claim(['ingest'], 'w', 0), (e) => isOgohError(e) && e.field === 'lease');
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'ogoh-jobs-'));
let n = 0;
jobQueueContract(
  'sqlite',
  async (now) => {
    const file = join(dir, `q${++n}.db`);
    return { a: await openJobQueue(file, { now }), b: await openJobQueue(file, { now }) };
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);

const url = process.env.OGOH_TEST_PG;
if (!url) {
  test('JobQueue contract: postgres', {
    skip: 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)',
  }, () => {});
} else {
  const prefix = `tj${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  const sep = url.includes('?') ? '&' : '?';
  jobQueueContract(
    'postgres',
    async (now) => {
      const schema = `${prefix}_${schemas.push(`${prefix}_${schemas.length + 1}`)}`;
      const loc = `${url}${sep}schema=${schema}`;
      return { a: await openJobQueue(loc, { now }), b: await openJobQueue(loc, { now }) };
    },
    async () => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        for (const s of schemas) await sql.unsafe(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  );
}
