/**
 * `npm run eval [-- name…]`: runs the evaluation scripts over ../shared/data (each skips with a message
 * when its dataset is absent). Figures go in docs/EVALUATION.md with the method.
 *
 *   npm run eval                 # langid, detect, claims, coord
 *   npm run eval -- claims       # one of them
 */
import { spawnSync } from 'node:child_process';

const EVALS: Record<string, string> = {
  langid: 'scripts/eval-langid.ts',
  detect: 'scripts/eval-detect.ts',
  claims: 'scripts/eval-claims.ts',
  'claims-xlang': 'scripts/eval-claims-xlang.ts',
  coord: 'scripts/eval-coord.ts',
  review: 'scripts/eval-review.ts',
  'tg-techniques': 'scripts/eval-tg-techniques.ts',
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(EVALS);
let failed = 0;
for (const name of names) {
  const file = EVALS[name];
  if (!file) {
    console.error(`unknown evaluation "${name}"; known: ${Object.keys(EVALS).join(', ')}`);
    process.exit(2);
  }
  console.error(`\n== eval ${name}: node --import tsx ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
