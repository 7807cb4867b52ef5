/**
 * What a whole-store view's recomputation does to the other requests: the server over an existing
 * store, every view warmed, then another connection ingests and analyses a few items (the data
 * version moves) and the dashboard asks for trends, convergence and coordination again. Meanwhile a
 * client asks GET /api/me back to back; its worst and p95 latency over the recomputation window are
 * the figure. Run once with the views on the view thread (`ogoh serve`'s default) and once computed in
 * place (`views: false`, the old behaviour). CPU seconds of this process (both threads) beside wall.
 *
 *   node --import tsx bench/views-bg.ts --db /work/bench-stores/servebg/v10k.db
 */
import { writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, analyse, createApiKey, ingestPaths, openAuth, openOgoh } from '@ogoh/app';
import { createServer } from '../apps/server/src/server.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const db = arg('--db');
if (!db) {
  console.error('usage: bench/views-bg.ts --db <store>');
  process.exit(2);
}
const VIEWS = ['/api/trends', '/api/convergence', '/api/coordination'];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function run(mode: 'thread' | 'in place', round: number) {
  const app = await openOgoh({ db: db! });
  const auth = await openAuth(app);
  const user = `bench-${process.pid}-${round}`;
  let key: string;
  try {
    await addUser(auth, { username: user, role: 'viewer', password: 'bench-password-123' });
    key = (await createApiKey(auth, { name: user, role: 'viewer' })).key;
  } finally {
    await auth.close();
  }
  const server = await createServer(app, {
    logger: false,
    webDir: false,
    worker: false,
    views: mode === 'thread' ? { staleAfterMs: 0, refreshEveryMs: 0 } : false,
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const addr = server.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const headers = { authorization: `Bearer ${key}` };
  const get = async (path: string) => {
    const t0 = performance.now();
    const r = await fetch(base + path, { headers });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return { ms: performance.now() - t0, cache: r.headers.get('x-ogoh-cache') ?? '' };
  };
  // warm: every view computed once at this version
  const w0 = performance.now();
  for (const v of VIEWS) await get(v);
  const warm = performance.now() - w0;

  // another process's change: a few new items, analysed
  const file = join(tmpdir(), `views-bg-${process.pid}-${round}.jsonl`);
  writeFileSync(
    file,
    `${Array.from({ length: 3 }, (_, i) =>
      JSON.stringify({
        id: `views-bg-${process.pid}-${round}-${i}`,
        source: 'views-bg.example',
        published: '2026-11-20T10:00:00Z',
        url: `https://views-bg.example/${process.pid}/${round}/${i}`,
        text: `НАТО готовит цветную революцию в Центральной Азии ${round} ${i}.`,
        lang: 'ru',
      }),
    ).join('\n')}\n`,
  );
  const other = await openOgoh({ db: db! });
  await ingestPaths(other, [file]);
  await analyse(other);
  await other.close();

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const lat: number[] = [];
  let done = false;
  const probe = (async () => {
    while (!done) lat.push((await get('/api/me')).ms);
  })();
  const asked = await Promise.all(VIEWS.map(get));
  // in place, the views are fresh once answered; on the thread, wait until the fresh values are in
  let fresh = asked.every((a) => !a.cache.startsWith('stale'));
  while (!fresh) {
    await new Promise((r) => setTimeout(r, 100));
    fresh = (await Promise.all(VIEWS.map(get))).every((a) => a.cache.startsWith('hit'));
  }
  const window = performance.now() - t0;
  done = true;
  await probe;
  const cpu = process.cpuUsage(cpu0);
  await server.close();
  await app.close();
  console.log(
    `${mode.padEnd(8)}  views answered in ${asked.map((a) => `${a.ms.toFixed(0)} ms (${a.cache.split(';')[0]})`).join(', ')}; ` +
      `fresh after ${(window / 1000).toFixed(1)} s; GET /api/me meanwhile: ${lat.length} requests, ` +
      `p50 ${pct(lat, 50).toFixed(1)} ms, p95 ${pct(lat, 95).toFixed(1)} ms, max ${Math.max(...lat).toFixed(0)} ms; ` +
      `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (warm-up ${(warm / 1000).toFixed(1)} s wall); load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
}

await run('thread', 1);
await run('in place', 2);
