/**
 * How the writer feeds the full-text index (migration 8): one FTS5 segment per batch rather than
 * one per item, stores indexed by the old insert trigger keep working after the upgrade, and terms
 * split off the writing thread (WriteBatch.indexTerms) give the dictionary the writer would build.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Item, Store } from '@ogoh/core';
import Database from 'better-sqlite3';
import * as f from '../factories.ts';
import { APPLICATION_ID } from './db.ts';
import { openSqliteStore } from './index.ts';
import { FTS_TOKENIZE, LATEST_VERSION, MIGRATIONS } from './migrations.ts';
import { indexTermsOf } from './terms.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-index-writes-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `s${++n}.db`);

const TEXTS = [
  'Ҳукумати Тоҷикистон қарор қабул кард',
  'Хукумати Точикистон карор кабул кард',
  'Правительство объявило о новых мерах 2026 года',
  'O‘zbekiston hukumati yangi qaror qabul qildi',
  'دولت تاجیکستان تصمیم\u200cگیری کرد',
  'Uzbek Cyrillic: Ўзбекистон ҳукумати',
  'e\u0301cole café naïve co-operation',
  'numbers 12,5 % and 3.14; emails a.b@c.example',
];

function items(sourceId: string, count: number, offset = 0): Item[] {
  return Array.from({ length: count }, (_, i) => {
    const text = `${TEXTS[(i + offset) % TEXTS.length]} ${i + offset} слово${(i + offset) % 50}`;
    return f.item({
      sourceId,
      text,
      foldText: f.foldKey(text),
      published: new Date(Date.UTC(2026, 2, 1) + (i + offset) * 60_000).toISOString(),
    });
  });
}

async function withSource(path: string): Promise<{ store: Store; sourceId: string }> {
  const store = await openSqliteStore(path);
  const src = f.source();
  await store.putSource(src);
  return { store, sourceId: src.id };
}

function raw(path: string): Database.Database {
  return new Database(path);
}

function segments(db: Database.Database): number {
  return db.prepare('SELECT count(DISTINCT segid) FROM items_fts_idx').pluck().get() as number;
}

function vocabulary(db: Database.Database): string[] {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, items_fts, 'row')");
  return db
    .prepare("SELECT term FROM temp.v WHERE term NOT GLOB 'x[ls]*' ORDER BY term")
    .pluck()
    .all() as string[];
}

describe('full-text index writes', () => {
  test('a batch becomes one FTS5 segment, not one per item', async () => {
    const path = fresh();
    const { store, sourceId } = await withSource(path);
    await store.writeBatch({ items: items(sourceId, 1500) });
    await store.close();
    const db = raw(path);
    db.prepare("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)").run();
    // With an insert trigger every row opened a savepoint that flushed a segment (hundreds, merged
    // down to a handful by automerge); written by the writer the batch is flushed once at commit.
    assert.equal(segments(db), 1);
    db.close();
  });

  test('a store indexed by the old insert trigger upgrades, keeps its items searchable and indexes new ones once', async () => {
    // A store written before the migration that dropped migration 1's insert trigger.
    const path = fresh();
    const dropped = MIGRATIONS.find((m) => m.sql.includes('DROP TRIGGER items_fts_insert'))!.version;
    const db = raw(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS.filter((m) => m.version < dropped)) db.exec(m.sql);
    db.pragma(`user_version = ${dropped - 1}`);
    const src = f.source();
    const sourceId = src.id;
    db.prepare(
      `INSERT INTO sources (id, name, platform, languages, affiliation, tags, created_at)
       VALUES (@id, @name, @platform, '[]', 'unknown', '[]', @createdAt)`,
    ).run(src);
    const old = f.item({ sourceId, text: 'Ҳукумати Тоҷикистон', foldText: f.foldKey('Ҳукумати Тоҷикистон') });
    db.prepare(
      `INSERT INTO items (sort_key, seq, id, source_id, text, lang, lang_confidence, collected_at, content_hash,
         fold_text, links, media, format, payload_id, raw)
       VALUES (1, 1, @id, @sourceId, @text, 'tg', 0.9, @collectedAt, @contentHash, @foldText, '[]', '[]', 'rss', 'pl_x', '')`,
    ).run(old);
    db.exec("INSERT INTO fts_terms (term) VALUES ('хукумати'), ('точикистон')");
    db.close();

    const upgraded = await openSqliteStore(path);
    assert.equal(await upgraded.schemaVersion(), LATEST_VERSION);
    const added = items(sourceId, 40);
    await upgraded.writeBatch({ items: added });
    const found = await upgraded.queryItems({ terms: ['хукумати'], limit: 100 });
    assert.ok(
      found.items.some((i) => i.id === old.id),
      'the item indexed by the trigger is still found',
    );
    const expected = added.filter((i) => /(^|\P{L})хукумати/u.test(i.foldText)).length;
    assert.ok(expected > 0);
    assert.equal(found.items.length, 1 + expected, 'each new item is found once');
    await upgraded.close();

    const after = raw(path);
    assert.equal(
      after.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'items_fts_insert'").pluck().get(),
      0,
    );
    after.prepare("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)").run();
    after.close();
  });

  test('terms split off the writing thread fill the dictionary exactly as the writer would', async () => {
    const a = fresh();
    const b = fresh();
    const batch = (sourceId: string) => items(sourceId, 200);
    const s1 = await withSource(a);
    const s2 = await withSource(b);
    // Same source id in both stores, so the batches are equal.
    await s2.store.putSource({ ...f.source(), id: s1.sourceId });
    const written = batch(s1.sourceId);
    await s1.store.writeBatch({ items: written });
    await s2.store.writeBatch({ items: written, indexTerms: indexTermsOf(written.map((i) => i.foldText)) });
    assert.deepEqual(
      await s2.store.queryItems({ terms: ['хукум'], limit: 100 }),
      await s1.store.queryItems({ terms: ['хукум'], limit: 100 }),
    );
    await s1.store.close();
    await s2.store.close();
    const d1 = raw(a);
    const d2 = raw(b);
    const terms = (d: Database.Database) =>
      d.prepare('SELECT term FROM fts_terms ORDER BY term').pluck().all();
    assert.deepEqual(terms(d2), terms(d1));
    // …and the dictionary is the index's own vocabulary (language and source tokens aside).
    assert.deepEqual(terms(d1), vocabulary(d1));
    d1.close();
    d2.close();
  });

  test('terms split by another tokenizer are ignored: the writer splits the texts itself', async () => {
    const path = fresh();
    const { store, sourceId } = await withSource(path);
    const written = items(sourceId, 30, 3);
    assert.equal(indexTermsOf([]).tokenizer, FTS_TOKENIZE);
    await store.writeBatch({ items: written, indexTerms: { tokenizer: 'porter ascii', terms: ['bogus'] } });
    await store.close();
    const db = raw(path);
    const terms = db.prepare('SELECT term FROM fts_terms ORDER BY term').pluck().all();
    assert.ok(!terms.includes('bogus'));
    assert.deepEqual(terms, vocabulary(db));
    db.close();
  });
});
