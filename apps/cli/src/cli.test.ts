/**
 * End-to-end: the real `ogoh` binary against a real SQLite store in a temp folder.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;

function ogoh(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const RSS_TG = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ахбори Водӣ</title><link>https://vodi-news.example/</link><language>tg</language>
<item><guid>vodi-1</guid><title>Ҳукумат барномаи нави энергетикаро тасдиқ кард</title>
<link>https://vodi-news.example/news/1?utm_source=tg</link><pubDate>Mon, 02 Nov 2026 08:30:00 +0500</pubDate>
<description>Ҳукумати Ҷумҳурии Тоҷикистон имрӯз дар Душанбе барномаи нави рушди энергетика ва сохтмони нерӯгоҳи Роғунро барои солҳои 2026 то 2030 тасдиқ кард.</description></item>
<item><guid>vodi-2</guid><title>Ҳавои гарм дар водии Ҳисор</title><link>https://vodi-news.example/news/2</link>
<pubDate>Tue, 03 Nov 2026 09:00:00 +0500</pubDate><description>Дар водии Ҳисор ҳарорати ҳаво то бисту панҷ дараҷа гарм мешавад ва борон интизор нест.</description></item>
</channel></rss>`;

const TELEGRAM = JSON.stringify({
  name: 'Хабархои Точик',
  type: 'public_channel',
  id: 777001,
  messages: [
    {
      id: 1,
      type: 'service',
      date: '2026-11-02T09:00:00',
      date_unixtime: '1793610000',
      action: 'pin_message',
    },
    {
      id: 2,
      type: 'message',
      date: '2026-11-02T10:00:00',
      date_unixtime: '1793613600',
      from: 'Хабархои Точик',
      from_id: 'channel777001',
      views: 1200,
      text: [
        'Хукумати Чумхурии Точикистон имруз дар Душанбе барномаи нави рушди энергетика ва сохтмони неругохи Рогунро барои солхои 2026 то 2030 тасдик кард. ',
        { type: 'text_link', text: 'Манбаъ', href: 'https://vodi-news.example/news/1' },
      ],
    },
  ],
});

const CSV = `id;date;link;body;user
c1;2026-11-04 10:00;https://monitor.example/a;"Министр заявил, что цены на муку
не вырастут до конца года";analyst1
c2;2026-11-04 11:00;https://monitor.example/b;;analyst2
`;

let dir: string;
let db: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-cli-'));
  db = join(dir, 'store.db');
  mkdirSync(join(dir, 'in', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'in', 'vodi.xml'), RSS_TG);
  writeFileSync(join(dir, 'in', 'nested', 'result.json'), TELEGRAM);
  writeFileSync(join(dir, 'monitor.csv'), CSV);
  writeFileSync(
    join(dir, 'broken.xml'),
    '<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<item><title>x</title>\n</channel></rss>',
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ogoh CLI', () => {
  test('ingests a directory recursively, refuses a malformed file with its line, keeps the rest', () => {
    const r = ogoh(['--db', db, '--json', 'ingest', join(dir, 'in'), join(dir, 'broken.xml')]);
    assert.equal(r.code, 2, r.err);
    const rep = JSON.parse(r.out);
    assert.equal(rep.new, 3);
    assert.equal(rep.duplicate, 0);
    const bad = rep.errors.find((e: { file: string }) => e.file.endsWith('broken.xml'));
    assert.ok(bad, JSON.stringify(rep.errors));
    assert.equal(typeof bad.line, 'number');
    const s = JSON.parse(ogoh(['--db', db, '--json', 'stats']).out);
    assert.equal(s.items, 3);
  });

  test('re-ingesting the same files changes nothing', () => {
    const r = ogoh(['--db', db, '--json', 'ingest', join(dir, 'in')]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { new: 0, duplicate: 3, rejected: 0, skipped: 1, errors: [] });
  });

  test('CSV with a column map: records without text are rejected with their line', () => {
    const r = ogoh([
      '--db',
      db,
      '--json',
      'ingest',
      join(dir, 'monitor.csv'),
      '--map',
      'text=body,published=date,url=link,author=user',
    ]);
    assert.equal(r.code, 0, r.err);
    const rep = JSON.parse(r.out);
    assert.equal(rep.new, 1);
    assert.equal(rep.rejected, 1);
    assert.equal(rep.errors[0].line, 4);
    const bad = ogoh(['--db', db, 'ingest', join(dir, 'monitor.csv'), '--map', 'txt=body']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--map/);
  });

  test('search finds proper Tajik from a Russian-keyboard query and the other way round', () => {
    const folded = JSON.parse(ogoh(['--db', db, '--json', 'items', '--q', 'неругохи Рогун']).out);
    assert.equal(folded.length, 2, 'both the proper and the keyboard-typed copy');
    const proper = JSON.parse(ogoh(['--db', db, '--json', 'items', '--q', 'Ҳукумати']).out);
    assert.ok(proper.some((i: { source: string }) => i.source.startsWith('tg-')));
    const tg = JSON.parse(ogoh(['--db', db, '--json', 'items', '--lang', 'tg']).out);
    assert.equal(tg.length, 3, 'the keyboard-typed Telegram post is Tajik too');
    const ru = JSON.parse(ogoh(['--db', db, '--json', 'items', '--lang', 'ru']).out);
    assert.equal(ru.length, 1);
    assert.equal(ru[0].url, 'https://monitor.example/a');
  });

  test('analyze groups the keyboard-typed copy with its original into a story', () => {
    const r = ogoh(['--db', db, '--json', 'analyze']);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).analysed, 4);
    const stories = JSON.parse(ogoh(['--db', db, '--json', 'stories']).out);
    assert.equal(stories.length, 1);
    assert.equal(stories[0].size, 2);
    assert.equal(
      JSON.parse(ogoh(['--db', db, '--json', 'analyze']).out).analysed,
      0,
      'nothing left to analyse',
    );
  });

  test('check prints the PRODUCT.md shape, and --jsonl keeps order', () => {
    const one = ogoh(['--json', 'check', 'Хукумати Точикистон дар бораи нархи орд ва нон изхорот дод.']);
    assert.equal(one.code, 0, one.err);
    const r = JSON.parse(one.out);
    assert.equal(r.lang, 'tg');
    assert.deepEqual([r.narratives, r.techniques, r.claims].map(Array.isArray), [true, true, true]);
    const lines = [
      '{"id":"a","text":"The minister said prices will not rise this year."}',
      'not json',
      '{"id":"c","text":"Министр заявил, что цены не вырастут."}',
    ];
    const b = ogoh(['check', '--jsonl'], lines.join('\n'));
    assert.equal(b.code, 2);
    const out = b.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      out.map((o) => o.id),
      ['a', null, 'c'],
    );
    assert.equal(out[0].lang, 'en');
    assert.equal(out[2].lang, 'ru');
  });

  test('bad usage exits 2 and names the flag', () => {
    const r = ogoh(['--db', db, 'items', '--since', 'yesterday-ish']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--since/);
    assert.equal(ogoh(['no-such-command']).code, 2);
  });
});

describe('crash safety', () => {
  test('ingest killed with SIGKILL mid-run, then run again, equals one clean run', async () => {
    const big = join(dir, 'big.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 40000; i++)
      lines.push(
        JSON.stringify({
          id: `n${i}`,
          source: `site${i % 7}.example`,
          date: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
          text: `Сообщение номер ${i}: в городе ${i % 97} прошла встреча жителей по вопросам водоснабжения и ремонта дорог.`,
        }),
      );
    writeFileSync(big, `${lines.join('\n')}\n`);
    const crashed = join(dir, 'crashed.db');
    const clean = join(dir, 'clean.db');
    const child = spawn(process.execPath, [BIN, '--db', crashed, '-q', 'ingest', big], { stdio: 'ignore' });
    // Kill as soon as the first batch is in: a real mid-run crash, whatever the machine's speed. The
    // store is read in this process (read-only, every 10 ms): spawning `ogoh stats` to look took
    // long enough under load for the whole ingest to finish first.
    const deadline = Date.now() + 60_000;
    const committed = (): number => {
      try {
        const db = new Database(crashed, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0; // not created or not migrated yet
      }
    };
    while (committed() === 0) {
      assert.ok(Date.now() < deadline, 'ingest never wrote a batch');
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const partial = JSON.parse(ogoh(['--db', crashed, '--json', 'stats']).out).items;
    assert.ok(partial > 0 && partial < 40000, `the kill should land mid-run (stored ${partial})`);
    assert.equal(ogoh(['--db', crashed, '-q', 'ingest', big]).code, 0);
    assert.equal(ogoh(['--db', clean, '-q', 'ingest', big]).code, 0);
    const a = JSON.parse(ogoh(['--db', crashed, '--json', 'stats']).out);
    const b = JSON.parse(ogoh(['--db', clean, '--json', 'stats']).out);
    assert.equal(a.items, 40000);
    assert.deepEqual({ ...a, payloads: 0 }, { ...b, payloads: 0 });
    const pageA = JSON.parse(ogoh(['--db', crashed, '--json', 'items', '--q', 'номер 39999']).out);
    const pageB = JSON.parse(ogoh(['--db', clean, '--json', 'items', '--q', 'номер 39999']).out);
    assert.deepEqual(
      pageA.map((i: { id: string }) => i.id),
      pageB.map((i: { id: string }) => i.id),
    );
  });
});
