/**
 * What the SQLite and PostgreSQL case adapters share: the rows of cases, evidence, notes and the
 * audit trail (the same columns on both stores) and their mapping to records, so a column added on
 * one store cannot be forgotten on the other. PostgreSQL returns the bigint sequences as text.
 */
import type { Case, CaseEvent, CaseEvidence, CaseNote, EvidenceKind } from '@ogoh/core';

export interface CaseRow {
  id: string;
  title: string;
  summary: string;
  status: Case['status'];
  assignee: string | null;
  tlp: Case['tlp'];
  created_by: string;
  created_at: string;
  updated_at: string;
  last_seq: number | string;
}

export interface EvidenceRow {
  case_id: string;
  kind: EvidenceKind;
  ref: string;
  item_id: string | null;
  note: string | null;
  added_by: string;
  added_at: string;
}

export interface NoteRow {
  id: string;
  case_id: string;
  text: string;
  author: string;
  at: string;
}

export interface EventRow {
  seq: number | string;
  case_id: string;
  at: string;
  actor: string;
  action: CaseEvent['action'];
  before: string | null;
  after: string | null;
}

export const CASE_COLUMNS =
  'id, title, summary, status, assignee, tlp, created_by, created_at, updated_at, last_seq';

export function rowToCase(r: CaseRow): Case {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    status: r.status,
    ...(r.assignee !== null ? { assignee: r.assignee } : {}),
    tlp: r.tlp,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function rowToEvidence(r: EvidenceRow): CaseEvidence {
  return {
    caseId: r.case_id,
    kind: r.kind,
    ref: r.ref,
    ...(r.item_id !== null ? { itemId: r.item_id } : {}),
    ...(r.note !== null ? { note: r.note } : {}),
    addedBy: r.added_by,
    addedAt: r.added_at,
  };
}

export function rowToEvent(r: EventRow): CaseEvent {
  return {
    seq: Number(r.seq),
    caseId: r.case_id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    ...(r.before !== null ? { before: JSON.parse(r.before) as unknown } : {}),
    ...(r.after !== null ? { after: JSON.parse(r.after) as unknown } : {}),
  };
}

export function rowToNote(r: NoteRow): CaseNote {
  return { id: r.id, caseId: r.case_id, text: r.text, author: r.author, at: r.at };
}
