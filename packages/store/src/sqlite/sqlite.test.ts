import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { storeContract } from '../contract.ts';
import * as f from '../factories.ts';
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
storeContract('sqlite, page writer thread', () =>
  openSqliteStore(join(threadDir, `store-${++n}.db`), { pageWriter: 'thread' }),
);

describe('sqlite page writer thread', () => {
  after(() => rmSync(threadDir, { recursive: true, force: true }));

  test('close commits a page handed over and not yet awaited, then stops the thread', async () => {
    const file = join(threadDir, `close-${++n}.db`);
    const store = await openSqliteStore(file, { pageWriter: 'thread' });
    const src = f.source();
    await store.putSource(src);
    const items = [f.item({ sourceId: src.id }), f.item({ sourceId: src.id })];
    await store.writeBatch({ items });
    const at = '2026-11-28T00:00:00.000Z';
    const landed = store.commitAnalysisPage!({
      assignments: [
        { storyId: 'st_close', itemId: items[0]!.id, link: 'first', similarity: 1 },
        { storyId: 'st_close', itemId: items[1]!.id, link: 'near', similarity: 0.9 },
      ],
      analysed: items.map((i) => i.id),
      at,
    });
    // close returns once the page is committed: read it back before awaiting the page's own promise
    await store.close();
    const again = await openSqliteStore(file, { readonly: true });
    try {
      assert.equal((await again.getStory('st_close'))?.size, 2);
      assert.equal((await again.getItem(items[1]!.id))?.analyzedAt, at);
    } finally {
      await again.close();
    }
    await landed;
  });
});
