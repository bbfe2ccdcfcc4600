/**
 * The fault boundary of every Redis store: each store operation gets a bounded time
 * (`timeoutMs`) and ends either with Redis's answer or with a typed `StoreUnavailableError`
 * — never a hang, even when ioredis holds the command in its offline queue while it
 * reconnects. With `failMode: 'open'` the error is swallowed instead, counted (on the
 * warden's `warden.stats()` once a warden attached the store, and on the store's own
 * `swallowedErrors`), and the operation answers with its permissive fallback.
 */
import { StoreUnavailableError, isWardenError } from '../../core/errors.js';
import type { WardenHost } from '../../core/types.js';

/** What a store does when Redis is down or slow: refuse (`'closed'`) or carry on unguarded (`'open'`). */
export type StoreFailMode = 'closed' | 'open';

/** Settings of one store's fault boundary. */
export interface StoreGuardSettings {
  /** Shown in errors, e.g. `redisBudgetStore(agentwarden:)`. */
  readonly storeName: string;
  /** Counter name in `warden.stats()`, e.g. `redis.budget.errors`. */
  readonly counter: string;
  readonly timeoutMs: number;
  readonly failMode: StoreFailMode;
}

/** One store's fault boundary. */
export interface StoreGuard {
  /** Runs `operation` within the timeout; on failure throws (`closed`) or returns `fallback()` (`open`). */
  run<T>(operation: string, work: () => Promise<T>, fallback: () => T): Promise<T>;
  /** Runs `operation` within the timeout and always throws on failure, whatever the fail mode. */
  strict<T>(operation: string, work: () => Promise<T>): Promise<T>;
  /** Lets a warden count this store's errors in `warden.stats()`; returns a detach. */
  attach(host: WardenHost): () => void;
  /** Errors swallowed under `failMode: 'open'` since the store was created. */
  readonly swallowedErrors: number;
}

/** Creates the fault boundary for one store. */
export function createStoreGuard(settings: StoreGuardSettings): StoreGuard {
  const hosts = new Set<WardenHost>();
  let swallowed = 0;

  function toUnavailable(operation: string, error: unknown): StoreUnavailableError {
    if (isWardenError(error) && error.code === 'store_unavailable') return error as StoreUnavailableError;
    const message = error instanceof Error ? error.message : String(error);
    return new StoreUnavailableError(settings.storeName, `${operation} failed: ${message}`, { cause: error });
  }

  async function bounded<T>(operation: string, work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError(settings.storeName, `${operation} got no answer within ${settings.timeoutMs} ms`)), settings.timeoutMs);
    });
    try {
      return await Promise.race([work(), timeout]);
    } catch (error) {
      // Errors a store raises on purpose (a caller bug such as a reused reservation id) pass unchanged.
      if (error instanceof RangeError || error instanceof TypeError) throw error;
      throw toUnavailable(operation, error);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async run(operation, work, fallback) {
      try {
        return await bounded(operation, work);
      } catch (error) {
        if (settings.failMode === 'closed' || !isWardenError(error)) throw error;
        swallowed += 1;
        for (const host of hosts) host.count(settings.counter);
        return fallback();
      }
    },
    strict: bounded,
    attach(host) {
      hosts.add(host);
      return () => void hosts.delete(host);
    },
    get swallowedErrors() {
      return swallowed;
    },
  };
}
