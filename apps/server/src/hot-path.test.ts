/**
 * The request hot path's shortcuts stay correct: cached principals still honour revocation,
 * disabling and logout (at once in this process, within the TTL from another), request ids stay
 * unique, and cached views answer If-None-Match with 304.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openAuth, revokeApiKey, setUserDisabled } from '@ogoh/app';
import { PRINCIPAL_TTL_MS } from './access.ts';
import { etagMatches, viewEtag } from './etag.ts';
import { type Fixture, fixture } from './testing.ts';

/** A clock the test moves: the principal cache reads the app's clock. */
function movableClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

describe('cached principals', () => {
  let f: Fixture;
  const clock = movableClock();
  before(async () => {
    f = await fixture({ demoItems: 20 });
    // the server's auth shares the app's clock object
    f.app.clock.now = clock.now;
  });
  after(() => f.close());

  const me = (headers: Record<string, string>) => f.server.inject({ method: 'GET', url: '/api/me', headers });

  test('a key revoked through the API is refused on the very next request', async () => {
    const admin = { authorization: `Bearer ${f.keys.admin}` };
    const made = await f.server.inject({
      method: 'POST',
      url: '/api/keys',
      headers: admin,
      payload: { name: 'short-lived', role: 'viewer' },
    });
    assert.equal(made.statusCode, 200, made.body);
    const { key, record } = made.json() as { key: string; record: { id: string } };
    const headers = { authorization: `Bearer ${key}` };
    assert.equal((await me(headers)).statusCode, 200);
    assert.equal((await me(headers)).statusCode, 200); // now served from the cache
    const rev = await f.server.inject({
      method: 'POST',
      url: `/api/keys/${record.id}/revoke`,
      headers: admin,
    });
    assert.equal(rev.statusCode, 204);
    assert.equal((await me(headers)).statusCode, 401);
  });

  test('a key revoked by another process (the CLI) is refused once the TTL has passed', async () => {
    const headers = { authorization: `Bearer ${f.keys.viewer}` };
    assert.equal((await me(headers)).statusCode, 200);
    const auth = await openAuth(f.app);
    try {
      const id = (await auth.store.listApiKeys()).find((k) => k.name === 'viewer key')!.id;
      await revokeApiKey(auth, id, 'cli');
    } finally {
      await auth.close();
    }
    // still cached in this process: bounded staleness, not forever
    assert.equal((await me(headers)).statusCode, 200);
    clock.advance(PRINCIPAL_TTL_MS + 1);
    assert.equal((await me(headers)).statusCode, 401);
  });

  test('a session is refused after logout, and a disabled user’s session once the TTL passed', async () => {
    const analyst = { cookie: f.sessions.analyst.cookie };
    assert.equal((await me(analyst)).statusCode, 200);
    const out = await f.server.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { ...analyst, 'x-csrf-token': f.sessions.analyst.csrf },
    });
    assert.equal(out.statusCode, 204);
    assert.equal((await me(analyst)).statusCode, 401);

    const viewer = { cookie: f.sessions.viewer.cookie };
    assert.equal((await me(viewer)).statusCode, 200);
    const auth = await openAuth(f.app);
    try {
      await setUserDisabled(auth, 'viewer', true, 'cli');
    } finally {
      await auth.close();
    }
    clock.advance(PRINCIPAL_TTL_MS + 1);
    assert.equal((await me(viewer)).statusCode, 401);
  });

  test('disabling a user through the API ends their cached session at once', async () => {
    const login = await f.server.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'analyst', password: f.password },
    });
    assert.equal(login.statusCode, 200, login.body);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    assert.equal((await me({ cookie })).statusCode, 200);
    const off = await f.server.inject({
      method: 'POST',
      url: '/api/users/analyst/disable',
      headers: { authorization: `Bearer ${f.keys.admin}` },
    });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal((await me({ cookie })).statusCode, 401);
  });

  test('request ids are distinct and keep their shape', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const r = await f.server.inject({ method: 'GET', url: '/api/openapi.json' });
      const id = String(r.headers['x-request-id']);
      assert.match(id, /^r[0-9a-f]{12}$/);
      ids.add(id);
    }
    assert.equal(ids.size, 50);
  });
});

describe('ETag on cached views', () => {
  let f: Fixture;
  before(async () => {
    f = await fixture({ demoItems: 60 });
  });
  after(() => f.close());

  test('the tag names the data version and the computation; If-None-Match compares weakly', () => {
    const t = viewEtag({ dataVersion: 7, computedAt: '2026-11-27T10:00:00.000Z' });
    assert.match(t, /^W\/"v7\.[0-9a-z]+"$/);
    assert.notEqual(t, viewEtag({ dataVersion: 8, computedAt: '2026-11-27T10:00:00.000Z' }));
    assert.notEqual(t, viewEtag({ dataVersion: 7, computedAt: '2026-11-27T10:00:01.000Z' }));
    assert.equal(etagMatches(t, t), true);
    assert.equal(etagMatches(`"x", ${t.slice(2)}`, t), true);
    assert.equal(etagMatches('*', t), true);
    assert.equal(etagMatches('W/"v7.0"', t), false);
    assert.equal(etagMatches(undefined, t), false);
  });

  for (const url of ['/api/trends', '/api/convergence', '/api/coordination']) {
    test(`${url}: 304 without a body while the data is unchanged, 200 once it changed`, async () => {
      const headers = { authorization: `Bearer ${f.keys.viewer}` };
      const first = await f.server.inject({ method: 'GET', url, headers });
      assert.equal(first.statusCode, 200, first.body);
      const etag = first.headers.etag;
      assert.equal(typeof etag, 'string');
      assert.equal(first.headers['cache-control'], 'private, no-cache');
      const again = await f.server.inject({
        method: 'GET',
        url,
        headers: { ...headers, 'if-none-match': String(etag) },
      });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
      assert.equal(again.headers['content-type'], undefined);
      const other = await f.server.inject({
        method: 'GET',
        url,
        headers: { ...headers, 'if-none-match': 'W/"v0.0"' },
      });
      assert.equal(other.statusCode, 200);
      assert.ok(other.body.length > 2);
    });
  }

  test('a data change gives a new tag, so the old one gets the new body', async () => {
    const headers = { authorization: `Bearer ${f.keys.viewer}` };
    const first = await f.server.inject({ method: 'GET', url: '/api/trends', headers });
    const etag = String(first.headers.etag);
    // a new source changes what the views may show: the store's data version moves
    await f.app.store.putSource({
      id: 'etag-test.example',
      name: 'ETag test',
      platform: 'web',
      languages: [],
      affiliation: 'unknown',
      tags: [],
      createdAt: new Date().toISOString(),
    });
    const v0 = (first.json() as { cache: { dataVersion: number } }).cache.dataVersion;
    const next = await f.server.inject({
      method: 'GET',
      url: '/api/trends',
      headers: { ...headers, 'if-none-match': etag },
    });
    const v1 = (next.json() as { cache: { dataVersion: number } }).cache.dataVersion;
    assert.ok(v1 > v0, `the data version moved (${v0} → ${v1})`);
    assert.equal(next.statusCode, 200);
    assert.notEqual(next.headers.etag, etag);
  });

  test('a view serialised once per value: the same body on each request, only its cache block moves', async () => {
    const headers = { authorization: `Bearer ${f.keys.viewer}` };
    const get = async (url: string) => {
      const r = await f.server.inject({ method: 'GET', url, headers });
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers['content-type']), /^application\/json/);
      const { cache, ...rest } = r.json() as { cache: { hit: boolean; dataVersion: number } };
      return { cache, rest };
    };
    for (const url of ['/api/trends', '/api/coordination', '/api/convergence']) {
      const a = await get(url);
      const b = await get(url);
      assert.deepEqual(b.rest, a.rest, url);
      assert.equal(b.cache.hit, true, url);
      assert.equal(b.cache.dataVersion, a.cache.dataVersion, url);
      assert.ok(Object.keys(a.rest).length > 0, url);
    }
    // the per-language variant is serialised on its own, not served from the English body
    const en = await get('/api/convergence?lang=en');
    const ru = await get('/api/convergence?lang=ru');
    const mechanisms = (v: { rest: object }) =>
      (v.rest as { pairs: { mechanism: string }[] }).pairs.map((p) => p.mechanism).join('|');
    if ((en.rest as { pairs: unknown[] }).pairs.length > 0) assert.notEqual(mechanisms(ru), mechanisms(en));
    assert.deepEqual(await get('/api/convergence?lang=ru'), { ...ru, cache: { ...ru.cache, hit: true } });
  });

  test('lists without a cached view carry no ETag and stay no-store', async () => {
    const r = await f.server.inject({
      method: 'GET',
      url: '/api/items?limit=5',
      headers: { authorization: `Bearer ${f.keys.viewer}` },
    });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers.etag, undefined);
    assert.equal(r.headers['cache-control'], 'no-store');
  });
});
