/**
 * `ogoh serve` on PostgreSQL: the API over a fresh PostgreSQL schema holding a small demo corpus
 * logs users in (sessions and API keys live in the same schema), lists and searches items, lists
 * stories and opens one. Skips without OGOH_TEST_PG.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import postgres from 'postgres';
import { type Fixture, fixture, PASSWORD } from './testing.ts';

const url = process.env.OGOH_TEST_PG;

if (!url) {
  test('the API on PostgreSQL', {
    skip: 'OGOH_TEST_PG is not set (eval "$(bash scripts/pg-start.sh)" or CI starts a server)',
  }, () => {});
} else {
  describe('the API on PostgreSQL', () => {
    const schema = `api_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    let f: Fixture;
    before(async () => {
      f = await fixture({ demoItems: 150, db: `${url}${url.includes('?') ? '&' : '?'}schema=${schema}` });
    });
    after(async () => {
      await f?.close();
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    });

    test('a user logs in with a password; a wrong one is refused', async () => {
      const ok = await f.server.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: 'analyst', password: PASSWORD },
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const cookie = String(ok.headers['set-cookie']).split(';')[0]!;
      const items = await f.server.inject({ url: '/api/items?limit=5', headers: { cookie } });
      assert.equal(items.statusCode, 200, items.body);
      assert.equal((items.json() as { items: unknown[] }).items.length, 5);
      const bad = await f.server.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: 'analyst', password: 'not-the-password' },
      });
      assert.equal(bad.statusCode, 401);
    });

    test('items page, search Tajik typed either way, and stories open', async () => {
      const auth = { authorization: `Bearer ${f.keys.viewer}` };
      const first = await f.server.inject({ url: '/api/items?limit=7', headers: auth });
      assert.equal(first.statusCode, 200, first.body);
      const page = first.json() as { items: { id: string }[]; next?: string };
      assert.equal(page.items.length, 7);
      assert.ok(page.next);
      const second = await f.server.inject({
        url: `/api/items?limit=7&cursor=${encodeURIComponent(page.next!)}`,
        headers: auth,
      });
      const ids = new Set(page.items.map((i) => i.id));
      for (const it of (second.json() as { items: { id: string }[] }).items) assert.ok(!ids.has(it.id));
      const proper = await f.server.inject({
        url: `/api/items?q=${encodeURIComponent('ҳукумат')}`,
        headers: auth,
      });
      const folded = await f.server.inject({
        url: `/api/items?q=${encodeURIComponent('хукумат')}`,
        headers: auth,
      });
      assert.deepEqual(proper.json(), folded.json());
      const stories = await f.server.inject({ url: '/api/stories?limit=5', headers: auth });
      assert.equal(stories.statusCode, 200, stories.body);
      const list = (stories.json() as { stories: { id: string }[] }).stories;
      assert.ok(list.length > 0, 'the demo corpus has stories');
      const one = await f.server.inject({ url: `/api/stories/${list[0]!.id}`, headers: auth });
      assert.equal(one.statusCode, 200, one.body);
    });
  });
}
