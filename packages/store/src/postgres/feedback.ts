/**
 * The PostgreSQL adapter of the FeedbackStore port: the same tables and semantics as the SQLite one
 * (an append-only `feedback` log guarded by a trigger, `feedback_latest` per detection), checked by
 * the same contract suite. Detections are listed in the items' order (`sort_ms DESC, seq DESC`).
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
import { type Db, type Ex, openDb, pgError, write } from './db.ts';
import { migrate } from './migrate.ts';
import { DETECTION_COLUMNS, type DetectionRow, placeholders, rowToDetection } from './rows.ts';

const SELECT_FEEDBACK = FEEDBACK_COLUMNS.replace('seq', 'seq::int AS seq');
const INSERT_COLUMNS = FEEDBACK_COLUMNS.replace('seq, ', '');

interface ListedRow extends DetectionRow {
  sort_ms: string;
  item_seq: string;
  lang: string;
  source_id: string;
  published: string | null;
  reviewed: boolean;
}

async function rows<T>(ex: Ex, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await ex.unsafe(sql, params as never)) as unknown as T[];
}

class PostgresFeedbackStore implements FeedbackStore {
  private readonly handle: Db;
  private closed = false;

  constructor(db: Db) {
    this.handle = db;
  }

  private get db(): Db {
    if (this.closed)
      throw new OgohError(
        'STORE',
        `the store ${this.handle.location} (schema ${this.handle.schema}) is closed`,
        {
          file: this.handle.location,
        },
      );
    return this.handle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.sql.end({ timeout: 5 });
  }

  private async read<T>(what: string, fn: (ex: Ex) => Promise<T>): Promise<T> {
    const db = this.db;
    try {
      return await fn(db.sql);
    } catch (e) {
      throw pgError(e, what, db.location);
    }
  }

  async record(feedback: Feedback): Promise<void> {
    const db = this.db;
    try {
      await write(db, async (tx) => {
        const found = await rows<{ item_id: string }>(tx, 'SELECT item_id FROM detections WHERE id = $1', [
          feedback.detectionId,
        ]);
        const known = found[0]?.item_id;
        if (known === undefined)
          throw new OgohError('NOT_FOUND', `no detection "${feedback.detectionId}" in this store`, {
            file: db.location,
            field: 'detectionId',
            hint: 'take the id from `ogoh triage` or GET /api/detections',
          });
        if (known !== feedback.itemId)
          throw new OgohError(
            'INPUT_FIELD',
            `detection "${feedback.detectionId}" is about item "${known}", not "${feedback.itemId}"`,
            { field: 'itemId' },
          );
        const inserted = await rows<{ seq: number }>(
          tx,
          `INSERT INTO feedback (${INSERT_COLUMNS}) VALUES (${placeholders(10)}) RETURNING seq::int AS seq`,
          feedbackValues(feedback),
        );
        // Two verdicts on one detection committing out of order: the higher seq (the later insert) stays latest.
        await tx.unsafe(
          `INSERT INTO feedback_latest (detection_id, seq, verdict) VALUES ($1, $2, $3)
           ON CONFLICT (detection_id) DO UPDATE SET seq = excluded.seq, verdict = excluded.verdict
           WHERE feedback_latest.seq < excluded.seq`,
          [feedback.detectionId, inserted[0]!.seq, feedback.verdict] as never,
        );
      });
    } catch (e) {
      throw pgError(e, `cannot record feedback ${feedback.id}`, db.location);
    }
  }

  async list(query: FeedbackQuery = {}): Promise<FeedbackPage> {
    const limit = pageLimit(query.limit, 100, 10_000);
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (query.itemId !== undefined) where.push(`item_id = ${p(query.itemId)}`);
    if (query.detectionId !== undefined) where.push(`detection_id = ${p(query.detectionId)}`);
    if (query.label !== undefined) {
      const l = p(query.label);
      where.push(`(label = ${l} OR new_label = ${l})`);
    }
    if (query.cursor !== undefined) where.push(`seq < ${p(decodeCursor(query.cursor, ['number'])[0])}`);
    const lim = p(limit + 1);
    const found = await this.read('cannot list feedback', (ex) =>
      rows<FeedbackRow>(
        ex,
        `SELECT ${SELECT_FEEDBACK} FROM feedback ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY seq DESC LIMIT ${lim}`,
        params,
      ),
    );
    const page: FeedbackPage = { feedback: found.slice(0, limit).map(rowToFeedback) };
    if (found.length > limit) page.next = encodeCursor([Number(found[limit - 1]!.seq)]);
    return page;
  }

  async latest(detectionIds: readonly string[]): Promise<Map<string, Feedback>> {
    const out = new Map<string, Feedback>();
    if (detectionIds.length === 0) return out;
    const found = await this.read('cannot read the latest verdicts', (ex) =>
      rows<FeedbackRow>(
        ex,
        `SELECT ${SELECT_FEEDBACK.split(', ')
          .map((c) => `f.${c}`)
          .join(', ')}
         FROM feedback_latest l JOIN feedback f ON f.seq = l.seq
         WHERE l.detection_id = ANY($1::text[])`,
        [[...detectionIds]],
      ),
    );
    for (const r of found) out.set(r.detection_id, rowToFeedback(r));
    return out;
  }

  async listDetections(query: DetectionQuery = {}): Promise<DetectionPage> {
    const limit = pageLimit(query.limit, 50, 5000);
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (query.id !== undefined) where.push(`d.id = ${p(query.id)}`);
    if (query.kind !== undefined) where.push(`d.kind = ${p(query.kind)}`);
    if (query.label !== undefined) where.push(`d.label = ${p(query.label)}`);
    if (query.itemId !== undefined) where.push(`d.item_id = ${p(query.itemId)}`);
    if (query.lang !== undefined) where.push(`i.lang = ${p(query.lang)}`);
    if (query.sourceId !== undefined) where.push(`i.source_id = ${p(query.sourceId)}`);
    if (query.minScore !== undefined) where.push(`d.score >= ${p(query.minScore)}`);
    if (query.review === 'unreviewed') where.push('l.detection_id IS NULL');
    else if (query.review !== undefined) where.push(`l.verdict = ${p(query.review)}`);
    if (query.cursor !== undefined) {
      const [ms, seq, id] = decodeCursor(query.cursor, ['string', 'string', 'string']);
      if (!/^-?\d+$/.test(String(ms)) || !/^\d+$/.test(String(seq)))
        throw new OgohError('USAGE', 'the page cursor is not one this store handed out', { field: 'cursor' });
      const a = p(ms);
      const b = p(seq);
      where.push(
        `(i.sort_ms < ${a}::bigint OR (i.sort_ms = ${a}::bigint AND (i.seq < ${b}::bigint OR (i.seq = ${b}::bigint AND d.id > ${p(id)}))))`,
      );
    }
    const lim = p(limit + 1);
    const found = await this.read('cannot list detections', (ex) =>
      rows<ListedRow>(
        ex,
        `SELECT ${DETECTION_COLUMNS.split(', ')
          .map((c) => `d.${c}`)
          .join(', ')}, i.sort_ms::text AS sort_ms, i.seq::text AS item_seq, i.lang, i.source_id, i.published,
           l.detection_id IS NOT NULL AS reviewed
         FROM detections d JOIN items i ON i.id = d.item_id
         LEFT JOIN feedback_latest l ON l.detection_id = d.id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY i.sort_ms DESC, i.seq DESC, d.id LIMIT ${lim}`,
        params,
      ),
    );
    const shown = found.slice(0, limit);
    const latest = await this.latest(shown.filter((r) => r.reviewed).map((r) => r.id));
    const page: DetectionPage = {
      detections: shown.map((r) => {
        const out: ReviewedDetection = { detection: rowToDetection(r), lang: r.lang, sourceId: r.source_id };
        if (r.published !== null) out.published = r.published;
        const f = latest.get(r.id);
        if (f) out.latest = f;
        return out;
      }),
    };
    if (found.length > limit) {
      const last = found[limit - 1]!;
      page.next = encodeCursor([last.sort_ms, last.item_seq, last.id]);
    }
    return page;
  }

  async trainingExamples(kind: 'narrative' | 'technique'): Promise<FeedbackExample[]> {
    return this.read('cannot read feedback for training', async (ex) => {
      const history = (
        await rows<FeedbackRow>(ex, `SELECT ${SELECT_FEEDBACK} FROM feedback WHERE kind = $1 ORDER BY seq`, [
          kind,
        ])
      ).map(rowToFeedback);
      const ids = [...new Set(history.map((f) => f.itemId))];
      const items = new Map<string, { text: string; lang: string }>();
      const found = await rows<{ id: string; title: string | null; text: string; lang: string }>(
        ex,
        'SELECT id, title, text, lang FROM items WHERE id = ANY($1::text[])',
        [ids],
      );
      for (const r of found) items.set(r.id, { text: detectedText(r.title, r.text), lang: r.lang });
      return foldExamples(history, items, kind);
    });
  }

  async countFeedback(): Promise<number> {
    const r = await this.read('cannot count feedback', (ex) =>
      rows<{ n: number }>(ex, 'SELECT count(*)::int AS n FROM feedback'),
    );
    return r[0]?.n ?? 0;
  }
}

/** Opens the feedback tables of the PostgreSQL store at `url` (schema `ogoh` unless told), migrating it. */
export async function openPostgresFeedbackStore(
  url: string,
  options: { schema?: string } = {},
): Promise<FeedbackStore> {
  const db = openDb(url, options.schema ?? 'ogoh');
  try {
    await migrate(db);
    return new PostgresFeedbackStore(db);
  } catch (e) {
    await db.sql.end({ timeout: 1 }).catch(() => {});
    throw e;
  }
}
