/**
 * Background views: a whole-store view is computed on the server's view thread, never on the event
 * loop, and once the data changes a slow one is served stale (the old value, `stale: true`,
 * `x-ogoh-cache: stale`) while the thread recomputes it; then the fresh value. The recomputation is
 * made observably slow by blocking the view thread (`slowDownMs`), so "the API answers meanwhile"
 * is checked by state (the thread is still busy before and after another request is answered), not
 * by timing. On SQLite always, on PostgreSQL when OGOH_TEST_PG is set.
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
  stale: boolean;
}
type Trends = { series: { source: { key: string; total: number }[] }; cache: Cache };

const SOURCE = 'swr-test.example';

/** Another process ingests and analyses `n` new items of a new source (its own store connection). */
async function change(f: Fixture, n: number, from: number): Promise<void> {
  const file = join(f.dir, `swr-${from}.jsonl`);
  const lines = Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return JSON.stringify({
      id: `swr-${i}`,
      source: SOURCE,
      published: `2026-11-2${i % 3}T10:00:00Z`,
      url: `https://${SOURCE}/${i}`,
      title: `НАТО и Центральная Азия ${i}`,
      text: `НАТО готовит цветную революцию в Центральной Азии. Запад хочет дестабилизировать Таджикистан. ${i}.`,
      lang: 'ru',
    });
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
  const other = await openOgoh({ db: f.app.location });
  try {
    assert.equal((await ingestPaths(other, [file])).new, n);
    await analyse(other);
  } finally {
    await other.close();
  }
}

const until = async (what: string, ok: () => Promise<boolean>) => {
  for (let i = 0; i < 600; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
};

function suite(name: string, location: () => string | undefined, cleanup?: () => Promise<void>) {
  describe(`background views on ${name}`, () => {
    let f: Fixture;
    let auth: { authorization: string };
    before(async () => {
      const db = location();
      f = await fixture({
        demoItems: 120,
        // every computation blocks the view thread 1.5 s: a stand-in for a million-item store
        views: { staleAfterMs: 0, refreshEveryMs: 0, slowDownMs: 1500 },
        ...(db ? { db } : {}),
      });
      auth = { authorization: `Bearer ${f.keys.viewer}` };
    });
    after(async () => {
      await f?.close();
      await cleanup?.();
    });

    const get = async <T>(url: string) => {
      const res = await f.server.inject({ url, headers: auth });
      assert.equal(res.statusCode, 200, res.body);
      return { body: res.json() as T, header: String(res.headers['x-ogoh-cache']) };
    };
    const trends = () => get<Trends>('/api/trends?by=source&top=100');
    const total = (t: Trends) => t.series.source.find((s) => s.key === SOURCE)?.total ?? 0;

    test('after a data change: the old value at once marked stale, the API answering while the thread recomputes, then the fresh value', async () => {
      const views = f.server.backgroundViews;
      assert.ok(views, 'a file store gets a view thread');
      const first = await trends();
      assert.equal(first.body.cache.stale, false);
      assert.equal(first.body.cache.hit, false);
      assert.equal(total(first.body), 0);
      assert.equal(views.sent(), 1, 'computed on the view thread');
      const hit = await trends();
      assert.match(hit.header, /^hit; age=\d+; version=\d+$/);
      assert.equal(views.sent(), 1);

      await change(f, 5, 0);
      const stale = await trends();
      assert.match(stale.header, /^stale; age=\d+; version=\d+$/);
      assert.equal(stale.body.cache.stale, true);
      assert.equal(stale.body.cache.hit, true);
      assert.equal(stale.body.cache.dataVersion, first.body.cache.dataVersion, 'the previous value');
      assert.equal(stale.body.cache.computedAt, first.body.cache.computedAt);
      assert.equal(total(stale.body), 0, 'without the new items yet');

      // the recomputation is running on the thread (blocked there): the API still answers
      await until('the recomputation to start', async () => views.started() === 1);
      const sent = views.sent();
      const me = await f.server.inject({ url: '/api/me', headers: auth });
      assert.equal(me.statusCode, 200);
      const items = await f.server.inject({ url: '/api/items?limit=5', headers: auth });
      assert.equal(items.statusCode, 200);
      const again = await trends();
      assert.equal(again.body.cache.stale, true, 'still stale while it runs');
      assert.equal(views.started(), 1, 'answered while the thread was still busy recomputing');
      assert.equal(views.sent(), sent, 'asking again does not start a second computation of the view');

      await until('the fresh value', async () => !(await trends()).body.cache.stale);
      const fresh = await trends();
      assert.match(fresh.header, /^hit; /);
      assert.ok(fresh.body.cache.dataVersion > first.body.cache.dataVersion);
      assert.equal(total(fresh.body), 5, 'the new items are in');
    });

    test('data changes during a recomputation coalesce into one more computation', async () => {
      const views = f.server.backgroundViews!;
      const before = (await trends()).body;
      assert.equal(before.cache.stale, false);
      await change(f, 2, 100);
      assert.equal((await trends()).body.cache.stale, true);
      const sent = views.sent();
      // two more changes while the first recomputation runs
      await change(f, 2, 200);
      await trends();
      await change(f, 2, 300);
      await trends();
      await until('the newest value', async () => {
        const t = (await trends()).body;
        return !t.cache.stale && total(t) === total(before) + 6;
      });
      assert.ok(views.sent() - sent <= 2, `${views.sent() - sent} computations for three changes`);
    });

    test('the first request for a view with nothing cached waits for the thread; a bad parameter is a 400', async () => {
      const r = await get<{ cache: Cache }>('/api/convergence?since=2026-01-01');
      assert.equal(r.body.cache.hit, false);
      assert.equal(r.body.cache.stale, false);
      const bad = await f.server.inject({ url: '/api/trends?by=nope', headers: auth });
      assert.equal(bad.statusCode, 400, bad.body);
    });
  });
}

suite('SQLite', () => undefined);

const pg = freshPgSchema('swr', 'background views on PostgreSQL');
if (pg) suite('PostgreSQL', pg.location, pg.drop);

test('view options from the environment: seconds and milliseconds, bad values named', async () => {
  const { viewOptionsFromEnv } = await import('./background-views.ts');
  assert.deepEqual(viewOptionsFromEnv({}), {});
  assert.deepEqual(viewOptionsFromEnv({ OGOH_VIEW_STALE_AFTER_MS: '250', OGOH_VIEW_REFRESH_SECONDS: '30' }), {
    staleAfterMs: 250,
    refreshEveryMs: 30_000,
  });
  assert.throws(
    () => viewOptionsFromEnv({ OGOH_VIEW_REFRESH_SECONDS: 'soon' }),
    /OGOH_VIEW_REFRESH_SECONDS="soon"/,
  );
});
