/**
 * The CollectStore contract (SQLite and PostgreSQL run it unchanged): fetch state and health round-trip, the poll log pages newest first, the
 * payload ledger finds interrupted parses, withheld media never keep bytes (even when a caller
 * passes them), near-duplicate images are found by pHash, re-parsed items are rewritten only from
 * their own payload and become searchable, and a source with items cannot be removed.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { MediaRecord, SourceHealth } from '@ogoh/core';
import * as f from '../factories.ts';
import { openCollectStore, openStore, openTraceStore } from '../index.ts';
import type { Locations } from './locations.ts';

const T = '2026-03-01T10:00:00.000Z';

/** The CollectStore contract, run on every adapter through `openCollectStore`. */
export function collectContract(name: string, locations: Locations): void {
  after(() => locations.cleanup());

  async function both(path = locations.fresh()) {
    const store = await openStore(path);
    const collect = await openCollectStore(path);
    return {
      path,
      store,
      collect,
      close: async () => {
        await collect.close();
        await store.close();
      },
    };
  }

  describe(`${name} collect store`, () => {
    test('fetch state upserts per URL; health and the poll log are written together', async () => {
      const { store, collect, close } = await both();
      try {
        await store.putSource(f.source({ id: 'a.example' }));
        assert.equal(await collect.getFetchState('https://a.example/rss'), undefined);
        await collect.putFetchState({
          url: 'https://a.example/rss',
          sourceId: 'a.example',
          etag: '"1"',
          fetchedAt: T,
        });
        await collect.putFetchState({
          url: 'https://a.example/rss',
          sourceId: 'a.example',
          lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT',
          status: 200,
          fetchedAt: T,
        });
        assert.deepEqual(await collect.getFetchState('https://a.example/rss'), {
          url: 'https://a.example/rss',
          sourceId: 'a.example',
          lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT',
          status: 200,
          fetchedAt: T,
        });
        const health: SourceHealth = {
          sourceId: 'a.example',
          lastAttemptAt: T,
          lastErrorAt: T,
          lastErrorCode: 'FETCH_HTTP',
          lastError: 'HTTP 500',
          consecutiveFailures: 1,
          fetches: 1,
          failures: 1,
          totalNew: 0,
          nextDueAt: T,
        };
        const s1 = await collect.recordPoll(
          {
            runId: 'r1',
            sourceId: 'a.example',
            url: 'https://a.example/rss',
            at: T,
            ms: 12,
            outcome: 'failed',
            status: 500,
            errorCode: 'FETCH_HTTP',
            error: 'HTTP 500',
          },
          health,
        );
        const s2 = await collect.recordPoll(
          {
            runId: 'r2',
            sourceId: 'a.example',
            url: 'https://a.example/rss',
            at: T,
            ms: 3,
            outcome: 'fetched',
            items: 4,
            new: 4,
            bytes: 900,
          },
          {
            ...health,
            consecutiveFailures: 0,
            fetches: 2,
            lastSuccessAt: T,
            lastItems: 4,
            lastNew: 4,
            totalNew: 4,
          },
        );
        assert.ok(s2 > s1);
        assert.deepEqual(await collect.getHealth('a.example'), {
          ...health,
          consecutiveFailures: 0,
          fetches: 2,
          lastSuccessAt: T,
          lastItems: 4,
          lastNew: 4,
          totalNew: 4,
        });
        const log = await collect.listPollLog({ sourceId: 'a.example' });
        assert.deepEqual(
          log.map((e) => [e.runId, e.outcome, e.new]),
          [
            ['r2', 'fetched', 4],
            ['r1', 'failed', undefined],
          ],
        );
        assert.equal((await collect.listPollLog({ runId: 'r1' })).length, 1);
        assert.equal((await collect.listPollLog({ beforeSeq: s2 })).length, 1);
        assert.equal((await collect.listHealth()).length, 1);
      } finally {
        await close();
      }
    });

    test('the payload ledger lists unparsed payloads and pages in fetch order', async () => {
      const { store, collect, close } = await both();
      try {
        await store.putSource(f.source({ id: 'b.example' }));
        const payloads = [1, 2, 3].map((i) =>
          f.payload({ id: `pl_${i}`, sourceId: 'b.example', collectedAt: `2026-03-0${i}T00:00:00.000Z` }),
        );
        await store.writeBatch({ payloads, items: [] });
        for (const p of payloads)
          await collect.notePayload({
            payloadId: p.id,
            sourceId: p.sourceId,
            url: p.uri,
            format: 'rss',
            fetchedAt: p.collectedAt,
          });
        await collect.notePayload({
          payloadId: 'pl_2',
          sourceId: 'b.example',
          url: payloads[1]!.uri,
          format: 'rss',
          fetchedAt: payloads[1]!.collectedAt,
          parsedAt: T,
          items: 5,
        });
        assert.deepEqual(
          (await collect.pendingPayloads()).map((p) => p.payloadId),
          ['pl_1', 'pl_3'],
        );
        const page1 = await collect.listPayloads({ limit: 2 });
        assert.deepEqual(
          page1.map((p) => p.payloadId),
          ['pl_1', 'pl_2'],
        );
        const last = page1.at(-1)!;
        const page2 = await collect.listPayloads({
          after: { fetchedAt: last.fetchedAt, payloadId: last.payloadId },
        });
        assert.deepEqual(
          page2.map((p) => p.payloadId),
          ['pl_3'],
        );
        assert.equal(page1[1]?.items, 5);
      } finally {
        await close();
      }
    });

    test('withheld media keep hashes, metadata and OCR text, never bytes; near-duplicates are found by pHash', async () => {
      const { store, collect, close } = await both();
      try {
        await store.putSource(f.source({ id: 'c.example' }));
        const it1 = f.item({ sourceId: 'c.example' });
        const it2 = f.item({ sourceId: 'c.example' });
        await store.writeBatch({ items: [it1, it2] });
        const base: Omit<MediaRecord, 'sha256' | 'phash'> = {
          size: 3,
          ocrLangs: ['tgk', 'rus'],
          withheld: false,
          firstSeen: T,
        };
        await collect.putMedia(
          [
            {
              ...base,
              sha256: 'aa',
              phash: 'ffffffff00000000',
              url: 'https://cdn.example/a.jpg',
              body: new Uint8Array([1, 2, 3]),
            },
            {
              ...base,
              sha256: 'bb',
              phash: 'ffffffff00000003',
              withheld: true,
              ocrText: 'матн',
              body: new Uint8Array([9]),
            },
            { ...base, sha256: 'cc', phash: '00000000ffffffff' },
          ],
          [
            { sha256: 'aa', itemId: it1.id },
            { sha256: 'bb', itemId: it2.id },
          ],
        );
        assert.deepEqual((await collect.getMedia('aa'))?.body, new Uint8Array([1, 2, 3]));
        const withheld = await collect.getMedia('bb');
        assert.equal(withheld?.body, undefined, 'the bytes of a withheld image are never stored');
        assert.equal(withheld?.ocrText, 'матн');
        assert.equal(withheld?.withheld, true);
        // the same image seen later from an extremist source: its stored bytes are dropped
        await collect.putMedia(
          [{ ...base, sha256: 'aa', withheld: true, body: new Uint8Array([1, 2, 3]) }],
          [],
        );
        assert.equal((await collect.getMedia('aa'))?.body, undefined);
        assert.equal((await collect.getMedia('aa'))?.withheld, true);
        assert.equal((await collect.mediaByUrl('https://cdn.example/a.jpg'))?.sha256, 'aa');
        const near = await collect.similarMedia('ffffffff00000001', { maxDistance: 4 });
        assert.deepEqual(
          near.map((m) => [m.sha256, m.distance, m.itemIds]),
          [
            ['aa', 1, [it1.id]],
            ['bb', 1, [it2.id]],
          ],
        );
      } finally {
        await close();
      }
    });

    test('re-parsed items are rewritten from their own payload only, re-queued and searchable', async () => {
      const { store, collect, close } = await both();
      try {
        await store.putSource(f.source({ id: 'd.example' }));
        const it = f.item({ sourceId: 'd.example', text: 'кӯҳна матн', payloadId: 'pl_first' });
        const other = f.item({ sourceId: 'd.example', text: 'дигар', payloadId: 'pl_first' });
        await store.writeBatch({ items: [it, other] });
        await store.markAnalysed([it.id, other.id], T);
        const fixed = {
          ...it,
          text: 'матни ислоҳшуда',
          foldText: f.foldKey('матни ислоҳшуда'),
          ocrText: 'аз расм',
        };
        const fromLater = { ...other, text: 'нусхаи баъдӣ', payloadId: 'pl_later' };
        const ghost = f.item({ sourceId: 'd.example' });
        const res = await collect.replaceItems([fixed, fromLater, ghost, { ...it, ...fixed }]);
        assert.deepEqual(res, { changed: 1, unchanged: 2, missing: [ghost.id] });
        const stored = await store.getItem(it.id);
        assert.equal(stored?.text, 'матни ислоҳшуда');
        assert.equal(stored?.ocrText, 'аз расм');
        assert.equal(stored?.analyzedAt, undefined, 'queued for analysis again');
        assert.equal((await store.getItem(other.id))?.text, 'дигар', 'the first published version stays');
        const page = await store.queryItems({ terms: ['ислохшуда'] });
        assert.deepEqual(
          page.items.map((i) => i.id),
          [it.id],
        );
        assert.equal((await store.queryItems({ terms: ['кухна'] })).items.length, 0);
      } finally {
        await close();
      }
    });

    test('a re-parsed item whose date changed moves in time order', async () => {
      const { store, collect, close } = await both();
      try {
        await store.putSource(f.source({ id: 'g.example' }));
        const a = f.item({ sourceId: 'g.example', published: '2026-03-01T10:00:00Z', payloadId: 'pl_g' });
        const b = f.item({ sourceId: 'g.example', published: '2026-03-02T10:00:00Z', payloadId: 'pl_g' });
        await store.writeBatch({ items: [a, b] });
        assert.deepEqual(
          (await store.queryItems({})).items.map((i) => i.id),
          [b.id, a.id],
        );
        const moved = { ...a, published: '2026-03-03T10:00:00Z' };
        assert.deepEqual(await collect.replaceItems([moved]), { changed: 1, unchanged: 0, missing: [] });
        assert.deepEqual(
          (await store.queryItems({})).items.map((i) => i.id),
          [a.id, b.id],
        );
        assert.deepEqual(
          (await store.queryItems({ since: '2026-03-03T00:00:00Z' })).items.map((i) => i.id),
          [a.id],
        );
      } finally {
        await close();
      }
    });

    test('band and anchor postings follow a re-parsed item to its new date', async () => {
      const { path, store, collect, close } = await both();
      const trace = await openTraceStore(path);
      try {
        await store.putSource(f.source({ id: 'h.example' }));
        const a = f.item({ sourceId: 'h.example', published: '2026-03-01T10:00:00Z', payloadId: 'pl_h' });
        const b = f.item({ sourceId: 'h.example', published: '2026-03-02T10:00:00Z', payloadId: 'pl_h' });
        await store.writeBatch({ items: [a, b] });
        const sig = new Uint32Array([1, 2, 3, 4]);
        await store.putSignatures([
          { itemId: a.id, signature: sig, bands: ['x'] },
          { itemId: b.id, signature: sig, bands: ['x'] },
        ]);
        await trace.putAnchors([
          { itemId: a.id, lang: 'tg', keys: ['e:x'] },
          { itemId: b.id, lang: 'tg', keys: ['e:x'] },
        ]);
        const latest = async () => [
          (await trace.bandCandidates(['x'], { perBand: 1 })).map((c) => c.itemId),
          (await trace.anchorCandidates({ keys: ['e:x'], maxScan: 1 })).map((c) => c.itemId),
        ];
        assert.deepEqual(await latest(), [[b.id], [b.id]]);
        const moved = { ...a, published: '2026-03-03T10:00:00Z' };
        assert.deepEqual(await collect.replaceItems([moved]), { changed: 1, unchanged: 0, missing: [] });
        assert.deepEqual(await latest(), [[a.id], [a.id]]);
        assert.deepEqual(
          (await trace.anchorsOf([a.id])).map((r) => r.keys),
          [['e:x']],
        );
      } finally {
        await trace.close();
        await close();
      }
    });

    test('items keep OCR text and the withheld-media mark', async () => {
      const { store, close } = await both();
      try {
        await store.putSource(f.source({ id: 'e.example', affiliation: 'extremist' }));
        const it = f.item({
          sourceId: 'e.example',
          ocrText: 'Матн дар расм',
          mediaWithheld: true,
          media: [{ kind: 'photo', hash: 'phash:ffffffff00000000' }],
        });
        await store.writeBatch({ items: [it] });
        assert.deepEqual(await store.getItem(it.id), it);
        const plain = f.item({ sourceId: 'e.example' });
        await store.writeBatch({ items: [plain] });
        const back = await store.getItem(plain.id);
        assert.equal(back?.mediaWithheld, undefined);
        assert.equal(back?.ocrText, undefined);
      } finally {
        await close();
      }
    });

    test('a source with items stays; one without is removed with its state', async () => {
      const { store, collect, close } = await both();
      try {
        await store.putSource(f.source({ id: 'kept.example' }));
        await store.putSource(f.source({ id: 'empty.example' }));
        await store.writeBatch({ items: [f.item({ sourceId: 'kept.example' })] });
        await collect.putFetchState({
          url: 'https://empty.example/rss',
          sourceId: 'empty.example',
          fetchedAt: T,
        });
        await assert.rejects(collect.removeSource('kept.example'), { code: 'CONFLICT' });
        assert.equal(await collect.removeSource('empty.example'), true);
        assert.equal(await store.getSource('empty.example'), undefined);
        assert.equal(await collect.getFetchState('https://empty.example/rss'), undefined);
        assert.equal(await collect.removeSource('nope.example'), false);
      } finally {
        await close();
      }
    });
  });
}
