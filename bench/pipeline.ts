/**
 * End-to-end pipeline benchmark: JSONL ingest (parse, language id, normalisation, ids, store with FTS)
 * then analysis (MinHash/LSH near-duplicate stories), then full-text query latency — on generated
 * corpora, through the same app functions the CLI calls. Each size runs in a child process so its peak
 * RSS is its own.
 *
 *   node --import tsx bench/pipeline.ts [--items 100000,1000000] [--queries 300] [--keep]
 *     [--skip-analyse] [--out DIR]
 *
 * Prints one JSON line per size and a Markdown table for docs/BENCHMARKS.md. CPU seconds count every
 * thread of the process (ingest builds items on a worker thread for large inputs); `ingestMainCpuSeconds`
 * is the main thread alone, the SQLite writer: on an otherwise idle two-core machine ingest takes about
 * the larger of it and the rest. The load average beside each run says how shared the machine was.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeJsonl } from '../demo/jsonl.ts';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    'skip-analyse': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/out' },
    child: { type: 'string' },
    db: { type: 'string' },
  },
});

const OUT = resolve(values.out!);

interface Result {
  items: number;
  ingestSeconds: number;
  ingestPerSec: number;
  /** CPU seconds (user + system) of the ingest phase: the throughput the machine could give unloaded */
  ingestCpuSeconds: number;
  /** CPU seconds of the main thread alone (the SQLite writer) during ingest */
  ingestMainCpuSeconds: number;
  /** 1-minute load average at the start and end of ingest */
  load: [number, number];
  analyseCpuSeconds: number;
  analyseSeconds: number;
  analysePerSec: number;
  endToEndPerSec: number;
  stories: number;
  queryP50ms: number;
  queryP95ms: number;
  filteredP95ms: number;
  /** CPU per query (plain and filtered together), the load-independent cost */
  queryCpuP50ms: number;
  queryCpuP95ms: number;
  peakRssMB: number;
  dbMB: number;
}

/** CPU seconds of the calling thread (Linux: /proc/thread-self/stat, utime + stime in clock ticks). */
function threadCpu(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function child(file: string, db: string, queries: number, skipAnalyse: boolean): Promise<void> {
  const { analyse, ingestPaths, openOgoh, searchItems } = await import('@ogoh/app');
  const app = await openOgoh({ db });
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const c0 = cpu();
  const m0 = threadCpu();
  const l0 = loadavg()[0]!;
  const t0 = performance.now();
  const rep = await ingestPaths(app, [file], { batchSize: 5000 });
  const t1 = performance.now();
  const c1 = cpu();
  const m1 = threadCpu();
  const l1 = loadavg()[0]!;
  const an = skipAnalyse ? { analysed: 0 } : await analyse(app, { batchSize: 5000 });
  const t2 = performance.now();
  const c2 = cpu();
  // Query words drawn from stored items themselves, so every query has hits.
  const sample = (await searchItems(app, { limit: 1000 })).items;
  const words = sample.flatMap((i) => i.text.split(/[^\p{L}]+/u).filter((w) => w.length >= 4));
  let seed = 12345;
  const pick = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return words[seed % words.length]!;
  };
  // Wall and CPU per query: on a shared machine the wall time includes waiting for a core.
  const cpuMs: number[] = [];
  const time = async (q: Parameters<typeof searchItems>[1]) => {
    const c = process.cpuUsage();
    const s = performance.now();
    await searchItems(app, q);
    const d = process.cpuUsage(c);
    cpuMs.push((d.user + d.system) / 1000);
    return performance.now() - s;
  };
  const plain: number[] = [];
  const filtered: number[] = [];
  for (let i = 0; i < queries; i++) {
    plain.push(await time({ q: i % 3 === 0 ? `${pick()} ${pick()}` : pick(), limit: 50 }));
    filtered.push(
      await time({
        q: pick(),
        lang: ['ru', 'tg', 'en', 'uz'][i % 4]!,
        since: '2026-10-01T00:00:00Z',
        limit: 50,
      }),
    );
  }
  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
  const s = await app.store.stats();
  await app.close();
  const items = rep.new + rep.duplicate;
  const result: Result = {
    items,
    ingestSeconds: +((t1 - t0) / 1000).toFixed(1),
    ingestPerSec: Math.round(items / ((t1 - t0) / 1000)),
    ingestCpuSeconds: +(c1 - c0).toFixed(1),
    ingestMainCpuSeconds: +(m1 - m0).toFixed(1),
    load: [+l0.toFixed(1), +l1.toFixed(1)],
    analyseCpuSeconds: +(c2 - c1).toFixed(1),
    analyseSeconds: +((t2 - t1) / 1000).toFixed(1),
    analysePerSec: Math.round(an.analysed / ((t2 - t1) / 1000)),
    endToEndPerSec: Math.round(items / ((t2 - t0) / 1000)),
    stories: s.stories,
    queryP50ms: +pct(plain, 0.5).toFixed(2),
    queryP95ms: +pct(plain, 0.95).toFixed(2),
    filteredP95ms: +pct(filtered, 0.95).toFixed(2),
    queryCpuP50ms: +pct(cpuMs, 0.5).toFixed(2),
    queryCpuP95ms: +pct(cpuMs, 0.95).toFixed(2),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    dbMB: Math.round(statSync(db).size / 1048576),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  if (values.child) {
    await child(values.child, values.db!, Number(values.queries), values['skip-analyse']!);
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const rows: Result[] = [];
  for (const n of values.items!.split(',').map(Number)) {
    const file = join(OUT, `pipeline-${n}.jsonl`);
    if (!existsSync(file)) {
      process.stderr.write(`generating ${n} items → ${file}\n`);
      await writeJsonl(file, { items: n, seed: 11 });
    }
    const db = join(OUT, `pipeline-${n}.db`);
    for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
    process.stderr.write(`running ${n} items…\n`);
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/pipeline.ts',
        '--child',
        file,
        '--db',
        db,
        '--queries',
        values.queries!,
        ...(values['skip-analyse'] ? ['--skip-analyse'] : []),
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 20,
      },
    );
    if (r.status !== 0) throw new Error(`child failed with ${r.status}`);
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as Result;
    process.stdout.write(`${JSON.stringify(res)}\n`);
    rows.push(res);
    if (!values.keep) for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  process.stdout.write(`\nMachine: ${machine}\n\n`);
  process.stdout.write(
    '| items | load | ingest s (CPU s; main thread) | ingest items/s wall | items per main-thread CPU-s | analyse s (CPU s) | analyse items/s | end-to-end items/s | stories | FTS p50 ms | FTS p95 ms | FTS+filters p95 ms | query CPU p50 / p95 ms | peak RSS MB | store MB |\n',
  );
  process.stdout.write('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n');
  for (const r of rows)
    process.stdout.write(
      `| ${r.items.toLocaleString('en')} | ${r.load.join('–')} | ${r.ingestSeconds} (${r.ingestCpuSeconds}; ${r.ingestMainCpuSeconds}) | ${r.ingestPerSec.toLocaleString('en')} | ${Math.round(r.items / r.ingestMainCpuSeconds).toLocaleString('en')} | ${r.analyseSeconds} (${r.analyseCpuSeconds}) | ${r.analysePerSec.toLocaleString('en')} | ${r.endToEndPerSec.toLocaleString('en')} | ${r.stories.toLocaleString('en')} | ${r.queryP50ms} | ${r.queryP95ms} | ${r.filteredP95ms} | ${r.queryCpuP50ms} / ${r.queryCpuP95ms} | ${r.peakRssMB} | ${r.dbMB} |\n`,
    );
}

await main();
