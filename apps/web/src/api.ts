/**
 * The dashboard's only way to the data: same-origin fetches to /api. Cookie sessions; state-changing
 * requests carry the session's CSRF token (from /api/me or the login answer) in X-CSRF-Token.
 */

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; hint?: string; requestId: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface Me {
  kind: 'session' | 'key';
  name: string;
  role: 'viewer' | 'analyst' | 'admin';
  csrf?: string;
}

export interface ItemSummary {
  id: string;
  sourceId: string;
  title?: string;
  excerpt: string;
  lang: string;
  langConfidence: number;
  published?: string;
  url?: string;
  storyId?: string;
}

export interface Source {
  id: string;
  name: string;
  platform: string;
  url?: string;
  languages: string[];
  country?: string;
  affiliation: string;
  affiliationNote?: string;
  tags: string[];
  items: number;
}

export interface StorySummary {
  id: string;
  firstItemId: string;
  firstSeen?: string;
  lastSeen?: string;
  size: number;
  sources: number;
  langs: string[];
  title?: string;
  excerpt?: string;
}

export interface Detection {
  id: string;
  kind: string;
  label: string;
  score: number;
  evidence: { start: number; end: number; text?: string }[];
  model: string;
}

export interface ItemDetail {
  item: {
    id: string;
    sourceId: string;
    url?: string;
    title?: string;
    text: string;
    lang: string;
    langConfidence: number;
    published?: string;
    publishedRaw?: string;
    collectedAt: string;
    analyzedAt?: string;
    authorName?: string;
    links: { url: string; text?: string }[];
    media: { kind: string; path?: string; url?: string; mime?: string }[];
    format: string;
    storyId?: string;
    ocrText?: string;
    raw?: string;
  };
  source?: Omit<Source, 'items'>;
  story?: StorySummary & { link?: string };
  detections: Detection[];
  /** fact-checked claims the item may repeat, best first */
  claims: {
    id: string;
    score: number;
    text: string;
    rating?: string;
    org?: string;
    url?: string;
    lang?: string;
  }[];
}

export interface StoryDetail {
  story: StorySummary;
  members: (ItemSummary & { link: string; similarity: number; sourceName?: string; affiliation?: string })[];
  truncated: boolean;
}

export interface ProvNode {
  itemId: string;
  sourceId: string;
  sourceName: string;
  affiliation: string;
  lang: string;
  published?: string;
  title: string;
  parent?: string;
  relation?: string;
  lagSeconds?: number;
  similarity?: number;
  laundering: boolean;
  depth: number;
}

export interface Trace {
  provenance: {
    storyId: string;
    firstItemId: string;
    nodes: ProvNode[];
    laundering: { flagged: boolean; origin?: { sourceName: string; affiliation: string }; items: string[] };
  };
  cascade?: { size: number; reach: number; depth: number };
}

export interface Stats {
  items: number;
  sources: number;
  stories: number;
  detections: number;
  byLang: Record<string, number>;
  bySource: Record<string, number>;
  firstPublished?: string;
  lastPublished?: string;
}

export interface Series {
  days: string[];
  series: { key: string; total: number; counts: number[] }[];
  truncated: boolean;
}

export interface CheckResult {
  lang: string;
  confidence: number;
  script: string;
  sentences?: { start: number; end: number; lang: string; confidence: number }[];
  narratives: {
    id: string;
    score: number;
    evidence: { start: number; end: number; text: string }[];
    card?: CardRef;
  }[];
  techniques: { id: string; score: number; spans: { start: number; end: number }[]; card?: CardRef }[];
  versions?: { taxonomy: string; narratives: string; techniques: string };
  explanation?: string;
}

let csrf: string | undefined;
let onUnauthorized: () => void = () => {};

export function setCsrf(token: string | undefined): void {
  csrf = token;
}

/** Called when the server says the session is gone (expired, logged out elsewhere). */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => undefined)) as T | ApiErrorBody | undefined;
  if (!res.ok) {
    const e = (data as ApiErrorBody | undefined)?.error;
    if (res.status === 401 && path !== '/api/login' && path !== '/api/me') onUnauthorized();
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, e?.field);
  }
  return data as T;
}

export interface Job {
  id: string;
  kind: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  /** 2 or more: a worker stopped or died and another took the job over */
  attempts: number;
  progress: { done: number; message?: string };
  result?: Record<string, unknown>;
  error?: { code: string; message: string };
}

export interface IngestReport {
  new: number;
  duplicate: number;
  rejected: number;
  skipped: number;
  format?: string;
  errors: { file: string; line?: number; field?: string; code: string; reason: string }[];
}

/** Sends a file as the raw request body (POST /api/claims/import takes the bytes, not a form). */
async function upload<T>(path: string, file: Blob): Promise<T> {
  return send<T>(path, file, { 'content-type': 'application/octet-stream' });
}

/**
 * Sends files as a multipart form, one part "file" per file (POST /api/ingest answers 202 with
 * the ingest job); the browser sets the multipart boundary itself.
 */
async function uploadFiles<T>(path: string, files: readonly File[]): Promise<T> {
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  return send<T>(path, form, {});
}

async function send<T>(path: string, body: Blob | FormData, extra: Record<string, string>): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(path, { method: 'POST', headers, body, credentials: 'same-origin' });
  const data = (await res.json().catch(() => undefined)) as T | ApiErrorBody | undefined;
  if (!res.ok) {
    const e = (data as ApiErrorBody | undefined)?.error;
    if (res.status === 401) onUnauthorized();
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, e?.field);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  upload,
  uploadFiles,
};

// --- catalogue: narratives, techniques, literacy cards, counter-message review ---

export type CardLang = 'en' | 'ru' | 'tg';

/** A flag's card: where the printable page is, and (when explained) what it is and how to check. */
export interface CardRef {
  id: string;
  lang: string;
  href: string;
  title?: string;
  what?: string;
  check?: string;
  headings?: { what: string; check: string };
}

export interface Card {
  id: string;
  kind: 'technique' | 'narrative';
  lang: string;
  title: string;
  group: string;
  groupLabel: string;
  what: string;
  why: string;
  check: string;
  example: string;
  cardsVersion: string;
  taxonomyVersion: string;
  status: string;
}

export interface CatalogueNarrative {
  id: string;
  family: string;
  familyLabel: string;
  label: string;
  description: string;
  typicalTechniques: string[];
  hasCard: boolean;
  /** stored items flagged with it */
  items?: number;
}

export interface CatalogueTechnique {
  id: string;
  category: string;
  categoryLabel: string;
  name: string;
  hasCard: boolean;
  items?: number;
}

export interface ReviewFinding {
  kind: 'stigmatising' | 'generalising';
  rule: string;
  group: { type: string; text: string; start: number; end: number };
  start: number;
  end: number;
  text: string;
  why: string;
  suggestions: string[];
  rewrite: string;
}

export interface ReviewResult {
  ok: boolean;
  lang: string;
  findings: ReviewFinding[];
  version: string;
}

export const catalogueApi = {
  narratives: (lang: CardLang) =>
    api.get<{ taxonomyVersion: string; cardsVersion: string; narratives: CatalogueNarrative[] }>(
      `/api/narratives?lang=${lang}&counts=true`,
    ),
  techniques: (lang: CardLang) =>
    api.get<{ techniques: CatalogueTechnique[] }>(`/api/techniques?lang=${lang}&counts=true`),
  card: (id: string, lang: CardLang) => api.get<Card>(`/api/cards/${encodeURIComponent(id)}?lang=${lang}`),
  /** the printable, self-contained card page (opened in a new tab) */
  cardHtmlUrl: (id: string, lang: CardLang) => `/api/cards/${encodeURIComponent(id)}.html?lang=${lang}`,
  review: (text: string, lang: CardLang) => api.post<ReviewResult>('/api/review', { text, lang }),
};

// --- exports (GET /api/export/:format): the items list's Export control ---
export const EXPORT_FORMATS = ['stix', 'misp', 'claimreview', 'csv', 'jsonl', 'gexf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;

/** The download URL of an export of the items `filters` select (same names as /api/items, plus tlp). */
export function exportUrl(format: ExportFormat, filters: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
  const s = p.toString();
  return `/api/export/${format}${s ? `?${s}` : ''}`;
}

/** The download URL of a case export; without a TLP the case's own marking applies. */
export function caseExportUrl(caseId: string, format: ExportFormat, tlp?: string): string {
  const p = new URLSearchParams({ format });
  if (tlp) p.set('tlp', tlp);
  return `/api/cases/${encodeURIComponent(caseId)}/export?${p}`;
}

// --- triage: the review queue and verdicts on detections (GET /api/triage, POST /api/detections/:id/feedback) ---
export type Verdict = 'accept' | 'reject' | 'relabel';

export interface FeedbackRecord {
  id: string;
  detectionId: string;
  itemId: string;
  label: string;
  kind: string;
  verdict: Verdict;
  newLabel?: string;
  actor: string;
  reason?: string;
  at: string;
}

export interface TriageDetection {
  id: string;
  kind: 'narrative' | 'technique' | 'claim' | 'convergence';
  label: string;
  score: number;
  threshold: number;
  evidence: { start: number; end: number; text?: string }[];
  model: string;
  taxonomyVersion?: string;
  review?: { verdict: Verdict; actor: string; at: string; newLabel?: string; reason?: string };
}

export interface TriageEntry {
  itemId: string;
  sourceId: string;
  lang: string;
  published?: string;
  title?: string;
  /** the text detection ran on; evidence offsets point into it */
  text: string;
  detections: TriageDetection[];
  priority: number;
  why: { uncertainty: number; worthiness: number; recency: number; reasons: string[] };
  models: string[];
  taxonomyVersions: string[];
}

export interface TriagePage {
  entries: TriageEntry[];
  next?: string;
  considered: number;
  windowFull: boolean;
}

export const triageApi = {
  queue: (params: { lang?: string; minScore?: string; cursor?: string; limit?: number }) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
    return api.get<TriagePage>(`/api/triage?${q}`);
  },
  verdict: (detectionId: string, body: { verdict: Verdict; label?: string; reason?: string }) =>
    api.post<FeedbackRecord>(`/api/detections/${encodeURIComponent(detectionId)}/feedback`, body),
};

// --- cases (incidents) and briefs: /api/cases ---

export const CASE_STATUSES = ['open', 'in_review', 'published', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type CaseTlp = (typeof CASE_TLPS)[number];
/** Where a case may go from each status (the server enforces the same rules). */
export const CASE_MOVES: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['in_review', 'closed'],
  in_review: ['open', 'published', 'closed'],
  published: ['in_review', 'closed'],
  closed: ['open'],
};

export interface CaseRecord {
  id: string;
  title: string;
  summary: string;
  status: CaseStatus;
  assignee?: string;
  tlp: CaseTlp;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface CaseEvidence {
  kind: 'item' | 'story' | 'detection';
  ref: string;
  note?: string;
  addedBy: string;
  addedAt: string;
  missing?: boolean;
  item?: {
    id: string;
    sourceName: string;
    affiliation?: string;
    lang: string;
    published?: string;
    excerpt: string;
    detections: Detection[];
  };
  story?: { id: string; size: number; sources: number; langs: string[]; title?: string; firstSeen?: string };
  detection?: Detection;
}

export interface CaseEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export interface CaseView {
  case: CaseRecord;
  evidence: CaseEvidence[];
  notes: { id: string; text: string; author: string; at: string }[];
  events: CaseEvent[];
}

export interface EvidenceRefs {
  items?: string[];
  stories?: string[];
  detections?: string[];
}

const caseUrl = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export const casesApi = {
  list: (status?: CaseStatus) =>
    api.get<{ cases: CaseRecord[]; next?: string }>(`/api/cases${status ? `?status=${status}` : ''}`),
  /** the cases holding an item (directly, by one of its detections or by its story) */
  holding: (itemId: string) =>
    api.get<{ cases: CaseRecord[] }>(`/api/cases?item=${encodeURIComponent(itemId)}`),
  create: (body: { title: string } & EvidenceRefs) => api.post<CaseRecord>('/api/cases', body),
  show: (id: string) => api.get<CaseView>(caseUrl(id)),
  update: (
    id: string,
    patch: Partial<Pick<CaseRecord, 'title' | 'summary' | 'status' | 'tlp'>> & { assignee?: string | null },
  ) => request<CaseRecord>('PATCH', caseUrl(id), patch),
  addEvidence: (id: string, refs: EvidenceRefs) =>
    api.post<{ added: number; already: number }>(`${caseUrl(id)}/evidence`, refs),
  removeEvidence: (id: string, kind: string, ref: string) =>
    request<{ removed: boolean }>(
      'DELETE',
      `${caseUrl(id)}/evidence/${encodeURIComponent(kind)}/${encodeURIComponent(ref)}`,
    ),
  addNote: (id: string, text: string) => api.post(`${caseUrl(id)}/notes`, { text }),
  /** the brief page (self-contained HTML) or a download of it */
  briefUrl: (id: string, lang: string, format: 'html' | 'md' = 'html', download = false) =>
    `${caseUrl(id)}/brief?format=${format}&lang=${lang}${download ? '&download=1' : ''}`,
};

// --- analyst views: coordinated-sharing network ---

export interface CoordQuery {
  window?: number;
  minParticipation?: number;
  edgeQuantile?: number;
  since?: string;
  until?: string;
}

export interface Coordination {
  groups: {
    id: string;
    accounts: string[];
    objects: number;
    edges: number;
    weight: number;
    topObjects: { id: string; accounts: number }[];
    communities?: string[];
  }[];
  communities: { id: string; group: string; accounts: string[] }[];
  edges: { a: string; b: string; weight: number }[];
  edgesTruncated: boolean;
  modularity?: number;
  names: Record<string, string>;
  params: { timeWindow: number; minParticipation: number; edgeQuantile: number; minWeight: number };
  counts: {
    events: number;
    accounts: number;
    participants: number;
    keptEdges: number;
    groups: number;
    communities: number;
  };
}

function coordParams(q: CoordQuery): string {
  const p = new URLSearchParams();
  if (q.window !== undefined) p.set('window', String(q.window));
  if (q.minParticipation !== undefined) p.set('min-participation', String(q.minParticipation));
  if (q.edgeQuantile !== undefined) p.set('edge-quantile', String(q.edgeQuantile));
  if (q.since) p.set('since', q.since);
  if (q.until) p.set('until', q.until);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const viewsApi = {
  coordination: (q: CoordQuery) => api.get<Coordination>(`/api/coordination${coordParams(q)}`),
  gexfUrl: (q: CoordQuery) => `/api/coordination.gexf${coordParams(q)}`,
};

// --- alerts: rules (admins), events and the webhook delivery log (analysts) ---

export type AlertRuleKind = 'narrative_spike' | 'convergence' | 'source_joins_story' | 'claim_match';

export interface AlertRuleView {
  id: string;
  name: string;
  kind: AlertRuleKind;
  params: { label?: string; threshold?: number; storyId?: string; knownSources?: string[] };
  targetUrl: string;
  /** the real secret only in the answer to addRule; '***' when listed */
  secret: string;
  enabled: boolean;
  maxAttempts: number;
  createdBy: string;
  createdAt: string;
}

export interface AlertEventView {
  id: string;
  ruleId: string;
  fingerprint: string;
  payload: Record<string, unknown>;
  state: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt?: string;
  createdAt: string;
}

export interface AlertDeliveryView {
  id: string;
  eventId: string;
  ruleId: string;
  attempt: number;
  status: 'delivered' | 'failed' | 'dead';
  httpStatus?: number;
  error?: string;
  at: string;
  nextAttemptAt?: string;
}

const alertRuleUrl = (id: string) => `/api/alerts/rules/${encodeURIComponent(id)}`;

export const alertsApi = {
  rules: () => request<{ rules: AlertRuleView[] }>('GET', '/api/alerts/rules'),
  addRule: (body: {
    name: string;
    kind: AlertRuleKind;
    targetUrl: string;
    label?: string;
    threshold?: number;
    storyId?: string;
  }) => request<AlertRuleView>('POST', '/api/alerts/rules', body),
  setEnabled: (id: string, enabled: boolean) => request<void>('PATCH', alertRuleUrl(id), { enabled }),
  remove: (id: string) => request<void>('DELETE', alertRuleUrl(id)),
  test: (id: string) =>
    request<{ delivered: boolean; event: AlertEventView }>('POST', `${alertRuleUrl(id)}/test`, {}),
  events: () => request<{ events: AlertEventView[] }>('GET', '/api/alerts/events?limit=100'),
  deliveries: () => request<{ deliveries: AlertDeliveryView[] }>('GET', '/api/alerts/deliveries?limit=100'),
};

// --- analyst views: trends, spikes, convergence ---

export type TrendsBy = 'narrative' | 'technique' | 'source' | 'lang' | 'story';

export interface Spike {
  id: string;
  by: string;
  key: string;
  day: string;
  value: number;
  baseline: number;
  score: number;
  itemIds: string[];
}

export interface Trends {
  days: string[];
  series: Partial<Record<TrendsBy, { key: string; total: number; counts: number[] }[]>>;
  spikes: Spike[];
  method: { name: string; window: number; minHistory: number; threshold: number; minCount: number };
}

export interface ConvergenceSignal {
  scope: string;
  key: string;
  pair: string;
  mechanism: string;
  grounding: string;
  narratives: { id: string; family: string; items: string[] }[];
  families: string[];
  items: number;
  support: number;
  firstDay: string;
  lastDay: string;
  hypothesis: true;
}

export interface Convergence {
  hypothesis: true;
  index: { day: string; items: number; converging: number; index: number }[];
  pairs: {
    pair: string;
    mechanism: string;
    channels: number;
    stories: number;
    items: number;
    firstDay: string;
    lastDay: string;
  }[];
  signals: ConvergenceSignal[];
  spikes: Spike[];
}

export const trendsApi = {
  trends: (by: TrendsBy[], top = 8) => api.get<Trends>(`/api/trends?by=${by.join(',')}&top=${top}`),
  /** mechanism texts in `lang` (the UI language) where the taxonomy has them, else English */
  convergence: (lang?: string) =>
    api.get<Convergence>(`/api/convergence${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`),
};

// --- analyst views: fact-checked claims ---

export interface Claim {
  id: string;
  text: string;
  rating?: string;
  org?: string;
  url?: string;
  date?: string;
  lang?: string;
  claimant?: string;
  title?: string;
}

export interface ClaimImport {
  files: { file: string; format: string; claims: number; issues: number }[];
  inserted: number;
  updated: number;
  unchanged: number;
  issues: { file: string; line?: number; path?: string; reason: string }[];
}

export const claimsApi = {
  list: (cursor?: string) =>
    api.get<{ claims: Claim[]; next?: string; total: number }>(
      `/api/claims?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  get: (id: string) => api.get<Claim>(`/api/claims/${encodeURIComponent(id)}`),
  match: (text: string) =>
    api.post<{ matches: { score: number; claim: Claim }[]; total: number }>('/api/claims/match', {
      text,
      k: 10,
    }),
  import: (file: File) =>
    api.upload<ClaimImport>(`/api/claims/import?filename=${encodeURIComponent(file.name)}`, file),
};

// --- jobs: background work on the store's queue (uploads, analyses, exports) ---

/** A job as GET /api/jobs lists it. */
export interface JobEntry extends Job {
  by: string;
  maxAttempts: number;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
}

export const JOB_EXPORT_FORMATS = ['stix', 'misp', 'claimreview', 'csv', 'jsonl', 'gexf'] as const;

export const jobsApi = {
  list: (limit = 50) => api.get<JobEntry[]>(`/api/jobs?limit=${limit}`),
  /** queues an export of a case (or of every item, up to `limit`) */
  exportLater: (body: { format: string; case?: string; limit?: number }) =>
    api.post<JobEntry>('/api/exports', body),
  /** where a finished export job's file downloads from */
  fileUrl: (id: string) => `/api/exports/${encodeURIComponent(id)}/file`,
};
