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

  it('forgets a run line with retainMs once idle that long, never while something is held on it', async () => {
    let now = 0;
    const store = memoryBudgetStore({ clock: { now: () => now } });
    const run = { scope: 'run:r1', maxTokens: 100, retainMs: 3_600_000 };
    await store.settle({ lines: [run, { scope: 'agent:a' }], tokens: 10, costMicros: 0 });
    await store.reserve({ id: 'held', lines: [{ scope: 'run:r2', retainMs: 1_000 }], tokens: 5, costMicros: 0, ttlMs: 10 * 3_600_000 });
    now = 3_600_000 - 1;
    expect((await store.snapshot()).entries.map((entry) => entry.scope).sort()).toEqual(['agent:a', 'run:r1', 'run:r2']);
    now = 2 * 3_600_000;
    // r1 is idle past its retention; r2 still has a live reservation; agent:a has no retention.
    expect((await store.snapshot()).entries.map((entry) => entry.scope).sort()).toEqual(['agent:a', 'run:r2']);
    await store.release('held');
    now += 120_000;
    expect((await store.snapshot()).entries.map((entry) => entry.scope)).toEqual(['agent:a']);
  });
});
