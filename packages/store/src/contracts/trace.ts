/**
 * The TraceStore contract: anchors with postings and document frequencies kept in step, bounded
 * time-windowed retrieval, story links, provenance edges and flows, alerts, per-day series, band
 * candidates, and the optional batched reads agreeing with the one-at-a-time ones. SQLite and
 * PostgreSQL run it unchanged, through the openers.
 * @example traceContract('sqlite', sqliteLocations('trace'));
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AnchorQuery, AnchorRow, CandidateRow, ProvenanceEdge } from '@ogoh/core';
import { isOgohError, type Store, type TraceStore } from '@ogoh/core';
import * as f from '../factories.ts';
import { openStore, openTraceStore } from '../index.ts';
import type { Locations } from './locations.ts';

/** The optional batched reads (TraceStore may declare them; adapters that have them are checked). */
interface Batched {
  anchorCandidatesMany?(queries: AnchorQuery[]): Promise<AnchorRow[][]>;
  storyCandidates?(
    probes: { itemId: string; contentHash: string; bands: string[] }[],
    options?: { limit?: number; perBand?: number; perHash?: number },
  ): Promise<{ exact: CandidateRow[]; near: CandidateRow[] }[]>;
  storySizes?(storyIds: string[]): Promise<Map<string, number>>;
}

/** The TraceStore contract, run on every adapter through `openTraceStore`. */
export function traceContract(name: string, locations: Locations): void {
  describe(`${name} TraceStore`, () => {
    let store: Store;
    let trace: TraceStore;
    const day = (d: number, h = 10) =>
      `2026-10-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;
    const items = [
      f.item({ sourceId: 'a', lang: 'ru', published: day(1), text: 'один' }),
      f.item({ sourceId: 'b', lang: 'tg', published: day(1, 15), text: 'як' }),
      f.item({ sourceId: 'a', lang: 'ru', published: day(20), text: 'два' }),
      f.item({ sourceId: 'b', lang: 'tg', published: day(2), text: 'ду' }),
    ];

    before(async () => {
      const location = locations.fresh();
      store = await openStore(location);
      for (const id of ['a', 'b', 'src-test']) await store.putSource(f.source({ id }));
      await store.writeBatch({
        items,
        payloads: [f.payload({ id: items[0]!.payloadId, sourceId: 'src-test' })],
      });
      trace = await openTraceStore(location);
    });
    after(async () => {
      await trace.close();
      await store.close();
      await locations.cleanup();
    });

    test('anchors: postings, document frequencies kept in step on re-put, time-windowed retrieval', async () => {
      await trace.putAnchors([
        { itemId: items[0]!.id, lang: 'ru', keys: ['n:7400', 'e:moscow', 'c:ptr'] },
        { itemId: items[1]!.id, lang: 'tg', keys: ['n:7400', 'e:moscow'] },
        { itemId: items[2]!.id, lang: 'ru', keys: ['n:7400', 'e:moscow'] },
        { itemId: items[3]!.id, lang: 'tg', keys: ['e:moscow'] },
      ]);
      let df = await trace.anchorDf(['n:7400', 'e:moscow', 'c:ptr', 'q:none']);
      assert.equal(df.total, 4);
      assert.deepEqual([...df.df.values()], [3, 4, 1, 0]);
      // re-put replaces the old keys
      await trace.putAnchors([{ itemId: items[2]!.id, lang: 'ru', keys: ['e:moscow', 'd:10-20'] }]);
      df = await trace.anchorDf(['n:7400', 'd:10-20']);
      assert.equal(df.df.get('n:7400'), 2);
      assert.equal(df.df.get('d:10-20'), 1);
      const c = await trace.anchorCandidates({
        keys: ['n:7400', 'e:moscow'],
        excludeItemId: items[1]!.id,
        since: day(1, 0),
        until: day(8),
      });
      assert.deepEqual(
        c.map((r) => r.itemId),
        [items[0]!.id, items[3]!.id],
        'the rarer shared key ranks first; the item outside the window is left out',
      );
      assert.deepEqual(c[0]!.keys, ['c:ptr', 'e:moscow', 'n:7400']);
      assert.equal(c[0]!.lang, 'ru');
      const none = await trace.anchorCandidates({ keys: ['e:moscow'], maxDf: 2 });
      assert.deepEqual(none, [], 'keys more frequent than maxDf do not retrieve');
      await assert.rejects(
        trace.putAnchors([{ itemId: 'it_missing', lang: 'ru', keys: [] }]),
        /unknown item "it_missing"/,
      );
    });

    test('story links, provenance edges and flows', async () => {
      await store.assignStories([
        { storyId: 'st_1', itemId: items[0]!.id, link: 'first', similarity: 1 },
        { storyId: 'st_1', itemId: items[1]!.id, link: 'translation', similarity: 0.7 },
      ]);
      const reasons = { entities: ['Moscow'], numbers: ['7400'], dates: [], urls: [], quotes: [], names: [] };
      await trace.putStoryLinks([
        {
          itemId: items[1]!.id,
          storyId: 'st_1',
          toItemId: items[0]!.id,
          kind: 'translation',
          score: 0.7,
          reasons,
          createdAt: day(3),
        },
      ]);
      const links = await trace.storyLinks('st_1');
      assert.equal(links.length, 1);
      assert.deepEqual(links[0]!.reasons, reasons);
      assert.deepEqual(await trace.staleProvenance({ maxSize: 10 }), ['st_1'], 'no tree stored yet');
      assert.deepEqual(await trace.staleProvenance({ maxSize: 1 }), [], 'above maxSize');
      await trace.replaceProvenance(
        ['st_1'],
        [
          {
            storyId: 'st_1',
            from: items[0]!.id,
            to: items[1]!.id,
            relation: 'translation',
            lagSeconds: 18000,
            laundering: true,
          },
        ],
      );
      await trace.replaceProvenance(
        ['st_1'],
        [
          {
            storyId: 'st_1',
            from: items[0]!.id,
            to: items[1]!.id,
            relation: 'translation',
            lagSeconds: 18000,
            attribution: 'name',
            laundering: false,
          },
        ],
      );
      const edges = await trace.provenance('st_1');
      assert.equal(edges.length, 1);
      assert.equal(edges[0]!.attribution, 'name');
      assert.equal(edges[0]!.laundering, false);
      assert.deepEqual(await trace.provenanceFlows(), [{ from: 'a', to: 'b', count: 1 }]);
      assert.deepEqual(await trace.staleProvenance({ maxSize: 10 }), [], 'one edge for two items');
    });

    test('replacing provenance keeps unchanged edges, rewrites changed ones, drops the rest', async () => {
      const [a, b, c, d] = items.map((i) => i.id) as [string, string, string, string];
      const edge = (storyId: string, from: string, to: string, more: Partial<ProvenanceEdge> = {}) =>
        ({
          storyId,
          from,
          to,
          relation: 'copy',
          lagSeconds: 60,
          laundering: false,
          ...more,
        }) as ProvenanceEdge;
      const edgesOf = async (id: string) =>
        (await trace.provenance(id)).sort((x, y) => (x.to < y.to ? -1 : 1));
      await trace.replaceProvenance(
        ['st_p1', 'st_p2'],
        [edge('st_p1', a, b), edge('st_p1', a, c), edge('st_p1', a, d), edge('st_p2', c, d)],
      );
      // st_p1: b kept, c re-parented, d dropped; st_p2 emptied; a later edge of one target wins
      await trace.replaceProvenance(
        ['st_p1', 'st_p2'],
        [
          edge('st_p1', a, b),
          edge('st_p1', a, c),
          edge('st_p1', b, c, { attribution: 'name', lagSeconds: 1.5 }),
        ],
      );
      const sorted = (es: ProvenanceEdge[]) => es.sort((x, y) => (x.to < y.to ? -1 : 1));
      assert.deepEqual(
        await edgesOf('st_p1'),
        sorted([edge('st_p1', a, b), edge('st_p1', b, c, { attribution: 'name', lagSeconds: 1.5 })]),
      );
      assert.deepEqual(await trace.provenance('st_p2'), []);
      // a story named only by its edges is replaced too
      await trace.replaceProvenance([], [edge('st_p1', a, c, { relation: 'translation', laundering: true })]);
      assert.deepEqual(await edgesOf('st_p1'), [
        edge('st_p1', a, c, { relation: 'translation', laundering: true }),
      ]);
      await trace.replaceProvenance(['st_p1'], []);
      assert.deepEqual(await trace.provenance('st_p1'), []);
    });

    test('series per day by language, source, story and detection label; items behind a day', async () => {
      const lang = await trace.series({ by: 'lang' });
      assert.deepEqual(
        lang.map((r) => [r.day, r.key, r.count]),
        [
          ['2026-10-01', 'ru', 1],
          ['2026-10-01', 'tg', 1],
          ['2026-10-02', 'tg', 1],
          ['2026-10-20', 'ru', 1],
        ],
      );
      assert.equal((await trace.series({ by: 'source', since: '2026-10-02' })).length, 2);
      assert.deepEqual(
        (await trace.series({ by: 'story', minStorySize: 2 })).map((r) => [r.key, r.count]),
        [['st_1', 2]],
      );
      await store.replaceDetections(
        [items[0]!.id, items[1]!.id],
        [
          f.detection({ itemId: items[0]!.id, label: 'ru-west-destabiliser' }),
          f.detection({ itemId: items[1]!.id, label: 'ru-west-destabiliser' }),
        ],
      );
      assert.deepEqual(
        (await trace.series({ by: 'narrative' })).map((r) => [r.day, r.key, r.count]),
        [['2026-10-01', 'ru-west-destabiliser', 2]],
      );
      assert.deepEqual(
        new Set(await trace.seriesItems({ by: 'narrative', key: 'ru-west-destabiliser', day: '2026-10-01' })),
        new Set([items[0]!.id, items[1]!.id]),
      );
      assert.deepEqual(await trace.seriesItems({ by: 'lang', key: 'ru', day: '2026-10-20' }), [items[2]!.id]);
      assert.equal((await trace.narrativeDays({})).length, 2);
      await assert.rejects(trace.seriesItems({ by: 'lang', key: 'ru', day: '20 Oct' }), /YYYY-MM-DD/);
    });

    test('alerts: replace by id, list newest first, clear and delete', async () => {
      const base = {
        kind: 'spike' as const,
        by: 'lang' as const,
        key: 'ru',
        value: 9,
        baseline: 1,
        score: 5,
        itemIds: [items[0]!.id],
        detail: { method: 'robust-z' },
        createdAt: day(3),
      };
      await trace.putAlerts([
        { ...base, id: 'al_1', day: '2026-10-01' },
        { ...base, id: 'al_2', day: '2026-10-05' },
      ]);
      await trace.putAlerts([{ ...base, id: 'al_1', day: '2026-10-01', value: 10 }]);
      let list = await trace.listAlerts();
      assert.deepEqual(
        list.map((a) => a.id),
        ['al_2', 'al_1'],
      );
      assert.equal(list[1]!.value, 10);
      assert.deepEqual(list[0]!.detail, { method: 'robust-z' });
      await trace.clearAlerts('spike', { since: '2026-10-03' });
      list = await trace.listAlerts({ kind: 'spike' });
      assert.deepEqual(
        list.map((a) => a.id),
        ['al_1'],
      );
      await trace.deleteAlerts(['al_1']);
      assert.deepEqual(await trace.listAlerts(), []);
    });

    test('band candidates: latest per band, ranked by shared bands, bounded', async () => {
      const sig = new Uint32Array([1, 2, 3, 4]);
      await store.putSignatures([
        { itemId: items[0]!.id, signature: sig, bands: ['b0:x', 'b1:y', 'b2:z'] },
        { itemId: items[1]!.id, signature: sig, bands: ['b0:x'] },
        { itemId: items[2]!.id, signature: sig, bands: ['b0:x', 'b1:y'] },
      ]);
      const all = await trace.bandCandidates(['b0:x', 'b1:y', 'b2:z'], { excludeItemId: items[3]!.id });
      assert.deepEqual(
        all.map((c) => c.itemId),
        [items[0]!.id, items[2]!.id, items[1]!.id],
        'most shared bands first',
      );
      assert.deepEqual([...all[0]!.signature], [1, 2, 3, 4]);
      const capped = await trace.bandCandidates(['b0:x'], { perBand: 1 });
      assert.deepEqual(
        capped.map((c) => c.itemId),
        [items[2]!.id],
        'only the latest item of the band (published 20 Oct)',
      );
      assert.equal((await trace.bandCandidates(['b0:x'], { limit: 2 })).length, 2);
      assert.deepEqual(await trace.bandCandidates([]), []);
    });

    test('batched reads give what the one-at-a-time reads give', async () => {
      const batched = trace as TraceStore & Batched;
      const probes = [
        { keys: ['n:7400', 'e:moscow'], since: day(1, 0), until: day(30) },
        { keys: ['e:moscow'], excludeItemId: items[3]!.id },
        { keys: [] },
      ];
      if (batched.anchorCandidatesMany) {
        const many = await batched.anchorCandidatesMany(probes);
        const one = await Promise.all(probes.map((q) => trace.anchorCandidates(q)));
        assert.deepEqual(many, one);
        assert.ok(many[0]!.length > 0);
      }
      if (batched.storyCandidates) {
        const [c] = await batched.storyCandidates(
          [{ itemId: items[3]!.id, contentHash: items[0]!.contentHash, bands: ['b0:x', 'b1:y', 'b2:z'] }],
          { limit: 20, perBand: 64, perHash: 8 },
        );
        assert.deepEqual(
          c!.exact.map((r) => r.itemId),
          [items[0]!.id],
        );
        assert.deepEqual(
          new Set(c!.near.map((r) => r.itemId)),
          new Set([items[0]!.id, items[1]!.id, items[2]!.id]),
        );
        assert.deepEqual(
          c!.near.map((r) => r.itemId),
          [items[0]!.id, items[1]!.id, items[2]!.id],
          'listed oldest first',
        );
      }
      if (batched.storySizes)
        assert.deepEqual(await batched.storySizes(['st_1', 'st_none']), new Map([['st_1', 2]]));
    });

    test('two connections indexing overlapping items at once keep document frequencies exact', async () => {
      const location = locations.fresh();
      const s = await openStore(location);
      const a = await openTraceStore(location);
      const b = await openTraceStore(location);
      try {
        await s.putSource(f.source({ id: 'src-test' }));
        const many = Array.from({ length: 40 }, (_, i) =>
          f.item({ published: `2026-10-${String((i % 28) + 1).padStart(2, '0')}T10:00:00.000Z` }),
        );
        await s.writeBatch({ items: many });
        const keysOf = (i: number, round: number) => ['e:shared', `n:${i % 5}`, `r:${round}:${i % 3}`];
        // each round re-indexes every item from both connections, in opposite orders
        for (let round = 0; round < 3; round++) {
          const rows = many.map((it, i) => ({ itemId: it.id, lang: 'tg', keys: keysOf(i, round) }));
          await Promise.all([
            a.putAnchors(rows.slice(0, 25)),
            b.putAnchors(rows.slice(15).reverse()),
            a.putAnchors(rows.slice(10, 30).reverse()),
          ]);
        }
        const df = await a.anchorDf(['e:shared', 'n:0', 'r:2:0', 'r:1:0', 'r:0:1']);
        assert.equal(df.total, 40);
        assert.deepEqual([...df.df.values()], [40, 8, 14, 0, 0]);
      } finally {
        await a.close();
        await b.close();
        await s.close();
      }
    });

    test('Telegram items for cascades; openers refuse what they cannot serve', async () => {
      assert.deepEqual(await trace.telegramItems({}), []);
      await assert.rejects(openTraceStore(':memory:'), /in-memory store cannot be shared/);
      await assert.rejects(openTraceStore('mysql://x/y'), (e) => isOgohError(e) && e.field === 'db');
    });
  });
}
