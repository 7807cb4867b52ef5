/**
 * `ogoh migrate-store` end to end: a CLI session (demo corpus ingested and analysed, a feed, claims,
 * a case from a story with a note, a user, a source) on SQLite; the store migrated to PostgreSQL and
 * from there to a fresh SQLite file; then the same read commands (stats, items and search, stories,
 * a trace, claim matches, the case, users, exports of the story and the case) give the same JSON on
 * all three. Without OGOH_TEST_PG the SQLite → SQLite migration runs alone. Also: usage errors, a
 * non-empty target refused (exit 1, CONFLICT), --force, the models folder copied along.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import postgres from 'postgres';
import { exportDoc, normaliser } from './session-compare.ts';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
const url = process.env.OGOH_TEST_PG;
const dir = mkdtempSync(join(tmpdir(), 'ogoh-migrate-'));
const schema = `mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!url) return;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await sql.end({ timeout: 5 });
  }
});

/** PostgreSQL stores keep models in OGOH_MODELS: one folder per store here, so copies are seen. */
function ogoh(db: string, args: string[], input = '', models = join(dir, 'pg-models')) {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '', OGOH_MODELS: db.startsWith('postgres') ? models : '' },
    timeout: 300_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ахбори Водӣ</title><link>https://vodi-news.example/</link><language>tg</language>
<item><guid>vodi-1</guid><title>Ҳукумат барномаи нави энергетикаро тасдиқ кард</title>
<link>https://vodi-news.example/news/1</link><pubDate>Mon, 02 Nov 2026 08:30:00 +0500</pubDate>
<description>Ҳукумати Ҷумҳурии Тоҷикистон имрӯз дар Душанбе барномаи нави рушди энергетика ва сохтмони нерӯгоҳи Роғунро барои солҳои 2026 то 2030 тасдиқ кард.</description></item>
<item><guid>vodi-2</guid><title>Ҳукумат барномаи нави энергетикаро тасдиқ кард</title>
<link>https://vodi-news.example/news/2</link><pubDate>Tue, 03 Nov 2026 12:00:00 +0500</pubDate>
<description>Ҳукумати Ҷумҳурии Тоҷикистон имрӯз дар Душанбе барномаи нави рушди энергетика ва сохтмони нерӯгоҳи Роғунро барои солҳои 2026 то 2030 тасдиқ кард.</description></item>
</channel></rss>`;

const CLAIMS = `id,claim,rating,url,date,lang,org
fc-rogun,"Рогунская ГЭС продаёт 70 процентов своей электроэнергии в Афганистан, а жители Душанбе сидят без света.",Ложь,https://factcheck.tj/ru/1,2026-03-02,ru,Factcheck.tj
`;

const STARTED = Date.now() - 60_000;
const normalise = normaliser(STARTED);

const source = join(dir, 'source.db');
const stores: Record<string, string> = { sqlite: source };
let storyId = '';
let caseId = '';

function run(db: string, args: string[], input = ''): unknown {
  const r = ogoh(db, args, input);
  assert.equal(r.code, 0, `ogoh ${args.join(' ')} on ${db}\n${r.err}`);
  return args.includes('--json') ? JSON.parse(r.out) : r.out;
}

/** What the source answers, asked once (every copy is compared with it). */
const expected = new Map<string, unknown>();

/** Case commands are asked afresh: exporting a case adds an `exported` event to its audit trail. */
function sourceAnswer(key: string, answer: () => unknown): unknown {
  if (key.includes(caseId)) return answer();
  if (!expected.has(key)) expected.set(key, answer());
  return expected.get(key);
}

/** The same read commands on the source and on `copy`, compared. */
function sameAnswers(copy: string): void {
  const reads: string[][] = [
    ['--json', 'stats'],
    ['--json', 'items', '--limit', '40'],
    ['--json', 'items', '--q', 'хукумат'],
    ['--json', 'stories', '--limit', '50'],
    ['--json', 'trace', storyId],
    ['--json', 'claims', 'match', 'Рогунская ГЭС продаёт электроэнергию в Афганистан', '--k', '2'],
    ['--json', 'cases', 'show', caseId],
    ['--json', 'users', 'list'],
  ];
  for (const args of reads) {
    const want = sourceAnswer(args.join(' '), () => normalise(run(source, args)));
    assert.deepEqual(normalise(run(copy, args)), want, `ogoh ${args.join(' ')} differs`);
  }
  const exports: string[][] = [
    ['jsonl', '--story', storyId],
    ['stix', '--story', storyId],
    ['claimreview', '--story', storyId],
    ['jsonl', '--case', caseId],
  ];
  for (const [format, ...args] of exports) {
    const cmd = ['export', format!, ...args];
    const want = sourceAnswer(cmd.join(' '), () => exportDoc(format!, String(run(source, cmd)), STARTED));
    assert.deepEqual(
      exportDoc(format!, String(run(copy, cmd)), STARTED),
      want,
      `ogoh ${cmd.join(' ')} differs`,
    );
  }
}

interface Report {
  ok: boolean;
  items: number;
  fromKind: string;
  toKind: string;
  tables: {
    table: string;
    ok: boolean;
    source: { rows: number; checksum: string };
    target: { rows: number };
  }[];
  models: { files: number; skipped?: string };
}

function migrate(from: string, to: string, extra: string[] = []): Report {
  const r = ogoh(source, ['--json', 'migrate-store', '--from', from, '--to', to, ...extra]);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as Report;
  assert.equal(report.ok, true);
  assert.deepEqual(
    report.tables.filter((t) => !t.ok),
    [],
  );
  assert.match(r.err, /items\s+\d+\s+\d+\s+[0-9a-f]{32}\s+ok/, 'the counts and checksums are printed');
  return report;
}

describe('ogoh migrate-store', () => {
  test('a session on SQLite', () => {
    run(source, [
      '--json',
      'demo',
      '--no-serve',
      '--items',
      '160',
      '--seed',
      '3',
      '--out',
      join(dir, 'corpus'),
    ]);
    run(source, ['--json', 'analyze', '--all']);
    writeFileSync(join(dir, 'vodi.xml'), RSS);
    run(source, ['--json', 'ingest', join(dir, 'vodi.xml')]);
    run(source, ['--json', 'analyze']);
    writeFileSync(join(dir, 'claims.csv'), CLAIMS);
    run(source, ['--json', 'claims', 'import', join(dir, 'claims.csv')]);
    const stories = run(source, ['--json', 'stories', '--limit', '5']) as { stories?: { id: string }[] };
    storyId = (Array.isArray(stories) ? stories : (stories.stories ?? []))[0]!.id;
    const c = run(source, [
      '--json',
      'cases',
      'create',
      '--title',
      'Роғун',
      '--from-story',
      storyId,
      '--as',
      'cli',
    ]);
    caseId = (c as { id: string }).id;
    run(source, ['--json', 'cases', 'note', caseId, 'Манбаъ тафтиш шуд', '--as', 'cli']);
    run(
      source,
      ['--json', 'users', 'add', '--username', 'dilnoza', '--role', 'analyst', '--password-stdin'],
      'a-long-passphrase-1\n',
    );
    run(source, [
      '--json',
      'sources',
      'add',
      '--id',
      'extra.example',
      '--url',
      'https://extra.example/feed.xml',
    ]);
  });

  test('usage: --to is required; the source and target must differ', () => {
    const r = ogoh(source, ['--json', 'migrate-store']);
    assert.equal(r.code, 2);
    assert.equal((JSON.parse(r.out) as { error: { field: string } }).error.field, '--to');
    assert.equal(ogoh(source, ['migrate-store', '--to', source]).code, 2);
  });

  test('SQLite → SQLite: same answers, models folder along, a second run refused, --force replaces', () => {
    const copy = join(dir, 'copy.db');
    const r = migrate(source, copy);
    assert.equal(r.toKind, 'sqlite');
    assert.ok(r.items > 160);
    sameAnswers(copy);
    const again = ogoh(source, ['--json', 'migrate-store', '--to', copy]);
    assert.equal(again.code, 1);
    assert.equal((JSON.parse(again.out) as { error: { code: string } }).error.code, 'CONFLICT');
    migrate(source, copy, ['--force']);
    assert.equal(
      existsSync(`${copy}.models`),
      existsSync(`${source}.models`),
      'the models folder came along',
    );
  });

  if (!url) {
    test('SQLite → PostgreSQL → SQLite', { skip: 'OGOH_TEST_PG is not set' }, () => {});
    return;
  }

  test('SQLite → PostgreSQL: the same session answers the same', () => {
    stores.postgres = `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
    const r = migrate(source, stores.postgres);
    assert.equal(r.toKind, 'postgres');
    sameAnswers(stores.postgres);
  });

  test('PostgreSQL → a fresh SQLite file: the same again, every checksum equal to the first copy', () => {
    const back = join(dir, 'back.db');
    const there = migrate(source, join(dir, 'again.db'));
    const r = migrate(stores.postgres!, back);
    assert.equal(r.fromKind, 'postgres');
    // exporting the case wrote an audit row and a case event on each store, at its own time
    const written = (t: { table: string }) => !['audit_log', 'case_events'].includes(t.table);
    assert.deepEqual(
      r.tables.filter(written).map((t) => [t.table, t.source.checksum]),
      there.tables.filter(written).map((t) => [t.table, t.source.checksum]),
    );
    sameAnswers(back);
  });
});
