/**
 * Query rules every adapter shares, so SQLite and PostgreSQL answer the same question the same way:
 * page sizes, cursor encoding, term clean-up and time bounds.
 */
import { OgohError } from '@ogoh/core';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

/** A page size: default 50, capped at 1000; anything but a positive integer is a usage error. */
export function pageLimit(limit: number | undefined, field = 'limit'): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new OgohError('USAGE', `${field} must be a positive integer, got ${String(limit)}`, {
      field,
      hint: `use 1–${MAX_LIMIT}`,
    });
  }
  return Math.min(limit, MAX_LIMIT);
}

/** Opaque cursor: base64url JSON. Opaque to callers; adapters decide what goes inside. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, check: (v: unknown) => v is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!check(value)) {
    throw new OgohError('USAGE', 'the page cursor is not one this store issued', {
      field: 'cursor',
      hint: 'pass the `next` value of the previous page unchanged, or drop it to start over',
    });
  }
  return value;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Cleans query terms: trimmed, lower-cased (terms arrive folded already; this only guards against
 * stray capitals), duplicates dropped. A term without any letter or digit cannot occur in the
 * index, so it is dropped rather than matching nothing.
 */
export function cleanTerms(terms: readonly string[] | undefined): string[] {
  if (!terms) return [];
  const out: string[] = [];
  for (const raw of terms) {
    const t = raw.trim().toLowerCase();
    if (t && WORD_CHAR.test(t) && !out.includes(t)) out.push(t);
  }
  return out;
}

/** Terms of at least this many characters (code points) also match as word prefixes. */
export const PREFIX_MIN_CHARS = 3;

/** Characters the full-text tokenizer keeps inside a word (unicode61: letters, digits, marks, private use). */
const WORD_RUN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/**
 * Splits a term at its last word. A term of several words ("ваксинаи мо", "citizen's") is a
 * phrase; the prefix rule applies to its last word only, so "citizen's" does not turn into every
 * word starting with "s".
 */
export function lastWord(term: string): { head: string; last: string } {
  let last: RegExpExecArray | undefined;
  for (const m of term.matchAll(WORD_RUN)) last = m;
  if (!last) return { head: '', last: '' };
  return { head: term.slice(0, last.index), last: last[0] };
}

/** Whether a term matches as a prefix: its last word has 3+ characters. */
export function isPrefixTerm(term: string): boolean {
  return [...lastWord(term).last].length >= PREFIX_MIN_CHARS;
}

/** Parses an ISO-8601 bound (`since`, `until`) to epoch milliseconds. */
export function parseTime(value: string, field: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new OgohError('USAGE', `${field} is not a date: "${value}"`, {
      field,
      hint: 'use ISO-8601, e.g. 2026-03-01 or 2026-03-01T10:00:00Z',
    });
  }
  return ms;
}
