/**
 * Openers for the ports that live beside Store in the same database: AuthStore (users, sessions,
 * API keys, audit log) and VolumeReader (items per day). Each picks the adapter from the location
 * the way `openStore` does: a postgres:// URL (its `?schema=` naming the schema) or an SQLite path.
 */
import { type AuthStore, OgohError, type VolumeReader } from '@ogoh/core';
import { openPostgresAuthStore } from './postgres/auth.ts';
import { isPostgresLocation, schemaOption } from './postgres/location.ts';
import { openPostgresVolumeReader } from './postgres/volume.ts';
import { openSqliteAuthStore } from './sqlite/auth.ts';
import { openSqliteVolumeReader } from './sqlite/volume.ts';

/** An SQLite path, or a USAGE error naming --db for any other URL or an empty location. */
export function sqlitePath(location: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) || location.trim() === '')
    throw new OgohError('USAGE', `unsupported store location "${location}"`, {
      field: 'db',
      hint: 'give a file path for SQLite (e.g. data/ogoh.db) or a postgres:// URL',
    });
  return location;
}

/** @example const auth = await openAuthStore(app.location); */
export async function openAuthStore(location: string): Promise<AuthStore> {
  if (isPostgresLocation(location)) {
    const pg = schemaOption(location);
    return openPostgresAuthStore(pg.url, pg.options);
  }
  return openSqliteAuthStore(sqlitePath(location));
}

/** @example const volume = await openVolumeReader(app.location); */
export async function openVolumeReader(location: string): Promise<VolumeReader> {
  if (isPostgresLocation(location)) {
    const pg = schemaOption(location);
    return openPostgresVolumeReader(pg.url, pg.options);
  }
  return openSqliteVolumeReader(sqlitePath(location));
}
