import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const SCRIPT = new URL('./disarm-derive.ts', import.meta.url).pathname;
const DIR = join(process.env.OGOH_SHARED ?? '/work/shared', 'data/disarm-framework');

test('the shipped DISARM table is what the script derives from the framework', {
  skip: existsSync(join(DIR, 'stix/DISARM.json'))
    ? false
    : `${DIR} is absent (the shipped table is used as is)`,
}, () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--check', DIR], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /up to date \(\d+ techniques\)/);
});
