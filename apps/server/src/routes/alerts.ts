/**
 * Alert rules, events and the delivery log over HTTP, through the use cases `ogoh alerts` calls.
 *
 * Who: making, changing, removing and test-sending rules is for admins. A rule makes the server
 * POST store content to a URL outside it — an egress and SSRF decision like issuing API keys, and
 * a signing secret to hand over — so it sits with user and key management. Analysts read the rules
 * (never their secrets), the events and the delivery log: they act on alerts and must see whether
 * they went out. Loopback/private targets also need OGOH_ALERTS_ALLOW_PRIVATE=1 on the server.
 */
import {
  addAlertRule,
  listAlertDeliveries,
  listAlertEvents,
  listAlertRules,
  removeAlertRule,
  sendTestAlert,
  setAlertRuleEnabled,
} from '@ogoh/app';
import { ALERT_DELIVERY_STATUSES, ALERT_EVENT_STATES, ALERT_RULE_KINDS } from '@ogoh/core';
import { type TSchema, Type } from '@sinclair/typebox';
import { IdParams, NoContent } from '../schemas.ts';
import type { Api, ServerContext } from '../server.ts';

const Str = (max = 500) => Type.String({ maxLength: max });
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

const ParamsSchema = Type.Object(
  {
    label: Opt(Str(200)),
    threshold: Opt(Type.Number()),
    storyId: Opt(Str(200)),
    knownSources: Opt(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

const RuleSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: literals(ALERT_RULE_KINDS),
  params: ParamsSchema,
  targetUrl: Type.String(),
  /** the real secret only in the answer to POST; '***' everywhere else */
  secret: Type.String(),
  enabled: Type.Boolean(),
  maxAttempts: Type.Integer(),
  allowPrivate: Opt(Type.Boolean()),
  createdBy: Type.String(),
  createdAt: Type.String(),
});

const EventSchema = Type.Object({
  id: Type.String(),
  ruleId: Type.String(),
  fingerprint: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown()),
  state: literals(ALERT_EVENT_STATES),
  attempts: Type.Integer(),
  nextAttemptAt: Opt(Type.String()),
  createdAt: Type.String(),
});

const DeliverySchema = Type.Object({
  id: Type.String(),
  eventId: Type.String(),
  ruleId: Type.String(),
  attempt: Type.Integer(),
  status: literals(ALERT_DELIVERY_STATUSES),
  httpStatus: Opt(Type.Integer()),
  error: Opt(Type.String()),
  durationMs: Opt(Type.Number()),
  at: Type.String(),
  nextAttemptAt: Opt(Type.String()),
});

const NewRuleBody = Type.Object(
  {
    name: Str(200),
    kind: literals(ALERT_RULE_KINDS),
    targetUrl: Str(2000),
    label: Opt(Str(200)),
    threshold: Opt(Type.Number()),
    storyId: Opt(Str(200)),
    maxAttempts: Opt(Type.Integer({ minimum: 1, maximum: 20 })),
    enabled: Opt(Type.Boolean()),
    allowPrivate: Opt(Type.Boolean()),
  },
  { additionalProperties: false },
);

const PatchBody = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });

const EventsQuery = Type.Object(
  {
    rule: Opt(Str(200)),
    state: Opt(literals(ALERT_EVENT_STATES)),
    limit: Opt(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

const DeliveriesQuery = Type.Object(
  {
    rule: Opt(Str(200)),
    event: Opt(Str(200)),
    limit: Opt(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

/** zod's optional fields are `T | undefined`, TypeBox's are `T`: the response schema still checks the shape. */
const wire = (v: unknown) => v as never;

export function registerAlerts(server: Api, ctx: ServerContext): void {
  const { app } = ctx;
  const tags = ['alerts'];

  server.get(
    '/api/alerts/rules',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'alert rules, oldest first (secrets never shown)',
        tags,
        response: { 200: Type.Object({ rules: Type.Array(RuleSchema) }) },
      },
    },
    async () => wire({ rules: await listAlertRules(app) }),
  );

  server.post(
    '/api/alerts/rules',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'add an alert rule; the answer carries its signing secret, shown this once',
        tags,
        body: NewRuleBody,
        response: { 201: RuleSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const rule = await addAlertRule(
        app,
        {
          name: b.name,
          kind: b.kind,
          targetUrl: b.targetUrl,
          params: {
            ...(b.label !== undefined ? { label: b.label } : {}),
            ...(b.threshold !== undefined ? { threshold: b.threshold } : {}),
            ...(b.storyId !== undefined ? { storyId: b.storyId } : {}),
          },
          ...(b.maxAttempts !== undefined ? { maxAttempts: b.maxAttempts } : {}),
          ...(b.enabled !== undefined ? { enabled: b.enabled } : {}),
          ...(b.allowPrivate ? { allowPrivate: true } : {}),
        },
        req.principal!.actor,
      );
      return reply.status(201).send(wire(rule));
    },
  );

  server.patch(
    '/api/alerts/rules/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'enable or disable a rule',
        tags,
        params: IdParams,
        body: PatchBody,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await setAlertRuleEnabled(app, req.params.id, req.body.enabled);
      return reply.status(204).send(null);
    },
  );

  server.delete(
    '/api/alerts/rules/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'remove a rule with its events and delivery log',
        tags,
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await removeAlertRule(app, req.params.id);
      return reply.status(204).send(null);
    },
  );

  server.post(
    '/api/alerts/rules/:id/test',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'send a test event for a rule now (with whatever else is due); retried later if it fails',
        tags,
        params: IdParams,
        response: {
          200: Type.Object({
            event: EventSchema,
            delivered: Type.Boolean(),
            deliveries: Type.Array(DeliverySchema),
          }),
        },
      },
    },
    async (req) => {
      const { event, delivery } = await sendTestAlert(app, req.params.id);
      const mine = delivery.deliveries.filter((d) => d.eventId === event.id);
      return wire({ event, delivered: mine.some((d) => d.status === 'delivered'), deliveries: mine });
    },
  );

  server.get(
    '/api/alerts/events',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'alert events, newest first',
        tags,
        querystring: EventsQuery,
        response: { 200: Type.Object({ events: Type.Array(EventSchema) }) },
      },
    },
    async (req) => {
      const q = req.query;
      return wire({
        events: await listAlertEvents(app, {
          ...(q.rule ? { ruleId: q.rule } : {}),
          ...(q.state ? { state: q.state } : {}),
          limit: q.limit ?? 100,
        }),
      });
    },
  );

  server.get(
    '/api/alerts/deliveries',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'the webhook delivery log: every attempt, newest first',
        tags,
        querystring: DeliveriesQuery,
        response: { 200: Type.Object({ deliveries: Type.Array(DeliverySchema) }) },
      },
    },
    async (req) => {
      const q = req.query;
      return wire({
        deliveries: await listAlertDeliveries(app, {
          ...(q.rule ? { ruleId: q.rule } : {}),
          ...(q.event ? { eventId: q.event } : {}),
          limit: q.limit ?? 100,
        }),
      });
    },
  );
}
