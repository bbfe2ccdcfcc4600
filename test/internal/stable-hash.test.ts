import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableHash, stableKey } from '../../src/internal/stable-hash.js';

function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, seed));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    entries.sort((a, b) => ((a[0].charCodeAt(0) * seed) % 7) - ((b[0].charCodeAt(0) * seed) % 7));
    return Object.fromEntries(entries.reverse().map(([key, item]) => [key, shuffleKeys(item, seed)]));
  }
  return value;
}

describe('stableHash and stableKey', () => {
  it('ignore object key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 100 }), (value, seed) => {
        const shuffled = shuffleKeys(value, seed);
        expect(stableHash(shuffled)).toBe(stableHash(value));
        expect(stableKey(shuffled)).toBe(stableKey(value));
      }),
      { numRuns: 300 },
    );
  });

  it('tell different values apart (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(JSON.stringify(shuffleKeys(a, 1)) !== JSON.stringify(shuffleKeys(b, 1)));
        expect(stableKey(a)).not.toBe(stableKey(b));
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on cycles, BigInt, typed arrays, Maps, Sets, Dates, symbols and functions (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }), (value) => {
        const holder: Record<string, unknown> = { value, fn: () => 1, sym: Symbol('s') };
        holder.self = holder;
        expect(stableHash(holder)).toMatch(/^[0-9a-f]{32}$/);
        expect(typeof stableKey(holder)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('distinguishes typed arrays by content and BigInt from numbers', () => {
    expect(stableHash(new Uint8Array([1, 2]))).not.toBe(stableHash(new Uint8Array([1, 3])));
    expect(stableHash(1n)).not.toBe(stableHash(1));
    expect(stableHash(new Map([['a', 1], ['b', 2]]))).toBe(stableHash(new Map([['b', 2], ['a', 1]])));
  });

  it('bounds key length for huge values', () => {
    expect(stableKey({ text: 'x'.repeat(1_000_000) }).length).toBeLessThan(64);
  });
});
