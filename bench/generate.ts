/**
 * Writes a benchmark corpus as JSONL (`{"id","source","published","url","title","text","lang"}`),
 * streamed to disk in constant memory, from the demo's templates with ~7% near-duplicates.
 *
 * @example
 *   node --import tsx bench/generate.ts --items 1000000 --out bench/out/1m.jsonl
 *   node --import tsx bench/generate.ts --items 10000 --out /tmp/10k.jsonl --seed 3 --truth
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeJsonl } from '../demo/jsonl.ts';

const USAGE =
  'usage: node --import tsx bench/generate.ts --items N --out FILE [--seed S] [--dup-rate 0.07] [--truth]';

async function main(argv: string[]): Promise<number> {
  let v: ReturnType<typeof parseArgs>['values'];
  try {
    v = parseArgs({
      args: argv,
      options: {
        items: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        'dup-rate': { type: 'string' },
        truth: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (v.help) {
    console.error(USAGE);
    return 0;
  }
  const items = Number(v.items);
  const seed = v.seed === undefined ? 7 : Number(v.seed);
  const dupRate = v['dup-rate'] === undefined ? 0.07 : Number(v['dup-rate']);
  if (
    typeof v.out !== 'string' ||
    !Number.isInteger(items) ||
    items < 1 ||
    !Number.isInteger(seed) ||
    !(dupRate >= 0 && dupRate <= 0.5)
  ) {
    console.error(
      `--items must be a positive integer, --out a file, --seed an integer, --dup-rate in [0, 0.5]\n${USAGE}`,
    );
    return 2;
  }
  const file = resolve(v.out);
  mkdirSync(dirname(file), { recursive: true });
  const r = await writeJsonl(file, { items, seed, dupRate, truth: v.truth === true });
  const mb = (r.bytes / 1048576).toFixed(1);
  console.error(
    `wrote ${r.items} items (${mb} MiB) to ${file} in ${r.ms} ms (${Math.round(r.items / (r.ms / 1000 || 1))} items/s)`,
  );
  return 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
