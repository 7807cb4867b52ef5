/**
 * Openers for the ports that live beside Store in the same database: AuthStore (users, sessions,
 * API keys, audit log) and VolumeReader (items per day). Each picks the adapter from the location
 * the way `openStore` does; a PostgreSQL adapter adds its branch here.
 */
import { type AuthStore, OgohError, type VolumeReader } from '@ogoh/core';
import { refusePostgres } from './postgres/unsupported.ts';
import { openSqliteAuthStore } from './sqlite/auth.ts';
import { openSqliteVolumeReader } from './sqlite/volume.ts';

function sqlitePath(location: string, what: string): string {
  refusePostgres(location, what);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) || location.trim() === '')
    throw new OgohError('USAGE', `unsupported store location "${location}"`, {
      field: 'db',
      hint: 'give a file path for SQLite (e.g. data/ogoh.db)',
    });
  return location;
}

/** @example const auth = await openAuthStore(app.location); */
export async function openAuthStore(location: string): Promise<AuthStore> {
  return openSqliteAuthStore(sqlitePath(location, 'User accounts, sessions and API keys'));
}

/** @example const volume = await openVolumeReader(app.location); */
export async function openVolumeReader(location: string): Promise<VolumeReader> {
  return openSqliteVolumeReader(sqlitePath(location, 'Volume series'));
}
