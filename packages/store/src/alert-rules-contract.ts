/**
 * The AlertStore contract: what every adapter must do, run against SQLite and PostgreSQL by
 * alert-rules.test.ts. `open` makes a fresh store; `openTwin` a second handle on the same one.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type AlertEvent, type AlertRule, type AlertStore, isOgohError } from '@ogoh/core';

const T0 = '2026-11-27T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function alertRule(id: string, over: Partial<AlertRule> = {}): AlertRule {
  return {
    id,
    name: `rule ${id}`,
    kind: 'narrative_spike',
    params: { label: 'nar.energy.rogun', threshold: 3 },
    targetUrl: 'https://hooks.example.org/ogoh',
    secret: 'a-secret-of-enough-length',
    enabled: true,
    maxAttempts: 3,
    createdBy: 'admin',
    createdAt: T0,
    ...over,
  };
}

export function alertEvent(id: string, ruleId: string, fingerprint: string, due = T0): AlertEvent {
  return {
    id,
    ruleId,
    fingerprint,
    payload: { kind: 'narrative_spike', cause: fingerprint, детали: 'Рогун' },
    state: 'pending',
    attempts: 0,
    nextAttemptAt: due,
    createdAt: T0,
  };
}

export function alertStoreContract(
  name: string,
  open: () => Promise<{ alerts: AlertStore; openTwin: () => Promise<AlertStore> }>,
  cleanup: () => Promise<void> = async () => {},
): void {
  describe(`AlertStore contract (${name})`, () => {
    after(cleanup);

    test('rules round-trip; a second rule with the same id is a CONFLICT; enable, disable, remove', async () => {
      const { alerts } = await open();
      try {
        const a = alertRule('r1', { allowPrivate: true });
        const b = alertRule('r2', {
          kind: 'source_joins_story',
          params: { storyId: 'st_1', knownSources: ['s1'] },
        });
        await alerts.addRule(a);
        await alerts.addRule(b);
        assert.deepEqual(await alerts.getRule('r1'), a);
        assert.deepEqual(await alerts.listRules(), [a, b]);
        await assert.rejects(alerts.addRule(alertRule('r1')), (e) => isOgohError(e) && e.code === 'CONFLICT');
        assert.equal(await alerts.setRuleEnabled('r2', false), true);
        assert.equal((await alerts.getRule('r2'))?.enabled, false);
        assert.equal(await alerts.setRuleEnabled('nope', false), false);
        assert.equal(await alerts.removeRule('r1'), true);
        assert.equal(await alerts.removeRule('r1'), false);
        assert.equal(await alerts.getRule('r1'), undefined);
      } finally {
        await alerts.close();
      }
    });

    test('events are raised once per rule and cause; an unknown rule is NOT_FOUND', async () => {
      const { alerts } = await open();
      try {
        await alerts.addRule(alertRule('r1'));
        await alerts.addRule(alertRule('r2'));
        const first = await alerts.addEvents([
          alertEvent('e1', 'r1', 'spike:a'),
          alertEvent('e2', 'r1', 'spike:b'),
        ]);
        assert.deepEqual(
          first.map((e) => e.id),
          ['e1', 'e2'],
        );
        const again = await alerts.addEvents([
          alertEvent('e3', 'r1', 'spike:a'),
          alertEvent('e4', 'r2', 'spike:a'),
        ]);
        assert.deepEqual(
          again.map((e) => e.id),
          ['e4'],
          'the same cause under another rule is a new event; under the same rule it is not',
        );
        const listed = await alerts.listEvents();
        assert.deepEqual(
          listed.map((e) => e.id),
          ['e4', 'e2', 'e1'],
        );
        assert.deepEqual(listed[2], alertEvent('e1', 'r1', 'spike:a'));
        assert.deepEqual(
          (await alerts.listEvents({ ruleId: 'r2' })).map((e) => e.id),
          ['e4'],
        );
        await assert.rejects(
          alerts.addEvents([alertEvent('e9', 'ghost', 'x')]),
          (e) => isOgohError(e) && e.code === 'NOT_FOUND' && e.field === 'ruleId',
        );
      } finally {
        await alerts.close();
      }
    });

    test('claiming leases due events: not again until the lease ends, then again (a crashed send is retried)', async () => {
      const { alerts } = await open();
      try {
        await alerts.addRule(alertRule('r1'));
        await alerts.addRule(alertRule('off', { enabled: false }));
        await alerts.addEvents([
          alertEvent('e1', 'r1', 'a', at(0)),
          alertEvent('e2', 'r1', 'b', at(10)),
          alertEvent('e3', 'off', 'a', at(0)),
        ]);
        const claimed = await alerts.claimDue(at(1), at(6), 10);
        assert.deepEqual(
          claimed.map((c) => [c.event.id, c.attempt, c.rule.id]),
          [['e1', 1, 'r1']],
          'only due events of enabled rules',
        );
        assert.equal(claimed[0]?.event.nextAttemptAt, at(6));
        assert.deepEqual(await alerts.claimDue(at(2), at(7), 10), [], 'leased');
        const retried = await alerts.claimDue(at(6), at(11), 10);
        assert.deepEqual(
          retried.map((c) => [c.event.id, c.attempt]),
          [['e1', 2]],
          'after the lease the event is due again, with its attempt counted',
        );
      } finally {
        await alerts.close();
      }
    });

    test('delivery outcomes: failed → due again later, delivered and dead end it; the log lists attempts newest first', async () => {
      const { alerts } = await open();
      try {
        await alerts.addRule(alertRule('r1'));
        await alerts.addEvents([alertEvent('e1', 'r1', 'a'), alertEvent('e2', 'r1', 'b')]);
        const [c1, c2] = await alerts.claimDue(at(0), at(5), 10);
        assert.ok(c1 && c2);
        await alerts.recordDelivery({
          id: 'd1',
          eventId: 'e1',
          ruleId: 'r1',
          attempt: 1,
          status: 'failed',
          httpStatus: 500,
          error: 'HTTP 500',
          durationMs: 12.5,
          at: at(0),
          nextAttemptAt: at(2),
        });
        await alerts.recordDelivery({
          id: 'd2',
          eventId: 'e2',
          ruleId: 'r1',
          attempt: 1,
          status: 'dead',
          at: at(0),
        });
        assert.deepEqual(
          (await alerts.claimDue(at(3), at(8), 10)).map((c) => [c.event.id, c.attempt]),
          [['e1', 2]],
        );
        await alerts.recordDelivery({
          id: 'd3',
          eventId: 'e1',
          ruleId: 'r1',
          attempt: 2,
          status: 'delivered',
          httpStatus: 204,
          at: at(3),
        });
        assert.deepEqual(await alerts.claimDue(at(100), at(105), 10), []);
        const events = await alerts.listEvents();
        assert.deepEqual(
          events.map((e) => [e.id, e.state, e.attempts, e.nextAttemptAt]),
          [
            ['e2', 'dead', 1, undefined],
            ['e1', 'delivered', 2, undefined],
          ],
        );
        assert.deepEqual(await alerts.listEvents({ state: 'dead' }), [events[0]]);
        const log = await alerts.listDeliveries();
        assert.deepEqual(
          log.map((d) => d.id),
          ['d3', 'd2', 'd1'],
        );
        assert.deepEqual(log[2], {
          id: 'd1',
          eventId: 'e1',
          ruleId: 'r1',
          attempt: 1,
          status: 'failed',
          httpStatus: 500,
          error: 'HTTP 500',
          durationMs: 12.5,
          at: at(0),
          nextAttemptAt: at(2),
        });
        assert.deepEqual(
          (await alerts.listDeliveries({ eventId: 'e2' })).map((d) => d.id),
          ['d2'],
        );
        await assert.rejects(
          alerts.recordDelivery({
            id: 'd9',
            eventId: 'ghost',
            ruleId: 'r1',
            attempt: 1,
            status: 'dead',
            at: at(0),
          }),
          (e) => isOgohError(e) && e.code === 'NOT_FOUND',
        );
        assert.equal(await alerts.removeRule('r1'), true);
        assert.deepEqual(await alerts.listEvents(), [], 'removing a rule removes its events');
        assert.deepEqual(await alerts.listDeliveries(), [], 'and their delivery log');
      } finally {
        await alerts.close();
      }
    });

    test('two senders claiming at once never take the same event', async () => {
      const { alerts, openTwin } = await open();
      const twin = await openTwin();
      try {
        await alerts.addRule(alertRule('r1'));
        await alerts.addEvents(Array.from({ length: 40 }, (_, i) => alertEvent(`e${i}`, 'r1', `c${i}`)));
        const rounds = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 ? twin : alerts).claimDue(at(1), at(30), 7)),
        );
        const ids = rounds.flat().map((c) => c.event.id);
        assert.equal(new Set(ids).size, ids.length, 'no event claimed twice');
        assert.equal(ids.length, 40);
      } finally {
        await twin.close();
        await alerts.close();
      }
    });
  });
}
