import { test } from 'node:test';
import { PG_SKIP, postgresLocations } from '../contracts/locations.ts';
import { traceContract } from '../contracts/trace.ts';

const url = process.env.OGOH_TEST_PG;
if (url) traceContract('postgres', postgresLocations(url, 'trace'));
else test('PostgreSQL trace store contract', { skip: PG_SKIP }, () => {});
