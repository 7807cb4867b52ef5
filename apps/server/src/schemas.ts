/**
 * The API's shapes as TypeBox (JSON Schema) values: fastify validates requests and serialises
 * responses with them, and openapi.ts publishes them, so the contract and the behaviour are one.
 * Responses list their fields explicitly: whatever a record holds beyond them is not sent.
 */
import { AFFILIATIONS, FORMATS, JOB_KINDS, JOB_STATUSES, LANGS, PLATFORMS, ROLES } from '@ogoh/core';
import { type TSchema, Type } from '@sinclair/typebox';

const Str = (max = 500) => Type.String({ maxLength: max });
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
/** A string enum with its literal type (TypeBox's Union of Literals loses it when built from an array). */
const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const LangSchema = literals(LANGS);
export const RoleSchema = literals(ROLES);
export const AffiliationSchema = literals(AFFILIATIONS);

/** Every error: one shape, a stable `code` (core's ERROR_CODES), the request id for the logs. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      field: Opt(Type.String()),
      hint: Opt(Type.String()),
      requestId: Type.String(),
    }),
  },
  { $id: 'ErrorBody' },
);

export const IdParams = Type.Object({ id: Str(200) }, { additionalProperties: false });

const Cursor = Str(400);
const Limit = Type.Integer({ minimum: 1, maximum: 200 });
const Time = Type.String({ maxLength: 40, description: 'YYYY-MM-DD or an ISO-8601 time' });

export const ItemsQuery = Type.Object(
  {
    q: Opt(
      Type.String({ maxLength: 500, description: 'free text; Tajik matches typed either way (ҳ or х …)' }),
    ),
    lang: Opt(LangSchema),
    source: Opt(Str(64)),
    story: Opt(Str(100)),
    since: Opt(Time),
    until: Opt(Time),
    label: Opt(Str(200)),
    limit: Opt(Limit),
    cursor: Opt(Cursor),
  },
  { additionalProperties: false },
);

export const ItemSummary = Type.Object({
  id: Type.String(),
  sourceId: Type.String(),
  title: Opt(Type.String()),
  /** the start of the text, for lists */
  excerpt: Type.String(),
  lang: Type.String(),
  langConfidence: Type.Number(),
  published: Opt(Type.String()),
  url: Opt(Type.String()),
  storyId: Opt(Type.String()),
});

export const ItemPage = Type.Object({ items: Type.Array(ItemSummary), next: Opt(Type.String()) });

const Link = Type.Object({ url: Type.String(), text: Opt(Type.String()) });
const Media = Type.Object({
  kind: Type.String(),
  path: Opt(Type.String()),
  url: Opt(Type.String()),
  mime: Opt(Type.String()),
  size: Opt(Type.Number()),
  width: Opt(Type.Number()),
  height: Opt(Type.Number()),
  hash: Opt(Type.String()),
});

export const SourceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  platform: Type.String(),
  url: Opt(Type.String()),
  channelId: Opt(Type.String()),
  languages: Type.Array(Type.String()),
  country: Opt(Type.String()),
  affiliation: Type.String(),
  affiliationNote: Opt(Type.String()),
  tags: Type.Array(Type.String()),
  createdAt: Type.String(),
});

export const SourceWithCount = Type.Composite([SourceSchema, Type.Object({ items: Type.Integer() })]);

const DetectionSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  score: Type.Number(),
  evidence: Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Opt(Type.String()) })),
  explain: Type.Record(Type.String(), Type.Unknown()),
  model: Type.String(),
  taxonomyVersion: Opt(Type.String()),
  createdAt: Type.String(),
});

const StorySummary = Type.Object({
  id: Type.String(),
  firstItemId: Type.String(),
  firstSeen: Opt(Type.String()),
  lastSeen: Opt(Type.String()),
  size: Type.Integer(),
  sources: Type.Integer(),
  langs: Type.Array(Type.String()),
  title: Opt(Type.String()),
  /** the start of the first item's text, for stories whose first item has no title */
  excerpt: Opt(Type.String()),
});

export const ItemQuery = Type.Object(
  {
    raw: Opt(
      Type.Union([Type.Literal('0'), Type.Literal('1')], {
        description: '1: include the verbatim record (analysts)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** A fact-checked claim as published (the fields of a ClaimReview the API sends). */
export const ClaimSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  rating: Opt(Type.String()),
  org: Opt(Type.String()),
  url: Opt(Type.String()),
  date: Opt(Type.String()),
  lang: Opt(Type.String()),
  claimant: Opt(Type.String()),
  claimDate: Opt(Type.String()),
  title: Opt(Type.String()),
  appearances: Opt(Type.Array(Type.String())),
});

export const ItemDetail = Type.Object({
  item: Type.Object({
    id: Type.String(),
    sourceId: Type.String(),
    externalId: Opt(Type.String()),
    url: Opt(Type.String()),
    canonicalUrl: Opt(Type.String()),
    title: Opt(Type.String()),
    text: Type.String(),
    lang: Type.String(),
    langConfidence: Type.Number(),
    published: Opt(Type.String()),
    publishedRaw: Opt(Type.String()),
    collectedAt: Type.String(),
    authorName: Opt(Type.String()),
    links: Type.Array(Link),
    media: Type.Array(Media),
    /** media of an extremist source: never stored, only hashes and metadata */
    mediaWithheld: Opt(Type.Boolean()),
    /** text read from the item's images */
    ocrText: Opt(Type.String()),
    telegram: Opt(Type.Record(Type.String(), Type.Unknown())),
    format: Type.String(),
    storyId: Opt(Type.String()),
    analyzedAt: Opt(Type.String()),
    /** only with ?raw=1 */
    raw: Opt(Type.String()),
  }),
  source: Opt(SourceSchema),
  story: Opt(Type.Composite([StorySummary, Type.Object({ link: Opt(Type.String()) })])),
  detections: Type.Array(DetectionSchema),
  /** fact-checked claims the item may repeat, best first */
  claims: Type.Array(Type.Composite([ClaimSchema, Type.Object({ score: Type.Number() })])),
});

export const StoriesQuery = Type.Object(
  {
    minSize: Opt(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 2 })),
    limit: Opt(Limit),
    cursor: Opt(Cursor),
  },
  { additionalProperties: false },
);

export const StoryPage = Type.Object({ stories: Type.Array(StorySummary), next: Opt(Type.String()) });

export const StoryDetail = Type.Object({
  story: StorySummary,
  members: Type.Array(
    Type.Composite([
      ItemSummary,
      Type.Object({
        link: Type.String(),
        similarity: Type.Number(),
        sourceName: Opt(Type.String()),
        affiliation: Opt(Type.String()),
      }),
    ]),
  ),
  truncated: Type.Boolean(),
});

export const StatsSchema = Type.Object({
  items: Type.Integer(),
  sources: Type.Integer(),
  stories: Type.Integer(),
  payloads: Type.Integer(),
  detections: Type.Integer(),
  byLang: Type.Record(Type.String(), Type.Integer()),
  bySource: Type.Record(Type.String(), Type.Integer()),
  firstPublished: Opt(Type.String()),
  lastPublished: Opt(Type.String()),
});

export const SeriesQuery = Type.Object(
  {
    by: Type.Union([Type.Literal('lang'), Type.Literal('source')], { default: 'lang' }),
    interval: Type.Literal('day', { default: 'day' }),
    since: Opt(Time),
    until: Opt(Time),
  },
  { additionalProperties: false },
);

export const SeriesSchema = Type.Object({
  by: Type.String(),
  interval: Type.String(),
  days: Type.Array(Type.String()),
  series: Type.Array(
    Type.Object({ key: Type.String(), total: Type.Integer(), counts: Type.Array(Type.Integer()) }),
  ),
  truncated: Type.Boolean(),
});

export const CheckBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 100_000 }),
    id: Opt(Str(200)),
    explain: Opt(literals(['en', 'ru', 'tg'] as const)),
  },
  { additionalProperties: false },
);

const Offsets = { start: Type.Integer(), end: Type.Integer() };
/** A flag's media-literacy card: where to get it, and with `explain` its title, what it is and how to check. */
const CardRefSchema = Type.Object({
  id: Type.String(),
  lang: Type.String(),
  href: Type.String(),
  title: Opt(Type.String()),
  what: Opt(Type.String()),
  check: Opt(Type.String()),
  headings: Opt(Type.Object({ what: Type.String(), check: Type.String() })),
});
export const CheckSchema = Type.Object({
  id: Opt(Type.String()),
  lang: Type.String(),
  confidence: Type.Number(),
  script: Type.String(),
  sentences: Opt(Type.Array(Type.Object({ ...Offsets, lang: Type.String(), confidence: Type.Number() }))),
  narratives: Type.Array(
    Type.Object({
      id: Type.String(),
      score: Type.Number(),
      evidence: Type.Array(Type.Object({ ...Offsets, text: Type.String() })),
      card: Opt(CardRefSchema),
    }),
  ),
  techniques: Type.Array(
    Type.Object({
      id: Type.String(),
      score: Type.Number(),
      spans: Type.Array(Type.Object(Offsets)),
      card: Opt(CardRefSchema),
    }),
  ),
  claims: Type.Array(Type.Object({ id: Type.String(), score: Type.Number() })),
  /** the taxonomy and model versions behind the flags */
  versions: Opt(
    Type.Object({ taxonomy: Type.String(), narratives: Type.String(), techniques: Type.String() }),
  ),
  /** every flag explained in words, in the requested language (with `explain`) */
  explanation: Opt(Type.String()),
});

export const SourceBody = Type.Object(
  {
    id: Str(64),
    name: Opt(Str(200)),
    platform: Opt(literals(PLATFORMS)),
    url: Opt(Str(2000)),
    channelId: Opt(Str(200)),
    languages: Opt(Type.Array(Str(10), { maxItems: 20 })),
    country: Opt(Str(10)),
    affiliation: Opt(AffiliationSchema),
    affiliationNote: Opt(Str(2000)),
    tags: Opt(Type.Array(Str(50), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const IngestQuery = Type.Object(
  {
    filename: Opt(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'the uploaded file name (raw bodies only; a multipart part carries its own); its extension helps format detection',
      }),
    ),
    source: Opt(Str(64)),
    format: Opt(literals(['auto', ...FORMATS] as const)),
  },
  { additionalProperties: false },
);

const IngestErrorSchema = Type.Object({
  file: Type.String(),
  line: Opt(Type.Integer()),
  column: Opt(Type.Integer()),
  field: Opt(Type.String()),
  code: Type.String(),
  reason: Type.String(),
});

export const IngestReportSchema = Type.Object({
  new: Type.Integer(),
  duplicate: Type.Integer(),
  rejected: Type.Integer(),
  skipped: Type.Integer(),
  format: Opt(Type.String()),
  errors: Type.Array(IngestErrorSchema),
  analysed: Opt(Type.Integer()),
});

export const JobSchema = Type.Object({
  id: Type.String(),
  kind: literals(JOB_KINDS),
  state: literals(JOB_STATUSES),
  by: Type.String(),
  /** claims so far: 2 means a worker died (or was stopped) and another took the job over */
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  startedAt: Opt(Type.String()),
  finishedAt: Opt(Type.String()),
  progress: Type.Object({ done: Type.Integer(), message: Opt(Type.String()) }),
  result: Opt(Type.Record(Type.String(), Type.Unknown())),
  error: Opt(Type.Object({ code: Type.String(), message: Type.String() })),
});

export const JobsQuery = Type.Object(
  {
    state: Opt(literals(JOB_STATUSES)),
    kind: Opt(literals(JOB_KINDS)),
    limit: Opt(Type.Integer({ minimum: 1, maximum: 1000, description: '@default 100' })),
  },
  { additionalProperties: false },
);

export const AnalyseBody = Type.Object(
  {
    all: Opt(Type.Boolean()),
    batchSize: Opt(
      Type.Integer({
        minimum: 1,
        maximum: 100_000,
        description:
          'items per page; each page commits on its own (a re-run resumes after it) @default 50000',
      }),
    ),
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Type.String(),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
  lastLoginAt: Opt(Type.String()),
});

export const MeSchema = Type.Object({
  kind: Type.Union([Type.Literal('session'), Type.Literal('key')]),
  name: Type.String(),
  role: Type.String(),
  /** the CSRF token to send as X-CSRF-Token on state-changing requests (sessions only) */
  csrf: Opt(Type.String()),
});

export const NewUserBody = Type.Object(
  { username: Str(32), role: RoleSchema, password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export const UsernameParams = Type.Object({ username: Str(32) }, { additionalProperties: false });

export const ApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  createdBy: Opt(Type.String()),
  revokedAt: Opt(Type.String()),
  lastUsedAt: Opt(Type.String()),
});
export const NewKeyBody = Type.Object({ name: Str(100), role: RoleSchema }, { additionalProperties: false });

export const AuditQuery = Type.Object(
  { limit: Opt(Limit), before: Opt(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export const AuditSchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  event: Type.String(),
  actor: Opt(Type.String()),
  subject: Opt(Type.String()),
  ip: Opt(Type.String()),
  detail: Opt(Type.Record(Type.String(), Type.Unknown())),
});

const ProvNode = Type.Object({
  itemId: Type.String(),
  sourceId: Type.String(),
  sourceName: Type.String(),
  affiliation: Type.String(),
  platform: Type.String(),
  lang: Type.String(),
  published: Opt(Type.String()),
  title: Type.String(),
  views: Opt(Type.Number()),
  parent: Opt(Type.String()),
  relation: Opt(Type.String()),
  lagSeconds: Opt(Type.Number()),
  similarity: Opt(Type.Number()),
  via: Opt(Type.String()),
  attribution: Opt(Type.String()),
  credits: Opt(Type.String()),
  laundering: Type.Boolean(),
  depth: Type.Integer(),
  reasons: Opt(Type.Record(Type.String(), Type.Unknown())),
});

const CascadeSchema = Type.Object({
  root: Type.String(),
  rootItemId: Opt(Type.String()),
  rootSourceId: Opt(Type.String()),
  rootChannel: Type.String(),
  rootPublished: Opt(Type.String()),
  rootViews: Opt(Type.Number()),
  nodes: Type.Array(
    Type.Object({
      itemId: Type.String(),
      sourceId: Type.String(),
      channel: Type.String(),
      parent: Type.String(),
      via: Type.String(),
      depth: Type.Integer(),
      published: Opt(Type.String()),
      lagSeconds: Opt(Type.Number()),
      views: Opt(Type.Number()),
    }),
  ),
  size: Type.Integer(),
  depth: Type.Integer(),
  reach: Type.Number(),
  speed: Type.Object({
    firstSeconds: Opt(Type.Number()),
    medianLagSeconds: Opt(Type.Number()),
    halfSeconds: Opt(Type.Number()),
  }),
});

/** A story's provenance tree (who published first, who copied, translated or laundered it) and its Telegram cascade. */
export const TraceSchema = Type.Object({
  itemId: Opt(Type.String()),
  story: Opt(
    Type.Object({
      id: Type.String(),
      size: Type.Integer(),
      sources: Type.Integer(),
      langs: Type.Array(Type.String()),
      title: Opt(Type.String()),
      firstSeen: Opt(Type.String()),
    }),
  ),
  provenance: Type.Object({
    storyId: Type.String(),
    firstItemId: Type.String(),
    nodes: Type.Array(ProvNode),
    laundering: Type.Object({
      flagged: Type.Boolean(),
      origin: Opt(
        Type.Object({
          itemId: Type.String(),
          sourceId: Type.String(),
          sourceName: Type.String(),
          affiliation: Type.String(),
        }),
      ),
      items: Type.Array(Type.String()),
    }),
  }),
  cascade: Opt(CascadeSchema),
});

export const NoContent = Type.Null();

/** The query string of routes that take no parameters. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
