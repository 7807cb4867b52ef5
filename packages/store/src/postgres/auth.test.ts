import { test } from 'node:test';
import { authContract } from '../contracts/auth.ts';
import { PG_SKIP, postgresLocations } from '../contracts/locations.ts';

const url = process.env.OGOH_TEST_PG;
if (url) authContract('postgres', postgresLocations(url, 'auth'));
else test('PostgreSQL auth store and volume reader contract', { skip: PG_SKIP }, () => {});
