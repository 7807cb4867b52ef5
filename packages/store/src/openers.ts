/**
 * Openers for ClaimStore, CollectStore and TraceStore: each picks the adapter from the location the
 * way `openStore` does (a postgres:// URL, its `?schema=` naming the schema, or an SQLite path), so
 * every port of one location reads and writes the same database.
 */
import {
  type AlertStore,
  type ClaimStore,
  type CollectStore,
  OgohError,
  type Store,
  type TraceStore,
} from '@ogoh/core';
import { sqlitePath } from './auth-and-volume.ts';
import { openPostgresAlertStore } from './postgres/alert-rules.ts';
import { openPostgresClaimStore } from './postgres/claims.ts';
import { openPostgresCollectStore } from './postgres/collect.ts';
import { isPostgresLocation, schemaOption } from './postgres/location.ts';
import { openPostgresTraceStore } from './postgres/trace.ts';
import { openSqliteAlertStore } from './sqlite/alert-rules.ts';
import { openSqliteClaimStore } from './sqlite/claims.ts';
import { openSqliteCollectStore } from './sqlite/collect.ts';
import { openSqliteTraceStore, sqliteTraceStoreOf } from './sqlite/trace.ts';

/** @example const claims = await openClaimStore(app.location); */
export async function openClaimStore(location: string): Promise<ClaimStore> {
  if (isPostgresLocation(location)) {
    const pg = schemaOption(location);
    return openPostgresClaimStore(pg.url, pg.options);
  }
  return openSqliteClaimStore(sqlitePath(location));
}

/** @example const collect = await openCollectStore(app.location); */
export async function openCollectStore(location: string): Promise<CollectStore> {
  if (isPostgresLocation(location)) {
    const pg = schemaOption(location);
    return openPostgresCollectStore(pg.url, pg.options);
  }
  return openSqliteCollectStore(sqlitePath(location));
}

/**
 * @param store the open store of the same location: on SQLite the trace tables then use its
 *   connection (one page cache; closing the TraceStore leaves the store open)
 * @example const trace = await openTraceStore(app.location, app.store);
 */
export async function openTraceStore(location: string, store?: Store): Promise<TraceStore> {
  if (isPostgresLocation(location)) {
    const pg = schemaOption(location);
    return openPostgresTraceStore(pg.url, pg.options);
  }
  const shared = store ? sqliteTraceStoreOf(store) : undefined;
  if (shared) return shared;
  if (location === ':memory:')
    throw new OgohError('USAGE', 'tracing needs a store file; an in-memory store cannot be shared', {
      field: 'db',
    });
  return openSqliteTraceStore(sqlitePath(location));
}

/** @example const alerts = await openAlertStore(app.location); */
export async function openAlertStore(location: string): Promise<AlertStore> {
  if (isPostgresLocation(location)) {
    const pg = schemaOption(location);
    return openPostgresAlertStore(pg.url, pg.options);
  }
  if (location === ':memory:')
    throw new OgohError('USAGE', 'alerts need a store file; an in-memory store cannot be shared', {
      field: 'db',
    });
  return openSqliteAlertStore(sqlitePath(location));
}
