/**
 * End-to-end through the real binary: `ogoh serve` runs the jobs its API queues, with progress
 * readable over HTTP while they run. SIGKILLed mid-analysis, the server leaves its job leased; a
 * second `ogoh serve --no-worker` over the same store shows it still running and never runs it, and
 * an `ogoh worker` takes it over once the lease ends and finishes it once (attempt 2), which the
 * second server then reports done.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
const ROOT = new URL('../../../', import.meta.url).pathname;
const ENV = { ...process.env, OGOH_DB: '' };

function ok(args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: ENV });
  assert.equal(r.status, 0, `ogoh ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

interface Served {
  proc: ChildProcess;
  url: string;
  log: () => string;
  exited: Promise<unknown>;
}

/** Starts `ogoh serve` on a free port and resolves once it prints its URL. */
async function serve(db: string, extra: string[]): Promise<Served> {
  const proc = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', ...extra], {
    env: ENV,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((r) => proc.once('exit', r));
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ogoh serve did not start:\n${err}`)), 120_000);
    const check = () => {
      const m = /serving .* at (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        proc.stderr?.off('data', check);
        resolve(m[1]);
      }
    };
    proc.stderr?.on('data', check);
    proc.once('exit', () => reject(new Error(`ogoh serve exited:\n${err}`)));
  });
  return { proc, url, log: () => err, exited };
}

describe('ogoh serve runs its jobs; a killed server’s job is finished by a worker', () => {
  let dir = '';
  let corpus = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ogoh-serve-jobs-'));
    corpus = join(dir, 'corpus');
    const g = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'demo/generate.ts'), '--out', corpus, '--items', '1200'],
      { encoding: 'utf8', cwd: ROOT },
    );
    assert.equal(g.status, 0, g.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('progress over HTTP while running; SIGKILL; --no-worker leaves it; ogoh worker finishes it once', async () => {
    const db = join(dir, 'ogoh.db');
    ok(['--db', db, '-q', 'ingest', ...['atom', 'csv', 'rss', 'telegram'].map((d) => join(corpus, d))]);
    const { key } = JSON.parse(
      ok(['--db', db, '--json', 'keys', 'create', '--name', 'test', '--role', 'analyst']),
    ) as { key: string };
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const job = async (base: string, id: string) => {
      const r = await fetch(`${base}/api/jobs/${id}`, { headers });
      assert.equal(r.status, 200);
      return (await r.json()) as {
        state: string;
        attempts: number;
        progress: { done: number };
        result?: { analysed: number };
      };
    };

    const first = await serve(db, ['--worker-lease', '2']);
    let second: Served | undefined;
    try {
      assert.match(first.log(), /run in this process/);
      const r = await fetch(`${first.url}/api/analyse`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ batchSize: 50 }),
      });
      assert.equal(r.status, 202);
      const { id } = (await r.json()) as { id: string };
      // progress reaches the store while the job runs, so the API shows it
      let seen = 0;
      for (let i = 0; i < 2400 && seen < 100; i++) {
        const j = await job(first.url, id);
        assert.notEqual(j.state, 'done', 'killed before the end');
        seen = j.progress.done;
        if (seen < 100) await new Promise((res) => setTimeout(res, 50));
      }
      assert.ok(seen >= 100, `progress ${seen}`);
      first.proc.kill('SIGKILL');
      await first.exited;

      second = await serve(db, ['--no-worker']);
      assert.match(second.log(), /wait for `ogoh worker`/);
      const stuck = await job(second.url, id);
      assert.equal(stuck.state, 'running');
      assert.equal(stuck.attempts, 1);
      // the lease runs out; this server has no worker, so the job stays where it is
      await new Promise((res) => setTimeout(res, 2500));
      assert.equal((await job(second.url, id)).attempts, 1);

      const w = JSON.parse(ok(['--db', db, '--json', '-q', 'worker', '--once'])) as { done: number };
      assert.equal(w.done, 1);
      const done = await job(second.url, id);
      assert.equal(done.state, 'done');
      assert.equal(done.attempts, 2);
      const stats = JSON.parse(ok(['--db', db, '--json', 'stats'])) as { items: number };
      // the resumed run analysed what the killed one had not; nothing is left to analyse
      assert.ok((done.result?.analysed ?? 0) < stats.items);
      const again = await fetch(`${second.url}/api/analyse`, { method: 'POST', headers, body: '{}' });
      const { id: id2 } = (await again.json()) as { id: string };
      ok(['--db', db, '-q', 'worker', '--once']);
      assert.equal((await job(second.url, id2)).result?.analysed, 0);
    } finally {
      first.proc.kill('SIGKILL');
      second?.proc.kill('SIGTERM');
      await second?.exited;
    }
  });
});
