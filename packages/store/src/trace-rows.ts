/**
 * What the SQLite and PostgreSQL trace adapters share: the rows of item anchors, near-duplicate
 * candidates, story links and alerts (the same columns on both stores) and their mapping to the
 * TraceStore records, so a column added on one store cannot be forgotten on the other. How the rows
 * are keyed and ordered (SQLite by sort key, PostgreSQL by item id) stays with each adapter.
 */
import type { Alert, AlertKind, AnchorRow, CandidateRow, SeriesBy, StoryLink } from '@ogoh/core';
import { decodeSignature } from './sqlite/rows.ts';

export interface AnchorDbRow {
  id: string;
  story_id: string | null;
  source_id: string;
  published: string | null;
  lang: string;
  keys: string;
}

export function toAnchorRow(r: AnchorDbRow): AnchorRow {
  return {
    itemId: r.id,
    storyId: r.story_id ?? undefined,
    lang: r.lang,
    sourceId: r.source_id,
    published: r.published ?? undefined,
    keys: JSON.parse(r.keys) as string[],
  };
}

export interface CandidateDbRow {
  id: string;
  story_id: string | null;
  signature: Uint8Array | null;
  content_hash: string;
  published: string | null;
  source_id: string;
}

/** The candidate columns of `items i` joined with its signature `s`. */
export const CANDIDATE_COLUMNS = 'i.id, i.story_id, s.signature, i.content_hash, i.published, i.source_id';

export function toCandidate(r: CandidateDbRow): CandidateRow {
  return {
    itemId: r.id,
    storyId: r.story_id ?? undefined,
    signature: decodeSignature(r.signature),
    contentHash: r.content_hash,
    published: r.published ?? undefined,
    sourceId: r.source_id,
  };
}

export interface LinkDbRow {
  item_id: string;
  to_item_id: string;
  kind: StoryLink['kind'];
  score: number;
  reasons: string;
  created_at: string;
}

export const LINK_COLUMNS = 'l.item_id, l.to_item_id, l.kind, l.score, l.reasons, l.created_at';

export function toStoryLink(r: LinkDbRow, storyId: string): StoryLink {
  return {
    itemId: r.item_id,
    toItemId: r.to_item_id,
    kind: r.kind,
    score: r.score,
    reasons: JSON.parse(r.reasons) as StoryLink['reasons'],
    createdAt: r.created_at,
    storyId,
  };
}

export interface AlertDbRow {
  id: string;
  kind: string;
  by_dim: string | null;
  key: string;
  day: string;
  value: number;
  baseline: number;
  score: number;
  item_ids: string;
  detail: string;
  created_at: string;
}

export const ALERT_COLUMNS =
  'id, kind, by_dim, key, day, value, baseline, score, item_ids, detail, created_at';

export function toAlert(r: AlertDbRow): Alert {
  const a: Alert = {
    id: r.id,
    kind: r.kind as AlertKind,
    key: r.key,
    day: r.day,
    value: r.value,
    baseline: r.baseline,
    score: r.score,
    itemIds: JSON.parse(r.item_ids) as string[],
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    createdAt: r.created_at,
  };
  if (r.by_dim !== null) a.by = r.by_dim as SeriesBy;
  return a;
}
