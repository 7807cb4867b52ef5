/**
 * Brings a store to this build's schema on open. Refuses files that are not Ogoh stores and stores
 * written by a newer build (their schema may mean things this build would corrupt).
 */
import { OgohError } from '@ogoh/core';
import { APPLICATION_ID, type Db, sqliteError } from './db.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations.ts';

function userVersion(db: Db): number {
  return db.raw.pragma('user_version', { simple: true }) as number;
}

function checkOwnership(db: Db): void {
  const appId = db.raw.pragma('application_id', { simple: true }) as number;
  if (appId === APPLICATION_ID) return;
  const tables = db.raw
    .prepare("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    .pluck()
    .get() as number;
  if (appId !== 0 || tables > 0 || userVersion(db) !== 0) {
    throw new OgohError('STORE', `${db.path} is an SQLite database but not an Ogoh store`, {
      file: db.path,
      hint: 'point --db at an Ogoh store or at a new file name',
    });
  }
}

function tooNew(db: Db, version: number): OgohError {
  return new OgohError(
    'STORE_VERSION',
    `this store was written by a newer Ogoh (schema ${version}, this build knows ${LATEST_VERSION}); upgrade Ogoh or use another --db`,
    { file: db.path },
  );
}

/** Applies pending migrations in one transaction; returns the schema version now in force. */
export function migrate(db: Db, readonly: boolean): number {
  checkOwnership(db);
  const seen = userVersion(db);
  if (seen > LATEST_VERSION) throw tooNew(db, seen);
  if (seen === LATEST_VERSION) return seen;
  if (readonly) {
    throw new OgohError(
      'STORE_VERSION',
      `the store ${db.path} is at schema ${seen} and needs upgrading to ${LATEST_VERSION}, which a read-only open cannot do`,
      { file: db.path, hint: 'open it once for writing (any ogoh command without read-only) to upgrade it' },
    );
  }
  try {
    return db.write(() => {
      // Another process may have migrated while this one waited for the write lock.
      const current = userVersion(db);
      if (current > LATEST_VERSION) throw tooNew(db, current);
      if (current === 0) db.raw.pragma(`application_id = ${APPLICATION_ID}`);
      for (const m of MIGRATIONS) {
        if (m.version <= current) continue;
        db.raw.exec(m.sql);
        db.raw.pragma(`user_version = ${m.version}`);
      }
      return userVersion(db);
    });
  } catch (e) {
    throw sqliteError(e, `cannot upgrade the store ${db.path} to schema ${LATEST_VERSION}`, db.path);
  }
}
