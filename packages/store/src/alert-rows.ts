/**
 * Rows of the alert tables ↔ AlertStore records, shared by the SQLite and PostgreSQL adapters so
 * both read and write the same columns the same way.
 */
import { type AlertDelivery, type AlertEvent, type AlertRule, OgohError } from '@ogoh/core';

export const RULE_COLUMNS =
  'id, name, kind, params, target_url, secret, enabled, max_attempts, allow_private, created_by, created_at';
export const EVENT_COLUMNS =
  'id, rule_id, fingerprint, payload, state, attempts, next_attempt_at, created_at';
export const DELIVERY_COLUMNS =
  'id, event_id, rule_id, attempt, status, http_status, error, duration_ms, at, next_attempt_at';

export interface RuleRow {
  id: string;
  name: string;
  kind: string;
  params: string;
  target_url: string;
  secret: string;
  enabled: number | boolean;
  max_attempts: number;
  allow_private: number | boolean;
  created_by: string;
  created_at: string;
}

export interface EventRow {
  id: string;
  rule_id: string;
  fingerprint: string;
  payload: string;
  state: string;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
}

export interface DeliveryRow {
  id: string;
  event_id: string;
  rule_id: string;
  attempt: number;
  status: string;
  http_status: number | null;
  error: string | null;
  duration_ms: number | null;
  at: string;
  next_attempt_at: string | null;
}

export function rowToRule(r: RuleRow): AlertRule {
  const rule: AlertRule = {
    id: r.id,
    name: r.name,
    kind: r.kind as AlertRule['kind'],
    params: JSON.parse(r.params) as AlertRule['params'],
    targetUrl: r.target_url,
    secret: r.secret,
    enabled: Boolean(r.enabled),
    maxAttempts: Number(r.max_attempts),
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
  if (r.allow_private) rule.allowPrivate = true;
  return rule;
}

/** Values in RULE_COLUMNS order; booleans as the adapter stores them. */
export function ruleValues(r: AlertRule, bool: (b: boolean) => unknown): unknown[] {
  return [
    r.id,
    r.name,
    r.kind,
    JSON.stringify(r.params),
    r.targetUrl,
    r.secret,
    bool(r.enabled),
    r.maxAttempts,
    bool(r.allowPrivate === true),
    r.createdBy,
    r.createdAt,
  ];
}

export function rowToEvent(r: EventRow): AlertEvent {
  const e: AlertEvent = {
    id: r.id,
    ruleId: r.rule_id,
    fingerprint: r.fingerprint,
    payload: JSON.parse(r.payload) as AlertEvent['payload'],
    state: r.state as AlertEvent['state'],
    attempts: Number(r.attempts),
    createdAt: r.created_at,
  };
  if (r.next_attempt_at !== null) e.nextAttemptAt = r.next_attempt_at;
  return e;
}

export function eventValues(e: AlertEvent): unknown[] {
  return [
    e.id,
    e.ruleId,
    e.fingerprint,
    JSON.stringify(e.payload),
    e.state,
    e.attempts,
    e.nextAttemptAt ?? null,
    e.createdAt,
  ];
}

export function rowToDelivery(r: DeliveryRow): AlertDelivery {
  const d: AlertDelivery = {
    id: r.id,
    eventId: r.event_id,
    ruleId: r.rule_id,
    attempt: Number(r.attempt),
    status: r.status as AlertDelivery['status'],
    at: r.at,
  };
  if (r.http_status !== null) d.httpStatus = Number(r.http_status);
  if (r.error !== null) d.error = r.error;
  if (r.duration_ms !== null) d.durationMs = Number(r.duration_ms);
  if (r.next_attempt_at !== null) d.nextAttemptAt = r.next_attempt_at;
  return d;
}

export function deliveryValues(d: AlertDelivery): unknown[] {
  return [
    d.id,
    d.eventId,
    d.ruleId,
    d.attempt,
    d.status,
    d.httpStatus ?? null,
    d.error ?? null,
    d.durationMs ?? null,
    d.at,
    d.nextAttemptAt ?? null,
  ];
}

/** Where an event goes after an attempt: failed needs a next time, the others end it. */
export function nextState(d: AlertDelivery): { state: AlertEvent['state']; next: string | null } {
  if (d.status === 'failed') {
    if (d.nextAttemptAt === undefined)
      throw new OgohError('INPUT_FIELD', 'a failed delivery needs nextAttemptAt', { field: 'nextAttemptAt' });
    return { state: 'pending', next: d.nextAttemptAt };
  }
  return { state: d.status === 'delivered' ? 'delivered' : 'dead', next: null };
}

export function listLimit(limit: number | undefined, fallback = 100, max = 10_000): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1)
    throw new OgohError('USAGE', 'limit must be a positive integer', { field: 'limit' });
  return Math.min(limit, max);
}

export function ruleConflict(id: string, where: string): OgohError {
  return new OgohError('CONFLICT', `an alert rule "${id}" exists already`, {
    file: where,
    field: 'id',
    hint: 'pick another id, or remove the old rule first',
  });
}
