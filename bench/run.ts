/**
 * `npm run bench [-- name…]`: runs the named benchmarks (default: the quick set) one after another,
 * each in its own process, and prints their output. Figures go in docs/BENCHMARKS.md by hand, with the
 * machine and the command — never as assertions in tests.
 *
 *   npm run bench                      # quick set: pipeline 100k, detect, claims, coord 1M
 *   npm run bench -- pipeline coord    # only these
 *   node --import tsx bench/pipeline.ts --items 100000,1000000   # full sizes, directly
 */
import { spawnSync } from 'node:child_process';

const QUICK: Record<string, string[]> = {
  pipeline: ['bench/pipeline.ts', '--items', '100000'],
  detect: ['bench/detect.ts'],
  claims: ['bench/claims.ts'],
  coord: ['bench/coord.ts', '--events', '1000000'],
  stories: ['bench/stories.ts'],
  'store-query': ['bench/store-query.ts', '100000'],
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : ['pipeline', 'detect', 'claims', 'coord'];
let failed = 0;
for (const name of names) {
  const args = QUICK[name];
  if (!args) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(QUICK).join(', ')}`);
    process.exit(2);
  }
  console.error(`\n== bench ${name}: node --import tsx ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
