import { test } from 'node:test';
import { collectContract } from '../contracts/collect.ts';
import { PG_SKIP, postgresLocations } from '../contracts/locations.ts';

const url = process.env.OGOH_TEST_PG;
if (url) collectContract('postgres', postgresLocations(url, 'collect'));
else test('PostgreSQL collect store contract', { skip: PG_SKIP }, () => {});
