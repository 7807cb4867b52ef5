/**
 * The ingest build worker: pass 1 (parse and check the whole file, hash it) and pass 2 (records →
 * items: language id, normalisation, folding, ids, hashes) on a second core while the main thread
 * writes SQLite. Files are taken one at a time, in the order the main thread asks; chunks of items
 * go out only while the main thread has credit left, so at most a few chunks wait in memory.
 * Protocol: build-pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { toWire } from '@ogoh/core';
import { indexTermsOf } from '@ogoh/store';
import { initLanguageId } from '@ogoh/text';
import type { ToMain, ToWorker } from './build-pool.ts';
import {
  type BuildSettings,
  type FileScan,
  type PreparedRecord,
  prepareRecord,
  recordsOf,
  type ScanTally,
  scanFile,
} from './file-records.ts';

const port = parentPort;
if (!port) throw new Error('build-worker.ts runs only as a worker thread (see build-pool.ts)');

const ready = initLanguageId();
const send = (m: ToMain, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/** Messages not yet consumed by the job loop, and whoever waits for the next one. */
const inbox: ToWorker[] = [];
let wake: (() => void) | undefined;
/** Chunks the main thread can still take for the current job; `stopped` ends the job early. */
let credit = 0;
let stopped = false;

port.on('message', (m: ToWorker) => {
  if (m.type === 'credit') credit++;
  else if (m.type === 'stop') stopped = true;
  else inbox.push(m);
  wake?.();
});

function nextMessage(): Promise<ToWorker> {
  const m = inbox.shift();
  if (m) return Promise.resolve(m);
  return new Promise((resolve) => {
    wake = () => {
      const got = inbox.shift();
      if (got) {
        wake = undefined;
        resolve(got);
      }
    };
  });
}

function creditOrStop(): Promise<void> {
  if (credit > 0 || stopped) return Promise.resolve();
  return new Promise((resolve) => {
    wake = () => {
      if (credit > 0 || stopped) {
        wake = undefined;
        resolve();
      }
    };
  });
}

async function build(
  job: number,
  file: string,
  scan: FileScan,
  settings: BuildSettings,
  m: ToWorker & { type: 'build' },
) {
  let chunk: PreparedRecord[] = [];
  const flush = async () => {
    await creditOrStop();
    if (stopped) return;
    credit--;
    // The writer's term dictionary needs these texts split; doing it here spares the writing thread.
    const indexTerms = indexTermsOf(chunk.map((r) => r.item.foldText));
    send({ type: 'chunk', job, chunk: { records: chunk, indexTerms } });
    chunk = [];
  };
  for await (const rec of recordsOf(file, scan, settings.parse)) {
    chunk.push(prepareRecord(rec, file, scan.format, settings, m.ctx));
    if (chunk.length >= m.chunkSize) await flush();
    if (stopped) return;
  }
  if (chunk.length > 0) await flush();
}

async function main(): Promise<void> {
  await ready;
  for (;;) {
    const m = await nextMessage();
    if (m.type !== 'scan') continue;
    const { job, file, settings } = m;
    const tally: ScanTally = { rejected: 0, rejections: [], skipped: 0 };
    let scan: FileScan;
    try {
      scan = await scanFile(
        file,
        settings.parse,
        (records) => send({ type: 'progress', job, records }),
        tally,
      );
    } catch (e) {
      send({ type: 'failed', job, error: toWire(e), tally });
      continue;
    }
    const { buffered: _kept, ...summary } = scan;
    send({ type: 'scanned', job, scan: summary }, summary.body ? [summary.body.buffer] : []);
    // The body went to the main thread (transferred); the build pass needs only the records.
    delete scan.body;
    const go = await nextMessage();
    if (go.type !== 'build' || go.job !== job) continue;
    credit = go.credit;
    stopped = false;
    try {
      await build(job, file, scan, settings, go);
      if (!stopped) send({ type: 'done', job });
    } catch (e) {
      send({ type: 'failed', job, error: toWire(e) });
    }
  }
}

main().catch((e) => send({ type: 'fatal', error: toWire(e) }));
