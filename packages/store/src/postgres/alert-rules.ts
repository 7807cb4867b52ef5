/**
 * The PostgreSQL adapter of the AlertStore port, with the semantics of sqlite/alert-rules.ts.
 * Claiming due events locks them with FOR UPDATE SKIP LOCKED, so concurrent senders split the due
 * events between them instead of queueing on each other or sending one event twice.
 */
import {
  type AlertDelivery,
  type AlertEvent,
  type AlertEventState,
  type AlertRule,
  type AlertStore,
  type ClaimedAlertEvent,
  OgohError,
} from '@ogoh/core';
import {
  DELIVERY_COLUMNS,
  type DeliveryRow,
  deliveryValues,
  EVENT_COLUMNS,
  type EventRow,
  eventValues,
  listLimit,
  nextState,
  RULE_COLUMNS,
  type RuleRow,
  rowToDelivery,
  rowToEvent,
  rowToRule,
  ruleConflict,
  ruleValues,
} from '../alert-rows.ts';
import { openPort, PostgresPort, type PostgresPortOptions } from './port.ts';

const marks = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');
const bool = (b: boolean) => b;

class PostgresAlertStore extends PostgresPort implements AlertStore {
  async addRule(rule: AlertRule): Promise<void> {
    try {
      await this.query(
        'cannot add alert rule',
        `INSERT INTO alert_rules (${RULE_COLUMNS}) VALUES (${marks(11)})`,
        ruleValues(rule, bool),
      );
    } catch (e) {
      if (e instanceof OgohError && /unique|duplicate/i.test(e.message))
        throw ruleConflict(rule.id, this.location);
      throw e;
    }
  }

  async getRule(id: string): Promise<AlertRule | undefined> {
    const [r] = await this.query<RuleRow>(
      'cannot read alert rules',
      `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE id = $1`,
      [id],
    );
    return r ? rowToRule(r) : undefined;
  }

  async listRules(): Promise<AlertRule[]> {
    return (
      await this.query<RuleRow>(
        'cannot read alert rules',
        `SELECT ${RULE_COLUMNS} FROM alert_rules ORDER BY seq`,
      )
    ).map(rowToRule);
  }

  async setRuleEnabled(id: string, enabled: boolean): Promise<boolean> {
    return this.tx(
      `cannot change alert rule ${id}`,
      async (tx) => (await tx.run('UPDATE alert_rules SET enabled = $1 WHERE id = $2', [enabled, id])) > 0,
    );
  }

  async removeRule(id: string): Promise<boolean> {
    return this.tx(
      `cannot remove alert rule ${id}`,
      async (tx) => (await tx.run('DELETE FROM alert_rules WHERE id = $1', [id])) > 0,
    );
  }

  async addEvents(events: AlertEvent[]): Promise<AlertEvent[]> {
    if (events.length === 0) return [];
    try {
      return await this.tx('cannot add alert events', async (tx) => {
        const added: AlertEvent[] = [];
        for (const e of events) {
          const n = await tx.run(
            `INSERT INTO alert_events (${EVENT_COLUMNS}) VALUES (${marks(8)}) ON CONFLICT (rule_id, fingerprint) DO NOTHING`,
            eventValues(e),
          );
          if (n > 0) added.push(e);
        }
        return added;
      });
    } catch (e) {
      if (e instanceof OgohError && /foreign key/i.test(e.message))
        throw new OgohError('NOT_FOUND', 'an event names an alert rule this store does not hold', {
          file: this.location,
          field: 'ruleId',
        });
      throw e;
    }
  }

  async listEvents(
    query: { ruleId?: string; state?: AlertEventState; limit?: number } = {},
  ): Promise<AlertEvent[]> {
    const limit = listLimit(query.limit);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.ruleId !== undefined) {
      params.push(query.ruleId);
      where.push(`rule_id = $${params.length}`);
    }
    if (query.state !== undefined) {
      params.push(query.state);
      where.push(`state = $${params.length}`);
    }
    params.push(limit);
    const rows = await this.query<EventRow>(
      'cannot read alert events',
      `SELECT ${EVENT_COLUMNS} FROM alert_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(rowToEvent);
  }

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<ClaimedAlertEvent[]> {
    const n = listLimit(limit, 50, 1000);
    return this.tx('cannot claim due alert events', async (tx) => {
      const rows = await tx.rows<EventRow>(
        `UPDATE alert_events SET attempts = attempts + 1, next_attempt_at = $2
         WHERE id IN (
           SELECT e.id FROM alert_events e JOIN alert_rules r ON r.id = e.rule_id
           WHERE e.state = 'pending' AND e.next_attempt_at COLLATE "C" <= $1 AND r.enabled
           ORDER BY e.next_attempt_at COLLATE "C", e.seq LIMIT $3
           FOR UPDATE OF e SKIP LOCKED)
         RETURNING ${EVENT_COLUMNS}, seq`,
        [now, leaseUntil, n],
      );
      rows.sort(
        (a, b) =>
          Number((a as unknown as { seq: string }).seq) - Number((b as unknown as { seq: string }).seq),
      );
      if (rows.length === 0) return [];
      const ruleIds = [...new Set(rows.map((r) => r.rule_id))];
      const rules = new Map(
        (await tx.rows<RuleRow>(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE id = ANY($1)`, [ruleIds])).map(
          (r) => [r.id, rowToRule(r)],
        ),
      );
      return rows.map((r) => {
        const event = rowToEvent(r);
        return { event, rule: rules.get(r.rule_id)!, attempt: event.attempts };
      });
    });
  }

  async recordDelivery(delivery: AlertDelivery): Promise<void> {
    const { state, next } = nextState(delivery);
    await this.tx(`cannot log the delivery of alert event ${delivery.eventId}`, async (tx) => {
      const changed = await tx.run('UPDATE alert_events SET state = $1, next_attempt_at = $2 WHERE id = $3', [
        state,
        next,
        delivery.eventId,
      ]);
      if (changed === 0)
        throw new OgohError('NOT_FOUND', `no alert event "${delivery.eventId}" in this store`, {
          file: this.location,
          field: 'eventId',
        });
      await tx.run(
        `INSERT INTO alert_deliveries (${DELIVERY_COLUMNS}) VALUES (${marks(10)})`,
        deliveryValues(delivery),
      );
    });
  }

  async listDeliveries(
    query: { eventId?: string; ruleId?: string; limit?: number } = {},
  ): Promise<AlertDelivery[]> {
    const limit = listLimit(query.limit);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.eventId !== undefined) {
      params.push(query.eventId);
      where.push(`event_id = $${params.length}`);
    }
    if (query.ruleId !== undefined) {
      params.push(query.ruleId);
      where.push(`rule_id = $${params.length}`);
    }
    params.push(limit);
    const rows = await this.query<DeliveryRow>(
      'cannot read the alert delivery log',
      `SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(rowToDelivery);
  }
}

export async function openPostgresAlertStore(
  url: string,
  options: PostgresPortOptions = {},
): Promise<AlertStore> {
  return openPort(url, options, (db) => new PostgresAlertStore(db));
}
