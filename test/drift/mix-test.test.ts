import { describe, expect, it } from 'vitest';
import { chiSquare, createMixTest, jensenShannonDistance, populationStabilityIndex } from '../../src/drift/mix-test.js';
import { median, pick } from './simulation.js';
import { seededRandom } from './seeded-random.js';

const toolMix = { lookup: 0.6, summarize: 0.3, escalate: 0.08, refund: 0.02 };

function run(shares: Record<string, number>, length: number, seed: number, falseAlarmRate = 1e-5): { alarms: number; first?: number } {
  const random = seededRandom(seed);
  const test = createMixTest({ shares: toolMix, window: 200, falseAlarmRate });
  let alarms = 0;
  let first: number | undefined;
  for (let observation = 1; observation <= length; observation++) {
    if (test.update(pick(random, shares), observation)) {
      alarms += 1;
      first ??= observation;
    }
  }
  return { alarms, ...(first !== undefined && { first }) };
}

describe('sliding-window chi-square on a tool mix', () => {
  it('detects a shifted mix within 600 observations in at least 95 % of 200 seeded trials', () => {
    const shifted = { lookup: 0.45, summarize: 0.35, escalate: 0.15, refund: 0.05 };
    const firsts = Array.from({ length: 200 }, (_, trial) => run(shifted, 600, 100 + trial).first);
    const detected = firsts.filter((first): first is number => first !== undefined);
    expect(detected.length / 200).toBeGreaterThanOrEqual(0.95);
    expect(median(detected)).toBeLessThanOrEqual(250);
  });

  it('keeps false alarms per observation at or below the rate the user set', () => {
    let alarms = 0;
    for (let trial = 0; trial < 100; trial++) alarms += run(toolMix, 2_000, 9 + trial, 1e-3).alarms;
    expect(alarms / (100 * 2_000)).toBeLessThanOrEqual(1e-3);
  });

  it('raises no alarm in at least 95 % of 200 no-drift trials', () => {
    const quiet = Array.from({ length: 200 }, (_, trial) => run(toolMix, 1_200, 4_000 + trial).alarms === 0).filter(Boolean).length;
    expect(quiet / 200).toBeGreaterThanOrEqual(0.95);
  });

  it('flags a new tool that takes a large share of the calls', () => {
    const withNewTool = { lookup: 0.45, summarize: 0.25, escalate: 0.05, refund: 0.05, delete_account: 0.2 };
    expect(run(withNewTool, 400, 1).first).toBeLessThanOrEqual(250);
  });

  it('reports statistic, p-value, effect sizes, window shares and when the window began', () => {
    const test = createMixTest({ shares: { a: 0.5, b: 0.5 }, window: 40, step: 40, falseAlarmRate: 1e-4 });
    let alarm;
    for (let i = 0; i < 40; i++) alarm = test.update(i < 36 ? 'a' : 'b', 1_000 + i);
    expect(alarm).toMatchObject({ degreesOfFreedom: 1, observations: 40, since: 1_000, current: { a: 0.9, b: 0.1 } });
    expect(alarm!.statistic).toBeCloseTo(25.6, 5);
    expect(alarm!.pValue).toBeLessThan(alarm!.alpha);
    expect(alarm!.jensenShannon).toBeGreaterThan(0);
    expect(alarm!.psi).toBeGreaterThan(0);
  });
});

describe('chiSquare', () => {
  it('pools buckets expected fewer than five times', () => {
    const result = chiSquare({ a: 0.9, b: 0.07, c: 0.03 }, new Map([['a', 90], ['b', 7], ['c', 3]]), 100);
    expect(result).toMatchObject({ degreesOfFreedom: 1, statistic: 0 });
  });

  it('has nothing to test when every share is in one bucket', () => {
    expect(chiSquare({ a: 0.99, b: 0.01 }, new Map([['a', 10]]), 10)).toBeUndefined();
  });
});

describe('effect sizes', () => {
  it('are zero for equal mixes and grow with the difference', () => {
    const p = { a: 0.5, b: 0.5 };
    expect(jensenShannonDistance(p, p)).toBe(0);
    expect(populationStabilityIndex(p, p)).toBe(0);
    expect(jensenShannonDistance(p, { a: 0.6, b: 0.4 })).toBeLessThan(jensenShannonDistance(p, { a: 0.9, b: 0.1 }));
    expect(jensenShannonDistance({ a: 1 }, { b: 1 })).toBeCloseTo(1, 10);
  });
});
