/**
 * The SQLite adapter of the CaseStore port (cases, evidence, notes and their audit trail). Its own
 * connection, like AuthStore. Every change reads the case and writes the change and its events in
 * one BEGIN IMMEDIATE transaction, so two writers cannot both pass a status check.
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
  type EventRow,
  type EvidenceRow,
  type NoteRow,
  rowToCase,
  rowToEvent,
  rowToEvidence,
  rowToNote,
} from '../cases-rows.ts';
import { type Db, isConstraintError, openDb, sqliteError } from './db.ts';
import { migrate } from './migrate.ts';

class SqliteCaseStore implements CaseStore {
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

  private row(id: string): CaseRow | undefined {
    return this.db.stmt(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ?`).get(id) as CaseRow | undefined;
  }

  private current(id: string): Case {
    const r = this.row(id);
    if (!r) throw notFound(id);
    return rowToCase(r);
  }

  /** Writes the events and moves the case to the top of the list; returns the last seq. */
  private events(caseId: string, actor: string, at: string, drafts: EventDraft[]): number {
    const insert = this.db.stmt(
      'INSERT INTO case_events (case_id, at, actor, action, before, after) VALUES (?, ?, ?, ?, ?, ?)',
    );
    let seq = 0;
    for (const d of drafts)
      seq = Number(
        insert.run(caseId, at, actor, d.action, jsonOrNull(d.before), jsonOrNull(d.after)).lastInsertRowid,
      );
    this.db.stmt('UPDATE cases SET last_seq = ?, updated_at = ? WHERE id = ?').run(seq, at, caseId);
    return seq;
  }

  private insertEvidence(e: CaseEvidence): void {
    this.db
      .stmt(
        'INSERT INTO case_evidence (case_id, kind, ref, item_id, note, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(e.caseId, e.kind, e.ref, e.itemId ?? null, e.note ?? null, e.addedBy, e.addedAt);
  }

  private tx<T>(what: string, fn: () => T): T {
    try {
      return this.db.write(fn);
    } catch (e) {
      throw sqliteError(e, what, this.handle.path);
    }
  }

  async createCase(input: NewCase): Promise<Case> {
    const plan = planCreate(input);
    const c = plan.c;
    try {
      return this.db.write(() => {
        this.db
          .stmt(`INSERT INTO cases (${CASE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`)
          .run(
            c.id,
            c.title,
            c.summary,
            c.status,
            c.assignee ?? null,
            c.tlp,
            c.createdBy,
            c.createdAt,
            c.updatedAt,
          );
        for (const e of plan.evidence) this.insertEvidence(e);
        this.events(c.id, c.createdBy, c.createdAt, plan.events);
        return c;
      });
    } catch (e) {
      if (isConstraintError(e) && this.row(c.id))
        throw new OgohError('CONFLICT', `a case "${c.id}" exists already`, { field: 'id', cause: e });
      throw sqliteError(e, `cannot create case ${c.id}`, this.handle.path);
    }
  }

  async getCase(id: string): Promise<Case | undefined> {
    const r = this.row(id);
    return r ? rowToCase(r) : undefined;
  }

  async listCases(query: CaseQuery = {}): Promise<CasePage> {
    const limit = clampLimit(query.limit);
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (query.status !== undefined) {
      where.push('status = ?');
      args.push(query.status);
    }
    if (query.assignee !== undefined) {
      where.push('assignee = ?');
      args.push(query.assignee);
    }
    if (query.cursor !== undefined) {
      where.push('last_seq < ?');
      args.push(decodeCaseCursor(query.cursor));
    }
    const rows = this.db
      .stmt(
        `SELECT ${CASE_COLUMNS} FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY last_seq DESC LIMIT ?`,
      )
      .all(...args, limit + 1) as CaseRow[];
    const page: CasePage = { cases: rows.slice(0, limit).map(rowToCase) };
    if (rows.length > limit) page.next = encodeCaseCursor(Number(rows[limit - 1]!.last_seq));
    return page;
  }

  async updateCase(id: string, patch: CasePatch, actor: string, at: string): Promise<Case> {
    return this.tx(`cannot update case ${id}`, () => {
      const plan = planUpdate(this.current(id), patch, actor, at);
      if (plan.events.length === 0) return plan.c;
      const c = plan.c;
      this.db
        .stmt('UPDATE cases SET title = ?, summary = ?, status = ?, assignee = ?, tlp = ? WHERE id = ?')
        .run(c.title, c.summary, c.status, c.assignee ?? null, c.tlp, id);
      this.events(id, actor, at, plan.events);
      return c;
    });
  }

  async addEvidence(caseId: string, evidence: NewEvidence, actor: string, at: string): Promise<boolean> {
    return this.tx(`cannot add evidence to case ${caseId}`, () => {
      const plan = planAddEvidence(this.current(caseId), evidence, actor, at);
      const had = this.db
        .stmt('SELECT 1 FROM case_evidence WHERE case_id = ? AND kind = ? AND ref = ?')
        .get(caseId, plan.evidence.kind, plan.evidence.ref);
      if (had) return false;
      this.insertEvidence(plan.evidence);
      this.events(caseId, actor, at, [plan.event]);
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
    return this.tx(`cannot remove evidence from case ${caseId}`, () => {
      const c = this.current(caseId);
      const r = this.db
        .stmt('SELECT * FROM case_evidence WHERE case_id = ? AND kind = ? AND ref = ?')
        .get(caseId, kind, ref) as EvidenceRow | undefined;
      if (!r) return false;
      const event = planRemoveEvidence(c, rowToEvidence(r));
      this.db
        .stmt('DELETE FROM case_evidence WHERE case_id = ? AND kind = ? AND ref = ?')
        .run(caseId, kind, ref);
      this.events(caseId, actor, at, [event]);
      return true;
    });
  }

  async listEvidence(caseId: string): Promise<CaseEvidence[]> {
    return (
      this.db
        .stmt('SELECT * FROM case_evidence WHERE case_id = ? ORDER BY rowid')
        .all(caseId) as EvidenceRow[]
    ).map(rowToEvidence);
  }

  async addNote(
    caseId: string,
    note: { id: string; text: string },
    actor: string,
    at: string,
  ): Promise<CaseNote> {
    return this.tx(`cannot add a note to case ${caseId}`, () => {
      const plan = planNote(this.current(caseId), note, actor, at);
      const n = plan.note;
      this.db
        .stmt('INSERT INTO case_notes (id, case_id, text, author, at) VALUES (?, ?, ?, ?, ?)')
        .run(n.id, n.caseId, n.text, n.author, n.at);
      this.events(caseId, actor, at, [plan.event]);
      return n;
    });
  }

  async listNotes(caseId: string): Promise<CaseNote[]> {
    return (
      this.db.stmt('SELECT * FROM case_notes WHERE case_id = ? ORDER BY rowid').all(caseId) as NoteRow[]
    ).map(rowToNote);
  }

  async recordExport(caseId: string, exported: CaseExport, actor: string, at: string): Promise<CaseEvent> {
    const draft = planExport(exported, actor);
    return this.tx(`cannot record an export of case ${caseId}`, () => {
      this.current(caseId);
      // not this.events(): an export leaves last_seq and updated_at (the list order) alone
      const r = this.db
        .stmt(
          'INSERT INTO case_events (case_id, at, actor, action, before, after) VALUES (?, ?, ?, ?, NULL, ?) RETURNING *',
        )
        .get(caseId, at, actor, draft.action, jsonOrNull(draft.after)) as EventRow;
      return rowToEvent(r);
    });
  }

  async listEvents(caseId: string): Promise<CaseEvent[]> {
    return (
      this.db.stmt('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq').all(caseId) as EventRow[]
    ).map(rowToEvent);
  }

  async casesWith(kind: EvidenceKind, ref: string): Promise<Case[]> {
    const rows = this.db
      .stmt(
        `SELECT ${CASE_COLUMNS.split(', ')
          .map((c) => `c.${c}`)
          .join(
            ', ',
          )} FROM case_evidence e JOIN cases c ON c.id = e.case_id WHERE e.kind = ? AND e.ref = ? ORDER BY c.last_seq DESC`,
      )
      .all(kind, ref) as CaseRow[];
    return rows.map(rowToCase);
  }

  async detectionItem(detectionId: string): Promise<string | undefined> {
    return this.db.stmt('SELECT item_id FROM detections WHERE id = ?').pluck().get(detectionId) as
      | string
      | undefined;
  }
}

/** Opens the case tables of the SQLite store at `path` (creating and migrating the store when new). */
export async function openSqliteCaseStore(path: string): Promise<CaseStore> {
  const db = openDb(path, false);
  try {
    migrate(db, false);
    return new SqliteCaseStore(db);
  } catch (e) {
    db.close();
    throw e;
  }
}
