/**
 * The page writer's thread: commits the analysis pages the store hands it, one at a time in the
 * order sent, each in one transaction on this thread's own connection (page-writer.ts).
 */

import { parentPort, workerData } from 'node:worker_threads';
import { toWire } from '@ogoh/core';
import { commitPage } from './analysis-page.ts';
import { openDb } from './db.ts';
import type { FromPageWriter, ToPageWriter } from './page-writer.ts';

const port = parentPort;
if (!port) throw new Error('page-writer-worker.ts runs only as a worker thread (see page-writer.ts)');
const { path } = workerData as { path: string };
// the store's connection migrated the file before the first page was handed over
const db = openDb(path, false);

port.on('message', (m: ToPageWriter) => {
  if (m.type === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: FromPageWriter;
  try {
    commitPage(db, m.page);
    reply = { type: 'done', seq: m.seq };
  } catch (e) {
    reply = { type: 'failed', seq: m.seq, error: toWire(e) };
  }
  port.postMessage(reply);
});
