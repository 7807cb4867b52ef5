/**
 * The adapter-independent half of the CaseStore: input checks, status rules and the audit events a
 * change writes. Each adapter reads the current case inside its transaction, asks a `plan…` function
 * what to write, and writes it in the same transaction, so both stores apply the same rules.
 */
import {
  Case,
  type CaseAction,
  CaseEvidence,
  CaseExport,
  CaseNote,
  type CasePatch,
  checkCaseTransition,
  checkEvidenceAllowed,
  type EvidenceKind,
  type NewCase,
  type NewEvidence,
  OgohError,
} from '@ogoh/core';

export interface EventDraft {
  action: CaseAction;
  before?: unknown;
  after?: unknown;
}

export const DEFAULT_CASE_PAGE = 100;
export const MAX_CASE_PAGE = 1000;

/** A zod failure as INPUT_FIELD naming the first bad field. */
interface Schema<T> {
  safeParse(
    v: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

function parse<T>(schema: Schema<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || undefined;
  throw new OgohError('INPUT_FIELD', `${what}: ${field ?? 'value'} ${issue.message}`, {
    ...(field ? { field } : {}),
    hint: 'see the case fields in `ogoh cases --help`',
  });
}

export function notFound(id: string): OgohError {
  return new OgohError('NOT_FOUND', `no case "${id}"`, {
    field: 'id',
    hint: 'list cases with `ogoh cases list`',
  });
}

export function planCreate(input: NewCase): { c: Case; evidence: CaseEvidence[]; events: EventDraft[] } {
  const c = parse(
    Case,
    {
      id: input.id,
      title: input.title,
      summary: input.summary ?? '',
      status: 'open',
      ...(input.assignee ? { assignee: input.assignee } : {}),
      tlp: input.tlp,
      createdBy: input.createdBy,
      createdAt: input.at,
      updatedAt: input.at,
    },
    'cannot create the case',
  );
  const created: Record<string, unknown> = { title: c.title, status: c.status, tlp: c.tlp };
  if (c.summary) created.summary = c.summary;
  if (c.assignee) created.assignee = c.assignee;
  const events: EventDraft[] = [{ action: 'created', after: created }];
  const evidence: CaseEvidence[] = [];
  const seen = new Set<string>();
  for (const e of input.evidence ?? []) {
    const ev = planEvidence(c.id, e, input.createdBy, input.at);
    const key = `${ev.kind}\u001f${ev.ref}`;
    if (seen.has(key)) continue;
    seen.add(key);
    evidence.push(ev);
    events.push({ action: 'evidence-added', after: evidenceSummary(ev) });
  }
  return { c, evidence, events };
}

export function planEvidence(caseId: string, e: NewEvidence, actor: string, at: string): CaseEvidence {
  return parse(
    CaseEvidence,
    {
      caseId,
      kind: e.kind,
      ref: e.ref,
      ...(e.itemId ? { itemId: e.itemId } : {}),
      ...(e.note ? { note: e.note } : {}),
      addedBy: actor,
      addedAt: at,
    },
    'cannot add evidence',
  );
}

/** What an audit event records about a piece of evidence. */
export function evidenceSummary(e: CaseEvidence): Record<string, string> {
  const out: Record<string, string> = { kind: e.kind, ref: e.ref };
  if (e.itemId) out.itemId = e.itemId;
  if (e.note) out.note = e.note;
  return out;
}

/** The case after `patch`, and one event per field that really changes (none: nothing to write). */
export function planUpdate(
  current: Case,
  patch: CasePatch,
  actor: string,
  at: string,
): { c: Case; events: EventDraft[] } {
  const events: EventDraft[] = [];
  const next: Record<string, unknown> = { ...current };
  if (patch.title !== undefined && patch.title.trim() !== current.title) {
    events.push({ action: 'title-changed', before: current.title, after: patch.title.trim() });
    next.title = patch.title.trim();
  }
  if (patch.summary !== undefined && patch.summary !== current.summary) {
    events.push({ action: 'summary-changed', before: current.summary, after: patch.summary });
    next.summary = patch.summary;
  }
  if (patch.status !== undefined && patch.status !== current.status) {
    checkCaseTransition(current.id, current.status, patch.status);
    events.push({ action: 'status-changed', before: current.status, after: patch.status });
    next.status = patch.status;
  } else if (patch.status !== undefined && Object.keys(patch).length === 1) {
    // a status request that changes nothing is a mistake worth telling (e.g. closing a closed case)
    checkCaseTransition(current.id, current.status, patch.status);
  }
  if (patch.assignee !== undefined) {
    const to = patch.assignee === null || patch.assignee === '' ? undefined : patch.assignee;
    if (to !== current.assignee) {
      events.push({
        action: 'assigned',
        ...(current.assignee ? { before: current.assignee } : {}),
        ...(to ? { after: to } : {}),
      });
      if (to === undefined) delete next.assignee;
      else next.assignee = to;
    }
  }
  if (patch.tlp !== undefined && patch.tlp !== current.tlp) {
    events.push({ action: 'tlp-changed', before: current.tlp, after: patch.tlp });
    next.tlp = patch.tlp;
  }
  if (events.length > 0) {
    next.updatedAt = at;
    parse(Case.shape.createdBy, actor, 'cannot update the case');
  }
  return { c: parse(Case, next, 'cannot update the case'), events };
}

export function planAddEvidence(
  current: Case,
  e: NewEvidence,
  actor: string,
  at: string,
): { evidence: CaseEvidence; event: EventDraft } {
  checkEvidenceAllowed(current);
  const evidence = planEvidence(current.id, e, actor, at);
  return { evidence, event: { action: 'evidence-added', after: evidenceSummary(evidence) } };
}

export function planRemoveEvidence(current: Case, existing: CaseEvidence): EventDraft {
  checkEvidenceAllowed(current);
  return { action: 'evidence-removed', before: evidenceSummary(existing) };
}

export function planNote(
  current: Case,
  note: { id: string; text: string },
  actor: string,
  at: string,
): { note: CaseNote; event: EventDraft } {
  const n = parse(
    CaseNote,
    { id: note.id, caseId: current.id, text: note.text, author: actor, at },
    'cannot add the note',
  );
  return { note: n, event: { action: 'note-added', after: { id: n.id, text: n.text } } };
}

/** An export of the case: checked, and recorded as-is (nothing about the case changes). */
export function planExport(exported: CaseExport, actor: string): EventDraft {
  const after = parse(CaseExport, exported, 'cannot record the export');
  parse(Case.shape.createdBy, actor, 'cannot record the export');
  return { action: 'exported', after };
}

export function checkKind(kind: string): EvidenceKind {
  if (kind === 'item' || kind === 'story' || kind === 'detection') return kind;
  throw new OgohError('INPUT_FIELD', `"${kind}" is not an evidence kind`, {
    field: 'kind',
    hint: 'item, story or detection',
  });
}

export function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.floor(limit ?? DEFAULT_CASE_PAGE), 1), MAX_CASE_PAGE);
}

/** Cursors are the list order key (the seq of the case's last event), opaque to callers. */
export const encodeCaseCursor = (seq: number) => Buffer.from(`c${seq}`, 'utf8').toString('base64url');

export function decodeCaseCursor(cursor: string): number {
  const m = /^c(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || encodeCaseCursor(Number(m[1])) !== cursor)
    throw new OgohError('USAGE', 'the cases page cursor is not one this store handed out', {
      field: 'cursor',
      hint: 'start again without a cursor',
    });
  return Number(m[1]);
}

/** Event before/after values are stored as JSON text; absent stays absent. */
export function jsonOrNull(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}
