import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../src/core/errors.js';
import { memoryBudgetStore } from '../../src/stores/memory-budget-store.js';
import { describeBudgetStoreContract } from './budget-store-contract.js';

describeBudgetStoreContract('memoryBudgetStore', (clock) => memoryBudgetStore({ clock }));

describe('memoryBudgetStore', () => {
  it('refuses a clock without now()', () => {
    expect(() => memoryBudgetStore({ clock: {} as never })).toThrow(OptionsError);
  });

  it('forgets a reservation once it is settled', async () => {
    const store = memoryBudgetStore();
    await store.reserve({ id: 'a', lines: [{ scope: 'run:r', maxTokens: 10 }], tokens: 5, costMicros: 0, ttlMs: 60_000 });
    expect(store.liveReservations).toBe(1);
    await store.settle({ reservationId: 'a', lines: [{ scope: 'run:r' }], tokens: 5, costMicros: 0 });
    expect(store.liveReservations).toBe(0);
  });
});
