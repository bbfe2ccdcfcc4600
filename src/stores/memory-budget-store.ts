/**
 * The default budget store: totals in this process's memory. Atomic because every
 * operation runs synchronously on the ledger; lost when the process exits (use
 * `fileBudgetStore` to keep totals across restarts, or the Redis store for many processes).
 */
import { createLedger } from '../budget/ledger.js';
import { systemClock } from '../core/clock.js';
import { OptionsError } from '../core/errors.js';
import type { Clock } from '../core/types.js';
import type { BudgetStore } from './budget-store.js';

/** Options of `memoryBudgetStore`. */
export interface MemoryBudgetStoreOptions {
  /** Decides which period window a charge falls in. Defaults to the system clock. */
  clock?: Pick<Clock, 'now'>;
}

/** A `BudgetStore` that also reports how many reservations are live (for tests and stats). */
export interface MemoryBudgetStore extends BudgetStore {
  readonly liveReservations: number;
}

/**
 * Creates an in-memory budget store. `tokenBudget` uses one (on the warden's clock) when
 * no `store` is given.
 * @param options `clock`: the store's clock, which decides period windows.
 * @returns A `BudgetStore`.
 * @example
 * const store = memoryBudgetStore();
 * createWarden({ agent: 'a', middleware: [tokenBudget({ limits: { run: 50_000 }, store })] });
 */
export function memoryBudgetStore(options: MemoryBudgetStoreOptions = {}): MemoryBudgetStore {
  const clock = options.clock ?? systemClock;
  if (typeof clock?.now !== 'function') throw new OptionsError('memoryBudgetStore: `clock` must have a now() method');
  const ledger = createLedger();
  return {
    reserve: async (request) => ledger.reserve(request, clock.now()),
    settle: async (request) => ledger.settle(request, clock.now()),
    release: async (id) => ledger.release(id, clock.now()),
    snapshot: async (lines) => ledger.snapshot(lines, clock.now()),
    snapshotNow: (lines) => ledger.snapshot(lines, clock.now()),
    adjustLimit: async (name, unit, delta) => ledger.adjust(name, unit, delta),
    get liveReservations() {
      return ledger.liveReservations;
    },
  };
}
