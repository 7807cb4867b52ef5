/**
 * What a store holds, as logical tables that read the same on SQLite and PostgreSQL, for
 * `copyStore` (ogoh migrate-store). The two schemas differ where each engine needed its own layout
 * (SQLite keys items by a sort key, PostgreSQL by id with a seq and a time column), so every table
 * here is described by the columns both can produce: items are named by id, orders within a case
 * are positions, and columns one engine derives from others (sort keys, the story's newest member,
 * full-text data) are re-derived by the writer instead of copied.
 *
 * Both engines read a table with the SQL below and hash the same logical rows, so "same counts and
 * same checksums on both sides" means the same content, whatever the physical layout.
 *
 * Left out on purpose (EXCLUDED below lists them with the reason) are data that is derived or that
 * belongs to the store itself rather than to what it holds.
 */
import { epochMs } from '../postgres/items.ts';
import { indexText } from '../postgres/terms.ts';
import { decodeBands, encodeBands } from '../sqlite/rows.ts';

/** t text · i integer (fits a JS number) · b 64-bit integer · r float8 · o boolean · x bytes */
export type ColType = 't' | 'i' | 'b' | 'r' | 'o' | 'x';

export interface Column {
  name: string;
  type: ColType;
  /** read-only: produced by the reader (e.g. a position) but not written (the writer's order makes it) */
  derived?: boolean;
}

/** Writer context of the SQLite side: sort keys are allocated as the item writer allocates them. */
export interface SqliteWriteContext {
  sortKey(published: string | null): bigint;
}

/** How one engine reads and writes a logical table. */
export interface Side {
  /** SELECT of the logical columns, in this order, in copy order */
  select: string;
  /** turns a raw row into the logical one, in place (e.g. SQLite's packed band list) */
  fix?: (row: unknown[]) => void;
  /** INSERT/UPDATE of one row (SQLite, `?` parameters) or of one batch (PostgreSQL, $1 = the JSON rows) */
  write: string;
  /**
   * The parameters (SQLite) or JSON row (PostgreSQL) of a row from its written values in logical order
   * (already in the engine's binding form); default: those values.
   */
  params?: (values: unknown[], ctx: SqliteWriteContext) => unknown[];
  /** run once after the last row, in the same transaction */
  after?: string[];
}

export interface LogicalTable {
  name: string;
  columns: Column[];
  sqlite: Side;
  pg: Side;
  /** not data of its own (another table's column read another way): left out of the emptiness check */
  view?: boolean;
  /** the PostgreSQL identity column this table carries over (its sequence is moved past the copied values) */
  identity?: string;
}

/** Parts of either schema that are not copied, and why. */
export const EXCLUDED: readonly { table: string; why: string }[] = [
  { table: 'store_copy', why: "this copy's own progress record (each store keeps its own)" },
  {
    table: 'data_version',
    why: "the target's own cache key for whole-store views: the copy moves it on (readers see new data) instead of copying it",
  },
  { table: 'ogoh_meta', why: "PostgreSQL's schema version: the target's migrations write their own" },
  { table: 'sqlite_sequence', why: 'SQLite moves it past every explicit seq the copy inserts' },
  { table: 'items_fts', why: 'SQLite full-text index: rebuilt on the target from items.fold_text' },
  { table: 'fts_terms', why: "SQLite prefix-term dictionary: rebuilt from the rebuilt index's vocabulary" },
  {
    table: 'items.tsv, items.pub_ms, items.collected_ms, items.sort_ms',
    why: 'PostgreSQL search and order columns: computed on the target from fold_text, published, collected_at',
  },
  {
    table:
      'items.sort_key, items.meta, detections.item_key, trace_anchors.item_key, trace_postings.item_key, item_signatures.item_key, item_bands.item_key',
    why: 'SQLite sort keys: the target allocates its own from published time and collection order; rows are copied by item id',
  },
  {
    table: 'item_bands.sort_ms/seq, trace_postings.sort_ms/seq',
    why: "PostgreSQL copies of the item's place in time: joined from the target's items",
  },
  {
    table: 'stories.lang_counts',
    why: "SQLite's member counts per language, kept to grow a story without recounting: counted on the target when the story next grows",
  },
  {
    table: 'stories.last_key, stories.last_ms/last_seq',
    why: 'which member is newest: copied as stories_last (the member id) and re-derived',
  },
  {
    table: 'case_evidence.seq, case_notes.seq (PostgreSQL), their rowids (SQLite)',
    why: 'only their order within a case means something: copied as a position',
  },
];

const ITEM_FIELDS = [
  'id t',
  'source_id t',
  'external_id t',
  'url t',
  'canonical_url t',
  'title t',
  'text t',
  'lang t',
  'lang_confidence r',
  'published t',
  'published_raw t',
  'collected_at t',
  'author_id t',
  'author_name t',
  'content_hash t',
  'fold_text t',
  'links t',
  'media t',
  'telegram t',
  'format t',
  'payload_id t',
  'raw t',
  'story_id t',
  'analyzed_at t',
  'ocr_text t',
  'media_withheld i',
];

function cols(spec: readonly string[]): Column[] {
  return spec.map((s) => {
    const [name, type, flag] = s.split(' ') as [string, ColType, string | undefined];
    return flag === 'derived' ? { name, type, derived: true } : { name, type };
  });
}

const q = (name: string) => `"${name}"`;

/** The PostgreSQL expression for logical column `k` of a JSON row `x.e`. */
export function pgValue(type: ColType, k: number): string {
  const v = `x.e->>${k}`;
  switch (type) {
    case 't':
      return v;
    case 'i':
    case 'b':
      return `(${v})::bigint`;
    case 'r':
      return `(${v})::float8`;
    case 'o':
      return `(${v})::boolean`;
    case 'x':
      return `decode(${v}, 'hex')`;
  }
}

/** The JSON rows of one batch, in order, as `x(e, n)`. */
const PG_ROWS = 'json_array_elements($1::text::json) WITH ORDINALITY AS x(e, n)';

interface Plain {
  name: string;
  columns: string[];
  /** logical copy order (primary key) */
  order: string;
  identity?: string;
  /** SQLite ON CONFLICT clause, e.g. for a row the migration already created */
  conflict?: string;
  /** per-engine SELECT overrides */
  sqliteSelect?: string;
  pgSelect?: string;
  pgWrite?: string;
}

/** A table both engines hold with the same columns (booleans aside). */
function plain(p: Plain): LogicalTable {
  const columns = cols(p.columns);
  const written = columns.filter((c) => !c.derived);
  const list = columns.map((c) => q(c.name)).join(', ');
  const targets = written.map((c) => q(c.name)).join(', ');
  const sqliteWrite = `INSERT INTO ${p.name} (${targets}) VALUES (${written.map(() => '?').join(', ')})${p.conflict ? ` ${p.conflict}` : ''}`;
  const pgWrite = `INSERT INTO ${p.name} (${targets}) ${p.identity ? 'OVERRIDING SYSTEM VALUE ' : ''}SELECT ${written
    .map((c, k) => pgValue(c.type, k))
    .join(', ')} FROM ${PG_ROWS} ORDER BY x.n${p.conflict ? ` ${p.conflict}` : ''}`;
  const after = p.identity
    ? [
        `SELECT setval(pg_get_serial_sequence('${p.name}', '${p.identity}'), coalesce(max(${p.identity}), 1), max(${p.identity}) IS NOT NULL) FROM ${p.name}`,
      ]
    : [];
  return {
    name: p.name,
    columns,
    sqlite: {
      select: p.sqliteSelect ?? `SELECT ${list} FROM ${p.name} ORDER BY ${p.order}`,
      write: sqliteWrite,
    },
    pg: {
      select: p.pgSelect ?? `SELECT ${list} FROM ${p.name} ORDER BY ${p.order}`,
      write: p.pgWrite ?? pgWrite,
      after,
    },
    ...(p.identity ? { identity: p.identity } : {}),
  };
}

const ITEM_KEY = '(SELECT sort_key FROM items WHERE id = ?)';

/**
 * A table whose SQLite rows name their item by sort key (`key`), read and written by item id.
 * `keepId`: the SQLite table has an item_id column too (the key rides along for page order).
 */
function byItem(p: {
  name: string;
  columns: string[];
  key: string;
  order: string;
  pgOrder: string;
  keepId?: boolean;
  /** PostgreSQL write joining items for the columns it copies from them */
  pgWrite?: string;
}): LogicalTable {
  const base = plain({ name: p.name, columns: p.columns, order: p.pgOrder });
  const columns = base.columns;
  const at = columns.findIndex((c) => c.name === 'item_id');
  const t = p.name;
  let sqlite: Side;
  if (p.keepId) {
    sqlite = {
      select: `SELECT ${columns.map((c) => q(c.name)).join(', ')} FROM ${t} ORDER BY ${p.order}`,
      write: `INSERT INTO ${t} (${columns.map((c) => q(c.name)).join(', ')}, ${p.key}) VALUES (${columns
        .map(() => '?')
        .join(', ')}, ${ITEM_KEY})`,
      params: (v) => [...v, v[at]],
    };
  } else {
    sqlite = {
      select: `SELECT ${columns.map((c) => (c.name === 'item_id' ? 'i.id' : `t.${q(c.name)}`)).join(', ')}
        FROM ${t} t JOIN items i ON i.sort_key = t.${p.key} ORDER BY ${p.order}`,
      write: `INSERT INTO ${t} (${columns.map((c) => (c.name === 'item_id' ? p.key : q(c.name))).join(', ')})
        VALUES (${columns.map((c) => (c.name === 'item_id' ? ITEM_KEY : '?')).join(', ')})`,
    };
  }
  return { ...base, sqlite, pg: { ...base.pg, ...(p.pgWrite ? { write: p.pgWrite } : {}) } };
}

const ITEM_COLUMNS = cols(['seq i', ...ITEM_FIELDS]);
const PUBLISHED = ITEM_COLUMNS.findIndex((c) => c.name === 'published');
const COLLECTED = ITEM_COLUMNS.findIndex((c) => c.name === 'collected_at');
const FOLD = ITEM_COLUMNS.findIndex((c) => c.name === 'fold_text');

function itemsTable(): LogicalTable {
  const columns = ITEM_COLUMNS;
  const list = columns.map((c) => q(c.name)).join(', ');
  const n = columns.length;
  return {
    name: 'items',
    columns,
    identity: 'seq',
    sqlite: {
      select: `SELECT ${list} FROM items ORDER BY seq`,
      // the sort key is the extra value the writer allocates (copy.ts), as the item writer does
      write: `INSERT INTO items (${list}, sort_key) VALUES (${columns.map(() => '?').join(', ')}, ?)`,
      params: (v, ctx) => [...v, ctx.sortKey(v[PUBLISHED] as string | null)],
      after: [
        "INSERT INTO items_fts(items_fts) VALUES ('rebuild')",
        'CREATE VIRTUAL TABLE IF NOT EXISTS temp.copy_vocab USING fts5vocab(main, items_fts, col)',
        "INSERT OR IGNORE INTO fts_terms(term) SELECT term FROM temp.copy_vocab WHERE col = 'fold_text'",
        'DROP TABLE temp.copy_vocab',
      ],
    },
    pg: {
      select: `SELECT ${list} FROM items ORDER BY seq`,
      params: (v) => [
        ...v,
        epochMs(v[PUBLISHED] as string | null),
        epochMs(v[COLLECTED] as string | null),
        indexText(v[FOLD] as string),
      ],
      // extras (copy.ts): published and collected instants in epoch ms, and the text to index
      write: `INSERT INTO items (${list}, pub_ms, collected_ms, tsv) OVERRIDING SYSTEM VALUE
        SELECT ${columns.map((c, k) => pgValue(c.type, k)).join(', ')}, (x.e->>${n})::bigint, (x.e->>${n + 1})::bigint,
          to_tsvector('simple', x.e->>${n + 2})
        FROM ${PG_ROWS} ORDER BY x.n`,
      after: [
        "SELECT setval(pg_get_serial_sequence('items', 'seq'), coalesce(max(seq), 1), max(seq) IS NOT NULL) FROM items",
      ],
    },
  };
}

function storiesTables(): LogicalTable[] {
  const stories = plain({
    name: 'stories',
    columns: [
      'id t',
      'first_item_id t',
      'first_seen t',
      'last_seen t',
      'size i',
      'sources i',
      'langs t',
      'title t',
    ],
    order: 'id',
  });
  const fields = stories.columns.map((c) => q(c.name)).join(', ');
  // The newest member is set by stories_last once the items exist (items.story_id needs the story first).
  stories.sqlite.write = `INSERT INTO stories (${fields}, last_key) VALUES (${stories.columns.map(() => '?').join(', ')}, 0)`;
  stories.pg.write = `INSERT INTO stories (${fields}, last_ms, last_seq) SELECT ${stories.columns
    .map((c, k) => pgValue(c.type, k))
    .join(', ')}, 0, 0 FROM ${PG_ROWS} ORDER BY x.n`;
  const last: LogicalTable = {
    name: 'stories_last',
    view: true,
    columns: cols(['id t', 'last_item_id t']),
    sqlite: {
      select: 'SELECT s.id, i.id FROM stories s LEFT JOIN items i ON i.sort_key = s.last_key ORDER BY s.id',
      write: `UPDATE stories SET last_key = coalesce(${ITEM_KEY}, 0) WHERE id = ?`,
      params: (v) => [v[1], v[0]],
    },
    pg: {
      select: 'SELECT s.id, i.id FROM stories s LEFT JOIN items i ON i.seq = s.last_seq ORDER BY s.id',
      write: `UPDATE stories s SET last_ms = coalesce(i.sort_ms, 0), last_seq = coalesce(i.seq, 0)
        FROM ${PG_ROWS} LEFT JOIN items i ON i.id = x.e->>1 WHERE s.id = x.e->>0`,
    },
  };
  return [stories, last];
}

function signatureTables(): LogicalTable[] {
  const signatures = byItem({
    name: 'item_signatures',
    columns: ['item_id t', 'signature x', 'bands t'],
    key: 'item_key',
    order: 't.item_key',
    pgOrder: 'item_id',
  });
  // bands: the band hashes in stored order, as decimal text (SQLite packs int64s, PostgreSQL has bigint[])
  signatures.sqlite.fix = (row) => {
    row[2] = decodeBands(row[2] as Uint8Array).join(',');
  };
  signatures.sqlite.params = (v) => [v[0], v[1], packBands(v[2] as string)];
  signatures.pg.select =
    "SELECT item_id, signature, array_to_string(bands, ',') FROM item_signatures ORDER BY item_id";
  signatures.pg.write = `INSERT INTO item_signatures (item_id, signature, bands)
    SELECT x.e->>0, decode(x.e->>1, 'hex'), string_to_array(x.e->>2, ',')::bigint[] FROM ${PG_ROWS} ORDER BY x.n`;
  const bands = byItem({
    name: 'item_bands',
    columns: ['band b', 'item_id t'],
    key: 'item_key',
    order: 't.band, t.item_key',
    pgOrder: 'band, item_id',
    pgWrite: `INSERT INTO item_bands (band, item_id, sort_ms, seq)
      SELECT (x.e->>0)::bigint, i.id, i.sort_ms, i.seq FROM ${PG_ROWS} JOIN items i ON i.id = x.e->>1 ORDER BY x.n`,
  });
  return [signatures, bands];
}

/** The packed SQLite band list of a logical row's decimal text. */
export function packBands(text: string): Uint8Array {
  return encodeBands(text === '' ? [] : text.split(',').map(Number));
}

function traceTables(): LogicalTable[] {
  const anchors = byItem({
    name: 'trace_anchors',
    columns: ['item_id t', 'lang t', 'keys t'],
    key: 'item_key',
    order: 't.item_key',
    pgOrder: 'item_id',
  });
  const postings = byItem({
    name: 'trace_postings',
    columns: ['key_hash b', 'item_id t'],
    key: 'item_key',
    order: 't.key_hash, t.item_key',
    pgOrder: 'key_hash, item_id',
    pgWrite: `INSERT INTO trace_postings (key_hash, item_id, sort_ms, seq)
      SELECT (x.e->>0)::bigint, i.id, i.sort_ms, i.seq FROM ${PG_ROWS} JOIN items i ON i.id = x.e->>1 ORDER BY x.n`,
  });
  return [
    anchors,
    postings,
    plain({ name: 'trace_df', columns: ['key_hash b', 'n i'], order: 'key_hash' }),
    plain({
      name: 'trace_links',
      columns: ['item_id t', 'story_id t', 'to_item_id t', 'kind t', 'score r', 'reasons t', 'created_at t'],
      order: 'item_id',
    }),
    plain({
      name: 'trace_provenance',
      columns: [
        'story_id t',
        'to_item_id t',
        'from_item_id t',
        'relation t',
        'lag_seconds r',
        'attribution t',
        'laundering o',
      ],
      order: 'story_id, to_item_id',
    }),
    plain({
      name: 'trace_alerts',
      columns: [
        'id t',
        'kind t',
        'by_dim t',
        'key t',
        'day t',
        'value r',
        'baseline r',
        'score r',
        'item_ids t',
        'detail t',
        'created_at t',
      ],
      order: 'id',
    }),
  ];
}

/** A table whose rows' order within a case is kept as a position (SQLite rowid, PostgreSQL seq). */
function caseOrdered(name: string, columns: string[]): LogicalTable {
  const t = plain({ name, columns: [...columns, 'pos i derived'], order: 'x' });
  const list = columns.map((c) => q(c.split(' ')[0]!)).join(', ');
  t.sqlite.select = `SELECT ${list}, row_number() OVER (PARTITION BY case_id ORDER BY rowid) FROM ${name} ORDER BY rowid`;
  t.pg.select = `SELECT ${list}, row_number() OVER (PARTITION BY case_id ORDER BY seq) FROM ${name} ORDER BY seq`;
  return t;
}

/** Every logical table, parents before children (foreign keys hold after each table). */
export const TABLES: readonly LogicalTable[] = [
  plain({
    name: 'sources',
    columns: [
      'id t',
      'name t',
      'platform t',
      'url t',
      'channel_id t',
      'languages t',
      'country t',
      'affiliation t',
      'affiliation_note t',
      'tags t',
      'poll_interval_sec i',
      'created_at t',
    ],
    order: 'id',
  }),
  plain({
    name: 'payloads',
    columns: [
      'id t',
      'uri t',
      'format t',
      'source_id t',
      'size i',
      'encoding t',
      'content_type t',
      'collected_at t',
      'body x',
    ],
    order: 'id',
  }),
  plain({
    name: 'accounts',
    columns: ['id t', 'source_id t', 'external_id t', 'name t', 'kind t'],
    order: 'id',
  }),
  ...storiesTables().slice(0, 1),
  itemsTable(),
  ...storiesTables().slice(1),
  plain({
    name: 'story_members',
    columns: ['item_id t', 'story_id t', 'link t', 'similarity r'],
    order: 'item_id',
  }),
  ...signatureTables(),
  byItem({
    name: 'detections',
    columns: [
      'id t',
      'item_id t',
      'kind t',
      'label t',
      'score r',
      'evidence t',
      'explain t',
      'model t',
      'taxonomy_version t',
      'created_at t',
    ],
    key: 'item_key',
    order: 'id',
    pgOrder: 'id',
    keepId: true,
  }),
  plain({
    name: 'users',
    columns: [
      'id t',
      'username t',
      'role t',
      'password_hash t',
      'disabled o',
      'created_at t',
      'last_login_at t',
    ],
    order: 'id',
  }),
  plain({
    name: 'sessions',
    columns: ['id t', 'user_id t', 'csrf t', 'created_at t', 'expires_at t'],
    order: 'id',
  }),
  plain({
    name: 'api_keys',
    columns: [
      'id t',
      'name t',
      'role t',
      'hash t',
      'prefix t',
      'created_at t',
      'created_by t',
      'revoked_at t',
      'last_used_at t',
    ],
    order: 'id',
  }),
  plain({
    name: 'audit_log',
    columns: ['seq i', 'at t', 'event t', 'actor t', 'subject t', 'ip t', 'detail t'],
    order: 'seq',
    identity: 'seq',
  }),
  ...traceTables(),
  plain({
    name: 'claims',
    columns: [
      'id t',
      'text t',
      'rating t',
      'org t',
      'url t',
      'date t',
      'lang t',
      'claimant t',
      'claim_date t',
      'title t',
      'appearances t',
      'updated_at t',
    ],
    order: 'id',
  }),
  plain({
    name: 'claims_version',
    columns: ['id i', 'version i'],
    order: 'id',
    // the migration created the row (version 0)
    conflict: 'ON CONFLICT (id) DO UPDATE SET version = excluded.version',
  }),
  plain({
    name: 'fetch_state',
    columns: [
      'url t',
      'source_id t',
      'etag t',
      'last_modified t',
      'body_hash t',
      'lastmod t',
      'status i',
      'fetched_at t',
    ],
    order: 'url',
  }),
  plain({
    name: 'source_health',
    columns: [
      'source_id t',
      'last_attempt_at t',
      'last_success_at t',
      'last_error_at t',
      'last_error_code t',
      'last_error t',
      'consecutive_failures i',
      'fetches i',
      'failures i',
      'last_items i',
      'last_new i',
      'total_new i',
      'next_due_at t',
    ],
    order: 'source_id',
  }),
  plain({
    name: 'poll_log',
    columns: [
      'seq i',
      'run_id t',
      'source_id t',
      'url t',
      'at t',
      'ms r',
      'outcome t',
      'status i',
      'bytes i',
      'payload_id t',
      'items i',
      'new_items i',
      'error_code t',
      'error t',
    ],
    order: 'seq',
    identity: 'seq',
  }),
  plain({
    name: 'payload_parse',
    columns: [
      'payload_id t',
      'source_id t',
      'url t',
      'format t',
      'fetched_at t',
      'parsed_at t',
      'items i',
      'error t',
    ],
    order: 'payload_id',
  }),
  plain({
    name: 'media',
    columns: [
      'sha256 t',
      'url t',
      'path t',
      'mime t',
      'size i',
      'width i',
      'height i',
      'phash t',
      'ocr_text t',
      'ocr_langs t',
      'withheld o',
      'first_seen t',
      'body x',
    ],
    order: 'sha256',
  }),
  plain({ name: 'media_items', columns: ['sha256 t', 'item_id t'], order: 'sha256, item_id' }),
  plain({
    name: 'cases',
    columns: [
      'id t',
      'title t',
      'summary t',
      'status t',
      'assignee t',
      'tlp t',
      'created_by t',
      'created_at t',
      'updated_at t',
      'last_seq i',
    ],
    order: 'id',
  }),
  caseOrdered('case_evidence', [
    'case_id t',
    'kind t',
    'ref t',
    'item_id t',
    'note t',
    'added_by t',
    'added_at t',
  ]),
  caseOrdered('case_notes', ['id t', 'case_id t', 'text t', 'author t', 'at t']),
  plain({
    name: 'case_events',
    columns: ['seq i', 'case_id t', 'at t', 'actor t', 'action t', 'before t', 'after t'],
    order: 'seq',
    identity: 'seq',
  }),
  plain({
    name: 'feedback',
    columns: [
      'seq i',
      'id t',
      'detection_id t',
      'item_id t',
      'label t',
      'kind t',
      'verdict t',
      'new_label t',
      'actor t',
      'reason t',
      'at t',
    ],
    order: 'seq',
    identity: 'seq',
  }),
  plain({
    name: 'feedback_latest',
    columns: ['detection_id t', 'seq i', 'verdict t'],
    order: 'detection_id',
  }),
  plain({
    name: 'alert_rules',
    columns: [
      'seq i',
      'id t',
      'name t',
      'kind t',
      'params t',
      'target_url t',
      'secret t',
      'enabled o',
      'max_attempts i',
      'allow_private o',
      'created_by t',
      'created_at t',
    ],
    order: 'seq',
    identity: 'seq',
  }),
  plain({
    name: 'alert_events',
    columns: [
      'seq i',
      'id t',
      'rule_id t',
      'fingerprint t',
      'payload t',
      'state t',
      'attempts i',
      'next_attempt_at t',
      'created_at t',
    ],
    order: 'seq',
    identity: 'seq',
  }),
  plain({
    name: 'alert_deliveries',
    columns: [
      'seq i',
      'id t',
      'event_id t',
      'rule_id t',
      'attempt i',
      'status t',
      'http_status i',
      'error t',
      'duration_ms r',
      'at t',
      'next_attempt_at t',
    ],
    order: 'seq',
    identity: 'seq',
  }),
  plain({
    name: 'jobs',
    columns: [
      'seq i',
      'id t',
      'kind t',
      'payload t',
      'status t',
      'attempts i',
      'max_attempts i',
      'lane t',
      'idempotency_key t',
      'created_by t',
      'locked_by t',
      'locked_until_ms i',
      'progress t',
      'result t',
      'error t',
      'created_at t',
      'started_at t',
      'finished_at t',
      'updated_at t',
    ],
    order: 'seq',
    identity: 'seq',
  }),
];
