/**
 * Moving a store: `ogoh migrate-store` SQLite → PostgreSQL and back, on an existing store (e.g. the
 * pipeline benchmark's 100k store, ingested and analysed), through the same app function the CLI
 * calls. Each direction runs in its own process so its CPU and peak RSS are its own.
 *
 *   node --import tsx bench/migrate-store.ts --db bench/out/pipeline-100000.db --pg postgres://…/db \
 *     [--pg-pid-file /tmp/pg-ci/data/postmaster.pid]   # also the server's CPU (a local cluster)
 *
 * Prints one JSON line per direction and Markdown rows for docs/BENCHMARKS.md. CPU seconds are the
 * Node process's (reading, hashing, writing SQLite); the PostgreSQL server's own CPU is reported
 * beside them when its postmaster.pid is given (the backends are the postmaster's reaped children).
 * The copy includes its verification (every table read back and checksummed on both sides).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    pg: { type: 'string', default: process.env.OGOH_TEST_PG ?? '' },
    'pg-pid-file': { type: 'string' },
    child: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
});

interface Result {
  direction: string;
  items: number;
  rows: number;
  seconds: number;
  cpuSeconds: number;
  itemsPerSec: number;
  itemsPerCpuSec: number;
  peakRssMB: number;
  load: [number, number];
  ok: boolean;
  /** CPU of the PostgreSQL server's processes (its backends are reaped by the postmaster), when --pg-pid-file is given */
  serverCpuSeconds: number;
  /** CPU seconds of the costliest phases (a table's copy, or the verification) */
  topPhases: string[];
}

/** User + system CPU seconds of the postmaster and its reaped children (backends, autovacuum). */
function serverCpu(): number {
  const file = process.env.BENCH_PG_PID_FILE;
  if (!file) return Number.NaN;
  const pid = readFileSync(file, 'utf8').split('\n')[0]!.trim();
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime, stime, cutime, cstime are fields 14–17 (1-based) of stat; after "pid (comm) " they are 11–14
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
}

async function child(direction: string, from: string, to: string): Promise<void> {
  const { migrateStore } = await import('@ogoh/app');
  const l0 = loadavg()[0]!;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // CPU per phase: each table's copy (read, hash, write), then the verification pass
  const phases = new Map<string, number>();
  let phase = '';
  let mark = process.cpuUsage();
  const enter = (name: string) => {
    const d = process.cpuUsage(mark);
    if (phase) phases.set(phase, (phases.get(phase) ?? 0) + (d.user + d.system) / 1e6);
    phase = name;
    mark = process.cpuUsage();
  };
  const server0 = serverCpu();
  const r = await migrateStore({
    from,
    to,
    force: true,
    env: { OGOH_MODELS: '' },
    onProgress: (e) => enter(e.phase === 'copy' ? e.table : e.phase),
  });
  enter('');
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpuSeconds = (c.user + c.system) / 1e6;
  // the connections have ended; give the postmaster a moment to reap their backends (their CPU)
  await new Promise((r) => setTimeout(r, 1000));
  const out: Result = {
    direction,
    items: r.items,
    rows: r.tables.filter((t) => t.table !== 'stories_last').reduce((n, t) => n + t.source.rows, 0),
    seconds: Math.round(seconds * 10) / 10,
    cpuSeconds: Math.round(cpuSeconds * 10) / 10,
    itemsPerSec: Math.round(r.items / seconds),
    itemsPerCpuSec: Math.round(r.items / cpuSeconds),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    load: [Math.round(l0 * 10) / 10, Math.round(loadavg()[0]! * 10) / 10],
    ok: r.ok,
    serverCpuSeconds: Math.round((serverCpu() - server0) * 10) / 10,
    topPhases: [...phases]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`),
  };
  console.log(JSON.stringify(out));
}

function run(direction: string, from: string, to: string): Result {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', direction, '--from', from, '--to', to],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_PG_PID_FILE: values['pg-pid-file'] ?? '' },
    },
  );
  if (r.status !== 0) throw new Error(`${direction} failed (exit ${r.status})`);
  const line = r.stdout.trim().split('\n').at(-1)!;
  console.log(line);
  return JSON.parse(line) as Result;
}

if (values.child) {
  await child(values.child, values.from!, values.to!);
} else {
  if (!values.db || !existsSync(values.db) || !values.pg) {
    console.error('usage: bench/migrate-store.ts --db <sqlite store> --pg <postgres URL> (or OGOH_TEST_PG)');
    process.exit(2);
  }
  const pg = `${values.pg}${values.pg.includes('?') ? '&' : '?'}schema=bench_migrate`;
  const back = `${values.db}.back.db`;
  for (const f of [back, `${back}-wal`, `${back}-shm`]) rmSync(f, { force: true });
  const results = [run('SQLite → PostgreSQL', values.db, pg), run('PostgreSQL → SQLite', pg, back)];
  console.log(
    '\n| direction | items | rows (all tables) | wall s | CPU s (Node) | CPU s (PostgreSQL server) | items/s | items/CPU-s (Node) | peak RSS | load |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    console.log(
      `| ${r.direction} | ${r.items.toLocaleString('en')} | ${r.rows.toLocaleString('en')} | ${r.seconds} | ${r.cpuSeconds} | ${r.serverCpuSeconds} | ${r.itemsPerSec.toLocaleString('en')} | ${r.itemsPerCpuSec.toLocaleString('en')} | ${r.peakRssMB} MB | ${r.load.join(' → ')} |`,
    );
  }
  console.log(
    `\nSQLite file ${Math.round(statSync(values.db).size / 2 ** 20)} MB; copy back ${Math.round(statSync(back).size / 2 ** 20)} MB`,
  );
  if (results.some((r) => !r.ok)) process.exit(1);
}
