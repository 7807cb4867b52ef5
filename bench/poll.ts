/**
 * Collection benchmark: a full poll cycle over 200 sources served by local HTTP servers on
 * 127.0.0.1 (20 hosts = 20 ports, 10 feeds each, 20 items per feed, ETags), through the same
 * `pollSources` the CLI calls, then a warm cycle (all 304) and a cycle where 10 % of the feeds moved
 * on. Checks that every item is stored exactly once and that no host was ever asked faster than its
 * rate limit — measured by the servers themselves, not by the limiter. Then OCR and pHash
 * throughput per image.
 *
 *   node --import tsx bench/poll.ts [--hosts 20] [--per-host 10] [--items 20] [--interval 100] [--ocr 10]
 *
 * Prints one JSON line and a Markdown table for docs/BENCHMARKS.md.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { addSource, DEFAULT_COLLECT_CONFIG, fetcherFor, openOgoh, pollSources } from '@ogoh/app';
import { decodeImage, ocrImage, parseAllowList, phash, tesseractInfo } from '@ogoh/ingest';

const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '20' },
    'per-host': { type: 'string', default: '10' },
    items: { type: 'string', default: '20' },
    interval: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '16' },
    ocr: { type: 'string', default: '10' },
  },
});
const HOSTS = Number(values.hosts);
const PER_HOST = Number(values['per-host']);
const ITEMS = Number(values.items);
const INTERVAL = Number(values.interval);
const CONCURRENCY = Number(values.concurrency);
const OCR_RUNS = Number(values.ocr);

/** Feed i of a host: its items are numbered from `start`, so moving `start` adds new ones. */
const feeds = new Map<string, { start: number; version: number }>();

function feedXml(host: number, feed: number, start: number): string {
  const items: string[] = [];
  for (let k = start; k < start + ITEMS; k++)
    items.push(
      `<item><guid>h${host}-f${feed}-i${k}</guid><link>http://bench-${host}.example/f${feed}/${k}</link>` +
        `<title>Хабари ${k} аз манбаи ${host}/${feed}</title><pubDate>Mon, 02 Mar 2026 ${String(k % 24).padStart(2, '0')}:00:00 +0500</pubDate>` +
        `<description>Матни хабари рақами ${k}: ҳукумат дар бораи нархи орд, нерӯи барқ ва муҳоҷирон дар Русия изҳорот дод. ` +
        `Правительство сообщило о ценах на муку и электроэнергию.</description></item>`,
    );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench ${host}/${feed}</title>${items.join('')}</channel></rss>`;
}

interface HostServer {
  server: Server;
  origin: string;
  arrivals: number[];
}

async function startHost(h: number): Promise<HostServer> {
  const arrivals: number[] = [];
  const server = createServer((req, res) => {
    arrivals.push(performance.now());
    const m = /^\/f(\d+)\.xml$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404);
      return res.end();
    }
    const key = `${h}/${m[1]}`;
    const f = feeds.get(key)!;
    const etag = `"${f.version}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      return res.end();
    }
    const body = feedXml(h, Number(m[1]), f.start);
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals };
}

/** Smallest gap between two request arrivals, and the most arrivals in any window of one interval. */
function arrivalStats(times: number[]): { minGap: number; maxInWindow: number } {
  const t = [...times].sort((a, b) => a - b);
  let minGap = Number.POSITIVE_INFINITY;
  let maxInWindow = 0;
  let lo = 0;
  for (let i = 0; i < t.length; i++) {
    if (i > 0) minGap = Math.min(minGap, t[i]! - t[i - 1]!);
    while (t[i]! - t[lo]! >= INTERVAL) lo++;
    maxInWindow = Math.max(maxInWindow, i - lo + 1);
  }
  return { minGap, maxInWindow };
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ogoh-bench-poll-'));
  const hosts = await Promise.all(Array.from({ length: HOSTS }, (_, h) => startHost(h)));
  const app = await openOgoh({ db: join(dir, 'poll.db') });
  const config = {
    ...DEFAULT_COLLECT_CONFIG,
    allow: parseAllowList('127.0.0.1', 'bench'),
    perHostIntervalMs: INTERVAL,
    perHostConcurrency: 1,
    concurrency: CONCURRENCY,
    retries: 0,
    ocr: false as const,
  };
  // one fetcher for all cycles, as `sources poll --every` keeps one: robots.txt is read once per host
  const fetcher = fetcherFor(config);
  try {
    for (let h = 0; h < HOSTS; h++)
      for (let f = 0; f < PER_HOST; f++) {
        feeds.set(`${h}/${f}`, { start: 0, version: 1 });
        await addSource(app, {
          id: `bench-${h}-${f}.example`,
          platform: 'rss',
          url: `${hosts[h]!.origin}/f${f}.xml`,
          languages: ['tg', 'ru'],
        });
      }
    const sources = HOSTS * PER_HOST;
    const cycle = async (name: string) => {
      const before = hosts.reduce((n, s) => n + s.arrivals.length, 0);
      const c0 = cpu();
      const t0 = performance.now();
      const rep = await pollSources(app, { config, fetcher, force: true });
      const seconds = (performance.now() - t0) / 1000;
      const requests = hosts.reduce((n, s) => n + s.arrivals.length, 0) - before;
      return {
        name,
        seconds,
        cpuSeconds: cpu() - c0,
        requests,
        requestsPerSec: requests / seconds,
        items: rep.items,
        new: rep.new,
        itemsPerSec: rep.items / seconds,
        failed: rep.failed,
        limiterMinGapMs: Math.min(...rep.hosts.map((x) => x.minGapMs)),
      };
    };
    const cold = await cycle('cold');
    const warm = await cycle('warm (all 304)');
    // 10 % of the feeds move on by 5 items
    let moved = 0;
    for (const [key, f] of feeds)
      if (moved < sources / 10 && Number(key.split('/')[1]) === 0) {
        f.start += 5;
        f.version++;
        moved++;
      }
    const partial = await cycle('10 % of feeds changed');
    const stored = (await app.store.stats()).items;
    const expected = sources * ITEMS + moved * 5;
    const perHost = hosts.map((s) => arrivalStats(s.arrivals));
    const serverMinGap = Math.min(...perHost.map((p) => p.minGap));
    const maxInWindow = Math.max(...perHost.map((p) => p.maxInWindow));

    // OCR and pHash per image
    const png = new Uint8Array(
      readFileSync(new URL('../packages/ingest/src/ocr/fixtures/tg-ru.png', import.meta.url)),
    );
    let ocrMs: number | undefined;
    const tess = await tesseractInfo();
    if (tess && OCR_RUNS > 0) {
      await ocrImage(png, { langs: ['tgk', 'rus'] });
      const t0 = performance.now();
      for (let i = 0; i < OCR_RUNS; i++) await ocrImage(png, { langs: ['tgk', 'rus'] });
      ocrMs = (performance.now() - t0) / OCR_RUNS;
    }
    decodeImage(png);
    const t1 = performance.now();
    for (let i = 0; i < 50; i++) phash(png);
    const phashMs = (performance.now() - t1) / 50;

    const result = {
      sources,
      hosts: HOSTS,
      itemsPerFeed: ITEMS,
      intervalMs: INTERVAL,
      concurrency: CONCURRENCY,
      cycles: [cold, warm, partial],
      storedItems: stored,
      expectedItems: expected,
      exactlyOnce:
        stored === expected && cold.new === sources * ITEMS && warm.new === 0 && partial.new === moved * 5,
      serverMinGapMs: serverMinGap,
      maxRequestsPerInterval: maxInWindow,
      ocrMsPerImage: ocrMs,
      ocrImage: '900×220 PNG, two lines (tgk+rus)',
      phashMsPerImage: phashMs,
      cpus: cpus().length,
      load: loadavg()[0],
      node: process.version,
    };
    console.log(JSON.stringify(result));
    const f1 = (x: number) => x.toFixed(1);
    console.log('\n| Cycle | Wall | CPU | Requests | Requests/s | Items parsed | New | Items/s | Failed |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const c of result.cycles)
      console.log(
        `| ${c.name} | ${f1(c.seconds)} s | ${f1(c.cpuSeconds)} s | ${c.requests} | ${Math.round(c.requestsPerSec)} | ${c.items} | ${c.new} | ${Math.round(c.itemsPerSec)} | ${c.failed} |`,
      );
    console.log(
      `\nexactly once: ${result.exactlyOnce} (${stored} stored, ${expected} expected); per-host interval ${INTERVAL} ms: smallest gap between arrivals ${f1(serverMinGap)} ms, at most ${maxInWindow} request(s) in any ${INTERVAL} ms; OCR ${ocrMs === undefined ? 'n/a' : `${Math.round(ocrMs)} ms`}/image, pHash ${f1(phashMs)} ms/image`,
    );
    if (!result.exactlyOnce || maxInWindow > 1) process.exitCode = 1;
  } finally {
    fetcher.close();
    await app.close();
    for (const h of hosts) {
      h.server.closeAllConnections();
      h.server.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
