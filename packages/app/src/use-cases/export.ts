/**
 * `ogoh export` and the /api/export routes: gather the records of a query or a case from the store
 * into @ogoh/share's neutral `ExportInput`, then render one format (STIX 2.1, MISP, ClaimReview,
 * CSV, JSONL, GEXF). Every format is built in memory from at most `limit` items; a query that
 * matches more says so (`truncated`) instead of silently cutting.
 *
 * Marking policy: a query export is TLP:AMBER unless asked otherwise; a case export carries the
 * case's own TLP, and asking for a less restricted one than the case has is refused (an export must
 * never loosen an analyst's marking). Who may export what (TLP:RED to analysts only) is the
 * caller's rule: the server applies it, the CLI runs as the operator.
 */
import {
  type Case,
  type ClaimRecord,
  type Detection,
  type Item,
  type ItemQuery,
  OgohError,
  type Source,
  type Story,
  type Tlp,
} from '@ogoh/core';
import { defaultTaxonomy, TECHNIQUES } from '@ogoh/detect';
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
import { openCaseStore } from '@ogoh/store';
import { detectCoordination, ShareTableBuilder, toGexf } from '@ogoh/trace';
import type { Ogoh } from '../context.ts';
import { claimMatcher, getClaims } from './claims.ts';
import { queryTerms } from './query.ts';

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
  /** claim matches below this score are left out of ClaimReview and CSV @default 0.5 */
  minClaimScore?: number;
  /** GEXF: seconds within which two shares count as coordinated @default 60 */
  window?: number;
}

export interface ExportResult {
  format: ExportFormat;
  body: string;
  contentType: string;
  /** a safe file name: ogoh-<case id or "export">-<date>.<ext> */
  filename: string;
  tlp: Tlp;
  items: number;
  /** more items matched than the limit let in */
  truncated: boolean;
  /** STIX exports: the rule check of the bundle (empty when it passes) */
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
  } while (cursor && items.length <= limit);
  const truncated = items.length > limit || (items.length === limit && cursor !== undefined);
  return { items: items.slice(0, limit), truncated };
}

/** The items, stories and notes of a case: evidence items, the items of evidence detections and stories. */
async function caseRecords(
  app: Ogoh,
  caseId: string,
  limit: number,
): Promise<{ c: Case; meta: CaseMeta; items: Item[]; truncated: boolean }> {
  if (app.location === ':memory:')
    throw new OgohError('USAGE', 'cases need a store file or a PostgreSQL URL, not :memory:', {
      field: 'db',
    });
  const cases = await openCaseStore(app.location);
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
    await cases.close();
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
  options: ExportOptions & { withClaims?: boolean } = {},
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
    const r = await caseRecords(app, options.caseId, limit);
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
    ({ items, truncated } = await queryItemsUpTo(app, q, limit));
    tlp = options.tlp ?? 'amber';
  }
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
    input.claims = await claimAppearances(app, items, detections, options.minClaimScore ?? 0.5);
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

/** Renders gathered records in one format. */
export function renderExport(
  format: ExportFormat,
  input: ExportInput,
  options: Pick<ExportOptions, 'window'> = {},
): {
  body: string;
  stixIssues?: StixIssue[];
} {
  switch (format) {
    case 'stix': {
      const bundle = buildStixBundle(input);
      return { body: `${JSON.stringify(bundle, null, 2)}\n`, stixIssues: validateStixBundle(bundle) };
    }
    case 'misp':
      return { body: `${JSON.stringify(buildMispEvent(input), null, 2)}\n` };
    case 'claimreview':
      return { body: `${JSON.stringify(buildClaimReviews(input), null, 2)}\n` };
    case 'csv':
      return { body: toCsv(input) };
    case 'jsonl':
      return { body: toJsonl(input) };
    case 'gexf':
      return { body: exportGexf(input, options.window) };
  }
}

/**
 * Exports a query (or, with `caseId`, a case) in one format.
 * @example const r = await exportData(app, 'stix', { narrative: 'ru-west-destabiliser' }, { tlp: 'green' })
 */
export async function exportData(
  app: Ogoh,
  format: ExportFormat,
  query: ExportQuery = {},
  options: ExportOptions = {},
): Promise<ExportResult> {
  const { input, truncated } = await gatherExport(app, query, {
    ...options,
    withClaims: format === 'claimreview' || format === 'csv',
  });
  const { body, stixIssues } = renderExport(format, input, options);
  const day = app.clock.now().toISOString().slice(0, 10);
  const base = options.caseId ? options.caseId.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60) : 'export';
  return {
    format,
    body,
    contentType: MEDIA[format].type,
    filename: `ogoh-${base}-${day}.${MEDIA[format].ext}`,
    tlp: input.tlp,
    items: input.items.length,
    truncated,
    ...(stixIssues ? { stixIssues } : {}),
  };
}
