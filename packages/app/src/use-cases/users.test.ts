/**
 * Users, sessions and API keys over a real SQLite store: hashes are salted and verified in constant
 * time, every failed login looks the same, sessions expire and die with their user, keys are shown
 * once and stored as digests, and every change lands in the audit log.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { type Ogoh, openOgoh } from '../context.ts';
import {
  type Auth,
  addUser,
  apiKeyFor,
  createApiKey,
  hashPassword,
  listApiKeys,
  listUsers,
  login,
  logout,
  openAuth,
  revokeApiKey,
  sessionFor,
  setUserDisabled,
  verifyPassword,
} from './users.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogoh-users-'));
let now = new Date('2026-03-01T10:00:00.000Z');
let app: Ogoh;
let auth: Auth;

before(async () => {
  app = await openOgoh({ db: join(dir, 'u.db'), clock: { now: () => now } });
  auth = await openAuth(app);
});
after(async () => {
  await auth.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const code = (c: string) => (e: unknown) => {
  assert.ok(isOgohError(e), String(e));
  assert.equal(e.code, c, e.message);
  return true;
};

describe('passwords', () => {
  test('hashes are salted, self-describing and verify only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    assert.notEqual(a, b);
    assert.match(a, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.equal(await verifyPassword('correct horse', a), true);
    assert.equal(await verifyPassword('correct hors', a), false);
    assert.equal(await verifyPassword('correct horse', 'scrypt$1$2$x'), false);
    assert.equal(await verifyPassword('correct horse', `${a.slice(0, -2)}AA`), false);
  });

  test('too short a password is refused with the field named', async () => {
    await assert.rejects(hashPassword('short'), code('INPUT_FIELD'));
  });
});

describe('users and sessions', () => {
  test('add, log in, resolve the session, log out', async () => {
    const u = await addUser(auth, { username: 'farrukh', role: 'analyst', password: 'qalam-u-daftar' });
    assert.equal(u.role, 'analyst');
    assert.equal('passwordHash' in u, false);
    const r = await login(auth, { username: 'Farrukh ', password: 'qalam-u-daftar', ip: '127.0.0.1' });
    assert.equal(r.user.username, 'farrukh');
    assert.ok(r.token.length >= 40);
    assert.notEqual(r.session.id, r.token, 'only the digest is stored');
    const s = await sessionFor(auth, r.token);
    assert.equal(s?.user.username, 'farrukh');
    assert.equal(s?.session.csrf, r.session.csrf);
    await logout(auth, r.token, 'farrukh');
    assert.equal(await sessionFor(auth, r.token), undefined);
  });

  test('unknown user, wrong password and disabled user fail alike', async () => {
    await addUser(auth, { username: 'malika', role: 'viewer', password: 'ruzi-khub-123' });
    await assert.rejects(
      login(auth, { username: 'nobody', password: 'ruzi-khub-123' }),
      /wrong username or password/,
    );
    await assert.rejects(
      login(auth, { username: 'malika', password: 'wrong-password' }),
      /wrong username or password/,
    );
    const ok = await login(auth, { username: 'malika', password: 'ruzi-khub-123' });
    await setUserDisabled(auth, 'malika', true);
    assert.equal(await sessionFor(auth, ok.token), undefined, 'disabling ends sessions');
    await assert.rejects(login(auth, { username: 'malika', password: 'ruzi-khub-123' }), code('AUTH'));
    await assert.rejects(setUserDisabled(auth, 'ghost', true), code('NOT_FOUND'));
    const users = await listUsers(auth);
    assert.equal(users.find((x) => x.username === 'malika')?.disabled, true);
  });

  test('bad usernames and roles name the field; a taken username is a conflict', async () => {
    await assert.rejects(addUser(auth, { username: 'A B', role: 'viewer', password: 'long-enough' }), (e) => {
      assert.ok(isOgohError(e) && e.field === 'username');
      return true;
    });
    await assert.rejects(
      addUser(auth, { username: 'ok-name', role: 'root', password: 'long-enough' }),
      (e) => {
        assert.ok(isOgohError(e) && e.field === 'role');
        return true;
      },
    );
    await assert.rejects(
      addUser(auth, { username: 'farrukh', role: 'viewer', password: 'long-enough' }),
      code('CONFLICT'),
    );
  });

  test('sessions expire after their lifetime', async () => {
    await addUser(auth, { username: 'sitora', role: 'viewer', password: 'sitora-pass' });
    const r = await login(auth, { username: 'sitora', password: 'sitora-pass' });
    const r2 = await login(auth, { username: 'sitora', password: 'sitora-pass' });
    const saved = now;
    now = new Date(now.getTime() + 13 * 3600_000);
    try {
      assert.equal(await sessionFor(auth, r.token), undefined);
      // a later login sweeps every expired session, not only the one asked about
      const other = await login(auth, { username: 'farrukh', password: 'qalam-u-daftar' });
      assert.equal(await auth.store.getSession(r2.session.id), undefined, 'swept without being asked for');
      assert.ok(await auth.store.getSession(other.session.id));
    } finally {
      now = saved;
    }
  });
});

describe('API keys', () => {
  test('a key is shown once, stored as a digest, resolves to its role until revoked', async () => {
    const { key, record } = await createApiKey(auth, { name: 'nightly', role: 'viewer' }, 'farrukh');
    assert.match(key, /^ogoh_[\w-]{32}$/);
    assert.equal('hash' in record, false);
    assert.equal(record.prefix, key.slice(0, 11));
    assert.equal((await apiKeyFor(auth, key))?.role, 'viewer');
    assert.equal(await apiKeyFor(auth, `${key}x`), undefined);
    assert.equal(await apiKeyFor(auth, 'Bearer nonsense'), undefined);
    await revokeApiKey(auth, record.id, 'farrukh');
    assert.equal(await apiKeyFor(auth, key), undefined);
    await assert.rejects(revokeApiKey(auth, record.id), code('CONFLICT'));
    await assert.rejects(revokeApiKey(auth, 'ak_missing'), code('NOT_FOUND'));
    assert.equal((await listApiKeys(auth)).find((k) => k.id === record.id)?.revokedAt, now.toISOString());
  });

  test('every change is in the audit log', async () => {
    const events = (await auth.store.listAudit({ limit: 100 })).map((e) => e.event);
    for (const e of [
      'user-added',
      'login',
      'login-failed',
      'logout',
      'user-disabled',
      'key-created',
      'key-revoked',
    ])
      assert.ok(events.includes(e as never), `audit has ${e}`);
  });
});
