/**
 * The drift alarm: what the `drift` event carries and what the `flag` decision says. It
 * names the metric, the baseline and whose it is, the current value, the test statistic,
 * the window the test looked at and the version in force.
 */
import { newId } from '../internal/ids.js';
import type { Decision } from '../core/types.js';
import type { Baseline } from './baseline.js';

/** The test behind an alarm. */
export type DriftStatistic =
  | { readonly test: 'cusum'; readonly value: number; readonly threshold: number; readonly reference: number }
  | {
      readonly test: 'chi_square';
      readonly value: number;
      readonly degreesOfFreedom: number;
      readonly pValue: number;
      readonly alpha: number;
      readonly jensenShannon: number;
      readonly psi: number;
    };

/** One drift alarm (the payload of the warden's `drift` event, and a decision's details). */
export interface DriftAlarm {
  readonly metric: string;
  readonly kind: 'mean' | 'mix';
  /** `baseline`: this version's own (learned or given); `previous_version`: the last version's. */
  readonly comparedTo: 'baseline' | 'previous_version';
  /** The version in force when the alarm was raised. */
  readonly versionId: string;
  readonly versionLabel?: string;
  /** The version whose learned baseline was used (absent for a given baseline). */
  readonly baselineVersionId?: string;
  readonly baseline: Baseline;
  /** The mean since the estimated start of the shift, or the shares in the window. */
  readonly current: number | Readonly<Record<string, number>>;
  readonly direction?: 'up' | 'down';
  /**
   * Means only: the shift, in baseline standard deviations, that the CUSUM which fired is
   * tuned to — one of the default bank's 0.1, 0.25, 0.5 and 1 (less for a rate near 0 or 1,
   * which cannot move that far), or the `threshold` given.
   */
  readonly scale?: number;
  /** Means only: `(current − baseline mean) / std`, the shift seen since its estimated start, signed. */
  readonly estimatedShift?: number;
  readonly statistic: DriftStatistic;
  /** The observations the test looked at. */
  readonly window: { readonly observations: number; readonly from?: string; readonly to: string };
  /** ISO time of the observation that raised it. */
  readonly at: string;
  readonly agent: string;
  readonly tool?: string;
  readonly callId?: string;
  readonly runId?: string;
}

/** One line a person can read: what moved, from what, to what, under which version. */
export function describeAlarm(alarm: DriftAlarm): string {
  const version = alarm.versionLabel ? `${alarm.versionLabel} (${alarm.versionId})` : alarm.versionId;
  const against = alarm.comparedTo === 'previous_version' ? ` vs previous version ${alarm.baselineVersionId}` : '';
  const over = `over ${alarm.window.observations} observations`;
  if (alarm.statistic.test === 'cusum' && alarm.baseline.kind === 'mean') {
    const moved = alarm.direction === 'up' ? 'rose' : 'fell';
    const shift = alarm.estimatedShift === undefined ? '' : `${alarm.estimatedShift >= 0 ? '+' : ''}${format(alarm.estimatedShift)} sd; `;
    const tuned = alarm.scale === undefined ? '' : ` tuned to ${alarm.scale} sd`;
    return `${alarm.metric} ${moved} from ${format(alarm.baseline.mean)} to ${format(alarm.current as number)} under version ${version}${against} (${shift}CUSUM${tuned} ${format(alarm.statistic.value)} > ${format(alarm.statistic.threshold)} ${over})`;
  }
  const statistic = alarm.statistic as Extract<DriftStatistic, { test: 'chi_square' }>;
  return `${alarm.metric} changed under version ${version}${against} (chi-square ${format(statistic.value)}, df ${statistic.degreesOfFreedom}, p ${statistic.pValue.toExponential(2)} < ${statistic.alpha.toExponential(2)}, JS distance ${format(statistic.jensenShannon)} ${over})`;
}

/** The `flag` decision that records an alarm in the decision stream and audit trail. */
export function alarmDecision(alarm: DriftAlarm): Decision {
  return {
    outcome: 'flag',
    by: 'driftMonitor',
    rule: `drift:${alarm.metric}`,
    reason: describeAlarm(alarm),
    tool: alarm.tool ?? '*',
    callId: alarm.callId ?? newId('drift'),
    agent: alarm.agent,
    at: alarm.at,
    versionId: alarm.versionId,
    ...(alarm.runId !== undefined && { runId: alarm.runId }),
    details: JSON.parse(JSON.stringify(alarm)) as Record<string, unknown>,
  };
}

function format(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(3);
}
