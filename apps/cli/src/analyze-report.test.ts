/**
 * `ogoh analyze` reports what tracing found in the run: copy, rewrite and translation links and
 * laundering flags, in the JSON report and in the human summary; the counts agree with the links
 * and alerts the run stored, and re-analysing finds nothing new.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;

function ogoh(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Report {
  analysed: number;
  storyLinks: number;
  copyLinks: number;
  rewriteLinks: number;
  translationLinks: number;
  launderingFlags: number;
}

describe('analyze report: links and laundering flags', () => {
  let dir: string;
  let db: string;
  let report: Report;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ogoh-analyze-report-'));
    db = join(dir, 'demo.db');
    const r = ogoh(['--db', db, '--json', 'demo', '--no-serve', '--out', join(dir, 'corpus')]);
    assert.equal(r.code, 0, r.err);
    report = (JSON.parse(r.out) as { analyse: Report }).analyse;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the demo run counts copies, translations and laundered stories', () => {
    assert.ok(report.copyLinks > 0, JSON.stringify(report));
    assert.ok(report.copyLinks <= report.storyLinks, 'copies are a part of the near-duplicate links');
    assert.ok(report.translationLinks > 0, 'the demo plants ru↔tg, ru↔uz and ru↔en translations');
    assert.ok(report.rewriteLinks >= 0);
    assert.ok(report.launderingFlags > 0, 'the demo plants state content republished without attribution');
    // every flag is a stored laundering alert (trends may add more later for large stories)
    const alerts = JSON.parse(ogoh(['--db', db, '--json', 'trends', '--alerts', '--limit', '1000']).out) as {
      kind: string;
      key: string;
    }[];
    const laundering = new Set(alerts.filter((a) => a.kind === 'laundering').map((a) => a.key));
    assert.ok(laundering.size >= report.launderingFlags, `${laundering.size} stored`);
  });

  test('re-analysing finds nothing new; the human summary names the counts', () => {
    const again = ogoh(['--db', db, '--json', 'analyze']);
    assert.equal(again.code, 0, again.err);
    const r = JSON.parse(again.out) as Report;
    assert.deepEqual(
      [r.analysed, r.copyLinks, r.rewriteLinks, r.translationLinks, r.launderingFlags],
      [0, 0, 0, 0, 0],
    );
    const human = ogoh(['--db', db, 'analyze']);
    assert.equal(human.code, 0, human.err);
    assert.match(human.err, /links: 0 copy, 0 rewrite, 0 translation; laundering flags: 0/);
  });
});
