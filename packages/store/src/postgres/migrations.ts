/**
 * Versioned schema of the PostgreSQL adapter, applied in order inside one transaction when a store
 * opens; the version lives in `ogoh_meta` (key `schema_version`). A shipped migration is never
 * edited: changes go in a new entry at the end. The numbering is this adapter's own (it need not
 * match the SQLite file's: ports gained PostgreSQL tables in their own order).
 *
 * Layout notes (the why):
 * - Order is `(sort_ms DESC, seq DESC)`: `sort_ms` is the published instant in epoch ms, or a
 *   sentinel far below every date for undated items, so they come last, newest collected (highest
 *   `seq`) first — the same order as the SQLite sort key. One b-tree serves pages and keyset cursors.
 * - `tsv` is `to_tsvector('simple', …)` of the words of `fold_text` as the SQLite tokenizer splits
 *   them (letters, digits, marks; terms.ts), computed at insert; a GIN index answers terms, and
 *   `:*` gives the 3+ character prefix rule without a dictionary.
 * - `seq` is the collection order (identity). Writers run in parallel, so a lower seq may commit
 *   after a higher one; the analysis queue catches such late items up after its keyset pass.
 * - Band keys are stored as 53-bit hashes (bigint), as on SQLite.
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Published time of undated items: below every real epoch-ms value. */
export const UNDATED_MS = -9_000_000_000_000_000;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE sources (
  id text PRIMARY KEY,
  name text NOT NULL,
  platform text NOT NULL,
  url text,
  channel_id text,
  languages text NOT NULL,
  country text,
  affiliation text NOT NULL,
  affiliation_note text,
  tags text NOT NULL,
  poll_interval_sec integer,
  created_at text NOT NULL
);

CREATE TABLE payloads (
  id text PRIMARY KEY,
  uri text NOT NULL,
  format text NOT NULL,
  source_id text NOT NULL REFERENCES sources(id),
  size integer NOT NULL,
  encoding text,
  content_type text,
  collected_at text NOT NULL,
  body bytea
);
CREATE INDEX payloads_source ON payloads(source_id);

CREATE TABLE accounts (
  id text PRIMARY KEY,
  source_id text NOT NULL REFERENCES sources(id),
  external_id text,
  name text,
  kind text NOT NULL
);
CREATE INDEX accounts_source ON accounts(source_id);

CREATE TABLE stories (
  id text PRIMARY KEY,
  first_item_id text NOT NULL,
  first_seen text,
  last_seen text,
  last_ms bigint NOT NULL,
  last_seq bigint NOT NULL,
  size integer NOT NULL,
  sources integer NOT NULL,
  langs text NOT NULL,
  title text
);
CREATE INDEX stories_rank ON stories(size DESC, last_ms DESC, last_seq DESC, id DESC);

CREATE TABLE items (
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  id text PRIMARY KEY,
  source_id text NOT NULL REFERENCES sources(id),
  external_id text,
  url text,
  canonical_url text,
  title text,
  text text NOT NULL,
  lang text NOT NULL,
  lang_confidence double precision NOT NULL,
  published text,
  published_raw text,
  collected_at text NOT NULL,
  author_id text,
  author_name text,
  content_hash text NOT NULL,
  fold_text text NOT NULL,
  links text NOT NULL,
  media text NOT NULL,
  telegram text,
  format text NOT NULL,
  payload_id text NOT NULL,
  raw text NOT NULL,
  story_id text REFERENCES stories(id),
  analyzed_at text,
  ocr_text text,
  media_withheld smallint,
  pub_ms bigint,
  sort_ms bigint GENERATED ALWAYS AS (coalesce(pub_ms, ${UNDATED_MS})) STORED,
  collected_ms bigint,
  tsv tsvector NOT NULL
);
CREATE INDEX items_order ON items(sort_ms DESC, seq DESC);
CREATE INDEX items_lang ON items(lang, sort_ms DESC, seq DESC);
CREATE INDEX items_source ON items(source_id, sort_ms DESC, seq DESC);
CREATE INDEX items_story ON items(story_id) WHERE story_id IS NOT NULL;
CREATE INDEX items_hash ON items(content_hash);
CREATE INDEX items_unanalysed ON items(seq) WHERE analyzed_at IS NULL;
CREATE INDEX items_tsv ON items USING gin (tsv);

CREATE TABLE story_members (
  item_id text PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  story_id text NOT NULL REFERENCES stories(id),
  link text NOT NULL,
  similarity double precision NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id);

CREATE TABLE item_signatures (
  item_id text PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  signature bytea NOT NULL,
  bands bigint[] NOT NULL
);
CREATE TABLE item_bands (
  band bigint NOT NULL,
  item_id text NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  PRIMARY KEY (band, item_id)
);

CREATE TABLE detections (
  id text PRIMARY KEY,
  item_id text NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  kind text NOT NULL,
  label text NOT NULL,
  score double precision NOT NULL,
  evidence text NOT NULL,
  explain text NOT NULL,
  model text NOT NULL,
  taxonomy_version text,
  created_at text NOT NULL
);
CREATE INDEX detections_item ON detections(item_id, model);
CREATE INDEX detections_label ON detections(label, item_id);
`,
  },
  {
    version: 2,
    name: 'users, sessions, API keys and the audit log',
    // As SQLite migration 2: sessions and keys are stored as SHA-256 digests of their secrets.
    sql: `
CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at text NOT NULL,
  last_login_at text
);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf text NOT NULL,
  created_at text NOT NULL,
  expires_at text NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at COLLATE "C");

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_at text NOT NULL,
  created_by text,
  revoked_at text,
  last_used_at text
);

CREATE TABLE audit_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at text NOT NULL,
  event text NOT NULL,
  actor text,
  subject text,
  ip text,
  detail text
);
`,
  },
  {
    version: 3,
    name: 'cases: evidence, notes and their audit trail',
    // As SQLite migration 6; seq columns keep evidence and notes in the order added.
    sql: `
CREATE TABLE cases (
  id text PRIMARY KEY,
  title text NOT NULL,
  summary text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'in_review', 'published', 'closed')),
  assignee text,
  tlp text NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red')),
  created_by text NOT NULL,
  created_at text NOT NULL,
  updated_at text NOT NULL,
  last_seq bigint NOT NULL
);
CREATE INDEX cases_order ON cases(last_seq);
CREATE INDEX cases_status ON cases(status, last_seq);
CREATE INDEX cases_assignee ON cases(assignee, last_seq) WHERE assignee IS NOT NULL;

CREATE TABLE case_evidence (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('item', 'story', 'detection')),
  ref text NOT NULL,
  item_id text,
  note text,
  added_by text NOT NULL,
  added_at text NOT NULL,
  PRIMARY KEY (case_id, kind, ref)
);
CREATE INDEX case_evidence_ref ON case_evidence(kind, ref);

CREATE TABLE case_notes (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  text text NOT NULL,
  author text NOT NULL,
  at text NOT NULL
);
CREATE INDEX case_notes_case ON case_notes(case_id, seq);

CREATE TABLE case_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  at text NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  before text,
  after text
);
CREATE INDEX case_events_case ON case_events(case_id, seq);
`,
  },
  {
    version: 5,
    name: 'fact-checked claims',
    // As SQLite migration 4; ids are listed in code-point order, so the index is on id COLLATE "C".
    sql: `
CREATE TABLE claims (
  id text PRIMARY KEY,
  text text NOT NULL,
  rating text,
  org text,
  url text,
  date text,
  lang text,
  claimant text,
  claim_date text,
  title text,
  appearances text,
  updated_at text NOT NULL
);
CREATE UNIQUE INDEX claims_id_c ON claims(id COLLATE "C");
CREATE TABLE claims_version (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO claims_version (id, version) VALUES (1, 0);
`,
  },
  {
    version: 6,
    name: 'analyst feedback on detections (append-only) and the latest verdict per detection',
    // As the SQLite feedback migration; a trigger keeps the log append-only.
    sql: `
CREATE TABLE feedback (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  detection_id text NOT NULL,
  item_id text NOT NULL,
  label text NOT NULL,
  kind text NOT NULL,
  verdict text NOT NULL CHECK (verdict IN ('accept', 'reject', 'relabel')),
  new_label text,
  actor text NOT NULL,
  reason text,
  at text NOT NULL,
  CHECK ((verdict = 'relabel') = (new_label IS NOT NULL))
);
CREATE INDEX feedback_detection ON feedback(detection_id, seq);
CREATE INDEX feedback_item ON feedback(item_id, seq);
CREATE INDEX feedback_label ON feedback(label, seq);
CREATE INDEX feedback_kind ON feedback(kind, seq);
CREATE FUNCTION feedback_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'feedback is append-only';
END $$;
CREATE TRIGGER feedback_no_change BEFORE UPDATE OR DELETE ON feedback
  FOR EACH ROW EXECUTE FUNCTION feedback_append_only();
CREATE TABLE feedback_latest (
  detection_id text PRIMARY KEY,
  seq bigint NOT NULL,
  verdict text NOT NULL
);
CREATE INDEX feedback_latest_verdict ON feedback_latest(verdict);
`,
  },
  {
    version: 7,
    name: 'collection: fetch state, source health, poll log, payload ledger, media',
    // As SQLite migration 5 (the items table has held OCR text and the withheld mark since 1). Media
    // rows of extremist sources never hold bytes: the CHECK makes that a property of the schema.
    sql: `
CREATE TABLE fetch_state (
  url text PRIMARY KEY,
  source_id text NOT NULL,
  etag text,
  last_modified text,
  body_hash text,
  lastmod text,
  status integer,
  fetched_at text NOT NULL
);
CREATE INDEX fetch_state_source ON fetch_state(source_id);

CREATE TABLE source_health (
  source_id text PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  last_attempt_at text,
  last_success_at text,
  last_error_at text,
  last_error_code text,
  last_error text,
  consecutive_failures integer NOT NULL,
  fetches integer NOT NULL,
  failures integer NOT NULL,
  last_items integer,
  last_new integer,
  total_new integer NOT NULL,
  next_due_at text
);

CREATE TABLE poll_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id text NOT NULL,
  source_id text NOT NULL,
  url text NOT NULL,
  at text NOT NULL,
  ms double precision NOT NULL,
  outcome text NOT NULL,
  status integer,
  bytes integer,
  payload_id text,
  items integer,
  new_items integer,
  error_code text,
  error text
);
CREATE INDEX poll_log_source ON poll_log(source_id, seq);
CREATE INDEX poll_log_run ON poll_log(run_id, seq);

CREATE TABLE payload_parse (
  payload_id text PRIMARY KEY REFERENCES payloads(id),
  source_id text NOT NULL,
  url text NOT NULL,
  format text NOT NULL,
  fetched_at text NOT NULL,
  parsed_at text,
  items integer,
  error text
);
CREATE INDEX payload_parse_order ON payload_parse((fetched_at COLLATE "C"), (payload_id COLLATE "C"));
CREATE INDEX payload_parse_pending ON payload_parse((fetched_at COLLATE "C")) WHERE parsed_at IS NULL;

CREATE TABLE media (
  sha256 text PRIMARY KEY,
  url text,
  path text,
  mime text,
  size integer NOT NULL,
  width integer,
  height integer,
  phash text,
  ocr_text text,
  ocr_langs text NOT NULL,
  withheld boolean NOT NULL,
  first_seen text NOT NULL,
  body bytea,
  CHECK (NOT withheld OR body IS NULL)
);
CREATE INDEX media_url ON media(url);
CREATE TABLE media_items (
  sha256 text NOT NULL REFERENCES media(sha256),
  item_id text NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  PRIMARY KEY (sha256, item_id)
);
CREATE INDEX media_items_item ON media_items(item_id);
`,
  },
  {
    version: 8,
    name: 'tracing: item anchors, story links with reasons, provenance edges, alerts',
    // As SQLite migration 3, keyed by item id: time windows join the items' (sort_ms, seq) order.
    // Postings carry no foreign key (as on SQLite): their document frequencies move with them.
    sql: `
CREATE TABLE trace_anchors (
  item_id text PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  lang text NOT NULL,
  keys text NOT NULL
);
CREATE TABLE trace_postings (
  key_hash bigint NOT NULL,
  item_id text NOT NULL,
  PRIMARY KEY (key_hash, item_id)
);
CREATE TABLE trace_df (
  key_hash bigint PRIMARY KEY,
  n integer NOT NULL
);

CREATE TABLE trace_links (
  item_id text PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  story_id text NOT NULL,
  to_item_id text NOT NULL,
  kind text NOT NULL,
  score double precision NOT NULL,
  reasons text NOT NULL,
  created_at text NOT NULL
);
CREATE INDEX trace_links_story ON trace_links(story_id);

CREATE TABLE trace_provenance (
  story_id text NOT NULL,
  to_item_id text NOT NULL,
  from_item_id text NOT NULL,
  relation text NOT NULL,
  lag_seconds double precision,
  attribution text,
  laundering boolean NOT NULL,
  PRIMARY KEY (story_id, to_item_id)
);

CREATE TABLE trace_alerts (
  id text PRIMARY KEY,
  kind text NOT NULL,
  by_dim text,
  key text NOT NULL,
  day text NOT NULL,
  value double precision NOT NULL,
  baseline double precision NOT NULL,
  score double precision NOT NULL,
  item_ids text NOT NULL,
  detail text NOT NULL,
  created_at text NOT NULL
);
CREATE INDEX trace_alerts_day ON trace_alerts(kind, (day COLLATE "C"));
`,
  },
  {
    version: 9,
    name: 'band and anchor postings carry their item place in time',
    // "The latest N items of this band/key" was a sort of every member (a hot band of a
    // template-heavy corpus holds thousands); with the item's (sort_ms, seq) on the posting it is
    // an index range read, as SQLite's (band, sort key) keys give; INCLUDE (item_id) makes it
    // index-only, which the planner then picks (with a heap fetch per row it chose a bitmap scan
    // and a sort of the whole band: 25 ms instead of 0.1 ms on a band of 5,000). Writers keep the
    // copies in step (re-parsed items that change date move their postings).
    sql: `
ALTER TABLE item_bands ADD COLUMN sort_ms bigint, ADD COLUMN seq bigint;
UPDATE item_bands b SET sort_ms = i.sort_ms, seq = i.seq FROM items i WHERE i.id = b.item_id;
ALTER TABLE item_bands ALTER COLUMN sort_ms SET NOT NULL, ALTER COLUMN seq SET NOT NULL;
CREATE INDEX item_bands_latest ON item_bands(band, sort_ms DESC, seq DESC) INCLUDE (item_id);
CREATE INDEX item_bands_item ON item_bands(item_id);

ALTER TABLE trace_postings ADD COLUMN sort_ms bigint, ADD COLUMN seq bigint;
UPDATE trace_postings p SET sort_ms = i.sort_ms, seq = i.seq FROM items i WHERE i.id = p.item_id;
DELETE FROM trace_postings WHERE sort_ms IS NULL;
ALTER TABLE trace_postings ALTER COLUMN sort_ms SET NOT NULL, ALTER COLUMN seq SET NOT NULL;
CREATE INDEX trace_postings_latest ON trace_postings(key_hash, sort_ms DESC, seq DESC) INCLUDE (item_id);
CREATE INDEX trace_postings_item ON trace_postings(item_id);
`,
  },
  {
    version: 10,
    name: 'alert rules, their events (one per rule and cause) and the webhook delivery log',
    // As the SQLite alert migration; claimDue locks due rows with FOR UPDATE SKIP LOCKED.
    sql: `
CREATE TABLE alert_rules (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL,
  params text NOT NULL,
  target_url text NOT NULL,
  secret text NOT NULL,
  enabled boolean NOT NULL,
  max_attempts integer NOT NULL,
  allow_private boolean NOT NULL DEFAULT false,
  created_by text NOT NULL,
  created_at text NOT NULL
);
CREATE TABLE alert_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  rule_id text NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
  fingerprint text NOT NULL,
  payload text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL,
  next_attempt_at text,
  created_at text NOT NULL,
  UNIQUE (rule_id, fingerprint)
);
CREATE INDEX alert_events_due ON alert_events((next_attempt_at COLLATE "C")) WHERE state = 'pending';
CREATE TABLE alert_deliveries (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  event_id text NOT NULL REFERENCES alert_events(id) ON DELETE CASCADE,
  rule_id text NOT NULL,
  attempt integer NOT NULL,
  status text NOT NULL CHECK (status IN ('delivered', 'failed', 'dead')),
  http_status integer,
  error text,
  duration_ms double precision,
  at text NOT NULL,
  next_attempt_at text
);
CREATE INDEX alert_deliveries_event ON alert_deliveries(event_id, seq);
CREATE INDEX alert_deliveries_rule ON alert_deliveries(rule_id, seq);
`,
  },
  {
    version: 11,
    name: "persistent job queue (workers lease jobs; a crashed worker's lease runs out)",
    // As the SQLite job migration; claim picks with FOR UPDATE SKIP LOCKED, and the lane index
    // turns two workers racing for one lane into one claim and one unique violation (no claim).
    sql: `
CREATE TABLE jobs (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  kind text NOT NULL,
  payload text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts integer NOT NULL,
  max_attempts integer NOT NULL,
  lane text,
  idempotency_key text NOT NULL,
  created_by text NOT NULL,
  locked_by text,
  locked_until_ms bigint,
  progress text NOT NULL,
  result text,
  error text,
  created_at text NOT NULL,
  started_at text,
  finished_at text,
  updated_at text NOT NULL
);
CREATE UNIQUE INDEX jobs_key_unfinished ON jobs(idempotency_key) WHERE status IN ('queued', 'running');
CREATE UNIQUE INDEX jobs_lane_running ON jobs(lane) WHERE status = 'running' AND lane IS NOT NULL;
CREATE INDEX jobs_runnable ON jobs(kind, seq) WHERE status IN ('queued', 'running');
`,
  },
  {
    version: 12,
    name: 'progress of a store copy (ogoh migrate-store) into this store',
    // As SQLite migration 12.
    sql: `
CREATE TABLE store_copy (
  step text PRIMARY KEY,
  source text NOT NULL,
  rows bigint,
  checksum text,
  started_at text NOT NULL,
  finished_at text
);
`,
  },
  {
    version: 13,
    name: 'data version: a counter bumped by every write that changes what whole-store views show',
    // Views over the whole store (trends, convergence, coordination, counts) are cached keyed by
    // it: one row read per request instead of a recomputation over a million items.
    sql: `
CREATE TABLE data_version (
  id integer PRIMARY KEY CHECK (id = 1),
  n bigint NOT NULL,
  changed_at text
);
INSERT INTO data_version (id, n) VALUES (1, 0);
`,
  },
  {
    version: 14,
    name: 'detections in review order (newest item first), all kinds and per kind',
    // The review list walks items newest first (items_sort) and looks up each item's detections;
    // with a kind filter this index answers the lookup without reading the other kinds' rows.
    sql: `
CREATE INDEX detections_kind_item ON detections(kind, item_id);
`,
  },
  {
    version: 15,
    name: "a story's members in time order, for its summary",
    // A story's summary reads its first and last members (dated first, by instant, then
    // collection order). Through story_members that sorted every member of the story on each
    // refresh: 7–8 ms per statement for the template stories of thousands of members, most of
    // PostgreSQL's analysis time. items.story_id is written with story_members in one
    // transaction, so these ends are an index probe on it.
    sql: `
CREATE INDEX items_story_time ON items(story_id, sort_ms, seq) WHERE story_id IS NOT NULL;
`,
  },
];

export const LATEST_VERSION = MIGRATIONS.at(-1)!.version;
