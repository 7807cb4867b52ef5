/**
 * TraceStore.storyCandidates stays bounded on template-heavy data: a text copied many times and a
 * band shared by many items give at most `perHash` + 1 exact and `limit` near candidates, the
 * exact ones oldest first and including the oldest copy already in a story.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as f from '../factories.ts';
import { openSqliteStore } from './index.ts';
import { openSqliteTraceStore } from './trace.ts';

test('hot content hashes and hot bands give bounded candidate lists', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogoh-cands-'));
  const path = join(dir, 's.db');
  const store = await openSqliteStore(path);
  const trace = await openSqliteTraceStore(path);
  try {
    await store.putSource(f.source({ id: 'src-test' }));
    const day = (d: number) => new Date(Date.UTC(2026, 9, 1 + d)).toISOString();
    // 30 copies of one text, one per day
    const copies = Array.from({ length: 30 }, (_, d) =>
      f.item({ text: 'Одна и та же заметка о ценах на хлеб в Душанбе', published: day(d) }),
    );
    await store.writeBatch({ items: copies, payloads: [f.payload({ id: copies[0]!.payloadId })] });
    const sig = new Uint32Array(64).fill(7);
    await store.putSignatures(
      copies.map((c) => ({ itemId: c.id, signature: sig, bands: ['b0:hot', 'b1:hot'] })),
    );
    // the 20th copy is the only one in a story
    await store.assignStories([{ storyId: 'st_x', itemId: copies[19]!.id, link: 'first', similarity: 1 }]);
    const probe = copies[29]!;
    const [c] = await trace.storyCandidates!(
      [{ itemId: probe.id, contentHash: probe.contentHash, bands: ['b0:hot', 'b1:hot'] }],
      { limit: 5, perBand: 10, perHash: 3 },
    );
    assert.deepEqual(
      c!.exact.map((r) => r.itemId),
      [copies[0]!.id, copies[1]!.id, copies[2]!.id, copies[3]!.id, copies[19]!.id],
      'the oldest perHash + 1, then the oldest already in a story',
    );
    assert.equal(c!.exact[4]!.storyId, 'st_x');
    assert.equal(c!.near.length, 5, 'at most limit near candidates');
    assert.ok(!c!.near.some((r) => r.itemId === probe.id), 'never the probe itself');
    // the latest perBand of the band, listed oldest first
    assert.deepEqual(
      c!.near.map((r) => r.itemId),
      [...c!.near].sort((a, b) => (a.published! < b.published! ? -1 : 1)).map((r) => r.itemId),
    );
    assert.ok(
      c!.near.every((r) => r.published! >= day(19)),
      'from the latest 10 of the bucket',
    );
  } finally {
    await trace.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
