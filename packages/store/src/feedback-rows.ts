/**
 * What the SQLite and PostgreSQL feedback adapters share: row ↔ record mapping, page cursors, page
 * limits, and folding a verdict history into training examples (the latest verdict per label wins).
 */
import { type Feedback, type FeedbackExample, OgohError } from '@ogoh/core';

export interface FeedbackRow {
  seq: number | string;
  id: string;
  detection_id: string;
  item_id: string;
  label: string;
  kind: string;
  verdict: string;
  new_label: string | null;
  actor: string;
  reason: string | null;
  at: string;
}

export const FEEDBACK_COLUMNS =
  'seq, id, detection_id, item_id, label, kind, verdict, new_label, actor, reason, at';

export function rowToFeedback(r: FeedbackRow): Feedback {
  const f: Feedback = {
    id: r.id,
    detectionId: r.detection_id,
    itemId: r.item_id,
    label: r.label,
    kind: r.kind as Feedback['kind'],
    verdict: r.verdict as Feedback['verdict'],
    actor: r.actor,
    at: r.at,
  };
  if (r.new_label !== null) f.newLabel = r.new_label;
  if (r.reason !== null) f.reason = r.reason;
  return f;
}

export function feedbackValues(f: Feedback): (string | null)[] {
  return [
    f.id,
    f.detectionId,
    f.itemId,
    f.label,
    f.kind,
    f.verdict,
    f.newLabel ?? null,
    f.actor,
    f.reason ?? null,
    f.at,
  ];
}

export function pageLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isFinite(limit) || limit < 1)
    throw new OgohError('USAGE', `limit must be a positive number, got ${limit}`, { field: 'limit' });
  return Math.min(Math.floor(limit), max);
}

/** Cursors are the last row's sort key as base64url JSON; anything else is refused, naming the field. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (
    !Array.isArray(key) ||
    key.length !== shape.length ||
    key.some((v, i) => typeof v !== shape[i]) ||
    encodeCursor(key) !== cursor
  )
    throw new OgohError('USAGE', 'the page cursor is not one this store handed out', {
      field: 'cursor',
      hint: 'start again without a cursor',
    });
  return key as (string | number)[];
}

/**
 * Folds verdicts (oldest first) into per-item examples: accept makes the label positive, reject
 * negative, relabel makes the old label negative and the new one positive; a later verdict on the
 * same label overrides an earlier one. Items whose text is gone are skipped.
 */
export function foldExamples(
  history: readonly Feedback[],
  items: ReadonlyMap<string, { text: string; lang: string }>,
  kind: 'narrative' | 'technique',
): FeedbackExample[] {
  const state = new Map<string, Map<string, boolean>>();
  for (const f of history) {
    if (f.kind !== kind) continue;
    let labels = state.get(f.itemId);
    if (!labels) {
      labels = new Map();
      state.set(f.itemId, labels);
    }
    if (f.verdict === 'accept') labels.set(f.label, true);
    else if (f.verdict === 'reject') labels.set(f.label, false);
    else {
      labels.set(f.label, false);
      if (f.newLabel !== undefined) labels.set(f.newLabel, true);
    }
  }
  const out: FeedbackExample[] = [];
  for (const [itemId, labels] of state) {
    const item = items.get(itemId);
    if (!item) continue;
    const positive = [...labels].filter(([, v]) => v).map(([k]) => k);
    const negative = [...labels].filter(([, v]) => !v).map(([k]) => k);
    out.push({ itemId, text: item.text, lang: item.lang, kind, positive, negative });
  }
  return out.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
}

/** The text detection ran on: title and body, as the analyse stage joins them. */
export function detectedText(title: string | null, text: string): string {
  return title ? `${title}\n\n${text}` : text;
}
