import { test } from 'node:test';
import { claimsContract } from '../contracts/claims.ts';
import { PG_SKIP, postgresLocations } from '../contracts/locations.ts';

const url = process.env.OGOH_TEST_PG;
if (url) claimsContract('postgres', postgresLocations(url, 'claims'));
else test('PostgreSQL claim store contract', { skip: PG_SKIP }, () => {});
