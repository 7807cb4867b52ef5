/**
 * `ogoh serve --processes 2` through the real binary: two server processes share one port, each
 * answers (told apart by `x-ogoh-pid`), only one runs the job worker, and SIGTERM to the primary
 * stops them all. Bad counts are usage errors naming the flag.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
const ENV = { ...process.env, OGOH_DB: '' };

/** One request on a fresh connection (the cluster hands connections, not requests, round-robin). */
function get(url: string, key: string): Promise<{ status: number; pid: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { authorization: `Bearer ${key}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, pid: String(res.headers['x-ogoh-pid']) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('ogoh serve --processes', () => {
  let dir = '';
  let db = '';
  let key = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ogoh-serve-processes-'));
    db = join(dir, 'ogoh.db');
    const r = spawnSync(
      process.execPath,
      [BIN, '--db', db, '--json', 'keys', 'create', '--name', 't', '--role', 'viewer'],
      { encoding: 'utf8', env: ENV },
    );
    assert.equal(r.status, 0, r.stderr);
    key = (JSON.parse(r.stdout) as { key: string }).key;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('two processes share the port, both answer, one runs jobs, SIGTERM stops all', async () => {
    const proc = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', '--processes', '2'], {
      env: ENV,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    let err = '';
    proc.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    try {
      const banner = await new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`did not start:\n${err}`)), 240_000);
        proc.stderr?.on('data', () => {
          const m =
            /serving .* at (http:\/\/127\.0\.0\.1:\d+)\/\n2 server processes share the port \(pids (\d+), (\d+)\)/.exec(
              err,
            );
          if (m) {
            clearTimeout(timer);
            resolve(m);
          }
        });
        proc.once('exit', () => reject(new Error(`exited:\n${err}`)));
      });
      const [, base, a, b] = banner;
      const pids = new Set([a!, b!]);
      assert.equal(pids.size, 2);
      assert.match(err, /run in server process 0/);
      assert.equal((err.match(/serving .* at /g) ?? []).length, 1, 'one banner for all processes');
      const seen = new Set<string>();
      for (let i = 0; i < 12; i++) {
        const r = await get(`${base}/api/items?limit=2`, key);
        assert.equal(r.status, 200);
        assert.ok(pids.has(r.pid), `answered by ${r.pid}, one of ${[...pids].join(', ')}`);
        seen.add(r.pid);
      }
      assert.deepEqual([...seen].sort(), [...pids].sort(), 'both processes answered');

      proc.kill('SIGTERM');
      assert.equal(await exited, 0, err);
      for (const pid of pids) assert.equal(alive(Number(pid)), false, `server process ${pid} stopped`);
    } finally {
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
  });

  test('a bad count is a usage error naming --processes', () => {
    const r = spawnSync(process.execPath, [BIN, '--db', db, 'serve', '--processes', '0'], {
      encoding: 'utf8',
      env: ENV,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--processes/);
  });
});
