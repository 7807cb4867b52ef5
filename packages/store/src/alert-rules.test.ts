/**
 * The alert contract on SQLite (always) and PostgreSQL (when OGOH_TEST_PG names a server; each store
 * gets a fresh schema, dropped after the suite), plus what only the opener decides.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import postgres from 'postgres';
import { alertStoreContract } from './alert-rules-contract.ts';
import { openAlertStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-alerts-'));
let n = 0;
alertStoreContract(
  'sqlite',
  async () => {
    const path = join(dir, `${++n}.db`);
    return { alerts: await openAlertStore(path), openTwin: () => openAlertStore(path) };
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);

const url = process.env.OGOH_TEST_PG;
if (!url) {
  test('PostgreSQL alert contract', {
    skip: 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)',
  }, () => {});
} else {
  const prefix = `al${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  alertStoreContract(
    'postgres',
    async () => {
      const schema = `${prefix}_${schemas.length + 1}`;
      schemas.push(schema);
      const u = new URL(url);
      u.searchParams.set('schema', schema);
      return { alerts: await openAlertStore(u.toString()), openTwin: () => openAlertStore(u.toString()) };
    },
    async () => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        for (const s of schemas) await sql.unsafe(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  );
}

test('openAlertStore refuses other URL schemes, an empty location and :memory:, naming --db', async () => {
  for (const location of ['mysql://x@h/db', '  ', ':memory:']) {
    await assert.rejects(
      openAlertStore(location),
      (e) => isOgohError(e) && e.code === 'USAGE' && e.field === 'db',
    );
  }
});
