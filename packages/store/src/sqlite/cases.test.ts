import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCaseStore } from '../cases.ts';
import { caseStoreContract } from '../cases-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-cases-'));
caseStoreContract(
  'sqlite',
  (key) => openCaseStore(join(dir, `${key}.db`)),
  async () => rmSync(dir, { recursive: true, force: true }),
);
