import { describe, expect, it } from 'vitest';
import type { DriftAlarm } from '../../src/drift/alarm.js';
import { checkBaseline } from '../../src/drift/baseline.js';
import { createDriftEngine, type DriftEngineOptions } from '../../src/drift/engine.js';
import { checkSnapshot } from '../../src/drift/snapshot.js';
import { median, pick } from './simulation.js';
import { seededRandom } from './seeded-random.js';

const settings: DriftEngineOptions = { agent: 'claims', warmup: 1_000, given: {}, shiftFor: () => 0.15, falseAlarmRate: 1e-5, window: 200, debounceMs: 0 };

/** Version A approves at 85 % for 1,500 claims, then version B at `rateB` for 1,500. */
function versionSwitch(rateB: number, seed: number, options: Partial<DriftEngineOptions> = {}) {
  const random = seededRandom(seed);
  const engine = createDriftEngine({ ...settings, ...options });
  const alarms: DriftAlarm[] = [];
  let firstOfB: number | undefined;
  for (let i = 0; i < 1_500; i++) alarms.push(...engine.observe({ metric: 'approvalRate', kind: 'mean', value: random() < 0.85 ? 1 : 0, rate: true, at: i, versionId: 'v_A' }));
  for (let i = 0; i < 1_500; i++) {
    const raised = engine.observe({ metric: 'approvalRate', kind: 'mean', value: random() < rateB ? 1 : 0, rate: true, at: 1_500 + i, versionId: 'v_B' });
    if (raised.length > 0) firstOfB ??= i + 1;
    alarms.push(...raised);
  }
  return { engine, alarms, firstOfB };
}

describe('per-version baselines', () => {
  it('reports version B against version A when approvals move from 85 % to 91 % (≥ 95 % of 200 trials)', () => {
    const trials = Array.from({ length: 200 }, (_, trial) => versionSwitch(0.91, 10 + trial));
    const detected = trials.filter(({ alarms }) => alarms.some((alarm) => alarm.versionId === 'v_B' && alarm.comparedTo === 'previous_version' && alarm.baselineVersionId === 'v_A' && alarm.direction === 'up'));
    expect(detected.length / 200).toBeGreaterThanOrEqual(0.95);
    // Recorded for the report: median ~620 observations of B with a 1,000-observation warm-up.
    expect(median(detected.map(({ firstOfB }) => firstOfB!))).toBeLessThan(800);
  });

  it('raises nothing in at least 95 % of 200 trials where version B approves like A', () => {
    const quiet = Array.from({ length: 200 }, (_, trial) => versionSwitch(0.85, 10 + trial)).filter(({ alarms }) => alarms.length === 0);
    expect(quiet.length / 200).toBeGreaterThanOrEqual(0.95);
  });

  it('reports version B against version A with the default detector too, and stays quiet when B approves like A', () => {
    const defaults = { shiftFor: () => undefined, falseAlarmRate: 4e-6 };
    const shifted = Array.from({ length: 20 }, (_, trial) => versionSwitch(0.91, 10 + trial, defaults));
    const reported = shifted.filter(({ alarms }) => alarms.some((alarm) => alarm.versionId === 'v_B' && alarm.comparedTo === 'previous_version' && alarm.direction === 'up'));
    expect(reported.length).toBeGreaterThanOrEqual(18);
    expect(reported[0]!.alarms[0]).toMatchObject({ scale: expect.any(Number), estimatedShift: expect.any(Number) });
    const steady = Array.from({ length: 20 }, (_, trial) => versionSwitch(0.85, 10 + trial, defaults));
    expect(steady.filter(({ alarms }) => alarms.length === 0).length).toBeGreaterThanOrEqual(18);
  });

  it('learns a new baseline for the new version while comparing it with the previous one', () => {
    const { engine } = versionSwitch(0.85, 1);
    const rows = engine.status();
    expect(rows.map(({ versionId, phase }) => `${versionId}:${phase}`)).toEqual(['v_A:monitoring', 'v_B:monitoring']);
    expect(rows[1]).toMatchObject({ comparingWith: 'v_A', samples: 1_000 });
    expect((rows[1]!.baseline as { mean: number }).mean).toBeCloseTo(0.85, 1);
  });

  it('stops comparing with the previous version once the shift is reported', () => {
    const { engine, alarms } = versionSwitch(0.95, 2, { warmup: 500 });
    expect(alarms.filter((alarm) => alarm.comparedTo === 'previous_version')).toHaveLength(1);
    expect(engine.status()[1]).not.toHaveProperty('comparingWith');
  });

  it('compares a new version’s tool mix with the previous version’s', () => {
    const random = seededRandom(5);
    const engine = createDriftEngine({ ...settings, warmup: 300 });
    const observe = (versionId: string, shares: Record<string, number>, count: number) =>
      Array.from({ length: count }, (_, i) => engine.observe({ metric: 'toolMix', kind: 'mix', value: pick(random, shares), at: i, versionId })).flat();
    expect(observe('v_A', { lookup: 0.7, refund: 0.3 }, 600)).toEqual([]);
    const alarms = observe('v_B', { lookup: 0.4, refund: 0.6 }, 400);
    expect(alarms[0]).toMatchObject({ metric: 'toolMix', kind: 'mix', comparedTo: 'previous_version', versionId: 'v_B', baselineVersionId: 'v_A', statistic: { test: 'chi_square' } });
  });
});

describe('given baselines', () => {
  it('monitor every version from the first observation, without warm-up', () => {
    const engine = createDriftEngine({ ...settings, given: { tokensPerRun: checkBaseline('t', 'b', { mean: 1_000, std: 100 }) }, shiftFor: () => 1 });
    const alarms = Array.from({ length: 30 }, (_, i) => engine.observe({ metric: 'tokensPerRun', kind: 'mean', value: 2_000, at: i, versionId: 'v_X' })).flat();
    expect(alarms[0]).toMatchObject({ comparedTo: 'baseline', direction: 'up', current: 2_000, versionId: 'v_X' });
    expect(alarms[0]).not.toHaveProperty('baselineVersionId');
    expect(engine.snapshot(0).versions[0]!.baselines).toEqual({});
  });
});

describe('debouncing', () => {
  it('keeps the same alarm quiet for debounceMs of observation time and counts what it held back', () => {
    const counted: string[] = [];
    const engine = createDriftEngine({ ...settings, given: { latencyMs: checkBaseline('t', 'b', { mean: 100, std: 10 }) }, shiftFor: () => 1, debounceMs: 60_000, count: (name) => counted.push(name) });
    const raisedAt: number[] = [];
    for (let second = 0; second < 300; second++) {
      if (engine.observe({ metric: 'latencyMs', kind: 'mean', value: 300, at: second * 1_000, versionId: 'v_A' }).length > 0) raisedAt.push(second);
    }
    expect(raisedAt.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < raisedAt.length; i++) expect(raisedAt[i]! - raisedAt[i - 1]!).toBeGreaterThanOrEqual(60);
    expect(counted.filter((name) => name === 'drift.suppressed').length).toBeGreaterThan(0);
  });
});

describe('degenerate warm-ups', () => {
  it('leave a metric unmonitored and counted when it never varied', () => {
    const counted: string[] = [];
    const engine = createDriftEngine({ ...settings, warmup: 30, count: (name) => counted.push(name) });
    for (let i = 0; i < 100; i++) engine.observe({ metric: 'latencyMs:lookup', kind: 'mean', value: i < 30 ? 0 : 500, at: i, versionId: 'v_A' });
    expect(engine.status()[0]).toMatchObject({ phase: 'degenerate' });
    expect(counted).toEqual(['drift.degenerate_baseline']);
  });
});

describe('snapshots', () => {
  it('round-trip through JSON and restore monitoring without a new warm-up', () => {
    const { engine } = versionSwitch(0.85, 3, { warmup: 500 });
    const snapshot = engine.snapshot(Date.UTC(2026, 0, 2));
    const text = JSON.stringify(snapshot);
    const restored = createDriftEngine({ ...settings, restored: checkSnapshot('t', 'snapshot', text) });
    expect(restored.snapshot(Date.UTC(2026, 0, 2))).toEqual(snapshot);
    expect(restored.status().every((row) => row.phase === 'monitoring')).toBe(true);

    const random = seededRandom(4);
    const alarms = Array.from({ length: 2_000 }, (_, i) => restored.observe({ metric: 'approvalRate', kind: 'mean', value: random() < 0.97 ? 1 : 0, at: i, versionId: 'v_B' })).flat();
    expect(alarms[0]).toMatchObject({ comparedTo: 'baseline', versionId: 'v_B', baselineVersionId: 'v_B' });
  });

  it('make a version after the restored ones compare with the last restored version', () => {
    const { engine } = versionSwitch(0.85, 6, { warmup: 500 });
    const restored = createDriftEngine({ ...settings, restored: engine.snapshot(0) });
    restored.observe({ metric: 'approvalRate', kind: 'mean', value: 1, at: 0, versionId: 'v_C' });
    expect(restored.status().at(-1)).toMatchObject({ versionId: 'v_C', phase: 'warmup', comparingWith: 'v_B' });
  });
});
