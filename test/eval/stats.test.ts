import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, pairedPermutationTest } from '../../src/eval/stats.js';

describe('pairedPermutationTest', () => {
  it('gives the exact two-sided p-value for all-same-sign pairs', () => {
    expect(pairedPermutationTest([1, 1, 1, 1, 1]).pValue).toBe(2 / 32);
    expect(pairedPermutationTest([-2, -1, -3]).pValue).toBe(2 / 8);
  });

  it('is 1 when nothing changed and ignores ties', () => {
    expect(pairedPermutationTest([0, 0, 0])).toEqual({ pValue: 1, n: 0, method: 'none' });
    expect(pairedPermutationTest([0, 1, 0, 1, 0, 1]).n).toBe(3);
  });

  it('finds a consistent shift over many pairs significant, and is deterministic', () => {
    const shifted = Array.from({ length: 40 }, (_, i) => 1 + (i % 3) * 0.1);
    const first = pairedPermutationTest(shifted);
    expect(first.method).toBe('monte-carlo');
    expect(first.pValue).toBeLessThan(0.001);
    expect(pairedPermutationTest(shifted)).toEqual(first);
  });

  it('is symmetric: flipping every sign gives the same p-value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 12 }), (differences) => {
        const flipped = differences.map((value) => -value);
        expect(pairedPermutationTest(flipped).pValue).toBeCloseTo(pairedPermutationTest(differences).pValue, 12);
        const { pValue } = pairedPermutationTest(differences);
        expect(pValue).toBeGreaterThan(0);
        expect(pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('means skip non-finite values', () => {
    expect(mean([1, 2, Number.NaN, 3])).toBe(2);
    expect(mean([])).toBeUndefined();
  });
});
