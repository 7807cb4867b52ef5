/**
 * The same CLI session on SQLite and on PostgreSQL gives the same answers: the demo corpus is
 * ingested and analysed, then stories, a story's trace, claim matches, coordination, trends, users
 * and sources are read back as JSON from both stores and compared, with only what legitimately
 * differs normalised (wall-clock times, timings, the store's own location). Skips without
 * OGOH_TEST_PG.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import postgres from 'postgres';
import { bundleless, normaliser, nowInText } from './session-compare.ts';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
const url = process.env.OGOH_TEST_PG;
/** A PostgreSQL store keeps its models in ./ogoh-models unless told: keep them out of the repository. */
const MODELS = mkdtempSync(join(tmpdir(), 'ogoh-pg-models-'));
after(() => rmSync(MODELS, { recursive: true, force: true }));

function ogoh(db: string, args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '', OGOH_MODELS: MODELS },
    timeout: 300_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ахбори Водӣ</title><link>https://vodi-news.example/</link><language>tg</language>
<item><guid>vodi-1</guid><title>Ҳукумат барномаи нави энергетикаро тасдиқ кард</title>
<link>https://vodi-news.example/news/1</link><pubDate>Mon, 02 Nov 2026 08:30:00 +0500</pubDate>
<description>Ҳукумати Ҷумҳурии Тоҷикистон имрӯз дар Душанбе барномаи нави рушди энергетика ва сохтмони нерӯгоҳи Роғунро барои солҳои 2026 то 2030 тасдиқ кард.</description></item>
<item><guid>vodi-2</guid><title>Ҳавои гарм дар водии Ҳисор</title><link>https://vodi-news.example/news/2</link>
<pubDate>Tue, 03 Nov 2026 09:00:00 +0500</pubDate><description>Дар водии Ҳисор ҳарорати ҳаво то бисту панҷ дараҷа гарм мешавад.</description></item>
<item><guid>vodi-3</guid><title>Ҳукумат барномаи нави энергетикаро тасдиқ кард</title>
<link>https://vodi-news.example/news/3</link><pubDate>Tue, 03 Nov 2026 12:00:00 +0500</pubDate>
<description>Ҳукумати Ҷумҳурии Тоҷикистон имрӯз дар Душанбе барномаи нави рушди энергетика ва сохтмони нерӯгоҳи Роғунро барои солҳои 2026 то 2030 тасдиқ кард.</description></item>
</channel></rss>`;

const CLAIMS = `id,claim,rating,url,date,lang,org
fc-rogun,"Рогунская ГЭС продаёт 70 процентов своей электроэнергии в Афганистан, а жители Душанбе сидят без света.",Ложь,https://factcheck.tj/ru/1,2026-03-02,ru,Factcheck.tj
fc-gas,"Узбекистан прекратит поставки газа в Таджикистан с 1 декабря.",Искажение,https://factcheck.tj/ru/3,2025-11-28,ru,Factcheck.tj
`;

/** Timestamps the session itself wrote (collection, analysis, import times) are after this. */
const STARTED = Date.now() - 60_000;
const normalise = normaliser(STARTED);

if (!url) {
  test('the CLI gives the same results on SQLite and PostgreSQL', {
    skip: 'OGOH_TEST_PG is not set (eval "$(bash scripts/pg-start.sh)" or CI starts a server)',
  }, () => {});
} else {
  describe('the same CLI session on SQLite and PostgreSQL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogoh-cli-pg-'));
    const schema = `cli_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const stores = {
      sqlite: join(dir, 'ogoh.db'),
      postgres: `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`,
    };
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    });
    const claims = join(dir, 'claims.csv');
    writeFileSync(claims, CLAIMS);

    /** Runs `args` on both stores; both must succeed; returns their parsed JSON. */
    function both(args: string[], input = ''): { sqlite: unknown; postgres: unknown } {
      const out: Record<string, unknown> = {};
      for (const [name, db] of Object.entries(stores)) {
        const r = ogoh(db, args, input);
        assert.equal(r.code, 0, `${name}: ogoh ${args.join(' ')}\n${r.err}`);
        out[name] = args.includes('--json') ? JSON.parse(r.out) : r.out;
      }
      return out as { sqlite: unknown; postgres: unknown };
    }
    /** `drop`: keys whose values are generated per store (random ids). */
    function same(args: string[], input = '', drop: string[] = []): unknown {
      const r = both(args, input);
      const strip = (v: unknown): unknown =>
        Array.isArray(v)
          ? v.map(strip)
          : v && typeof v === 'object'
            ? Object.fromEntries(
                Object.entries(v)
                  .filter(([k]) => !drop.includes(k))
                  .map(([k, x]) => [k, strip(x)]),
              )
            : v;
      assert.deepEqual(
        strip(normalise(r.postgres)),
        strip(normalise(r.sqlite)),
        `ogoh ${args.join(' ')} differs`,
      );
      return r.sqlite;
    }

    let storyId = '';

    test('ingest and analyse the demo corpus', () => {
      const corpus = join(dir, 'corpus');
      same(['--json', 'demo', '--no-serve', '--items', '160', '--seed', '3', '--out', corpus]);
      same(['--json', 'analyze', '--all']);
      same(['--json', 'stats']);
    });

    test('ingest a feed file, analyse what is new, list and search items', () => {
      const feed = join(dir, 'vodi.xml');
      writeFileSync(feed, RSS);
      same(['--json', 'ingest', feed]);
      same(['--json', 'analyze']);
      same(['--json', 'items', '--limit', '40']);
      const hits = same(['--json', 'items', '--q', 'хукумат']);
      assert.ok(
        JSON.stringify(hits).includes('vodi-news.example'),
        'Tajik typed with Russian letters finds the feed',
      );
      same(['--json', 'items', '--lang', 'tg', '--since', '2026-11-01', '--limit', '100']);
    });

    test('stories and a story trace', () => {
      const stories = same(['--json', 'stories', '--limit', '50']) as { stories?: { id: string }[] };
      const list = Array.isArray(stories) ? stories : (stories.stories ?? []);
      assert.ok(list.length > 0, 'the demo corpus has stories');
      storyId = (list[0] as { id: string }).id;
      const trace = same(['--json', 'trace', storyId]);
      assert.ok(JSON.stringify(trace).includes(storyId), 'the trace is about the story');
    });

    test('claims import and match', () => {
      same(['--json', 'claims', 'import', claims]);
      const m = same([
        '--json',
        'claims',
        'match',
        'Рогунская ГЭС продаёт электроэнергию в Афганистан',
        '--k',
        '2',
      ]);
      assert.ok(JSON.stringify(m).includes('fc-rogun'), 'the claim is found');
    });

    test('coordination and trends', () => {
      same(['--json', 'coord']);
      const trends = same(['--json', 'trends']);
      assert.ok(JSON.stringify(trends).length > 500, 'trends has series');
      same(['--json', 'trends', '--alerts']);
    });

    test('a case from a story, and exports of the story and the case', () => {
      const ids: Record<string, string> = {};
      const shown: Record<string, unknown> = {};
      for (const [name, db] of Object.entries(stores)) {
        const c = ogoh(db, [
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
        assert.equal(c.code, 0, `${name}: ${c.err}`);
        const id = (JSON.parse(c.out) as { id: string }).id;
        ids[name] = id;
        const show = ogoh(db, ['--json', 'cases', 'show', id]);
        assert.equal(show.code, 0, `${name}: ${show.err}`);
        // case ids are generated per store: compare with the id taken out
        shown[name] = normalise(JSON.parse(show.out.split(id).join('<case>')));
      }
      assert.deepEqual(shown.postgres, shown.sqlite, 'ogoh cases show differs');
      assert.ok(JSON.stringify(shown.sqlite).includes(storyId), 'the story is evidence');
      for (const format of ['jsonl', 'csv', 'stix', 'misp', 'claimreview']) {
        const r = both(['export', format, '--story', storyId]);
        const parse = (text: unknown) =>
          format === 'csv' || format === 'jsonl'
            ? String(text).split('\n')
            : normalise(bundleless(JSON.parse(String(text))));
        const [a, b] = [r.sqlite, r.postgres].map((t) =>
          format === 'csv' || format === 'jsonl'
            ? (parse(t) as string[]).map((line) =>
                format === 'jsonl' && line ? normalise(JSON.parse(line)) : nowInText(line, STARTED),
              )
            : parse(t),
        );
        assert.deepEqual(b, a, `ogoh export ${format} --story differs`);
      }
      const cases = Object.entries(stores).map(([name, db]) => {
        const r = ogoh(db, ['export', 'jsonl', '--case', ids[name]!]);
        assert.equal(r.code, 0, `${name}: ${r.err}`);
        return r.out
          .split(ids[name]!)
          .join('<case>')
          .split('\n')
          .map((line) => (line ? normalise(JSON.parse(line)) : line));
      });
      assert.deepEqual(cases[1], cases[0], 'ogoh export jsonl --case differs');
    });

    test('users and sources', () => {
      const add = [
        '--json',
        'users',
        'add',
        '--username',
        'dilnoza',
        '--role',
        'analyst',
        '--password-stdin',
      ];
      // user ids are random, and so are the salts in the password hashes
      same(add, 'a-long-passphrase-1\n', ['id', 'passwordHash']);
      same(['--json', 'users', 'list'], '', ['id', 'passwordHash']);
      same(['--json', 'sources', 'add', '--id', 'extra.example', '--url', 'https://extra.example/feed.xml']);
      same(['--json', 'sources', 'list']);
    });
  });
}
