/**
 * analyse's prepare worker: signatures, bands, anchors and detections of the pages the main thread
 * reads ahead, one page at a time in the order sent (prepare-pool.ts). It loads its own detector
 * from the store's model files (without the embedding heads) and says which versions it carries;
 * the main thread uses its flags only when they match its own.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { toWire } from '../wire-error.ts';
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
const send = (m: FromPrepareWorker) => port.postMessage(m);
const cpu0 = threadCpuSeconds();
const elu0 = performance.eventLoopUtilization();

const { location } = workerData as { location: string };
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
