/**
 * Ports other than Store have no PostgreSQL adapter yet. Their openers call this on a postgres://
 * location so the user gets a coded USAGE error naming the capability, instead of SQLite trying to
 * open a file called "postgres:…".
 */
import { OgohError } from '@ogoh/core';

export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

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
