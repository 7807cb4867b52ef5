import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeContract } from '../contract.ts';
import { openSqliteStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-store-contract-'));
let n = 0;

storeContract(
  'sqlite',
  () => openSqliteStore(join(dir, `store-${++n}.db`)),
  async () => rmSync(dir, { recursive: true, force: true }),
);

// the same contract with every analysis page committed on the page writer's thread and connection
const threadDir = mkdtempSync(join(tmpdir(), 'ogoh-store-contract-thread-'));
storeContract(
  'sqlite, page writer thread',
  () => openSqliteStore(join(threadDir, `store-${++n}.db`), { pageWriter: 'thread' }),
  async () => rmSync(threadDir, { recursive: true, force: true }),
);
