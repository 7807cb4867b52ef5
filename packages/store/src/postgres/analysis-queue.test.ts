/**
 * The analysis queue on PostgreSQL without a writers' table lock: a batch that takes its
 * collection positions first but commits after a later batch was analysed is still analysed, once.
 * Runs when OGOH_TEST_PG names a server.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import postgres from 'postgres';
import * as f from '../factories.ts';
import { openPostgresStore } from './index.ts';

const url = process.env.OGOH_TEST_PG;

if (!url) {
  test('PostgreSQL analysis queue', {
    skip: 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)',
  }, () => {});
} else {
  const schema = `q${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(url, { max: 2, onnotice: () => {} });
  after(async () => {
    await admin.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await admin.end({ timeout: 5 });
  });

  test('a batch committing after a later batch was analysed is analysed too, once', async () => {
    const a = await openPostgresStore(url, { schema });
    const b = await openPostgresStore(url, { schema });
    // another connection holds the "late" source's row, so a batch citing it takes its positions
    // (seq) and then waits for that row at the foreign-key check, before it can commit
    const hold = await admin.reserve();
    try {
      await a.putSource(f.source({ id: 'src-test' }));
      await a.putSource(f.source({ id: 'src-late' }));
      await hold.unsafe('BEGIN');
      await hold.unsafe(`SELECT id FROM "${schema}".sources WHERE id = 'src-late' FOR UPDATE`);
      const lateItems = Array.from({ length: 3 }, () => f.item({ sourceId: 'src-late' }));
      const late = a.writeBatch({ items: lateItems });
      await waitForLockWait(admin);
      // a later batch commits meanwhile: with no table lock it need not wait
      const early = Array.from({ length: 5 }, () => f.item());
      const written = await withTimeout(b.writeBatch({ items: early }), 10_000, 'the later batch waited');
      assert.equal(written.new, 5);

      const seen: string[] = [];
      let released = false;
      for await (const page of b.itemsToAnalyse({ batchSize: 2 })) {
        seen.push(...page.map((i) => i.id));
        await b.markAnalysed(
          page.map((i) => i.id),
          '2026-11-27T00:00:00Z',
        );
        if (!released) {
          released = true;
          await hold.unsafe('COMMIT');
          assert.equal((await late).new, 3);
        }
      }
      const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
      // each item once; the early batch in its order. The late batch took its positions before the
      // early batch (then waited), so the keyset pass had passed them: they are found after it.
      assert.equal(seen.length, 8);
      assert.deepEqual([...seen].sort(), [...ids(early), ...ids(lateItems)].sort());
      assert.deepEqual(
        seen.filter((id) => ids(early).includes(id)),
        ids(early),
      );
      assert.deepEqual(seen.slice(5), ids(lateItems));
      for await (const page of b.itemsToAnalyse({})) assert.fail(`unexpected page of ${page.length}`);
    } finally {
      await hold.unsafe('ROLLBACK').catch(() => {});
      hold.release();
      await a.close();
      await b.close();
    }
  });

  test('a reader that does not mark its pages still gets each item once', async () => {
    const s = await openPostgresStore(url, { schema });
    try {
      const before = new Set<string>();
      for await (const page of s.itemsToAnalyse({})) for (const i of page) before.add(i.id);
      const items = Array.from({ length: 7 }, () => f.item());
      await s.writeBatch({ items });
      const seen: string[] = [];
      for await (const page of s.itemsToAnalyse({ batchSize: 3 })) seen.push(...page.map((i) => i.id));
      assert.deepEqual(
        seen,
        items.map((i) => i.id),
      );
      assert.equal(before.size, 0);
    } finally {
      await s.close();
    }
  });
}

/** Until some backend of this database waits on a lock (the held source row). */
async function waitForLockWait(sql: postgres.Sql): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const rows = await sql.unsafe(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
         AND query LIKE 'INSERT INTO items%'`,
    );
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the late batch never waited on the held row');
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} over ${ms} ms`)), ms);
    }),
  ]);
}
