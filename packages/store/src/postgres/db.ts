/**
 * Connection (the `postgres` client, porsager, v3), one schema per store, and PostgreSQL errors →
 * `OgohError`. Every query is our own SQL with `$n` parameters (`unsafe` only means "not a tagged
 * template": values are always bound, never spliced).
 */
import { OgohError } from '@ogoh/core';

type OgohErrorInit = NonNullable<ConstructorParameters<typeof OgohError>[2]>;

import postgres from 'postgres';

/** Anything that runs a query: the pool or a transaction. */
export type Ex = Pick<postgres.Sql, 'unsafe'>;
export type Row = Record<string, unknown>;

export interface Db {
  readonly sql: postgres.Sql;
  /** the URL without its password, for messages */
  readonly location: string;
  readonly schema: string;
}

/** Schema names are spliced into SQL, so only plain identifiers are accepted. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

export function openDb(url: string, schema: string): Db {
  const location = redact(url);
  if (!SCHEMA_NAME.test(schema)) {
    throw new OgohError('USAGE', `"${schema}" is not a usable PostgreSQL schema name`, {
      field: 'schema',
      hint: 'use lower-case letters, digits and _ (e.g. ogoh)',
    });
  }
  const sql = postgres(url, {
    max: 4,
    connect_timeout: 10,
    idle_timeout: 30,
    onnotice: () => {},
    connection: { application_name: 'ogoh', search_path: schema },
  });
  return { sql, location, schema };
}

/** A PostgreSQL failure as a coded error naming the store and, when PG says which, the field. */
export function pgError(e: unknown, what: string, location: string, init: OgohErrorInit = {}): OgohError {
  if (e instanceof OgohError) return e;
  const err = e as { code?: string; message?: string; column_name?: string; detail?: string };
  const message = err?.message ?? String(e);
  const code = err?.code ?? '';
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'CONNECT_TIMEOUT', 'ECONNRESET'].includes(code)) {
    return new OgohError('STORE', `${what}: cannot reach PostgreSQL at ${location} (${message})`, {
      file: location,
      cause: e,
      hint: 'check that the server runs and the URL (host, port, database, user) is right',
      ...init,
    });
  }
  const field =
    init.field ??
    (err?.column_name ? err.column_name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : undefined);
  // "Failing row contains (…)" would echo a whole item (text, raw payload) into the message.
  const detail = err?.detail && !err.detail.startsWith('Failing row') ? ` (${err.detail})` : '';
  return new OgohError('STORE', `${what}: ${message}${detail}`, {
    file: location,
    cause: e,
    ...init,
    ...(field ? { field } : {}),
  });
}

/** Runs `fn` in one transaction; any failure rolls everything back. */
export async function write<T>(db: Db, fn: (tx: Ex) => Promise<T>): Promise<T> {
  return (await db.sql.begin((tx) => fn(tx as unknown as Ex))) as T;
}
