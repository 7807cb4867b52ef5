/**
 * `ogoh export` and the /api/export routes: gather the records of a query or a case from the store
 * into @ogoh/share's neutral `ExportInput`, then render one format (STIX 2.1, MISP, ClaimReview,
 * CSV, JSONL, GEXF). Every format is built in memory from at most `limit` items; a query that
 * matches more says so (`truncated`) instead of silently cutting.
 *
 * Marking policy: a query export is TLP:AMBER unless asked otherwise; a case export carries the
 * case's own TLP, and asking for a less restricted one than the case has is refused (an export must
 * never loosen an analyst's marking). Who may take TLP:RED out is the caller's rule (`ExportBy.red`:
 * the server passes the role check, the CLI runs as the operator).
 *
 * Every export is recorded here, not by the edges, so neither the CLI nor the server can forget it:
 * the audit log gets an `export` event (who, from where, format, TLP, item count, the query or case),
 * and a case export also writes an `exported` event on the case's own trail (who, when, format,
 * object count, TLP). A refused or broken export (a STIX rule broken) is never returned or recorded.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import {
  type Case,
  type CaseExport,
  type CaseStore,
  type ClaimRecord,
  type Detection,
  type Item,
  type ItemQuery,
  type Job,
  type NewJob,
  OgohError,
  type Source,
  type Story,
  type Tlp,
} from '@ogoh/core';
import { CLAIM_SCORE, defaultTaxonomy, TECHNIQUES } from '@ogoh/detect';
import { canonicalUrl } from '@ogoh/ingest';
import {
  buildClaimReviews,
  buildMispEvent,
  buildStixBundle,
  type CaseMeta,
  type ClaimAppearance,
  describeQuery,
  type ExportInput,
  type NarrativeInfo,
  parseTlp,
  type StixIssue,
  tlpAtLeast,
  tlpLabel,
  toCsv,
  toJsonl,
  validateStixBundle,
} from '@ogoh/share';
import { detectCoordination, ShareTableBuilder, toGexf } from '@ogoh/trace';
import type { Ogoh } from '../context.ts';
import { openCases } from './cases.ts';
import { claimMatcher, getClaims } from './claims.ts';
import { queryTerms } from './query.ts';
import { type Auth, audit, openAuth } from './users.ts';

/** The STIX 2.1 rule check, for callers that validate bundles from elsewhere (and tests). */
export { type StixIssue, validateStixBundle } from '@ogoh/share';

export const EXPORT_FORMATS = ['stix', 'misp', 'claimreview', 'csv', 'jsonl', 'gexf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Items one export holds by default, and at most. */
export const EXPORT_LIMIT = 1000;
export const EXPORT_MAX = 10_000;

const MEDIA: Record<ExportFormat, { type: string; ext: string }> = {
  stix: { type: 'application/stix+json;version=2.1', ext: 'stix.json' },
  misp: { type: 'application/json; charset=utf-8', ext: 'misp.json' },
  claimreview: { type: 'application/ld+json; charset=utf-8', ext: 'claimreview.jsonld' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  jsonl: { type: 'application/x-ndjson; charset=utf-8', ext: 'jsonl' },
  gexf: { type: 'application/gexf+xml; charset=utf-8', ext: 'gexf' },
};

/** The query filters of an export (the same as `ogoh items`). */
export interface ExportQuery {
  q?: string;
  lang?: string;
  sourceId?: string;
  storyId?: string;
  since?: string;
  until?: string;
  /** a narrative or technique id: items flagged with it */
  narrative?: string;
}

export interface ExportOptions {
  /** export a case instead of a query */
  caseId?: string;
  tlp?: Tlp;
  /** at most this many items @default EXPORT_LIMIT */
  limit?: number;
  /** the producing organisation @default $OGOH_ORG, else "Ogoh" */
  producer?: string;
  /** claim matches below this score are left out of ClaimReview and CSV @default CLAIM_SCORE.report (0.5) */
  minClaimScore?: number;
  /** GEXF: seconds within which two shares count as coordinated @default 60 */
  window?: number;
  /** told how far the export is: items gathered so far, then each stage (an export job's progress) */
  onProgress?: (done: number, message: string) => void;
}

/** Who exports: every export is recorded under this actor. */
export interface ExportBy {
  /** a username, `key:<id>`, or `cli:<OS user>` */
  actor: string;
  /** the client address, for the audit log */
  ip?: string;
  /**
   * May this caller take TLP:RED out (asked for, or the case's own marking)? RED means named
   * recipients only. @default true (the CLI runs as the operator; the server passes role ≥ analyst)
   */
  red?: boolean;
  /** an open audit log to write to (the server's); else one is opened for the call */
  auth?: Auth;
}

export interface ExportResult {
  format: ExportFormat;
  body: string;
  contentType: string;
  /** a safe file name: ogoh-<case id or "export">-<date>.<ext> */
  filename: string;
  tlp: Tlp;
  items: number;
  /** records in the body: STIX objects, MISP attributes, ClaimReviews, CSV rows, JSONL lines, GEXF nodes */
  objects: number;
  /** more items matched than the limit let in */
  truncated: boolean;
  /** STIX exports: the rule check of the bundle (always empty: a bundle that breaks a rule is refused) */
  stixIssues?: StixIssue[];
}

/** Checks a format name, naming the flag on error. */
export function parseExportFormat(value: string, field = 'format'): ExportFormat {
  const f = value.trim().toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(f)) return f as ExportFormat;
  throw new OgohError('USAGE', `unknown export format "${value}"`, {
    field,
    hint: `one of ${EXPORT_FORMATS.join(', ')}`,
  });
}

/** Checks a TLP name ("amber", "TLP:AMBER+STRICT", "white"), naming the flag on error. */
export function parseExportTlp(value: string, field = 'tlp'): Tlp {
  const t = parseTlp(value);
  if (!t)
    throw new OgohError('USAGE', `"${value}" is not a TLP level`, {
      field,
      hint: 'one of clear, green, amber, amber+strict, red',
    });
  return t;
}

function narrativesInfo(): NarrativeInfo[] {
  return defaultTaxonomy().narratives.map((n) => ({
    id: n.id,
    label: n.labels.en || n.label,
    description: n.description,
    actorFamily: n.actorFamily,
    disarm: n.disarm,
  }));
}

async function detectionsOf(app: Ogoh, items: Item[]): Promise<Detection[]> {
  const out: Detection[] = [];
  for (let i = 0; i < items.length; i += 500)
    out.push(...(await app.store.detectionsFor(items.slice(i, i + 500).map((x) => x.id))));
  return out;
}

async function storiesOf(app: Ogoh, items: Item[]): Promise<Story[]> {
  const ids = [...new Set(items.map((i) => i.storyId).filter((s): s is string => !!s))].sort();
  const out: Story[] = [];
  for (const id of ids) {
    const s = await app.store.getStory(id);
    if (s) out.push(s);
  }
  return out;
}

async function queryItemsUpTo(
  app: Ogoh,
  query: ItemQuery,
  limit: number,
  onProgress?: (done: number, message: string) => void,
): Promise<{ items: Item[]; truncated: boolean }> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await app.store.queryItems({
      ...query,
      limit: Math.min(1000, limit - items.length + 1),
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    cursor = page.next;
    onProgress?.(Math.min(items.length, limit), 'items read');
  } while (cursor && items.length <= limit);
  const truncated = items.length > limit || (items.length === limit && cursor !== undefined);
  return { items: items.slice(0, limit), truncated };
}

/** The items, stories and notes of a case: evidence items, the items of evidence detections and stories. */
async function caseRecords(
  app: Ogoh,
  caseId: string,
  limit: number,
  open?: CaseStore,
): Promise<{ c: Case; meta: CaseMeta; items: Item[]; truncated: boolean }> {
  const cases = open ?? (await openCases(app));
  try {
    const c = await cases.getCase(caseId);
    if (!c)
      throw new OgohError('NOT_FOUND', `no case ${caseId}`, {
        field: 'case',
        hint: 'list cases with `ogoh cases list`',
      });
    const [evidence, notes] = await Promise.all([cases.listEvidence(caseId), cases.listNotes(caseId)]);
    const ids = new Set<string>();
    for (const e of evidence) {
      if (e.kind === 'item') ids.add(e.ref);
      else if (e.kind === 'detection' && e.itemId) ids.add(e.itemId);
      else if (e.kind === 'story') {
        const s = await app.store.getStory(e.ref);
        for (const m of s?.members ?? []) ids.add(m.itemId);
      }
    }
    const all = [...ids].sort();
    const items = await app.store.getItems(all.slice(0, limit));
    const meta: CaseMeta = {
      id: c.id,
      title: c.title,
      ...(c.summary ? { summary: c.summary } : {}),
      status: c.status,
      tlp: c.tlp,
      created: c.createdAt,
      modified: c.updatedAt,
      notes: notes.map((n) => ({ id: n.id, author: n.author, text: n.text, created: n.at })),
    };
    return { c, meta, items, truncated: all.length > limit };
  } finally {
    if (!open) await cases.close();
  }
}

/** Fact-checked claims the items repeat: stored claim detections plus the claim index's matches. */
async function claimAppearances(
  app: Ogoh,
  items: Item[],
  detections: Detection[],
  minScore: number,
): Promise<ClaimAppearance[]> {
  const byClaim = new Map<string, Map<string, number>>();
  const note = (claimId: string, itemId: string, score: number) => {
    const m = byClaim.get(claimId) ?? new Map<string, number>();
    m.set(itemId, Math.max(m.get(itemId) ?? 0, score));
    byClaim.set(claimId, m);
  };
  for (const d of detections) if (d.kind === 'claim' && d.score >= minScore) note(d.label, d.itemId, d.score);
  if (app.location !== ':memory:') {
    const matcher = await claimMatcher(app);
    if (matcher.size > 0)
      for (const item of items)
        for (const m of matcher.match(`${item.title ?? ''}\n${item.text}`, 3, { lang: item.lang, minScore }))
          note(m.id, item.id, m.score);
  }
  if (byClaim.size === 0) return [];
  const records: ClaimRecord[] = await getClaims(app, [...byClaim.keys()].sort());
  return records.map((claim) => ({
    claim,
    items: [...(byClaim.get(claim.id) ?? [])]
      .map(([itemId, score]) => ({ itemId, score }))
      .sort((a, b) => b.score - a.score || a.itemId.localeCompare(b.itemId)),
  }));
}

/**
 * Gathers an export's records. `withClaims` runs claim matching over the items (ClaimReview and
 * CSV need it; it costs one index lookup per item).
 */
export async function gatherExport(
  app: Ogoh,
  query: ExportQuery,
  options: ExportOptions & { withClaims?: boolean; cases?: CaseStore } = {},
): Promise<{ input: ExportInput; truncated: boolean }> {
  const limit = options.limit ?? EXPORT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > EXPORT_MAX)
    throw new OgohError('USAGE', `limit must be an integer from 1 to ${EXPORT_MAX}`, { field: 'limit' });
  let items: Item[];
  let truncated: boolean;
  let caseMeta: CaseMeta | undefined;
  let tlp: Tlp;
  const filters: Record<string, string> = {};
  if (options.caseId) {
    const r = await caseRecords(app, options.caseId, limit, options.cases);
    ({ items, truncated } = r);
    caseMeta = r.meta;
    if (options.tlp && !tlpAtLeast(options.tlp, r.c.tlp))
      throw new OgohError(
        'USAGE',
        `case ${r.c.id} is ${tlpLabel(r.c.tlp)}; an export cannot loosen it to ${tlpLabel(options.tlp)}`,
        {
          field: 'tlp',
          hint: `leave the TLP out, or give ${tlpLabel(r.c.tlp)} or stricter`,
        },
      );
    tlp = options.tlp ?? r.c.tlp;
  } else {
    const q: ItemQuery = {};
    if (query.q?.trim()) {
      q.terms = queryTerms(query.q);
      filters.q = query.q.trim();
    }
    if (query.lang) q.lang = filters.lang = query.lang;
    if (query.sourceId) q.sourceId = filters.source = query.sourceId;
    if (query.storyId) q.storyId = filters.story = query.storyId;
    if (query.since) q.since = filters.since = query.since;
    if (query.until) q.until = filters.until = query.until;
    if (query.narrative) q.label = filters.narrative = query.narrative;
    ({ items, truncated } = await queryItemsUpTo(app, q, limit, options.onProgress));
    tlp = options.tlp ?? 'amber';
  }
  options.onProgress?.(items.length, 'items read; reading detections, stories and sources');
  const [detections, stories, sources] = await Promise.all([
    detectionsOf(app, items),
    storiesOf(app, items),
    app.store.listSources(),
  ]);
  const used = new Set(items.map((i) => i.sourceId));
  const input: ExportInput = {
    producer: { name: options.producer ?? process.env.OGOH_ORG ?? 'Ogoh' },
    tlp,
    ...(caseMeta ? { case: caseMeta } : { query: filters }),
    items,
    sources: sources.filter((s: Source) => used.has(s.id)),
    detections,
    stories,
    narratives: narrativesInfo(),
    techniques: TECHNIQUES.map((t) => ({ id: t.id, name: t.names.en, definition: t.definition })),
  };
  if (options.withClaims)
    input.claims = await claimAppearances(
      app,
      items,
      detections,
      options.minClaimScore ?? CLAIM_SCORE.report,
    );
  return { input, truncated };
}

/**
 * The coordination network among the exported items (CooRTweet's method, as `ogoh coord`): accounts
 * that shared the same URL, story or forwarded post within `window` seconds.
 */
export function exportGexf(input: ExportInput, window = 60): string {
  const builder = new ShareTableBuilder(input.items.length * 2 + 16);
  for (const item of [...input.items].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!item.published) continue;
    const t = Date.parse(item.published) / 1000;
    const account = item.authorId ?? `source:${item.sourceId}`;
    const seen = new Set<string>();
    const add = (object: string) => {
      if (seen.has(object)) return;
      seen.add(object);
      builder.add(object, account, t, item.id);
    };
    for (const l of item.links) add(`url:${canonicalUrl(l.url) ?? l.url}`);
    if (item.storyId) add(`story:${item.storyId}`);
    if (item.telegram?.forwardedFromId) add(`fwd:${item.telegram.forwardedFromId}`);
  }
  const result = detectCoordination(builder.build(), { timeWindow: window });
  const what = input.case ? `case ${input.case.id}` : describeQuery(input.query);
  return toGexf(result, {
    description: `Ogoh coordinated-sharing network of ${what} (${tlpLabel(input.tlp)})`,
  });
}

/** Renders gathered records in one format; `objects` counts the records in the body. */
export function renderExport(
  format: ExportFormat,
  input: ExportInput,
  options: Pick<ExportOptions, 'window'> = {},
): {
  body: string;
  objects: number;
  stixIssues?: StixIssue[];
} {
  switch (format) {
    case 'stix': {
      const bundle = buildStixBundle(input);
      return {
        body: `${JSON.stringify(bundle, null, 2)}\n`,
        objects: bundle.objects.length,
        stixIssues: validateStixBundle(bundle),
      };
    }
    case 'misp': {
      const event = buildMispEvent(input);
      return { body: `${JSON.stringify(event, null, 2)}\n`, objects: event.Event.Attribute.length };
    }
    case 'claimreview': {
      const doc = buildClaimReviews(input);
      const graph = doc['@graph'];
      return {
        body: `${JSON.stringify(doc, null, 2)}\n`,
        objects: Array.isArray(graph) ? graph.length : 1,
      };
    }
    case 'csv':
      // one row per item (a text may hold newlines inside its quoted field, so rows are not lines)
      return { body: toCsv(input), objects: input.items.length };
    case 'jsonl': {
      const body = toJsonl(input);
      return { body, objects: body.split('\n').filter((l) => l !== '').length };
    }
    case 'gexf': {
      const body = exportGexf(input, options.window);
      return { body, objects: body.match(/<node\b/g)?.length ?? 0 };
    }
  }
}

function forbidRed(by: ExportBy, message: string): void {
  if (by.red === false) throw new OgohError('FORBIDDEN', message, { field: 'tlp' });
}

/** Writes the audit-log event, and the case trail's `exported` event for a case export. */
async function recordExport(
  app: Ogoh,
  by: ExportBy,
  cases: CaseStore | undefined,
  what: { caseId?: string; query: ExportQuery; exported: CaseExport },
): Promise<void> {
  const at = app.clock.now().toISOString();
  if (what.caseId && cases) await cases.recordExport(what.caseId, what.exported, by.actor, at);
  // An in-memory store has no audit log another connection could read: nothing to write to.
  if (app.location === ':memory:' && !by.auth) return;
  const auth = by.auth ?? (await openAuth(app));
  try {
    const { format, tlp, items, objects, lang } = what.exported;
    await audit(auth, {
      event: 'export',
      actor: by.actor,
      ...(what.caseId ? { subject: what.caseId } : {}),
      ...(by.ip ? { ip: by.ip } : {}),
      detail: {
        format,
        tlp,
        items,
        objects,
        ...(lang ? { lang } : {}),
        ...(what.caseId ? {} : { query: what.query }),
      },
    });
  } finally {
    if (!by.auth) await auth.close();
  }
}

/**
 * Exports a query (or, with `caseId`, a case) in one format, and records who did it (the audit log;
 * the case's trail for a case). FORBIDDEN when RED is not the caller's to take out; INTERNAL when
 * the STIX bundle breaks a STIX 2.1 rule (nothing returned, nothing recorded).
 * @example const r = await exportData(app, 'stix', { narrative: 'ru-west-destabiliser' }, { tlp: 'green' }, { actor: 'cli:nilufar' })
 */
export async function exportData(
  app: Ogoh,
  format: ExportFormat,
  query: ExportQuery,
  options: ExportOptions,
  by: ExportBy,
): Promise<ExportResult> {
  if (options.tlp === 'red') forbidRed(by, 'a TLP:RED export needs the analyst role');
  const cases = options.caseId ? await openCases(app) : undefined;
  try {
    const { input, truncated } = await gatherExport(app, query, {
      ...options,
      withClaims: format === 'claimreview' || format === 'csv',
      ...(cases ? { cases } : {}),
    });
    // A case's own marking applies too: a viewer cannot take a RED case out by leaving tlp out.
    if (input.tlp === 'red') forbidRed(by, 'this case is TLP:RED: exporting it needs the analyst role');
    options.onProgress?.(input.items.length, `rendering ${format}`);
    const { body, objects, stixIssues } = renderExport(format, input, options);
    if (stixIssues?.length)
      throw new OgohError('INTERNAL', `the STIX bundle breaks ${stixIssues.length} STIX 2.1 rule(s)`, {
        hint: stixIssues
          .slice(0, 5)
          .map((i) => `${i.object} ${i.property}: ${i.message}`)
          .join('; '),
      });
    await recordExport(app, by, cases, {
      ...(options.caseId ? { caseId: options.caseId } : {}),
      query,
      exported: { format, objects, items: input.items.length, tlp: input.tlp, truncated },
    });
    const day = app.clock.now().toISOString().slice(0, 10);
    const base = options.caseId ? options.caseId.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60) : 'export';
    return {
      format,
      body,
      contentType: MEDIA[format].type,
      filename: `ogoh-${base}-${day}.${MEDIA[format].ext}`,
      tlp: input.tlp,
      items: input.items.length,
      objects,
      truncated,
      ...(stixIssues ? { stixIssues } : {}),
    };
  } finally {
    await cases?.close();
  }
}

/**
 * Records a brief that left the system (`ogoh brief`, a brief download): the case's trail and the
 * audit log, as every other export. Briefs are built by `buildBrief`; see `exportBrief` in briefs.ts.
 */
export async function recordBriefExport(
  app: Ogoh,
  cases: CaseStore,
  caseId: string,
  exported: CaseExport,
  by: ExportBy,
): Promise<void> {
  await recordExport(app, by, cases, { caseId, query: {}, exported });
}

/**
 * Exports as background jobs (`POST /api/exports`): a big case or query is gathered and rendered by
 * a worker, not inside a request, and the file is written to `dir` (a folder every worker and API
 * process of the store can read, like the upload spool); the job's result names it, and the API's
 * download route serves it. The export is recorded (audit log, case trail) when the job runs, by
 * the actor who asked, exactly as a synchronous export is.
 */
export const EXPORT_FILE_PREFIX = 'ogoh-export-';

export interface ExportJobArgs {
  format: ExportFormat;
  query: ExportQuery;
  options: Omit<ExportOptions, 'onProgress' | 'producer'>;
  by: Omit<ExportBy, 'auth'>;
  /** where the file goes: an absolute folder */
  dir: string;
}

/** Checks an export job before it is queued (format, limit, TLP:RED rights), so it fails at once. */
export function exportJobRequest(args: ExportJobArgs, createdBy: string): NewJob {
  const format = parseExportFormat(args.format);
  const limit = args.options.limit ?? EXPORT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > EXPORT_MAX)
    throw new OgohError('USAGE', `limit must be an integer from 1 to ${EXPORT_MAX}`, { field: 'limit' });
  if (args.options.tlp === 'red') forbidRed(args.by, 'a TLP:RED export needs the analyst role');
  if (!isAbsolute(args.dir))
    throw new OgohError('USAGE', 'an export job needs an absolute folder for its file', { field: 'dir' });
  const payload: Record<string, unknown> = {
    format,
    query: args.query,
    options: args.options,
    by: args.by,
    dir: args.dir,
  };
  return {
    kind: 'export',
    payload,
    // asking again for the same export while it is unfinished returns that job
    idempotencyKey: `export:${JSON.stringify([format, args.query, args.options, args.by.actor, args.by.red ?? true])}`,
    createdBy,
  };
}

const record = (v: unknown, field: string): Record<string, unknown> => {
  if (v === undefined) return {};
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new OgohError('INPUT_FIELD', `export job payload ${field} must be an object`, { field });
  return v as Record<string, unknown>;
};

/** What an export job's result says, as `runExportJob` returns it. */
export interface ExportJobResult {
  /** the file's name in the job's folder */
  file: string;
  /** the name to download it as */
  filename: string;
  format: ExportFormat;
  contentType: string;
  bytes: number;
  items: number;
  objects: number;
  truncated: boolean;
  tlp: Tlp;
}

/** Runs a queued export job: gathers, renders, records and writes the file (see exportJobRequest). */
export async function runExportJob(
  app: Ogoh,
  job: Pick<Job, 'id' | 'payload'>,
  progress: (done: number, message?: string) => void,
): Promise<ExportJobResult> {
  const p = job.payload;
  const format = parseExportFormat(String(p.format ?? ''), 'format');
  const dir = p.dir;
  if (typeof dir !== 'string' || !isAbsolute(dir))
    throw new OgohError('INPUT_FIELD', 'export job payload dir must be an absolute folder', { field: 'dir' });
  const by = record(p.by, 'by');
  if (typeof by.actor !== 'string' || !by.actor)
    throw new OgohError('INPUT_FIELD', 'export job payload by.actor is missing', { field: 'by.actor' });
  const auth = await openAuth(app);
  try {
    const r = await exportData(
      app,
      format,
      record(p.query, 'query') as ExportQuery,
      { ...(record(p.options, 'options') as ExportOptions), onProgress: progress },
      {
        actor: by.actor,
        ...(typeof by.ip === 'string' ? { ip: by.ip } : {}),
        red: by.red !== false,
        auth,
      },
    );
    await mkdir(dir, { recursive: true });
    const file = `${EXPORT_FILE_PREFIX}${job.id.replace(/[^A-Za-z0-9_-]+/g, '-')}-${r.filename}`;
    const body = Buffer.from(r.body, 'utf8');
    // written under a temporary name first: a reader never sees half a file
    await writeFile(join(dir, `${file}.part`), body);
    await rename(join(dir, `${file}.part`), join(dir, file));
    progress(r.items, 'written');
    return {
      file,
      filename: r.filename,
      format,
      contentType: r.contentType,
      bytes: body.length,
      items: r.items,
      objects: r.objects,
      truncated: r.truncated,
      tlp: r.tlp,
    };
  } finally {
    await auth.close();
  }
}

/**
 * The file a finished export job wrote, for a download: its path (in the folder the job was given,
 * by the name its result gives, nothing else), or NOT_FOUND / CONFLICT naming why not.
 */
export function exportJobFile(job: Job): {
  path: string;
  filename: string;
  contentType: string;
  tlp: string;
  items: number;
  truncated: boolean;
} {
  if (job.kind !== 'export')
    throw new OgohError('NOT_FOUND', `job ${job.id} is not an export`, {
      field: 'id',
      hint: 'POST /api/exports queues one',
    });
  if (job.status !== 'done' || !job.result)
    throw new OgohError('CONFLICT', `export ${job.id} is ${job.status}, not done`, {
      field: 'id',
      hint:
        job.status === 'failed' ? 'the job has its error' : 'poll GET /api/jobs/:id until its state is done',
    });
  const r = job.result;
  const dir = job.payload.dir;
  const file = r.file;
  if (
    typeof dir !== 'string' ||
    typeof file !== 'string' ||
    basename(file) !== file ||
    !file.startsWith(EXPORT_FILE_PREFIX)
  )
    throw new OgohError('NOT_FOUND', `export ${job.id} has no file`, { field: 'id' });
  return {
    path: join(dir, file),
    filename: String(r.filename ?? file),
    contentType: String(r.contentType ?? 'application/octet-stream'),
    tlp: String(r.tlp ?? 'amber'),
    items: Number(r.items ?? 0),
    truncated: r.truncated === true,
  };
}
