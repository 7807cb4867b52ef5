/**
 * Story clustering benchmark on generated corpora (the demo templates, ~7% near-duplicates, all in
 * 62 days: template-heavy, the hard case for LSH buckets and anchor postings).
 *
 *   node --import tsx bench/stories.ts --items 1000000            # in memory: the clustering itself
 *   node --import tsx bench/stories.ts --items 20000 --store      # through the store: `ogoh analyze`
 *
 * In memory, per item: MinHash signature and LSH bands over the folded text, candidates from the
 * band buckets (the latest `--bucket` entries of each, ranked by shared bands, best 20 verified),
 * the near-duplicate decision, then anchors, anchor retrieval within ±7 days and the cross-language
 * link decision, with union of stories. Through the store: ingest the JSONL, then time `analyse`
 * (near-duplicate stage + cross-language link stage + provenance of touched stories).
 * Prints a JSON line and a Markdown row for docs/BENCHMARKS.md.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
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
    seed: { type: 'string', default: '7' },
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

async function memory(n: number, bucketCap: number, seed: number): Promise<void> {
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
  let phaseMinhash = 0;
  let phaseAnchors = 0;
  let i = 0;
  const window = DEFAULT_LINK_THRESHOLDS.windowDays * 86_400_000;
  for (const raw of jsonlLines({ items: n, seed })) {
    const it = JSON.parse(raw) as Line;
    const fold = foldKey(it.title ? `${it.title}\n${it.text}` : it.text);
    const contentHash = digest(fold);
    const t0 = performance.now();
    const sh = shingleHashes(fold);
    const sig = signature(sh);
    const bands = bandKeys(sig);
    sigs.push(sig);
    hashes.push(contentHash);
    storyOf.push(i);
    // candidates: the latest entries of each shared bucket, ranked by shared bands
    if (shared.length < i + 1) {
      const grown = new Uint8Array(Math.max(1024, shared.length * 2));
      grown.set(shared);
      shared = grown;
    }
    for (const b of bands) {
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
    const exact = byHash.get(contentHash);
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
        contentHash,
      });
    const d = decideStory(
      { itemId: String(i), signature: sig, contentHash, shingles: sh.length, length: fold.length },
      cands,
    );
    if (d.match) {
      storyOf[i] = Number(d.match.storyId ?? d.match.itemId);
      nearLinks++;
    }
    if (!byHash.has(contentHash)) byHash.set(contentHash, i);
    const t1 = performance.now();
    phaseMinhash += t1 - t0;
    // cross-language links
    const a = extractAnchors({ title: it.title, text: it.text, url: it.url });
    const published = Date.parse(it.published);
    const doc: LinkCandidate = {
      itemId: String(i),
      lang: it.lang,
      published,
      keys: a.keys,
      storyId: String(storyOf[i]),
    };
    if (a.keys.length >= DEFAULT_LINK_THRESHOLDS.minShared) {
      const lc = index
        .candidates(a.keys, {
          published,
          windowMs: window,
          maxDf: Math.max(2000, Math.floor(i * 0.002)),
        })
        .filter((c) => c.storyId !== doc.storyId);
      const link = decideLink({ ...doc, surface: a.surface }, lc, index);
      if (link) {
        storyOf[i] = Number(link.storyId ?? link.itemId);
        doc.storyId = String(storyOf[i]);
        crossLinks++;
      }
    }
    index.add(doc);
    phaseAnchors += performance.now() - t1;
    i++;
    if (i % 100_000 === 0)
      console.error(`  ${i} items, ${Math.round(i / ((performance.now() - started) / 1000))} items/s`);
  }
  const seconds = (performance.now() - started) / 1000;
  const clustering = (phaseMinhash + phaseAnchors) / 1000;
  const result = {
    mode: 'memory',
    items: i,
    seconds: Math.round(seconds * 10) / 10,
    itemsPerSec: Math.round(i / seconds),
    /** the clustering phases alone (corpus generation, JSON parsing and folding left out) */
    clusteringSeconds: Math.round(clustering * 10) / 10,
    clusteringPerSec: Math.round(i / clustering),
    cpuSeconds: Math.round(cpuSeconds(cpu0) * 10) / 10,
    minhashSeconds: Math.round(phaseMinhash / 100) / 10,
    anchorSeconds: Math.round(phaseAnchors / 100) / 10,
    nearLinks,
    crossLinks,
    bucketCap,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    cores: cpus().length,
  };
  console.log(JSON.stringify(result));
  console.log(
    `| ${i.toLocaleString('en')} | memory | ${result.seconds} s | ${result.clusteringSeconds} s | ${result.clusteringPerSec.toLocaleString('en')} | ${result.cpuSeconds} s | ${result.minhashSeconds} s / ${result.anchorSeconds} s | ${nearLinks.toLocaleString('en')} / ${crossLinks.toLocaleString('en')} | ${result.peakRssMB} MB |`,
  );
}

async function store(n: number, seed: number): Promise<void> {
  const { analyse, ingestPaths, openOgoh } = await import('@ogoh/app');
  const dir = resolve('bench/out/stories');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${n}.jsonl`);
  const db = join(dir, `${n}.db`);
  for (const s of ['', '-wal', '-shm']) rmSync(`${db}${s}`, { force: true });
  await writeJsonl(file, { items: n, seed });
  const app = await openOgoh({ db });
  try {
    await ingestPaths(app, [file], { format: 'jsonl' });
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    const r = await analyse(app, {});
    const seconds = (performance.now() - started) / 1000;
    const s = await app.store.stats();
    const result = {
      mode: 'store',
      items: r.analysed,
      seconds: Math.round(seconds * 10) / 10,
      itemsPerSec: Math.round(r.analysed / seconds),
      cpuSeconds: Math.round(cpuSeconds(cpu0) * 10) / 10,
      stories: s.stories,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    console.log(JSON.stringify(result));
    console.log(
      `| ${r.analysed.toLocaleString('en')} | store (analyse) | ${result.seconds} s | ${result.seconds} s | ${result.itemsPerSec.toLocaleString('en')} | ${result.cpuSeconds} s | — | ${s.stories.toLocaleString('en')} stories | ${result.peakRssMB} MB |`,
    );
  } finally {
    await app.close();
  }
}

const n = Number(values.items);
const seed = Number(values.seed);
if (!Number.isInteger(n) || n < 1) {
  console.error('--items must be a positive integer');
  process.exit(2);
}
if (values.store) await store(n, seed);
else await memory(n, Number(values.bucket), seed);
