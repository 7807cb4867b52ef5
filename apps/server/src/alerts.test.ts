/**
 * /api/alerts: admins make, change, test and remove rules (the secret shown once); analysts read
 * rules without secrets, events and the delivery log; viewers see none of it. A test send reaches a
 * receiver on 127.0.0.1 only because the operator allowed private targets.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type Fixture, fixture } from './testing.ts';

type Role = 'viewer' | 'analyst' | 'admin';
let f: Fixture;
const got: { body: string; signature: string; timestamp: string }[] = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    got.push({
      body: Buffer.concat(chunks).toString('utf8'),
      signature: String(req.headers['x-ogoh-signature']),
      timestamp: String(req.headers['x-ogoh-timestamp']),
    });
    res.statusCode = 200;
    res.end('ok');
  });
});
let url = '';
const saved = process.env.OGOH_ALERTS_ALLOW_PRIVATE;

before(async () => {
  f = await fixture({ demoItems: 0 });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
after(async () => {
  if (saved === undefined) delete process.env.OGOH_ALERTS_ALLOW_PRIVATE;
  else process.env.OGOH_ALERTS_ALLOW_PRIVATE = saved;
  await new Promise<void>((r) => receiver.close(() => r()));
  await f?.close();
});

async function call(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  role: Role,
  payload?: unknown,
) {
  const res = await f.server.inject({
    method,
    url: path,
    headers: { authorization: `Bearer ${f.keys[role]}` },
    ...(payload !== undefined ? { payload: payload as string } : {}),
  });
  const json = /json/.test(String(res.headers['content-type'])) ? res.json() : undefined;
  return { status: res.statusCode, body: json, text: res.body };
}

describe('/api/alerts', () => {
  let id = '';
  let secret = '';

  test('only admins add rules; the secret comes back once; analysts list without it; viewers not at all', async () => {
    const body = {
      name: 'Роғун claims',
      kind: 'claim_match',
      targetUrl: url,
      threshold: 0.7,
      allowPrivate: true,
    };
    assert.equal((await call('POST', '/api/alerts/rules', 'analyst', body)).status, 403);
    delete process.env.OGOH_ALERTS_ALLOW_PRIVATE;
    const refused = await call('POST', '/api/alerts/rules', 'admin', body);
    assert.equal(refused.status, 403, 'a private target needs the operator');
    assert.match(refused.text, /OGOH_ALERTS_ALLOW_PRIVATE/);
    process.env.OGOH_ALERTS_ALLOW_PRIVATE = '1';
    const r = await call('POST', '/api/alerts/rules', 'admin', body);
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body.params, { threshold: 0.7 });
    assert.ok(r.body.secret.length >= 16);
    id = r.body.id;
    secret = r.body.secret;
    const list = await call('GET', '/api/alerts/rules', 'analyst');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.rules.map((x: { id: string; secret: string }) => [x.id, x.secret]),
      [[id, '***']],
    );
    assert.equal((await call('GET', '/api/alerts/rules', 'viewer')).status, 403);
    assert.equal((await call('GET', '/api/alerts/events', 'viewer')).status, 403);
  });

  test('bad rules answer 422 naming the field', async () => {
    const bad = await call('POST', '/api/alerts/rules', 'admin', {
      name: 'x',
      kind: 'claim_match',
      targetUrl: 'ftp://x',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /targetUrl/);
    const story = await call('POST', '/api/alerts/rules', 'admin', {
      name: 'x',
      kind: 'source_joins_story',
      targetUrl: url,
    });
    assert.equal(story.status, 422);
    assert.match(story.text, /storyId/);
  });

  test('a test send is signed and delivered; events and the log show it to analysts', async () => {
    const r = await call('POST', `/api/alerts/rules/${id}/test`, 'admin');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.delivered, true);
    assert.equal(got.length, 1);
    const g = got[0]!;
    assert.equal(
      g.signature,
      `sha256=${createHmac('sha256', secret).update(`${g.timestamp}.${g.body}`).digest('hex')}`,
    );
    const events = await call('GET', `/api/alerts/events?rule=${id}`, 'analyst');
    assert.deepEqual(
      events.body.events.map((e: { id: string; state: string }) => [e.id, e.state]),
      [[r.body.event.id, 'delivered']],
    );
    const log = await call('GET', '/api/alerts/deliveries', 'analyst');
    assert.deepEqual(
      log.body.deliveries.map((d: { status: string; httpStatus: number }) => [d.status, d.httpStatus]),
      [['delivered', 200]],
    );
    assert.equal((await call('POST', `/api/alerts/rules/${id}/test`, 'analyst')).status, 403);
  });

  test('disable, remove; a rule that is gone is 404', async () => {
    assert.equal((await call('PATCH', `/api/alerts/rules/${id}`, 'analyst', { enabled: false })).status, 403);
    assert.equal((await call('PATCH', `/api/alerts/rules/${id}`, 'admin', { enabled: false })).status, 204);
    assert.equal((await call('GET', '/api/alerts/rules', 'analyst')).body.rules[0].enabled, false);
    assert.equal((await call('DELETE', `/api/alerts/rules/${id}`, 'admin')).status, 204);
    assert.equal((await call('DELETE', `/api/alerts/rules/${id}`, 'admin')).status, 404);
    assert.equal((await call('PATCH', `/api/alerts/rules/${id}`, 'admin', { enabled: true })).status, 404);
    assert.deepEqual((await call('GET', '/api/alerts/events', 'analyst')).body.events, []);
  });
});
