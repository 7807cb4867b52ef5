/**
 * `ogoh users|keys|serve|demo` end to end: the real binary, a real store in a temp folder, the
 * server on 127.0.0.1 with a free port, stopped with SIGTERM.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const BIN = new URL('../../bin/ogoh.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ogoh-cli-serve-'));
const db = join(dir, 'ogoh.db');
after(() => rmSync(dir, { recursive: true, force: true }));

function ogoh(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts a long-running command and resolves with the URL it prints on stderr. */
function startAndWaitForUrl(
  args: string[],
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no URL within 60 s; stderr:\n${err}`));
    }, 60_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stderr: () => err });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before serving; stderr:\n${err}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

test('users and keys: add, list, disable; create, list, revoke; bad input exits 2', () => {
  const add = ogoh(
    ['users', 'add', '--username', 'zarina', '--role', 'admin', '--password-stdin'],
    'zarina-pass-1\n',
  );
  assert.equal(add.code, 0, add.err);
  const gen = ogoh(['--json', 'users', 'add', '--username', 'rustam', '--role', 'viewer']);
  assert.equal(gen.code, 0, gen.err);
  assert.ok(JSON.parse(gen.out).password.length >= 12, 'a generated password is printed once');
  const list = JSON.parse(ogoh(['--json', 'users', 'list']).out) as {
    username: string;
    passwordHash?: string;
  }[];
  assert.deepEqual(
    list.map((u) => u.username),
    ['rustam', 'zarina'],
  );
  assert.ok(list.every((u) => u.passwordHash === undefined));
  assert.equal(ogoh(['users', 'disable', 'rustam']).code, 0);
  assert.equal(ogoh(['users', 'disable', 'ghost']).code, 1);
  const short = ogoh(['users', 'add', '--username', 'x1', '--role', 'viewer', '--password-stdin'], 'short\n');
  assert.equal(short.code, 2);
  assert.match(short.err, /password/);
  const key = JSON.parse(ogoh(['--json', 'keys', 'create', '--name', 'ci', '--role', 'analyst']).out);
  assert.match(key.key, /^ogoh_/);
  const keys = ogoh(['keys', 'list']).out;
  assert.ok(keys.includes(key.id) && !keys.includes(key.key));
  assert.equal(ogoh(['keys', 'revoke', key.id]).code, 0);
  assert.equal(ogoh(['keys', 'revoke', key.id]).code, 1);
});

test('serve: listens on 127.0.0.1, answers the API with a key and a login, stops on SIGTERM', async () => {
  const key = JSON.parse(
    ogoh(['--json', 'keys', 'create', '--name', 'serve-test', '--role', 'viewer']).out,
  ).key;
  const { child, url } = await startAndWaitForUrl(['--db', db, '--quiet', 'serve', '--port', '0']);
  try {
    const me = await fetch(`${url}api/me`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { role: string }).role, 'viewer');
    const login = await fetch(`${url}api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zarina', password: 'zarina-pass-1' }),
    });
    assert.equal(login.status, 200);
    assert.equal((await fetch(`${url}api/stats`)).status, 401);
  } finally {
    assert.equal(await stop(child), 0);
  }
});

test('demo: loads, creates the demo login, serves; --json never serves', async () => {
  const demoDb = join(dir, 'demo.db');
  const json = spawnSync(
    process.execPath,
    [BIN, '--db', demoDb, '--json', 'demo', '--items', '100', '--out', join(dir, 'corpus')],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(json.status, 0, json.stderr);
  assert.ok(JSON.parse(json.stdout).stats.items > 0);
  const { child, url, stderr } = await startAndWaitForUrl([
    '--db',
    demoDb,
    '--quiet',
    'demo',
    '--items',
    '100',
    '--out',
    join(dir, 'corpus'),
    '--port',
    '0',
  ]);
  try {
    assert.match(stderr(), /log in as "demo" with the password "ogoh-demo"/);
    const login = await fetch(`${url}api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: 'ogoh-demo' }),
    });
    assert.equal(login.status, 200);
    assert.equal(((await login.json()) as { role: string }).role, 'admin');
  } finally {
    assert.equal(await stop(child), 0);
  }
});
