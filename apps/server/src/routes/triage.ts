/**
 * Review routes: detections with their review state, the triage queue (most informative first),
 * verdicts on detections (analysts; the actor is the caller), and the verdict history. The
 * feedback tables are opened once, on first use, and closed with the server.
 */
import { cachedView, listFeedback, openFeedback, recordFeedback, triageQueue } from '@ogoh/app';
import { type Feedback, type FeedbackStore, LANGS, VERDICTS } from '@ogoh/core';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { Api, ServerContext } from '../server.ts';
import { sendJsonBytes, sendSerialisedOnce } from '../view-body.ts';

const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const Str = (max = 200) => Type.String({ maxLength: max });
const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Cursor = Str(400);
const Score = Type.Number({ minimum: 0, maximum: 1 });
const KINDS = ['narrative', 'technique', 'claim', 'convergence'] as const;

const FeedbackSchema = Type.Object({
  id: Type.String(),
  detectionId: Type.String(),
  itemId: Type.String(),
  label: Type.String(),
  kind: Type.String(),
  verdict: Type.String(),
  newLabel: Opt(Type.String()),
  actor: Type.String(),
  reason: Opt(Type.String()),
  at: Type.String(),
});

const Evidence = Type.Array(
  Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Opt(Type.String()) }),
);

const ReviewedDetectionSchema = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  score: Type.Number(),
  evidence: Evidence,
  explain: Type.Record(Type.String(), Type.Unknown()),
  model: Type.String(),
  taxonomyVersion: Opt(Type.String()),
  createdAt: Type.String(),
  lang: Type.String(),
  sourceId: Type.String(),
  published: Opt(Type.String()),
  /** the latest verdict, absent while unreviewed */
  review: Opt(FeedbackSchema),
});

const DetectionsQuery = Type.Object(
  {
    kind: Opt(literals(KINDS)),
    label: Opt(Str()),
    lang: Opt(literals(LANGS)),
    source: Opt(Str(64)),
    item: Opt(Str()),
    minScore: Opt(Score),
    review: Opt(literals(['unreviewed', ...VERDICTS] as const)),
    limit: Opt(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Opt(Cursor),
  },
  { additionalProperties: false },
);

const TriageQuery = Type.Object(
  {
    narrative: Opt(Str()),
    technique: Opt(Str()),
    lang: Opt(literals(LANGS)),
    source: Opt(Str(64)),
    minScore: Opt(Score),
    limit: Opt(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Opt(Cursor),
  },
  { additionalProperties: false },
);

const TriageDetectionSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  score: Type.Number(),
  threshold: Type.Number(),
  evidence: Evidence,
  explain: Type.Record(Type.String(), Type.Unknown()),
  model: Type.String(),
  taxonomyVersion: Opt(Type.String()),
  review: Opt(
    Type.Object({
      verdict: Type.String(),
      actor: Type.String(),
      at: Type.String(),
      newLabel: Opt(Type.String()),
      reason: Opt(Type.String()),
    }),
  ),
});

const TriagePageSchema = Type.Object({
  entries: Type.Array(
    Type.Object({
      itemId: Type.String(),
      sourceId: Type.String(),
      lang: Type.String(),
      published: Opt(Type.String()),
      url: Opt(Type.String()),
      title: Opt(Type.String()),
      text: Type.String({
        description: 'the text detection ran on (title, blank line, body); evidence offsets point into it',
      }),
      detections: Type.Array(TriageDetectionSchema),
      priority: Type.Number(),
      why: Type.Object({
        uncertainty: Type.Number(),
        worthiness: Type.Number(),
        recency: Type.Number(),
        reasons: Type.Array(Type.String()),
      }),
      models: Type.Array(Type.String()),
      taxonomyVersions: Type.Array(Type.String()),
    }),
  ),
  next: Opt(Type.String()),
  considered: Type.Integer(),
  windowFull: Type.Boolean(),
  weights: Type.Object({ uncertainty: Type.Number(), worthiness: Type.Number(), recency: Type.Number() }),
});

const FeedbackBody = Type.Object(
  {
    verdict: literals(VERDICTS),
    /** relabel: the narrative or technique the text carries instead */
    label: Opt(Str()),
    reason: Opt(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const FeedbackQuery = Type.Object(
  {
    item: Opt(Str()),
    detection: Opt(Str()),
    label: Opt(Str()),
    limit: Opt(Type.Integer({ minimum: 1, maximum: 1000 })),
    cursor: Opt(Cursor),
  },
  { additionalProperties: false },
);

/**
 * Core records are zod-inferred (optional fields typed `T | undefined`, though never set to
 * undefined); the response schemas list the same fields, so these are views, not conversions.
 */
const asFeedback = (f: Feedback) => f as Static<typeof FeedbackSchema>;

const DETECTIONS_HEAD = Buffer.from('{"detections":[');
const COMMA = Buffer.from(',');

export function registerTriage(server: Api, ctx: ServerContext): void {
  const { app } = ctx;
  let opened: Promise<FeedbackStore> | undefined;
  const feedback = (): Promise<FeedbackStore> => {
    opened ??= openFeedback(app).catch((e) => {
      opened = undefined;
      throw e;
    });
    return opened;
  };
  server.addHook('onClose', async () => {
    if (opened) await (await opened.catch(() => undefined))?.close();
  });

  server.get(
    '/api/detections',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'detections with their item’s language and source and their latest verdict, newest item first',
        tags: ['review'],
        querystring: DetectionsQuery,
        response: {
          200: Type.Object({ detections: Type.Array(ReviewedDetectionSchema), next: Opt(Type.String()) }),
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const query = {
        ...(q.kind !== undefined ? { kind: q.kind } : {}),
        ...(q.label !== undefined ? { label: q.label } : {}),
        ...(q.lang !== undefined ? { lang: q.lang } : {}),
        ...(q.source !== undefined ? { sourceId: q.source } : {}),
        ...(q.item !== undefined ? { itemId: q.item } : {}),
        ...(q.minScore !== undefined ? { minScore: q.minScore } : {}),
        ...(q.review !== undefined ? { review: q.review } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        limit: q.limit ?? 50,
      };
      const store = await feedback();
      if (store.listDetectionsJson) {
        // The store's JSON bytes, in this schema's shape (detections-json.test.ts checks them
        // against the object path): stored evidence and explanations are not parsed and
        // serialised again, and the body never becomes a JavaScript string.
        const page = await store.listDetectionsJson(query);
        const parts: Uint8Array[] = [DETECTIONS_HEAD];
        for (const [k, d] of page.detections.entries()) {
          if (k > 0) parts.push(COMMA);
          parts.push(d);
        }
        parts.push(Buffer.from(page.next !== undefined ? `],"next":${JSON.stringify(page.next)}}` : ']}'));
        return sendJsonBytes(reply, Buffer.concat(parts));
      }
      const page = await store.listDetections(query);
      return {
        detections: page.detections.map((r) => ({
          ...r.detection,
          lang: r.lang,
          sourceId: r.sourceId,
          ...(r.published !== undefined ? { published: r.published } : {}),
          ...(r.latest ? { review: asFeedback(r.latest) } : {}),
        })) as Static<typeof ReviewedDetectionSchema>[],
        ...(page.next ? { next: page.next } : {}),
      };
    },
  );

  server.get(
    '/api/triage',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'the review queue: flagged items not yet reviewed, most informative first (uncertainty, check-worthiness, recency), each with its reasons',
        tags: ['review'],
        querystring: TriageQuery,
        response: { 200: TriagePageSchema },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const options = {
        ...(q.narrative !== undefined ? { narrative: q.narrative } : {}),
        ...(q.technique !== undefined ? { technique: q.technique } : {}),
        ...(q.lang !== undefined ? { lang: q.lang } : {}),
        ...(q.source !== undefined ? { sourceId: q.source } : {}),
        ...(q.minScore !== undefined ? { minScore: q.minScore } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        limit: q.limit ?? 20,
      };
      // Ranking the window costs 100–200 ms at 1M items, so a page is cached until the data (data
      // version), the verdicts (the newest one) or the hour (recency) change.
      const fb = await feedback();
      const newest = (await fb.list({ limit: 1 })).feedback[0]?.id ?? '';
      const hour = app.clock.now().toISOString().slice(0, 13);
      const c = await cachedView(app, 'triage', { options, newest, hour }, () =>
        triageQueue(app, fb, options),
      );
      reply.header(
        'x-ogoh-cache',
        `${c.hit ? 'hit' : 'miss'}; age=${c.ageSeconds}; version=${c.dataVersion}`,
      );
      return sendSerialisedOnce(reply, c.value, () => c.value);
    },
  );

  server.post(
    '/api/detections/:id/feedback',
    {
      config: { access: 'analyst' },
      schema: {
        summary:
          'a verdict on a detection (accept, reject, relabel with label); appended to its history, the latest counts',
        tags: ['review'],
        params: Type.Object({ id: Str() }, { additionalProperties: false }),
        body: FeedbackBody,
        response: { 201: FeedbackSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r: Feedback = await recordFeedback(app, await feedback(), {
        detectionId: req.params.id,
        verdict: b.verdict,
        actor: req.principal!.actor,
        ...(b.label !== undefined ? { newLabel: b.label } : {}),
        ...(b.reason !== undefined ? { reason: b.reason } : {}),
      });
      return reply.status(201).send(asFeedback(r));
    },
  );

  server.get(
    '/api/feedback',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'the verdict history, newest first, by item, detection or label',
        tags: ['review'],
        querystring: FeedbackQuery,
        response: { 200: Type.Object({ feedback: Type.Array(FeedbackSchema), next: Opt(Type.String()) }) },
      },
    },
    async (req) => {
      const q = req.query;
      const page = await listFeedback(await feedback(), {
        ...(q.item !== undefined ? { itemId: q.item } : {}),
        ...(q.detection !== undefined ? { detectionId: q.detection } : {}),
        ...(q.label !== undefined ? { label: q.label } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        limit: q.limit ?? 100,
      });
      return { feedback: page.feedback.map(asFeedback), ...(page.next ? { next: page.next } : {}) };
    },
  );
}
