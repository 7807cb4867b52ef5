/**
 * @ogoh/store: adapters of the core Store port. `openStore` picks one from the location; the
 * contract suite and record factories are exported for adapter and application tests.
 */
import { OgohError, type Store } from '@ogoh/core';
import { openPostgresStore } from './postgres/index.ts';
import { schemaOption } from './postgres/location.ts';
import { openSqliteStore } from './sqlite/index.ts';

export { openAuthStore, openVolumeReader } from './auth-and-volume.ts';
export { storeContract } from './contract.ts';
export * as testFactories from './factories.ts';
export { openPostgresStore, type PostgresStoreOptions } from './postgres/index.ts';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite/index.ts';
export { indexTermsOf } from './sqlite/terms.ts';

/**
 * Opens the store at `location`: a file path (or `:memory:`) is SQLite; a `postgres://` or
 * `postgresql://` URL is PostgreSQL, its optional `?schema=name` naming the schema (default `ogoh`).
 * `readonly` applies to SQLite only (a PostgreSQL role's grants decide there).
 * @example
 *   const store = await openStore(config.db ?? 'data/ogoh.db');
 */
export async function openStore(location: string, options: { readonly?: boolean } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    const pg = schemaOption(location);
    return openPostgresStore(pg.url, pg.options);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new OgohError('USAGE', `unsupported store location "${location}"`, {
      field: 'db',
      hint: 'give a file path for SQLite (e.g. data/ogoh.db)',
    });
  }
  if (location.trim() === '') {
    throw new OgohError('USAGE', 'the store location is empty', {
      field: 'db',
      hint: 'e.g. --db data/ogoh.db',
    });
  }
  return openSqliteStore(location, options);
}
export { openCaseStore } from './cases.ts';
export {
  type CopyEvent,
  type CopyOptions,
  type CopyReport,
  type CopyTableReport,
  copyStore,
} from './copy/copy.ts';
export { openFeedbackStore } from './feedback.ts';
export { type JobQueueOptions, openJobQueue } from './jobs.ts';
export { openAlertStore, openClaimStore, openCollectStore, openTraceStore } from './openers.ts';
