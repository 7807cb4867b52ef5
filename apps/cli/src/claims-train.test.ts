/**
 * `ogoh claims train` through the real binary: judged queries fit a ranker that is installed next
 * to the store and used by the next `claims match`; a bad line exits 2 naming file, line and field,
 * and an unknown claim id is refused before anything is written.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;

let dir: string;
let db: string;

function ogoh(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '', OGOH_MODELS: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const TOPICS = [
  ['rogun', 'The Rogun dam sells 70 percent of its power to Afghanistan while Dushanbe sits in the dark.'],
  ['mosques', 'The government of Tajikistan gave 2.5 million somoni to repair mosques in Khatlon.'],
  ['schools', 'The government of Tajikistan gave 40 million somoni to build schools in Sughd.'],
  ['gas', 'Uzbekistan will stop gas deliveries to Tajikistan from 1 December.'],
  ['patent', 'The price of a work patent for Tajik migrants in Moscow will rise to 9 thousand roubles.'],
  ['ban', 'From 1 April Russia bans entry to all Tajik migrants who do not speak Russian.'],
  ['dollar', 'The national bank announced the dollar will reach 15 somoni by the end of the month.'],
  ['vaccine', 'The WHO admitted the measles vaccine given in Uzbekistan caused 300 deaths.'],
  ['border', 'Kyrgyzstan moved its border posts two kilometres into Tajik land near Vorukh.'],
  ['cotton', 'Students in Khatlon are forced to pick cotton instead of attending classes.'],
  ['bread', 'The price of bread in Dushanbe doubled in one week because of Kazakh flour.'],
  ['power', 'Electricity will be rationed to four hours a day in every region this winter.'],
];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-claims-train-'));
  db = join(dir, 'store.db');
  writeFileSync(
    join(dir, 'claims.csv'),
    `id,claim,lang\n${TOPICS.map(([id, text]) => `fc-${id},"${text}",en`).join('\n')}\n`,
  );
  // each query repeats its claim with a few words changed
  writeFileSync(
    join(dir, 'judged.jsonl'),
    `${TOPICS.map(([id, text]) =>
      JSON.stringify({
        text: `Shocking: ${text!.split(' ').slice(1).join(' ')} Share!`,
        claims: [`fc-${id}`],
      }),
    ).join('\n')}\n`,
  );
  assert.equal(ogoh(['claims', 'import', join(dir, 'claims.csv')]).code, 0);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ogoh claims train', () => {
  test('fits, installs beside the store and the next match uses it', () => {
    const before = JSON.parse(ogoh(['--json', 'claims', 'match', TOPICS[1]![1]!, '--k', '1']).out);
    const r = ogoh(['--json', 'claims', 'train', '--data', join(dir, 'judged.jsonl')]);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out);
    assert.equal(report.queries, TOPICS.length);
    assert.equal(report.heldOut, 2);
    assert.equal(report.installed, true);
    assert.equal(report.file, `${db}.models/claims-ranker.json`);
    const saved = JSON.parse(readFileSync(report.file, 'utf8'));
    assert.equal(saved.kind, 'ogoh-claims-ranker');
    assert.equal(saved.trainedOn.queries, TOPICS.length);
    const after = JSON.parse(ogoh(['--json', 'claims', 'match', TOPICS[1]![1]!, '--k', '1']).out);
    assert.equal(after.matches[0].id, 'fc-mosques');
    // the fitted calibration, not the shipped one, scores it
    assert.notEqual(after.matches[0].score, before.matches[0].score);
  });

  test('a bad line exits 2 naming file, line and field; nothing is written', () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify({ text: 'x', claims: ['fc-gas'] })}\n{"text": "y", "claims": []}\n`);
    const r = ogoh(['claims', 'train', '--data', bad]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /bad\.jsonl/);
    assert.match(r.err, /2/);
    assert.match(r.err, /claims/);
  });

  test('an unknown claim id is refused', () => {
    const unknown = join(dir, 'unknown.jsonl');
    writeFileSync(unknown, `${JSON.stringify({ text: 'gas from Uzbekistan', claims: ['fc-nope'] })}\n`);
    const r = ogoh(['claims', 'train', '--data', unknown]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /fc-nope/);
    assert.ok(existsSync(`${db}.models/claims-ranker.json`));
  });
});
