import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES, bernoulliSides, createCusumBank } from '../../src/drift/cusum-bank.js';
import { cusumRunLength, tiltedRunLength } from '../../src/drift/distributions.js';
import { seededRandom } from './seeded-random.js';
import { median, streamStatistics, type StreamCase } from './simulation.js';

const SEEDS = 20;
const claims = (after: number, warmup: number): StreamCase => ({ kind: 'rate', before: 0.85, after, warmup, length: warmup + 2_000 });

// Seeded streams through the engine with driftMonitor's defaults: detection and quiet in
// most seeds, never timings (the figures over 200 streams are in bench/drift.bench.ts).
describe('the default detector (a bank of CUSUMs)', () => {
  it('catches approvals moving from 85 % to 91 % after a 400-call warm-up in most seeds', () => {
    const { detected, outcomes } = streamStatistics(claims(0.91, 400), SEEDS, 1);
    expect(detected).toBeGreaterThan(0.5);
    for (const { alarm } of outcomes) if (alarm) expect(alarm).toMatchObject({ direction: 'up', comparedTo: 'baseline' });
  });

  it('catches 85 % → 91 % in nearly every seed once the warm-up resolves it (1,000 calls)', () => {
    expect(streamStatistics(claims(0.91, 1_000), SEEDS, 1).detected).toBeGreaterThanOrEqual(0.9);
  });

  it('catches a fall as well as a rise', () => {
    expect(streamStatistics(claims(0.79, 1_000), SEEDS, 1).detected).toBeGreaterThan(0.5);
  });

  it('catches a 1 SD jump on a continuous metric within a few dozen values', () => {
    const { detected, outcomes } = streamStatistics({ kind: 'normal', before: 0, after: 1, length: 400 }, SEEDS, 1);
    expect(detected).toBe(1);
    expect(median(outcomes.map(({ delay }) => delay!))).toBeLessThan(40);
  });

  it.each<[string, StreamCase]>([
    ['an approval rate after a 400-call warm-up', claims(0.85, 400)],
    ['an approval rate after the default warm-up', { kind: 'rate', before: 0.85, after: 0.85, length: 2_400 }],
    ['a rare error rate', { kind: 'rate', before: 0.02, after: 0.02, warmup: 400, length: 2_400 }],
    ['a continuous metric after the default warm-up', { kind: 'normal', before: 0, after: 0, length: 2_400 }],
  ])('stays quiet on a steady stream of 2,400 values: %s', (_, steady) => {
    expect(streamStatistics(steady, SEEDS, 1).detected).toBeLessThanOrEqual(0.1);
  });

  it('names the scale that fired and the shift it saw', () => {
    const jump = streamStatistics({ kind: 'normal', before: 0, after: 1, length: 400 }, 5, 1).outcomes.map(({ alarm }) => alarm!);
    for (const alarm of jump) {
      expect(alarm.scale).toBe(1);
      expect(alarm.estimatedShift).toBeGreaterThan(0.5);
      expect(alarm.estimatedShift).toBeLessThan(2);
    }
    const small = streamStatistics(claims(0.91, 1_000), 5, 1).outcomes.map(({ alarm }) => alarm!);
    for (const alarm of small) {
      expect(alarm.scale).toBeGreaterThanOrEqual(0.1);
      expect(alarm.scale).toBeLessThan(0.3);
      expect(alarm.estimatedShift).toBeGreaterThan(0.08);
      expect(alarm.estimatedShift).toBeLessThan(0.4);
    }
  });

  it('uses one CUSUM tuned to `threshold` when the user names the smallest shift', () => {
    const { outcomes } = streamStatistics({ ...claims(0.95, 400), options: { threshold: 0.3 } }, 5, 1);
    for (const { alarm } of outcomes) expect(alarm).toMatchObject({ scale: 0.3, statistic: { test: 'cusum', reference: 0.15 } });
  });

  it('uses one CUSUM tuned to 0.5 SD when only `decisionInterval` is given', () => {
    const { outcomes } = streamStatistics({ kind: 'normal', before: 0, after: 1, length: 400, options: { decisionInterval: 6 } }, 5, 1);
    for (const { alarm } of outcomes) expect(alarm).toMatchObject({ scale: 0.5, statistic: { test: 'cusum', reference: 0.25, threshold: 6 } });
  });
});

describe('createCusumBank', () => {
  it('splits the false-alarm rate between its scales', () => {
    const bank = createCusumBank({ mean: 0, std: 1, falseAlarmRate: 4e-6 });
    expect(bank.members.map(({ scale }) => scale)).toEqual(DEFAULT_SCALES);
    for (const { scale, cusum } of bank.members) expect(1 / cusumRunLength(scale / 2, cusum.h, 0)).toBeCloseTo(1e-6 / 2, 8);
  });

  it('keeps a known baseline’s false-alarm rate on a rate (mean run length at least 1 / rate)', () => {
    let total = 0;
    for (let trial = 0; trial < 100; trial++) {
      const random = seededRandom(300 + trial);
      const bank = createCusumBank({ mean: 0.85, std: Math.sqrt(0.85 * 0.15), rate: true, falseAlarmRate: 2e-3 });
      let run = 1;
      while (run < 20_000 && !bank.update(random() < 0.85 ? 1 : 0)) run += 1;
      total += run;
    }
    expect(total / 100).toBeGreaterThan(500);
  });

  it('tunes a rate’s sides apart and caps them halfway to 0 or 1', () => {
    const std = Math.sqrt(0.85 * 0.15);
    const sides = bernoulliSides(0.85, std, 1, 1e-6);
    expect(sides.scales.up).toBeCloseTo(0.075 / std, 2);
    expect(sides.scales.down).toBe(1);
    expect(sides.reference.up).not.toBeCloseTo(sides.reference.down, 2);
  });

  it('resets every member after an alarm and reports the one that fired', () => {
    const bank = createCusumBank({ mean: 10, std: 2, falseAlarmRate: 1e-4 });
    let alarm;
    for (let i = 0; !alarm; i++) alarm = bank.update(20, i);
    expect(alarm).toMatchObject({ direction: 'up', scale: 1, estimatedShift: 5, current: 20, since: 0 });
    for (const { cusum } of bank.members) expect(cusum.state()).toMatchObject({ upper: 0, lower: 0 });
  });

  it('holds back a crossing a learned baseline’s own error could explain', () => {
    // A baseline learned from 100 values, 1.5 standard errors off: the stream is steady at 0.15.
    const learned = createCusumBank({ mean: 0, std: 1, falseAlarmRate: 1e-4, baselineSamples: 100 });
    const known = createCusumBank({ mean: 0, std: 1, falseAlarmRate: 1e-4 });
    let learnedAlarms = 0;
    let knownAlarms = 0;
    const random = seededRandom(11);
    for (let i = 0; i < 5_000; i++) {
      const value = 0.15 + (random() - 0.5) * Math.sqrt(12);
      if (learned.update(value)) learnedAlarms += 1;
      if (known.update(value)) knownAlarms += 1;
    }
    expect(knownAlarms).toBeGreaterThan(5);
    expect(learnedAlarms).toBe(0);
  });
});

describe('tiltedRunLength', () => {
  it('is Siegmund’s run length for normal values (tilt 2k) less the overshoot allowance', () => {
    for (const [k, h] of [[0.25, 8], [0.5, 5], [0.05, 40]] as const) expect(tiltedRunLength(2 * k, k, h + 1.166)).toBeCloseTo(cusumRunLength(k, h, 0), 6);
  });
});
