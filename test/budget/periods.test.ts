import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { windowId, windowNamer } from '../../src/budget/periods.js';

describe('windowId', () => {
  const lateEvening = Date.UTC(2026, 10, 30, 23, 59, 59, 999);

  it.each([
    ['day', lateEvening, 'd2026-11-30'],
    ['day', lateEvening + 1, 'd2026-12-01'],
    ['month', lateEvening, 'm2026-11'],
    ['month', lateEvening + 1, 'm2026-12'],
  ] as const)('names the UTC %s window', (period, at, expected) => {
    expect(windowId(period, at)).toBe(expected);
  });

  it('numbers fixed windows of { ms } from the epoch', () => {
    expect(windowId({ ms: 1_000 }, 999)).toBe('w1000:0');
    expect(windowId({ ms: 1_000 }, 1_000)).toBe('w1000:1');
  });

  it('has no window for an all-time line', () => {
    expect(windowId(undefined, lateEvening)).toBeUndefined();
  });
});

describe('windowNamer', () => {
  it('names the same windows as windowId, whichever way time moves, across month and year ends', () => {
    const instant = fc.integer({ min: Date.UTC(2026, 10, 1), max: Date.UTC(2027, 1, 1) });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 200 }), fc.constantFrom('day' as const, 'month' as const, { ms: 3_600_000 }), (instants, period) => {
        const namer = windowNamer();
        for (const at of instants) expect(namer(period, at)).toBe(windowId(period, at));
      }),
    );
  });
});
