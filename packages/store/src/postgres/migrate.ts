/**
 * Brings a store's schema to this build's on open, under an advisory lock so two processes opening
 * a new store at once do not both migrate. Refuses schemas holding other programs' tables and
 * stores written by a newer build (their schema may mean things this build would corrupt).
 */
import { OgohError } from '@ogoh/core';
import { type Db, type Ex, pgError, type Row } from './db.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations.ts';

async function currentVersion(tx: Ex, db: Db): Promise<number> {
  const meta = (await tx.unsafe(
    "SELECT to_regclass(current_schema() || '.ogoh_meta') IS NOT NULL AS has_meta, (SELECT count(*)::int FROM pg_tables WHERE schemaname = current_schema()) AS tables",
  )) as unknown as Row[];
  const { has_meta, tables } = meta[0] as { has_meta: boolean; tables: number };
  if (!has_meta) {
    if (tables > 0) {
      throw new OgohError(
        'STORE',
        `schema "${db.schema}" of ${db.location} holds tables but is not an Ogoh store`,
        {
          file: db.location,
          hint: 'point --db at an Ogoh store, an empty database, or another schema',
        },
      );
    }
    return 0;
  }
  const rows = (await tx.unsafe(
    "SELECT value FROM ogoh_meta WHERE key = 'schema_version'",
  )) as unknown as Row[];
  return Number(rows[0]?.value ?? 0);
}

function tooNew(db: Db, version: number): OgohError {
  return new OgohError(
    'STORE_VERSION',
    `this store was written by a newer Ogoh (schema ${version}, this build knows ${LATEST_VERSION}); upgrade Ogoh or use another --db`,
    { file: db.location },
  );
}

/** Applies pending migrations in one transaction; returns the schema version now in force. */
export async function migrate(db: Db): Promise<number> {
  try {
    await db.sql.unsafe(`CREATE SCHEMA IF NOT EXISTS "${db.schema}"`);
    return (await db.sql.begin(async (tx) => {
      const ex = tx as unknown as Ex;
      await ex.unsafe('SELECT pg_advisory_xact_lock(hashtext(current_schema()))');
      const seen = await currentVersion(ex, db);
      if (seen > LATEST_VERSION) throw tooNew(db, seen);
      if (seen === LATEST_VERSION) return seen;
      if (seen === 0) await ex.unsafe('CREATE TABLE ogoh_meta (key text PRIMARY KEY, value text NOT NULL)');
      for (const m of MIGRATIONS) {
        if (m.version <= seen) continue;
        await ex.unsafe(m.sql);
        await ex.unsafe(
          "INSERT INTO ogoh_meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          [String(m.version)],
        );
      }
      return LATEST_VERSION;
    })) as number;
  } catch (e) {
    throw pgError(e, `cannot open the store ${db.location} (schema ${db.schema})`, db.location);
  }
}
