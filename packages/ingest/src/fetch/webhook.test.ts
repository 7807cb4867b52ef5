/**
 * postWebhook's guard: loopback and private targets pass only with allowPrivate, metadata and
 * link-local ones never; a host name is checked after DNS (a public-looking name resolving to
 * 127.0.0.1 is refused); the body is sent byte for byte and any HTTP answer comes back.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { postWebhook } from './webhook.ts';

let port = 0;
const bodies: string[] = [];
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    bodies.push(Buffer.concat(chunks).toString('utf8'));
    res.statusCode = req.url === '/fail' ? 503 : 202;
    res.end('accepted — қабул шуд');
  });
});
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const blocked = (e: unknown) => isOgohError(e) && e.code === 'FETCH_BLOCKED';

test('loopback needs allowPrivate; the body arrives byte for byte; any status comes back', async () => {
  const body = JSON.stringify({ text: 'Неругоҳи Роғун' });
  await assert.rejects(postWebhook(`http://127.0.0.1:${port}/hook`, body), blocked);
  const ok = await postWebhook(`http://127.0.0.1:${port}/hook`, body, { allowPrivate: true });
  assert.equal(ok.status, 202);
  assert.equal(ok.snippet, 'accepted — қабул шуд');
  assert.equal(bodies.at(-1), body);
  const failed = await postWebhook(`http://127.0.0.1:${port}/fail`, body, { allowPrivate: true });
  assert.equal(failed.status, 503);
});

test('a name resolving to loopback is refused after DNS; metadata and link-local never pass', async () => {
  const to = (ip: string) => async () => [ip];
  await assert.rejects(
    postWebhook(`http://hooks.example.org:${port}/hook`, '{}', { resolve: to('127.0.0.1') }),
    blocked,
  );
  const viaName = await postWebhook(`http://hooks.example.org:${port}/hook`, '{}', {
    resolve: to('127.0.0.1'),
    allowPrivate: true,
  });
  assert.equal(viaName.status, 202);
  for (const ip of ['169.254.169.254', 'fe80::1'])
    await assert.rejects(
      postWebhook('http://meta.example.org/latest', '{}', { resolve: to(ip), allowPrivate: true }),
      blocked,
    );
  await assert.rejects(postWebhook('ftp://x.org/', '{}'), (e) => isOgohError(e) && e.code === 'USAGE');
});
