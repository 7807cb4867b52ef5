/**
 * The item page's fact-checks: an item repeating one of the demo fact-checking desk's claims lists
 * it (with rating and organisation) in GET /api/items/:id; an item about something else lists none.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Fixture, fixture } from './testing.ts';

let f: Fixture;
before(async () => {
  f = await fixture({ demoItems: 400 });
});
after(() => f.close());

const get = async <T>(url: string): Promise<T> => {
  const r = await f.server.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${f.keys.viewer}` },
  });
  assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
  return r.json() as T;
};

interface Detail {
  item: { id: string; text: string };
  claims: { id: string; score: number; text: string; rating?: string; org?: string }[];
}

test('GET /api/items/:id lists the fact-checks the item repeats', async () => {
  const page = await get<{ items: { id: string }[] }>(
    `/api/items?q=${encodeURIComponent('китайские военные на Памире')}&limit=20`,
  );
  assert.ok(page.items.length > 0, 'the demo carries the claim');
  const views = await Promise.all(page.items.map((i) => get<Detail>(`/api/items/${i.id}`)));
  const hit = views.find((v) => v.claims.some((c) => c.id === 'fc-chinese-troops-pamir'));
  assert.ok(hit, JSON.stringify(views.map((v) => v.claims)));
  const c = hit.claims.find((x) => x.id === 'fc-chinese-troops-pamir')!;
  assert.ok(c.score >= 0.3 && c.score <= 1);
  assert.equal(c.org, 'Demo Fact-Check Desk');
  assert.equal(c.rating, 'Не подтверждено');
  // an ordinary news item about something else repeats none of them
  const other = await get<{ items: { id: string }[] }>(
    `/api/items?q=${encodeURIComponent('погода')}&limit=5`,
  );
  for (const i of other.items) {
    const v = await get<Detail>(`/api/items/${i.id}`);
    assert.ok(!v.claims.some((x) => x.id === 'fc-chinese-troops-pamir'), v.item.text);
  }
});
