/**
 * The SQLite adapter of the AlertStore port (alert rules, events, delivery log). Claiming due events
 * is one write transaction (BEGIN IMMEDIATE), so two senders on one file never take the same event.
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
import { type Db, isConstraintError, openDb, sqliteError } from './db.ts';
import { migrate } from './migrate.ts';

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const bool = (b: boolean) => (b ? 1 : 0);

class SqliteAlertStore implements AlertStore {
  private readonly handle: Db;
  private closed = false;

  constructor(db: Db) {
    this.handle = db;
  }

  private get db(): Db {
    if (this.closed)
      throw new OgohError('STORE', `the store ${this.handle.path} is closed`, { file: this.handle.path });
    return this.handle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handle.close();
  }

  private run<T>(what: string, fn: (db: Db) => T): T {
    const db = this.db;
    try {
      return fn(db);
    } catch (e) {
      throw sqliteError(e, what, db.path);
    }
  }

  async addRule(rule: AlertRule): Promise<void> {
    const db = this.db;
    try {
      db.stmt(`INSERT INTO alert_rules (${RULE_COLUMNS}) VALUES (${marks(11)})`).run(
        ...ruleValues(rule, bool),
      );
    } catch (e) {
      if (isConstraintError(e) && /UNIQUE/.test(String(e))) throw ruleConflict(rule.id, db.path);
      throw sqliteError(e, `cannot add alert rule ${rule.id}`, db.path);
    }
  }

  async getRule(id: string): Promise<AlertRule | undefined> {
    return this.run('cannot read alert rules', (db) => {
      const r = db.stmt(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE id = ?`).get(id) as
        | RuleRow
        | undefined;
      return r ? rowToRule(r) : undefined;
    });
  }

  async listRules(): Promise<AlertRule[]> {
    return this.run('cannot read alert rules', (db) =>
      (db.stmt(`SELECT ${RULE_COLUMNS} FROM alert_rules ORDER BY seq`).all() as RuleRow[]).map(rowToRule),
    );
  }

  async setRuleEnabled(id: string, enabled: boolean): Promise<boolean> {
    return this.run(`cannot change alert rule ${id}`, (db) =>
      db.write(
        () => db.stmt('UPDATE alert_rules SET enabled = ? WHERE id = ?').run(bool(enabled), id).changes > 0,
      ),
    );
  }

  async removeRule(id: string): Promise<boolean> {
    return this.run(`cannot remove alert rule ${id}`, (db) =>
      db.write(() => db.stmt('DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0),
    );
  }

  async addEvents(events: AlertEvent[]): Promise<AlertEvent[]> {
    if (events.length === 0) return [];
    const db = this.db;
    try {
      return db.write(() => {
        const insert = db.stmt(
          `INSERT INTO alert_events (${EVENT_COLUMNS}) VALUES (${marks(8)}) ON CONFLICT (rule_id, fingerprint) DO NOTHING`,
        );
        return events.filter((e) => insert.run(...eventValues(e)).changes > 0);
      });
    } catch (e) {
      if (isConstraintError(e) && /FOREIGN KEY/.test(String(e)))
        throw new OgohError('NOT_FOUND', 'an event names an alert rule this store does not hold', {
          file: db.path,
          field: 'ruleId',
        });
      throw sqliteError(e, 'cannot add alert events', db.path);
    }
  }

  async listEvents(
    query: { ruleId?: string; state?: AlertEventState; limit?: number } = {},
  ): Promise<AlertEvent[]> {
    const limit = listLimit(query.limit);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.ruleId !== undefined) {
      where.push('rule_id = ?');
      params.push(query.ruleId);
    }
    if (query.state !== undefined) {
      where.push('state = ?');
      params.push(query.state);
    }
    const sql = `SELECT ${EVENT_COLUMNS} FROM alert_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return this.run('cannot read alert events', (db) =>
      (db.stmt(sql).all(...params, limit) as EventRow[]).map(rowToEvent),
    );
  }

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<ClaimedAlertEvent[]> {
    const n = listLimit(limit, 50, 1000);
    return this.run('cannot claim due alert events', (db) =>
      db.write(() => {
        const rows = db
          .stmt(
            `SELECT ${EVENT_COLUMNS.replace(/(^|, )/g, '$1e.')} FROM alert_events e JOIN alert_rules r ON r.id = e.rule_id
             WHERE e.state = 'pending' AND e.next_attempt_at <= ? AND r.enabled = 1
             ORDER BY e.next_attempt_at, e.seq LIMIT ?`,
          )
          .all(now, n) as EventRow[];
        const bump = db.stmt(
          'UPDATE alert_events SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?',
        );
        const rule = db.stmt(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE id = ?`);
        return rows.map((r) => {
          bump.run(leaseUntil, r.id);
          const event = rowToEvent({ ...r, attempts: r.attempts + 1, next_attempt_at: leaseUntil });
          return { event, rule: rowToRule(rule.get(r.rule_id) as RuleRow), attempt: event.attempts };
        });
      }),
    );
  }

  async recordDelivery(delivery: AlertDelivery): Promise<void> {
    const { state, next } = nextState(delivery);
    this.run(`cannot log the delivery of alert event ${delivery.eventId}`, (db) =>
      db.write(() => {
        const changed = db
          .stmt('UPDATE alert_events SET state = ?, next_attempt_at = ? WHERE id = ?')
          .run(state, next, delivery.eventId).changes;
        if (changed === 0)
          throw new OgohError('NOT_FOUND', `no alert event "${delivery.eventId}" in this store`, {
            file: db.path,
            field: 'eventId',
          });
        db.stmt(`INSERT INTO alert_deliveries (${DELIVERY_COLUMNS}) VALUES (${marks(10)})`).run(
          ...deliveryValues(delivery),
        );
      }),
    );
  }

  async listDeliveries(
    query: { eventId?: string; ruleId?: string; limit?: number } = {},
  ): Promise<AlertDelivery[]> {
    const limit = listLimit(query.limit);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.eventId !== undefined) {
      where.push('event_id = ?');
      params.push(query.eventId);
    }
    if (query.ruleId !== undefined) {
      where.push('rule_id = ?');
      params.push(query.ruleId);
    }
    const sql = `SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return this.run('cannot read the alert delivery log', (db) =>
      (db.stmt(sql).all(...params, limit) as DeliveryRow[]).map(rowToDelivery),
    );
  }
}

/** Opens the alert tables of the SQLite store at `path` (creating and migrating the store when new). */
export async function openSqliteAlertStore(path: string): Promise<AlertStore> {
  const db = openDb(path, false);
  try {
    migrate(db, false);
    return new SqliteAlertStore(db);
  } catch (e) {
    db.close();
    throw e;
  }
}
