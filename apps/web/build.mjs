#!/usr/bin/env node
// Builds the dashboard into apps/web/dist unless dist is newer than every source file. Used by
// `npm start` and the browser test, so neither serves a stale or missing bundle. `--force` rebuilds.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newest(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

let built = 0;
try {
  built = statSync(join(here, 'dist', 'index.html')).mtimeMs;
} catch {}
const source = Math.max(...inputs.map((p) => newest(join(here, p))));
if (!process.argv.includes('--force') && built > source) {
  console.error('web: dist is up to date');
  process.exit(0);
}
console.error('web: building the dashboard (vite) …');
const vite = join(here, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');
const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: here, stdio: 'inherit' });
process.exit(r.status ?? 1);
