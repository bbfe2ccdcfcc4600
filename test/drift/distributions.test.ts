import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, cusumDecisionInterval, cusumInControlRunLength, logGamma, regularizedGammaQ } from '../../src/drift/distributions.js';

describe('chiSquareSurvival', () => {
  // Critical values from the standard chi-square table.
  it.each([
    [3.841, 1, 0.05],
    [6.635, 1, 0.01],
    [5.991, 2, 0.05],
    [11.345, 3, 0.01],
    [18.307, 10, 0.05],
    [43.773, 30, 0.05],
    [10.828, 1, 0.001],
  ])('gives p %f for X² %f with %i degrees of freedom', (statistic, degreesOfFreedom, p) => {
    expect(chiSquareSurvival(statistic, degreesOfFreedom)).toBeCloseTo(p, 3);
  });

  it('is 1 at zero and 0 at infinity', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(Number.POSITIVE_INFINITY, 3)).toBe(0);
  });

  it('agrees with the closed form for two degrees of freedom', () => {
    for (const x of [0.5, 2, 9, 30]) expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 10);
  });
});

describe('logGamma and regularizedGammaQ', () => {
  it('matches factorials', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 9);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 9);
  });

  it('is the exponential tail for a = 1', () => {
    expect(regularizedGammaQ(1, 3)).toBeCloseTo(Math.exp(-3), 10);
  });
});

describe('CUSUM run length', () => {
  it('grows with the decision interval', () => {
    expect(cusumInControlRunLength(0.25, 5)).toBeLessThan(cusumInControlRunLength(0.25, 6));
  });

  it('finds the decision interval for a wanted run length', () => {
    const h = cusumDecisionInterval(0.25, 10_000);
    expect(cusumInControlRunLength(0.25, h)).toBeCloseTo(10_000, 0);
  });

  it('matches the published two-sided h for k = 0.5 and ARL 370', () => {
    // Montgomery's table: k = 0.5, h = 4.77 gives a two-sided ARL0 of about 370.
    expect(cusumDecisionInterval(0.5, 370)).toBeCloseTo(4.77, 1);
  });
});
