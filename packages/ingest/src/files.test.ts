import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { listFiles } from './files.ts';
import { ogohError } from './testing.ts';

describe('listFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'ogoh-list-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('walks recursively in sorted order, skipping hidden entries, node_modules, media and symlink loops', async () => {
    for (const d of ['b', 'a/sub', '.git', 'node_modules/x', 'export/photos'])
      mkdirSync(join(root, d), { recursive: true });
    for (const f of [
      'b/2.csv',
      'a/sub/1.jsonl',
      'a/0.xml',
      '.hidden.csv',
      '.git/config',
      'node_modules/x/i.json',
      'export/result.json',
      'export/photos/p.jpg',
      'Z.csv',
    ])
      writeFileSync(join(root, f), 'x');
    symlinkSync(root, join(root, 'a', 'loop'));
    assert.deepEqual(await listFiles(root), [
      join(root, 'Z.csv'),
      join(root, 'a/0.xml'),
      join(root, 'a/sub/1.jsonl'),
      join(root, 'b/2.csv'),
      join(root, 'export/result.json'),
    ]);
  });

  it('returns a single file as is, and refuses a missing path', async () => {
    assert.deepEqual(await listFiles(join(root, 'Z.csv')), [join(root, 'Z.csv')]);
    const e = await ogohError(() => listFiles(join(root, 'nope')));
    assert.equal(e.code, 'INPUT_MISSING');
    assert.equal(e.file, join(root, 'nope'));
  });
});
