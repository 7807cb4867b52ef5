/**
 * Test helpers: a real store in a temp folder with a small demo corpus, one user per role, an API
 * key per role, and a logged-in cookie + CSRF token per role. Used by the server's tests only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { addUser, createApiKey, loadDemo, type Ogoh, openAuth, openOgoh } from '@ogoh/app';
import { ROLES, type Role } from '@ogoh/core';
import postgres from 'postgres';
import { type Api, createServer, type ServeOptions } from './server.ts';

export interface Fixture {
  dir: string;
  app: Ogoh;
  server: Api;
  password: string;
  keys: Record<Role, string>;
  sessions: Record<Role, { cookie: string; csrf: string }>;
  close(): Promise<void>;
}

export const PASSWORD = 'test-password-123';

/** `db`: a store location to use instead of a new SQLite file (e.g. a fresh PostgreSQL schema). */
export async function fixture(
  options: ServeOptions & { demoItems?: number; webDir?: string | false; db?: string } = {},
): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'ogoh-server-'));
  const { db, ...serve } = options;
  const app = await openOgoh({ db: db ?? join(dir, 'ogoh.db') });
  if (options.demoItems !== 0)
    await loadDemo(app, { dir: join(dir, 'corpus'), items: options.demoItems ?? 200 });
  const auth = await openAuth(app);
  const keys = {} as Record<Role, string>;
  try {
    for (const role of ROLES) {
      await addUser(auth, { username: role, role, password: PASSWORD });
      keys[role] = (await createApiKey(auth, { name: `${role} key`, role })).key;
    }
  } finally {
    await auth.close();
  }
  // Views are awaited fresh unless a test asks otherwise: a cold view thread on a loaded machine
  // could take long enough to be served stale, and most tests read a view right after a change.
  const server = await createServer(app, {
    logger: false,
    webDir: false,
    views: { staleAfterMs: Number.POSITIVE_INFINITY },
    ...serve,
  });
  const sessions = {} as Fixture['sessions'];
  for (const role of ROLES) {
    const res = await server.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: role, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login as ${role} failed: ${res.body}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    sessions[role] = { cookie, csrf: (res.json() as { csrf: string }).csrf };
  }
  return {
    dir,
    app,
    server,
    password: PASSWORD,
    keys,
    sessions,
    async close() {
      await server.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh PostgreSQL schema on OGOH_TEST_PG for a suite that runs on both stores: its location and a
 * cleanup that drops it. Without OGOH_TEST_PG it records a skipped test named `what`, saying how to
 * run it, and returns undefined.
 */
export function freshPgSchema(
  prefix: string,
  what: string,
): { location: () => string; drop: () => Promise<void> } | undefined {
  const url = process.env.OGOH_TEST_PG;
  if (!url) {
    test(what, {
      skip: 'OGOH_TEST_PG is not set (eval "$(bash scripts/pg-start.sh)" or CI starts a server)',
    }, () => {});
    return undefined;
  }
  const schema = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    location: () => `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`,
    async drop() {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}
