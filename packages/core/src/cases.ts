/**
 * Cases (incidents): what an analyst builds from flagged items, stories and detections on the way
 * to a brief or a debunk. The records, the status rules every adapter enforces, and the `CaseStore`
 * port. Every change to a case writes a `CaseEvent` in the same transaction, so the audit trail is
 * complete by construction: there is no way to change a case without leaving one.
 */
import { z } from 'zod';
import { OgohError } from './errors.ts';

const isoTime = z.iso.datetime({ offset: true });

export const CASE_STATUSES = ['open', 'in_review', 'published', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Traffic Light Protocol 2.0 labels (FIRST), least to most restricted. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export const Tlp = z.enum(TLP_LEVELS);
export type Tlp = z.infer<typeof Tlp>;

export const EVIDENCE_KINDS = ['item', 'story', 'detection'] as const;
export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** Who did something: a username, `key:<id>`, or an OS user name from the CLI. */
export const Actor = z.string().min(1).max(100);

export const Case = z.object({
  /** `ca_…`, chosen by the application */
  id: z.string().min(1).max(100),
  title: z.string().trim().min(1).max(300),
  /** the analyst's summary; empty until written */
  summary: z.string().max(20_000),
  status: CaseStatus,
  assignee: Actor.optional(),
  tlp: Tlp,
  createdBy: Actor,
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Case = z.infer<typeof Case>;

export const CaseEvidence = z.object({
  caseId: z.string(),
  kind: EvidenceKind,
  /** the item, story or detection id */
  ref: z.string().min(1).max(200),
  /** for a detection: the item it was found in (detections are looked up by item) */
  itemId: z.string().optional(),
  note: z.string().max(5000).optional(),
  addedBy: Actor,
  addedAt: isoTime,
});
export type CaseEvidence = z.infer<typeof CaseEvidence>;

export const CaseNote = z.object({
  id: z.string(),
  caseId: z.string(),
  text: z.string().trim().min(1).max(20_000),
  author: Actor,
  at: isoTime,
});
export type CaseNote = z.infer<typeof CaseNote>;

export const CASE_ACTIONS = [
  'created',
  'title-changed',
  'summary-changed',
  'status-changed',
  'assigned',
  'tlp-changed',
  'evidence-added',
  'evidence-removed',
  'note-added',
  'exported',
] as const;
export const CaseAction = z.enum(CASE_ACTIONS);
export type CaseAction = z.infer<typeof CaseAction>;

/** One line of a case's audit trail: who did what, when, and the value before and after. */
export const CaseEvent = z.object({
  /** assigned by the store, increasing across all cases */
  seq: z.number().int().positive(),
  caseId: z.string(),
  at: isoTime,
  actor: Actor,
  action: CaseAction,
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

/**
 * What an `exported` event records: the case left the system in this shape. An export changes
 * nothing in the case, so it is written to the trail without moving the case up the list.
 */
export const CaseExport = z
  .object({
    /** stix, misp, claimreview, csv, jsonl, gexf, brief-md, brief-html */
    format: z.string().min(1).max(40),
    /** records written in that format: STIX objects, MISP attributes, rows, lines, nodes, brief items */
    objects: z.number().int().nonnegative(),
    /** case items the export holds */
    items: z.number().int().nonnegative(),
    tlp: Tlp,
    /** more items than the export's limit: not all evidence went out */
    truncated: z.boolean().optional(),
    /** a brief's language */
    lang: z.string().min(2).max(10).optional(),
  })
  .strict();
export type CaseExport = z.infer<typeof CaseExport>;

/**
 * Allowed status moves. A published brief can go back to review (a correction) or be closed; a
 * closed case is frozen until reopened.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['in_review', 'closed'],
  in_review: ['open', 'published', 'closed'],
  published: ['in_review', 'closed'],
  closed: ['open'],
};

/** Throws a CONFLICT error naming the allowed moves when `from → to` is not one. */
export function checkCaseTransition(caseId: string, from: CaseStatus, to: CaseStatus): void {
  if (from === to)
    throw new OgohError('CONFLICT', `case ${caseId} is already ${to}`, {
      field: 'status',
      hint: `from ${from} a case can go to ${CASE_TRANSITIONS[from].join(', ')}`,
    });
  if (!CASE_TRANSITIONS[from].includes(to))
    throw new OgohError('CONFLICT', `case ${caseId} cannot go from ${from} to ${to}`, {
      field: 'status',
      hint: `from ${from} a case can go to ${CASE_TRANSITIONS[from].join(', ')}`,
    });
}

/** Evidence is frozen on a closed case: reopen it first. */
export function checkEvidenceAllowed(c: Pick<Case, 'id' | 'status'>): void {
  if (c.status === 'closed')
    throw new OgohError('CONFLICT', `case ${c.id} is closed: its evidence cannot change`, {
      field: 'status',
      hint: `reopen it first (ogoh cases status ${c.id} open)`,
    });
}

export interface NewCase {
  id: string;
  title: string;
  summary?: string;
  tlp: Tlp;
  assignee?: string;
  createdBy: string;
  at: string;
  /** evidence recorded with the case, each with its own audit event */
  evidence?: NewEvidence[];
}

export interface NewEvidence {
  kind: EvidenceKind;
  ref: string;
  itemId?: string;
  note?: string;
}

/** Fields an update may change; `assignee: null` unassigns. */
export interface CasePatch {
  title?: string;
  summary?: string;
  status?: CaseStatus;
  assignee?: string | null;
  tlp?: Tlp;
}

export interface CaseQuery {
  status?: CaseStatus;
  assignee?: string;
  /** default 100, at most 1000 */
  limit?: number;
  /** opaque cursor from a previous page */
  cursor?: string;
}

export interface CasePage {
  /** most recently updated first */
  cases: Case[];
  next?: string;
}

/** Where cases live (the same database as the items). */
export interface CaseStore {
  close(): Promise<void>;
  /** Creates a case with its first evidence; an id in use is a CONFLICT error. */
  createCase(input: NewCase): Promise<Case>;
  getCase(id: string): Promise<Case | undefined>;
  listCases(query?: CaseQuery): Promise<CasePage>;
  /**
   * Applies the changed fields (unchanged ones write nothing), one event per field, atomically.
   * Status moves follow CASE_TRANSITIONS. NOT_FOUND for an unknown case.
   */
  updateCase(id: string, patch: CasePatch, actor: string, at: string): Promise<Case>;
  /** Adds evidence; false when it was already there (nothing written). CONFLICT on a closed case. */
  addEvidence(caseId: string, evidence: NewEvidence, actor: string, at: string): Promise<boolean>;
  /** Removes evidence; false when it was not there. CONFLICT on a closed case. */
  removeEvidence(
    caseId: string,
    kind: EvidenceKind,
    ref: string,
    actor: string,
    at: string,
  ): Promise<boolean>;
  /** in the order added */
  listEvidence(caseId: string): Promise<CaseEvidence[]>;
  addNote(caseId: string, note: { id: string; text: string }, actor: string, at: string): Promise<CaseNote>;
  /** oldest first */
  listNotes(caseId: string): Promise<CaseNote[]>;
  /**
   * Writes an `exported` event (who, when, format, object count, TLP) without changing the case or
   * its place in the list; closed cases may be exported too. NOT_FOUND for an unknown case.
   */
  recordExport(caseId: string, exported: CaseExport, actor: string, at: string): Promise<CaseEvent>;
  /** the audit trail, oldest first */
  listEvents(caseId: string): Promise<CaseEvent[]>;
  /** cases holding this item, story or detection as evidence */
  casesWith(kind: EvidenceKind, ref: string): Promise<Case[]>;
  /**
   * The item a stored detection was found in (detection ids are not derived from it), so evidence
   * can be added by detection id alone.
   */
  detectionItem(detectionId: string): Promise<string | undefined>;
}
