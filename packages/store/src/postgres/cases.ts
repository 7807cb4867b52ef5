/**
 * The PostgreSQL adapter of the CaseStore port: the same tables and rules as sqlite/cases.ts (one
 * contract suite runs on both). A change locks its case row (`SELECT … FOR UPDATE`) before the
 * status check, so two servers cannot both pass it; the change and its events commit together.
 */
import {
  type Case,
  type CaseEvent,
  type CaseEvidence,
  type CaseExport,
  type CaseNote,
  type CasePage,
  type CasePatch,
  type CaseQuery,
  type CaseStore,
  type EvidenceKind,
  type NewCase,
  type NewEvidence,
  OgohError,
} from '@ogoh/core';
import {
  clampLimit,
  decodeCaseCursor,
  type EventDraft,
  encodeCaseCursor,
  jsonOrNull,
  notFound,
  planAddEvidence,
  planCreate,
  planExport,
  planNote,
  planRemoveEvidence,
  planUpdate,
} from '../cases-plan.ts';
import {
  CASE_COLUMNS,
  type CaseRow,
  rowToCase as caseOf,
  type EventRow,
  type EvidenceRow,
  rowToEvent as eventOf,
  rowToEvidence as evidenceOf,
  type NoteRow,
  rowToNote as noteOf,
} from '../cases-rows.ts';
import { type Db, type Ex, openDb, pgError } from './db.ts';
import { migrate } from './migrate.ts';

type R = Record<string, unknown>;
// rows come back untyped from \`unsafe\`; their columns are the shared ones of cases-rows.ts
const rowToCase = (r: R): Case => caseOf(r as unknown as CaseRow);
const rowToEvidence = (r: R): CaseEvidence => evidenceOf(r as unknown as EvidenceRow);
const rowToEvent = (r: R): CaseEvent => eventOf(r as unknown as EventRow);
const rowToNote = (r: R): CaseNote => noteOf(r as unknown as NoteRow);

async function rows(ex: Ex, sql: string, params: unknown[]): Promise<R[]> {
  return (await ex.unsafe(sql, params as never)) as unknown as R[];
}

class PostgresCaseStore implements CaseStore {
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

  private async read(what: string, sql: string, params: unknown[]): Promise<R[]> {
    const db = this.db;
    try {
      return await rows(db.sql, sql, params);
    } catch (e) {
      throw pgError(e, what, db.location);
    }
  }

  private async tx<T>(what: string, fn: (ex: Ex) => Promise<T>): Promise<T> {
    const db = this.db;
    try {
      return (await db.sql.begin((t) => fn(t as unknown as Ex))) as T;
    } catch (e) {
      throw pgError(e, what, db.location);
    }
  }

  /** The case, its row locked until the transaction ends. */
  private async lock(ex: Ex, id: string): Promise<Case> {
    const r = (await rows(ex, `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [id]))[0];
    if (!r) throw notFound(id);
    return rowToCase(r);
  }

  private async events(
    ex: Ex,
    caseId: string,
    actor: string,
    at: string,
    drafts: EventDraft[],
  ): Promise<void> {
    let seq = 0;
    for (const d of drafts) {
      const r = await rows(
        ex,
        'INSERT INTO case_events (case_id, at, actor, action, before, after) VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq',
        [caseId, at, actor, d.action, jsonOrNull(d.before), jsonOrNull(d.after)],
      );
      seq = Number(r[0]!.seq);
    }
    await ex.unsafe('UPDATE cases SET last_seq = $1, updated_at = $2 WHERE id = $3', [seq, at, caseId]);
  }

  private async insertEvidence(ex: Ex, e: CaseEvidence): Promise<void> {
    await ex.unsafe(
      'INSERT INTO case_evidence (case_id, kind, ref, item_id, note, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [e.caseId, e.kind, e.ref, e.itemId ?? null, e.note ?? null, e.addedBy, e.addedAt],
    );
  }

  async createCase(input: NewCase): Promise<Case> {
    const plan = planCreate(input);
    const c = plan.c;
    return this.tx(`cannot create case ${c.id}`, async (ex) => {
      const inserted = await rows(
        ex,
        `INSERT INTO cases (${CASE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          c.id,
          c.title,
          c.summary,
          c.status,
          c.assignee ?? null,
          c.tlp,
          c.createdBy,
          c.createdAt,
          c.updatedAt,
        ],
      );
      if (inserted.length === 0)
        throw new OgohError('CONFLICT', `a case "${c.id}" exists already`, { field: 'id' });
      for (const e of plan.evidence) await this.insertEvidence(ex, e);
      await this.events(ex, c.id, c.createdBy, c.createdAt, plan.events);
      return c;
    });
  }

  async getCase(id: string): Promise<Case | undefined> {
    const r = (
      await this.read(`cannot read case ${id}`, `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [id])
    )[0];
    return r ? rowToCase(r) : undefined;
  }

  async listCases(query: CaseQuery = {}): Promise<CasePage> {
    const limit = clampLimit(query.limit);
    const where: string[] = [];
    const args: unknown[] = [];
    if (query.status !== undefined) {
      args.push(query.status);
      where.push(`status = $${args.length}`);
    }
    if (query.assignee !== undefined) {
      args.push(query.assignee);
      where.push(`assignee = $${args.length}`);
    }
    if (query.cursor !== undefined) {
      args.push(decodeCaseCursor(query.cursor));
      where.push(`last_seq < $${args.length}`);
    }
    args.push(limit + 1);
    const found = await this.read(
      'cannot list cases',
      `SELECT ${CASE_COLUMNS} FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY last_seq DESC LIMIT $${args.length}`,
      args,
    );
    const page: CasePage = { cases: found.slice(0, limit).map(rowToCase) };
    if (found.length > limit) page.next = encodeCaseCursor(Number(found[limit - 1]!.last_seq));
    return page;
  }

  async updateCase(id: string, patch: CasePatch, actor: string, at: string): Promise<Case> {
    return this.tx(`cannot update case ${id}`, async (ex) => {
      const plan = planUpdate(await this.lock(ex, id), patch, actor, at);
      if (plan.events.length === 0) return plan.c;
      const c = plan.c;
      await ex.unsafe(
        'UPDATE cases SET title = $1, summary = $2, status = $3, assignee = $4, tlp = $5 WHERE id = $6',
        [c.title, c.summary, c.status, c.assignee ?? null, c.tlp, id],
      );
      await this.events(ex, id, actor, at, plan.events);
      return c;
    });
  }

  async addEvidence(caseId: string, evidence: NewEvidence, actor: string, at: string): Promise<boolean> {
    return this.tx(`cannot add evidence to case ${caseId}`, async (ex) => {
      const plan = planAddEvidence(await this.lock(ex, caseId), evidence, actor, at);
      const e = plan.evidence;
      const inserted = await rows(
        ex,
        'INSERT INTO case_evidence (case_id, kind, ref, item_id, note, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING ref',
        [e.caseId, e.kind, e.ref, e.itemId ?? null, e.note ?? null, e.addedBy, e.addedAt],
      );
      if (inserted.length === 0) return false;
      await this.events(ex, caseId, actor, at, [plan.event]);
      return true;
    });
  }

  async removeEvidence(
    caseId: string,
    kind: EvidenceKind,
    ref: string,
    actor: string,
    at: string,
  ): Promise<boolean> {
    return this.tx(`cannot remove evidence from case ${caseId}`, async (ex) => {
      const c = await this.lock(ex, caseId);
      const r = (
        await rows(ex, 'SELECT * FROM case_evidence WHERE case_id = $1 AND kind = $2 AND ref = $3', [
          caseId,
          kind,
          ref,
        ])
      )[0];
      if (!r) return false;
      const event = planRemoveEvidence(c, rowToEvidence(r));
      await ex.unsafe('DELETE FROM case_evidence WHERE case_id = $1 AND kind = $2 AND ref = $3', [
        caseId,
        kind,
        ref,
      ]);
      await this.events(ex, caseId, actor, at, [event]);
      return true;
    });
  }

  async listEvidence(caseId: string): Promise<CaseEvidence[]> {
    return (
      await this.read(
        'cannot read case evidence',
        'SELECT * FROM case_evidence WHERE case_id = $1 ORDER BY seq',
        [caseId],
      )
    ).map(rowToEvidence);
  }

  async addNote(
    caseId: string,
    note: { id: string; text: string },
    actor: string,
    at: string,
  ): Promise<CaseNote> {
    return this.tx(`cannot add a note to case ${caseId}`, async (ex) => {
      const plan = planNote(await this.lock(ex, caseId), note, actor, at);
      const n = plan.note;
      await ex.unsafe('INSERT INTO case_notes (id, case_id, text, author, at) VALUES ($1, $2, $3, $4, $5)', [
        n.id,
        n.caseId,
        n.text,
        n.author,
        n.at,
      ]);
      await this.events(ex, caseId, actor, at, [plan.event]);
      return n;
    });
  }

  async listNotes(caseId: string): Promise<CaseNote[]> {
    return (
      await this.read('cannot read case notes', 'SELECT * FROM case_notes WHERE case_id = $1 ORDER BY seq', [
        caseId,
      ])
    ).map(rowToNote);
  }

  async recordExport(caseId: string, exported: CaseExport, actor: string, at: string): Promise<CaseEvent> {
    const draft = planExport(exported, actor);
    return this.tx(`cannot record an export of case ${caseId}`, async (ex) => {
      // FOR SHARE: concurrent exports do not wait for each other, a change of the case does
      if ((await rows(ex, 'SELECT 1 FROM cases WHERE id = $1 FOR SHARE', [caseId])).length === 0)
        throw notFound(caseId);
      // unlike this.events(), last_seq and updated_at (the list order) stay: the case did not change
      const r = await rows(
        ex,
        'INSERT INTO case_events (case_id, at, actor, action, before, after) VALUES ($1, $2, $3, $4, NULL, $5) RETURNING *',
        [caseId, at, actor, draft.action, jsonOrNull(draft.after)],
      );
      return rowToEvent(r[0]!);
    });
  }

  async listEvents(caseId: string): Promise<CaseEvent[]> {
    return (
      await this.read(
        'cannot read the case audit trail',
        'SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq',
        [caseId],
      )
    ).map(rowToEvent);
  }

  async casesWith(kind: EvidenceKind, ref: string): Promise<Case[]> {
    const cols = CASE_COLUMNS.split(', ')
      .map((c) => `c.${c}`)
      .join(', ');
    return (
      await this.read(
        'cannot find cases',
        `SELECT ${cols} FROM case_evidence e JOIN cases c ON c.id = e.case_id WHERE e.kind = $1 AND e.ref = $2 ORDER BY c.last_seq DESC`,
        [kind, ref],
      )
    ).map(rowToCase);
  }

  async detectionItem(detectionId: string): Promise<string | undefined> {
    const r = await this.read('cannot read the detection', 'SELECT item_id FROM detections WHERE id = $1', [
      detectionId,
    ]);
    return r[0] ? String(r[0].item_id) : undefined;
  }
}

/** Opens the case tables of the PostgreSQL store at `url` / `schema` (migrating it when behind). */
export async function openPostgresCaseStore(
  url: string,
  options: { schema?: string } = {},
): Promise<CaseStore> {
  const db = openDb(url, options.schema ?? 'ogoh');
  try {
    await migrate(db);
    return new PostgresCaseStore(db);
  } catch (e) {
    await db.sql.end({ timeout: 1 }).catch(() => {});
    throw e;
  }
}
