/**
 * One detector against one baseline, whatever its kind: a CUSUM for a mean baseline, a
 * sliding-window chi-square test for a mix baseline. Both answer with the same verdict
 * shape, so the engine treats them alike.
 */
import type { DriftAlarm, DriftStatistic } from './alarm.js';
import type { Baseline } from './baseline.js';
import { createCusum } from './cusum.js';
import { createMixTest } from './mix-test.js';

/** What a detector says when it alarms. */
export type Verdict = Pick<DriftAlarm, 'current' | 'direction' | 'statistic'> & { observations: number; since: number | undefined };

/** A detector bound to a baseline (and to the version that baseline was learned for). */
export interface Check {
  readonly baseline: Baseline;
  readonly baselineVersionId: string | undefined;
  update(value: number | string, at: number): Verdict | undefined;
}

/** Detector settings shared by every metric. */
export interface CheckSettings {
  /** Smallest shift worth an alarm, in standard deviations (means only). */
  shift: number;
  falseAlarmRate: number;
  /** Mix-test window. */
  window: number;
  decisionInterval: number | undefined;
}

/** Creates the detector that fits `baseline`. */
export function createCheck(baseline: Baseline, baselineVersionId: string | undefined, settings: CheckSettings): Check {
  if (baseline.kind === 'mean') {
    const cusum = createCusum({
      mean: baseline.mean,
      std: baseline.std,
      shift: settings.shift,
      falseAlarmRate: settings.falseAlarmRate,
      ...(baseline.samples !== undefined && { baselineSamples: baseline.samples }),
      ...(settings.decisionInterval !== undefined && { decisionInterval: settings.decisionInterval }),
    });
    return {
      baseline,
      baselineVersionId,
      update(value, at) {
        const alarm = cusum.update(value as number, at);
        if (!alarm) return undefined;
        const statistic: DriftStatistic = { test: 'cusum', value: alarm.statistic, threshold: alarm.threshold, reference: cusum.k };
        return { current: alarm.current, direction: alarm.direction, statistic, observations: alarm.observations, since: alarm.since };
      },
    };
  }
  const test = createMixTest({ shares: baseline.shares, window: settings.window, falseAlarmRate: settings.falseAlarmRate });
  return {
    baseline,
    baselineVersionId,
    update(value, at) {
      const alarm = test.update(String(value), at);
      if (!alarm) return undefined;
      const { statistic, degreesOfFreedom, pValue, alpha, jensenShannon, psi } = alarm;
      return { current: alarm.current, statistic: { test: 'chi_square', value: statistic, degreesOfFreedom, pValue, alpha, jensenShannon, psi }, observations: alarm.observations, since: alarm.since };
    },
  };
}
