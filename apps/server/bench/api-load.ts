/**
 * Bounded load on the list and filter endpoints, from a second process on 127.0.0.1: starts
 * `ogoh serve --no-worker` (no background jobs in the measured process) on a free port over a store
 * (SQLite file or postgres:// URL), then runs `--clients`
 * concurrent clients, each sending its next request as soon as the previous one answered (closed
 * loop, no think time: the harshest reading of "50 concurrent clients"), until `--requests` requests
 * are done or `--seconds` pass. Prints p50/p95/p99 and requests/s per endpoint, the server process's
 * CPU seconds (from /proc) and the load average, and with `--json` one JSON line.
 *
 *   node --import tsx apps/server/bench/api-load.ts --db /work/bench-stores/api-1m.db --clients 50 --requests 20000
 *   … --only items,stories     # endpoints whose name starts with one of these
 *   … --processes 2          # `ogoh serve --processes 2`: CPU summed over the primary and its workers
 *   … --cpu-prof DIR         # V8 CPU profiles of the server process(es), written as they exit
 *   … --url http://127.0.0.1:8787 --key KEY   # an already running server (its CPU is not measured)
 *   … --url … --key … --pids 123,456         # … whose CPU is measured from these processes
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createApiKey, openAuth, openOgoh } from '@ogoh/app';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: './ogoh-demo.db' },
    clients: { type: 'string', default: '50' },
    requests: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '1000' },
    'cpu-rounds': { type: 'string', default: '20' },
    only: { type: 'string' },
    url: { type: 'string' },
    /** the `ogoh` to start (another checkout's apps/cli/bin/ogoh.js, for before/after runs) */
    bin: { type: 'string' },
    /** with --url: the running server's process ids (comma-separated), to measure its CPU */
    pids: { type: 'string' },
    key: { type: 'string' },
    json: { type: 'boolean', default: false },
    /** server processes sharing the port (`ogoh serve --processes`) */
    processes: { type: 'string', default: '1' },
    /** write a V8 CPU profile of the server process into this directory (node --cpu-prof) */
    'cpu-prof': { type: 'string' },
  },
});
const clients = Number(values.clients);
const total = Number(values.requests);
const seconds = Number(values.seconds);

/** CPU seconds (user + system) of the server's processes together. */
function serverCpuNow(): number {
  return serverPids.reduce((sum, pid) => sum + procCpu(pid), 0);
}

/** CPU seconds (user + system) of a process, from /proc (Linux). */
function procCpu(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

let key = values.key;
let sources: string[] = [];
let labels: string[] = [];
{
  const app = await openOgoh({ db: values.db! });
  try {
    if (!key) {
      const auth = await openAuth(app);
      key = (
        await createApiKey(auth, { name: `bench ${new Date().toISOString()}`, role: 'analyst' }, 'bench')
      ).key;
      await auth.close();
    }
    sources = (await app.store.listSources()).map((s) => s.id);
    labels = [
      ...new Set(
        (
          await app.store.detectionsFor((await app.store.queryItems({ limit: 200 })).items.map((i) => i.id))
        ).map((d) => d.label),
      ),
    ];
  } finally {
    await app.close();
  }
}

let base = values.url;
let server: ReturnType<typeof spawn> | undefined;
/** the server's processes: the one, or the cluster primary and its workers */
let serverPids: number[] = values.pids?.split(',').map(Number) ?? [];
if (!base) {
  const bin = values.bin ?? new URL('../../cli/bin/ogoh.js', import.meta.url).pathname;
  server = spawn(
    process.execPath,
    [
      ...(values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : []),
      bin,
      '--db',
      values.db!,
      '--quiet',
      'serve',
      '--port',
      '0',
      '--no-worker',
      ...(values.processes !== '1' ? ['--processes', values.processes!] : []),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const s = server;
  // a crash of this script must not leave the server running
  process.once('exit', () => s.kill('SIGTERM'));
  base = await new Promise<string>((resolve, reject) => {
    let err = '';
    s.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      const many = values.processes !== '1';
      const pids = /share the port \(pids ([\d, ]+)\)/.exec(err);
      if (m?.[1] && (!many || pids?.[1])) {
        serverPids = [s.pid!, ...(pids?.[1]?.split(', ').map(Number) ?? [])];
        resolve(m[1]);
      }
    });
    s.on('exit', (c) => reject(new Error(`server exited ${c}: ${err}`)));
  });
}

let r = 1;
const rnd = <T>(xs: T[]): T | undefined => {
  r = (Math.imul(r, 1103515245) + 12345) >>> 0;
  return xs.length ? xs[r % xs.length] : undefined;
};
const words = ['хукумат', 'правительство', 'Душанбе', 'ҳукумат', 'талабагон', 'Ташкент', 'migrants', 'барқ'];
const enc = encodeURIComponent;
const ALL: [string, () => string][] = [
  ['items newest', () => '/api/items?limit=50'],
  ['items q', () => `/api/items?q=${enc(rnd(words)!)}&limit=50`],
  ['items lang=tg', () => '/api/items?lang=tg&limit=50'],
  ['items source', () => `/api/items?source=${enc(rnd(sources) ?? 'x')}&limit=50`],
  ['items lang+q', () => `/api/items?lang=ru&q=${enc('правительство')}&limit=50`],
  ['items label', () => `/api/items?label=${enc(rnd(labels) ?? 'x')}&limit=50`],
  ['items since+lang', () => '/api/items?lang=tg&since=2026-10-15&until=2026-11-01&limit=50'],
  ['detections', () => '/api/detections?limit=50'],
  ['detections kind', () => '/api/detections?kind=narrative&limit=50'],
  ['stories', () => '/api/stories?limit=50'],
  ['narratives counts', () => '/api/narratives?counts=true'],
  ['techniques counts', () => '/api/techniques?counts=true'],
  ['sources', () => '/api/sources'],
  ['stats', () => '/api/stats'],
  ['series by lang', () => '/api/series?by=lang&interval=day'],
  ['claims', () => '/api/claims?limit=50'],
  ['cases', () => '/api/cases?limit=50'],
  ['alerts events', () => '/api/alerts/events?limit=50'],
  ['alerts rules', () => '/api/alerts/rules'],
  ['triage', () => '/api/triage?limit=20'],
  ['coordination', () => '/api/coordination'],
  ['trends', () => '/api/trends'],
  ['convergence', () => '/api/convergence'],
];
const only = values.only?.split(',').map((s) => s.trim());
const endpoints = only ? ALL.filter(([n]) => only.some((o) => n.startsWith(o))) : ALL;
const headers = { authorization: `Bearer ${key}` };
// node:http with keep-alive, not fetch: undici's fetch cost the client ~0.75 ms of CPU per request,
// CPU taken from the server on a 2-core machine; this client costs about a third of that.
const agent = new Agent({ keepAlive: true, maxSockets: clients });
/** response body bytes received */
let bytes = 0;
// A successful body is read to its end and counted but not kept or decoded (decoding 30–170 kB
// of JSON per response was a fifth of this client's CPU, taken from the server on 2 cores); a
// failed one is kept for the report.
function get(path: string): Promise<{ ok: boolean; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { agent, headers }, (res) => {
      const status = res.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (!ok) chunks.push(c);
      });
      res.on('end', () => {
        resolve({ ok, status, body: ok ? '' : Buffer.concat(chunks).toString() });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

// Warm-up: every endpoint on as many connections as there are clients, so each server process
// computes its own cached views (first-call caches, JIT), then a few rounds; not timed.
const failures = new Map<string, string>();
for (const [name, url] of endpoints)
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const res = await get(url());
      if (!res.ok) failures.set(name, `${res.status} ${res.body.slice(0, 200)}`);
    }),
  );
// (the rounds run on all the clients' connections, so every server process gets its share of JIT)
{
  let w = 0;
  const rounds = Number(values.warmup) * Number(values.processes);
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (w < rounds) {
        const [, url] = endpoints[w++ % endpoints.length]!;
        await get(url());
      }
    }),
  );
}
// Server CPU per request, one endpoint at a time with one client: the load-independent cost
// (on a shared machine wall times depend on how much of a core the server gets).
const cpuMs = new Map<string, number>();
const rounds = Number(values['cpu-rounds']);
if (serverPids.length > 0 && rounds > 0)
  for (const [name, url] of endpoints) {
    const c0 = serverCpuNow();
    for (let i = 0; i < rounds; i++) await get(url());
    cpuMs.set(name, ((serverCpuNow() - c0) * 1000) / rounds);
  }

const times = new Map<string, number[]>(endpoints.map(([n]) => [n, []]));
let issued = 0;
let failed = 0;
const deadline = Date.now() + seconds * 1000;
const cpu0 = serverPids.length > 0 ? serverCpuNow() : Number.NaN;
const self0 = process.cpuUsage();
const bytes0 = bytes;
const load0 = loadavg()[0]!;
const started = performance.now();
async function client(): Promise<void> {
  while (issued < total && Date.now() < deadline) {
    const [name, url] = endpoints[issued++ % endpoints.length]!;
    const t0 = performance.now();
    const res = await get(url());
    if (!res.ok) {
      failed++;
      if (!failures.has(name)) failures.set(name, String(res.status));
    }
    times.get(name)!.push(performance.now() - t0);
  }
}
await Promise.all(Array.from({ length: clients }, client));
const wall = (performance.now() - started) / 1000;
const serverCpu = serverPids.length > 0 ? serverCpuNow() - cpu0 : Number.NaN;
const selfCpu = process.cpuUsage(self0);
const load1 = loadavg()[0]!;
if (server) {
  const s = server;
  // wait for it to exit: a CPU profile is written on the way out
  const exited = new Promise((resolve) => s.once('exit', resolve));
  s.kill('SIGTERM');
  await exited;
}

const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN;
const rows: {
  endpoint: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  cpuMs?: number;
}[] = [];
const all: number[] = [];
for (const [name, xs] of times) {
  xs.sort((a, b) => a - b);
  all.push(...xs);
  rows.push({
    endpoint: name,
    n: xs.length,
    p50: q(xs, 0.5),
    p95: q(xs, 0.95),
    p99: q(xs, 0.99),
    rps: xs.length / wall,
    ...(cpuMs.has(name) ? { cpuMs: cpuMs.get(name)! } : {}),
  });
}
all.sort((a, b) => a - b);
rows.push({
  endpoint: 'all',
  n: all.length,
  p50: q(all, 0.5),
  p95: q(all, 0.95),
  p99: q(all, 0.99),
  rps: all.length / wall,
  // under load, the whole run's server CPU over its requests (the per-endpoint rows are measured alone)
  ...(Number.isFinite(serverCpu) && all.length > 0 ? { cpuMs: (serverCpu * 1000) / all.length } : {}),
});
const summary = {
  at: new Date().toISOString(),
  db: values.db,
  requests: issued,
  clients,
  processes: Number(values.processes),
  wallSeconds: +wall.toFixed(1),
  reqPerSec: Math.round(issued / wall),
  failed,
  serverCpuSeconds: +serverCpu.toFixed(1),
  /** share of one core the server used during the timed run */
  serverCpuShare: +(serverCpu / wall).toFixed(2),
  clientCpuSeconds: +((selfCpu.user + selfCpu.system) / 1e6).toFixed(1),
  /** mean response body size in the timed run */
  bodyKbPerRequest: +((bytes - bytes0) / 1024 / Math.max(1, issued)).toFixed(1),
  load: [+load0.toFixed(2), +load1.toFixed(2)],
  cores: cpus().length,
  rows,
  failures: Object.fromEntries(failures),
};
if (values.json) console.log(JSON.stringify(summary));
console.error(
  `${issued} requests, ${clients} clients, ${wall.toFixed(1)} s, ${summary.reqPerSec} req/s, ${failed} failed; ` +
    `server CPU ${summary.serverCpuSeconds} s (${summary.serverCpuShare} of a core), client CPU ${summary.clientCpuSeconds} s, ${summary.bodyKbPerRequest} kB per body, ` +
    `load ${summary.load.join('→')}`,
);
for (const [name, why] of failures) console.error(`  FAILED ${name}: ${why}`);
console.error(
  `${'endpoint'.padEnd(20)} ${'n'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(7)} ${'CPU ms/req'.padStart(10)}`,
);
for (const x of rows)
  console.error(
    `${x.endpoint.padEnd(20)} ${String(x.n).padStart(6)} ${x.p50.toFixed(1).padStart(8)} ${x.p95.toFixed(1).padStart(8)} ${x.p99.toFixed(1).padStart(8)} ${x.rps.toFixed(0).padStart(7)} ${(x.cpuMs === undefined ? '–' : x.cpuMs.toFixed(2)).padStart(10)}`,
  );
