/**
 * Story clustering benchmark on generated corpora (the demo templates, ~7% near-duplicates, all in
 * 62 days: template-heavy, the hard case for LSH buckets and anchor postings).
 *
 *   node --import tsx bench/stories.ts --items 1000000 [--workers 1]  # in memory: the clustering itself
 *   node --import tsx bench/stories.ts --items 20000 --store          # through the store: `ogoh analyze`
 *   node --import tsx bench/stories.ts --items 1000000 --store --keep  # keeps the ingested store for reruns
 *   node --import tsx bench/stories.ts --store --db FILE --limit 50000  # the next 50k of a partly analysed store
 *
 * In memory, per item: MinHash signature, LSH bands and anchors (the per-item work, done by
 * `--workers` worker threads on the other core, or inline with --workers 0), then in order: candidates from the
 * band buckets (the latest `--bucket` entries of each, ranked by shared bands, best 20 verified),
 * the near-duplicate decision, then anchors, anchor retrieval within ±7 days and the cross-language
 * link decision, with union of stories. Through the store: ingest the JSONL, then time `analyse`
 * (near-duplicate stage + cross-language link stage + provenance of touched stories).
 * Prints a JSON line and a Markdown row for docs/BENCHMARKS.md.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { digest } from '@ogoh/core';
import { foldKey } from '@ogoh/text';
import {
  AnchorIndex,
  bandKeys,
  DEFAULT_LINK_THRESHOLDS,
  decideLink,
  decideStory,
  extractAnchors,
  type LinkCandidate,
  shingleHashes,
  signature,
} from '@ogoh/trace';
import { jsonlLines, writeJsonl } from '../demo/jsonl.ts';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    store: { type: 'boolean', default: false },
    bucket: { type: 'string', default: '64' },
    workers: { type: 'string', default: '1' },
    prepare: { type: 'string' },
    keep: { type: 'boolean', default: false },
    seed: { type: 'string', default: '7' },
    /** analyse only the next N items (whole pages): growth measured slice by slice */
    limit: { type: 'string' },
    /** analyse's prepare mode (--store): auto (default), thread or inline */
    'prepare-mode': { type: 'string', default: 'auto' },
    /** items per analysis page (--store; default analyse's ANALYSE_PAGE_ITEMS) */
    'batch-size': { type: 'string' },
    /** analyse this store file in place (a copy of a partly analysed store) instead of a fresh copy */
    db: { type: 'string' },
  },
});

interface Line {
  id: string;
  source: string;
  published: string;
  url: string;
  title?: string;
  text: string;
  lang: string;
}

function cpuSeconds(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

/** One item made ready for clustering: everything that does not depend on other items. */
interface Prepared {
  published: number;
  lang: string;
  sig: Uint32Array;
  bands: string[];
  contentHash: string;
  shingles: number;
  length: number;
  keys: string[];
}

function prepare(raw: string): Prepared {
  const it = JSON.parse(raw) as Line;
  const fold = foldKey(it.title ? `${it.title}\n${it.text}` : it.text);
  const sh = shingleHashes(fold);
  const sig = signature(sh);
  return {
    published: Date.parse(it.published),
    lang: it.lang,
    sig,
    bands: bandKeys(sig),
    contentHash: digest(fold),
    shingles: sh.length,
    length: fold.length,
    keys: extractAnchors({ title: it.title, text: it.text, url: it.url }).keys,
  };
}

/** Prepared items in corpus order: inline, or from worker threads (each prepares every k-th line). */
async function* prepared(n: number, seed: number, workers: number): AsyncGenerator<Prepared[]> {
  if (workers === 0) {
    let batch: Prepared[] = [];
    for (const raw of jsonlLines({ items: n, seed })) {
      batch.push(prepare(raw));
      if (batch.length === 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    return;
  }
  // Preparing children (worker threads do not inherit tsx's loader on Node 20): child w prepares
  // every `workers`-th batch of 1000 lines and writes one compact line per item.
  const { spawn } = await import('node:child_process');
  const { createInterface } = await import('node:readline');
  const kids = Array.from({ length: workers }, (_, w) =>
    spawn(
      process.execPath,
      [
        ...process.execArgv,
        new URL(import.meta.url).pathname,
        '--prepare',
        `${w}/${workers}`,
        '--items',
        String(n),
        '--seed',
        String(seed),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  childCpu.length = 0;
  const closed = kids.map(
    (k) =>
      new Promise<void>((resolveClose) => {
        let err = '';
        k.stderr!.on('data', (d: Buffer) => {
          err += d.toString();
        });
        k.on('close', () => {
          const m = err.match(/"childCpuSeconds":([\d.]+)/);
          if (m) childCpu.push(Number(m[1]));
          else if (err.trim()) console.error(err);
          resolveClose();
        });
      }),
  );
  const lines = kids.map((k) => createInterface({ input: k.stdout! })[Symbol.asyncIterator]());
  const batches = Math.ceil(n / 1000);
  for (let b = 0; b < batches; b++) {
    const src = lines[b % workers]!;
    const size = Math.min(1000, n - b * 1000);
    const batch: Prepared[] = [];
    for (let k = 0; k < size; k++) {
      const r = await src.next();
      if (r.done) throw new Error('a preparing child ended early');
      batch.push(decode(r.value));
    }
    yield batch;
  }
  await Promise.all(closed);
}

/** CPU seconds of each preparing child, reported when it ends. */
const childCpu: number[] = [];

/** One prepared item as a line: published, lang, content hash, shingles, length, signature (base64), bands, keys. */
function encode(p: Prepared): string {
  return [
    p.published,
    p.lang,
    p.contentHash,
    p.shingles,
    p.length,
    Buffer.from(p.sig.buffer, p.sig.byteOffset, p.sig.byteLength).toString('base64'),
    p.bands.join(' '),
    p.keys.join('\u0001'),
  ].join('\t');
}

function decode(line: string): Prepared {
  const f = line.split('\t');
  const bytes = Buffer.from(f[5]!, 'base64');
  const sig = new Uint32Array(bytes.byteLength / 4);
  for (let i = 0; i < sig.length; i++) sig[i] = bytes.readUInt32LE(i * 4);
  return {
    published: Number(f[0]),
    lang: f[1]!,
    contentHash: f[2]!,
    shingles: Number(f[3]),
    length: Number(f[4]),
    sig,
    bands: f[6] ? f[6].split(' ') : [],
    keys: f[7] ? f[7].split('\u0001') : [],
  };
}

async function memory(n: number, bucketCap: number, seed: number, workers: number): Promise<void> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const buckets = new Map<string, number[]>();
  const sigs: Uint32Array[] = [];
  const hashes: string[] = [];
  const storyOf: number[] = [];
  const index = new AnchorIndex();
  const byHash = new Map<string, number>();
  let shared = new Uint8Array(1024);
  const touched: number[] = [];
  const byCount: number[][] = Array.from({ length: 17 }, () => []);
  let nearLinks = 0;
  let crossLinks = 0;
  let i = 0;
  const window = DEFAULT_LINK_THRESHOLDS.windowDays * 86_400_000;
  for await (const batch of prepared(n, seed, workers))
    for (const p of batch) {
      sigs.push(p.sig);
      hashes.push(p.contentHash);
      storyOf.push(i);
      // near duplicates: the latest entries of each shared bucket, ranked by shared bands
      if (shared.length < i + 1) {
        const grown = new Uint8Array(Math.max(1024, shared.length * 2));
        grown.set(shared);
        shared = grown;
      }
      for (const b of p.bands) {
        const list = buckets.get(b);
        if (list) {
          for (let k = Math.max(0, list.length - bucketCap); k < list.length; k++) {
            const c = list[k]!;
            if (shared[c] === 0) touched.push(c);
            shared[c] = shared[c]! + 1;
          }
          list.push(i);
        } else buckets.set(b, [i]);
      }
      // best 20 by shared bands (counts are 1..16: bucket them instead of sorting), latest first
      for (const l of byCount) l.length = 0;
      for (let t = touched.length - 1; t >= 0; t--) byCount[shared[touched[t]!]!]!.push(touched[t]!);
      const ranked: number[] = [];
      for (let c = byCount.length - 1; c > 0 && ranked.length < 20; c--)
        for (const k of byCount[c]!) {
          if (ranked.length >= 20) break;
          ranked.push(k);
        }
      for (const c of touched) shared[c] = 0;
      touched.length = 0;
      const exact = byHash.get(p.contentHash);
      const cands = ranked.map((k) => ({
        itemId: String(k),
        storyId: String(storyOf[k]),
        signature: sigs[k]!,
        contentHash: hashes[k]!,
      }));
      if (exact !== undefined)
        cands.push({
          itemId: String(exact),
          storyId: String(storyOf[exact]),
          signature: sigs[exact]!,
          contentHash: p.contentHash,
        });
      const d = decideStory(
        {
          itemId: String(i),
          signature: p.sig,
          contentHash: p.contentHash,
          shingles: p.shingles,
          length: p.length,
        },
        cands,
      );
      if (d.match) {
        storyOf[i] = Number(d.match.storyId ?? d.match.itemId);
        nearLinks++;
      }
      if (!byHash.has(p.contentHash)) byHash.set(p.contentHash, i);
      // cross-language links
      const doc: LinkCandidate = {
        itemId: String(i),
        lang: p.lang,
        published: p.published,
        keys: p.keys,
        storyId: String(storyOf[i]),
      };
      if (p.keys.length >= DEFAULT_LINK_THRESHOLDS.minShared) {
        const lc = index
          .candidates(p.keys, {
            published: p.published,
            windowMs: window,
            maxDf: Math.max(2000, Math.floor(i * 0.002)),
          })
          .filter((c) => c.storyId !== doc.storyId);
        const link = decideLink(doc, lc, index);
        if (link) {
          storyOf[i] = Number(link.storyId ?? link.itemId);
          doc.storyId = String(storyOf[i]);
          crossLinks++;
        }
      }
      index.add(doc);
      i++;
      if (i % 100_000 === 0)
        console.error(`  ${i} items, ${Math.round(i / ((performance.now() - started) / 1000))} items/s`);
    }
  const seconds = (performance.now() - started) / 1000;
  const result = {
    mode: 'memory',
    workers,
    items: i,
    seconds: Math.round(seconds * 10) / 10,
    itemsPerSec: Math.round(i / seconds),
    /** CPU of the clustering process (the in-order part; with --workers 0 also the preparation) */
    cpuSeconds: Math.round(cpuSeconds(cpu0) * 10) / 10,
    /** CPU of each preparing child (signatures, bands, anchors) */
    childCpuSeconds: [...childCpu],
    nearLinks,
    crossLinks,
    bucketCap,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    cores: cpus().length,
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
  };
  console.log(JSON.stringify(result));
  console.log(
    `| ${i.toLocaleString('en')} | memory, ${workers} worker(s) | ${result.seconds} s | ${result.itemsPerSec.toLocaleString('en')} | ${result.cpuSeconds} s${childCpu.length ? ` + ${childCpu.join(' + ')} s` : ''} | ${nearLinks.toLocaleString('en')} / ${crossLinks.toLocaleString('en')} | ${result.peakRssMB} MB | ${result.loadAverage} |`,
  );
}

/**
 * `analyse` on a store holding `n` generated items. With --keep the ingested store is kept as
 * `<n>.ingested.db` and later runs analyse a copy of it, so ingest is paid once per size.
 */
async function store(n: number, seed: number): Promise<void> {
  const { analyse, ingestPaths, openOgoh } = await import('@ogoh/app');
  const dir = resolve('bench/out/stories');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${n}.jsonl`);
  const db = values.db ? resolve(values.db) : join(dir, `${n}.db`);
  const kept = join(dir, `${n}.ingested.db`);
  if (!values.db) for (const s of ['', '-wal', '-shm']) rmSync(`${db}${s}`, { force: true });
  let ingestSeconds: number | undefined;
  if (values.db) {
    if (!existsSync(db)) throw new Error(`--db ${db}: no such store (copy a kept one first)`);
  } else if (values.keep && existsSync(kept)) copyFileSync(kept, db);
  else {
    await writeJsonl(file, { items: n, seed });
    const app = await openOgoh({ db });
    const t = performance.now();
    try {
      await ingestPaths(app, [file], { format: 'jsonl' });
    } finally {
      await app.close();
    }
    ingestSeconds = Math.round((performance.now() - t) / 100) / 10;
    if (values.keep) copyFileSync(db, kept);
  }
  const opened = await openOgoh({ db });
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    throw new Error('--limit must be a positive integer');
  const app = limit === undefined ? opened : limitPages(opened, limit);
  const before = await opened.store.stats();
  try {
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpu();
    const loads: number[] = [Math.round(loadavg()[0]! * 10) / 10];
    const mode = values['prepare-mode'];
    if (mode !== 'auto' && mode !== 'thread' && mode !== 'inline')
      throw new Error('--prepare-mode must be auto, thread or inline');
    const r = await analyse(app, {
      prepare: mode,
      ...(values['batch-size'] ? { batchSize: Number(values['batch-size']) } : {}),
      onProgress: ({ analysed }) => {
        if (analysed % 50_000 !== 0) return;
        loads.push(Math.round(loadavg()[0]! * 10) / 10);
        console.error(
          `  ${analysed} items, ${Math.round((performance.now() - started) / 1000)} s wall, ${Math.round(cpuSeconds(cpu0))} s CPU, load ${loads.at(-1)}`,
        );
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const s = await app.store.stats();
    const result = {
      mode: 'store',
      items: r.analysed,
      ...(ingestSeconds !== undefined ? { ingestSeconds } : {}),
      seconds: Math.round(seconds * 10) / 10,
      itemsPerSec: Math.round(r.analysed / seconds),
      cpuSeconds: Math.round(cpuSeconds(cpu0) * 10) / 10,
      /** of it, the main thread's (decisions, reads, writes); the rest is the prepare worker's and GC helpers' */
      mainThreadCpuSeconds: Math.round((mainThreadCpu() - main0) * 10) / 10,
      /** CPU per analysis stage on the main thread; story clustering = group + link (+ provenance) */
      stageCpuSeconds: r.cpuSeconds,
      /** wall seconds the main thread waited for the page writer and the prepare worker */
      waitSeconds: r.waitSeconds,
      /** pages prepared by the worker thread and inline, the worker's CPU and busy share */
      prepare: r.prepare,
      /** stories in the store before this run (slice runs start from a partly analysed store) */
      ...(limit !== undefined ? { storiesBefore: before.stories } : {}),
      copyLinks: r.copyLinks,
      translationLinks: r.translationLinks,
      rewriteLinks: r.rewriteLinks,
      launderingFlags: r.launderingFlags,
      stories: s.stories,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAverage: [...loads, Math.round(loadavg()[0]! * 10) / 10],
    };
    console.log(JSON.stringify(result));
    const c = r.cpuSeconds;
    const clustering = Math.round((c.group + c.link + c.provenance) * 10) / 10;
    console.log(
      `| ${r.analysed.toLocaleString('en')} | ${result.seconds} s | ${result.itemsPerSec.toLocaleString('en')} | ${result.cpuSeconds} s | ${clustering} s (group ${c.group}, link ${c.link}, provenance ${c.provenance}) | ${c.detect} s | ${s.stories.toLocaleString('en')} | ${result.peakRssMB} MB | ${result.loadAverage.join('–')} |`,
    );
  } finally {
    await opened.close();
  }
}

/** CPU seconds of this (the main) thread, from /proc (Linux), else the process's. */
function mainThreadCpu(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return cpuSeconds({ user: 0, system: 0 });
  }
}

/** The app with `itemsToAnalyse` stopping after the page that reaches `limit` items. */
function limitPages<A extends { store: { itemsToAnalyse: (o: never) => AsyncIterable<unknown[]> } }>(
  app: A,
  limit: number,
): A {
  const store = new Proxy(app.store, {
    get(target, key, receiver) {
      if (key !== 'itemsToAnalyse') return Reflect.get(target, key, receiver);
      return async function* (o: never) {
        let seen = 0;
        for await (const page of target.itemsToAnalyse(o)) {
          yield page;
          seen += page.length;
          if (seen >= limit) return;
        }
      };
    },
  });
  return { ...app, store };
}

const n = Number(values.items);
const seed = Number(values.seed);
if (!Number.isInteger(n) || n < 1) {
  console.error('--items must be a positive integer');
  process.exit(2);
}
if (values.prepare) {
  const [w, workers] = values.prepare.split('/').map(Number) as [number, number];
  let line = 0;
  let out = '';
  for (const raw of jsonlLines({ items: n, seed })) {
    const b = Math.floor(line / 1000);
    line++;
    if (b % workers !== w) continue;
    out += `${encode(prepare(raw))}\n`;
    if (out.length > 1 << 20) {
      if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r));
      out = '';
    }
  }
  process.stdout.write(out);
  const u = process.cpuUsage();
  console.error(JSON.stringify({ childCpuSeconds: Math.round(((u.user + u.system) / 1e6) * 10) / 10 }));
} else if (values.store) await store(n, seed);
else await memory(n, Number(values.bucket), seed, Number(values.workers));
