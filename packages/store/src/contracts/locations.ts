/**
 * Fresh store locations for the port contract suites: SQLite files in a temporary folder, or
 * PostgreSQL schemas (random per suite, so parallel test runs never collide) on the server that
 * OGOH_TEST_PG names, dropped when the suite ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

export interface Locations {
  /** a new, empty store location on every call */
  fresh(): string;
  /** removes everything `fresh` handed out */
  cleanup(): Promise<void>;
}

export function sqliteLocations(prefix: string): Locations {
  const dir = mkdtempSync(join(tmpdir(), `ogoh-${prefix}-`));
  let n = 0;
  return {
    fresh: () => join(dir, `${prefix}-${++n}.db`),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** PostgreSQL locations on `url` (OGOH_TEST_PG), each `?schema=` new. */
export function postgresLocations(url: string, prefix: string): Locations {
  const base = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const schemas: string[] = [];
  const sep = url.includes('?') ? '&' : '?';
  return {
    fresh: () => {
      const schema = `${base}_${schemas.length + 1}`;
      schemas.push(schema);
      return `${url}${sep}schema=${schema}`;
    },
    cleanup: async () => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        for (const s of schemas) await sql.unsafe(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}

/** The skip message for suites that need PostgreSQL when OGOH_TEST_PG is unset. */
export const PG_SKIP = 'OGOH_TEST_PG is not set (eval "$(bash scripts/pg-start.sh)" or CI starts a server)';
