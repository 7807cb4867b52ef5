/**
 * `openFeedbackStore(location)`: the FeedbackStore adapter for a store location, picked the way
 * `openStore` picks one — a file path (or `:memory:`) is SQLite, a `postgres://` URL is PostgreSQL
 * with an optional `?schema=` (default `ogoh`).
 */
import { type FeedbackStore, OgohError } from '@ogoh/core';
import { openPostgresFeedbackStore } from './postgres/feedback.ts';
import { isPostgresLocation } from './postgres/unsupported.ts';
import { openSqliteFeedbackStore } from './sqlite/feedback.ts';

/** @example const feedback = await openFeedbackStore(app.location); */
export async function openFeedbackStore(location: string): Promise<FeedbackStore> {
  if (isPostgresLocation(location)) {
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
    return openPostgresFeedbackStore(u.toString(), schema === null ? {} : { schema });
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) || location.trim() === '')
    throw new OgohError('USAGE', `unsupported store location "${location}"`, {
      field: 'db',
      hint: 'give a file path for SQLite (e.g. data/ogoh.db) or a postgres:// URL',
    });
  return openSqliteFeedbackStore(location);
}
