/**
 * Alert rules through the use cases on SQLite (and PostgreSQL when OGOH_TEST_PG is set): each rule
 * kind raises one event per cause however often it is evaluated, deliveries are signed, retried
 * with backoff after a 500, given up after the last attempt, and a send that died mid-way (a lease
 * never released) is sent again once the lease ends.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { testFactories as f, openAlertStore, openTraceStore } from '@ogoh/store';
import postgres from 'postgres';
import { type Ogoh, openOgoh } from '../context.ts';
import {
  addAlertRule,
  alertsAfterAnalyse,
  deliverDueAlerts,
  evaluateAlerts,
  listAlertDeliveries,
  listAlertEvents,
  listAlertRules,
  retryDelayMs,
  sendTestAlert,
  setAlertRuleEnabled,
  verifyAlertSignature,
} from './alerts.ts';

const ENV = { OGOH_ALERTS_ALLOW_PRIVATE: '1' };

/** A receiver on 127.0.0.1 answering from a script of statuses (then 200), keeping what it got. */
async function receiver(script: number[]) {
  const got: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = script.shift() ?? 200;
      res.end(res.statusCode === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, got, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function suite(name: string, location: () => Promise<string>, cleanup: () => Promise<void>) {
  describe(`alerts: ${name}`, () => {
    let t = Date.parse('2026-03-10T12:00:00.000Z');
    let app: Ogoh;
    before(async () => {
      app = await openOgoh({ db: await location(), clock: { now: () => new Date(t) } });
    });
    after(async () => {
      await app?.close();
      await cleanup();
    });

    test('every rule kind raises one event per new cause; evaluating again raises nothing', async () => {
      const old = new Date(t - 86_400_000).toISOString();
      await app.store.putSource(f.source({ id: 'src-a', name: 'Ахбори рӯз' }));
      await app.store.putSource(f.source({ id: 'src-b', name: 'Ava' }));
      const origin = f.item({ sourceId: 'src-a', text: 'Неругоҳи Роғун барқро ба Афғонистон мефурӯшад' });
      const copy = f.item({
        sourceId: 'src-b',
        text: 'Неругохи Рогун баркро ба Афгонистон мефурушад',
        lang: 'tg',
      });
      await app.store.writeBatch({ items: [origin, copy] });
      await app.store.assignStories([{ storyId: 'st_r', itemId: origin.id, link: 'first', similarity: 1 }]);
      const r = await receiver([]);
      try {
        const mk = (
          name: string,
          kind: 'narrative_spike' | 'convergence' | 'source_joins_story' | 'claim_match',
          params = {},
        ) => addAlertRule(app, { name, kind, params, targetUrl: r.url, allowPrivate: true }, 'admin', ENV);
        const spike = await mk('spike', 'narrative_spike', { label: 'nar.rogun', threshold: 4 });
        const conv = await mk('conv', 'convergence', { threshold: 0.5 });
        const join = await mk('join', 'source_joins_story', { storyId: 'st_r' });
        const claim = await mk('claim', 'claim_match', { label: 'cl-1', threshold: 0.7 });
        assert.deepEqual(join.params.knownSources, ['src-a'], 'the sources already there are recorded');
        assert.equal(spike.secret.length >= 16, true);
        assert.ok(
          (await listAlertRules(app)).every((x) => x.secret === '***'),
          'listing never shows secrets',
        );

        t += 60_000;
        const now = new Date(t).toISOString();
        const trace = await openTraceStore(app.location);
        const alert = (key: string, score: number, day: string) => ({
          id: `al_${key}_${day}`,
          kind: 'spike' as const,
          by: 'narrative' as const,
          key,
          day,
          value: 9,
          baseline: 1,
          score,
          itemIds: [origin.id],
          detail: {},
          createdAt: now,
        });
        await trace.putAlerts([
          alert('nar.rogun', 6, '2026-03-10'),
          alert('nar.rogun', 3, '2026-03-09'), // below the threshold
          alert('nar.other', 9, '2026-03-10'), // another narrative
          alert('nar.rogun', 8, '2026-01-01'), // long before the rule
        ]);
        await trace.close();
        const det = (
          id: string,
          kind: 'convergence' | 'claim',
          label: string,
          score: number,
          createdAt = now,
        ) => f.detection({ id, itemId: origin.id, kind, label, score, createdAt });
        await app.store.replaceDetections(
          [origin.id],
          [
            det('dt_c1', 'convergence', 'cp-1', 0.8),
            det('dt_c2', 'convergence', 'cp-2', 0.2),
            det('dt_c3', 'convergence', 'cp-3', 0.9, old),
            det('dt_k1', 'claim', 'cl-1', 0.9),
            det('dt_k2', 'claim', 'cl-2', 0.95),
          ],
          { models: ['test'] },
        );
        await app.store.assignStories([{ storyId: 'st_r', itemId: copy.id, link: 'near', similarity: 0.9 }]);

        const first = await evaluateAlerts(app);
        assert.deepEqual(first.problems, []);
        const by = (ruleId: string) =>
          first.raised.filter((e) => e.ruleId === ruleId).map((e) => e.fingerprint);
        assert.deepEqual(by(spike.id), ['spike:al_nar.rogun_2026-03-10']);
        assert.deepEqual(by(conv.id), ['det:dt_c1'], 'above the threshold and found after the rule was made');
        assert.deepEqual(by(join.id), ['join:st_r:src-b']);
        assert.deepEqual(by(claim.id), ['det:dt_k1']);
        const joined = first.raised.find((e) => e.ruleId === join.id)!;
        assert.deepEqual(joined.payload, {
          kind: 'source_joins_story',
          storyId: 'st_r',
          sourceId: 'src-b',
          itemIds: [copy.id],
        });

        t += 60_000;
        const second = await evaluateAlerts(app);
        assert.deepEqual(second.raised, [], 'the same causes raise nothing the second time');
        assert.equal((await listAlertEvents(app)).length, 4);

        const sent = await deliverDueAlerts(app, { env: ENV });
        assert.equal(sent.delivered, 4);
        assert.equal(r.got.length, 4);
        for (const g of r.got) {
          const rule = [spike, conv, join, claim].find((x) => JSON.parse(g.body).rule.id === x.id)!;
          assert.ok(
            verifyAlertSignature(
              rule.secret,
              {
                signature: g.headers['x-ogoh-signature'] as string,
                timestamp: g.headers['x-ogoh-timestamp'] as string,
              },
              g.body,
            ),
          );
        }
        assert.equal((await deliverDueAlerts(app, { env: ENV })).attempts, 0, 'nothing left to send');
      } finally {
        await r.close();
      }
    });

    test('a 500 is retried with backoff and delivered; the log holds both attempts; a tampered body fails the check', async () => {
      const r = await receiver([500]);
      try {
        const rule = await addAlertRule(
          app,
          { name: 'retry', kind: 'claim_match', targetUrl: r.url, allowPrivate: true, maxAttempts: 3 },
          'admin',
          ENV,
        );
        const { event, delivery } = await sendTestAlert(app, rule.id, {
          env: ENV,
          backoffMs: 60_000,
          random: () => 0.5,
        });
        assert.equal(delivery.failed, 1);
        assert.equal(delivery.delivered, 0);
        const failed = delivery.deliveries[0]!;
        assert.equal(failed.httpStatus, 500);
        assert.match(failed.error ?? '', /HTTP 500/);
        assert.equal(Date.parse(failed.nextAttemptAt!) - t, 45_000, '60 s backoff with half of it jittered');
        assert.equal((await deliverDueAlerts(app, { env: ENV })).attempts, 0, 'not due before its time');
        t += 45_000;
        const retried = await deliverDueAlerts(app, { env: ENV });
        assert.equal(retried.delivered, 1);
        const log = await listAlertDeliveries(app, { eventId: event.id });
        assert.deepEqual(
          log.map((d) => [d.attempt, d.status, d.httpStatus]),
          [
            [2, 'delivered', 200],
            [1, 'failed', 500],
          ],
        );
        const [a, b] = r.got;
        assert.equal(a!.headers['x-ogoh-event'], event.id);
        assert.equal(
          b!.headers['x-ogoh-event'],
          event.id,
          'the event id is the idempotency key on every attempt',
        );
        assert.notEqual(a!.headers['x-ogoh-delivery'], b!.headers['x-ogoh-delivery']);
        assert.equal(a!.body, b!.body, 'the same body on every attempt');
        const sig = {
          signature: b!.headers['x-ogoh-signature'] as string,
          timestamp: b!.headers['x-ogoh-timestamp'] as string,
        };
        assert.ok(verifyAlertSignature(rule.secret, sig, b!.body));
        assert.equal(verifyAlertSignature(rule.secret, sig, b!.body.replace('test', 'tost')), false);
        assert.equal(verifyAlertSignature('another-secret-entirely', sig, b!.body), false);
        assert.equal(
          verifyAlertSignature(rule.secret, sig, b!.body, { nowSec: Number(sig.timestamp) + 3600 }),
          false,
          'an old request (a replay) is refused',
        );
      } finally {
        await r.close();
      }
    });

    test('after the last attempt the event is dead; a send that died mid-way is sent again after its lease', async () => {
      const r = await receiver([500, 500, 500]);
      try {
        const rule = await addAlertRule(
          app,
          { name: 'dead', kind: 'claim_match', targetUrl: r.url, allowPrivate: true, maxAttempts: 2 },
          'admin',
          ENV,
        );
        const { event } = await sendTestAlert(app, rule.id, { env: ENV, backoffMs: 0 });
        const states = (await listAlertEvents(app, { ruleId: rule.id })).map((e) => [
          e.id,
          e.state,
          e.attempts,
        ]);
        assert.deepEqual(
          states,
          [[event.id, 'dead', 2]],
          'a zero backoff retries within the run, then gives up',
        );
        assert.equal((await listAlertDeliveries(app, { eventId: event.id }))[0]?.status, 'dead');

        // a sender claims an event and dies before sending or recording anything
        const crash = await sendTestAlert(app, rule.id, { env: {} }); // private target refused: failed, due in ~30 s
        assert.match(
          (await listAlertDeliveries(app, { eventId: crash.event.id }))[0]?.error ?? '',
          /refused to connect/,
        );
        t += 3_600_000;
        const store = await openAlertStore(app.location);
        const lease = new Date(t + 120_000).toISOString();
        assert.equal((await store.claimDue(new Date(t).toISOString(), lease, 10)).length, 1);
        await store.close();
        assert.equal((await deliverDueAlerts(app, { env: ENV })).attempts, 0, 'leased by the dead sender');
        t += 121_000;
        const after = await deliverDueAlerts(app, { env: ENV });
        assert.equal(after.attempts, 1);
        assert.equal(after.deliveries[0]?.eventId, crash.event.id);
        assert.equal(after.deliveries[0]?.status, 'dead', 'its third attempt, counted by the claim');
      } finally {
        await r.close();
      }
    });

    test('at the end of analysis: run when a rule is enabled, skipped otherwise, never thrown', async () => {
      const ran = await alertsAfterAnalyse(app, { env: ENV, backoffMs: 60_000 });
      assert.ok(ran && 'rules' in ran && ran.rules > 0);
      for (const r of await listAlertRules(app)) await setAlertRuleEnabled(app, r.id, false);
      assert.equal(await alertsAfterAnalyse(app), undefined);
      const mem = await openOgoh({ db: ':memory:' });
      try {
        assert.equal(await alertsAfterAnalyse(mem), undefined);
      } finally {
        await mem.close();
      }
    });

    test('bad rules are coded errors naming the field; private targets need the operator', async () => {
      const reject = async (p: Promise<unknown>, code: string, field: string) =>
        assert.rejects(p, (e) => isOgohError(e) && e.code === code && e.field === field);
      await reject(
        addAlertRule(app, { name: 'x', kind: 'claim_match', targetUrl: 'ftp://x.org/' }, 'a'),
        'INPUT_FIELD',
        'targetUrl',
      );
      await reject(
        addAlertRule(app, { name: 'x', kind: 'source_joins_story', targetUrl: 'https://x.org/' }, 'a'),
        'INPUT_FIELD',
        'params.storyId',
      );
      await reject(
        addAlertRule(
          app,
          {
            name: 'x',
            kind: 'source_joins_story',
            params: { storyId: 'st_nope' },
            targetUrl: 'https://x.org/',
          },
          'a',
        ),
        'NOT_FOUND',
        'params.storyId',
      );
      await reject(
        addAlertRule(
          app,
          { name: 'x', kind: 'convergence', params: { threshold: 3 }, targetUrl: 'https://x.org/' },
          'a',
        ),
        'INPUT_FIELD',
        'params.threshold',
      );
      await reject(
        addAlertRule(
          app,
          { name: 'x', kind: 'claim_match', targetUrl: 'http://127.0.0.1:9/', allowPrivate: true },
          'a',
          {},
        ),
        'FORBIDDEN',
        'allowPrivate',
      );
      await reject(sendTestAlert(app, 'ar_nope'), 'NOT_FOUND', 'rule');
    });
  });
}

test('retry delays grow exponentially, are capped and jittered within [half, full]', () => {
  assert.equal(
    retryDelayMs(1, 1000, 60_000, () => 0),
    500,
  );
  assert.equal(
    retryDelayMs(1, 1000, 60_000, () => 1),
    1000,
  );
  assert.equal(
    retryDelayMs(4, 1000, 60_000, () => 1),
    8000,
  );
  assert.equal(
    retryDelayMs(20, 1000, 60_000, () => 1),
    60_000,
  );
});

const dir = mkdtempSync(join(tmpdir(), 'ogoh-alerts-app-'));
suite(
  'sqlite',
  async () => join(dir, 'a.db'),
  async () => rmSync(dir, { recursive: true, force: true }),
);
const url = process.env.OGOH_TEST_PG;
if (url) {
  const schema = `alapp${process.pid}_${Date.now().toString(36)}`;
  suite(
    'postgres',
    async () => {
      const u = new URL(url);
      u.searchParams.set('schema', schema);
      return u.toString();
    },
    async () => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  );
} else test('alerts on PostgreSQL', { skip: 'OGOH_TEST_PG is not set' }, () => {});
