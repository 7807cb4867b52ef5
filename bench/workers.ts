/**
 * Scale-out benchmark: N generated items (`demo/jsonl.ts`, seed 11, split into shard files) ingested
 * and analysed through the persistent job queue by `--workers` real `ogoh worker` processes, first
 * on an SQLite file, then on PostgreSQL, in the same run. Per store it reports items/s per stage
 * (from the jobs' own start and finish times), the CPU seconds of every worker process and of the
 * PostgreSQL server (postmaster and its backends, from /proc), PostgreSQL lock waits (backends
 * sampled every 250 ms in pg_stat_activity), the load average, and — with `--api` — the API's
 * p50/p95/p99 while the workers run (apps/server/bench/api-load.ts, a server over the same store).
 *
 *   node --import tsx bench/workers.ts --items 100000 [--workers 2] [--shards 8] [--api]
 *     [--pg postgres://…  (default OGOH_TEST_PG; without either a throwaway server is started)]
 *     [--pgdata DIR (to measure an external server's CPU)] [--stores sqlite,postgres] [--out DIR]
 *     [--ingest-only (no analyze job: ingest scaling alone)] [--api-seconds 60] [--api-clients 10]
 *
 * A throwaway server (no --pg, no OGOH_TEST_PG) is restarted with pg_stat_statements, so the run
 * also says which statements PostgreSQL spent its time on. Every result line names the commit.
 *
 * Ingest jobs run in parallel across workers; analyze jobs share one lane (one at a time over all
 * workers: see packages/app/src/use-cases/worker.ts), so the analysis stage is one process's work.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { jobRequest, openOgoh, openQueue } from '@ogoh/app';
import postgres from 'postgres';
import { jsonlLines } from '../demo/jsonl.ts';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    workers: { type: 'string', default: '2' },
    shards: { type: 'string', default: '8' },
    'batch-size': { type: 'string', default: '2000' },
    pg: { type: 'string' },
    pgdata: { type: 'string' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    api: { type: 'boolean', default: false },
    /** ingest jobs only: how ingest alone scales with workers */
    'ingest-only': { type: 'boolean', default: false },
    'api-clients': { type: 'string', default: '10' },
    /** how long the API load runs (from the start of ingest) */
    'api-seconds': { type: 'string', default: '60' },
    /** port of the throwaway PostgreSQL server (stopped when the run ends) */
    'pg-port': { type: 'string', default: '5467' },
    out: { type: 'string', default: '/work/bench-stores/workers' },
  },
});
const N = Number(values.items);
const WORKERS = Number(values.workers);
const SHARDS = Number(values.shards);
const OUT = resolve(values.out!);
const BIN = resolve('apps/cli/bin/ogoh.js');
/** the code measured (a run's figures are only comparable with the commit beside them) */
const COMMIT = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
mkdirSync(OUT, { recursive: true });

/** CPU seconds of a process (user + system), and with `children` of its waited-for children too. */
function procCpu(pid: number, children = false): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = Number(f[11]) + Number(f[12]);
    return (children ? own + Number(f[13]) + Number(f[14]) : own) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The PostgreSQL server's CPU: postmaster with its finished children, plus its live backends. */
function pgCpu(pgdata: string | undefined): number {
  if (!pgdata) return Number.NaN;
  try {
    const pid = Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const kids = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .stdout.split('\n')
      .map(Number)
      .filter((p) => p > 0);
    return kids.reduce((s, k) => s + (procCpu(k) || 0), procCpu(pid, true));
  } catch {
    return Number.NaN;
  }
}

// 1. the corpus, in shards (one ingest job each)
const shardFiles = Array.from({ length: SHARDS }, (_, i) => join(OUT, `corpus-${N}-shard${i}.jsonl`));
if (!shardFiles.every(existsSync)) {
  process.stderr.write(`generating ${N} items in ${SHARDS} shards…\n`);
  const outs = shardFiles.map((f) => createWriteStream(f));
  let i = 0;
  // contiguous shards: publication order within each file, as one feed after another
  const per = Math.ceil(N / SHARDS);
  for (const line of jsonlLines({ items: N, seed: 11 })) {
    const w = outs[Math.floor(i++ / per)]!;
    if (!w.write(`${line}\n`)) await new Promise<void>((r) => w.once('drain', () => r()));
  }
  await Promise.all(outs.map((w) => new Promise<void>((r) => w.end(() => r()))));
}

// 2. PostgreSQL: the given server, or a throwaway one
let pgUrl = values.pg ?? process.env.OGOH_TEST_PG;
let pgdata = values.pgdata;
/** the data directory of a server this run started (stopped at the end) */
let throwaway: string | undefined;
if (!pgUrl && values.stores!.includes('postgres')) {
  const root = join(OUT, 'pg');
  const r = spawnSync('bash', ['scripts/pg-start.sh'], {
    encoding: 'utf8',
    env: { ...process.env, PGROOT: root, PGPORT: values['pg-port']! },
  });
  if (r.status !== 0) throw new Error(`pg-start failed: ${r.stderr}`);
  pgUrl = /DATABASE_URL=(\S+)/.exec(r.stdout)![1]!;
  pgdata = join(root, 'data');
  throwaway = pgdata;
  await withStatements(pgUrl, pgdata);
}

/** pg_ctl on a data directory, as the `postgres` user when run as root (as pg-start.sh does). */
function pgCtl(data: string, args: string[]): number | null {
  const ctl = ['/usr/lib/postgresql/15/bin/pg_ctl', '-D', data, ...args];
  const asRoot = process.getuid?.() === 0;
  // no pipes: a server started holding this process's pipes keeps spawnSync waiting
  return spawnSync(asRoot ? 'runuser' : ctl[0]!, asRoot ? ['-u', 'postgres', '--', ...ctl] : ctl.slice(1), {
    stdio: 'ignore',
  }).status;
}

/**
 * The throwaway server restarted with pg_stat_statements loaded (where PostgreSQL's time goes, per
 * statement); `pg_ctl restart` keeps the options pg-start.sh gave. Best effort: without it the run
 * still reports CPU and waits.
 */
async function withStatements(url: string, data: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
  } finally {
    await sql.end({ timeout: 5 });
  }
  const status = pgCtl(data, ['-l', join(data, 'server.log'), '-w', '-m', 'fast', 'restart']);
  if (status !== 0) process.stderr.write(`pg_stat_statements not loaded (pg_ctl restart: ${status})\n`);
  const again = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await again.unsafe('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  } catch (e) {
    process.stderr.write(`pg_stat_statements not available: ${(e as Error).message}\n`);
  } finally {
    await again.end({ timeout: 5 });
  }
}

interface StageFigures {
  items: number;
  wallSeconds: number;
  itemsPerSecond: number;
}

async function runStore(kind: 'sqlite' | 'postgres'): Promise<Record<string, unknown>> {
  const schema = `bench_workers_${process.pid}`;
  const db =
    kind === 'sqlite'
      ? join(OUT, `workers-${N}.db`)
      : `${pgUrl}${pgUrl!.includes('?') ? '&' : '?'}schema=${schema}`;
  if (kind === 'sqlite') for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  process.stderr.write(`\n== ${kind}: ${N} items, ${WORKERS} workers\n`);

  // enqueue: one ingest job per shard, then one analysis (it waits for the ingest jobs before it)
  const app = await openOgoh({ db });
  const queue = await openQueue(app);
  for (const f of shardFiles) await queue.enqueue(jobRequest('ingest', { paths: [f] }, 'bench'));
  if (!values['ingest-only'])
    await queue.enqueue(
      jobRequest('analyze', { batchSize: Number(values['batch-size']), key: `bench-${Date.now()}` }, 'bench'),
    );

  const lockSamples = {
    samples: 0,
    lock: 0,
    lwlock: 0,
    io: 0,
    active: 0,
    events: {} as Record<string, number>,
  };
  let sampler: ReturnType<typeof setInterval> | undefined;
  let sql: ReturnType<typeof postgres> | undefined;
  if (kind === 'postgres') {
    sql = postgres(pgUrl!, { max: 1, onnotice: () => {} });
    sampler = setInterval(() => {
      sql!
        .unsafe(
          `SELECT wait_event_type, wait_event, left(query, 60) AS query, state FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
        )
        .then((rows) => {
          lockSamples.samples++;
          for (const r of rows) {
            lockSamples.active++;
            if (r.wait_event_type === 'Lock') {
              lockSamples.lock++;
              const k = `${r.wait_event}: ${String(r.query).replace(/\s+/g, ' ')}`;
              lockSamples.events[k] = (lockSamples.events[k] ?? 0) + 1;
            } else if (r.wait_event_type === 'LWLock') lockSamples.lwlock++;
            else if (r.wait_event_type === 'IO') lockSamples.io++;
          }
        })
        .catch(() => {});
    }, 250);
  }

  // statements per stage, when the server loads pg_stat_statements (CREATE EXTENSION in the database)
  const statements = kind === 'postgres' ? await statementStats(pgUrl!, 'reset') : undefined;
  const pg0 = kind === 'postgres' ? pgCpu(pgdata) : Number.NaN;
  const load0 = loadavg()[0]!;
  const t0 = Date.now();
  const workers: ChildProcess[] = Array.from({ length: WORKERS }, () =>
    spawn(process.execPath, [BIN, '--db', db, '--quiet', 'worker', '--poll-interval', '200'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const lastCpu = new Map<number, number>();
  let api: ChildProcess | undefined;
  let apiOut = '';
  if (values.api) {
    // the API under the same load, started once ingest is under way
    api = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'apps/server/bench/api-load.ts',
        '--db',
        db,
        '--clients',
        values['api-clients']!,
        '--requests',
        '1000000',
        '--seconds',
        values['api-seconds']!,
        '--cpu-rounds',
        '0',
        '--warmup',
        '20',
        '--json',
        '--only',
        'items,detections,stories,sources,stats,cases,claims,triage',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    api.stdout!.on('data', (d: Buffer) => {
      apiOut += d.toString();
    });
  }
  // wait until every job is finished, keeping each worker's latest CPU reading
  let jobs = await queue.list({ limit: 1000 });
  for (;;) {
    for (const w of workers) if (w.pid) lastCpu.set(w.pid, procCpu(w.pid) || lastCpu.get(w.pid) || 0);
    jobs = await queue.list({ limit: 1000 });
    const open = jobs.filter((j) => j.status === 'queued' || j.status === 'running');
    if (open.length === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const wall = (Date.now() - t0) / 1000;
  const pg1 = kind === 'postgres' ? pgCpu(pgdata) : Number.NaN;
  const statementsAfter = statements ? await statementStats(pgUrl!, 'read') : undefined;
  const load1 = loadavg()[0]!;
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(0) : w.once('exit', r)))));
  if (api) await new Promise((r) => (api!.exitCode !== null ? r(0) : api!.once('exit', r)));
  if (sampler) clearInterval(sampler);
  await sql?.end({ timeout: 5 });

  const span = (js: typeof jobs): StageFigures => {
    const start = Math.min(...js.map((j) => Date.parse(j.startedAt ?? j.createdAt)));
    const end = Math.max(...js.map((j) => Date.parse(j.finishedAt ?? j.updatedAt)));
    const items = js.reduce(
      (s, j) =>
        s +
        Number((j.result as { new?: number; analysed?: number } | undefined)?.new ?? j.result?.analysed ?? 0),
      0,
    );
    const w = (end - start) / 1000;
    return { items, wallSeconds: +w.toFixed(1), itemsPerSecond: Math.round(items / w) };
  };
  const failed = jobs.filter((j) => j.status === 'failed');
  const ingest = span(jobs.filter((j) => j.kind === 'ingest'));
  // an analysis claimed early waits (deferred) for the ingest jobs: its stage starts when they end
  const analyzeJobs = jobs.filter((j) => j.kind === 'analyze');
  const ingestEnd = Math.max(
    ...jobs.filter((j) => j.kind === 'ingest').map((j) => Date.parse(j.finishedAt ?? j.updatedAt)),
  );
  const analyze =
    analyzeJobs.length === 0
      ? undefined
      : span(
          analyzeJobs.map((j) => ({
            ...j,
            startedAt: new Date(Math.max(Date.parse(j.startedAt ?? j.createdAt), ingestEnd)).toISOString(),
          })),
        );
  const s = await app.store.stats();
  await queue.close();
  await app.close();
  if (kind === 'postgres') {
    const admin = postgres(pgUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await admin.end({ timeout: 5 });
  }
  const apiSummary = apiOut.trim() ? JSON.parse(apiOut.trim().split('\n').pop()!) : undefined;
  return {
    store: kind,
    commit: COMMIT,
    items: N,
    workers: WORKERS,
    wallSeconds: +wall.toFixed(1),
    endToEndItemsPerSecond: Math.round(N / wall),
    ingest,
    analyze,
    failedJobs: failed.map((j) => `${j.kind} ${j.error?.code}: ${j.error?.message}`),
    workerCpuSeconds: [...lastCpu.values()].map((c) => +c.toFixed(1)),
    pgCpuSeconds: +(pg1 - pg0).toFixed(1),
    pgWaits: kind === 'postgres' ? lockSamples : undefined,
    ...(statementsAfter ? { pgStatements: statementsAfter } : {}),
    load: [+load0.toFixed(1), +load1.toFixed(1)],
    stored: { items: s.items, stories: s.stories, detections: s.detections },
    ...(apiSummary
      ? {
          api: {
            reqPerSec: apiSummary.reqPerSec,
            clients: apiSummary.clients,
            all: apiSummary.rows.find((r: { endpoint: string }) => r.endpoint === 'all'),
            serverCpuSeconds: apiSummary.serverCpuSeconds,
            failed: apiSummary.failed,
          },
        }
      : {}),
  };
}

/**
 * pg_stat_statements of the server (all databases: the bench's server is its own): `reset` clears
 * them and says whether they are there; `read` gives calls and execution ms in all, and the
 * statements that took the most time.
 */
async function statementStats(
  url: string,
  op: 'reset' | 'read',
): Promise<
  | { calls: number; execMs: number; top: { calls: number; ms: number; rows: number; query: string }[] }
  | undefined
> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    if (op === 'reset') {
      await sql.unsafe('SELECT pg_stat_statements_reset()');
      return { calls: 0, execMs: 0, top: [] };
    }
    const rows = await sql.unsafe(
      `SELECT calls::float8 AS calls, total_exec_time AS ms, rows::float8 AS rows, query FROM pg_stat_statements
        WHERE query NOT LIKE '%pg_stat_%' ORDER BY total_exec_time DESC`,
    );
    return {
      calls: rows.reduce((n, r) => n + Number(r.calls), 0),
      execMs: Math.round(rows.reduce((n, r) => n + Number(r.ms), 0)),
      top: rows.slice(0, 12).map((r) => ({
        calls: Number(r.calls),
        ms: Math.round(Number(r.ms)),
        rows: Number(r.rows),
        query: String(r.query).replace(/\s+/g, ' ').slice(0, 90),
      })),
    };
  } catch {
    return undefined;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

const results: Record<string, unknown>[] = [];
for (const kind of values.stores!.split(',') as ('sqlite' | 'postgres')[]) {
  const r = await runStore(kind);
  process.stdout.write(`${JSON.stringify(r)}\n`);
  results.push(r);
}
if (throwaway) pgCtl(throwaway, ['-w', '-m', 'fast', 'stop']);
process.stderr.write(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
