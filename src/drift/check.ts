/**
 * One detector against one baseline, whatever its kind: for a mean baseline a bank of
 * CUSUMs tuned to several shift sizes (or, when the user named the smallest shift worth an
 * alarm, one CUSUM tuned to it), for a mix baseline a sliding-window chi-square test. All
 * answer with the same verdict shape, so the engine treats them alike.
 */
import type { DriftAlarm } from './alarm.js';
import type { Baseline } from './baseline.js';
import { createCusum, type CusumAlarm } from './cusum.js';
import { createCusumBank } from './cusum-bank.js';
import { createMixTest } from './mix-test.js';

/** What a detector says when it alarms. */
export type Verdict = Pick<DriftAlarm, 'current' | 'direction' | 'statistic' | 'scale' | 'estimatedShift'> & { observations: number; since: number | undefined };

/** A detector bound to a baseline (and to the version that baseline was learned for). */
export interface Check {
  readonly baseline: Baseline;
  readonly baselineVersionId: string | undefined;
  update(value: number | string, at: number): Verdict | undefined;
}

/** Detector settings shared by every metric. */
export interface CheckSettings {
  /** Smallest shift worth an alarm, in standard deviations (means only); `undefined` for the adaptive bank. */
  shift: number | undefined;
  /** The metric's values are 0 or 1 (means only). */
  rate: boolean;
  falseAlarmRate: number;
  /** Mix-test window. */
  window: number;
  decisionInterval: number | undefined;
}

/** The shift a lone `decisionInterval` tunes its CUSUM to. */
const SINGLE_CUSUM_SHIFT = 0.5;

/** Creates the detector that fits `baseline`. */
export function createCheck(baseline: Baseline, baselineVersionId: string | undefined, settings: CheckSettings): Check {
  if (baseline.kind === 'mean') {
    const samples = baseline.samples !== undefined ? { baselineSamples: baseline.samples } : {};
    const { mean, std } = baseline;
    const verdict = (alarm: CusumAlarm, scale: number, estimatedShift: number): Verdict => ({
      current: alarm.current,
      direction: alarm.direction,
      statistic: { test: 'cusum', value: alarm.statistic, threshold: alarm.threshold, reference: alarm.reference },
      scale,
      estimatedShift,
      observations: alarm.observations,
      since: alarm.since,
    });
    if (settings.shift === undefined && settings.decisionInterval === undefined) {
      const bank = createCusumBank({ mean, std, rate: settings.rate, falseAlarmRate: settings.falseAlarmRate, ...samples });
      return {
        baseline,
        baselineVersionId,
        update(value, at) {
          const alarm = bank.update(value as number, at);
          return alarm && verdict(alarm, alarm.scale, alarm.estimatedShift);
        },
      };
    }
    // A decision interval is in standard deviations for one reference value: it implies a
    // single CUSUM, tuned to the old default shift when none is given.
    const shift = settings.shift ?? SINGLE_CUSUM_SHIFT;
    const cusum = createCusum({
      mean,
      std,
      shift,
      falseAlarmRate: settings.falseAlarmRate,
      ...samples,
      ...(settings.decisionInterval !== undefined && { decisionInterval: settings.decisionInterval }),
    });
    return {
      baseline,
      baselineVersionId,
      update(value, at) {
        const alarm = cusum.update(value as number, at);
        return alarm && verdict(alarm, shift, (alarm.current - mean) / std);
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
