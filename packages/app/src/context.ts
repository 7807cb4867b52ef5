/**
 * The composition root: the one place that picks a store and wires the pure packages to the outside
 * world (files, clock). CLI and server both call `openOgoh` and then the use cases.
 */
import type { Store } from '@ogoh/core';
import { openStore } from '@ogoh/store';
import { initLanguageId } from '@ogoh/text';

export interface Clock {
  now(): Date;
}

export interface Ogoh {
  store: Store;
  clock: Clock;
  /** where the store lives, as given */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** a SQLite file path or a postgres:// URL; default from `resolveDbLocation` */
  db?: string;
  clock?: Clock;
}

/** `--db`, else OGOH_DB, else ./ogoh.db */
export function resolveDbLocation(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.OGOH_DB ?? './ogoh.db';
}

export async function openOgoh(options: OpenOptions = {}): Promise<Ogoh> {
  const location = resolveDbLocation(options.db);
  const [store] = await Promise.all([openStore(location), initLanguageId()]);
  return {
    store,
    clock: options.clock ?? { now: () => new Date() },
    location,
    close: () => store.close(),
  };
}
