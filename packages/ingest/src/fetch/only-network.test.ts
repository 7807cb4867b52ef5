/**
 * The architecture rule: fetch.ts (this folder) is the only code that reaches the network, so every
 * outbound request passes the address guard, robots.txt and the rate limits. This test fails when
 * any other package or the CLI imports a network module or calls the global fetch. (The HTTP server
 * in apps/server listens; it does not fetch, and is not scanned. Tests, benchmarks and this folder's
 * fixture server may start local servers.)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('../../../../', import.meta.url).pathname;
const own = new URL('./', import.meta.url).pathname;
const NETWORK =
  /(?:from\s+|import\s*\(\s*)['"](?:node:)?(?:http|https|http2|net|dns|dns\/promises|tls|dgram|undici)['"]|(?<![\w.])fetch\s*\(/;

function files(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

describe('network access', () => {
  it('happens only in packages/ingest/src/fetch', () => {
    const roots = [
      ...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src')),
      join(root, 'apps', 'cli', 'src'),
    ];
    const offenders: string[] = [];
    for (const r of roots) {
      let list: string[] = [];
      try {
        list = files(r, []);
      } catch {
        continue;
      }
      for (const f of list) {
        if (f.startsWith(own)) continue;
        readFileSync(f, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (NETWORK.test(line) && !/^\s*(\/\/|\/?\*)/.test(line))
              offenders.push(`${relative(root, f)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    assert.deepEqual(offenders, [], 'network code outside packages/ingest/src/fetch/fetch.ts');
  });
});
