/**
 * `openCaseStore(location)`: the CaseStore adapter for a store location, picked the way `openStore`
 * picks the Store one (a `postgres://` URL, its optional `?schema=`, or an SQLite file path).
 */
import { type CaseStore, OgohError } from '@ogoh/core';
import { openPostgresCaseStore } from './postgres/cases.ts';
import { openSqliteCaseStore } from './sqlite/cases.ts';

/** @example const cases = await openCaseStore(app.location); */
export async function openCaseStore(location: string): Promise<CaseStore> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    let u: URL;
    try {
      u = new URL(location);
    } catch {
      throw new OgohError('USAGE', 'the PostgreSQL URL cannot be parsed', {
        field: 'db',
        hint: 'e.g. --db postgres://ogoh@127.0.0.1:5432/ogoh?schema=ogoh',
      });
    }
    const schema = u.searchParams.get('schema');
    u.searchParams.delete('schema');
    return openPostgresCaseStore(u.toString(), schema === null ? {} : { schema });
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) || location.trim() === '')
    throw new OgohError('USAGE', `unsupported store location "${location}"`, {
      field: 'db',
      hint: 'give a file path for SQLite (e.g. data/ogoh.db) or a postgres:// URL',
    });
  return openSqliteCaseStore(location);
}
