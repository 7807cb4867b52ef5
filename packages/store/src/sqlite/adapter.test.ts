/**
 * SQLite-only behaviour the contract suite cannot see: migrations and version refusal, foreign
 * files, read-only opens, pragmas, two connections on one file, and query plans.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { isOgohError } from '@ogoh/core';
import Database from 'better-sqlite3';
import * as f from '../factories.ts';
import { openStore } from '../index.ts';
import { cacheKiB, openDb } from './db.ts';
import { openSqliteStore } from './index.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations.ts';
import { rekeyItem } from './rekey.ts';
import { explainQuery } from './search.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-store-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `s${++n}.db`);
const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);

function code(expected: string, match?: RegExp) {
  return (e: unknown) => {
    assert.ok(isOgohError(e), String(e));
    assert.equal(e.code, expected, e.message);
    if (match) assert.match(e.message, match);
    return true;
  };
}

describe('migrations', () => {
  test('versions are strictly increasing from 1', () => {
    MIGRATIONS.forEach((m, i) => {
      assert.equal(m.version, i + 1, m.name);
    });
    assert.equal(LATEST_VERSION, MIGRATIONS.length);
  });

  test('a new file is migrated to the latest version, marked as Ogoh, and reopens with its data', async () => {
    const path = fresh();
    const store = await openSqliteStore(path);
    assert.equal(await store.schemaVersion(), LATEST_VERSION);
    await store.putSource(f.source({ id: 'src-test' }));
    const it = f.item();
    await store.writeBatch({ items: [it] });
    await store.close();
    const raw = new Database(path, { readonly: true });
    assert.equal(raw.pragma('user_version', { simple: true }), LATEST_VERSION);
    assert.equal(raw.pragma('application_id', { simple: true }), 0x4f676f68);
    raw.close();
    const again = await openSqliteStore(path);
    assert.deepEqual(await again.getItem(it.id), it);
    await again.close();
  });

  test('a store written by a newer Ogoh is refused with STORE_VERSION', async () => {
    const path = fresh();
    await (await openSqliteStore(path)).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    await assert.rejects(
      openSqliteStore(path),
      code(
        'STORE_VERSION',
        new RegExp(
          `this store was written by a newer Ogoh \\(schema ${LATEST_VERSION + 1}, this build knows ${LATEST_VERSION}\\); upgrade Ogoh or use another --db`,
        ),
      ),
    );
  });

  test('a file that is not SQLite, or SQLite of another program, is refused naming the path', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'these are not the bytes you are looking for\n'.repeat(200));
    await assert.rejects(openSqliteStore(text), (e) => {
      code('STORE', /is not an SQLite database/)(e);
      assert.ok(isOgohError(e) && e.file === text && e.message.includes(text));
      return true;
    });
    const foreign = join(dir, 'foreign.db');
    const raw = new Database(foreign);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    raw.close();
    await assert.rejects(
      openSqliteStore(foreign),
      code('STORE', /is an SQLite database but not an Ogoh store/),
    );
    const still = new Database(foreign, { readonly: true });
    assert.equal(still.pragma('user_version', { simple: true }), 0, 'the foreign file was left untouched');
    still.close();
  });

  test('read-only opens: a missing file fails, reads work, writes fail', async () => {
    await assert.rejects(openSqliteStore(join(dir, 'missing.db'), { readonly: true }), code('STORE'));
    const path = fresh();
    const w = await openSqliteStore(path);
    await w.putSource(f.source({ id: 'src-test' }));
    const it = f.item();
    await w.writeBatch({ items: [it] });
    const r = await openSqliteStore(path, { readonly: true });
    assert.equal((await r.getItem(it.id))?.id, it.id);
    assert.equal((await r.queryItems({ terms: [it.foldText.split(' ')[0]!] })).items.length, 1);
    await w.assignStories([{ storyId: 'st', itemId: it.id, link: 'first', similarity: 1 }]);
    const word = it.foldText.split(' ')[0]!;
    assert.equal(
      (await r.queryItems({ storyId: 'st', terms: [word] })).items.length,
      1,
      'story search works read-only',
    );
    await assert.rejects(r.writeBatch({ items: [f.item()] }), code('STORE', /read-only/));
    await assert.rejects(r.putSource(f.source()), code('STORE', /read-only/));
    await r.close();
    await w.close();
  });

  test('an old store opened read-only asks for an upgrade', async () => {
    const path = fresh();
    const raw = new Database(path);
    raw.pragma('application_id = 1332178792');
    raw.pragma('user_version = 0');
    raw.exec('CREATE TABLE placeholder (x)');
    raw.close();
    await assert.rejects(openSqliteStore(path, { readonly: true }), code('STORE_VERSION', /needs upgrading/));
  });
});

describe('connection', () => {
  test('WAL, synchronous NORMAL, foreign keys and a busy timeout are on', () => {
    const db = openDb(fresh(), false);
    try {
      assert.equal(db.raw.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.raw.pragma('synchronous', { simple: true }), 1);
      assert.equal(db.raw.pragma('foreign_keys', { simple: true }), 1);
      assert.ok((db.raw.pragma('busy_timeout', { simple: true }) as number) >= 5000);
      assert.equal(db.stmt('SELECT 1'), db.stmt('SELECT 1'), 'statements are cached');
    } finally {
      db.close();
    }
  });

  test('a writer’s page cache grows with the machine’s memory, from 32 MB to 1 GB; readers keep 32 MB', () => {
    const GiB = 1024 ** 3;
    assert.equal(cacheKiB(false, 0.5 * GiB), 32 * 1024, 'the floor');
    assert.equal(cacheKiB(false, 12 * GiB), 512 * 1024, 'a 24th of memory');
    assert.equal(cacheKiB(false, 64 * GiB), 1024 * 1024, 'the cap');
    assert.equal(cacheKiB(true, 64 * GiB), 32 * 1024, 'read-only and in-memory connections');
    const db = openDb(fresh(), false);
    try {
      assert.equal(db.raw.pragma('cache_size', { simple: true }), -cacheKiB(false));
    } finally {
      db.close();
    }
  });

  test('openStore routes paths to SQLite and refuses URLs it cannot serve', async () => {
    const store = await openStore(fresh());
    assert.equal(store.kind, 'sqlite');
    await store.close();
    // postgres:// goes to the PostgreSQL adapter (postgres/postgres.test.ts): nothing listens on port 1.
    await assert.rejects(openStore('postgres://u@127.0.0.1:1/app'), code('STORE', /cannot reach PostgreSQL/));
    await assert.rejects(openStore('mysql://x'), code('USAGE'));
    await assert.rejects(openStore(' '), code('USAGE'));
  });

  test('two stores on one file see each other’s writes', async () => {
    const path = fresh();
    const a = await openSqliteStore(path);
    const b = await openSqliteStore(path);
    await a.putSource(f.source({ id: 'src-test' }));
    const writes: Promise<unknown>[] = [];
    const items = Array.from({ length: 40 }, () => f.item());
    for (let i = 0; i < items.length; i += 4) {
      writes.push((i % 8 === 0 ? a : b).writeBatch({ items: items.slice(i, i + 4) }));
    }
    await Promise.all(writes);
    assert.equal((await a.stats()).items, 40);
    assert.equal((await b.stats()).items, 40);
    await b.markAnalysed([items[0]!.id], '2026-03-01T00:00:00.000Z');
    assert.ok((await a.getItem(items[0]!.id))?.analyzedAt);
    await a.close();
    await b.close();
  });

  test('a writer waits for another process’s write lock instead of failing', async () => {
    const path = fresh();
    const store = await openSqliteStore(path);
    await store.putSource(f.source({ id: 'src-test' }));
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // A worker thread has its own SQLite connection, like another process would.
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const Database = require(workerData.driver);
       const db = new Database(workerData.path);
       db.exec('BEGIN IMMEDIATE');
       db.prepare("UPDATE sources SET name = 'locked' WHERE id = 'src-test'").run();
       parentPort.postMessage('locked');
       setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released'); }, 400);`,
      { eval: true, workerData: { driver, path } },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    const started = performance.now();
    const result = await store.writeBatch({ items: [f.item()] });
    const waited = performance.now() - started;
    assert.deepEqual(result, { new: 1, duplicate: 0 });
    assert.ok(waited >= 200, `write should have waited for the lock (waited ${waited.toFixed(0)} ms)`);
    assert.equal((await store.getSource('src-test'))?.name, 'locked');
    await worker.terminate();
    await store.close();
  });
});

describe('records and plans', () => {
  test('a NOT NULL failure names the field', async () => {
    const store = await openSqliteStore(fresh());
    await store.putSource(f.source({ id: 'src-test' }));
    const bad = { ...f.item(), contentHash: undefined } as unknown as ReturnType<typeof f.item>;
    await assert.rejects(store.writeBatch({ items: [bad] }), (e) => {
      assert.ok(isOgohError(e));
      assert.equal(e.field, 'contentHash');
      assert.match(e.message, /nothing from this batch was stored/);
      return true;
    });
    await store.close();
  });

  test('page queries walk an index in order: no sort over all matches', async () => {
    const path = fresh();
    const store = await openSqliteStore(path);
    await store.putSource(f.source({ id: 'src-test' }));
    const member = f.item({ text: 'Тоҷикистон', published: '2026-01-10T00:00:00Z' });
    await store.writeBatch({ items: [member] });
    await store.assignStories([{ storyId: 'st', itemId: member.id, link: 'first', similarity: 1 }]);
    await store.close();
    const db = openDb(path, false);
    try {
      const cursor = Buffer.from(JSON.stringify({ k: '12345' })).toString('base64url');
      const queries = [
        {},
        { terms: ['точик'] },
        { terms: ['ба', 'хукумат'], lang: 'tg' },
        { terms: ['точик'], since: '2026-01-01', until: '2026-02-01', cursor },
        { lang: 'ru' },
        { sourceId: 'x' },
        { lang: 'ru', sourceId: 'x' },
        { label: 'N-1' },
        { label: 'N-1', lang: 'ru', since: '2026-01-01' },
        { terms: ['точик'], label: 'N-1' },
        { storyId: 'st', terms: ['точик'] },
      ];
      for (const q of queries) {
        const plan = explainQuery(db, q).join(' | ');
        assert.doesNotMatch(plan, /TEMP B-TREE/, `${JSON.stringify(q)}: ${plan}`);
        if (q.storyId) assert.match(plan, /^SEARCH i USING INDEX items_story/, plan);
        else if (q.terms) assert.match(plan, /^SCAN f VIRTUAL TABLE/, plan);
      }
    } finally {
      db.close();
    }
  });

  test('a story too large for the scratch index is searched through the main index', async () => {
    const store = await openSqliteStore(fresh());
    await store.putSource(f.source({ id: 'src-test' }));
    const members = Array.from({ length: 2100 }, (_, i) =>
      f.item({
        text: i % 700 === 0 ? `ахбори махсус ${i}` : `паёми оддӣ ${i}`,
        published: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      }),
    );
    const outsider = f.item({ text: 'ахбори махсус берун', published: '2026-01-01T12:00:00Z' });
    await store.writeBatch({ items: [...members, outsider] });
    await store.assignStories(
      members.map((m) => ({ storyId: 'big', itemId: m.id, link: 'near' as const, similarity: 0.9 })),
    );
    const page = await store.queryItems({ storyId: 'big', terms: ['махс'] });
    assert.deepEqual(
      page.items.map((i) => i.id),
      [members[1400]!, members[700]!, members[0]!].map((m) => m.id),
    );
    await store.close();
  });

  test('rekeyItem moves an item to a new published time with everything keyed by it', async () => {
    const path = fresh();
    let store = await openSqliteStore(path);
    await store.putSource(f.source({ id: 'src-test' }));
    const a = f.item({ text: 'хабари кӯҳна', published: '2026-01-01T00:00:00Z' });
    const b = f.item({ text: 'хабари нав', published: '2026-02-01T00:00:00Z' });
    await store.writeBatch({ items: [a, b] });
    await store.putSignatures([{ itemId: a.id, signature: Uint32Array.of(1, 2), bands: ['b0:x', 'b1:y'] }]);
    await store.replaceDetections([a.id], [f.detection({ itemId: a.id, label: 'N-9' })]);
    await store.assignStories([
      { storyId: 'st', itemId: a.id, link: 'first', similarity: 1 },
      { storyId: 'st', itemId: b.id, link: 'near', similarity: 0.9 },
    ]);
    await store.close();
    const db = openDb(path, false);
    db.write(() => {
      db.stmt('UPDATE items SET published = ? WHERE id = ?').run('2026-03-01T00:00:00Z', a.id);
      rekeyItem(db, a.id, '2026-03-01T00:00:00Z');
    });
    db.close();
    store = await openSqliteStore(path);
    assert.deepEqual(ids((await store.queryItems({})).items), [a.id, b.id]);
    assert.deepEqual(ids((await store.queryItems({ since: '2026-02-15T00:00:00Z' })).items), [a.id]);
    assert.deepEqual(ids((await store.queryItems({ terms: ['кухна'] })).items), [a.id]);
    assert.deepEqual(ids((await store.queryItems({ label: 'N-9' })).items), [a.id]);
    assert.deepEqual(
      (await store.candidatesByBands(['b1:y'])).map((c) => [c.itemId, [...c.signature]]),
      [[a.id, [1, 2]]],
    );
    const story = await store.getStory('st');
    assert.equal(story?.firstItemId, b.id);
    assert.equal(story?.lastSeen, '2026-03-01T00:00:00Z');
    await store.close();
    const raw = new Database(path);
    try {
      assert.deepEqual(raw.pragma('foreign_key_check'), []);
      raw.prepare("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)").run();
    } finally {
      raw.close();
    }
  });

  test('the full-text index and term dictionary stay consistent with the items', async () => {
    const path = fresh();
    const store = await openSqliteStore(path);
    await store.putSource(f.source({ id: 'src-test' }));
    await store.writeBatch({
      items: Array.from({ length: 50 }, (_, i) => f.item({ text: `матн ${i} калимаи${i}` })),
    });
    await assert.rejects(
      store.writeBatch({
        items: [f.item({ text: 'танҳо дар бозгашт' }), { ...f.item(), raw: null } as never],
      }),
    );
    await store.writeBatch({ items: [f.item({ text: 'баъд аз бозгашт' })] });
    await store.close();
    const db = new Database(path);
    try {
      db.prepare("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)").run();
      db.exec("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, items_fts, 'col')");
      const vocab = db.prepare("SELECT term FROM temp.v WHERE col = 'fold_text' ORDER BY term").pluck().all();
      const dict = db.prepare('SELECT term FROM fts_terms ORDER BY term').pluck().all();
      assert.deepEqual(
        dict,
        vocab,
        'the dictionary holds exactly the indexed terms (rolled-back text excluded)',
      );
    } finally {
      db.close();
    }
  });
});
