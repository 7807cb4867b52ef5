#!/usr/bin/env node
// Runs every *.test.ts beside the code with node:test through tsx. Arguments filter test files by
// substring (`npm test -- store`). Browser and PostgreSQL suites skip themselves when their
// dependency is missing, and say so.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const roots = ['packages', 'apps', 'bench', 'demo', 'scripts'];
const skip = new Set(['node_modules', 'dist', 'fixtures', '.git']);

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (skip.has(name)) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (/\.test\.ts$/.test(name)) out.push(relative(root, p));
  }
}

const files = [];
for (const r of roots) walk(join(root, r), files);
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
selected.sort();
const concurrency = Number(process.env.OGOH_TEST_CONCURRENCY ?? 2);
const res = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...selected],
  { cwd: root, stdio: 'inherit', env: { ...process.env, OGOH_TEST: '1' } },
);
process.exit(res.status ?? 1);
