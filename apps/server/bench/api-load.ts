/**
 * Bounded load on the list and filter endpoints, from a second process on 127.0.0.1: starts
 * `ogoh serve` on a free port over a store, then runs `--clients` concurrent clients until
 * `--requests` requests are done (or `--seconds` pass), and prints p50/p95/p99 per endpoint.
 *
 *   node --import tsx apps/server/bench/api-load.ts --db ./ogoh-demo.db --clients 50 --requests 5000
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { createApiKey, openAuth, openOgoh } from '@ogoh/app';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: './ogoh-demo.db' },
    clients: { type: 'string', default: '50' },
    requests: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '60' },
  },
});
const clients = Number(values.clients);
const total = Number(values.requests);
const deadline = Date.now() + Number(values.seconds) * 1000;

const app = await openOgoh({ db: values.db! });
const auth = await openAuth(app);
const { key } = await createApiKey(
  auth,
  { name: `bench ${new Date().toISOString()}`, role: 'viewer' },
  'bench',
);
const sources = (await app.store.listSources()).map((s) => s.id);
await auth.close();
await app.close();

const bin = new URL('../../cli/bin/ogoh.js', import.meta.url).pathname;
const server = spawn(process.execPath, [bin, '--db', values.db!, '--quiet', 'serve', '--port', '0'], {
  stdio: ['ignore', 'ignore', 'pipe'],
});
const base = await new Promise<string>((resolve, reject) => {
  let err = '';
  server.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
    if (m?.[1]) resolve(m[1]);
  });
  server.on('exit', (c) => reject(new Error(`server exited ${c}: ${err}`)));
});

const endpoints: [string, () => string][] = [
  ['items (newest)', () => '/api/items?limit=50'],
  ['items q=хукумат', () => `/api/items?q=${encodeURIComponent('хукумат')}&limit=50`],
  ['items lang=tg', () => '/api/items?lang=tg&limit=50'],
  ['items source', () => `/api/items?source=${sources[Math.floor(Math.random() * sources.length)]}&limit=50`],
  ['items lang+q', () => `/api/items?lang=ru&q=${encodeURIComponent('правительство')}&limit=50`],
  ['stories', () => '/api/stories?limit=50'],
];
const times = new Map<string, number[]>(endpoints.map(([n]) => [n, []]));
let issued = 0;
let failed = 0;
const started = performance.now();
async function client(): Promise<void> {
  while (issued < total && Date.now() < deadline) {
    const [name, url] = endpoints[issued++ % endpoints.length]!;
    const t0 = performance.now();
    const res = await fetch(base + url(), { headers: { authorization: `Bearer ${key}` } });
    await res.arrayBuffer();
    if (!res.ok) failed++;
    times.get(name)!.push(performance.now() - t0);
  }
}
await Promise.all(Array.from({ length: clients }, client));
const wall = (performance.now() - started) / 1000;
server.kill('SIGTERM');

const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
console.log(
  `${issued} requests, ${clients} clients, ${wall.toFixed(1)} s, ${(issued / wall).toFixed(0)} req/s, ${failed} failed`,
);
console.log(
  'endpoint'.padEnd(20),
  'n'.padStart(6),
  'p50 ms'.padStart(8),
  'p95 ms'.padStart(8),
  'p99 ms'.padStart(8),
);
const all: number[] = [];
for (const [name, xs] of times) {
  xs.sort((a, b) => a - b);
  all.push(...xs);
  console.log(
    name.padEnd(20),
    String(xs.length).padStart(6),
    q(xs, 0.5).toFixed(1).padStart(8),
    q(xs, 0.95).toFixed(1).padStart(8),
    q(xs, 0.99).toFixed(1).padStart(8),
  );
}
all.sort((a, b) => a - b);
console.log(
  'all'.padEnd(20),
  String(all.length).padStart(6),
  q(all, 0.5).toFixed(1).padStart(8),
  q(all, 0.95).toFixed(1).padStart(8),
  q(all, 0.99).toFixed(1).padStart(8),
);
