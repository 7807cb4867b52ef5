/**
 * The store contract on PostgreSQL. Runs when OGOH_TEST_PG names a server (CI starts one with
 * scripts/pg-start.sh); each store gets a fresh schema, dropped after the suite.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type Item, isOgohError } from '@ogoh/core';
import postgres from 'postgres';
import { storeContract } from '../contract.ts';
import * as f from '../factories.ts';
import { openStore } from '../index.ts';
import { openPostgresStore } from './index.ts';

const url = process.env.OGOH_TEST_PG;

if (!url) {
  test('PostgreSQL store contract', {
    skip: 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)',
  }, () => {});
} else {
  const prefix = `t${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  const fresh = (): string => {
    const name = `${prefix}_${schemas.length + 1}`;
    schemas.push(name);
    return name;
  };
  const dropAll = async () => {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      for (const s of schemas) await sql.unsafe(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };

  storeContract('postgres', () => openPostgresStore(url, { schema: fresh() }), dropAll);

  describe('postgres adapter', () => {
    after(dropAll);

    test('openStore picks PostgreSQL for a postgres:// URL', async () => {
      const schema = fresh();
      const sep = url.includes('?') ? '&' : '?';
      const store = await openStore(`${url}${sep}schema=${schema}`);
      try {
        assert.equal(store.kind, 'postgres');
      } finally {
        await store.close();
      }
    });

    test('reopening keeps the data and the schema version', async () => {
      const schema = fresh();
      const a = await openPostgresStore(url, { schema });
      await a.putSource({
        id: 's',
        name: 'S',
        platform: 'rss',
        languages: [],
        affiliation: 'unknown',
        tags: [],
        createdAt: '2026-01-01T00:00:00Z',
      });
      const v = await a.schemaVersion();
      await a.close();
      const b = await openPostgresStore(url, { schema });
      try {
        assert.equal(await b.schemaVersion(), v);
        assert.equal((await b.getSource('s'))?.name, 'S');
      } finally {
        await b.close();
      }
    });

    test('a newer schema is refused with STORE_VERSION; foreign tables with STORE', async () => {
      const newer = fresh();
      const s = await openPostgresStore(url, { schema: newer });
      await s.close();
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      const foreign = fresh();
      try {
        await sql.unsafe(`UPDATE "${newer}".ogoh_meta SET value = '999' WHERE key = 'schema_version'`);
        await sql.unsafe(`CREATE SCHEMA "${foreign}"; CREATE TABLE "${foreign}".other (x int)`);
      } finally {
        await sql.end({ timeout: 5 });
      }
      await assert.rejects(openPostgresStore(url, { schema: newer }), (e) => {
        assert.ok(isOgohError(e));
        assert.equal(e.code, 'STORE_VERSION');
        assert.match(e.message, /schema 999/);
        return true;
      });
      await assert.rejects(openPostgresStore(url, { schema: foreign }), (e) => {
        assert.ok(isOgohError(e));
        assert.equal(e.code, 'STORE');
        assert.match(e.message, /not an Ogoh store/);
        return true;
      });
    });

    test('a NOT NULL failure names the record and the field, without echoing the row', async () => {
      const store = await openPostgresStore(url, { schema: fresh() });
      try {
        await store.putSource(f.source({ id: 'src-test' }));
        const bad = { ...f.item({ text: 'секретный текст' }), lang: undefined } as unknown as Item;
        await assert.rejects(store.writeBatch({ items: [f.item(), bad] }), (e) => {
          assert.ok(isOgohError(e));
          assert.equal(e.code, 'STORE');
          assert.equal(e.field, 'lang');
          assert.match(e.message, /items\[1\]/);
          assert.doesNotMatch(e.message, /секретный/);
          return true;
        });
      } finally {
        await store.close();
      }
    });

    test('two connections writing at once: every item stored once, the queue sees each once', async () => {
      const schema = fresh();
      const a = await openPostgresStore(url, { schema });
      const b = await openPostgresStore(url, { schema });
      try {
        await a.putSource(f.source({ id: 'src-test' }));
        const batches = Array.from({ length: 8 }, () => Array.from({ length: 50 }, () => f.item()));
        const shared = batches[0]!;
        const results = await Promise.all(
          batches.map((items, i) =>
            (i % 2 ? a : b).writeBatch({ items: i === 1 ? [...items, ...shared] : items }),
          ),
        );
        assert.equal(
          results.reduce((n, r) => n + r.new, 0),
          400,
        );
        const seen: string[] = [];
        for await (const page of b.itemsToAnalyse({ batchSize: 64 })) seen.push(...page.map((it) => it.id));
        assert.equal(seen.length, 400);
        assert.equal(new Set(seen).size, 400);
        assert.equal((await a.stats()).items, 400);
      } finally {
        await a.close();
        await b.close();
      }
    });

    test('an unreachable server is a STORE error naming the URL without its password', async () => {
      await assert.rejects(
        openPostgresStore('postgres://u:secret@127.0.0.1:1/none', { schema: fresh() }),
        (e) => {
          assert.ok(isOgohError(e));
          assert.equal(e.code, 'STORE');
          assert.match(e.message, /127\.0\.0\.1:1/);
          assert.doesNotMatch(e.message, /secret/);
          return true;
        },
      );
    });
  });
}
