import { describe, expect, it } from 'vitest';
import { createCusum } from '../../src/drift/cusum.js';
import { firstAlarm, median } from './simulation.js';
import { seededRandom } from './seeded-random.js';

const TRIALS = 200;
const LENGTH = 1200;
const claims = { mean: 0.85, std: Math.sqrt(0.85 * 0.15), shift: 0.15, falseAlarmRate: 1e-5 };

describe('two-sided CUSUM on an approval rate', () => {
  it('detects 85 % → 91 % within 1,200 observations in at least 95 % of 200 seeded trials', () => {
    const delays = Array.from({ length: TRIALS }, (_, trial) => firstAlarm(claims, 0.91, LENGTH, 1_000 + trial));
    const detected = delays.filter((delay): delay is number => delay !== undefined);
    expect(detected.length / TRIALS).toBeGreaterThanOrEqual(0.95);
    // Recorded for the report: median delay ~490 observations with these settings.
    expect(median(detected)).toBeLessThan(700);
  });

  it('raises no alarm in at least 95 % of 200 seeded no-drift trials of the same length', () => {
    const alarms = Array.from({ length: TRIALS }, (_, trial) => firstAlarm(claims, 0.85, LENGTH, 5_000 + trial));
    const quiet = alarms.filter((alarm) => alarm === undefined).length;
    expect(quiet / TRIALS).toBeGreaterThanOrEqual(0.95);
  });

  it('detects a fall as well as a rise', () => {
    const delays = Array.from({ length: 50 }, (_, trial) => firstAlarm(claims, 0.79, LENGTH, 9_000 + trial));
    expect(delays.filter((delay) => delay !== undefined).length).toBeGreaterThanOrEqual(48);
  });

  it('keeps the false-alarm rate the user set (mean run length within 20 % of 1 / rate)', () => {
    const settings = { ...claims, falseAlarmRate: 1e-3 };
    let total = 0;
    for (let trial = 0; trial < TRIALS; trial++) total += firstAlarm(settings, 0.85, 100_000, 77 + trial) ?? 100_000;
    expect(total / TRIALS).toBeGreaterThan(800);
    expect(total / TRIALS).toBeLessThan(1_200);
  });
});

describe('createCusum', () => {
  it('reports direction, the mean since the shift began and when it began', () => {
    const cusum = createCusum({ mean: 10, std: 2, shift: 1, falseAlarmRate: 1e-4 });
    for (let i = 0; i < 20; i++) expect(cusum.update(i % 2 ? 9 : 11, i)).toBeUndefined();
    let alarm;
    for (let i = 20; !alarm; i++) alarm = cusum.update(14, i);
    expect(alarm).toMatchObject({ direction: 'up', current: 14, since: 20 });
    expect(alarm.statistic).toBeGreaterThan(alarm.threshold);
    expect(alarm.observations).toBeGreaterThan(1);
  });

  it('starts again from zero after an alarm', () => {
    const cusum = createCusum({ mean: 0, std: 1, shift: 1, falseAlarmRate: 1e-3 });
    let alarms = 0;
    for (let i = 0; i < 100 && alarms === 0; i++) if (cusum.update(-3)) alarms += 1;
    expect(alarms).toBe(1);
    expect(cusum.state()).toMatchObject({ upper: 0, lower: 0 });
  });

  it('uses a given decision interval instead of the false-alarm rate', () => {
    expect(createCusum({ mean: 0, std: 1, shift: 1, falseAlarmRate: 1e-3, decisionInterval: 4 }).h).toBe(4);
  });

  it('stays quiet on noise around the baseline', () => {
    const random = seededRandom(3);
    const cusum = createCusum({ mean: 100, std: 15, shift: 0.5, falseAlarmRate: 1e-6 });
    for (let i = 0; i < 5_000; i++) expect(cusum.update(100 + (random() - 0.5) * 30)).toBeUndefined();
  });
});
