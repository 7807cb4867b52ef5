/**
 * What the SQLite and PostgreSQL claim adapters share: the claim row (the same columns on both
 * stores) mapped to and from records, the change check that keeps the version counter still on
 * unchanged re-imports, page limits and the page cursor.
 */
import { type ClaimRecord, OgohError } from '@ogoh/core';

export interface ClaimRow {
  id: string;
  text: string;
  rating: string | null;
  org: string | null;
  url: string | null;
  date: string | null;
  lang: string | null;
  claimant: string | null;
  claim_date: string | null;
  title: string | null;
  appearances: string | null;
}

/** The claim columns in `values` order. */
export const FIELDS = [
  'id',
  'text',
  'rating',
  'org',
  'url',
  'date',
  'lang',
  'claimant',
  'claim_date',
  'title',
  'appearances',
];
export const COLUMNS = FIELDS.join(', ');
export const DEFAULT_PAGE = 1000;
export const MAX_PAGE = 10_000;

export function rowToClaim(r: ClaimRow): ClaimRecord {
  const c: ClaimRecord = { id: r.id, text: r.text };
  if (r.rating !== null) c.rating = r.rating;
  if (r.org !== null) c.org = r.org;
  if (r.url !== null) c.url = r.url;
  if (r.date !== null) c.date = r.date;
  if (r.lang !== null) c.lang = r.lang;
  if (r.claimant !== null) c.claimant = r.claimant;
  if (r.claim_date !== null) c.claimDate = r.claim_date;
  if (r.title !== null) c.title = r.title;
  if (r.appearances !== null) c.appearances = JSON.parse(r.appearances) as string[];
  return c;
}

export function values(c: ClaimRecord): (string | null)[] {
  return [
    c.id,
    c.text,
    c.rating ?? null,
    c.org ?? null,
    c.url ?? null,
    c.date ?? null,
    c.lang ?? null,
    c.claimant ?? null,
    c.claimDate ?? null,
    c.title ?? null,
    c.appearances && c.appearances.length > 0 ? JSON.stringify(c.appearances) : null,
  ];
}

export function sameRow(r: ClaimRow, v: (string | null)[]): boolean {
  return FIELDS.every((f, i) => (r as unknown as Record<string, string | null>)[f] === v[i]);
}

export const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (id === '' || encodeCursor(id) !== cursor)
    throw new OgohError('USAGE', 'the claims page cursor is not one this store handed out', {
      field: 'cursor',
      hint: 'start again without a cursor',
    });
  return id;
}
