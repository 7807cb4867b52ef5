/**
 * Versioned schema migrations, applied in order inside one write transaction when a store opens.
 * The version lives in `PRAGMA user_version`. A shipped migration is never edited: changes go in a
 * new entry at the end, so every store reaches the same schema whatever version it started from.
 *
 * Layout notes (the why; items.ts explains the sort key):
 * - `items.sort_key` is the rowid. It encodes the published instant, so "newest first" is rowid
 *   order in the table, in every index (SQLite appends the rowid to index keys) and in the FTS5
 *   index, whose rowid is the same key. Full-text pages then need no sort.
 * - `items.seq` is the collection order (oldest collected first), used by `itemsToAnalyse`.
 * - `items_fts` is external-content FTS5 over `fold_text` (no second copy of the text) plus `meta`,
 *   a generated column holding a language token and a source token, so language and source filters
 *   intersect inside FTS5 instead of looking up every candidate row.
 * - Prefix search (terms of 3+ characters) without a per-query cost that grows with the corpus:
 *   FTS5 answers `"abc"*` by merging the doclists of every matching term before yielding a row
 *   (6–9 ms per 200k items for a common stem). `prefix = '3 4'` indexes 3- and 4-character
 *   prefixes as terms of their own, which FTS5 reads lazily (0.1 ms); it costs ~1.4× the base
 *   index. Longer prefixes are expanded through `fts_terms` (every distinct token of `fold_text`)
 *   into `("t1" OR "t2" …)`, also lazy (terms.ts). Trigram indexing was measured (8× the unicode61
 *   index, 3× slower inserts) and left out: prefix matching covers Tajik and Russian suffixes.
 * - Near-duplicate band keys are stored as 53-bit hashes of the key text, keyed by the item's
 *   rowid, in a WITHOUT ROWID table: about 20 bytes a row instead of ~70 with text keys, which
 *   matters at 16–32 bands per item. A hash collision only adds a candidate the caller rejects
 *   after comparing signatures.
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The tokenizer of the full-text index; `terms.ts` reads it back from the schema. */
export const FTS_TOKENIZE = 'unicode61 remove_diacritics 0';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  platform TEXT NOT NULL,
  url TEXT,
  channel_id TEXT,
  languages TEXT NOT NULL,
  country TEXT,
  affiliation TEXT NOT NULL,
  affiliation_note TEXT,
  tags TEXT NOT NULL,
  poll_interval_sec INTEGER,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE payloads (
  id TEXT PRIMARY KEY,
  uri TEXT NOT NULL,
  format TEXT NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources(id),
  size INTEGER NOT NULL,
  encoding TEXT,
  content_type TEXT,
  collected_at TEXT NOT NULL,
  body BLOB
) STRICT;
CREATE INDEX payloads_source ON payloads(source_id);

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL REFERENCES sources(id),
  external_id TEXT,
  name TEXT,
  kind TEXT NOT NULL
) STRICT;
CREATE INDEX accounts_source ON accounts(source_id);

CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  first_item_id TEXT NOT NULL,
  first_seen TEXT,
  last_seen TEXT,
  -- sort key of the newest member: orders stories by time across time-zone offsets
  last_key INTEGER NOT NULL,
  size INTEGER NOT NULL,
  sources INTEGER NOT NULL,
  langs TEXT NOT NULL,
  title TEXT
) STRICT;
CREATE INDEX stories_rank ON stories(size, last_key, id);

CREATE TABLE items (
  sort_key INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  id TEXT NOT NULL UNIQUE,
  source_id TEXT NOT NULL REFERENCES sources(id),
  external_id TEXT,
  url TEXT,
  canonical_url TEXT,
  title TEXT,
  text TEXT NOT NULL,
  lang TEXT NOT NULL,
  lang_confidence REAL NOT NULL,
  published TEXT,
  published_raw TEXT,
  collected_at TEXT NOT NULL,
  author_id TEXT,
  author_name TEXT,
  content_hash TEXT NOT NULL,
  fold_text TEXT NOT NULL,
  links TEXT NOT NULL,
  media TEXT NOT NULL,
  telegram TEXT,
  format TEXT NOT NULL,
  payload_id TEXT NOT NULL,
  raw TEXT NOT NULL,
  story_id TEXT REFERENCES stories(id),
  analyzed_at TEXT,
  meta TEXT GENERATED ALWAYS AS ('xl' || lang || ' xs' || lower(hex(source_id))) VIRTUAL
) STRICT;
CREATE INDEX items_source ON items(source_id);
CREATE INDEX items_lang ON items(lang);
CREATE INDEX items_story ON items(story_id) WHERE story_id IS NOT NULL;
CREATE INDEX items_hash ON items(content_hash);
CREATE INDEX items_unanalysed ON items(seq) WHERE analyzed_at IS NULL;

CREATE VIRTUAL TABLE items_fts USING fts5(
  fold_text, meta,
  content = 'items', content_rowid = 'sort_key',
  prefix = '3 4',
  tokenize = '${FTS_TOKENIZE}'
);
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, fold_text, meta) VALUES (new.sort_key, new.fold_text, new.meta);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, fold_text, meta)
    VALUES ('delete', old.sort_key, old.fold_text, old.meta);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF sort_key, fold_text, lang, source_id ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, fold_text, meta)
    VALUES ('delete', old.sort_key, old.fold_text, old.meta);
  INSERT INTO items_fts(rowid, fold_text, meta) VALUES (new.sort_key, new.fold_text, new.meta);
END;

CREATE TABLE fts_terms (term TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

CREATE TABLE story_members (
  item_id TEXT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  story_id TEXT NOT NULL REFERENCES stories(id),
  link TEXT NOT NULL,
  similarity REAL NOT NULL
) STRICT;
CREATE INDEX story_members_story ON story_members(story_id);

CREATE TABLE item_signatures (
  item_key INTEGER PRIMARY KEY REFERENCES items(sort_key) ON DELETE CASCADE,
  signature BLOB NOT NULL,
  -- the band hashes written for this item (int64 little-endian), to delete them on re-put
  bands BLOB NOT NULL
) STRICT;
CREATE TABLE item_bands (
  band INTEGER NOT NULL,
  item_key INTEGER NOT NULL,
  PRIMARY KEY (band, item_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE detections (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  -- the item's sort key, so a label filter walks (label, item_key) in page order
  item_key INTEGER NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  score REAL NOT NULL,
  evidence TEXT NOT NULL,
  explain TEXT NOT NULL,
  model TEXT NOT NULL,
  taxonomy_version TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX detections_item ON detections(item_id, model);
CREATE INDEX detections_label ON detections(label, item_key);
`,
  },
  {
    version: 2,
    name: 'users, sessions, API keys and the audit log',
    // Sessions and keys are stored as SHA-256 digests of their secrets; sessions go with their user.
    sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  last_login_at TEXT
) STRICT;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  revoked_at TEXT,
  last_used_at TEXT
) STRICT;

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  actor TEXT,
  subject TEXT,
  ip TEXT,
  detail TEXT
) STRICT;
`,
  },
  {
    version: 3,
    name: 'tracing: item anchors, story links with reasons, provenance edges, alerts',
    // Anchors and postings are keyed by the item's sort key (published instant), so retrieval within
    // a time window is a range seek; trace_df keeps document frequencies in step with the postings.
    sql: `
CREATE TABLE trace_anchors (
  item_key INTEGER PRIMARY KEY REFERENCES items(sort_key) ON DELETE CASCADE,
  lang TEXT NOT NULL,
  keys TEXT NOT NULL
) STRICT;
CREATE TABLE trace_postings (
  key_hash INTEGER NOT NULL,
  item_key INTEGER NOT NULL,
  PRIMARY KEY (key_hash, item_key)
) STRICT, WITHOUT ROWID;
CREATE TABLE trace_df (
  key_hash INTEGER PRIMARY KEY,
  n INTEGER NOT NULL
) STRICT;

CREATE TABLE trace_links (
  item_id TEXT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  story_id TEXT NOT NULL,
  to_item_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  score REAL NOT NULL,
  reasons TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX trace_links_story ON trace_links(story_id);

CREATE TABLE trace_provenance (
  story_id TEXT NOT NULL,
  to_item_id TEXT NOT NULL,
  from_item_id TEXT NOT NULL,
  relation TEXT NOT NULL,
  lag_seconds REAL,
  attribution TEXT,
  laundering INTEGER NOT NULL,
  PRIMARY KEY (story_id, to_item_id)
) STRICT;

CREATE TABLE trace_alerts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  by_dim TEXT,
  key TEXT NOT NULL,
  day TEXT NOT NULL,
  value REAL NOT NULL,
  baseline REAL NOT NULL,
  score REAL NOT NULL,
  item_ids TEXT NOT NULL,
  detail TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX trace_alerts_day ON trace_alerts(kind, day);
`,
  },
  {
    version: 4,
    name: 'fact-checked claims',
    // Claims keep the id they were imported with; claims_version moves on every change so a cached
    // claim index knows when it is stale.
    sql: `
CREATE TABLE claims (
  id TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  rating TEXT,
  org TEXT,
  url TEXT,
  date TEXT,
  lang TEXT,
  claimant TEXT,
  claim_date TEXT,
  title TEXT,
  appearances TEXT,
  updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE claims_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO claims_version (id, version) VALUES (1, 0);
`,
  },
  {
    version: 5,
    name: 'collection: OCR text and withheld media on items, fetch state, source health, poll log, payload ledger, media',
    // Media rows of extremist sources never hold bytes: the CHECK makes that a property of the
    // schema, not only of the code. pHashes are compared in JS (64-bit Hamming distance).
    sql: `
ALTER TABLE items ADD COLUMN ocr_text TEXT;
ALTER TABLE items ADD COLUMN media_withheld INTEGER;

CREATE TABLE fetch_state (
  url TEXT PRIMARY KEY,
  source_id TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  body_hash TEXT,
  lastmod TEXT,
  status INTEGER,
  fetched_at TEXT NOT NULL
) STRICT;
CREATE INDEX fetch_state_source ON fetch_state(source_id);

CREATE TABLE source_health (
  source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  last_attempt_at TEXT,
  last_success_at TEXT,
  last_error_at TEXT,
  last_error_code TEXT,
  last_error TEXT,
  consecutive_failures INTEGER NOT NULL,
  fetches INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  last_items INTEGER,
  last_new INTEGER,
  total_new INTEGER NOT NULL,
  next_due_at TEXT
) STRICT;

CREATE TABLE poll_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  url TEXT NOT NULL,
  at TEXT NOT NULL,
  ms REAL NOT NULL,
  outcome TEXT NOT NULL,
  status INTEGER,
  bytes INTEGER,
  payload_id TEXT,
  items INTEGER,
  new_items INTEGER,
  error_code TEXT,
  error TEXT
) STRICT;
CREATE INDEX poll_log_source ON poll_log(source_id, seq);
CREATE INDEX poll_log_run ON poll_log(run_id, seq);

CREATE TABLE payload_parse (
  payload_id TEXT PRIMARY KEY REFERENCES payloads(id),
  source_id TEXT NOT NULL,
  url TEXT NOT NULL,
  format TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  parsed_at TEXT,
  items INTEGER,
  error TEXT
) STRICT;
CREATE INDEX payload_parse_order ON payload_parse(fetched_at, payload_id);
CREATE INDEX payload_parse_pending ON payload_parse(fetched_at) WHERE parsed_at IS NULL;

CREATE TABLE media (
  sha256 TEXT PRIMARY KEY,
  url TEXT,
  path TEXT,
  mime TEXT,
  size INTEGER NOT NULL,
  width INTEGER,
  height INTEGER,
  phash TEXT,
  ocr_text TEXT,
  ocr_langs TEXT NOT NULL,
  withheld INTEGER NOT NULL,
  first_seen TEXT NOT NULL,
  body BLOB,
  CHECK (withheld = 0 OR body IS NULL)
) STRICT;
CREATE INDEX media_url ON media(url);
CREATE TABLE media_items (
  sha256 TEXT NOT NULL REFERENCES media(sha256),
  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  PRIMARY KEY (sha256, item_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX media_items_item ON media_items(item_id);
`,
  },
  {
    version: 6,
    name: 'cases: evidence, notes and their audit trail',
    // last_seq: the seq of the case's latest event, the "recently changed first" list order (and
    // cursor) without relying on clock strings that could tie or run backwards.
    sql: `
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'in_review', 'published', 'closed')),
  assignee TEXT,
  tlp TEXT NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_seq INTEGER NOT NULL
) STRICT;
CREATE INDEX cases_order ON cases(last_seq);
CREATE INDEX cases_status ON cases(status, last_seq);
CREATE INDEX cases_assignee ON cases(assignee, last_seq) WHERE assignee IS NOT NULL;

CREATE TABLE case_evidence (
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('item', 'story', 'detection')),
  ref TEXT NOT NULL,
  item_id TEXT,
  note TEXT,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (case_id, kind, ref)
) STRICT;
CREATE INDEX case_evidence_ref ON case_evidence(kind, ref);

CREATE TABLE case_notes (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  author TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX case_notes_case ON case_notes(case_id);

CREATE TABLE case_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  before TEXT,
  after TEXT
) STRICT;
CREATE INDEX case_events_case ON case_events(case_id, seq);
`,
  },
  {
    version: 7,
    name: 'analyst feedback on detections (append-only) and the latest verdict per detection',
    sql: `
CREATE TABLE feedback (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  detection_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  label TEXT NOT NULL,
  kind TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'relabel')),
  new_label TEXT,
  actor TEXT NOT NULL,
  reason TEXT,
  at TEXT NOT NULL,
  CHECK ((verdict = 'relabel') = (new_label IS NOT NULL))
) STRICT;
CREATE INDEX feedback_detection ON feedback(detection_id, seq);
CREATE INDEX feedback_item ON feedback(item_id, seq);
CREATE INDEX feedback_label ON feedback(label, seq);
CREATE INDEX feedback_kind ON feedback(kind, seq);
CREATE TRIGGER feedback_no_update BEFORE UPDATE ON feedback BEGIN
  SELECT RAISE(ABORT, 'feedback is append-only');
END;
CREATE TRIGGER feedback_no_delete BEFORE DELETE ON feedback BEGIN
  SELECT RAISE(ABORT, 'feedback is append-only');
END;
CREATE TABLE feedback_latest (
  detection_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  verdict TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX feedback_latest_verdict ON feedback_latest(verdict);
`,
  },
  {
    version: 8,
    name: 'items enter the full-text index from the writer, not from an insert trigger',
    // An INSERT whose trigger writes to FTS5 runs with a statement journal, and each statement
    // journal opens a savepoint on the FTS5 table, which flushes FTS5's pending terms to a new
    // segment: one tiny segment per item, merged again and again (~40 % of ingest CPU). The writer
    // (sqlite/items.ts) now adds the index row with a plain one-row INSERT, which needs no statement
    // journal, so a batch stays in FTS5's in-memory hash until it commits. The delete and update
    // triggers stay (they fire rarely); items inserted before this migration are indexed already.
    sql: `
DROP TRIGGER items_fts_insert;
`,
  },
  {
    version: 9,
    name: 'story summaries grow from their new members',
    // assignStories updates a story that only gained members from those members (stories.ts
    // growStory): whether a source or language is new to the story is one seek here instead of
    // re-aggregating every member, which made each page of analysis cost the size of its stories.
    sql: `
CREATE INDEX items_story_source ON items(story_id, source_id) WHERE story_id IS NOT NULL;
CREATE INDEX items_story_lang ON items(story_id, lang) WHERE story_id IS NOT NULL;
`,
  },
  {
    version: 10,
    name: 'alert rules, their events (one per rule and cause) and the webhook delivery log',
    // An event is pending until delivered or dead; claimDue leases it by moving next_attempt_at, so
    // a sender that dies mid-request leaves it due again (at-least-once). Deleting a rule cascades.
    sql: `
CREATE TABLE alert_rules (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  params TEXT NOT NULL,
  target_url TEXT NOT NULL,
  secret TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  allow_private INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE alert_events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  rule_id TEXT NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (rule_id, fingerprint)
) STRICT;
CREATE INDEX alert_events_due ON alert_events(next_attempt_at) WHERE state = 'pending';
CREATE TABLE alert_deliveries (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  event_id TEXT NOT NULL REFERENCES alert_events(id) ON DELETE CASCADE,
  rule_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('delivered', 'failed', 'dead')),
  http_status INTEGER,
  error TEXT,
  duration_ms REAL,
  at TEXT NOT NULL,
  next_attempt_at TEXT
) STRICT;
CREATE INDEX alert_deliveries_event ON alert_deliveries(event_id, seq);
CREATE INDEX alert_deliveries_rule ON alert_deliveries(rule_id, seq);
`,
  },
  {
    version: 11,
    name: "persistent job queue (workers lease jobs; a crashed worker's lease runs out)",
    // One unfinished job per idempotency key, and one running job per lane: both are partial unique
    // indexes, so the rule holds however many workers claim at once.
    sql: `
CREATE TABLE jobs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  lane TEXT,
  idempotency_key TEXT NOT NULL,
  created_by TEXT NOT NULL,
  locked_by TEXT,
  locked_until_ms INTEGER,
  progress TEXT NOT NULL,
  result TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX jobs_key_unfinished ON jobs(idempotency_key) WHERE status IN ('queued', 'running');
CREATE UNIQUE INDEX jobs_lane_running ON jobs(lane) WHERE status = 'running' AND lane IS NOT NULL;
CREATE INDEX jobs_runnable ON jobs(kind, seq) WHERE status IN ('queued', 'running');
`,
  },
  {
    version: 12,
    name: 'progress of a store copy (ogoh migrate-store) into this store',
    // One row per logical table copied, written in the transaction that copied it, plus the run's
    // own row (step ''), so an interrupted copy is detected and resumed after its last whole table.
    sql: `
CREATE TABLE store_copy (
  step TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  rows INTEGER,
  checksum TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;
`,
  },
  {
    version: 13,
    name: 'data version: a counter bumped by every write that changes what whole-store views show',
    // Views over the whole store (trends, convergence, coordination, counts) are cached keyed by
    // it: one row read per request instead of a recomputation over a million items.
    sql: `
CREATE TABLE data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL,
  changed_at TEXT
) STRICT;
INSERT INTO data_version (id, n) VALUES (1, 0);
`,
  },
  {
    version: 14,
    name: 'detections in review order (newest item first), all kinds and per kind',
    // The review list and the triage window read detections newest item first (item_key DESC, id),
    // optionally of one kind: without these every request sorted all detections (1.8 s at 1M items).
    sql: `
CREATE INDEX detections_key ON detections(item_key DESC, id);
CREATE INDEX detections_kind_key ON detections(kind, item_key DESC, id);
`,
  },
  {
    version: 15,
    name: 'per-story member counts by language',
    // Growing a story orders its languages from these counts (JSON {lang: n}) instead of
    // recounting its members: every translation linked into a template story of 100,000 items
    // walked all of them. NULL (stories from before, or copied in) is counted once when next grown.
    sql: `
ALTER TABLE stories ADD COLUMN lang_counts TEXT;
`,
  },
];

/** The schema version this build writes. */
export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);
