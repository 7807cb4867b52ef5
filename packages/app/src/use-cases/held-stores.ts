/**
 * Table stores a long-running process opens once and lends to the use cases that otherwise open
 * and close a connection of their own per call (alert rules and events, claims). Per call is right
 * for a CLI command; for the server it cost a third of an alerts or claims request's CPU on SQLite
 * (open, pragmas, close), and a new connection pool per request on PostgreSQL. `holdStores(app)`
 * opens them for this app until the returned release is called; without it, nothing changes.
 */
import type { AlertStore, ClaimStore } from '@ogoh/core';
import { openAlertStore, openClaimStore } from '@ogoh/store';
import type { Ogoh } from '../context.ts';

interface Held {
  alerts?: AlertStore;
  claims?: ClaimStore;
}

const held = new WeakMap<Ogoh, Held>();

/** Opens the alert and claim stores once for this app; the returned function closes them. */
export async function holdStores(app: Ogoh): Promise<() => Promise<void>> {
  // an in-memory store has no file a second connection could share: those calls keep their own path
  if (app.location === ':memory:') return async () => {};
  const alerts = await openAlertStore(app.location);
  let claims: ClaimStore;
  try {
    claims = await openClaimStore(app.location);
  } catch (e) {
    await alerts.close();
    throw e;
  }
  held.set(app, { alerts, claims });
  return async () => {
    if (held.get(app)?.alerts === alerts) held.delete(app);
    await Promise.allSettled([alerts.close(), claims.close()]);
  };
}

/** Runs `fn` with the held store of this kind, else with one opened (and closed) for the call. */
export async function withHeld<K extends keyof Held, R>(
  app: Ogoh,
  kind: K,
  open: () => Promise<NonNullable<Held[K]>>,
  fn: (store: NonNullable<Held[K]>) => Promise<R>,
): Promise<R> {
  const h = held.get(app)?.[kind];
  if (h) return fn(h as NonNullable<Held[K]>);
  const store = await open();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
