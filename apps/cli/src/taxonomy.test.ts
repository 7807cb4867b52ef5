/**
 * A taxonomy change from the CLI: `--taxonomy FILE` (or OGOH_TAXONOMY) points every command at an
 * edited taxonomy, `ogoh taxonomy` names the narratives changed since the store was analysed, and the
 * next `ogoh analyze` re-detects the stored items once — new flags appear, old ones go, nothing
 * doubles — and counts them in its report.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
const BUNDLED = new URL('../../../packages/detect/taxonomy/narratives.yaml', import.meta.url).pathname;

function ogoh(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: '',
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '', OGOH_TAXONOMY: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const GUARANTOR = 'ru-indispensable-security-guarantor';
const PROPER =
  'Русия кафили амнияти Тоҷикистон аст. Танҳо Русия ҳимоя карда метавонад, пойгоҳи низомии 201 моро аз таҳдид аз Афғонистон муҳофизат мекунад.';
const BENIGN = 'Дар Хоруғ ҷашни Наврӯз бо суруду рақсҳои помирӣ ва дастархони идона гузашт.';

let dir: string;
let db: string;
let edited: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-taxonomy-'));
  db = join(dir, 'store.db');
  // The edit a reviewer might make by mistake: two festival phrases become cues of one narrative.
  let y = readFileSync(BUNDLED, 'utf8');
  const declared = /^version: "(\d{4})\.(\d{1,2})\.(\d+)"/m.exec(y);
  assert.ok(declared, 'bundled taxonomy declares a version');
  y = y.replace(declared[0], `version: "${declared[1]}.${declared[2]}.${Number(declared[3]) + 1}"`);
  const at = y.indexOf('    indicators:\n', y.indexOf(`  - id: ${GUARANTOR}`)) + '    indicators:\n'.length;
  y = `${y.slice(0, at)}      - { tg: "ҷашни Наврӯз", kind: specific }\n      - { tg: "рақсҳои помирӣ", kind: specific }\n${y.slice(at)}`;
  edited = join(dir, 'edited.yaml');
  writeFileSync(edited, y);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const itemsWith = (label: string, env: Record<string, string> = {}) =>
  (
    JSON.parse(ogoh(['--db', db, '--json', 'items', '--narrative', label], env).out) as {
      externalId: string;
    }[]
  )
    .map((i) => i.externalId)
    .sort();
const detections = () => JSON.parse(ogoh(['--db', db, '--json', 'stats']).out).detections as number;

test('analyze re-detects stored items after a taxonomy edit, once, and back again', () => {
  const feed = [
    JSON.stringify({ id: 'a1', source: 'wire.example', date: '2026-11-01T10:00:00Z', text: PROPER }),
    JSON.stringify({ id: 'a2', source: 'wire.example', date: '2026-11-01T11:00:00Z', text: BENIGN }),
  ].join('\n');
  writeFileSync(join(dir, 'feed.jsonl'), `${feed}\n`);
  assert.equal(ogoh(['--db', db, 'ingest', join(dir, 'feed.jsonl')]).code, 0);
  const first = JSON.parse(ogoh(['--db', db, '--json', 'analyze']).out);
  assert.equal(first.analysed, 2);
  assert.equal(first.taxonomy.redetected, 0, 'nothing was analysed before');
  assert.deepEqual(itemsWith(GUARANTOR), ['a1']);
  const before = detections();

  // `ogoh taxonomy` compares the edited file with what the store was analysed under
  const st = JSON.parse(ogoh(['--db', db, '--json', '--taxonomy', edited, 'taxonomy']).out);
  assert.deepEqual(st.changed, [GUARANTOR]);
  assert.notEqual(st.analysedWith, st.current);
  assert.equal(st.analysedWith, first.taxonomy.current);

  // analyze under the edited taxonomy: no new items, yet both stored items are re-detected
  const r = ogoh(['--db', db, '--json', '--taxonomy', edited, 'analyze']);
  assert.equal(r.code, 0, r.err);
  const second = JSON.parse(r.out);
  assert.equal(second.analysed, 0);
  assert.equal(second.taxonomy.redetected, 2);
  assert.equal(second.taxonomy.previous, first.taxonomy.current);
  assert.deepEqual(second.taxonomy.changed, [GUARANTOR]);
  assert.deepEqual(itemsWith(GUARANTOR), ['a1', 'a2']);
  const afterEdit = detections();
  assert.equal(afterEdit, before + 1, 'one new flag, no doubled ones');

  // idempotent: the same taxonomy again (through the environment variable) redoes nothing
  const third = JSON.parse(ogoh(['--db', db, '--json', 'analyze'], { OGOH_TAXONOMY: edited }).out);
  assert.equal(third.taxonomy.redetected, 0);
  assert.equal(detections(), afterEdit);

  // back to the bundled taxonomy: the edit's flag is gone, the old ones are back, same count
  const fourth = JSON.parse(ogoh(['--db', db, '--json', 'analyze']).out);
  assert.equal(fourth.taxonomy.redetected, 2);
  assert.deepEqual(itemsWith(GUARANTOR), ['a1']);
  assert.equal(detections(), before);
});

test('a bad taxonomy file is a usage error naming the file, line and field', () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, readFileSync(edited, 'utf8').replace('kind: specific', 'kind: very-specific'));
  const r = ogoh(['--db', db, '--taxonomy', bad, 'check', PROPER]);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /bad\.yaml/);
  assert.match(r.err, /indicators\[0\]\.kind/);
  const missing = ogoh(['--taxonomy', join(dir, 'nope.yaml'), 'taxonomy']);
  assert.equal(missing.code, 2, missing.err);
  assert.match(missing.err, /nope\.yaml.*not found/);
});
