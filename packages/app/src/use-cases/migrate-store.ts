/**
 * Moving a store: everything one store holds into another (SQLite ⇄ PostgreSQL, or SQLite → SQLite),
 * verified table by table (`copyStore`), and the store's trained models folder with it (models live
 * in files beside an SQLite store, `<db>.models/`, or in OGOH_MODELS / ./ogoh-models for
 * PostgreSQL; see models.ts), verified file by file. The folder is copied only after the tables
 * matched, so a failed copy never installs models next to a store that does not hold their data.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { OgohError } from '@ogoh/core';
import { type CopyEvent, type CopyReport, copyStore } from '@ogoh/store';
import { modelsDir } from './models.ts';

export interface MigrateStoreOptions {
  from: string;
  to: string;
  /** replace whatever the target store (and its models folder) holds */
  force?: boolean;
  onProgress?: (e: CopyEvent) => void;
  /** where models folders are looked up (OGOH_MODELS) @default process.env */
  env?: NodeJS.ProcessEnv;
}

export interface ModelsCopy {
  from: string;
  to: string;
  files: number;
  bytes: number;
  /** why nothing was copied, when nothing was */
  skipped?: string;
}

export interface MigrateStoreReport extends CopyReport {
  models: ModelsCopy;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

const sha = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/** The models folder copy this migration would make, checked before any table is written. */
async function planModels(
  from: string,
  to: string,
  force: boolean,
): Promise<ModelsCopy & { list: string[] }> {
  const base = { from, to, files: 0, bytes: 0, list: [] as string[] };
  if (resolve(from) === resolve(to)) return { ...base, skipped: 'both stores use the same models folder' };
  if (!existsSync(from)) return { ...base, skipped: 'the source store has no models folder' };
  const list = filesUnder(from);
  if (!force) {
    for (const f of list) {
      const dest = join(to, relative(from, f));
      if (existsSync(dest) && (await sha(dest)) !== (await sha(f))) {
        throw new OgohError(
          'CONFLICT',
          `the target's models folder already holds a different ${relative(from, f)}`,
          {
            file: dest,
            field: '--to',
            hint: 'add --force to replace it, or set OGOH_MODELS to an empty folder for the target',
          },
        );
      }
    }
  }
  return { ...base, list };
}

/**
 * Copies the store at `from` into `to` and its models folder along, and reports per-table counts
 * and checksums of both sides. A mismatch is reported (`ok: false`), not thrown; bad usage, a
 * non-empty target without `force`, and engine failures are coded errors.
 * @example const r = await migrateStore({ from: './ogoh.db', to: 'postgres://ogoh@127.0.0.1/ogoh' });
 */
export async function migrateStore(options: MigrateStoreOptions): Promise<MigrateStoreReport> {
  const env = options.env ?? process.env;
  const force = options.force === true;
  const models = await planModels(
    modelsDir({ location: options.from }, env),
    modelsDir({ location: options.to }, env),
    force,
  );
  const report = await copyStore(options.from, options.to, {
    force,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const { list, ...copy } = models;
  if (!report.ok) return { ...report, models: { ...copy, skipped: 'the store copy did not verify' } };
  for (const f of list) {
    const dest = join(copy.to, relative(copy.from, f));
    await mkdir(join(dest, '..'), { recursive: true });
    await copyFile(f, dest);
    if ((await sha(dest)) !== (await sha(f))) {
      throw new OgohError(
        'STORE',
        `the copy of model file ${relative(copy.from, f)} differs from its source`,
        {
          file: dest,
          hint: 'check the disk holding the target models folder and run the migration again',
        },
      );
    }
    copy.files++;
    copy.bytes += statSync(f).size;
  }
  return { ...report, models: copy };
}
