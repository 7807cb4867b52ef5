/**
 * The ClaimStore contract: records round-trip with every optional field, re-upserting the same id
 * updates instead of doubling, unchanged records leave the version alone, pages walk all claims in
 * code-point id order, and two importers at once count every claim exactly once.
 * @example claimsContract('sqlite', sqliteLocations('claims'));
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type ClaimRecord, isOgohError } from '@ogoh/core';
import { openClaimStore } from '../index.ts';

import type { Locations } from './locations.ts';

const AT = '2026-03-01T10:00:00.000Z';

const full: ClaimRecord = {
  id: 'https://factcheck.tj/ru/1#review',
  text: 'Рогунская ГЭС продаёт 70% электроэнергии в Афганистан.',
  rating: 'Ложь',
  org: 'Factcheck.tj',
  url: 'https://factcheck.tj/ru/1',
  date: '2026-03-02',
  lang: 'ru',
  claimant: 'Правда Азии',
  claimDate: '2026-02-27',
  title: 'Нет, Рогун не продаёт 70%',
  appearances: ['https://t.me/pravda_azii/1412'],
};

/** The ClaimStore contract, run on every adapter through `openClaimStore`. */
export function claimsContract(name: string, locations: Locations): void {
  const fresh = () => locations.fresh();
  after(() => locations.cleanup());

  describe(`${name} claim store`, () => {
    test('round-trips full and minimal records; unknown ids are undefined', async () => {
      const s = await openClaimStore(fresh());
      try {
        const r = await s.upsertClaims([full, { id: 'min', text: 'x' }], AT);
        assert.deepEqual(r, { inserted: 2, updated: 0, unchanged: 0 });
        assert.deepEqual(await s.getClaim(full.id), full);
        assert.deepEqual(await s.getClaim('min'), { id: 'min', text: 'x' });
        assert.equal(await s.getClaim('nope'), undefined);
        assert.equal(await s.countClaims(), 2);
      } finally {
        await s.close();
      }
    });

    test('re-import is idempotent: same id updates, unchanged records leave the version alone', async () => {
      const path = fresh();
      const s = await openClaimStore(path);
      try {
        const v0 = await s.claimsVersion();
        await s.upsertClaims([full], AT);
        const v1 = await s.claimsVersion();
        assert.notEqual(v1, v0);
        assert.deepEqual(await s.upsertClaims([full], AT), { inserted: 0, updated: 0, unchanged: 1 });
        assert.equal(await s.claimsVersion(), v1);
        const changed = { ...full, rating: 'Искажение' };
        delete changed.appearances;
        assert.deepEqual(await s.upsertClaims([changed], AT), { inserted: 0, updated: 1, unchanged: 0 });
        assert.notEqual(await s.claimsVersion(), v1);
        assert.equal(await s.countClaims(), 1);
        assert.deepEqual(await s.getClaim(full.id), changed);
      } finally {
        await s.close();
      }
      // a second connection sees the same claims
      const again = await openClaimStore(path);
      try {
        assert.equal(await again.countClaims(), 1);
      } finally {
        await again.close();
      }
    });

    test('pages walk every claim once in id order; a forged cursor is a USAGE error', async () => {
      const s = await openClaimStore(fresh());
      try {
        const claims = Array.from({ length: 25 }, (_, i) => ({
          id: `c${String(i).padStart(3, '0')}`,
          text: `t${i}`,
        }));
        await s.upsertClaims(claims.slice().reverse(), AT);
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await s.listClaims(cursor === undefined ? { limit: 10 } : { limit: 10, cursor });
          seen.push(...page.claims.map((c) => c.id));
          cursor = page.next;
        } while (cursor !== undefined);
        assert.deepEqual(
          seen,
          claims.map((c) => c.id),
        );
        await assert.rejects(s.listClaims({ cursor: '!!' }), (e) => isOgohError(e) && e.code === 'USAGE');
      } finally {
        await s.close();
      }
    });

    test('a repeated id in one call applies in order; concurrent imports count each claim once', async () => {
      const path = fresh();
      const s = await openClaimStore(path);
      const t = await openClaimStore(path);
      try {
        const r = await s.upsertClaims(
          [full, { ...full, rating: 'Искажение' }, { ...full, rating: 'Искажение' }],
          AT,
        );
        assert.deepEqual(r, { inserted: 1, updated: 1, unchanged: 1 });
        assert.equal((await s.getClaim(full.id))?.rating, 'Искажение');
        const batch = Array.from({ length: 300 }, (_, i) => ({ id: `k${i}`, text: `матн ${i}` }));
        const [a, b] = await Promise.all([s.upsertClaims(batch, AT), t.upsertClaims(batch, AT)]);
        assert.equal(a.inserted + b.inserted, 300);
        assert.equal(a.unchanged + b.unchanged, 300);
        assert.equal(await t.countClaims(), 301);
      } finally {
        await s.close();
        await t.close();
      }
    });

    test('ids page in code-point order (upper case before lower, Cyrillic after Latin)', async () => {
      const s = await openClaimStore(fresh());
      try {
        const ids = ['b', 'B', 'а', 'a', 'Z', '10', '9', 'ё'];
        await s.upsertClaims(
          ids.map((id) => ({ id, text: id })),
          AT,
        );
        const page = await s.listClaims({ limit: 3 });
        const rest = await s.listClaims({ cursor: page.next! });
        assert.deepEqual(
          [...page.claims, ...rest.claims].map((c) => c.id),
          [...ids].sort(),
        );
      } finally {
        await s.close();
      }
    });

    test('other URLs and an empty location are USAGE errors naming --db', async () => {
      await assert.rejects(openClaimStore('mysql://x/y'), (e) => isOgohError(e) && e.field === 'db');
      await assert.rejects(openClaimStore(''), (e) => isOgohError(e) && e.code === 'USAGE');
    });
  });
}
