/**
 * The main thread's side of the ingest build worker (build-worker.ts). Ingest is two jobs of about
 * equal weight: building items (parsing, language id, normalisation, folding, ids, hashes) and
 * writing them to SQLite with their full-text index. SQLite takes one writer, so on two cores the
 * natural split is one worker building while the main thread writes.
 *
 * Per file: `scan` (pass 1 in the worker: the whole file parsed and checked, then hashed; nothing
 * is written before it succeeds), then `build` (pass 2: chunks of prepared records, at most `ahead`
 * chunks in flight, a credit returned for every chunk taken). Writes, sources, the clock and every
 * store access stay on the main thread, so batches, their order and crash behaviour are those of
 * the single-threaded path.
 */
import { Worker } from 'node:worker_threads';
import { fromWire, OgohError, type WireError } from '@ogoh/core';
import type { BuildSettings, FileScan, PreparedChunk, ScanTally } from './file-records.ts';

export type ToWorker =
  | { type: 'scan'; job: number; file: string; settings: BuildSettings }
  | {
      type: 'build';
      job: number;
      ctx: { payloadId: string; collectedAt: string };
      chunkSize: number;
      credit: number;
    }
  | { type: 'skip'; job: number }
  | { type: 'credit'; job: number }
  | { type: 'stop'; job: number };

export type ToMain =
  | { type: 'progress'; job: number; records: number }
  | { type: 'scanned'; job: number; scan: Omit<FileScan, 'buffered'> }
  | { type: 'chunk'; job: number; chunk: PreparedChunk }
  | { type: 'done'; job: number }
  | { type: 'failed'; job: number; error: WireError; tally?: ScanTally }
  | { type: 'fatal'; error: WireError };

/** Records per message: large enough that messaging costs little, small enough to keep both threads busy. */
const CHUNK = 500;
/** Chunks the worker may build ahead of the writer. */
const AHEAD = 4;

/** A scan that failed, with the rejected and skipped records counted before the failure. */
export class ScanFailure extends Error {
  readonly error: Error;
  readonly tally: ScanTally | undefined;
  constructor(error: Error, tally: ScanTally | undefined) {
    super(error.message);
    this.error = error;
    this.tally = tally;
  }
}

export class BuildWorker {
  private readonly worker: Worker;
  private readonly inbox: ToMain[] = [];
  private wake: (() => void) | undefined;
  private dead: Error | undefined;
  private job = 0;

  constructor() {
    this.worker = new Worker(new URL('./build-worker-boot.js', import.meta.url));
    this.worker.on('message', (m: ToMain) => this.receive(m));
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`it exited with code ${code}`)));
  }

  /** Whether the worker has stopped for good (a crash); later files then go through the main thread. */
  get failed(): boolean {
    return this.dead !== undefined;
  }

  private receive(m: ToMain): void {
    if (m.type === 'fatal') this.fail(fromWire(m.error));
    else this.inbox.push(m);
    this.wake?.();
  }

  private fail(e: Error): void {
    this.dead ??= new OgohError('INTERNAL', `the ingest build worker stopped: ${e.message}`, { cause: e });
    this.wake?.();
  }

  private post(m: ToWorker): void {
    if (!this.dead) this.worker.postMessage(m);
  }

  /** The next message of job `job`; messages of a stopped job still in flight are dropped. */
  private async next(job: number): Promise<ToMain> {
    for (;;) {
      const m = this.inbox.shift();
      if (m) {
        if (m.type !== 'fatal' && m.job === job) return m;
        continue;
      }
      if (this.dead) throw this.dead;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }

  /** Pass 1 of `file`. Rejects with a ScanFailure (the file's own error) or the worker's crash. */
  async scan(file: string, settings: BuildSettings, progress: (records: number) => void): Promise<FileScan> {
    const job = ++this.job;
    this.post({ type: 'scan', job, file, settings });
    for (;;) {
      const m = await this.next(job);
      if (m.type === 'progress') progress(m.records);
      else if (m.type === 'scanned') return m.scan;
      else if (m.type === 'failed') throw new ScanFailure(fromWire(m.error), m.tally);
    }
  }

  /** Tells the worker the scanned file will not be built. */
  skip(): void {
    this.post({ type: 'skip', job: this.job });
  }

  /** Pass 2 of the file last scanned: its prepared records in file order, with their index terms. */
  async *build(ctx: { payloadId: string; collectedAt: string }): AsyncIterable<PreparedChunk> {
    const job = this.job;
    this.post({ type: 'build', job, ctx, chunkSize: CHUNK, credit: AHEAD });
    let ended = false;
    try {
      for (;;) {
        const m = await this.next(job);
        if (m.type === 'chunk') {
          this.post({ type: 'credit', job });
          yield m.chunk;
        } else if (m.type === 'done') {
          ended = true;
          return;
        } else if (m.type === 'failed') {
          ended = true;
          throw fromWire(m.error);
        }
      }
    } finally {
      // The writer stopped early (a store error): the worker drops the rest of this file.
      if (!ended) this.post({ type: 'stop', job });
    }
  }

  async close(): Promise<void> {
    this.dead ??= new OgohError('INTERNAL', 'the ingest build worker was closed');
    await this.worker.terminate();
  }
}
