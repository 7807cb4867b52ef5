/**
 * copyStore: SQLite → SQLite always; SQLite → PostgreSQL → SQLite when OGOH_TEST_PG names a server.
 * A seeded store (items with signatures and detections, users and audit, claims, a case with
 * ordered evidence, append-only feedback, an alert rule, a job) is copied, verified by the copy's
 * own per-table checksums and read back through the Store port; an empty-target check, --force,
 * a crash and resume, a source changed between runs, and a never-written source are tested.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { openAuthStore } from '../auth-and-volume.ts';
import * as f from '../factories.ts';
import { openStore } from '../index.ts';
import { openClaimStore } from '../openers.ts';
import { type CopyReport, copyStore, coveredTables } from './copy.ts';
import { TABLES } from './tables.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-copy-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = () => join(dir, `s${++files}.db`);

/** A store holding a row in most tables, including booleans, blobs, seqs and per-case order. */
async function seed(path: string): Promise<string[]> {
  const store = await openStore(path);
  const src = f.source({ id: 'src-test' });
  await store.putSource(src);
  const dated = [0, 1, 2].map((n) =>
    f.item({
      text: `Ҳукумат барномаи нави энергетикаро тасдиқ кард ${n}`,
      published: '2026-11-02T08:30:00Z',
    }),
  );
  const undated = f.item({ text: 'Паёми бе сана' });
  const items = [...dated, undated];
  await store.writeBatch({ items, payloads: [f.payload()], accounts: [f.account()] });
  await store.putSignatures(
    items.map((it, k) => ({
      itemId: it.id,
      signature: new Uint32Array([k, 7, 9]),
      bands: [`b${k % 2}`, 'c'],
    })),
  );
  await store.replaceDetections(
    [items[0]!.id],
    [f.detection({ itemId: items[0]!.id }), f.detection({ itemId: items[0]!.id, label: 'N-2' })],
  );
  await store.markAnalysed([items[0]!.id], '2026-11-03T00:00:00Z');
  await store.close();
  const auth = await openAuthStore(path);
  await auth.addUser({
    id: 'u1',
    username: 'dilnoza',
    role: 'analyst',
    passwordHash: 'scrypt$1$1$1$a$b',
    disabled: true,
    createdAt: '2026-11-01T00:00:00Z',
  });
  await auth.audit({ at: '2026-11-01T00:00:00Z', event: 'login', actor: 'dilnoza', detail: { ok: true } });
  await auth.close();
  const claims = await openClaimStore(path);
  await claims.upsertClaims(
    [{ id: 'fc-1', text: 'Роғун барқро ба Афғонистон мефурӯшад', rating: 'Ложь' }],
    '2026-11-01T00:00:00Z',
  );
  await claims.close();
  // Rows of the remaining ports, written as their adapters write them.
  const db = new Database(path);
  db.exec(`
    INSERT INTO cases VALUES ('c1', 'Роғун', '', 'open', NULL, 'amber', 'cli', 't0', 't1', 3);
    INSERT INTO case_evidence VALUES ('c1', 'story', 'zz', NULL, 'first', 'cli', 't1');
    INSERT INTO case_evidence VALUES ('c1', 'item', 'aa', 'aa', NULL, 'cli', 't2');
    INSERT INTO case_events (seq, case_id, at, actor, action, before, after) VALUES (3, 'c1', 't2', 'cli', 'evidence', NULL, '{}');
    INSERT INTO feedback (seq, id, detection_id, item_id, label, kind, verdict, new_label, actor, reason, at)
      VALUES (5, 'fb1', 'd', 'i', 'N', 'narrative', 'relabel', 'N-2', 'cli', NULL, 't');
    INSERT INTO feedback_latest VALUES ('d', 5, 'relabel');
    INSERT INTO alert_rules (seq, id, name, kind, params, target_url, secret, enabled, max_attempts, allow_private, created_by, created_at)
      VALUES (2, 'r1', 'spikes', 'spike', '{}', 'https://hooks.example/x', 's', 1, 5, 0, 'cli', 't');
    INSERT INTO jobs (seq, id, kind, payload, status, attempts, max_attempts, lane, idempotency_key, created_by,
      locked_by, locked_until_ms, progress, created_at, updated_at)
      VALUES (9, 'j1', 'analyze', '{}', 'running', 1, 2, 'analyze', 'k', 'cli', 'w1', 1790000000123, '{}', 't', 't');
    INSERT INTO media VALUES ('ab', NULL, NULL, 'image/png', 3, 1, 1, NULL, NULL, '[]', 0, 't', x'00ff10');
    UPDATE claims_version SET version = 4;
  `);
  db.close();
  return items.map((it) => it.id);
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function assertAllMatch(r: CopyReport): void {
  const bad = r.tables.filter((t) => !t.ok);
  assert.deepEqual(bad, [], 'every table matches');
  assert.equal(r.ok, true);
  assert.equal(r.tables.length, TABLES.length);
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(isOgohError(e), String(e));
    return e.code;
  }
  assert.fail('expected a coded error');
}

describe('copyStore (SQLite to SQLite)', () => {
  test('every table of the schema is copied or excluded with a reason', async () => {
    const path = file();
    await (await openStore(path)).close();
    const db = new Database(path, { readonly: true });
    const names = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'items_fts_%'",
      )
      .pluck()
      .all() as string[];
    db.close();
    const known = coveredTables();
    assert.deepEqual(
      names.filter((n) => !known.has(n)),
      [],
      'a new table needs a place in copy/tables.ts',
    );
  });

  test('copies every table, verified, and the copy answers through the port like the source', async () => {
    const from = file();
    const ids = await seed(from);
    const before = sha(from);
    const to = file();
    const r = await copyStore(from, to);
    assertAllMatch(r);
    assert.equal(r.items, 4);
    assert.equal(sha(from), before, 'the source file is unchanged');
    const rows = Object.fromEntries(r.tables.map((t) => [t.table, t.target.rows]));
    for (const t of [
      'items',
      'item_signatures',
      'item_bands',
      'detections',
      'users',
      'audit_log',
      'claims',
    ]) {
      assert.ok((rows[t] ?? 0) > 0, `${t} has rows`);
    }
    for (const t of ['case_evidence', 'feedback', 'alert_rules', 'jobs', 'media'])
      assert.equal(rows[t], 1 + Number(t === 'case_evidence'));
    const [a, b] = [await openStore(from, { readonly: true }), await openStore(to)];
    try {
      const q = { q: 'хукумат', limit: 10 } as const;
      assert.deepEqual(await b.queryItems(q), await a.queryItems(q), 'full-text search (rebuilt) agrees');
      assert.ok((await b.queryItems(q)).items.length >= 3);
      assert.deepEqual(await b.queryItems({ limit: 10 }), await a.queryItems({ limit: 10 }), 'same order');
      assert.deepEqual(await b.getItem(ids[3]!), await a.getItem(ids[3]!));
      assert.deepEqual(await b.stats(), await a.stats());
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const copy = new Database(to, { readonly: true });
    assert.deepEqual(
      copy.prepare("SELECT ref FROM case_evidence WHERE case_id = 'c1' ORDER BY rowid").pluck().all(),
      ['zz', 'aa'],
      'evidence keeps its order',
    );
    copy.close();
  });

  test('a target holding data is refused; --force replaces it', async () => {
    const from = file();
    await seed(from);
    const to = file();
    await seed(to);
    assert.equal(await code(copyStore(from, to)), 'CONFLICT');
    const r = await copyStore(from, to, { force: true });
    assertAllMatch(r);
    assert.equal(r.replaced, true);
    assert.equal(await code(copyStore(from, to)), 'CONFLICT', 'a finished copy is not copied over');
    assert.equal(await code(copyStore(from, from)), 'USAGE');
    assert.equal(await code(copyStore(join(dir, 'missing.db'), file())), 'NOT_FOUND');
  });

  test('a crash mid-copy leaves whole tables; a re-run resumes after them', async () => {
    const from = file();
    await seed(from);
    const to = file();
    const crash = (table: string) => {
      if (table === 'detections') throw new Error('simulated crash');
    };
    await assert.rejects(copyStore(from, to, { beforeTable: crash }), /simulated crash/);
    const other = file();
    await seed(other);
    assert.equal(await code(copyStore(other, to)), 'CONFLICT', 'another source cannot resume it');
    assert.equal(await code(copyStore(to, file())), 'CONFLICT', 'an unfinished copy is no source');
    const r = await copyStore(from, to);
    assertAllMatch(r);
    assert.ok(r.resumed.includes('items') && !r.resumed.includes('detections'), r.resumed.join());
    assert.equal(r.tables.find((t) => t.table === 'items')?.copied, false);
  });

  test('a source changed between an interrupted run and its resumption fails verification', async () => {
    const from = file();
    await seed(from);
    const to = file();
    await assert.rejects(
      copyStore(from, to, {
        beforeTable: (t) => {
          if (t === 'users') throw new Error('crash');
        },
      }),
    );
    const db = new Database(from);
    db.prepare("UPDATE items SET title = 'changed' WHERE rowid = (SELECT min(rowid) FROM items)").run();
    db.close();
    const r = await copyStore(from, to);
    assert.equal(r.ok, false);
    assert.deepEqual(
      r.tables.filter((t) => !t.ok).map((t) => t.table),
      ['items'],
    );
    assert.equal((await copyStore(from, to)).ok, false, 'a re-run verifies again and still differs');
    assertAllMatch(await copyStore(from, to, { force: true }));
  });
});

const url = process.env.OGOH_TEST_PG;
if (!url) {
  test('copyStore between SQLite and PostgreSQL', { skip: 'OGOH_TEST_PG is not set' }, () => {});
} else {
  describe('copyStore (SQLite to PostgreSQL and back)', () => {
    const schema = `copy_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const pg = `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
    after(async () => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    });

    test('the same checksums on all three stores, and the same answers through the port', async () => {
      const from = file();
      const ids = await seed(from);
      const there = await copyStore(from, pg);
      assertAllMatch(there);
      assert.equal(there.toKind, 'postgres');
      const back = file();
      const again = await copyStore(pg, back);
      assertAllMatch(again);
      assert.deepEqual(
        again.tables.map((t) => t.target.checksum),
        there.tables.map((t) => t.source.checksum),
        'SQLite → PostgreSQL → SQLite keeps every table',
      );
      const stores = [await openStore(from, { readonly: true }), await openStore(pg), await openStore(back)];
      try {
        const q = { q: 'хукумат', limit: 10 } as const;
        const [a, b, c] = await Promise.all(stores.map((s) => s.queryItems(q)));
        assert.ok((a?.items.length ?? 0) >= 3);
        assert.deepEqual(b?.items, a?.items);
        assert.deepEqual(c, a);
        const pages = await Promise.all(stores.map((s) => s.queryItems({ limit: 10 })));
        assert.deepEqual(pages[1]?.items, pages[0]?.items, 'same order on PostgreSQL');
        const one = await Promise.all(stores.map((s) => s.getItem(ids[0]!)));
        assert.deepEqual(one[1], one[0]);
        assert.deepEqual(one[2], one[0]);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
      assert.equal(await code(copyStore(from, pg)), 'CONFLICT', 'a finished PostgreSQL target is refused');
      assertAllMatch(await copyStore(back, pg, { force: true }));
    });
  });
}
