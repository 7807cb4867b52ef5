/**
 * `openJobQueue(location)`: the JobQueue adapter for a store location, picked as `openStore` picks
 * (a postgres:// URL with its optional `?schema=`, or an SQLite file path), so jobs live next to
 * the data they work on.
 */
import type { JobQueue } from '@ogoh/core';
import { sqlitePath } from './auth-and-volume.ts';
import { openPostgresJobQueue } from './postgres/jobs.ts';
import { isPostgresLocation, schemaOption } from './postgres/location.ts';
import { type JobQueueOptions, openSqliteJobQueue } from './sqlite/jobs.ts';

export type { JobQueueOptions };

/** @example const queue = await openJobQueue(app.location); */
export async function openJobQueue(location: string, options: JobQueueOptions = {}): Promise<JobQueue> {
  if (isPostgresLocation(location)) {
    const pg = schemaOption(location);
    return openPostgresJobQueue(pg.url, { ...pg.options, ...options });
  }
  return openSqliteJobQueue(sqlitePath(location), options);
}
