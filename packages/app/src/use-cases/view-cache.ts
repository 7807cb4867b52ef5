/**
 * Whole-store views (trends, convergence, coordination, counts per label, store statistics) cost
 * hundreds of milliseconds to seconds on a store of a million items, far over what a list request
 * may take, yet they change only when data does. They are cached per opened store, keyed by the
 * store's data version (`Store.dataVersion()`, bumped after every write that changes them, from any
 * process: an `ogoh analyze` or a worker next to the server invalidates the server's copy), so a
 * request costs one one-row read while nothing changed. Concurrent requests for a view being
 * computed share that computation instead of starting their own.
 */
import type { Ogoh } from '../context.ts';

export interface CachedView<T> {
  value: T;
  /** the data version the value was computed at */
  dataVersion: number;
  /** when it was computed (ISO time) */
  computedAt: string;
  /** seconds since then, at this request */
  ageSeconds: number;
  /** true when served from the cache */
  hit: boolean;
}

interface Entry {
  version: number;
  computedAt: number;
  value: Promise<unknown>;
}

/** Views kept per store at most; the least recently used goes first. */
export const VIEW_CACHE_ENTRIES = 64;

const caches = new WeakMap<Ogoh['store'], Map<string, Entry>>();

/**
 * `compute()`'s result for this view and these parameters at the store's current data version:
 * from the cache when it was computed at this version, else computed now (once, whoever asks).
 * A failed computation is not cached.
 */
export async function cachedView<T>(
  app: Pick<Ogoh, 'store' | 'clock'>,
  view: string,
  params: unknown,
  compute: () => Promise<T>,
): Promise<CachedView<T>> {
  let cache = caches.get(app.store);
  if (!cache) {
    cache = new Map();
    caches.set(app.store, cache);
  }
  const key = `${view}\u0000${JSON.stringify(params ?? null)}`;
  const version = await app.store.dataVersion();
  const now = app.clock.now().getTime();
  let entry = cache.get(key);
  const hit = entry !== undefined && entry.version === version;
  if (entry && hit) {
    // most recently used last
    cache.delete(key);
    cache.set(key, entry);
  } else {
    // The version is read before computing: a write during the computation bumps it after, so
    // a value that may have missed that write is recomputed on the next request.
    const fresh: Entry = { version, computedAt: now, value: compute() };
    entry = fresh;
    cache.delete(key);
    cache.set(key, fresh);
    while (cache.size > VIEW_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    fresh.value.catch(() => {
      if (cache.get(key) === fresh) cache.delete(key);
    });
  }
  const value = (await entry.value) as T;
  return {
    value,
    dataVersion: entry.version,
    computedAt: new Date(entry.computedAt).toISOString(),
    ageSeconds: Math.max(0, Math.round((app.clock.now().getTime() - entry.computedAt) / 1000)),
    hit,
  };
}
