import { describe, expect, it } from 'vitest';
import { checkBaseline, meanLearner, mixLearner } from '../../src/drift/baseline.js';
import { OptionsError } from '../../src/core/errors.js';

describe('checkBaseline', () => {
  it.each([
    [{ mean: 5, std: 0 }, '`baseline.tokens.std` must be a positive number (a baseline with std 0 cannot be tested against), got 0'],
    [{ mean: 5 }, '`baseline.tokens.std` is required unless `mean` is a rate between 0 and 1, got undefined'],
    [{ mean: Number.NaN, std: 1 }, '`baseline.tokens.mean` must be a finite number, got NaN'],
    [{ mean: 5, std: 1, samples: 12 }, '`baseline.tokens.samples` must be an integer of at least 30 (too few samples for a baseline), got 12'],
    [{ shares: { a: 1 } }, '`baseline.tokens.shares` must give at least two categories a positive share, got an object'],
    [{ shares: { a: 0.5, b: -1 } }, '`baseline.tokens.shares.b` must be a non-negative number, got -1'],
    ['0.85', '`baseline.tokens` must be `{ mean, std? }` or `{ shares }`, got "0.85"'],
  ])('rejects %j naming the field', (value, message) => {
    expect(() => checkBaseline('driftMonitor', 'baseline.tokens', value)).toThrow(OptionsError);
    expect(() => checkBaseline('driftMonitor', 'baseline.tokens', value)).toThrow(`driftMonitor: ${message}`);
  });

  it('derives the standard deviation of a rate', () => {
    expect(checkBaseline('f', 'b', { mean: 0.85 })).toEqual({ kind: 'mean', mean: 0.85, std: Math.sqrt(0.85 * 0.15) });
  });

  it('normalizes shares', () => {
    expect(checkBaseline('f', 'b', { shares: { a: 3, b: 1 }, samples: 400 })).toEqual({ kind: 'mix', shares: { a: 0.75, b: 0.25 }, samples: 400 });
  });
});

describe('learners', () => {
  it('learn a mean and a sample standard deviation', () => {
    const learner = meanLearner();
    for (const value of [2, 4, 4, 4, 5, 5, 7, 9]) learner.add(value);
    const baseline = learner.finish();
    expect(baseline).toMatchObject({ kind: 'mean', mean: 5, samples: 8 });
    expect((baseline as { std: number }).std).toBeCloseTo(Math.sqrt(32 / 7), 10);
  });

  it('give a never-failing rate a small positive standard deviation', () => {
    const learner = meanLearner(true);
    for (let i = 0; i < 100; i++) learner.add(0);
    const baseline = learner.finish() as { mean: number; std: number };
    expect(baseline.mean).toBe(0);
    expect(baseline.std).toBeGreaterThan(0);
    expect(baseline.std).toBeLessThan(0.1);
  });

  it.each([42, 1, 0])('find no baseline in a warm-up of constant %i that is not a rate', (value) => {
    const learner = meanLearner();
    for (let i = 0; i < 50; i++) learner.add(value);
    expect(learner.finish()).toBeUndefined();
  });

  it('learn category shares', () => {
    const learner = mixLearner();
    for (const tool of ['a', 'a', 'a', 'b']) learner.add(tool);
    expect(learner.finish()).toEqual({ kind: 'mix', shares: { a: 0.75, b: 0.25 }, samples: 4 });
  });
});
