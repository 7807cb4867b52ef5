/**
 * analyse's prepare worker: signatures, bands, anchors and detections of the pages the main thread
 * reads ahead, one page at a time in the order sent (prepare-pool.ts). It loads its own detector
 * from the store's model files (without the embedding heads) and says which versions it carries;
 * the main thread uses its flags only when they match its own.
 */
import { performance } from 'node:perf_hooks';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { toWire } from '@ogoh/core';
import { type Detector, detectorVersions, loadDetector } from './detect-items.ts';
import {
  type FromPrepareWorker,
  type PreparedPage,
  preparePage,
  type ToPrepareWorker,
  threadCpuSeconds,
} from './prepare-pool.ts';

const port = parentPort;
if (!port) throw new Error('prepare-worker.ts runs only as a worker thread (see prepare-pool.ts)');
const {
  location,
  port: replies,
  signal,
} = workerData as {
  location: string;
  /** replies go here; the main thread reads them synchronously (receiveMessageOnPort) */
  port: MessagePort;
  /** bumped after every reply, so a main thread blocked in Atomics.wait wakes up */
  signal: SharedArrayBuffer;
};
const counter = new Int32Array(signal);
const send = (m: FromPrepareWorker) => {
  replies.postMessage(m);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
};
const cpu0 = threadCpuSeconds();
const elu0 = performance.eventLoopUtilization();

let detector: Detector | undefined;
const queue: ToPrepareWorker[] = [];
let loaded = false;

port.on('message', (m: ToPrepareWorker) => {
  queue.push(m);
  if (loaded) drain();
});

function drain(): void {
  for (let m = queue.shift(); m; m = queue.shift()) {
    if (m.type === 'stats') {
      send({
        type: 'stats',
        cpuSeconds: threadCpuSeconds() - cpu0,
        utilization: performance.eventLoopUtilization(elu0).utilization,
      });
      continue;
    }
    let page: PreparedPage;
    try {
      page = preparePage(m.items, m.detect ? detector : undefined);
    } catch (e) {
      send({ type: 'failed', seq: m.seq, error: toWire(e) });
      continue;
    }
    send({ type: 'prepared', seq: m.seq, page });
  }
}

loadDetector({ location }, { dense: false })
  .then((d) => {
    detector = d;
    loaded = true;
    send({ type: 'ready', versions: detectorVersions(d) });
    drain();
  })
  .catch((e) => send({ type: 'fatal', error: toWire(e) }));
