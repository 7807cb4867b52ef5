/**
 * The CaseStore contract on PostgreSQL, when OGOH_TEST_PG names a server (scripts/pg-start.sh);
 * every store key gets a fresh schema of its own, dropped after the suite.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import postgres from 'postgres';
import { openCaseStore } from '../cases.ts';
import { caseStoreContract } from '../cases-contract.ts';

const url = process.env.OGOH_TEST_PG;

test('openCaseStore refuses a location it cannot use, naming --db', async () => {
  for (const bad of ['', 'mysql://x/y', 'postgres://[bad']) {
    await assert.rejects(openCaseStore(bad), (e) => isOgohError(e) && e.code === 'USAGE' && e.field === 'db');
  }
});

if (!url) {
  test('PostgreSQL CaseStore contract', {
    skip: 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)',
  }, () => {});
} else {
  const prefix = `c${process.pid}_${Date.now().toString(36)}`;
  const schemas = new Set<string>();
  const sep = url.includes('?') ? '&' : '?';
  caseStoreContract(
    'postgres',
    (key) => {
      const schema = `${prefix}_${key}`;
      schemas.add(schema);
      return openCaseStore(`${url}${sep}schema=${schema}`);
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
