/**
 * The prepare pool of `analyse`: a worker thread computes, for the page after the one the main
 * thread is deciding and writing, everything that depends on the item alone — MinHash signature
 * and LSH bands (near-duplicate stage), anchors (link stage) and the detector's flags (detection
 * stage, without the embedding plug-in). Decisions, store reads and writes stay on the main thread
 * in page order, so stories, links and detections are those of the single-threaded path; prepared
 * results are never stored state (a crash loses only work redone on resume).
 *
 * Small runs do not pay a thread start: in `auto` mode the worker starts once the run has read
 * PREPARE_MIN_ITEMS items, and a page the worker has not taken (it is still booting, or it failed)
 * is prepared inline by the same function. Protocol: prepare-worker.ts.
 */
import { readFileSync } from 'node:fs';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Affiliation, Detection, Item, Lang, Link, WireError } from '@ogoh/core';
import type { Anchors } from '@ogoh/trace';
import { type Detector, detectionsOf, detectorVersions } from './detect-items.ts';
import { type NearInput, nearInput } from './group-stories.ts';
import { linkAnchors } from './trace-story.ts';

/** Items a run reads before `auto` starts the worker: below this a thread start costs more than it saves. */
export const PREPARE_MIN_ITEMS = 4000;

/** `thread` always uses the worker, `inline` never, `auto` from PREPARE_MIN_ITEMS items on. */
export type PrepareMode = 'auto' | 'thread' | 'inline';

/** The fields of an item the preparation reads (what is sent to the worker). */
export interface PrepareInput {
  id: string;
  title?: string;
  text: string;
  foldText: string;
  links: Link[];
  url?: string;
  canonicalUrl?: string;
  lang: Lang;
  affiliation?: Affiliation;
}

/** A page's per-item inputs to the three stages, in page order. */
export interface PreparedPage {
  near: NearInput[];
  anchors: Anchors[];
  /** per item, its detections with `createdAt` unset; absent when the page is detected on the main thread */
  detections?: Detection[][];
}

export type ToPrepareWorker =
  | { type: 'page'; seq: number; items: PrepareInput[]; detect: boolean }
  | { type: 'stats' };

export type FromPrepareWorker =
  | { type: 'ready'; versions: string }
  | { type: 'prepared'; seq: number; page: PreparedPage }
  | { type: 'failed'; seq: number; error: WireError }
  | { type: 'stats'; cpuSeconds: number; utilization: number }
  | { type: 'fatal'; error: WireError };

export function prepareInput(item: Item, affiliation: Affiliation | undefined): PrepareInput {
  return {
    id: item.id,
    text: item.text,
    foldText: item.foldText,
    links: item.links,
    lang: item.lang,
    ...(item.title !== undefined ? { title: item.title } : {}),
    ...(item.url !== undefined ? { url: item.url } : {}),
    ...(item.canonicalUrl !== undefined ? { canonicalUrl: item.canonicalUrl } : {}),
    ...(affiliation ? { affiliation } : {}),
  };
}

/** The preparation itself, the same on either thread. `detector` undefined: no detections. */
export function preparePage(items: readonly PrepareInput[], detector: Detector | undefined): PreparedPage {
  const out: PreparedPage = {
    near: items.map((i) => nearInput(i.foldText)),
    anchors: items.map((i) => linkAnchors(i)),
  };
  if (detector) out.detections = items.map((i) => detectionsOf(detector, i, i.affiliation));
  return out;
}

/**
 * CPU seconds of the calling thread (Linux: /proc/thread-self/schedstat, nanoseconds); elsewhere
 * the whole process's. Stage timings of `analyse` use it so the worker's CPU is not counted in them.
 */
export function threadCpuSeconds(): number {
  try {
    const ns = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    if (Number.isFinite(ns) && ns > 0) return ns / 1e9;
  } catch {
    // not Linux: fall through
  }
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export interface PrepareStats {
  /** pages the worker prepared and the main thread used */
  threadPages: number;
  /** pages prepared on the main thread (small runs, the worker booting, a failed page) */
  inlinePages: number;
  /** CPU seconds of the worker thread, and the share of its lifetime it was busy (event loop utilisation) */
  workerCpuSeconds?: number;
  workerUtilization?: number;
}

/** How long one blocking wait for the worker lasts before the event loop gets a turn (to see it exit). */
const WAIT_SLICE_MS = 50;
/** The longest `close` waits for the worker's CPU figures. */
const STATS_WAIT_MS = 2000;

/**
 * One per `analyse` run: hands pages read ahead to the worker and returns each page's inputs in
 * turn. The main thread of a run rarely returns to the event loop (SQLite calls are synchronous),
 * so the worker's replies come on a MessageChannel read with receiveMessageOnPort, and waiting
 * for one blocks on a shared counter the worker bumps after every reply (Atomics.wait).
 */
export class PagePreparer {
  private readonly mode: PrepareMode;
  private readonly location: string;
  /** detection is prepared only for a detector without embedding heads (those run on the main thread) */
  private readonly detectAhead: boolean;
  private readonly versions: string;
  private readonly affiliations: Map<string, Affiliation>;
  private readonly detector: Detector;
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private signal: Int32Array | undefined;
  private workerVersions: string | undefined;
  private dead = false;
  private seen = 0;
  private seq = 0;
  /** replies by page number (undefined: the worker failed on that page) */
  private readonly results = new Map<number, PreparedPage | undefined>();
  private readonly taken = new WeakMap<Item[], number>();
  private workerStats: { cpuSeconds: number; utilization: number } | undefined;
  readonly stats: PrepareStats = { threadPages: 0, inlinePages: 0 };

  constructor(
    app: { location: string },
    detector: Detector,
    affiliations: Map<string, Affiliation>,
    mode: PrepareMode = 'auto',
  ) {
    this.mode = mode;
    this.location = app.location;
    this.detector = detector;
    this.affiliations = affiliations;
    this.detectAhead = !detector.dense && !detector.denseTechniques;
    this.versions = detectorVersions(detector);
  }

  private inputs(page: Item[]): PrepareInput[] {
    return page.map((item) => prepareInput(item, this.affiliations.get(item.sourceId)));
  }

  private start(): void {
    const { port1, port2 } = new MessageChannel();
    this.signal = new Int32Array(new SharedArrayBuffer(4));
    const w = new Worker(new URL('./prepare-worker-boot.js', import.meta.url), {
      workerData: { location: this.location, port: port2, signal: this.signal.buffer },
      transferList: [port2],
    });
    w.on('error', () => this.fail());
    w.on('exit', () => this.fail());
    this.worker = w;
    this.port = port1;
  }

  /** Takes every reply the worker has sent so far, without waiting. */
  private drain(): void {
    const port = this.port;
    if (!port) return;
    for (let got = receiveMessageOnPort(port); got; got = receiveMessageOnPort(port))
      this.receive(got.message as FromPrepareWorker);
  }

  private receive(m: FromPrepareWorker): void {
    if (m.type === 'ready') this.workerVersions = m.versions;
    else if (m.type === 'prepared') this.results.set(m.seq, m.page);
    else if (m.type === 'failed') this.results.set(m.seq, undefined);
    else if (m.type === 'stats') this.workerStats = m;
    else this.fail();
  }

  /** The worker stopped: every page it held is prepared inline instead. */
  private fail(): void {
    this.dead = true;
  }

  /** Blocks until `done()` or the worker stops (or `limitMs` passes), reading replies as they come. */
  private async waitFor(done: () => boolean, limitMs = Number.POSITIVE_INFINITY): Promise<void> {
    const signal = this.signal;
    const until = performance.now() + limitMs;
    while (signal && !this.dead && performance.now() < until) {
      const seen = Atomics.load(signal, 0);
      this.drain();
      if (done()) return;
      if (Atomics.wait(signal, 0, seen, WAIT_SLICE_MS) === 'timed-out')
        // let the event loop run once: a worker that died says so through an 'exit' event
        await new Promise((resolve) => setImmediate(resolve));
    }
    this.drain();
  }

  /** A page read ahead: the worker (started here when due) prepares it while the main thread works. */
  ahead(page: Item[]): void {
    this.seen += page.length;
    if (this.mode === 'inline' || this.dead || page.length === 0) return;
    if (!this.worker) {
      if (this.mode === 'auto' && this.seen < PREPARE_MIN_ITEMS) return;
      this.start();
    }
    const seq = ++this.seq;
    this.taken.set(page, seq);
    this.worker!.postMessage({
      type: 'page',
      seq,
      items: this.inputs(page),
      detect: this.detectAhead,
    } satisfies ToPrepareWorker);
  }

  /**
   * The page's inputs: the worker's when it took the page and has booted (waiting for it if it is
   * still busy; with `thread` also for the boot), else computed here. The worker's detections are
   * used only when its detector carries the same versions as the main thread's.
   */
  async take(page: Item[]): Promise<PreparedPage> {
    const seq = this.taken.get(page);
    this.taken.delete(page);
    if (seq !== undefined) {
      this.drain();
      // `thread` waits for the worker to boot; `auto` prepares inline meanwhile
      if (this.mode === 'thread') await this.waitFor(() => this.workerVersions !== undefined);
      if (this.workerVersions !== undefined) await this.waitFor(() => this.results.has(seq));
      const got = this.results.get(seq);
      this.results.delete(seq);
      if (got) {
        this.stats.threadPages++;
        if (got.detections && this.workerVersions !== this.versions) delete got.detections;
        if (!got.detections && this.detectAhead)
          got.detections = this.inputs(page).map((i) => detectionsOf(this.detector, i, i.affiliation));
        return got;
      }
    }
    this.stats.inlinePages++;
    return preparePage(this.inputs(page), this.detectAhead ? this.detector : undefined);
  }

  /** Stops the worker, first reading its CPU figures (a bounded wait). */
  async close(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    if (!this.dead && this.workerVersions !== undefined) {
      w.postMessage({ type: 'stats' } satisfies ToPrepareWorker);
      await this.waitFor(() => this.workerStats !== undefined, STATS_WAIT_MS);
      const s = this.workerStats;
      if (s) {
        this.stats.workerCpuSeconds = Math.round(s.cpuSeconds * 100) / 100;
        this.stats.workerUtilization = Math.round(s.utilization * 1000) / 1000;
      }
    }
    this.dead = true;
    this.port?.close();
    await w.terminate();
  }
}
