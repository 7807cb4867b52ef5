/**
 * The store contract: one node:test suite every Store adapter runs unchanged (SQLite now,
 * PostgreSQL later). It talks to the Store interface only — no SQL — so a pass means the adapter
 * keeps the semantics the application relies on: atomic batches, newest-first keyset paging,
 * prefix search, story summaries, model-scoped detection replacement.
 *
 * @param open returns a NEW, EMPTY store on every call (each test starts clean)
 * @param cleanup runs once after the suite (remove temp files, drop schemas)
 * @example
 *   storeContract('sqlite', () => openSqliteStore(join(tmp, `${n++}.db`)), () => rm(tmp, { recursive: true }));
 */
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import { type Item, isOgohError, type Store } from '@ogoh/core';
import * as f from './factories.ts';

const SRC = 'src-test';

function isCode(code: string) {
  return (e: unknown) => {
    assert.ok(isOgohError(e), `expected an OgohError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return true;
  };
}

async function allPages(store: Store, q: Parameters<Store['queryItems']>[0]): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await store.queryItems(cursor === undefined ? q : { ...q, cursor });
    out.push(...page.items);
    if (page.next === undefined) return out;
    cursor = page.next;
  }
  throw new Error('pagination did not end');
}

const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);
const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();

export function storeContract(name: string, open: () => Promise<Store>, cleanup?: () => Promise<void>): void {
  describe(`${name} store contract`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
      await store.putSource(f.source({ id: SRC }));
    });
    afterEach(async () => {
      await store.close();
    });
    if (cleanup) after(cleanup);

    describe('schema and lifecycle', () => {
      test('reports a positive schema version', async () => {
        const v = await store.schemaVersion();
        assert.ok(Number.isInteger(v) && v >= 1, `schema version ${v}`);
      });

      test('close is idempotent and later calls fail with a STORE error', async () => {
        const other = await open();
        await other.close();
        await other.close();
        await assert.rejects(other.getItem('x'), isCode('STORE'));
      });
    });

    describe('sources', () => {
      test('round-trip with optional fields absent, not undefined', async () => {
        const minimal = f.source({ id: 'minimal' });
        delete minimal.url;
        await store.putSource(minimal);
        assert.deepEqual(await store.getSource('minimal'), minimal);
        const full = f.source({
          id: 'full.example',
          channelId: '-100123',
          country: 'TJ',
          affiliation: 'russian-state',
          affiliationNote: 'state media',
          tags: ['tv', 'ru'],
          pollIntervalSec: 600,
        });
        await store.putSource(full);
        assert.deepEqual(await store.getSource('full.example'), full);
        assert.equal(await store.getSource('nope'), undefined);
      });

      test('put updates an existing source; list is ordered by id', async () => {
        await store.putSource(f.source({ id: 'b-src', name: 'Old' }));
        await store.putSource(f.source({ id: 'a-src' }));
        await store.putSource(f.source({ id: 'b-src', name: 'New', affiliation: 'independent' }));
        const b = await store.getSource('b-src');
        assert.equal(b?.name, 'New');
        assert.equal(b?.affiliation, 'independent');
        assert.deepEqual(
          (await store.listSources()).map((s) => s.id),
          ['a-src', 'b-src', SRC],
        );
      });
    });

    describe('writeBatch', () => {
      test('counts new and duplicate items, within and across batches, and keeps the first copy', async () => {
        const a = f.item({ text: 'first' });
        const b = f.item();
        assert.deepEqual(await store.writeBatch({ items: [a, b, a] }), { new: 2, duplicate: 1 });
        const changed = { ...a, text: 'changed' };
        assert.deepEqual(await store.writeBatch({ items: [changed, f.item()] }), { new: 1, duplicate: 1 });
        assert.equal((await store.getItem(a.id))?.text, 'first');
        assert.deepEqual(await store.writeBatch({ items: [] }), { new: 0, duplicate: 0 });
      });

      test('items round-trip every field, optional ones absent', async () => {
        const full = f.item({
          url: 'https://news.example/a?b=1',
          canonicalUrl: 'https://news.example/a',
          title: 'Сарлавҳа «бо» "нохунак"',
          text: 'Матни пурра\nбо сатрҳо ва 😀 ва فارسی',
          lang: 'tg',
          langConfidence: 1,
          published: '2026-03-01T10:00:00.000+05:00',
          publishedRaw: '1 марти 2026, 10:00',
          authorId: 'ac_1',
          authorName: 'Муаллиф',
          links: [{ url: 'https://t.me/x/1', text: 'link' }, { url: 'https://b.example' }],
          media: [{ kind: 'photo', path: 'photos/1.jpg', width: 800, height: 600, hash: 'abc' }],
          telegram: { messageId: 42, chatId: '-100', forwardedFrom: 'Chan', views: 1000, edited: at(2) },
          format: 'telegram',
          raw: '{"id":42,"text":"Матни пурра"}',
          analyzedAt: at(3),
        });
        const minimal = f.item();
        delete minimal.externalId;
        await store.writeBatch({ items: [full, minimal] });
        assert.deepEqual(await store.getItem(full.id), full);
        assert.deepEqual(await store.getItem(minimal.id), minimal);
        assert.equal(await store.getItem('it_missing'), undefined);
      });

      test('payloads round-trip with and without a body; payloads and accounts are idempotent', async () => {
        const withBody = f.payload({ encoding: 'utf-8' });
        const noBody = f.payload();
        delete noBody.body;
        delete noBody.contentType;
        const account = f.account();
        const batch = {
          payloads: [withBody, noBody],
          accounts: [account],
          items: [f.item({ payloadId: withBody.id })],
        };
        await store.writeBatch(batch);
        await store.writeBatch({ payloads: [withBody], accounts: [account], items: [] });
        const got = await store.getPayload(withBody.id);
        assert.deepEqual(got, withBody);
        assert.ok(got?.body instanceof Uint8Array);
        assert.deepEqual(await store.getPayload(noBody.id), noBody);
        assert.equal(await store.getPayload('pl_missing'), undefined);
        assert.equal((await store.stats()).payloads, 2);
      });

      test('is all or nothing: a bad record after good ones stores nothing from the batch', async () => {
        const good = [f.item(), f.item()];
        const payload = f.payload();
        const bad = { ...f.item(), text: null } as unknown as Item;
        await assert.rejects(store.writeBatch({ payloads: [payload], items: [...good, bad] }), (e) => {
          isCode('STORE')(e);
          assert.match(String((e as Error).message), /items\[2\]/);
          return true;
        });
        assert.deepEqual(await store.existingItemIds(ids([...good, bad])), new Set());
        assert.equal(await store.getPayload(payload.id), undefined);
        // The store still works after the rollback.
        assert.deepEqual(await store.writeBatch({ items: good }), { new: 2, duplicate: 0 });
        const page = await store.queryItems({ terms: [good[0]!.foldText.split(' ')[0]!] });
        assert.ok(page.items.length >= 1);
      });

      test('an item of an unregistered source is refused, naming the source', async () => {
        const ok = f.item();
        const orphan = f.item({ sourceId: 'not-registered' });
        await assert.rejects(store.writeBatch({ items: [ok, orphan] }), (e) => {
          isCode('STORE')(e);
          assert.match(String((e as Error).message), /not-registered/);
          return true;
        });
        assert.equal(await store.getItem(ok.id), undefined);
      });

      test('existingItemIds and getItems (request order, unknown skipped)', async () => {
        const [a, b, c] = [f.item(), f.item(), f.item()];
        await store.writeBatch({ items: [a!, b!, c!] });
        assert.deepEqual(await store.existingItemIds([a!.id, 'it_nope', c!.id]), new Set([a!.id, c!.id]));
        assert.deepEqual(await store.existingItemIds([]), new Set());
        assert.deepEqual(ids(await store.getItems([c!.id, 'it_nope', a!.id, b!.id])), [c!.id, a!.id, b!.id]);
        assert.deepEqual(await store.getItems([]), []);
      });
    });

    describe('queryItems', () => {
      test('newest published first by instant (not by string), undated last, newest collected first', async () => {
        const items = [
          f.item({ published: '2026-03-01T10:00:00+05:00' }), // 05:00Z
          f.item({ published: '2026-03-01T06:00:00Z' }),
          f.item(), // undated, collected first
          f.item({ published: '2025-12-31T23:59:59.999Z' }),
          f.item({ published: '2026-03-02T00:00:00.000Z' }),
          f.item(), // undated, collected later
        ];
        await store.writeBatch({ items: [items[2]!, items[0]!, items[3]!] });
        await store.writeBatch({ items: [items[5]!, items[1]!, items[4]!] });
        const page = await store.queryItems({});
        assert.deepEqual(
          ids(page.items),
          ids([items[4]!, items[1]!, items[0]!, items[3]!, items[5]!, items[2]!]),
        );
        assert.equal(page.next, undefined);
      });

      test('pages cover everything once, same instant included; next is absent on the last page', async () => {
        const items = Array.from({ length: 23 }, (_, i) => f.item({ published: at(1 + (i % 5)) }));
        items.push(f.item(), f.item());
        await store.writeBatch({ items });
        const pages: string[][] = [];
        let cursor: string | undefined;
        do {
          const page: Awaited<ReturnType<Store['queryItems']>> = await store.queryItems(
            cursor === undefined ? { limit: 5 } : { limit: 5, cursor },
          );
          pages.push(ids(page.items));
          cursor = page.next;
        } while (cursor !== undefined);
        assert.deepEqual(
          pages.map((p) => p.length),
          [5, 5, 5, 5, 5],
        );
        assert.deepEqual(pages.flat(), ids((await store.queryItems({ limit: 100 })).items));
        assert.equal(new Set(pages.flat()).size, 25);
      });

      test('the cursor is stable while items are added', async () => {
        const items = Array.from({ length: 6 }, (_, i) => f.item({ published: at(10 + i) }));
        await store.writeBatch({ items });
        const first = await store.queryItems({ limit: 3 });
        assert.deepEqual(ids(first.items), ids([items[5]!, items[4]!, items[3]!]));
        const newer = f.item({ published: at(20) });
        const older = f.item({ published: at(12, 18) }); // between items[2] and items[3]
        await store.writeBatch({ items: [newer, older] });
        const second = await store.queryItems({ limit: 10, cursor: first.next! });
        assert.deepEqual(ids(second.items), ids([older, items[2]!, items[1]!, items[0]!]));
      });

      test('limit defaults to 50 and is capped at 1000; bad limits and cursors are usage errors', async () => {
        await store.writeBatch({ items: Array.from({ length: 1005 }, () => f.item()) });
        const page = await store.queryItems({});
        assert.equal(page.items.length, 50);
        assert.ok(page.next);
        assert.equal((await store.queryItems({ limit: 5000 })).items.length, 1000);
        await assert.rejects(store.queryItems({ limit: 0 }), isCode('USAGE'));
        await assert.rejects(store.queryItems({ limit: 2.5 }), isCode('USAGE'));
        await assert.rejects(store.queryItems({ cursor: 'not-a-cursor' }), isCode('USAGE'));
        await assert.rejects(store.queryItems({ since: 'yesterday' }), isCode('USAGE'));
      });

      test('filters: lang, source, since (inclusive), until (exclusive), and combinations', async () => {
        await store.putSource(f.source({ id: 'other.example' }));
        const a = f.item({ lang: 'ru', published: at(1) });
        const b = f.item({ lang: 'tg', published: at(2) });
        const c = f.item({ lang: 'ru', published: at(3), sourceId: 'other.example' });
        const d = f.item({ lang: 'ru' });
        await store.writeBatch({ items: [a, b, c, d] });
        assert.deepEqual(ids((await store.queryItems({ lang: 'ru' })).items), ids([c, a, d]));
        assert.deepEqual(ids((await store.queryItems({ sourceId: 'other.example' })).items), ids([c]));
        assert.deepEqual(ids((await store.queryItems({ lang: 'ru', sourceId: SRC })).items), ids([a, d]));
        assert.deepEqual(ids((await store.queryItems({ since: at(2) })).items), ids([c, b]));
        assert.deepEqual(ids((await store.queryItems({ until: at(2) })).items), ids([a]));
        assert.deepEqual(ids((await store.queryItems({ since: at(1), until: at(3) })).items), ids([b, a]));
        assert.deepEqual(
          ids((await store.queryItems({ lang: 'ru', since: at(1), until: at(3) })).items),
          ids([a]),
        );
        assert.deepEqual(ids((await store.queryItems({ lang: 'fa' })).items), []);
        assert.deepEqual(ids((await store.queryItems({ sourceId: 'nope' })).items), []);
      });

      test('terms: all must match; 3+ characters match word prefixes; shorter terms match whole words', async () => {
        const tj = f.item({ text: 'Ҳукумати Тоҷикистон дар бораи иқтисод', published: at(1) });
        const ru = f.item({ text: 'Правительство Таджикистана и экономика', lang: 'ru', published: at(2) });
        const short = f.item({ text: 'ба мактаб рафт', published: at(3) });
        const titled = f.item({ title: 'Ғалаба', text: 'матн бе калимаи калидӣ', published: at(4) });
        await store.writeBatch({ items: [tj, ru, short, titled] });
        const q = async (terms: string[], extra = {}) =>
          ids((await store.queryItems({ terms, ...extra })).items);
        assert.deepEqual(await q(['точик']), ids([tj]));
        assert.deepEqual(await q(['хук']), ids([tj]));
        assert.deepEqual(await q(['точи', 'бор']), ids([tj]));
        assert.deepEqual(await q(['правительство']), ids([ru]), 'a whole word matches itself');
        assert.deepEqual(await q(['хукумат', 'иктисод']), ids([tj]));
        assert.deepEqual(await q(['хукумат', 'экономика']), []);
        assert.deepEqual(await q(['таджик']), ids([ru]));
        assert.deepEqual(await q(['ба']), ids([short]));
        assert.deepEqual(await q(['ма']), [], 'two letters do not match as a prefix');
        assert.deepEqual(await q(['икистон']), [], 'prefixes only, not infixes');
        assert.deepEqual(await q(['галаба']), ids([titled]), 'the title is searchable');
        assert.deepEqual(await q(['ТОЧИК']), ids([tj]), 'stray capitals are tolerated');
        assert.deepEqual(await q(['"точик', '!!!']), ids([tj]), 'a quote is a separator, not syntax');
        assert.deepEqual(await q(['!!!']), ids([titled, short, ru, tj]), 'a term without letters is ignored');
        assert.deepEqual(await q(['точик'], { lang: 'ru' }), []);
        assert.deepEqual(
          await q(['точик'], { lang: 'tg', sourceId: SRC, since: at(1), until: at(2) }),
          ids([tj]),
        );
      });

      test('terms spanning tokens, and prefixes covering hundreds of words', async () => {
        const covid = f.item({ text: 'вокеаҳои covid-19 дар шаҳр' });
        const many = Array.from({ length: 260 }, (_, i) =>
          f.item({
            text: `калима${i.toString(36)}${String.fromCharCode(1072 + (i % 32))} ва дигар`,
            published: at(1 + (i % 20)),
          }),
        );
        await store.writeBatch({ items: [covid, ...many] });
        assert.deepEqual(ids((await store.queryItems({ terms: ['covid-19'] })).items), ids([covid]));
        assert.deepEqual(
          ids((await store.queryItems({ terms: ['covid-1'] })).items),
          [],
          'a short last word is exact',
        );
        assert.deepEqual(ids((await store.queryItems({ terms: ['вокеахои cov'] })).items), ids([covid]));
        assert.deepEqual(ids((await store.queryItems({ terms: ['вокеахои covi'] })).items), ids([covid]));
        assert.deepEqual(ids((await store.queryItems({ terms: ['вокеахои covid'] })).items), ids([covid]));
        assert.deepEqual(
          ids((await store.queryItems({ terms: ['covid дар'] })).items),
          [],
          'phrases keep word order',
        );
        const found = await allPages(store, { terms: ['калима'], limit: 37 });
        assert.equal(found.length, 260);
        assert.equal(new Set(ids(found)).size, 260);
        const expected = ids((await store.queryItems({ limit: 1000 })).items).filter((id) => id !== covid.id);
        assert.deepEqual(ids(found), expected, 'full-text pages keep the newest-first order');
        const paged = await allPages(store, { terms: ['калима', 'дигар'], since: at(5), limit: 10 });
        assert.equal(paged.length, many.filter((it) => it.published! >= at(5)).length);
      });

      test('storyId and label filters, alone and with terms', async () => {
        const [a, b, c] = [
          f.item({ text: 'хабари якум', published: at(1) }),
          f.item({ text: 'хабари дуюм', published: at(2) }),
          f.item({ text: 'хабари сеюм', published: at(3) }),
        ];
        await store.writeBatch({ items: [a!, b!, c!] });
        await store.assignStories([
          { storyId: 'st_1', itemId: a!.id, link: 'first', similarity: 1 },
          { storyId: 'st_1', itemId: c!.id, link: 'near', similarity: 0.8 },
        ]);
        await store.replaceDetections(
          [a!.id, b!.id],
          [
            f.detection({ itemId: a!.id, label: 'N-1' }),
            f.detection({ itemId: a!.id, label: 'N-1', model: 'other@1' }),
            f.detection({ itemId: b!.id, label: 'N-1' }),
            f.detection({ itemId: b!.id, label: 'T-2', kind: 'technique' }),
          ],
        );
        const q = async (extra: object) => ids((await store.queryItems(extra)).items);
        assert.deepEqual(await q({ storyId: 'st_1' }), ids([c!, a!]));
        assert.deepEqual(await q({ storyId: 'st_1', terms: ['якум'] }), ids([a!]));
        assert.deepEqual(await q({ storyId: 'st_1', terms: ['хаб'] }), ids([c!, a!]));
        assert.deepEqual(
          await q({ storyId: 'st_1', terms: ['хабари', 'дуюм'] }),
          [],
          'b is not in the story',
        );
        assert.deepEqual(await q({ storyId: 'st_1', terms: ['хаб'], limit: 1 }).then((x) => x.length), 1);
        assert.deepEqual(
          await q({ label: 'N-1' }),
          ids([b!, a!]),
          'one row per item even with two detections',
        );
        assert.deepEqual(await q({ label: 'T-2' }), ids([b!]));
        assert.deepEqual(await q({ label: 'N-1', terms: ['хабар'] }), ids([b!, a!]));
        assert.deepEqual(await q({ label: 'N-1', storyId: 'st_1' }), ids([a!]));
        assert.deepEqual(await q({ label: 'N-404' }), []);
        assert.deepEqual(await q({ storyId: 'st_404' }), []);
      });
    });

    describe('analysis queue', () => {
      test('yields unanalysed items in collection order; all: true yields everything', async () => {
        const items = Array.from({ length: 7 }, (_, i) => f.item({ published: at(10 - i) }));
        await store.writeBatch({ items: items.slice(0, 3) });
        await store.writeBatch({ items: items.slice(3) });
        const seen: string[] = [];
        const sizes: number[] = [];
        for await (const page of store.itemsToAnalyse({ batchSize: 3 })) {
          sizes.push(page.length);
          seen.push(...ids(page));
        }
        assert.deepEqual(seen, ids(items));
        assert.deepEqual(sizes, [3, 3, 1]);
        await store.markAnalysed([items[0]!.id, items[4]!.id], at(20));
        assert.equal((await store.getItem(items[0]!.id))?.analyzedAt, at(20));
        const rest: string[] = [];
        for await (const page of store.itemsToAnalyse({})) rest.push(...ids(page));
        assert.deepEqual(rest, ids(items.filter((_, i) => i !== 0 && i !== 4)));
        const all: string[] = [];
        for await (const page of store.itemsToAnalyse({ all: true, batchSize: 100 })) all.push(...ids(page));
        assert.deepEqual(all, ids(items));
      });

      test('marking each page analysed while iterating neither skips nor repeats items', async () => {
        const items = Array.from({ length: 9 }, () => f.item());
        await store.writeBatch({ items });
        const seen: string[] = [];
        let added = false;
        for await (const page of store.itemsToAnalyse({ batchSize: 2 })) {
          seen.push(...ids(page));
          await store.markAnalysed(ids(page), at(1));
          if (!added) {
            added = true;
            const late = f.item();
            items.push(late);
            await store.writeBatch({ items: [late] });
          }
        }
        assert.deepEqual(seen, ids(items));
        for await (const page of store.itemsToAnalyse({})) assert.fail(`unexpected page of ${page.length}`);
      });

      test('since keeps items collected at or after the instant', async () => {
        const items = Array.from({ length: 4 }, () => f.item());
        await store.writeBatch({ items });
        const seen: string[] = [];
        for await (const page of store.itemsToAnalyse({ all: true, since: items[2]!.collectedAt }))
          seen.push(...ids(page));
        assert.deepEqual(seen, ids(items.slice(2)));
      });
    });

    describe('near-duplicate index', () => {
      test('candidates share any band, are distinct, exclude the asking item and carry story and signature', async () => {
        const [a, b, c, d] = [
          f.item({ published: at(1) }),
          f.item({ published: at(2) }),
          f.item({ published: at(3) }),
          f.item({ published: at(4) }),
        ];
        await store.writeBatch({ items: [a!, b!, c!, d!] });
        const sig = (n: number) =>
          Uint32Array.from({ length: 8 }, (_, i) => (n * 2654435761 + i * 40503) >>> 0);
        await store.putSignatures([
          { itemId: a!.id, signature: sig(1), bands: ['b0:x', 'b1:y'] },
          { itemId: b!.id, signature: sig(2), bands: ['b0:x', 'b1:z'] },
          { itemId: c!.id, signature: sig(3), bands: ['b1:z', 'b2:w'] },
          { itemId: d!.id, signature: Uint32Array.of(0, 0xffffffff, 0x80000000), bands: ['b9:q'] },
        ]);
        await store.assignStories([{ storyId: 'st_a', itemId: a!.id, link: 'first', similarity: 1 }]);
        const got = await store.candidatesByBands(['b0:x', 'b1:z', 'b1:y'], c!.id);
        assert.deepEqual(
          got.map((r) => r.itemId),
          [a!.id, b!.id],
        );
        assert.deepEqual(got[0], {
          itemId: a!.id,
          storyId: 'st_a',
          signature: sig(1),
          contentHash: a!.contentHash,
          published: a!.published,
          sourceId: SRC,
        });
        assert.equal(got[1]!.storyId, undefined);
        assert.deepEqual(
          (await store.candidatesByBands(['b9:q']))[0]?.signature,
          Uint32Array.of(0, 0xffffffff, 0x80000000),
        );
        assert.deepEqual(await store.candidatesByBands([]), []);
        assert.deepEqual(await store.candidatesByBands(['nothing']), []);
      });

      test('re-putting an item replaces its bands and signature', async () => {
        const a = f.item();
        await store.writeBatch({ items: [a] });
        await store.putSignatures([{ itemId: a.id, signature: Uint32Array.of(1, 2), bands: ['old'] }]);
        await store.putSignatures([{ itemId: a.id, signature: Uint32Array.of(3, 4), bands: ['new', 'new'] }]);
        assert.deepEqual(await store.candidatesByBands(['old']), []);
        const got = await store.candidatesByBands(['new']);
        assert.equal(got.length, 1);
        assert.deepEqual(got[0]!.signature, Uint32Array.of(3, 4));
      });

      test('signatures for unknown items are refused, atomically', async () => {
        const a = f.item();
        await store.writeBatch({ items: [a] });
        await assert.rejects(
          store.putSignatures([
            { itemId: a.id, signature: Uint32Array.of(1), bands: ['k'] },
            { itemId: 'it_unknown', signature: Uint32Array.of(1), bands: ['k'] },
          ]),
          isCode('STORE'),
        );
        assert.deepEqual(await store.candidatesByBands(['k']), []);
      });

      test('candidatesByContentHash finds exact copies, with or without a signature', async () => {
        const a = f.item({ contentHash: 'h1', published: at(2) });
        const b = f.item({ contentHash: 'h1', published: at(1) });
        const c = f.item({ contentHash: 'h2' });
        await store.writeBatch({ items: [a, b, c] });
        await store.putSignatures([{ itemId: a.id, signature: Uint32Array.of(7), bands: [] }]);
        const got = await store.candidatesByContentHash('h1');
        assert.deepEqual(
          got.map((r) => r.itemId),
          [b.id, a.id],
        );
        assert.deepEqual(got[1]!.signature, Uint32Array.of(7));
        assert.deepEqual(got[0]!.signature, new Uint32Array(0));
        assert.deepEqual(
          (await store.candidatesByContentHash('h1', a.id)).map((r) => r.itemId),
          [b.id],
        );
        assert.deepEqual(await store.candidatesByContentHash('nope'), []);
      });
    });

    describe('stories', () => {
      async function seed() {
        await store.putSource(f.source({ id: 'second.example' }));
        const items = [
          f.item({ title: 'Аввал', published: at(2), lang: 'tg' }),
          f.item({ title: 'Раньше', published: at(1), lang: 'ru', sourceId: 'second.example' }),
          f.item({ published: at(5), lang: 'ru' }),
          f.item({ lang: 'uz' }),
        ];
        await store.writeBatch({ items });
        return items;
      }

      test('assigning builds the summary; members are ordered by published, undated last', async () => {
        const [a, b, c, d] = await seed();
        await store.assignStories([
          { storyId: 'st_1', itemId: a!.id, link: 'first', similarity: 1 },
          { storyId: 'st_1', itemId: b!.id, link: 'translation', similarity: 0.7 },
          { storyId: 'st_1', itemId: c!.id, link: 'exact', similarity: 1 },
          { storyId: 'st_1', itemId: d!.id, link: 'near', similarity: 0.9 },
        ]);
        assert.deepEqual(await store.getStory('st_1'), {
          id: 'st_1',
          firstItemId: b!.id,
          firstSeen: b!.published,
          lastSeen: c!.published,
          size: 4,
          sources: 2,
          langs: ['ru', 'tg', 'uz'],
          title: 'Раньше',
          members: [
            { itemId: b!.id, link: 'translation', similarity: 0.7 },
            { itemId: a!.id, link: 'first', similarity: 1 },
            { itemId: c!.id, link: 'exact', similarity: 1 },
            { itemId: d!.id, link: 'near', similarity: 0.9 },
          ],
        });
        assert.equal((await store.getItem(a!.id))?.storyId, 'st_1');
        assert.equal(await store.getStory('st_404'), undefined);
      });

      test('reassigning moves an item; a story left empty disappears', async () => {
        const [a, b] = await seed();
        await store.assignStories([
          { storyId: 'st_1', itemId: a!.id, link: 'first', similarity: 1 },
          { storyId: 'st_1', itemId: b!.id, link: 'near', similarity: 0.8 },
        ]);
        await store.assignStories([{ storyId: 'st_2', itemId: b!.id, link: 'first', similarity: 1 }]);
        const one = await store.getStory('st_1');
        assert.equal(one?.size, 1);
        assert.equal(one?.firstItemId, a!.id);
        assert.equal(one?.title, 'Аввал');
        assert.equal((await store.getStory('st_2'))?.size, 1);
        assert.equal((await store.getItem(b!.id))?.storyId, 'st_2');
        await store.assignStories([{ storyId: 'st_2', itemId: a!.id, link: 'near', similarity: 0.9 }]);
        assert.equal(await store.getStory('st_1'), undefined);
        assert.deepEqual(
          (await store.getStory('st_2'))?.members.map((m) => m.itemId),
          [b!.id, a!.id],
        );
        assert.equal((await store.stats()).stories, 1);
      });

      test('an assignment naming an unknown item changes nothing', async () => {
        const [a] = await seed();
        await assert.rejects(
          store.assignStories([
            { storyId: 'st_1', itemId: a!.id, link: 'first', similarity: 1 },
            { storyId: 'st_1', itemId: 'it_nope', link: 'near', similarity: 0.5 },
          ]),
          isCode('STORE'),
        );
        assert.equal(await store.getStory('st_1'), undefined);
        assert.equal((await store.getItem(a!.id))?.storyId, undefined);
      });

      test('commitAnalysisPage: a page’s signatures, assignments and "analysed" marker land together', async () => {
        if (!store.commitAnalysisPage) return;
        const [a, b, c] = await seed();
        await store.assignStories([
          { storyId: 'st_old', itemId: c!.id, link: 'first', similarity: 1 },
          { storyId: 'st_old', itemId: b!.id, link: 'near', similarity: 0.8 },
        ]);
        // in order, as assignStories: b leaves st_old for st_1, a story started in the same page
        await store.commitAnalysisPage({
          assignments: [
            { storyId: 'st_1', itemId: a!.id, link: 'first', similarity: 1 },
            { storyId: 'st_1', itemId: b!.id, link: 'translation', similarity: 0.7 },
            { storyId: 'st_old', itemId: a!.id, link: 'near', similarity: 0.6 },
            { storyId: 'st_1', itemId: a!.id, link: 'first', similarity: 1 },
          ],
          analysed: [a!.id, b!.id],
          at: at(30),
          signatures: [
            { itemId: a!.id, signature: Uint32Array.of(7, 8), bands: ['pg:a'] },
            { itemId: b!.id, signature: Uint32Array.of(9, 10), bands: ['pg:a', 'pg:b'] },
          ],
        });
        // the page's signatures and band keys landed with it
        assert.deepEqual(
          (await store.candidatesByBands(['pg:a'])).map((r) => r.itemId).sort(),
          [a!.id, b!.id].sort(),
        );
        assert.deepEqual([...((await store.candidatesByBands(['pg:b']))[0]?.signature ?? [])], [9, 10]);
        assert.deepEqual(
          (await store.getStory('st_1'))?.members.map((m) => [m.itemId, m.link]),
          [
            [b!.id, 'translation'],
            [a!.id, 'first'],
          ],
        );
        assert.deepEqual(
          (await store.getStory('st_old'))?.members.map((m) => m.itemId),
          [c!.id],
        );
        assert.equal((await store.getItem(a!.id))?.analyzedAt, at(30));
        assert.equal((await store.getItem(b!.id))?.analyzedAt, at(30));
        assert.equal((await store.getItem(c!.id))?.analyzedAt, undefined);
        const left: string[] = [];
        for await (const page of store.itemsToAnalyse({})) left.push(...ids(page));
        assert.ok(!left.includes(a!.id) && !left.includes(b!.id) && left.includes(c!.id));
      });

      test('commitAnalysisPage: a failing assignment leaves none of the page’s signatures, stories or marker', async () => {
        if (!store.commitAnalysisPage) return;
        const [a, b] = await seed();
        await assert.rejects(
          store.commitAnalysisPage({
            assignments: [
              { storyId: 'st_1', itemId: a!.id, link: 'first', similarity: 1 },
              { storyId: 'st_1', itemId: 'it_nope', link: 'near', similarity: 0.5 },
            ],
            analysed: [a!.id, b!.id],
            at: at(30),
            signatures: [{ itemId: a!.id, signature: Uint32Array.of(1, 2), bands: ['pg:fail'] }],
          }),
          isCode('STORE'),
        );
        assert.deepEqual(await store.candidatesByBands(['pg:fail']), [], 'no signature of the failed page');
        assert.equal(await store.getStory('st_1'), undefined);
        assert.equal((await store.getItem(a!.id))?.storyId, undefined);
        assert.equal((await store.getItem(a!.id))?.analyzedAt, undefined);
        assert.equal((await store.getItem(b!.id))?.analyzedAt, undefined);
      });

      test('listStories: largest first, then most recent; minSize; keyset pages', async () => {
        const items = Array.from({ length: 8 }, (_, i) => f.item({ published: at(1 + i) }));
        await store.writeBatch({ items });
        const put = (storyId: string, idx: number[]) =>
          store.assignStories(
            idx.map((i) => ({ storyId, itemId: items[i]!.id, link: 'near' as const, similarity: 0.9 })),
          );
        await put('st_small_old', [0]);
        await put('st_pair_old', [1, 2]);
        await put('st_pair_new', [3, 6]);
        await put('st_big', [4, 5, 7]);
        await put('st_small_new', []);
        const all = await store.listStories();
        assert.deepEqual(
          all.stories.map((s) => s.id),
          ['st_big', 'st_pair_new', 'st_pair_old', 'st_small_old'],
        );
        assert.equal(all.next, undefined);
        assert.equal(all.stories[0]?.members.length, 3);
        assert.deepEqual(
          (await store.listStories({ minSize: 2 })).stories.map((s) => s.id),
          ['st_big', 'st_pair_new', 'st_pair_old'],
        );
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page: Awaited<ReturnType<Store['listStories']>> = await store.listStories(
            cursor === undefined ? { limit: 1 } : { limit: 1, cursor },
          );
          paged.push(...page.stories.map((s) => s.id));
          cursor = page.next;
        } while (cursor !== undefined);
        assert.deepEqual(
          paged,
          all.stories.map((s) => s.id),
        );
        await assert.rejects(store.listStories({ cursor: 'x' }), isCode('USAGE'));
      });
    });

    describe('detections', () => {
      test('replace swaps one model’s detections and keeps other models’', async () => {
        const [a, b] = [f.item(), f.item()];
        await store.writeBatch({ items: [a!, b!] });
        const oldA = f.detection({ itemId: a!.id, model: 'narr@1', label: 'N-1' });
        const oldA2 = f.detection({ itemId: a!.id, model: 'narr@1', label: 'N-2', score: 0.95 });
        const techA = f.detection({
          itemId: a!.id,
          model: 'tech@1',
          kind: 'technique',
          label: 'T-1',
          score: 0.5,
        });
        const oldB = f.detection({ itemId: b!.id, model: 'narr@1' });
        await store.replaceDetections([a!.id, b!.id], [oldA, oldA2, techA, oldB]);
        assert.deepEqual(await store.detectionsFor([b!.id, a!.id]), [oldB, oldA2, oldA, techA]);

        const newA = f.detection({
          itemId: a!.id,
          model: 'narr@1',
          label: 'N-3',
          taxonomyVersion: '2026.1',
          evidence: [{ start: 3, end: 9, text: 'Тоҷик' }],
          explain: { cues: ['x'], nested: { weight: 0.5, on: true } },
        });
        await store.replaceDetections([a!.id], [newA]);
        assert.deepEqual(await store.detectionsFor([a!.id]), [newA, techA]);
        assert.deepEqual(await store.detectionsFor([b!.id]), [oldB], 'items not named are untouched');

        await store.replaceDetections([a!.id], [], { models: ['narr@1'] });
        assert.deepEqual(await store.detectionsFor([a!.id]), [techA]);
        await store.replaceDetections([a!.id], []);
        assert.deepEqual(await store.detectionsFor([a!.id]), [techA], 'no models named: nothing to replace');
        assert.deepEqual(await store.detectionsFor([]), []);
      });

      test('a detection about an unknown item changes nothing', async () => {
        const a = f.item();
        await store.writeBatch({ items: [a] });
        const keep = f.detection({ itemId: a.id });
        await store.replaceDetections([a.id], [keep]);
        await assert.rejects(
          store.replaceDetections(
            [a.id],
            [f.detection({ itemId: a.id }), f.detection({ itemId: 'it_unknown' })],
          ),
          isCode('STORE'),
        );
        assert.deepEqual(await store.detectionsFor([a.id]), [keep]);
      });
    });

    test('stats count records and span the published range', async () => {
      await store.putSource(f.source({ id: 'b.example' }));
      const items = [
        f.item({ lang: 'ru', published: '2026-01-05T00:00:00Z' }),
        f.item({ lang: 'ru', published: '2025-11-01T08:00:00+05:00' }),
        f.item({ lang: 'tg', sourceId: 'b.example', published: '2026-02-01T00:00:00Z' }),
        f.item({ lang: 'uz' }),
      ];
      await store.writeBatch({ payloads: [f.payload()], items });
      await store.replaceDetections([items[0]!.id], [f.detection({ itemId: items[0]!.id })]);
      await store.assignStories([{ storyId: 'st', itemId: items[0]!.id, link: 'first', similarity: 1 }]);
      assert.deepEqual(await store.stats(), {
        items: 4,
        sources: 2,
        stories: 1,
        payloads: 1,
        detections: 1,
        byLang: { ru: 2, tg: 1, uz: 1 },
        bySource: { 'b.example': 1, [SRC]: 3 },
        firstPublished: '2025-11-01T08:00:00+05:00',
        lastPublished: '2026-02-01T00:00:00Z',
      });
      const empty = await open();
      try {
        assert.deepEqual(await empty.stats(), {
          items: 0,
          sources: 0,
          stories: 0,
          payloads: 0,
          detections: 0,
          byLang: {},
          bySource: {},
        });
      } finally {
        await empty.close();
      }
    });

    describe('data version', () => {
      test('grows with new items, analysis, detections and stories, not with duplicates or reads', async () => {
        const v0 = await store.dataVersion();
        assert.ok(Number.isInteger(v0) && v0 >= 0, `data version ${v0}`);
        const a = f.item();
        await store.writeBatch({ items: [a] });
        const v1 = await store.dataVersion();
        assert.ok(v1 > v0, 'a new item bumps the version');
        await store.writeBatch({ items: [a] });
        await store.queryItems({ limit: 10 });
        await store.stats();
        assert.equal(await store.dataVersion(), v1, 'a duplicate and reads leave it alone');
        await store.markAnalysed([a.id], at(1));
        const v2 = await store.dataVersion();
        assert.ok(v2 > v1, 'analysis bumps the version');
        await store.replaceDetections([a.id], [f.detection({ itemId: a.id })]);
        const v3 = await store.dataVersion();
        assert.ok(v3 > v2, 'new detections bump the version');
        await store.assignStories([{ storyId: 'st_v', itemId: a.id, link: 'first', similarity: 1 }]);
        assert.ok((await store.dataVersion()) > v3, 'story assignment bumps the version');
      });

      test('listStories without members gives the same summaries, members left empty', async () => {
        const [a, b, c] = [
          f.item({ published: at(1) }),
          f.item({ published: at(2) }),
          f.item({ published: at(3) }),
        ];
        await store.writeBatch({ items: [a!, b!, c!] });
        await store.assignStories([
          { storyId: 'st_m', itemId: a!.id, link: 'first', similarity: 1 },
          { storyId: 'st_m', itemId: b!.id, link: 'near', similarity: 0.9 },
          { storyId: 'st_m', itemId: c!.id, link: 'near', similarity: 0.8 },
        ]);
        const full = await store.listStories({ minSize: 2 });
        const bare = await store.listStories({ minSize: 2, members: false });
        assert.equal(full.stories[0]?.members.length, 3);
        assert.deepEqual(
          bare.stories,
          full.stories.map((s) => ({ ...s, members: [] })),
        );
      });
    });
  });
}
