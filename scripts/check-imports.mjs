#!/usr/bin/env node
// Keeps imports flowing one way: inner packages never import outer ones, siblings never import each
// other, and no package reaches into another's private files. Fails with the offending file and line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
/** package → the @ogoh packages it may import */
const allowed = {
  core: [],
  text: ['core'],
  ingest: ['core', 'text'],
  detect: ['core', 'text'],
  trace: ['core', 'text'],
  store: ['core'],
  share: ['core'],
  app: ['core', 'text', 'ingest', 'detect', 'trace', 'store', 'share', 'demo'],
  cli: ['core', 'app', 'server'],
  server: ['core', 'app'],
  web: [],
  demo: ['core', 'text'],
};
/** packages whose non-test code must not touch Node or the DOM */
const pure = new Set(['core']);

const problems = [];
function walk(dir, pkg) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'fixtures') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, pkg);
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) check(p, pkg);
  }
}
function check(file, pkg) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const isTest = /\.test\.tsx?$/.test(file);
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      const at = `${relative(root, file)}:${i + 1}`;
      const own = spec.match(/^@ogoh\/([a-z]+)(\/.*)?$/);
      if (own) {
        if (own[2])
          problems.push(`${at}: imports a private path "${spec}"; import from "@ogoh/${own[1]}" only`);
        else if (own[1] !== pkg && !allowed[pkg]?.includes(own[1]))
          problems.push(
            `${at}: package "${pkg}" may not import "@ogoh/${own[1]}" (allowed: ${allowed[pkg]?.join(', ') || 'none'})`,
          );
      }
      if (spec.startsWith('../') && /\.\.\/\.\.\/\.\.\/(packages|apps)\//.test(spec))
        problems.push(`${at}: reaches into another package by relative path "${spec}"`);
      if (
        pure.has(pkg) &&
        !isTest &&
        (spec.startsWith('node:') || ['fs', 'path', 'os', 'http'].includes(spec))
      )
        problems.push(`${at}: "${pkg}" is pure and may not import "${spec}"`);
    }
  });
}
for (const group of ['packages', 'apps']) {
  let names = [];
  try {
    names = readdirSync(join(root, group));
  } catch {}
  for (const pkg of names) {
    const src = join(root, group, pkg, 'src');
    try {
      statSync(src);
    } catch {
      continue;
    }
    if (!(pkg in allowed))
      problems.push(`${group}/${pkg}: unknown package; add it to scripts/check-imports.mjs`);
    else walk(src, pkg);
  }
}
if (problems.length) {
  console.error(`import rules: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.error('import rules: ok');
