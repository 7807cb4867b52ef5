/**
 * Crash safety: a writer killed with SIGKILL mid-batch leaves a store where every batch is whole or
 * absent, every reported commit survived, and the full-text index and term dictionary agree with
 * the items table.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { openSqliteStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-store-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const BATCH = 300;

test('a writer killed mid-batch leaves whole batches and consistent indexes', {
  timeout: 60_000,
}, async () => {
  const path = join(dir, 'crash.db');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'crash-writer.ts'), path, String(BATCH)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let committed = -1;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    const times: number[] = [];
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      for (const m of buf.matchAll(/committed (\d+)\n/g)) {
        committed = Math.max(committed, Number(m[1]));
        times.push(performance.now());
      }
      buf = buf.slice(buf.lastIndexOf('\n') + 1);
      // Kill half a batch after a commit: the writer is then inside the next batch's transaction.
      if (committed >= 6 && !armed) {
        armed = true;
        const interval = (times.at(-1)! - times[1]!) / Math.max(1, times.length - 2);
        setTimeout(resolve, interval / 2);
      }
    });
    child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
  });
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');

  // Reopening recovers the WAL; the store must answer normally.
  const store = await openSqliteStore(path);
  const stats = await store.stats();
  await store.close();
  assert.equal(stats.items % BATCH, 0, `${stats.items} items is not a whole number of batches`);

  const db = new Database(path);
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    const perBatch = db
      .prepare(
        "SELECT CAST(substr(external_id, 2, instr(external_id, '-') - 2) AS INTEGER) AS b, count(*) AS n FROM items GROUP BY b ORDER BY b",
      )
      .all() as { b: number; n: number }[];
    assert.ok(
      perBatch.length >= committed + 1,
      `${perBatch.length} batches stored, ${committed + 1} reported committed`,
    );
    perBatch.forEach((row, i) => {
      assert.equal(row.b, i, 'batches are stored in order with no gap');
      assert.equal(row.n, BATCH, `batch ${row.b} is whole`);
    });
    // FTS5's own check compares the index with the external content (the items table).
    db.prepare("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)").run();
    assert.equal(
      db
        .prepare('SELECT count(*) FROM items_fts WHERE items_fts MATCH ?')
        .pluck()
        .get('fold_text : "партия"'),
      stats.items,
    );
    db.exec("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, items_fts, 'col')");
    const missing = db
      .prepare(
        "SELECT count(*) FROM temp.v WHERE col = 'fold_text' AND term NOT IN (SELECT term FROM fts_terms)",
      )
      .pluck()
      .get();
    assert.equal(missing, 0, 'every indexed term is in the prefix dictionary');
  } finally {
    db.close();
  }
});
