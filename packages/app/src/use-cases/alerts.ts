/**
 * Alert rules end to end: making them, evaluating them against what the store holds (stored spike
 * alerts, convergence and claim-match detections, story membership), and delivering the events
 * they raise to webhooks.
 *
 * Idempotency: an event is raised once per rule and cause (its fingerprint), so re-running never
 * sends a cause twice as a new event. Delivery is at-least-once: a due event is leased before it is
 * sent; a sender that dies mid-request leaves it due again when the lease ends. Receivers should
 * de-duplicate on the `X-Ogoh-Event` header (the event id, the same on every attempt).
 *
 * Signature: `X-Ogoh-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Ogoh-Timestamp>.<raw body>")>`;
 * the timestamp (unix seconds) is signed so a captured request cannot be replayed later
 * (`verifyAlertSignature` rejects one older than its tolerance).
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  type AlertDelivery,
  type AlertEvent,
  AlertRule,
  type AlertRuleKind,
  type AlertRuleParams,
  type AlertStore,
  type ClaimedAlertEvent,
  makeId,
  OgohError,
} from '@ogoh/core';
import { CLAIM_SCORE } from '@ogoh/detect';
import { parseAllowList, postWebhook } from '@ogoh/ingest';
import { openAlertStore, openFeedbackStore, openTraceStore } from '@ogoh/store';
import type { Ogoh } from '../context.ts';
import { withHeld } from './held-stores.ts';

/** A rule as listed: the secret is only ever shown once, when the rule is made. */
export type PublicAlertRule = Omit<AlertRule, 'secret'> & { secret: '***' };

export interface NewAlertRule {
  id?: string;
  name: string;
  kind: AlertRuleKind;
  params?: AlertRuleParams;
  targetUrl: string;
  maxAttempts?: number;
  enabled?: boolean;
  /** loopback/private targets: refused unless OGOH_ALERTS_ALLOW_PRIVATE=1 */
  allowPrivate?: boolean;
  /** given by the caller to rotate or restore one; a random one otherwise */
  secret?: string;
}

export const DEFAULT_MAX_ATTEMPTS = 6;
/** spikes of days this long before a rule was made still raise events (trends runs a day late) */
const SPIKE_LOOKBACK_DAYS = 2;
/** events raised per rule per evaluation, so a broad new rule cannot flood its receiver in one go */
const MAX_NEW_PER_RULE = 200;

function privateAllowed(env: NodeJS.ProcessEnv): boolean {
  return env.OGOH_ALERTS_ALLOW_PRIVATE === '1';
}

export function publicRule(rule: AlertRule): PublicAlertRule {
  return { ...rule, secret: '***' };
}

/** The server's held alert store (see held-stores.ts), else one opened for this call. */
function withAlerts<T>(app: Ogoh, fn: (alerts: AlertStore) => Promise<T>): Promise<T> {
  return withHeld(app, 'alerts', () => openAlertStore(app.location), fn);
}

/** The sources of a story's members, each with its member items. */
async function storySources(app: Ogoh, storyId: string): Promise<Map<string, string[]>> {
  const story = await app.store.getStory(storyId);
  if (!story)
    throw new OgohError('NOT_FOUND', `no story "${storyId}" in this store`, {
      field: 'params.storyId',
      hint: 'take a story id from `ogoh query stories` or the dashboard',
    });
  const items = await app.store.getItems(story.members.map((m) => m.itemId));
  const out = new Map<string, string[]>();
  for (const it of items) out.set(it.sourceId, [...(out.get(it.sourceId) ?? []), it.id]);
  return out;
}

function checkParams(kind: AlertRuleKind, p: AlertRuleParams): void {
  const bad = (field: string, message: string) =>
    new OgohError('INPUT_FIELD', message, { field: `params.${field}` });
  if (kind === 'source_joins_story' && !p.storyId)
    throw bad('storyId', 'a source_joins_story rule needs a story id');
  if (kind !== 'source_joins_story' && p.storyId !== undefined)
    throw bad('storyId', `a ${kind} rule does not take a story id`);
  if (kind === 'source_joins_story' && (p.label !== undefined || p.threshold !== undefined))
    throw bad(
      p.label !== undefined ? 'label' : 'threshold',
      'a source_joins_story rule takes only a story id',
    );
  if (
    (kind === 'convergence' || kind === 'claim_match') &&
    p.threshold !== undefined &&
    (p.threshold < 0 || p.threshold > 1)
  )
    throw bad('threshold', `a ${kind} threshold is a detection score between 0 and 1`);
}

/**
 * Makes a rule. Returns it with its secret — the only time the secret is shown. A
 * source_joins_story rule records the story's current sources: only sources joining later alert.
 */
export async function addAlertRule(
  app: Ogoh,
  input: NewAlertRule,
  actor: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AlertRule> {
  if (input.allowPrivate && !privateAllowed(env))
    throw new OgohError(
      'FORBIDDEN',
      'rules may only post to loopback or private addresses when the operator allows it',
      {
        field: 'allowPrivate',
        hint: 'set OGOH_ALERTS_ALLOW_PRIVATE=1 where Ogoh runs (e.g. for a receiver on 127.0.0.1)',
      },
    );
  const params: AlertRuleParams = { ...(input.params ?? {}) };
  checkParams(input.kind, params);
  if (input.kind === 'source_joins_story' && params.storyId)
    params.knownSources = [...(await storySources(app, params.storyId)).keys()].sort();
  const candidate = {
    id: input.id ?? makeId('ar', input.name, randomUUID()),
    name: input.name,
    kind: input.kind,
    params,
    targetUrl: input.targetUrl,
    secret: input.secret ?? randomBytes(24).toString('base64url'),
    enabled: input.enabled ?? true,
    maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(input.allowPrivate ? { allowPrivate: true } : {}),
    createdBy: actor,
    createdAt: app.clock.now().toISOString(),
  };
  const parsed = AlertRule.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new OgohError('INPUT_FIELD', `alert rule field "${field}": ${issue.message}`, {
      field,
      hint:
        field === 'targetUrl'
          ? 'give an http(s) URL, e.g. https://hooks.example.org/ogoh'
          : 'see `ogoh alerts rules add --help`',
    });
  }
  await withAlerts(app, (alerts) => alerts.addRule(parsed.data));
  return parsed.data;
}

export async function listAlertRules(app: Ogoh): Promise<PublicAlertRule[]> {
  return withAlerts(app, async (alerts) => (await alerts.listRules()).map(publicRule));
}

export async function setAlertRuleEnabled(app: Ogoh, id: string, enabled: boolean): Promise<void> {
  const ok = await withAlerts(app, (alerts) => alerts.setRuleEnabled(id, enabled));
  if (!ok)
    throw new OgohError('NOT_FOUND', `no alert rule "${id}"`, {
      field: 'rule',
      hint: 'see `ogoh alerts rules list`',
    });
}

export async function removeAlertRule(app: Ogoh, id: string): Promise<void> {
  const ok = await withAlerts(app, (alerts) => alerts.removeRule(id));
  if (!ok)
    throw new OgohError('NOT_FOUND', `no alert rule "${id}"`, {
      field: 'rule',
      hint: 'see `ogoh alerts rules list`',
    });
}

export async function listAlertEvents(
  app: Ogoh,
  query: { ruleId?: string; state?: AlertEvent['state']; limit?: number } = {},
): Promise<AlertEvent[]> {
  return withAlerts(app, (alerts) => alerts.listEvents(query));
}

export async function listAlertDeliveries(
  app: Ogoh,
  query: { eventId?: string; ruleId?: string; limit?: number } = {},
): Promise<AlertDelivery[]> {
  return withAlerts(app, (alerts) => alerts.listDeliveries(query));
}

interface Cause {
  fingerprint: string;
  payload: Record<string, unknown>;
}

/** What a rule matches in the store now (before de-duplication against its earlier events). */
async function causesOf(app: Ogoh, rule: AlertRule): Promise<Cause[]> {
  const p = rule.params;
  if (rule.kind === 'narrative_spike') {
    const since = new Date(Date.parse(rule.createdAt) - SPIKE_LOOKBACK_DAYS * 86_400_000).toISOString();
    const trace = await openTraceStore(app.location);
    try {
      const spikes = await trace.listAlerts({ kind: 'spike', by: 'narrative', since, limit: 10_000 });
      return spikes
        .filter(
          (a) =>
            (p.label === undefined || a.key === p.label) &&
            (p.threshold === undefined || a.score >= p.threshold),
        )
        .map((a) => ({
          fingerprint: `spike:${a.id}`,
          payload: {
            narrative: a.key,
            day: a.day,
            value: a.value,
            baseline: a.baseline,
            score: a.score,
            itemIds: a.itemIds.slice(0, 20),
          },
        }));
    } finally {
      await trace.close();
    }
  }
  if (rule.kind === 'convergence' || rule.kind === 'claim_match') {
    const feedback = await openFeedbackStore(app.location);
    try {
      const out: Cause[] = [];
      let cursor: string | undefined;
      do {
        const page = await feedback.listDetections({
          kind: rule.kind === 'convergence' ? 'convergence' : 'claim',
          ...(p.label !== undefined ? { label: p.label } : {}),
          ...(p.threshold !== undefined
            ? { minScore: p.threshold }
            : rule.kind === 'claim_match'
              ? { minScore: CLAIM_SCORE.report }
              : {}),
          limit: 1000,
          ...(cursor ? { cursor } : {}),
        });
        for (const d of page.detections) {
          // rules watch what is found after they are made, not the store's whole history
          if (d.detection.createdAt < rule.createdAt) continue;
          out.push({
            fingerprint: `det:${d.detection.id}`,
            payload: {
              detectionId: d.detection.id,
              itemId: d.detection.itemId,
              label: d.detection.label,
              score: d.detection.score,
              sourceId: d.sourceId,
              lang: d.lang,
              ...(d.published ? { published: d.published } : {}),
            },
          });
        }
        cursor = page.next;
      } while (cursor && out.length < 10_000);
      return out;
    } finally {
      await feedback.close();
    }
  }
  const storyId = p.storyId!;
  const known = new Set(p.knownSources ?? []);
  const sources = await storySources(app, storyId);
  return [...sources]
    .filter(([source]) => !known.has(source))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sourceId, itemIds]) => ({
      fingerprint: `join:${storyId}:${sourceId}`,
      payload: { storyId, sourceId, itemIds: itemIds.slice(0, 20) },
    }));
}

export interface EvaluateReport {
  rules: number;
  /** events raised by this evaluation (causes already raised are not counted again) */
  raised: AlertEvent[];
  /** rules that could not be evaluated, with why (the others still were) */
  problems: { ruleId: string; message: string }[];
}

/** Evaluates every enabled rule; raises one event per new cause. Re-running raises nothing new. */
export async function evaluateAlerts(app: Ogoh): Promise<EvaluateReport> {
  return withAlerts(app, async (alerts) => {
    const rules = (await alerts.listRules()).filter((r) => r.enabled);
    const report: EvaluateReport = { rules: rules.length, raised: [], problems: [] };
    const now = app.clock.now().toISOString();
    for (const rule of rules) {
      let causes: Cause[];
      try {
        causes = await causesOf(app, rule);
      } catch (e) {
        report.problems.push({ ruleId: rule.id, message: e instanceof Error ? e.message : String(e) });
        continue;
      }
      const events = causes.map(
        (c): AlertEvent => ({
          id: makeId('ae', rule.id, c.fingerprint),
          ruleId: rule.id,
          fingerprint: c.fingerprint,
          payload: { kind: rule.kind, ...c.payload },
          state: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        }),
      );
      const known = new Set(
        (await alerts.listEvents({ ruleId: rule.id, limit: 10_000 })).map((e) => e.fingerprint),
      );
      const fresh = events.filter((e) => !known.has(e.fingerprint)).slice(0, MAX_NEW_PER_RULE);
      report.raised.push(...(await alerts.addEvents(fresh)));
    }
    return report;
  });
}

/** The signature header value for a body sent at `timestamp` (unix seconds). */
export function signAlertBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Checks a received webhook: the signature over timestamp and raw body, and the timestamp within
 * `toleranceSec` of `nowSec`. For receivers written in TypeScript, and for the tests.
 */
export function verifyAlertSignature(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  options: { toleranceSec?: number; nowSec?: number } = {},
): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts)) return false;
  const now = options.nowSec ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > (options.toleranceSec ?? 300)) return false;
  const want = Buffer.from(signAlertBody(secret, ts, body));
  const got = Buffer.from(headers.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The JSON body of an event: the same bytes-worth on every attempt (only headers change). */
export function alertBody(event: AlertEvent, rule: AlertRule): string {
  return JSON.stringify({
    event: event.id,
    rule: { id: rule.id, name: rule.name, kind: rule.kind },
    cause: event.fingerprint,
    createdAt: event.createdAt,
    data: event.payload,
  });
}

export interface DeliverOptions {
  /** events claimed per round. @default 20 */
  batch?: number;
  /** per request. @default 10000 */
  timeoutMs?: number;
  /** the first retry waits about this long, doubling per attempt (with jitter). @default 30000 */
  backoffMs?: number;
  /** @default 3600000 */
  maxBackoffMs?: number;
  /** 0..1, for the jitter. @default Math.random */
  random?: () => number;
  env?: NodeJS.ProcessEnv;
}

export interface DeliverReport {
  attempts: number;
  delivered: number;
  failed: number;
  dead: number;
  deliveries: AlertDelivery[];
}

/** The wait before attempt `attempt + 1`: exponential, capped, with "equal jitter" (half fixed, half random). */
export function retryDelayMs(
  attempt: number,
  backoffMs: number,
  maxBackoffMs: number,
  random: () => number,
): number {
  const base = Math.min(maxBackoffMs, backoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base / 2 + (base / 2) * random());
}

async function sendOne(
  app: Ogoh,
  alerts: AlertStore,
  claimed: ClaimedAlertEvent,
  o: Required<Omit<DeliverOptions, 'env'>> & { env: NodeJS.ProcessEnv },
): Promise<AlertDelivery> {
  const { event, rule, attempt } = claimed;
  const body = alertBody(event, rule);
  const deliveryId = `ad_${randomUUID()}`;
  const started = app.clock.now();
  const timestamp = Math.floor(Date.now() / 1000);
  let httpStatus: number | undefined;
  let error: string | undefined;
  let durationMs: number | undefined;
  try {
    const res = await postWebhook(rule.targetUrl, body, {
      headers: {
        'x-ogoh-signature': signAlertBody(rule.secret, timestamp, body),
        'x-ogoh-timestamp': String(timestamp),
        'x-ogoh-event': event.id,
        'x-ogoh-delivery': deliveryId,
        'x-ogoh-attempt': String(attempt),
      },
      allow: parseAllowList(o.env.OGOH_FETCH_ALLOW, 'OGOH_FETCH_ALLOW'),
      allowPrivate: rule.allowPrivate === true && privateAllowed(o.env),
      timeoutMs: o.timeoutMs,
    });
    httpStatus = res.status;
    durationMs = Math.round(res.elapsedMs * 10) / 10;
    if (res.status < 200 || res.status >= 300)
      error = `HTTP ${res.status}${res.snippet ? `: ${res.snippet.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const at = started.toISOString();
  const base = {
    id: deliveryId,
    eventId: event.id,
    ruleId: rule.id,
    attempt,
    at,
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
  };
  let delivery: AlertDelivery;
  if (error === undefined) delivery = { ...base, status: 'delivered' };
  else if (attempt >= rule.maxAttempts) delivery = { ...base, status: 'dead', error: error.slice(0, 1000) };
  else {
    const wait = retryDelayMs(attempt, o.backoffMs, o.maxBackoffMs, o.random);
    delivery = {
      ...base,
      status: 'failed',
      error: error.slice(0, 1000),
      nextAttemptAt: new Date(started.getTime() + wait).toISOString(),
    };
  }
  await alerts.recordDelivery(delivery);
  return delivery;
}

/**
 * Sends every due event (claiming a batch at a time) until none is due; a retry that falls due
 * during the run (a short backoff) is sent in the same run.
 */
export async function deliverDueAlerts(app: Ogoh, options: DeliverOptions = {}): Promise<DeliverReport> {
  const o = {
    batch: options.batch ?? 20,
    timeoutMs: options.timeoutMs ?? 10_000,
    backoffMs: options.backoffMs ?? 30_000,
    maxBackoffMs: options.maxBackoffMs ?? 3_600_000,
    random: options.random ?? Math.random,
    env: options.env ?? process.env,
  };
  const report: DeliverReport = { attempts: 0, delivered: 0, failed: 0, dead: 0, deliveries: [] };
  return withAlerts(app, async (alerts) => {
    for (let round = 0; round < 1000; round++) {
      const now = app.clock.now();
      // the lease outlasts a request with room to record it; then a crashed send is due again
      const lease = new Date(now.getTime() + o.timeoutMs + 60_000).toISOString();
      const claimed = await alerts.claimDue(now.toISOString(), lease, o.batch);
      if (claimed.length === 0) break;
      const results = await Promise.all(claimed.map((c) => sendOne(app, alerts, c, o)));
      for (const d of results) {
        report.attempts++;
        report[d.status]++;
        report.deliveries.push(d);
      }
    }
    return report;
  });
}

export interface RunAlertsReport extends EvaluateReport {
  delivery: DeliverReport;
}

/** `ogoh alerts run` and the end of `ogoh analyze`: evaluate, then send what is due. */
export async function runAlerts(app: Ogoh, options: DeliverOptions = {}): Promise<RunAlertsReport> {
  const evaluated = await evaluateAlerts(app);
  return { ...evaluated, delivery: await deliverDueAlerts(app, options) };
}

/**
 * Raises a test event for a rule (whatever its matches) and sends what is due, so an operator can
 * check the receiver and its signature check. The event is an ordinary one: retried if it fails.
 */
export async function sendTestAlert(
  app: Ogoh,
  ruleId: string,
  options: DeliverOptions = {},
): Promise<{ event: AlertEvent; delivery: DeliverReport }> {
  const now = app.clock.now().toISOString();
  const event = await withAlerts(app, async (alerts) => {
    const rule = await alerts.getRule(ruleId);
    if (!rule)
      throw new OgohError('NOT_FOUND', `no alert rule "${ruleId}"`, {
        field: 'rule',
        hint: 'see `ogoh alerts rules list`',
      });
    const e: AlertEvent = {
      id: `ae_test_${randomUUID()}`,
      ruleId,
      fingerprint: `test:${randomUUID()}`,
      payload: { kind: rule.kind, test: true, message: 'a test event from `ogoh alerts test`' },
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    };
    await alerts.addEvents([e]);
    return e;
  });
  return { event, delivery: await deliverDueAlerts(app, options) };
}

/**
 * The end of `ogoh analyze`: when enabled rules exist, evaluate them and send what is due. It
 * never fails the analysis (that is done and stored): a problem comes back as `error`, and the
 * events stay for `ogoh alerts run`. An in-memory store has no alert tables to share, so it is skipped.
 */
export async function alertsAfterAnalyse(
  app: Ogoh,
  options: DeliverOptions = {},
): Promise<RunAlertsReport | { error: string } | undefined> {
  if (app.location === ':memory:') return undefined;
  try {
    const enabled = await withAlerts(app, async (alerts) =>
      (await alerts.listRules()).some((r) => r.enabled),
    );
    return enabled ? await runAlerts(app, options) : undefined;
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
