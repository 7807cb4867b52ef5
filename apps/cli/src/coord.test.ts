/** `ogoh coord` on a CSV of share events with a known answer, and on the store. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
function ogoh(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-coord-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('coord --input: three accounts that share five URLs within seconds form one group; bystanders do not', () => {
  const rows = ['object_id,account_id,content_id,timestamp_share'];
  let c = 0;
  for (let o = 0; o < 5; o++) {
    const t = 1_790_000_000 + o * 3600;
    for (const [k, a] of ['bot_a', 'bot_b', 'bot_c'].entries())
      rows.push(`https://x.example/${o},${a},p${c++},${t + k * 5}`);
    rows.push(`https://x.example/${o},reader${o},p${c++},${t + 1800}`);
  }
  rows.push('broken-row-without-enough-columns');
  const csv = join(dir, 'shares.csv');
  writeFileSync(csv, `${rows.join('\n')}\n`);
  const gexf = join(dir, 'net.gexf');
  const r = ogoh([
    '--json',
    'coord',
    '--input',
    csv,
    '--window',
    '60',
    '--edge-quantile',
    '0',
    '--gexf',
    gexf,
  ]);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.equal(out.groups.length, 1);
  assert.deepEqual(out.groups[0].accounts, ['bot_a', 'bot_b', 'bot_c']);
  assert.equal(out.groups[0].objects, 5);
  assert.deepEqual(
    out.edges.map((e: { a: string; b: string; weight: number }) => [e.a, e.b, e.weight]),
    [
      ['bot_a', 'bot_b', 5],
      ['bot_a', 'bot_c', 5],
      ['bot_b', 'bot_c', 5],
    ],
  );
  assert.equal(out.input.rejected, 1);
  assert.match(readFileSync(gexf, 'utf8'), /<gexf[^>]*version="1\.3"/);
  assert.equal(ogoh(['coord', '--input', csv, '--edge-quantile', '2']).code, 2);
  assert.equal(ogoh(['coord', '--input', join(dir, 'missing.csv')]).code, 2);
});
