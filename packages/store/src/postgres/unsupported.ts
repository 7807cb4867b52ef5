/**
 * For a port without a PostgreSQL adapter (every port in this package has one now): its opener calls
 * this on a postgres:// location so the user gets a coded USAGE error naming the capability,
 * instead of SQLite trying to open a file called "postgres:…".
 */
import { OgohError } from '@ogoh/core';
import { isPostgresLocation } from './location.ts';

export { isPostgresLocation } from './location.ts';

/** Throws when `location` is PostgreSQL: `what` (e.g. "user accounts") is not available there yet. */
export function refusePostgres(location: string, what: string): void {
  if (!isPostgresLocation(location)) return;
  throw new OgohError(
    'USAGE',
    `${what} is not available on PostgreSQL yet; use an SQLite file path for --db`,
    {
      field: 'db',
      hint: 'items, stories and detections work on PostgreSQL; for this command use e.g. --db data/ogoh.db',
    },
  );
}
