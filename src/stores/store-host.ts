/**
 * Lets a store reach the warden it serves. A store with an `attach(host)` method (the Redis
 * stores have one) is attached by the middleware that uses it, so errors the store swallows
 * (`failMode: 'open'`) show up in `warden.stats()`. Stores without one are left alone.
 */
import type { WardenHost } from '../core/types.js';

/** A store that wants the warden's host; `attach` may return a detach. */
export interface HostAwareStore {
  attach(host: WardenHost): void | (() => void);
}

/** Calls `store.attach(host)` when the store has one; returns its detach, if any. */
export function attachStore(store: unknown, host: WardenHost): (() => void) | undefined {
  const attach = (store as Partial<HostAwareStore> | null | undefined)?.attach;
  if (typeof attach !== 'function') return undefined;
  return attach.call(store, host) ?? undefined;
}
