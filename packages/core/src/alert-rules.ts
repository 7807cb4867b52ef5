/**
 * Alert rules, the events they raise and the webhook deliveries of those events, with the
 * `AlertStore` port that keeps them. (Stored spike and laundering *alerts* are trace records, see
 * trace.ts `Alert`; a `narrative_spike` rule matches those.)
 *
 * Delivery is at-least-once: an event stays `pending` until a receiver answers 2xx or the rule's
 * attempts run out. A sender claims a due event by pushing its next attempt time past a lease, so a
 * sender that dies mid-request leaves the event due again once the lease ends: it is retried, never
 * lost, and a receiver may see it twice — the event id (`X-Ogoh-Event`) is the idempotency key.
 * An event is raised once per rule and cause: `(ruleId, fingerprint)` is unique.
 */
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

export const ALERT_RULE_KINDS = [
  'narrative_spike',
  'convergence',
  'source_joins_story',
  'claim_match',
] as const;
export const AlertRuleKind = z.enum(ALERT_RULE_KINDS);
export type AlertRuleKind = z.infer<typeof AlertRuleKind>;

/** What a rule watches; which fields apply depends on its kind (checked by `checkAlertRule`). */
export const AlertRuleParams = z
  .object({
    /** narrative_spike: the narrative id (any narrative when absent); convergence, claim_match: the detection label (claim id) */
    label: z.string().min(1).max(200).optional(),
    /** narrative_spike: the smallest robust z-score; convergence, claim_match: the smallest detection score */
    threshold: z.number().finite().optional(),
    /** source_joins_story: the story watched */
    storyId: z.string().min(1).max(200).optional(),
    /** source_joins_story: the sources already in the story when the rule was made (they raise nothing) */
    knownSources: z.array(z.string()).max(100_000).optional(),
  })
  .strict();
export type AlertRuleParams = z.infer<typeof AlertRuleParams>;

export const AlertRule = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  kind: AlertRuleKind,
  params: AlertRuleParams,
  /** the webhook receiving the events (http or https) */
  targetUrl: z.url({ protocol: /^https?$/ }),
  /** the HMAC-SHA256 key of the signatures; shown once when the rule is made */
  secret: z.string().min(16).max(200),
  enabled: z.boolean(),
  /** deliveries tried per event before it is given up. @default 6 */
  maxAttempts: z.number().int().min(1).max(20),
  /** let this rule post to loopback/private addresses (an operator's own receiver) */
  allowPrivate: z.boolean().optional(),
  createdBy: z.string().min(1),
  createdAt: isoTime,
});
export type AlertRule = z.infer<typeof AlertRule>;

export const ALERT_EVENT_STATES = ['pending', 'delivered', 'dead'] as const;
export const AlertEventState = z.enum(ALERT_EVENT_STATES);
export type AlertEventState = z.infer<typeof AlertEventState>;

export const AlertEvent = z.object({
  id: z.string().min(1),
  ruleId: z.string().min(1),
  /** the cause: unique per rule (e.g. `spike:<alert id>`, `join:<story>:<source>`, `test:<uuid>`) */
  fingerprint: z.string().min(1),
  /** the JSON body posted (without delivery metadata) */
  payload: z.record(z.string(), z.unknown()),
  state: AlertEventState,
  /** attempts started so far */
  attempts: z.number().int().nonnegative(),
  /** when the next attempt is due (pending events only) */
  nextAttemptAt: isoTime.optional(),
  createdAt: isoTime,
});
export type AlertEvent = z.infer<typeof AlertEvent>;

export const ALERT_DELIVERY_STATUSES = ['delivered', 'failed', 'dead'] as const;
export const AlertDeliveryStatus = z.enum(ALERT_DELIVERY_STATUSES);
export type AlertDeliveryStatus = z.infer<typeof AlertDeliveryStatus>;

/** One attempt in the delivery log. `dead` is a failed last attempt. */
export const AlertDelivery = z.object({
  id: z.string().min(1),
  eventId: z.string().min(1),
  ruleId: z.string().min(1),
  attempt: z.number().int().positive(),
  status: AlertDeliveryStatus,
  httpStatus: z.number().int().optional(),
  error: z.string().max(1000).optional(),
  durationMs: z.number().nonnegative().optional(),
  at: isoTime,
  /** failed: when it is tried again */
  nextAttemptAt: isoTime.optional(),
});
export type AlertDelivery = z.infer<typeof AlertDelivery>;

/** An event claimed for delivery, with its rule and the number of this attempt. */
export interface ClaimedAlertEvent {
  event: AlertEvent;
  rule: AlertRule;
  attempt: number;
}

export interface AlertStore {
  close(): Promise<void>;
  /** Adds a rule; CONFLICT when its id exists. */
  addRule(rule: AlertRule): Promise<void>;
  getRule(id: string): Promise<AlertRule | undefined>;
  /** oldest first */
  listRules(): Promise<AlertRule[]>;
  /** false when there is no such rule */
  setRuleEnabled(id: string, enabled: boolean): Promise<boolean>;
  /** Removes a rule with its events and their delivery log; false when there is no such rule. */
  removeRule(id: string): Promise<boolean>;
  /** Inserts the events whose (ruleId, fingerprint) is new; returns those inserted (the others existed). */
  addEvents(events: AlertEvent[]): Promise<AlertEvent[]>;
  /** newest first */
  listEvents(query?: { ruleId?: string; state?: AlertEventState; limit?: number }): Promise<AlertEvent[]>;
  /**
   * Claims up to `limit` pending events of enabled rules due at `now`: each gets one more attempt
   * counted and its next attempt moved to `leaseUntil`, atomically, so two senders never take the
   * same event at once and a sender that dies leaves it due again after the lease.
   */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<ClaimedAlertEvent[]>;
  /** Logs an attempt and moves its event on: failed → pending at `nextAttemptAt`; delivered/dead → final. */
  recordDelivery(delivery: AlertDelivery): Promise<void>;
  /** newest first */
  listDeliveries(query?: { eventId?: string; ruleId?: string; limit?: number }): Promise<AlertDelivery[]>;
}
