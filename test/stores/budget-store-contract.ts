/**
 * The behaviour every `BudgetStore` must show, written once and run against each store
 * (memory and file here; the Redis store can import it too). `make(clock)` returns a fresh,
 * empty store on that clock.
 */
import { describe, expect, it } from 'vitest';
import type { BudgetStore } from '../../src/stores/budget-store.js';
import { fakeClock, type FakeClock } from '../../src/testing/index.js';

/** The fake clock of `agentwarden/testing`, at midday UTC on 2026-11-26 unless told otherwise. */
export function testClock(start = Date.UTC(2026, 10, 26, 12, 0, 0)): FakeClock {
  return fakeClock(start);
}

export function describeBudgetStoreContract(name: string, make: (clock: FakeClock) => BudgetStore | Promise<BudgetStore>): void {
  describe(`${name} (BudgetStore contract)`, () => {
    const run = { scope: 'run:r1', maxTokens: 100 };
    const department = { scope: 'department:finance', period: 'day' as const, maxCostMicros: 5_000 };

    it('holds a reservation on every line and counts it against later reservations', async () => {
      const store = await make(testClock());
      expect(await store.reserve({ id: 'a', lines: [run, department], tokens: 60, costMicros: 1_000, ttlMs: 60_000 })).toEqual({ ok: true });
      const refused = await store.reserve({ id: 'b', lines: [run, department], tokens: 41, costMicros: 1_000, ttlMs: 60_000 });
      expect(refused).toEqual({ ok: false, refusal: { scope: 'run:r1', unit: 'tokens', limit: 100, spent: 0, held: 60, requested: 41 } });
      const { entries } = await store.snapshot([run, department]);
      expect(entries.map((entry) => [entry.heldTokens, entry.heldCostMicros])).toEqual([[60, 1_000], [60, 1_000]]);
    });

    it('changes nothing when any line refuses', async () => {
      const store = await make(testClock());
      const outcome = await store.reserve({ id: 'a', lines: [run, department], tokens: 10, costMicros: 6_000, ttlMs: 60_000 });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.refusal).toMatchObject({ scope: 'department:finance', unit: 'costMicros', limit: 5_000, requested: 6_000, window: 'd2026-11-26' });
      const { entries } = await store.snapshot([run, department]);
      expect(entries.every((entry) => entry.heldTokens === 0 && entry.heldCostMicros === 0)).toBe(true);
    });

    it('settles real usage in place of the reservation and reports before and after', async () => {
      const store = await make(testClock());
      await store.reserve({ id: 'a', lines: [run], tokens: 80, costMicros: 0, ttlMs: 60_000 });
      const settled = await store.settle({ reservationId: 'a', lines: [run, { scope: 'model:m' }], tokens: 30, costMicros: 7 });
      expect(settled.lines[0]).toEqual({
        scope: 'run:r1',
        before: { tokens: 0, costMicros: 0, settlements: 0, heldTokens: 0, heldCostMicros: 0 },
        after: { tokens: 30, costMicros: 7, settlements: 1, heldTokens: 0, heldCostMicros: 0 },
      });
      expect(await store.reserve({ id: 'b', lines: [run], tokens: 70, costMicros: 0, ttlMs: 60_000 })).toEqual({ ok: true });
    });

    it('records usage beyond a ceiling, because usage that happened is never lost', async () => {
      const store = await make(testClock());
      await store.settle({ lines: [run], tokens: 150, costMicros: 0 });
      const [entry] = (await store.snapshot([run])).entries;
      expect(entry?.tokens).toBe(150);
      expect((await store.reserve({ id: 'a', lines: [run], tokens: 1, costMicros: 0, ttlMs: 1 })).ok).toBe(false);
    });

    it('releases a reservation once', async () => {
      const store = await make(testClock());
      await store.reserve({ id: 'a', lines: [run], tokens: 100, costMicros: 0, ttlMs: 60_000 });
      expect(await store.release('a')).toBe(true);
      expect(await store.release('a')).toBe(false);
      expect((await store.snapshot([run])).entries[0]?.heldTokens).toBe(0);
    });

    it('drops a hold whose ttl has passed', async () => {
      const clock = testClock();
      const store = await make(clock);
      await store.reserve({ id: 'a', lines: [run], tokens: 100, costMicros: 0, ttlMs: 1_000 });
      clock.advance(1_000);
      expect(await store.reserve({ id: 'b', lines: [run], tokens: 100, costMicros: 0, ttlMs: 1_000 })).toEqual({ ok: true });
    });

    it('counts a period line in the window of the store clock and starts the next window at zero', async () => {
      const clock = testClock(Date.UTC(2026, 10, 26, 23, 59, 0));
      const store = await make(clock);
      await store.settle({ lines: [department], tokens: 1, costMicros: 5_000 });
      expect((await store.reserve({ id: 'a', lines: [department], tokens: 0, costMicros: 1, ttlMs: 1 })).ok).toBe(false);
      clock.advance(60_000);
      expect((await store.reserve({ id: 'b', lines: [department], tokens: 0, costMicros: 5_000, ttlMs: 1 })).ok).toBe(true);
      const windows = (await store.snapshot()).entries.filter((entry) => entry.scope === 'department:finance').map((entry) => entry.window).sort();
      expect(windows).toEqual(['d2026-11-26', 'd2026-11-27']);
    });

    it('lists every entry in a full snapshot and zeros for unknown lines', async () => {
      const store = await make(testClock());
      await store.settle({ lines: [{ scope: 'agent:a' }, { scope: 'model:m' }], tokens: 5, costMicros: 9 });
      const all = await store.snapshot();
      expect(all.entries.map((entry) => entry.scope).sort()).toEqual(['agent:a', 'model:m']);
      const [unknown] = (await store.snapshot([{ scope: 'agent:nobody' }])).entries;
      expect(unknown).toEqual({ scope: 'agent:nobody', tokens: 0, costMicros: 0, settlements: 0, heldTokens: 0, heldCostMicros: 0 });
    });

    it('rejects negative or fractional amounts and charges nothing', async () => {
      const store = await make(testClock());
      await expect(store.settle({ lines: [run], tokens: -1, costMicros: 0 })).rejects.toThrow(/tokens/);
      await expect(store.settle({ lines: [run], tokens: 1, costMicros: 0.5 })).rejects.toThrow(/costMicros/);
      expect((await store.snapshot()).entries.filter((entry) => entry.tokens > 0)).toEqual([]);
    });
  });
}
