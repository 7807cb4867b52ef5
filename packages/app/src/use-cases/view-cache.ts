/**
 * Whole-store views (trends, convergence, coordination, counts per label, store statistics) cost
 * hundreds of milliseconds to seconds on a store of a million items, far over what a list request
 * may take, yet they change only when data does. They are cached per opened store, keyed by the
 * store's data version (`Store.dataVersion()`, bumped after every write that changes them, from any
 * process: an `ogoh analyze` or a worker next to the server invalidates the server's copy), so a
 * request costs one one-row read while nothing changed. Concurrent requests for a view being
 * computed share that computation instead of starting their own.
 *
 * With a `ViewComputer` registered for the store (the server runs one on a worker thread with its
 * own store connection), the views it knows are computed there, never on the caller's event loop,
 * and a view whose last computation was slow (`staleAfterMs`) is served stale while it is
 * recomputed: at 1M items a recomputation costs 20–30 s of CPU, and with ingest running the data
 * version moves every batch, so waiting for it would stall every request. Recomputations of one
 * view run one at a time and at most every `refreshEveryMs`, so a burst of version bumps costs one.
 * A view that computes quickly is awaited fresh instead: a small store shows an analyst's changes
 * at once.
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
  /** true when the data changed since: a fresh value is being computed in the background */
  stale: boolean;
}

/** The `x-ogoh-cache` header of a response carrying the view: `hit|miss|stale; age=…; version=…`. */
export function cacheHeader(c: CachedView<unknown>): string {
  return `${c.stale ? 'stale' : c.hit ? 'hit' : 'miss'}; age=${c.ageSeconds}; version=${c.dataVersion}`;
}

/** Computes named whole-store views away from the caller's thread (see the module comment). */
export interface ViewComputer {
  /** the views it computes; the others stay with the caller's `compute` */
  readonly views: ReadonlySet<string>;
  /** the view's value for these parameters, and how long computing it took (ms) */
  compute(view: string, params: unknown): Promise<{ value: unknown; costMs: number }>;
}

export interface BackgroundViewOptions {
  /** a view whose last computation took at least this long is served stale while recomputed @default 1000 */
  staleAfterMs?: number;
  /** a stale view is recomputed at most this often; data changes in between coalesce @default 10000 */
  refreshEveryMs?: number;
  /** a background recomputation failed (the stale value stays; the next request tries again) */
  onError?: (view: string, error: unknown) => void;
}

interface Entry {
  version: number;
  computedAt: number;
  value: Promise<unknown>;
}

/** Views kept per store at most; the least recently used goes first. */
export const VIEW_CACHE_ENTRIES = 64;

const caches = new WeakMap<Ogoh['store'], Map<string, Entry>>();

interface Computed {
  value: unknown;
  version: number;
  computedAt: number;
  costMs: number;
}

/** One view and parameter set computed by a `ViewComputer`. */
interface Slot {
  current?: Computed;
  /** the computation running now, and the version it reads */
  running?: { version: number; done: Promise<Computed> } | undefined;
  /** a computation queued behind the running one (for a newer version) */
  queued?: Promise<Computed> | undefined;
  /** a coalesced recomputation waiting for `refreshEveryMs` to pass */
  timer?: NodeJS.Timeout | undefined;
  /** when the last computation started (Date.now()) */
  lastStart: number;
}

interface Background {
  computer: ViewComputer;
  staleAfterMs: number;
  refreshEveryMs: number;
  onError: (view: string, error: unknown) => void;
  slots: Map<string, Slot>;
}

const backgrounds = new WeakMap<Ogoh['store'], Background>();

/**
 * Computes the views `computer` knows for this store from now on (see the module comment). Returns
 * the undo: pending recomputations are dropped and the store's views computed in place again.
 */
export function useViewComputer(
  store: Ogoh['store'],
  computer: ViewComputer,
  options: BackgroundViewOptions = {},
): () => void {
  const bg: Background = {
    computer,
    staleAfterMs: options.staleAfterMs ?? 1000,
    refreshEveryMs: options.refreshEveryMs ?? 10_000,
    onError: options.onError ?? (() => {}),
    slots: new Map(),
  };
  backgrounds.set(store, bg);
  return () => {
    if (backgrounds.get(store) === bg) backgrounds.delete(store);
    for (const s of bg.slots.values()) clearTimeout(s.timer);
    bg.slots.clear();
  };
}

/**
 * `compute()`'s result for this view and these parameters at the store's current data version:
 * from the cache when it was computed at this version, else computed now (once, whoever asks).
 * A failed computation is not cached. With a `ViewComputer` for the view, see the module comment.
 */
export async function cachedView<T>(
  app: Pick<Ogoh, 'store' | 'clock'>,
  view: string,
  params: unknown,
  compute: () => Promise<T>,
): Promise<CachedView<T>> {
  const key = `${view}\u0000${JSON.stringify(params ?? null)}`;
  const bg = backgrounds.get(app.store);
  if (bg?.computer.views.has(view)) return backgroundView<T>(app, bg, key, view, params);
  let cache = caches.get(app.store);
  if (!cache) {
    cache = new Map();
    caches.set(app.store, cache);
  }
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
    stale: false,
  };
}

async function backgroundView<T>(
  app: Pick<Ogoh, 'store' | 'clock'>,
  bg: Background,
  key: string,
  view: string,
  params: unknown,
): Promise<CachedView<T>> {
  let slot = bg.slots.get(key);
  if (!slot) {
    slot = { lastStart: 0 };
    bg.slots.set(key, slot);
    while (bg.slots.size > VIEW_CACHE_ENTRIES) {
      const oldest = bg.slots.keys().next().value as string;
      clearTimeout(bg.slots.get(oldest)?.timer);
      bg.slots.delete(oldest);
    }
  } else {
    // most recently used last
    bg.slots.delete(key);
    bg.slots.set(key, slot);
  }
  const s = slot;
  const version = await app.store.dataVersion();
  const answer = (c: Computed, hit: boolean, stale: boolean): CachedView<T> => ({
    value: c.value as T,
    dataVersion: c.version,
    computedAt: new Date(c.computedAt).toISOString(),
    ageSeconds: Math.max(0, Math.round((app.clock.now().getTime() - c.computedAt) / 1000)),
    hit,
    stale,
  });
  if (s.current && s.current.version >= version) return answer(s.current, true, false);
  if (s.current && s.current.costMs >= bg.staleAfterMs) {
    schedule(app, bg, s, view, params);
    return answer(s.current, true, true);
  }
  const c = await ensure(app, bg, s, view, params, version);
  return answer(c, false, false);
}

/**
 * Starts one computation now. The data version is read before computing (see cachedView on why);
 * until it is known the run counts as reading the newest, which it will.
 */
function run(
  app: Pick<Ogoh, 'store' | 'clock'>,
  bg: Background,
  s: Slot,
  view: string,
  params: unknown,
  known?: number,
): Promise<Computed> {
  s.lastStart = Date.now();
  const running = {
    version: known ?? Number.POSITIVE_INFINITY,
    done: undefined as unknown as Promise<Computed>,
  };
  running.done = (async () => {
    const version = known ?? (await app.store.dataVersion());
    running.version = version;
    const computedAt = app.clock.now().getTime();
    const { value, costMs } = await bg.computer.compute(view, params);
    const c: Computed = { value, version, computedAt, costMs };
    if (!s.current || s.current.version <= version) s.current = c;
    return c;
  })();
  s.running = running;
  const clear = () => {
    if (s.running === running) s.running = undefined;
  };
  running.done.then(clear, clear);
  return running.done;
}

/** A value at `version` or newer: the running computation's, or one queued behind it. */
function ensure(
  app: Pick<Ogoh, 'store' | 'clock'>,
  bg: Background,
  s: Slot,
  view: string,
  params: unknown,
  version: number,
): Promise<Computed> {
  if (s.running && s.running.version >= version) return s.running.done;
  if (s.running) {
    // one computation per view at a time: the next starts when this one ends, at the version then
    if (!s.queued) {
      const queued: Promise<Computed> = s.running.done
        .catch(() => undefined)
        .then(() => {
          if (s.queued === queued) s.queued = undefined;
          return run(app, bg, s, view, params);
        });
      s.queued = queued;
    }
    return s.queued;
  }
  return run(app, bg, s, view, params, version);
}

/** Recomputes a stale view in the background: at once, or when `refreshEveryMs` has passed. */
function schedule(
  app: Pick<Ogoh, 'store' | 'clock'>,
  bg: Background,
  s: Slot,
  view: string,
  params: unknown,
): void {
  if (s.running || s.queued || s.timer) return;
  const start = () => {
    s.timer = undefined;
    if (bg.slots.size === 0) return; // unregistered meanwhile
    run(app, bg, s, view, params).catch((e: unknown) => bg.onError(view, e));
  };
  const wait = s.lastStart + bg.refreshEveryMs - Date.now();
  if (wait <= 0) start();
  else {
    s.timer = setTimeout(start, wait);
    s.timer.unref?.();
  }
}
