/**
 * queryItemSummaries is queryItems reading fewer columns: for every plan (newest, language,
 * source, terms, time window, label, story) the same ids in the same order, the same cursors, and
 * each summary equal to the full item's summary fields. On SQLite, and on PostgreSQL when
 * OGOH_TEST_PG names a server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Item, ItemQuery, Store } from '@ogoh/core';
import { type Locations, PG_SKIP, postgresLocations, sqliteLocations } from '../contracts/locations.ts';
import * as f from '../factories.ts';
import { openStore } from '../index.ts';

const TEXTS = [
  'Ҳукумати Тоҷикистон қарор қабул кард',
  'Правительство объявило о новых мерах',
  'O‘zbekiston hukumati yangi qaror qabul qildi',
  'دولت تاجیکستان تصمیم گرفت',
];
const LANGS = ['tg', 'ru', 'uz', 'fa'] as const;

function pick(i: Item) {
  const out: Record<string, unknown> = {
    id: i.id,
    sourceId: i.sourceId,
    text: i.text,
    lang: i.lang,
    langConfidence: i.langConfidence,
  };
  for (const k of ['title', 'published', 'url', 'storyId'] as const) if (i[k] !== undefined) out[k] = i[k];
  return out;
}

function summaryContract(name: string, locations: Locations): void {
  describe(`queryItemSummaries (${name})`, () => {
    let store: Store;
    const sources: string[] = [];
    before(async () => {
      store = await openStore(locations.fresh());
      for (let s = 0; s < 2; s++) {
        const src = f.source();
        await store.putSource(src);
        sources.push(src.id);
      }
      const items = Array.from({ length: 60 }, (_, i) => {
        const text = `${TEXTS[i % TEXTS.length]} ${i}`;
        return f.item({
          sourceId: sources[i % 2]!,
          text,
          foldText: f.foldKey(text),
          lang: LANGS[i % LANGS.length]!,
          ...(i % 3 === 0 ? { title: `title ${i}`, url: `https://example.org/${i}` } : {}),
          ...(i % 7 === 0 ? {} : { published: new Date(Date.UTC(2026, 2, 1) + i * 3_600_000).toISOString() }),
        });
      });
      await store.writeBatch({ items });
    });
    after(async () => {
      await store?.close();
      await locations.cleanup();
    });

    const queries: [string, ItemQuery][] = [
      ['newest', { limit: 7 }],
      ['language', { lang: 'ru', limit: 4 }],
      ['source', { sourceId: '', limit: 5 }],
      ['language and source', { lang: 'tg', sourceId: '', limit: 3 }],
      ['terms', { terms: [f.foldKey('қарор')], limit: 3 }],
      ['time window', { since: '2026-03-01T10:00:00Z', until: '2026-03-02T20:00:00Z', limit: 6 }],
    ];
    for (const [name, q0] of queries)
      test(`${name}: same items, order and cursors as queryItems`, async () => {
        const q = q0.sourceId === '' ? { ...q0, sourceId: sources[0]! } : q0;
        let cursor: string | undefined;
        let pages = 0;
        do {
          const qq = cursor === undefined ? q : { ...q, cursor };
          const full = await store.queryItems(qq);
          const summary = await store.queryItemSummaries!(qq);
          assert.deepEqual(summary.items, full.items.map(pick));
          assert.equal(summary.next, full.next);
          for (const s of summary.items) assert.equal('raw' in s || 'foldText' in s, false);
          cursor = full.next;
          pages++;
        } while (cursor !== undefined && pages < 30);
        assert.ok(pages >= 2, `${name} spans pages`);
      });
  });
}

summaryContract('SQLite', sqliteLocations('item-summaries'));
const pg = process.env.OGOH_TEST_PG;
if (pg) summaryContract('PostgreSQL', postgresLocations(pg, 'item_summaries'));
else test('queryItemSummaries (PostgreSQL)', { skip: PG_SKIP }, () => {});
