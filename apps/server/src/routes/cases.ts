/**
 * Cases (incidents) over HTTP: viewers read cases, their evidence, notes, audit trail and briefs;
 * analysts create and change them. Every change is recorded under the caller's actor (username or
 * `key:<id>`) by the same use cases the CLI calls. TLP:RED cases are for named recipients: viewers
 * do not see them listed and may not open them, their log or their brief (as with their export).
 */
import {
  addCaseNote,
  addEvidence,
  buildBrief,
  caseLog,
  casesForItem,
  createCase,
  exportBrief,
  listCases,
  openCases,
  removeEvidence,
  showCase,
  updateCase,
} from '@ogoh/app';
import {
  CASE_ACTIONS,
  CASE_STATUSES,
  type Case,
  type CaseStore,
  EVIDENCE_KINDS,
  OgohError,
  roleAtLeast,
  TLP_LEVELS,
} from '@ogoh/core';
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { IdParams } from '../schemas.ts';
import type { Api, ServerContext } from '../server.ts';

const Str = (max = 500) => Type.String({ maxLength: max });
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Refs = Opt(Type.Array(Str(200), { maxItems: 500 }));

const StatusSchema = literals(CASE_STATUSES);
const TlpSchema = literals(TLP_LEVELS);
const KindSchema = literals(EVIDENCE_KINDS);

const CaseSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  status: StatusSchema,
  assignee: Opt(Type.String()),
  tlp: TlpSchema,
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const SpanSchema = Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Opt(Type.String()) });
const DetectionSchema = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  score: Type.Number(),
  model: Type.String(),
  evidence: Type.Array(SpanSchema),
});
const ItemSchema = Type.Object({
  id: Type.String(),
  sourceId: Type.String(),
  sourceName: Type.String(),
  affiliation: Opt(Type.String()),
  lang: Type.String(),
  published: Opt(Type.String()),
  url: Opt(Type.String()),
  title: Opt(Type.String()),
  excerpt: Type.String(),
  truncated: Type.Boolean(),
  storyId: Opt(Type.String()),
  detections: Type.Array(DetectionSchema),
});
const EvidenceSchema = Type.Object({
  caseId: Type.String(),
  kind: KindSchema,
  ref: Type.String(),
  itemId: Opt(Type.String()),
  note: Opt(Type.String()),
  addedBy: Type.String(),
  addedAt: Type.String(),
  missing: Opt(Type.Boolean()),
  item: Opt(ItemSchema),
  story: Opt(
    Type.Object({
      id: Type.String(),
      size: Type.Integer(),
      sources: Type.Integer(),
      langs: Type.Array(Type.String()),
      title: Opt(Type.String()),
      firstSeen: Opt(Type.String()),
      lastSeen: Opt(Type.String()),
      firstItemId: Type.String(),
    }),
  ),
  detection: Opt(DetectionSchema),
});
const NoteSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  text: Type.String(),
  author: Type.String(),
  at: Type.String(),
});
const EventSchema = Type.Object({
  seq: Type.Integer(),
  caseId: Type.String(),
  at: Type.String(),
  actor: Type.String(),
  action: literals(CASE_ACTIONS),
  before: Opt(Type.Unknown()),
  after: Opt(Type.Unknown()),
});
const CaseViewSchema = Type.Object({
  case: CaseSchema,
  evidence: Type.Array(EvidenceSchema),
  notes: Type.Array(NoteSchema),
  events: Type.Array(EventSchema),
});

const ListQuery = Type.Object(
  {
    status: Opt(StatusSchema),
    assignee: Opt(Str(100)),
    item: Opt(Str(200)),
    limit: Opt(Type.Integer({ minimum: 1, maximum: 1000 })),
    cursor: Opt(Str(200)),
  },
  { additionalProperties: false },
);
const CreateBody = Type.Object(
  {
    title: Str(300),
    summary: Opt(Str(20_000)),
    tlp: Opt(TlpSchema),
    assignee: Opt(Str(100)),
    items: Refs,
    stories: Refs,
    detections: Refs,
    note: Opt(Str(5000)),
  },
  { additionalProperties: false },
);
const PatchBody = Type.Object(
  {
    title: Opt(Str(300)),
    summary: Opt(Str(20_000)),
    status: Opt(StatusSchema),
    assignee: Opt(Type.Union([Str(100), Type.Null()])),
    tlp: Opt(TlpSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
const EvidenceBody = Type.Object(
  { items: Refs, stories: Refs, detections: Refs, note: Opt(Str(5000)) },
  { additionalProperties: false },
);
const EvidenceParams = Type.Object(
  { id: Str(200), kind: KindSchema, ref: Str(200) },
  { additionalProperties: false },
);
const NoteBody = Type.Object({ text: Str(20_000) }, { additionalProperties: false });
const BriefQuery = Type.Object(
  {
    format: Opt(literals(['md', 'html'] as const)),
    lang: Opt(literals(['tg', 'ru', 'en'] as const)),
    download: Opt(literals(['0', '1'] as const)),
  },
  { additionalProperties: false },
);

/**
 * The brief page's own CSP: no scripts, images, fonts or connections at all, inline styles only
 * (its stylesheet, TLP colours, chain indents); framable by the dashboard (same origin) for the
 * preview.
 */
const BRIEF_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/**
 * Records parsed by zod type their optional fields as `T | undefined`; the stores never set an
 * explicit undefined, so the values fit the response schemas, which fastify enforces anyway.
 */
const wire = (v: unknown) => v as never;

const isAnalyst = (req: FastifyRequest) => roleAtLeast(req.principal!.role, 'analyst');

/** A TLP:RED case is the analysts' only; anything else passes. */
function guardRed(req: FastifyRequest, c: Case | undefined, what: string): void {
  if (c?.tlp === 'red' && !isAnalyst(req))
    throw new OgohError('FORBIDDEN', `this case is TLP:RED: ${what} needs the analyst role`, { field: 'id' });
}

export function registerCases(server: Api, ctx: ServerContext): void {
  const { app, auth } = ctx;
  const tags = ['cases'];
  let opened: Promise<CaseStore> | undefined;
  /** One connection for the server's life, opened on first use. */
  const cases = (): Promise<CaseStore> => {
    opened ??= openCases(app).catch((e) => {
      opened = undefined;
      throw e;
    });
    return opened;
  };
  server.addHook('onClose', async () => {
    if (opened) await (await opened.catch(() => undefined))?.close();
  });

  server.get(
    '/api/cases',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'cases, most recently changed first; item=ID: the cases holding that item (directly, by a detection or by its story)',
        tags,
        querystring: ListQuery,
        response: { 200: Type.Object({ cases: Type.Array(CaseSchema), next: Opt(Type.String()) }) },
      },
    },
    async (req) => {
      const q = req.query;
      if (q.item !== undefined) {
        const found = await casesForItem(app, await cases(), q.item);
        return wire({
          cases: found.filter(
            (c) => (q.status ? c.status === q.status : true) && (c.tlp !== 'red' || isAnalyst(req)),
          ),
        });
      }
      const page = await listCases(await cases(), {
        ...(q.status ? { status: q.status } : {}),
        ...(q.assignee ? { assignee: q.assignee } : {}),
        limit: q.limit ?? 100,
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      // viewers do not see TLP:RED cases (a page may then hold fewer than `limit`; `next` still pages on)
      if (!isAnalyst(req)) page.cases = page.cases.filter((c) => c.tlp !== 'red');
      return wire(page);
    },
  );

  server.post(
    '/api/cases',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'open a case, optionally from items, stories and detections (all must exist)',
        tags,
        body: CreateBody,
        response: { 201: CaseSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const c = await createCase(
        app,
        await cases(),
        {
          title: b.title,
          ...(b.summary ? { summary: b.summary } : {}),
          ...(b.tlp ? { tlp: b.tlp } : {}),
          ...(b.assignee ? { assignee: b.assignee } : {}),
          ...(b.items ? { items: b.items } : {}),
          ...(b.stories ? { stories: b.stories } : {}),
          ...(b.detections ? { detections: b.detections } : {}),
          ...(b.note ? { note: b.note } : {}),
        },
        req.principal!.actor,
      );
      return reply.status(201).send(wire(c));
    },
  );

  server.get(
    '/api/cases/:id',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'a case with its evidence resolved (excerpts, sources, detections with quotes), notes, audit trail',
        tags,
        params: IdParams,
        response: { 200: CaseViewSchema },
      },
    },
    async (req) => {
      const view = await showCase(app, await cases(), req.params.id);
      guardRed(req, view.case, 'reading it');
      return wire(view);
    },
  );

  server.patch(
    '/api/cases/:id',
    {
      config: { access: 'analyst' },
      schema: {
        summary:
          'change title, summary, status (open → in_review → published; closed ⇄ open), assignee (null: none), TLP',
        tags,
        params: IdParams,
        body: PatchBody,
        response: { 200: CaseSchema },
      },
    },
    async (req) => {
      const b = req.body;
      const c = await updateCase(
        app,
        await cases(),
        req.params.id,
        {
          ...(b.title !== undefined ? { title: b.title } : {}),
          ...(b.summary !== undefined ? { summary: b.summary } : {}),
          ...(b.status !== undefined ? { status: b.status } : {}),
          ...(b.assignee !== undefined ? { assignee: b.assignee } : {}),
          ...(b.tlp !== undefined ? { tlp: b.tlp } : {}),
        },
        req.principal!.actor,
      );
      return wire(c);
    },
  );

  server.post(
    '/api/cases/:id/evidence',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'add items, stories or detections as evidence (a closed case refuses: reopen it first)',
        tags,
        params: IdParams,
        body: EvidenceBody,
        response: { 200: Type.Object({ added: Type.Integer(), already: Type.Integer() }) },
      },
    },
    async (req) => {
      const b = req.body;
      return addEvidence(
        app,
        await cases(),
        req.params.id,
        {
          ...(b.items ? { items: b.items } : {}),
          ...(b.stories ? { stories: b.stories } : {}),
          ...(b.detections ? { detections: b.detections } : {}),
          ...(b.note ? { note: b.note } : {}),
        },
        req.principal!.actor,
      );
    },
  );

  server.delete(
    '/api/cases/:id/evidence/:kind/:ref',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'remove one piece of evidence',
        tags,
        params: EvidenceParams,
        response: { 200: Type.Object({ removed: Type.Boolean() }) },
      },
    },
    async (req) => {
      const p = req.params;
      const removed = await removeEvidence(app, await cases(), p.id, p.kind, p.ref, req.principal!.actor);
      if (!removed)
        throw new OgohError('NOT_FOUND', `${p.kind} ${p.ref} is not evidence of ${p.id}`, { field: 'ref' });
      return { removed };
    },
  );

  server.post(
    '/api/cases/:id/notes',
    {
      config: { access: 'analyst' },
      schema: {
        summary: 'add a note',
        tags,
        params: IdParams,
        body: NoteBody,
        response: { 201: NoteSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await addCaseNote(app, await cases(), req.params.id, req.body.text, req.principal!.actor)),
  );

  server.get(
    '/api/cases/:id/log',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'the audit trail: who did what, when, before and after (oldest first)',
        tags,
        params: IdParams,
        response: { 200: Type.Array(EventSchema) },
      },
    },
    async (req) => {
      const store = await cases();
      guardRed(req, await store.getCase(req.params.id), 'its audit trail');
      return caseLog(store, req.params.id);
    },
  );

  server.get(
    '/api/cases/:id/brief',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'a draft brief for human review: Markdown or one self-contained printable HTML page, in tg, ru or en (download=1: as an attachment)',
        tags,
        params: IdParams,
        querystring: BriefQuery,
      },
    },
    async (req, reply) => {
      const store = await cases();
      const c = await store.getCase(req.params.id);
      guardRed(req, c, 'its brief');
      const format = req.query.format ?? 'html';
      const options = { format, lang: req.query.lang ?? 'en' } as const;
      // A download leaves the system and is recorded (the case's trail, the audit log); the preview
      // beside the case is reading, as the case page itself is.
      const brief =
        req.query.download === '1'
          ? await exportBrief(app, store, req.params.id, options, {
              actor: req.principal!.actor,
              ip: req.ip,
              red: roleAtLeast(req.principal!.role, 'analyst'),
              auth,
            })
          : await buildBrief(app, store, req.params.id, options);
      if (format === 'html') {
        reply.header('content-security-policy', BRIEF_CSP);
        reply.header('x-frame-options', 'SAMEORIGIN');
      }
      reply.header('x-ogoh-tlp', `TLP:${brief.data.case.tlp.toUpperCase()}`);
      if (req.query.download === '1')
        reply.header('content-disposition', `attachment; filename="${brief.fileName}"`);
      reply.header('content-type', brief.contentType);
      return reply.send(Buffer.from(brief.text, 'utf8'));
    },
  );
}
