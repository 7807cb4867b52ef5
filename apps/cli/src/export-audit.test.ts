/**
 * Exports from the CLI are recorded as the server's are: the real binary exports a case and takes
 * its brief out, and the case's own trail (`ogoh cases log`) and the audit log say who (`--actor`,
 * else `cli:<OS user>`), when, which format, how many objects and which TLP. On SQLite, and on
 * PostgreSQL when OGOH_TEST_PG is set.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openAuth, openOgoh } from '@ogoh/app';
import postgres from 'postgres';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
const pgUrl = process.env.OGOH_TEST_PG;
const dir = mkdtempSync(join(tmpdir(), 'ogoh-cli-export-audit-'));
const schema = `expaudit_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!pgUrl) return;
  const sql = postgres(pgUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await sql.end({ timeout: 5 });
  }
});

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ахбори Водӣ</title><link>https://vodi-news.example/</link><language>tg</language>
<item><guid>vodi-1</guid><title>Ҳукумат барномаи нави энергетикаро тасдиқ кард</title>
<link>https://vodi-news.example/news/1</link><pubDate>Mon, 02 Nov 2026 08:30:00 +0500</pubDate>
<description>Ҳукумати Ҷумҳурии Тоҷикистон имрӯз дар Душанбе барномаи нави рушди энергетика ва сохтмони нерӯгоҳи Роғунро тасдиқ кард.</description></item>
<item><guid>vodi-2</guid><title>Ҳавои гарм дар водии Ҳисор</title><link>https://vodi-news.example/news/2</link>
<pubDate>Tue, 03 Nov 2026 09:00:00 +0500</pubDate><description>Дар водии Ҳисор ҳарорати ҳаво то бисту панҷ дараҷа гарм мешавад.</description></item>
</channel></rss>`;
const feed = join(dir, 'vodi.rss');
writeFileSync(feed, RSS);

function ogoh(db: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '', OGOH_MODELS: join(dir, 'models') },
    timeout: 300_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Exported {
  action: string;
  actor: string;
  at: string;
  after: { format: string; objects: number; items: number; tlp: string; lang?: string; truncated?: boolean };
}

const stores: [string, string | undefined][] = [
  ['sqlite', join(dir, 'ogoh.db')],
  ['postgres', pgUrl ? `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}schema=${schema}` : undefined],
];

for (const [name, db] of stores)
  describe(`CLI exports are recorded (${name})`, {
    skip: db ? false : 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)',
  }, () => {
    test('ogoh export --case and ogoh brief write exported events on the case and audit-log entries', async () => {
      const store = db!;
      const ingest = ogoh(store, ['--json', 'ingest', feed]);
      assert.equal(ingest.code, 0, ingest.err);
      assert.equal(JSON.parse(ingest.out).new, 2, ingest.out);
      const items = JSON.parse(ogoh(store, ['--json', 'items']).out) as { id: string }[];
      const created = ogoh(store, [
        'cases',
        'create',
        '--title',
        'Роғун',
        '--tlp',
        'amber+strict',
        '--as',
        'dilnoza',
        ...items.flatMap((i) => ['--from-item', i.id]),
      ]);
      assert.equal(created.code, 0, created.err);
      const caseId = created.out.trim();
      const started = Date.now() - 1000;

      const stix = ogoh(store, ['export', 'stix', '--case', caseId, '--actor', 'zarina']);
      assert.equal(stix.code, 0, stix.err);
      const bundle = JSON.parse(stix.out) as { objects: unknown[] };
      const csv = ogoh(store, [
        '--json',
        'export',
        'csv',
        '--case',
        caseId,
        '--out',
        join(dir, `${name}.csv`),
      ]);
      assert.equal(csv.code, 0, csv.err);
      assert.equal(JSON.parse(csv.out).objects, 2);
      const out = join(dir, `${name}-brief.html`);
      const brief = ogoh(store, ['brief', caseId, '--format', 'html', '--lang', 'tg', '--out', out]);
      assert.equal(brief.code, 0, brief.err);
      assert.match(readFileSync(out, 'utf8'), /^<!doctype html>/i);
      // a query export: the audit log only (no case to write on)
      assert.equal(ogoh(store, ['export', 'jsonl', '--lang', 'tg', '--actor', 'zarina']).code, 0);
      // bad --actor: a usage error naming the flag, nothing exported or recorded
      const bad = ogoh(store, ['export', 'misp', '--case', caseId, '--actor', '  ']);
      assert.equal(bad.code, 2, bad.err);
      assert.match(bad.err, /--actor/);

      const log = JSON.parse(ogoh(store, ['--json', 'cases', 'log', caseId]).out) as Exported[];
      const exported = log.filter((e) => e.action === 'exported');
      const me = `cli:${userInfo().username}`;
      assert.deepEqual(
        exported.map((e) => [e.actor, e.after]),
        [
          [
            'zarina',
            {
              format: 'stix',
              objects: bundle.objects.length,
              items: 2,
              tlp: 'amber+strict',
              truncated: false,
            },
          ],
          [me, { format: 'csv', objects: 2, items: 2, tlp: 'amber+strict', truncated: false }],
          [me, { format: 'brief-html', objects: 2, items: 2, tlp: 'amber+strict', lang: 'tg' }],
        ],
      );
      for (const e of exported) assert.ok(Date.parse(e.at) >= started, e.at);
      const human = ogoh(store, ['cases', 'log', caseId]).out;
      assert.match(human, /zarina\s+exported\s+stix · TLP:AMBER\+STRICT · \d+ objects · 2 items/);

      const app = await openOgoh({ db: store });
      const auth = await openAuth(app);
      try {
        const audit = (await auth.store.listAudit({ limit: 20 })).filter((e) => e.event === 'export');
        assert.deepEqual(audit.map((e) => [e.actor, e.subject, e.detail?.format]).reverse(), [
          ['zarina', caseId, 'stix'],
          [me, caseId, 'csv'],
          [me, caseId, 'brief-html'],
          ['zarina', undefined, 'jsonl'],
        ]);
        assert.deepEqual(audit[0]!.detail?.query, { lang: 'tg' });
      } finally {
        await auth.close();
        await app.close();
      }
    });
  });
