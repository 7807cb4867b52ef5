/**
 * `ogoh alerts` through the real binary against a webhook receiver on 127.0.0.1 that checks the
 * HMAC signature itself (not with Ogoh's helper), answers the first attempt with 500 and accepts
 * the retry.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;

/** Async: the receiver runs in this process and must answer while the CLI waits. */
function ogoh(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, OGOH_DB: '', ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (c) => {
      out += c;
    });
    p.stderr.on('data', (c) => {
      err += c;
    });
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

interface Received {
  body: string;
  headers: http.IncomingHttpHeaders;
  signatureOk: boolean;
  status: number;
}

describe('ogoh alerts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogoh-cli-alerts-'));
  const db = join(dir, 'a.db');
  const got: Received[] = [];
  let secret = '';
  let url = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const ts = String(req.headers['x-ogoh-timestamp']);
      const want = `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
      const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
      const signatureOk = req.headers['x-ogoh-signature'] === want && fresh;
      // the first (signed) attempt fails, the retry is accepted; a bad signature is always refused
      const status = !signatureOk ? 401 : got.length === 0 ? 500 : 204;
      got.push({ body, headers: req.headers, signatureOk, status });
      res.statusCode = status;
      res.end();
    });
  });
  const ENV = { OGOH_ALERTS_ALLOW_PRIVATE: '1' };
  let ruleId = '';

  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  test('rules add prints the secret once; a private target needs OGOH_ALERTS_ALLOW_PRIVATE', async () => {
    const refused = await ogoh(
      [
        'alerts',
        'rules',
        'add',
        '--db',
        db,
        '--name',
        'x',
        '--kind',
        'claim_match',
        '--url',
        url,
        '--allow-private',
      ],
      {},
    );
    assert.notEqual(refused.code, 0);
    assert.match(refused.err, /OGOH_ALERTS_ALLOW_PRIVATE/);
    const r = await ogoh(
      [
        'alerts',
        'rules',
        'add',
        '--db',
        db,
        '--json',
        '--name',
        'Роғун claims',
        '--kind',
        'claim_match',
        '--label',
        'cl-rogun',
        '--threshold',
        '0.7',
        '--url',
        url,
        '--allow-private',
        '--max-attempts',
        '3',
      ],
      ENV,
    );
    assert.equal(r.code, 0, r.err);
    const rule = JSON.parse(r.out);
    assert.equal(rule.kind, 'claim_match');
    assert.deepEqual(rule.params, { label: 'cl-rogun', threshold: 0.7 });
    assert.ok(rule.secret.length >= 16);
    secret = rule.secret;
    ruleId = rule.id;
    const list = await ogoh(['alerts', 'rules', 'list', '--db', db, '--json']);
    assert.equal(list.code, 0, list.err);
    assert.deepEqual(
      JSON.parse(list.out).map((x: { id: string; secret: string }) => [x.id, x.secret]),
      [[ruleId, '***']],
      'the secret is never listed',
    );
  });

  test('alerts test: a 500, then the retry is accepted; the receiver verified both signatures', async () => {
    const r = await ogoh(['alerts', 'test', ruleId, '--db', db, '--json', '--backoff-ms', '0'], ENV);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    assert.equal(out.delivered, true);
    assert.deepEqual(
      out.deliveries.map((d: { attempt: number; status: string; httpStatus: number }) => [
        d.attempt,
        d.status,
        d.httpStatus,
      ]),
      [
        [1, 'failed', 500],
        [2, 'delivered', 204],
      ],
    );
    assert.equal(got.length, 2);
    assert.ok(got.every((g) => g.signatureOk));
    assert.equal(got[0]!.headers['x-ogoh-event'], out.event.id);
    assert.equal(
      got[1]!.headers['x-ogoh-event'],
      out.event.id,
      'one event id on every attempt (the idempotency key)',
    );
    assert.notEqual(got[0]!.headers['x-ogoh-delivery'], got[1]!.headers['x-ogoh-delivery']);
    const body = JSON.parse(got[1]!.body);
    assert.equal(body.rule.id, ruleId);
    assert.equal(body.data.test, true);

    const log = await ogoh(['alerts', 'log', '--db', db, '--json']);
    assert.deepEqual(
      JSON.parse(log.out).map((d: { status: string }) => d.status),
      ['delivered', 'failed'],
    );
    const events = await ogoh(['alerts', 'list', '--db', db, '--json']);
    assert.deepEqual(
      JSON.parse(events.out).map((e: { state: string; attempts: number }) => [e.state, e.attempts]),
      [['delivered', 2]],
    );
    const human = await ogoh(['alerts', 'log', '--db', db]);
    assert.match(human.out, /failed +#1 500/);
  });

  test('alerts run: nothing new to raise or send; a disabled rule is not sent; remove', async () => {
    const run = await ogoh(['alerts', 'run', '--db', db, '--json'], ENV);
    assert.equal(run.code, 0, run.err);
    const report = JSON.parse(run.out);
    assert.equal(report.rules, 1);
    assert.deepEqual(report.raised, []);
    assert.equal(report.delivery.attempts, 0);
    assert.equal((await ogoh(['alerts', 'rules', 'disable', ruleId, '--db', db])).code, 0);
    const off = await ogoh(['alerts', 'test', ruleId, '--db', db, '--json'], ENV);
    assert.equal(off.code, 1, 'a disabled rule sends nothing, so the test is not delivered');
    assert.equal(got.length, 2);
    assert.equal((await ogoh(['alerts', 'rules', 'remove', ruleId, '--db', db])).code, 0);
    const gone = await ogoh(['alerts', 'rules', 'remove', ruleId, '--db', db]);
    assert.equal(gone.code, 1);
    assert.match(gone.err, /no alert rule/);
  });

  test('bad flags are usage errors naming the flag', async () => {
    const r = await ogoh([
      'alerts',
      'rules',
      'add',
      '--db',
      db,
      '--name',
      'x',
      '--kind',
      'convergence',
      '--url',
      url,
      '--threshold',
      'high',
    ]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--threshold/);
    const u = await ogoh([
      'alerts',
      'rules',
      'add',
      '--db',
      db,
      '--name',
      'x',
      '--kind',
      'convergence',
      '--url',
      'ftp://x',
    ]);
    assert.equal(u.code, 2);
    assert.match(u.err, /targetUrl/);
  });
});
