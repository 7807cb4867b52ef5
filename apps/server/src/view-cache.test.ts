/**
 * Whole-store views (trends, convergence, coordination, stats, narrative counts) are cached keyed
 * by the store's data version: a second request is served from memory (cache.hit, its age shown),
 * and once another process (a CLI `ogoh analyze`, a worker) ingests and analyses new items, the
 * next request recomputes and shows them. On SQLite always, on PostgreSQL when OGOH_TEST_PG is set.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyse, ingestPaths, openOgoh } from '@ogoh/app';
import { type Fixture, fixture, freshPgSchema } from './testing.ts';

interface Cache {
  dataVersion: number;
  computedAt: string;
  ageSeconds: number;
  hit: boolean;
}

/** `n` new items in a new source, each carrying a narrative's cues. */
function newItems(file: string, n: number): void {
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      id: `cache-test-${i}`,
      source: 'cache-test.example',
      published: `2026-11-2${i % 3}T10:00:00Z`,
      url: `https://cache-test.example/${i}`,
      title: `НАТО и Центральная Азия ${i}`,
      text: `НАТО готовит цветную революцию в Центральной Азии. Запад хочет дестабилизировать Таджикистан руками США. Сообщение ${i}.`,
      lang: 'ru',
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

function suite(name: string, location: (dir: string) => string | undefined, cleanup?: () => Promise<void>) {
  describe(`view cache on ${name}`, () => {
    let f: Fixture;
    let auth: { authorization: string };
    before(async () => {
      const db = location('');
      f = await fixture({ demoItems: 150, ...(db ? { db } : {}) });
      auth = { authorization: `Bearer ${f.keys.viewer}` };
    });
    after(async () => {
      await f?.close();
      await cleanup?.();
    });

    const get = async (url: string) => {
      const res = await f.server.inject({ url, headers: auth });
      assert.equal(res.statusCode, 200, res.body);
      return {
        body: res.json() as Record<string, unknown> & { cache?: Cache },
        header: res.headers['x-ogoh-cache'],
      };
    };

    test('a second request is a hit with its age; a new analysis by another process makes it stale', async () => {
      const views = ['/api/trends?by=lang,source', '/api/convergence', '/api/coordination'];
      const first = await Promise.all(views.map(get));
      const again = await Promise.all(views.map(get));
      for (const [i, r] of again.entries()) {
        assert.equal(r.body.cache?.hit, true, `${views[i]} served from the cache`);
        assert.equal(r.body.cache?.dataVersion, first[i]!.body.cache?.dataVersion);
        assert.equal(r.body.cache?.computedAt, first[i]!.body.cache?.computedAt);
        assert.ok(Number.isInteger(r.body.cache?.ageSeconds));
        assert.match(String(r.header), /^hit; age=\d+; version=\d+$/);
        const { cache: _a, ...a } = r.body;
        const { cache: _b, ...b } = first[i]!.body;
        assert.deepEqual(a, b, `${views[i]}: the cached value is the computed one`);
      }
      const stats0 = (await get('/api/stats')).body as { items: number; bySource: Record<string, number> };
      const sources0 = (await get('/api/trends?by=source&top=100')).body as {
        series: { source: { key: string; total: number }[] };
      };
      assert.equal(
        sources0.series.source.find((s) => s.key === 'cache-test.example'),
        undefined,
      );
      const series = '/api/series?by=source&interval=day';
      const total = (b: Record<string, unknown>) =>
        (b as { series: { key: string; total: number }[] }).series.find((x) => x.key === 'cache-test.example')
          ?.total ?? 0;
      await get(series);
      const series0 = await get(series);
      assert.match(String(series0.header), /^hit; /);
      assert.equal(total(series0.body), 0);

      // another process ingests and analyses: its own connection to the same store
      const file = join(f.dir, 'new.jsonl');
      newItems(file, 6);
      const other = await openOgoh({ db: f.app.location });
      try {
        const r = await ingestPaths(other, [file]);
        assert.equal(r.new, 6);
        await analyse(other);
      } finally {
        await other.close();
      }

      const fresh = await get('/api/trends?by=lang,source');
      assert.equal(fresh.body.cache?.hit, false, 'recomputed after the new analysis');
      assert.ok(fresh.body.cache!.dataVersion > first[0]!.body.cache!.dataVersion);
      assert.match(String(fresh.header), /^miss; age=0; version=\d+$/);
      const sources1 = (await get('/api/trends?by=source&top=100')).body as typeof sources0;
      assert.equal(sources1.series.source.find((s) => s.key === 'cache-test.example')?.total, 6);
      const series1 = await get(series);
      assert.match(String(series1.header), /^miss; /);
      assert.equal(total(series1.body), 6);
      const stats1 = (await get('/api/stats')).body as typeof stats0;
      assert.equal(stats1.items, stats0.items + 6);
      assert.equal(stats1.bySource['cache-test.example'], 6);
      for (const v of views.slice(1)) assert.equal((await get(v)).body.cache?.hit, false, `${v} recomputed`);
      assert.equal((await get('/api/convergence')).body.cache?.hit, true);
    });

    test('the triage page is cached until a verdict is recorded', async () => {
      const page = async () => {
        const res = await f.server.inject({ url: '/api/triage?limit=5', headers: auth });
        assert.equal(res.statusCode, 200, res.body);
        return {
          body: res.json() as { entries: { itemId: string; detections: { id: string }[] }[] },
          header: String(res.headers['x-ogoh-cache']),
        };
      };
      const first = await page();
      const again = await page();
      assert.match(again.header, /^hit; /);
      assert.deepEqual(again.body, first.body);
      const top = first.body.entries[0]!;
      const res = await f.server.inject({
        method: 'POST',
        url: `/api/detections/${top.detections[0]!.id}/feedback`,
        headers: { authorization: `Bearer ${f.keys.analyst}` },
        payload: { verdict: 'accept' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const after = await page();
      assert.match(after.header, /^miss; /, 'a verdict makes the cached page stale');
      if (top.detections.length === 1)
        assert.ok(
          !after.body.entries.some((e) => e.itemId === top.itemId),
          'the reviewed item left the queue',
        );
    });

    test('narrative counts follow new detections', async () => {
      const counts = async () =>
        (
          (await get('/api/narratives?counts=true')).body as { narratives: { id: string; items: number }[] }
        ).narratives.reduce((n, x) => n + x.items, 0);
      const before = await counts();
      assert.equal(await counts(), before);
      const file = join(f.dir, 'more.jsonl');
      newItems(file, 9);
      const other = await openOgoh({ db: f.app.location });
      try {
        // ids cache-test-0…5 exist already: three new ones
        assert.equal((await ingestPaths(other, [file])).new, 3);
        await analyse(other);
      } finally {
        await other.close();
      }
      assert.ok((await counts()) > before, 'the new items are flagged and counted');
    });
  });
}

suite('SQLite', () => undefined);

const pg = freshPgSchema('cache', 'view cache on PostgreSQL');
if (pg) suite('PostgreSQL', pg.location, pg.drop);
