/**
 * The fact-check database's API: import a CSV and a ClaimReview file sent as the body (bad rows
 * reported by line, re-import updates instead of copying), list and open claims, match a Tajik text
 * typed on a Russian keyboard, and who may do what.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { type Fixture, fixture } from './testing.ts';

const FIXTURES = new URL('../../../packages/detect/src/claims/fixtures/', import.meta.url).pathname;

let f: Fixture;
before(async () => {
  f = await fixture({ demoItems: 0 });
});
after(async () => {
  await f?.close();
});

const auth = (role: 'viewer' | 'analyst') => ({ authorization: `Bearer ${f.keys[role]}` });

async function upload(name: string, body: string | Buffer, role: 'viewer' | 'analyst' = 'analyst') {
  const res = await f.server.inject({
    method: 'POST',
    url: `/api/claims/import?filename=${encodeURIComponent(name)}`,
    headers: { ...auth(role), 'content-type': 'application/octet-stream' },
    payload: body,
  });
  return { status: res.statusCode, json: () => res.json() };
}

describe('claims API', () => {
  test('POST /api/claims/import: good rows stored, bad rows reported by line under the uploaded name', async () => {
    const r = await upload('claims.csv', readFileSync(`${FIXTURES}claims.csv`));
    assert.equal(r.status, 200, JSON.stringify(r.json()));
    const b = r.json();
    assert.equal(b.files[0].file, 'claims.csv');
    assert.equal(b.files[0].format, 'csv');
    assert.ok(b.inserted >= 2);
    assert.ok(b.issues.length >= 2);
    for (const i of b.issues) {
      assert.equal(i.file, 'claims.csv');
      assert.ok(i.line > 1);
    }
    const again = (await upload('claims.csv', readFileSync(`${FIXTURES}claims.csv`))).json();
    assert.equal(again.inserted, 0);
    assert.equal(again.unchanged, b.inserted);
    const json = await upload('review.json', readFileSync(`${FIXTURES}claimreview-array.json`));
    assert.equal(json.status, 200);
    assert.equal(json.json().files[0].format, 'claimreview');
  });

  test('importing is for analysts; an empty body or a bad file name is a coded 422', async () => {
    assert.equal((await upload('claims.csv', 'id,claim\nx,y', 'viewer')).status, 403);
    const empty = await upload('claims.csv', '');
    assert.equal(empty.status, 422, JSON.stringify(empty.json()));
    assert.equal(empty.json().error.code, 'INPUT_MISSING');
    const badName = await upload('../..', 'id,claim\nx,y');
    assert.equal(badName.status, 422);
    assert.equal(badName.json().error.field, 'filename');
  });

  test('GET /api/claims and /api/claims/:id', async () => {
    const res = await f.server.inject({ url: '/api/claims?limit=2', headers: auth('viewer') });
    assert.equal(res.statusCode, 200);
    const page = res.json();
    assert.equal(page.claims.length, 2);
    assert.ok(page.total >= 3);
    assert.ok(page.next);
    const rest = (
      await f.server.inject({
        url: `/api/claims?limit=200&cursor=${encodeURIComponent(page.next)}`,
        headers: auth('viewer'),
      })
    ).json();
    assert.equal(page.claims.length + rest.claims.length, page.total);
    const one = await f.server.inject({ url: '/api/claims/tg-002', headers: auth('viewer') });
    assert.equal(one.statusCode, 200);
    assert.match(one.json().text, /масҷидҳо/);
    const missing = await f.server.inject({ url: '/api/claims/nope', headers: auth('viewer') });
    assert.equal(missing.statusCode, 404);
  });

  test('POST /api/claims/match: a Russian-keyboard rewording finds the claim, best first', async () => {
    const res = await f.server.inject({
      method: 'POST',
      url: '/api/claims/match',
      headers: auth('viewer'),
      payload: { text: 'Хукумат 3 миллион сомони барои таъмири масчидхо чудо кардааст', k: 3 },
    });
    assert.equal(res.statusCode, 200, res.body);
    const b = res.json();
    assert.equal(b.matches[0].claim.id, 'tg-002');
    assert.ok(b.matches[0].score > 0.5);
    for (let i = 1; i < b.matches.length; i++) assert.ok(b.matches[i - 1].score >= b.matches[i].score);
    const bad = await f.server.inject({
      method: 'POST',
      url: '/api/claims/match',
      headers: auth('viewer'),
      payload: { text: '' },
    });
    assert.equal(bad.statusCode, 400);
  });
});

describe('POST /api/check with claims imported', () => {
  test('lists the fact-checked claims the text may repeat', async () => {
    const res = await f.server.inject({
      method: 'POST',
      url: '/api/check',
      headers: auth('viewer'),
      payload: { text: 'Хукумат 3 миллион сомони барои таъмири масчидхо чудо кардааст' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const claims = res.json().claims as { id: string; score: number }[];
    assert.equal(claims[0]?.id, 'tg-002');
    assert.ok((claims[0]?.score ?? 0) >= 0.3);
  });
});
