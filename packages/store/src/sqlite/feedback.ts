/**
 * The SQLite adapter of the FeedbackStore port. `feedback` is an append-only log (triggers refuse
 * UPDATE and DELETE); `feedback_latest` points each reviewed detection at its latest verdict, so
 * "unreviewed" and "latest verdict is X" filters are one index probe instead of a scan of history.
 * Detections are listed newest item first through their `item_key` (the item's sort key).
 */
import {
  type DetectionPage,
  type DetectionQuery,
  type Feedback,
  type FeedbackExample,
  type FeedbackPage,
  type FeedbackQuery,
  type FeedbackStore,
  OgohError,
  type ReviewedDetection,
} from '@ogoh/core';
import {
  decodeCursor,
  detectedText,
  encodeCursor,
  FEEDBACK_COLUMNS,
  type FeedbackRow,
  feedbackValues,
  foldExamples,
  pageLimit,
  rowToFeedback,
} from '../feedback-rows.ts';
import { type Db, openDb, sqliteError } from './db.ts';
import { jsonList } from './items.ts';
import { migrate } from './migrate.ts';
import { DETECTION_COLUMNS, type DetectionRow, rowToDetection } from './rows.ts';

const INSERT_COLUMNS = FEEDBACK_COLUMNS.replace('seq, ', '');

interface ListedRow extends DetectionRow {
  item_key: number;
  lang: string;
  source_id: string;
  published: string | null;
  /** the latest verdict's columns, null while unreviewed (read in the same statement) */
  f_id: string | null;
  f_detection_id: string;
  f_item_id: string;
  f_label: string;
  f_kind: string;
  f_verdict: string;
  f_new_label: string | null;
  f_actor: string;
  f_reason: string | null;
  f_at: string;
}

/** The latest verdict's columns beside a listed detection's (prefixed: both tables have id, label…). */
const LATEST_COLUMNS = FEEDBACK_COLUMNS.split(', ')
  .filter((c) => c !== 'seq')
  .map((c) => `f.${c} AS f_${c}`)
  .join(', ');

/** The WHERE clause (over d, i, l) and page size of a detections listing. */
function detectionFilter(query: DetectionQuery): {
  limit: number;
  filter: string;
  params: (string | number)[];
} {
  const limit = pageLimit(query.limit, 50, 5000);
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (query.id !== undefined) add('d.id = ?', query.id);
  if (query.kind !== undefined) add('d.kind = ?', query.kind);
  if (query.label !== undefined) add('d.label = ?', query.label);
  if (query.itemId !== undefined) add('d.item_id = ?', query.itemId);
  if (query.lang !== undefined) add('i.lang = ?', query.lang);
  if (query.sourceId !== undefined) add('i.source_id = ?', query.sourceId);
  if (query.minScore !== undefined) add('d.score >= ?', query.minScore);
  if (query.review === 'unreviewed') add('l.detection_id IS NULL');
  else if (query.review !== undefined) add('l.verdict = ?', query.review);
  if (query.cursor !== undefined) {
    const [key, id] = decodeCursor(query.cursor, ['number', 'string']);
    add('(d.item_key < ? OR (d.item_key = ? AND d.id > ?))', key!, key!, id!);
  }
  return { limit, filter: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

class SqliteFeedbackStore implements FeedbackStore {
  private readonly handle: Db;
  private closed = false;

  constructor(db: Db) {
    this.handle = db;
  }

  private get db(): Db {
    if (this.closed)
      throw new OgohError('STORE', `the store ${this.handle.path} is closed`, { file: this.handle.path });
    return this.handle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handle.close();
  }

  async record(feedback: Feedback): Promise<void> {
    const db = this.db;
    try {
      db.write(() => {
        const known = db
          .stmt('SELECT item_id FROM detections WHERE id = ?')
          .pluck()
          .get(feedback.detectionId);
        if (known === undefined)
          throw new OgohError('NOT_FOUND', `no detection "${feedback.detectionId}" in this store`, {
            file: db.path,
            field: 'detectionId',
            hint: 'take the id from `ogoh triage` or GET /api/detections',
          });
        if (known !== feedback.itemId)
          throw new OgohError(
            'INPUT_FIELD',
            `detection "${feedback.detectionId}" is about item "${String(known)}", not "${feedback.itemId}"`,
            { field: 'itemId' },
          );
        const info = db
          .stmt(`INSERT INTO feedback (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(...feedbackValues(feedback));
        db.stmt(
          `INSERT INTO feedback_latest (detection_id, seq, verdict) VALUES (?, ?, ?)
           ON CONFLICT (detection_id) DO UPDATE SET seq = excluded.seq, verdict = excluded.verdict
           WHERE feedback_latest.seq < excluded.seq`,
        ).run(feedback.detectionId, Number(info.lastInsertRowid), feedback.verdict);
      });
    } catch (e) {
      throw sqliteError(e, `cannot record feedback ${feedback.id}`, db.path);
    }
  }

  async list(query: FeedbackQuery = {}): Promise<FeedbackPage> {
    const limit = pageLimit(query.limit, 100, 10_000);
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (sql: string, ...values: (string | number)[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (query.itemId !== undefined) add('item_id = ?', query.itemId);
    if (query.detectionId !== undefined) add('detection_id = ?', query.detectionId);
    if (query.label !== undefined) add('(label = ? OR new_label = ?)', query.label, query.label);
    if (query.cursor !== undefined) add('seq < ?', decodeCursor(query.cursor, ['number'])[0]!);
    const rows = this.db
      .stmt(
        `SELECT ${FEEDBACK_COLUMNS} FROM feedback ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY seq DESC LIMIT ?`,
      )
      .all(...params, limit + 1) as FeedbackRow[];
    const page: FeedbackPage = { feedback: rows.slice(0, limit).map(rowToFeedback) };
    if (rows.length > limit) page.next = encodeCursor([Number(rows[limit - 1]!.seq)]);
    return page;
  }

  async latest(detectionIds: readonly string[]): Promise<Map<string, Feedback>> {
    const out = new Map<string, Feedback>();
    if (detectionIds.length === 0) return out;
    const rows = this.db
      .stmt(
        `SELECT ${FEEDBACK_COLUMNS.split(', ')
          .map((c) => `f.${c}`)
          .join(', ')}
         FROM feedback_latest l JOIN feedback f ON f.seq = l.seq
         WHERE l.detection_id IN (SELECT value FROM json_each(?))`,
      )
      .all(jsonList([...detectionIds])) as FeedbackRow[];
    for (const r of rows) out.set(r.detection_id, rowToFeedback(r));
    return out;
  }

  async listDetections(query: DetectionQuery = {}): Promise<DetectionPage> {
    const { limit, filter, params } = detectionFilter(query);
    const rows = this.db
      .stmt(
        `SELECT ${DETECTION_COLUMNS.split(', ')
          .map((c) => `d.${c}`)
          .join(', ')}, d.item_key, i.lang, i.source_id, i.published, ${LATEST_COLUMNS}
         FROM detections d JOIN items i ON i.sort_key = d.item_key
         LEFT JOIN feedback_latest l ON l.detection_id = d.id
         LEFT JOIN feedback f ON f.seq = l.seq
         ${filter}
         ORDER BY d.item_key DESC, d.id LIMIT ?`,
      )
      .all(...params, limit + 1) as ListedRow[];
    // The latest verdicts come from the same statement (one pass, no second query over the page's ids).
    const shown = rows.length > limit ? rows.slice(0, limit) : rows;
    const page: DetectionPage = {
      detections: shown.map((r) => {
        const out: ReviewedDetection = { detection: rowToDetection(r), lang: r.lang, sourceId: r.source_id };
        if (r.published !== null) out.published = r.published;
        if (r.f_id !== null) {
          const f: Feedback = {
            id: r.f_id,
            detectionId: r.f_detection_id,
            itemId: r.f_item_id,
            label: r.f_label,
            kind: r.f_kind as Feedback['kind'],
            verdict: r.f_verdict as Feedback['verdict'],
            actor: r.f_actor,
            at: r.f_at,
          };
          if (r.f_new_label !== null) f.newLabel = r.f_new_label;
          if (r.f_reason !== null) f.reason = r.f_reason;
          out.latest = f;
        }
        return out;
      }),
    };
    if (rows.length > limit) {
      const last = rows[limit - 1]!;
      page.next = encodeCursor([last.item_key, last.id]);
    }
    return page;
  }

  /**
   * The same page as JSON built by SQLite and handed over as UTF-8 bytes: the stored evidence and
   * explanation JSON go through as they are instead of parsed into objects and serialised again,
   * and the bytes go to the socket without becoming JavaScript strings (decoding and re-encoding
   * ~80 kB of mostly Cyrillic JSON per 50-row page cost more than building it).
   */
  async listDetectionsJson(query: DetectionQuery = {}): Promise<{ detections: Uint8Array[]; next?: string }> {
    const { limit, filter, params } = detectionFilter(query);
    const rows = this.db
      .stmt(
        // json_patch onto {} drops the null (absent) optional fields of the flat part and of the
        // verdict; evidence and explanation are set after it, so nulls inside them stay as stored.
        `SELECT CAST(json_set(json_patch('{}', json_object(
             'id', d.id, 'itemId', d.item_id, 'kind', d.kind, 'label', d.label, 'score', d.score,
             'model', d.model, 'taxonomyVersion', d.taxonomy_version, 'createdAt', d.created_at,
             'lang', i.lang, 'sourceId', i.source_id, 'published', i.published,
             'review', CASE WHEN f.id IS NULL THEN NULL ELSE json_object(
               'id', f.id, 'detectionId', f.detection_id, 'itemId', f.item_id, 'label', f.label,
               'kind', f.kind, 'verdict', f.verdict, 'newLabel', f.new_label, 'actor', f.actor,
               'reason', f.reason, 'at', f.at) END)),
           '$.evidence', json(d.evidence), '$.explain', json(d.explain)) AS BLOB) AS json,
           d.item_key, d.id
         FROM detections d JOIN items i ON i.sort_key = d.item_key
         LEFT JOIN feedback_latest l ON l.detection_id = d.id
         LEFT JOIN feedback f ON f.seq = l.seq
         ${filter}
         ORDER BY d.item_key DESC, d.id LIMIT ?`,
      )
      .all(...params, limit + 1) as { json: Uint8Array; item_key: number; id: string }[];
    const page: { detections: Uint8Array[]; next?: string } = { detections: [] };
    const n = Math.min(rows.length, limit);
    for (let k = 0; k < n; k++) page.detections.push(rows[k]!.json);
    if (rows.length > limit) {
      const last = rows[limit - 1]!;
      page.next = encodeCursor([last.item_key, last.id]);
    }
    return page;
  }

  async trainingExamples(kind: 'narrative' | 'technique'): Promise<FeedbackExample[]> {
    const db = this.db;
    return db.read(() => {
      const history = (
        db
          .stmt(`SELECT ${FEEDBACK_COLUMNS} FROM feedback WHERE kind = ? ORDER BY seq`)
          .all(kind) as FeedbackRow[]
      ).map(rowToFeedback);
      const ids = [...new Set(history.map((f) => f.itemId))];
      const items = new Map<string, { text: string; lang: string }>();
      const rows = db
        .stmt('SELECT id, title, text, lang FROM items WHERE id IN (SELECT value FROM json_each(?))')
        .all(jsonList(ids)) as { id: string; title: string | null; text: string; lang: string }[];
      for (const r of rows) items.set(r.id, { text: detectedText(r.title, r.text), lang: r.lang });
      return foldExamples(history, items, kind);
    });
  }

  async countFeedback(): Promise<number> {
    return this.db.stmt('SELECT count(*) FROM feedback').pluck().get() as number;
  }
}

/** Opens the feedback tables of the SQLite store at `path` (creating and migrating the store when new). */
export async function openSqliteFeedbackStore(path: string): Promise<FeedbackStore> {
  const db = openDb(path, false);
  try {
    migrate(db, false);
    return new SqliteFeedbackStore(db);
  } catch (e) {
    db.close();
    throw e;
  }
}
