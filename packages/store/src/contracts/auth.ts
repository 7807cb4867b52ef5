/**
 * The AuthStore and VolumeReader contract: records round-trip, usernames are unique, disabling a
 * user ends their sessions, revocation is one-way, the audit log pages newest first, and volume
 * counts match the items per UTC day. It talks to the ports only, through the openers, so SQLite
 * and PostgreSQL run it unchanged.
 * @example authContract('sqlite', sqliteLocations('auth'));
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type ApiKey, isOgohError, type User } from '@ogoh/core';
import * as f from '../factories.ts';
import { openAuthStore, openStore, openVolumeReader } from '../index.ts';
import type { Locations } from './locations.ts';

let n = 0;

const user = (over: Partial<User> = {}): User => ({
  id: `us_${++n}`,
  username: `user${n}`,
  role: 'viewer',
  passwordHash: 'scrypt$x',
  disabled: false,
  createdAt: '2026-03-01T10:00:00.000Z',
  ...over,
});

/** The AuthStore and VolumeReader contract, run on every adapter through the location openers. */
export function authContract(name: string, locations: Locations): void {
  const fresh = () => locations.fresh();
  after(() => locations.cleanup());

  describe(`${name} auth store`, () => {
    test('users round-trip; a taken username is a CONFLICT naming the field', async () => {
      const auth = await openAuthStore(fresh());
      try {
        const u = user({ username: 'dilnoza', role: 'analyst' });
        await auth.addUser(u);
        assert.deepEqual(await auth.getUserByName('dilnoza'), u);
        assert.deepEqual(await auth.getUser(u.id), u);
        await assert.rejects(auth.addUser(user({ username: 'dilnoza' })), (e) => {
          assert.ok(isOgohError(e));
          assert.equal(e.code, 'CONFLICT');
          assert.equal(e.field, 'username');
          return true;
        });
        await auth.setLastLogin(u.id, '2026-03-02T00:00:00.000Z');
        assert.equal((await auth.getUser(u.id))?.lastLoginAt, '2026-03-02T00:00:00.000Z');
        assert.deepEqual(
          (await auth.listUsers()).map((x) => x.username),
          ['dilnoza'],
        );
      } finally {
        await auth.close();
      }
    });

    test('disabling a user ends their sessions; expired sessions are swept', async () => {
      const auth = await openAuthStore(fresh());
      try {
        const u = user();
        await auth.addUser(u);
        const s = { id: 'h1', userId: u.id, csrf: 'c', createdAt: '2026-03-01T10:00:00.000Z' };
        await auth.putSession({ ...s, expiresAt: '2026-03-09T10:00:00.000Z' });
        await auth.putSession({ ...s, id: 'h2', expiresAt: '2026-03-01T11:00:00.000Z' });
        assert.equal(await auth.deleteExpiredSessions('2026-03-02T00:00:00.000Z'), 1);
        assert.equal(await auth.getSession('h2'), undefined);
        assert.equal((await auth.getSession('h1'))?.userId, u.id);
        assert.equal(await auth.setUserDisabled(u.username, true), true);
        assert.equal(await auth.getSession('h1'), undefined);
        assert.equal((await auth.getUser(u.id))?.disabled, true);
        assert.equal(await auth.setUserDisabled('nobody', true), false);
      } finally {
        await auth.close();
      }
    });

    test('API keys are found by hash; revoking is one-way', async () => {
      const auth = await openAuthStore(fresh());
      try {
        const k: ApiKey = {
          id: 'ak_1',
          name: 'nightly export',
          role: 'analyst',
          hash: 'a'.repeat(64),
          prefix: 'ogoh_abc',
          createdAt: '2026-03-01T10:00:00.000Z',
        };
        await auth.putApiKey(k);
        assert.deepEqual(await auth.getApiKeyByHash(k.hash), k);
        assert.equal(await auth.revokeApiKey('ak_1', '2026-03-02T00:00:00.000Z'), true);
        assert.equal(await auth.revokeApiKey('ak_1', '2026-03-03T00:00:00.000Z'), false);
        assert.equal((await auth.getApiKeyByHash(k.hash))?.revokedAt, '2026-03-02T00:00:00.000Z');
        await auth.touchApiKey('ak_1', '2026-03-04T00:00:00.000Z');
        assert.equal((await auth.listApiKeys())[0]?.lastUsedAt, '2026-03-04T00:00:00.000Z');
      } finally {
        await auth.close();
      }
    });

    test('the audit log pages newest first', async () => {
      const auth = await openAuthStore(fresh());
      try {
        for (let i = 0; i < 5; i++)
          await auth.audit({
            at: `2026-03-01T10:0${i}:00.000Z`,
            event: 'login',
            actor: `u${i}`,
            ip: '127.0.0.1',
          });
        await auth.audit({
          at: '2026-03-01T11:00:00.000Z',
          event: 'key-created',
          detail: { role: 'viewer' },
        });
        const page = await auth.listAudit({ limit: 3 });
        assert.deepEqual(
          page.map((e) => e.event),
          ['key-created', 'login', 'login'],
        );
        assert.deepEqual(page[0]?.detail, { role: 'viewer' });
        const rest = await auth.listAudit({ limit: 10, beforeSeq: page[2]!.seq! });
        assert.deepEqual(
          rest.map((e) => e.actor),
          ['u2', 'u1', 'u0'],
        );
      } finally {
        await auth.close();
      }
    });
  });

  describe(`${name} volume reader`, () => {
    test('counts items per UTC day by language and by source, within bounds, leaving undated items out', async () => {
      const path = fresh();
      const store = await openStore(path);
      const a = f.source({ id: 'src-a' });
      const b = f.source({ id: 'src-b' });
      await store.putSource(a);
      await store.putSource(b);
      const items = [
        f.item({ sourceId: 'src-a', lang: 'tg', published: '2026-03-01T23:30:00+00:00' }),
        // 01:30 at +05:00 is 20:30 UTC the day before
        f.item({ sourceId: 'src-a', lang: 'tg', published: '2026-03-02T01:30:00+05:00' }),
        f.item({ sourceId: 'src-b', lang: 'ru', published: '2026-03-02T08:00:00Z' }),
        f.item({ sourceId: 'src-b', lang: 'tg', published: '2026-03-03T08:00:00Z' }),
        f.item({ sourceId: 'src-b', lang: 'ru' }),
      ];
      await store.writeBatch({ items });
      await store.close();
      const reader = await openVolumeReader(path);
      try {
        assert.deepEqual(await reader.volume({ by: 'lang' }), [
          { day: '2026-03-01', key: 'tg', count: 2 },
          { day: '2026-03-02', key: 'ru', count: 1 },
          { day: '2026-03-03', key: 'tg', count: 1 },
        ]);
        assert.deepEqual(await reader.volume({ by: 'source', since: '2026-03-02', until: '2026-03-03' }), [
          { day: '2026-03-02', key: 'src-b', count: 1 },
        ]);
        await assert.rejects(reader.volume({ by: 'lang', since: 'yesterday' }), /since is not a date/);
      } finally {
        await reader.close();
      }
    });
  });
}
