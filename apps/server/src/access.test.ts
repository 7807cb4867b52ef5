/**
 * Access control against a real server and store: the authorisation matrix (every registered route
 * × every role and anonymous, from the server's own route registry), sessions and their cookie,
 * CSRF, login throttling, API keys, and the audit trail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Ogoh, openOgoh } from '@ogoh/app';
import { ROLES, type Role, roleAtLeast } from '@ogoh/core';
import type { Access } from './access.ts';
import { createServer } from './server.ts';
import { type Fixture, fixture, PASSWORD } from './testing.ts';

/**
 * Who may call what. Adding a route without adding it here fails the first test; a route without
 * any access rule cannot even be registered (last test of the matrix block).
 */
const EXPECTED: Record<string, Access> = {
  'POST /api/login': 'public',
  'POST /api/logout': 'viewer',
  'GET /api/me': 'viewer',
  'GET /api/items': 'viewer',
  'GET /api/items/:id': 'viewer',
  'GET /api/stories': 'viewer',
  'GET /api/stories/:id': 'viewer',
  'GET /api/trace/:id': 'viewer',
  'GET /api/stats': 'viewer',
  'GET /api/series': 'viewer',
  'GET /api/sources': 'viewer',
  'POST /api/check': 'viewer',
  'POST /api/sources': 'analyst',
  'POST /api/analyse': 'analyst',
  'POST /api/ingest': 'analyst',
  'GET /api/jobs': 'analyst',
  'GET /api/jobs/:id': 'analyst',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'POST /api/users/:username/disable': 'admin',
  'GET /api/keys': 'admin',
  'POST /api/keys': 'admin',
  'POST /api/keys/:id/revoke': 'admin',
  'GET /api/audit': 'admin',
  'GET /api/narratives': 'viewer',
  'GET /api/techniques': 'viewer',
  'GET /api/cards/:id': 'viewer',
  'GET /api/cards/:id.html': 'viewer',
  'POST /api/review': 'viewer',
  'GET /api/export/:format': 'viewer',
  'GET /api/cases/:id/export': 'viewer',
  'GET /api/detections': 'viewer',
  'GET /api/triage': 'viewer',
  'POST /api/detections/:id/feedback': 'analyst',
  'GET /api/feedback': 'viewer',
  'GET /api/openapi.json': 'public',
  'GET /assets/*': 'public',
  'GET /*': 'public',
  'GET /api/cases': 'viewer',
  'POST /api/cases': 'analyst',
  'GET /api/cases/:id': 'viewer',
  'PATCH /api/cases/:id': 'analyst',
  'POST /api/cases/:id/evidence': 'analyst',
  'DELETE /api/cases/:id/evidence/:kind/:ref': 'analyst',
  'POST /api/cases/:id/notes': 'analyst',
  'GET /api/cases/:id/log': 'viewer',
  'GET /api/cases/:id/brief': 'viewer',
  'GET /api/coordination': 'viewer',
  'GET /api/coordination.gexf': 'viewer',
  'GET /api/trends': 'viewer',
  'GET /api/convergence': 'viewer',
  'GET /api/claims': 'viewer',
  'GET /api/claims/:id': 'viewer',
  'POST /api/claims/match': 'viewer',
  'POST /api/claims/import': 'analyst',
  'GET /api/alerts/rules': 'analyst',
  'POST /api/alerts/rules': 'admin',
  'PATCH /api/alerts/rules/:id': 'admin',
  'DELETE /api/alerts/rules/:id': 'admin',
  'POST /api/alerts/rules/:id/test': 'admin',
  'GET /api/alerts/events': 'analyst',
  'GET /api/alerts/deliveries': 'analyst',
  'POST /api/exports': 'analyst',
  'GET /api/exports/:id/file': 'analyst',
};

let f: Fixture;
before(async () => {
  f = await fixture({ demoItems: 100 });
});
after(async () => {
  await f?.close();
});

function concrete(url: string): string {
  return url
    .replace(/:username/, 'nobody')
    .replace(/:\w+/g, 'x-missing')
    .replace(/\*$/, 'x');
}

describe('authorisation matrix', () => {
  test('every registered route has exactly the expected rule, and every expected route is registered', () => {
    const registered = new Map(f.server.routeRules.map((r) => [`${r.method} ${r.url}`, r.access]));
    const unlisted = [...registered.keys()].filter((k) => !(k in EXPECTED));
    assert.deepEqual(
      unlisted,
      [],
      'routes without a row in EXPECTED: add one (and think about who may call it)',
    );
    const missing = Object.keys(EXPECTED).filter((k) => !registered.has(k));
    assert.deepEqual(missing, [], 'rows in EXPECTED for routes that no longer exist');
    for (const [k, access] of registered) assert.equal(access, EXPECTED[k], k);
  });

  test('every route × anonymous and every role: allowed, 401 or 403 as the rule says', async () => {
    const failures: string[] = [];
    for (const rule of f.server.routeRules) {
      for (const who of ['anonymous', ...ROLES] as const) {
        const headers: Record<string, string> = {};
        if (who !== 'anonymous') headers.authorization = `Bearer ${f.keys[who]}`;
        const res = await f.server.inject({
          method: rule.method as 'GET',
          url: concrete(rule.url),
          headers,
          ...(rule.method === 'POST' && rule.url !== '/api/ingest' ? { payload: {} } : {}),
        });
        const allowed = rule.access === 'public' || (who !== 'anonymous' && roleAtLeast(who, rule.access));
        const denied = res.statusCode === 401 || res.statusCode === 403;
        const expected = allowed ? 'allowed' : who === 'anonymous' ? '401' : '403';
        const got = denied ? String(res.statusCode) : 'allowed';
        if (expected !== got)
          failures.push(`${rule.method} ${rule.url} as ${who}: expected ${expected}, got ${res.statusCode}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test('a route registered without an access rule stops the server from starting', async () => {
    const app: Ogoh = await openOgoh({ db: `${f.dir}/other.db` });
    const server = await createServer(app, { logger: false, webDir: false });
    try {
      assert.throws(
        () => server.get('/api/unguarded', async () => ({})),
        /GET \/api\/unguarded has no access rule/,
      );
    } finally {
      await server.close();
      await app.close();
    }
  });
});

describe('sessions', () => {
  test('login sets an HttpOnly SameSite=Strict cookie, Secure only over TLS', async () => {
    const res = await f.server.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'viewer', password: PASSWORD },
    });
    assert.equal(res.statusCode, 200);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /^ogoh_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    assert.deepEqual(Object.keys(res.json()).sort(), ['csrf', 'kind', 'name', 'role']);
  });

  test('behind a trusted TLS proxy the cookie is Secure; an untrusted X-Forwarded-Proto is ignored', async () => {
    const proxied = await createServer(f.app, { logger: false, webDir: false, trustProxy: true });
    try {
      const res = await proxied.inject({
        method: 'POST',
        url: '/api/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: 'viewer', password: PASSWORD },
      });
      assert.match(String(res.headers['set-cookie']), /; Secure$/);
      assert.match(String(res.headers['strict-transport-security']), /max-age/);
    } finally {
      await proxied.close();
    }
    const direct = await f.server.inject({
      method: 'POST',
      url: '/api/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'viewer', password: PASSWORD },
    });
    assert.doesNotMatch(String(direct.headers['set-cookie']), /Secure/);
  });

  test('me, then logout ends the session and clears the cookie', async () => {
    const login = await f.server.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'analyst', password: PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const { csrf } = login.json() as { csrf: string };
    const me = await f.server.inject({ url: '/api/me', headers: { cookie } });
    assert.deepEqual(me.json(), { kind: 'session', name: 'analyst', role: 'analyst', csrf });
    const out = await f.server.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /^ogoh_session=; .*Max-Age=0/);
    const after = await f.server.inject({ url: '/api/me', headers: { cookie } });
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, 'AUTH');
  });

  test('a wrong password is a 401 with the one error shape and the request id', async () => {
    const res = await f.server.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'admin', password: 'not-the-password' },
    });
    assert.equal(res.statusCode, 401);
    const body = res.json();
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'requestId']);
    assert.equal(body.error.code, 'AUTH');
    assert.equal(body.error.requestId, res.headers['x-request-id']);
  });

  test('five failed logins lock that IP and username, even for the right password', async () => {
    const server = await createServer(f.app, { logger: false, webDir: false });
    try {
      const attempt = (password: string) =>
        server.inject({ method: 'POST', url: '/api/login', payload: { username: 'analyst', password } });
      for (let i = 0; i < 5; i++) assert.equal((await attempt('wrong-guess')).statusCode, 401);
      const locked = await attempt(PASSWORD);
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.json().error.code, 'RATE_LIMITED');
      assert.ok(Number(locked.headers['retry-after']) > 0);
      const other = await server.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: 'viewer', password: PASSWORD },
      });
      assert.equal(other.statusCode, 200, 'other usernames are not locked');
    } finally {
      await server.close();
    }
  });
});

describe('CSRF', () => {
  const check = (headers: Record<string, string>) =>
    f.server.inject({ method: 'POST', url: '/api/check', headers, payload: { text: 'Салом, дӯстон!' } });

  test('a cookie-authenticated write needs the session CSRF token', async () => {
    const { cookie, csrf } = f.sessions.viewer;
    const none = await check({ cookie });
    assert.equal(none.statusCode, 403);
    assert.equal(none.json().error.field, 'X-CSRF-Token');
    assert.equal((await check({ cookie, 'x-csrf-token': 'x'.repeat(csrf.length) })).statusCode, 403);
    assert.equal((await check({ cookie, 'x-csrf-token': f.sessions.analyst.csrf })).statusCode, 403);
    assert.equal((await check({ cookie, 'x-csrf-token': csrf })).statusCode, 200);
  });

  test('a foreign Origin or a cross-site fetch is refused even with the token', async () => {
    const { cookie, csrf } = f.sessions.viewer;
    const foreign = await check({ cookie, 'x-csrf-token': csrf, origin: 'https://evil.example' });
    assert.equal(foreign.statusCode, 403);
    const own = await check({ cookie, 'x-csrf-token': csrf, origin: 'http://localhost:80' });
    assert.equal(own.statusCode, 200, 'inject uses host localhost:80');
    assert.equal(
      (await check({ cookie, 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' })).statusCode,
      403,
    );
    const login = await f.server.inject({
      method: 'POST',
      url: '/api/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'viewer', password: PASSWORD },
    });
    assert.equal(login.statusCode, 403, 'login CSRF');
  });

  test('API keys need no CSRF token; reads need none either', async () => {
    assert.equal((await check({ authorization: `Bearer ${f.keys.viewer}` })).statusCode, 200);
    const me = await f.server.inject({ url: '/api/me', headers: { cookie: f.sessions.viewer.cookie } });
    assert.equal(me.statusCode, 200);
  });
});

describe('users and keys over the API', () => {
  test('an admin adds a user who logs in; disabling ends their session', async () => {
    const { cookie, csrf } = f.sessions.admin;
    const headers = { cookie, 'x-csrf-token': csrf };
    const add = await f.server.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: { username: 'nigora', role: 'viewer', password: 'nigora-pass-1' },
    });
    assert.equal(add.statusCode, 200, add.body);
    assert.equal('passwordHash' in add.json(), false);
    const dup = await f.server.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: { username: 'nigora', role: 'viewer', password: 'nigora-pass-1' },
    });
    assert.equal(dup.statusCode, 409);
    const login = await f.server.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'nigora', password: 'nigora-pass-1' },
    });
    const theirs = String(login.headers['set-cookie']).split(';')[0]!;
    assert.equal((await f.server.inject({ url: '/api/me', headers: { cookie: theirs } })).statusCode, 200);
    const self = await f.server.inject({ method: 'POST', url: '/api/users/admin/disable', headers });
    assert.equal(self.statusCode, 409, 'an admin cannot lock themselves out');
    const dis = await f.server.inject({ method: 'POST', url: '/api/users/nigora/disable', headers });
    assert.equal(dis.json().disabled, true);
    assert.equal((await f.server.inject({ url: '/api/me', headers: { cookie: theirs } })).statusCode, 401);
  });

  test('a key is shown once, listed without its secret, and dead once revoked', async () => {
    const headers = { authorization: `Bearer ${f.keys.admin}` };
    const made = await f.server.inject({
      method: 'POST',
      url: '/api/keys',
      headers,
      payload: { name: 'script', role: 'viewer' },
    });
    const { key, record } = made.json() as { key: string; record: { id: string } };
    const list = await f.server.inject({ url: '/api/keys', headers });
    assert.equal(list.body.includes(key), false);
    assert.ok((list.json() as { id: string }[]).some((k) => k.id === record.id));
    assert.equal(
      (await f.server.inject({ url: '/api/me', headers: { authorization: `Bearer ${key}` } })).statusCode,
      200,
    );
    const rev = await f.server.inject({ method: 'POST', url: `/api/keys/${record.id}/revoke`, headers });
    assert.equal(rev.statusCode, 204);
    const dead = await f.server.inject({ url: '/api/me', headers: { authorization: `Bearer ${key}` } });
    assert.equal(dead.statusCode, 401);
    assert.equal(dead.json().error.field, 'Authorization');
  });

  test('the audit log records logins, failures, denials and admin changes', async () => {
    await f.server.inject({ url: '/api/users', headers: { authorization: `Bearer ${f.keys.viewer}` } });
    const res = await f.server.inject({
      url: '/api/audit?limit=200',
      headers: { authorization: `Bearer ${f.keys.admin}` },
    });
    const events = new Set((res.json() as { event: string }[]).map((e) => e.event));
    for (const e of [
      'login',
      'login-failed',
      'login-limited',
      'logout',
      'user-added',
      'user-disabled',
      'key-created',
      'key-revoked',
      'access-denied',
    ])
      assert.ok(events.has(e), `audit has ${e}`);
  });
});

describe('role-specific behaviour inside a route', () => {
  test('the raw record needs an analyst', async () => {
    const list = await f.server.inject({
      url: '/api/items?limit=1',
      headers: { authorization: `Bearer ${f.keys.viewer}` },
    });
    const id = (list.json() as { items: { id: string }[] }).items[0]!.id;
    const asViewer = await f.server.inject({
      url: `/api/items/${id}?raw=1`,
      headers: { authorization: `Bearer ${f.keys.viewer}` },
    });
    assert.equal(asViewer.statusCode, 403);
    const asAnalyst = await f.server.inject({
      url: `/api/items/${id}?raw=1`,
      headers: { authorization: `Bearer ${f.keys.analyst}` },
    });
    assert.equal(typeof asAnalyst.json().item.raw, 'string');
    const plain = await f.server.inject({
      url: `/api/items/${id}`,
      headers: { authorization: `Bearer ${f.keys.analyst}` },
    });
    assert.equal('raw' in plain.json().item, false);
  });
});

// Roles are ordered viewer < analyst < admin; the matrix above relies on it.
test('roles are ordered', () => {
  const r = (a: Role, b: Role) => roleAtLeast(a, b);
  assert.ok(
    r('admin', 'viewer') && r('analyst', 'viewer') && !r('viewer', 'analyst') && !r('analyst', 'admin'),
  );
});
