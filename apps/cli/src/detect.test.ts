/**
 * Detection from the CLI: `check` fills narratives with evidence (same result for Tajik typed on a
 * Russian keyboard), `analyze` stores detections that `items --narrative` finds, `train` installs a
 * model only after evaluating it, `eval` prints per-label figures.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
function ogoh(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const PROPER =
  'Русия кафили амнияти Тоҷикистон аст. Танҳо Русия ҳимоя карда метавонад, пойгоҳи низомии 201 моро аз таҳдид аз Афғонистон муҳофизат мекунад.';
const FOLDED =
  'Русия кафили амнияти Точикистон аст. Танхо Русия химоя карда метавонад, пойгохи низомии 201 моро аз тахдид аз Афгонистон мухофизат мекунад.';
const CONVERGING =
  'Бекорӣ ва камбизоатӣ, фасод ва беадолатӣ — ин аст натиҷаи сӣ соли ҳукмронии як оила. Зулми хонаводаи ҳоким ва шиканҷа дар зиндонҳо собит мекунанд, ки давлати дунявӣ ноком шуд. Демократия фиреб аст: интихоботи онҳо ҳамеша як натиҷа дорад.';
const BENIGN = 'Дар Хоруғ ҷашни Наврӯз бо суруду рақсҳои помирӣ ва дастархони идона гузашт.';

let dir: string;
let db: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-detect-'));
  db = join(dir, 'store.db');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('check: narratives with evidence spans into the original text, the same for keyboard-typed Tajik', () => {
  const a = JSON.parse(ogoh(['--db', db, '--json', 'check', PROPER]).out);
  const b = JSON.parse(ogoh(['--db', db, '--json', 'check', FOLDED]).out);
  const ids = (r: { narratives: { id: string }[] }) => r.narratives.map((n) => n.id).sort();
  assert.ok(ids(a).includes('ru-indispensable-security-guarantor'), JSON.stringify(a.narratives));
  assert.deepEqual(ids(a), ids(b));
  for (const n of a.narratives)
    for (const e of n.evidence) assert.equal(PROPER.slice(e.start, e.end), e.text);
  for (const n of b.narratives)
    for (const e of n.evidence) assert.equal(FOLDED.slice(e.start, e.end), e.text);
  assert.match(a.versions.taxonomy, /^\d{4}\.\d+\.\d+\+/);
  const benign = JSON.parse(ogoh(['--db', db, '--json', 'check', BENIGN]).out);
  assert.deepEqual(benign.narratives, []);
});

test('check --explain says why in words, in the language asked', () => {
  const r = ogoh(['check', '--explain', '--explain-lang', 'ru', PROPER]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /«Танҳо Русия ҳимоя карда метавонад»/);
  assert.equal(ogoh(['check', '--explain-lang', 'xx', PROPER]).code, 2);
});

test('analyze stores detections that items --narrative finds', () => {
  const feed = [
    JSON.stringify({ id: 'a1', source: 'wire.example', date: '2026-11-01T10:00:00Z', text: PROPER }),
    JSON.stringify({ id: 'a2', source: 'wire.example', date: '2026-11-01T11:00:00Z', text: BENIGN }),
    JSON.stringify({ id: 'a3', source: 'chan.example', date: '2026-11-01T12:00:00Z', text: CONVERGING }),
  ].join('\n');
  writeFileSync(join(dir, 'feed.jsonl'), `${feed}\n`);
  assert.equal(ogoh(['--db', db, 'ingest', join(dir, 'feed.jsonl')]).code, 0);
  const an = JSON.parse(ogoh(['--db', db, '--json', 'analyze']).out);
  assert.ok(an.detections >= 1);
  const hit = JSON.parse(
    ogoh(['--db', db, '--json', 'items', '--narrative', 'ru-indispensable-security-guarantor']).out,
  );
  assert.deepEqual(
    hit.map((i: { externalId: string }) => i.externalId),
    ['a1'],
  );
  // narratives of two actor families from one convergence pair in one item: a convergence hypothesis
  const conv = JSON.parse(ogoh(['--db', db, '--json', 'items', '--narrative', 'cp-failed-tajik-state']).out);
  assert.deepEqual(
    conv.map((i: { externalId: string }) => i.externalId),
    ['a3'],
  );
  const again = JSON.parse(ogoh(['--db', db, '--json', 'analyze', '--all']).out);
  assert.equal(again.detections, an.detections, 're-analysis replaces, never doubles');
  assert.equal(JSON.parse(ogoh(['--db', db, '--json', 'stats']).out).detections, an.detections);
});

test('train evaluates on held-out data before installing; eval reports per-label figures; bad data exits 2', () => {
  const lines: string[] = [];
  for (let i = 0; i < 60; i++) {
    lines.push(
      JSON.stringify({
        id: `p${i}`,
        lang: 'ru',
        labels: ['ru-indispensable-security-guarantor'],
        text: `Только Россия способна защитить Таджикистан, пример ${i}: 201-я военная база и ОДКБ гарантируют безопасность.`,
      }),
    );
    lines.push(
      JSON.stringify({
        id: `n${i}`,
        lang: 'ru',
        labels: [],
        text: `В Душанбе прошёл фестиваль плова номер ${i}, повара показали рецепты и угощали гостей.`,
      }),
    );
  }
  const data = join(dir, 'train.jsonl');
  writeFileSync(data, `${lines.join('\n')}\n`);
  const t = ogoh(['--db', db, '--json', 'train', 'narratives', '--data', data]);
  assert.equal(t.code, 0, t.err);
  const rep = JSON.parse(t.out);
  assert.ok(rep.heldOut > 0 && rep.trained > rep.heldOut);
  assert.ok(rep.evaluation.micro.f1 > 0.8, JSON.stringify(rep.evaluation.micro));
  const e = JSON.parse(ogoh(['--db', db, '--json', 'eval', 'narratives', '--data', data]).out);
  assert.equal(e.model, rep.version);
  assert.ok(
    e.report.labels.some((l: { label: string }) => l.label === 'ru-indispensable-security-guarantor'),
  );
  writeFileSync(
    join(dir, 'bad.jsonl'),
    '{"id":"x","text":"ok","labels":[]}\n{"id":"y","labels":"nope","text":"t"}\n',
  );
  const bad = ogoh(['--db', db, 'train', 'narratives', '--data', join(dir, 'bad.jsonl')]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /bad\.jsonl:2 field "labels"/);
  assert.equal(ogoh(['--db', db, 'train', 'nonsense', '--data', data]).code, 2);
});
