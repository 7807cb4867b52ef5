/**
 * The review loop from the CLI, spawning the real binary: `triage` lists analysed items with
 * evidence and reasons, `feedback` records verdicts (bad usage exits 2 naming the flag), reviewed
 * items leave the queue, `feedback list` shows the history, and `train` reports the feedback it used
 * (or none with --no-feedback).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import postgres from 'postgres';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
function ogoh(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const GUARANTOR =
  'Русия кафили амнияти Тоҷикистон аст. Танҳо Русия ҳимоя карда метавонад, пойгоҳи низомии 201 моро аз таҳдид аз Афғонистон муҳофизат мекунад.';
const RU =
  'Только Россия способна защитить Таджикистан. Россия — гарант безопасности Таджикистана, без 201-й базы страну захлестнут талибы из Афганистана.';
const BENIGN = 'Дар Хоруғ ҷашни Наврӯз бо суруду рақсҳои помирӣ ва дастархони идона гузашт.';

let dir: string;
let db: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-triage-cli-'));
  db = join(dir, 'store.db');
  const feed = [
    { id: 'g1', source: 'wire.example', date: '2026-11-01T10:00:00Z', text: GUARANTOR },
    { id: 'r1', source: 'wire.example', date: '2026-11-02T10:00:00Z', text: RU },
    { id: 'b1', source: 'chan.example', date: '2026-11-03T10:00:00Z', text: BENIGN },
  ];
  writeFileSync(join(dir, 'feed.jsonl'), `${feed.map((x) => JSON.stringify(x)).join('\n')}\n`);
  assert.equal(ogoh(['--db', db, 'ingest', join(dir, 'feed.jsonl')]).code, 0);
  assert.equal(ogoh(['--db', db, 'analyze']).code, 0);
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Entry {
  itemId: string;
  text: string;
  priority: number;
  why: { reasons: string[] };
  detections: { id: string; kind: string; label: string; evidence: { start: number; end: number }[] }[];
}

test('triage lists flagged items with evidence into their text and reasons; filters apply', () => {
  const r = ogoh(['--db', db, '--json', 'triage']);
  assert.equal(r.code, 0, r.err);
  const page = JSON.parse(r.out) as { entries: Entry[]; considered: number };
  assert.ok(page.entries.length >= 2, r.out);
  assert.equal(
    page.entries.some((e) => e.text === BENIGN),
    false,
    'the benign item is not flagged',
  );
  for (const e of page.entries) {
    assert.ok(e.why.reasons.length > 0);
    for (const d of e.detections)
      for (const s of d.evidence) assert.ok(s.end <= e.text.length && s.start < s.end, JSON.stringify(s));
  }
  const guarantor = page.entries.find((e) => e.text === GUARANTOR);
  assert.ok(guarantor?.detections.some((d) => d.label === 'ru-indispensable-security-guarantor'));
  const human = ogoh(['--db', db, 'triage', '--limit', '1']);
  assert.equal(human.code, 0, human.err);
  assert.match(human.out, /priority \d\.\d{3}/);
  assert.match(human.out, /\[\[.+\]\]/, 'evidence marked in the text');
  assert.match(human.err, /ogoh feedback DETECTION_ID/);
  const ru = JSON.parse(ogoh(['--db', db, '--json', 'triage', '--lang', 'ru']).out) as { entries: Entry[] };
  assert.deepEqual(
    ru.entries.map((e) => e.text),
    [RU],
  );
  const bad = ogoh(['--db', db, 'triage', '--min-score', '3']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--min-score/);
});

test('feedback records verdicts; reviewed items leave the queue; list shows who, what, why', () => {
  const page = JSON.parse(ogoh(['--db', db, '--json', 'triage', '--lang', 'ru']).out) as { entries: Entry[] };
  const target =
    page.entries[0]!.detections.find((d) => d.kind === 'narrative') ?? page.entries[0]!.detections[0]!;
  const usage = [
    [['feedback', target.id], /give a verdict/],
    [['feedback', target.id, 'maybe'], /unknown verdict/],
    [['feedback', target.id, 'relabel'], /--label/],
    [['feedback', target.id, 'accept', '--label', 'x'], /--label goes only with relabel/],
  ] as const;
  for (const [args, message] of usage) {
    const r = ogoh(['--db', db, ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message);
  }
  const missing = ogoh(['--db', db, 'feedback', 'dt_missing', 'accept']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no detection "dt_missing"/);
  for (const d of page.entries[0]!.detections) {
    const r = ogoh([
      '--db',
      db,
      '--json',
      'feedback',
      d.id,
      'reject',
      '--reason',
      'a fair report',
      '--as',
      'ana',
    ]);
    assert.equal(r.code, 0, r.err);
    const rec = JSON.parse(r.out);
    assert.equal(rec.verdict, 'reject');
    assert.equal(rec.actor, 'ana');
    assert.equal(rec.detectionId, d.id);
  }
  const ruAfter = JSON.parse(ogoh(['--db', db, '--json', 'triage', '--lang', 'ru']).out) as {
    entries: Entry[];
  };
  assert.deepEqual(ruAfter.entries, [], 'every flag of the item reviewed: it left the queue');
  const relabel = ogoh(['--db', db, 'feedback', target.id, 'relabel', '--label', 'ru-west-destabiliser']);
  assert.equal(relabel.code, 0, relabel.err);
  assert.match(relabel.err, /relabelled to ru-west-destabiliser/);
  const list = JSON.parse(ogoh(['--db', db, '--json', 'feedback', 'list', '--detection', target.id]).out);
  assert.deepEqual(
    list.feedback.map((f: { verdict: string }) => f.verdict),
    ['relabel', 'reject'],
  );
  assert.match(list.feedback[0].actor, /^cli:/);
  assert.equal(list.feedback[1].reason, 'a fair report');
  const human = ogoh(['--db', db, 'feedback', 'list']);
  assert.match(human.out, /reject +ru-|relabel/);
});

test('train reports the feedback it merged, and none with --no-feedback', () => {
  const lines: string[] = [];
  for (let i = 0; i < 40; i++)
    lines.push(
      JSON.stringify({
        id: `p${i}`,
        lang: 'ru',
        labels: ['ru-indispensable-security-guarantor'],
        text: `${RU} Пример ${i}.`,
      }),
      JSON.stringify({
        id: `n${i}`,
        lang: 'ru',
        labels: [],
        text: `В Душанбе прошёл фестиваль плова номер ${i}.`,
      }),
    );
  writeFileSync(join(dir, 'train.jsonl'), `${lines.join('\n')}\n`);
  // first without feedback (no current model yet), then with it: both separable, both install
  const off = ogoh([
    '--db',
    db,
    '--json',
    'train',
    'narratives',
    '--no-feedback',
    '--data',
    join(dir, 'train.jsonl'),
  ]);
  assert.equal(off.code, 0, off.err);
  assert.equal(JSON.parse(off.out).feedback, undefined);
  const t = ogoh(['--db', db, 'train', 'narratives', '--data', join(dir, 'train.jsonl')]);
  assert.equal(t.code, 0, t.err);
  assert.match(
    t.err,
    /analyst feedback: 1 item\(s\) \(1 confirmed, 1 ruled-out label\(s\)\), each counted 3×/,
  );
});

const pg = process.env.OGOH_TEST_PG;
test('the same loop on PostgreSQL: ingest, analyze, triage, a verdict, the history', {
  skip: pg ? false : 'OGOH_TEST_PG is not set (scripts/pg-start.sh starts a server)',
}, async () => {
  const schema = `clitriage${process.pid}_${Date.now().toString(36)}`;
  const u = new URL(pg!);
  u.searchParams.set('schema', schema);
  const location = u.toString();
  // a PostgreSQL store keeps its models in ./ogoh-models unless told: keep them in the temp dir
  const env = { OGOH_MODELS: join(dir, 'pg-models') };
  try {
    assert.equal(ogoh(['--db', location, 'ingest', join(dir, 'feed.jsonl')], env).code, 0);
    assert.equal(ogoh(['--db', location, 'analyze'], env).code, 0);
    const page = JSON.parse(ogoh(['--db', location, '--json', 'triage', '--lang', 'ru'], env).out) as {
      entries: Entry[];
    };
    assert.deepEqual(
      page.entries.map((e) => e.text),
      [RU],
    );
    const d = page.entries[0]!.detections[0]!;
    const r = ogoh(['--db', location, 'feedback', d.id, 'reject', '--as', 'ana', '--reason', 'checked'], env);
    assert.equal(r.code, 0, r.err);
    const list = JSON.parse(ogoh(['--db', location, '--json', 'feedback', 'list'], env).out);
    assert.deepEqual(
      list.feedback.map((x: { detectionId: string; actor: string }) => [x.detectionId, x.actor]),
      [[d.id, 'ana']],
    );
    const after = JSON.parse(ogoh(['--db', location, '--json', 'triage', '--lang', 'ru'], env).out) as {
      entries: Entry[];
    };
    assert.deepEqual(after.entries, []);
  } finally {
    const sql = postgres(pg!, { max: 1, onnotice: () => {} });
    await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => sql.end({ timeout: 5 }));
  }
});
