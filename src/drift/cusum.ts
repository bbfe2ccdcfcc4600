/**
 * A two-sided CUSUM (Page's cumulative sum) for a mean or a rate. It standardizes each
 * value against the baseline, `z = (x − mean) / std`, and keeps an upper and a lower sum
 * that grow while values sit more than `k = shift / 2` standard deviations off the
 * baseline and shrink back to zero otherwise. A sum above `h` is an alarm. CUSUM is the
 * fastest detector of a small persistent shift for a given false-alarm rate, which is the
 * claims-agent case: 85 % approvals becoming 91 %, each call looking fine alone.
 */
import { cusumDecisionInterval } from './distributions.js';

/** How a CUSUM is set up. */
export interface CusumOptions {
  /** Baseline mean. */
  mean: number;
  /** Baseline standard deviation (> 0). */
  std: number;
  /** Smallest shift worth an alarm, in baseline standard deviations; `k = shift / 2`. */
  shift: number;
  /** Expected false alarms per observation on an unchanged stream; sets `h`. */
  falseAlarmRate: number;
  /** Observations the baseline was estimated from; `h` then allows for its error. Omit for a known baseline. */
  baselineSamples?: number;
  /** Decision interval `h` in standard deviations; overrides `falseAlarmRate` when given. */
  decisionInterval?: number;
  /**
   * Reference value of each side in standard deviations, when the sides differ (a rate's
   * Bernoulli likelihood ratio is not symmetric); overrides `k = shift / 2`. Each side then
   * gets its own `h` with half the false-alarm budget.
   */
  reference?: { readonly up: number; readonly down: number };
  /** Decision interval of each side, when the sides differ; overrides `decisionInterval` and `falseAlarmRate`. */
  decisionIntervals?: { readonly up: number; readonly down: number };
  /**
   * Asked when a sum crosses `h`; `false` holds the alarm back and keeps the sum, so the
   * stretch goes on growing and is asked again on the next value. Defaults to always `true`.
   */
  confirm?: (stretch: CusumStretch) => boolean;
}

/** The run of values behind a sum that crossed `h`. */
export interface CusumStretch {
  readonly direction: 'up' | 'down';
  /** Values since the sum last sat at zero. */
  readonly observations: number;
  /** Their mean. */
  readonly current: number;
  /** The sum, in standard deviations. */
  readonly statistic: number;
}

/** What a CUSUM reports when a sum crosses `h`. */
export interface CusumAlarm {
  readonly direction: 'up' | 'down';
  /** The sum that crossed (in standard deviations). */
  readonly statistic: number;
  /** The decision interval `h` it crossed. */
  readonly threshold: number;
  /** The reference value `k` of the side that crossed. */
  readonly reference: number;
  /** Observations since the sum last sat at zero: the estimated start of the shift. */
  readonly observations: number;
  /** Mean of the values in that stretch. */
  readonly current: number;
  /** The value that came first in that stretch. */
  readonly since: number | undefined;
}

/** A running two-sided CUSUM. */
export interface Cusum {
  readonly mean: number;
  readonly std: number;
  /** Reference value `k` (of the upper side when the sides differ). */
  readonly k: number;
  /** Decision interval `h` (of the upper side when the sides differ). */
  readonly h: number;
  /** Adds one value; returns an alarm (and resets both sums) when one crosses `h`. */
  update(value: number, at?: number): CusumAlarm | undefined;
  /** Sets both sums back to zero. */
  reset(): void;
  /** The current sums, for status pages. */
  state(): { upper: number; lower: number; observations: number };
}

interface Side {
  readonly k: number;
  readonly h: number;
  sum: number;
  count: number;
  total: number;
  since: number | undefined;
}

/**
 * Creates a two-sided CUSUM against a fixed baseline.
 * @example
 * const cusum = createCusum({ mean: 0.85, std: 0.357, shift: 0.15, falseAlarmRate: 1e-5 });
 * const alarm = cusum.update(1);
 */
export function createCusum(options: CusumOptions): Cusum {
  const { mean, std, shift, confirm } = options;
  // cusumDecisionInterval designs a two-sided CUSUM with equal sides; one side of it has
  // half the alarm rate, which is each side's share when the sides differ.
  const decisionInterval = (k: number) => options.decisionInterval ?? cusumDecisionInterval(k, 1 / options.falseAlarmRate, options.baselineSamples);
  const upperK = options.reference?.up ?? shift / 2;
  const lowerK = options.reference?.down ?? shift / 2;
  const upperH = options.decisionIntervals?.up ?? decisionInterval(upperK);
  const lowerH = options.decisionIntervals?.down ?? (lowerK === upperK ? upperH : decisionInterval(lowerK));
  const upper: Side = { k: upperK, h: upperH, sum: 0, count: 0, total: 0, since: undefined };
  const lower: Side = { k: lowerK, h: lowerH, sum: 0, count: 0, total: 0, since: undefined };
  let seen = 0;

  const step = (side: Side, increment: number, value: number, at: number | undefined) => {
    const next = side.sum + increment;
    if (next <= 0) {
      side.sum = 0;
      side.count = 0;
      side.total = 0;
      side.since = undefined;
      return;
    }
    if (side.count === 0) side.since = at;
    side.sum = next;
    side.count += 1;
    side.total += value;
  };
  const clear = (side: Side) => {
    side.sum = 0;
    side.count = 0;
    side.total = 0;
    side.since = undefined;
  };

  const confirmed = (side: Side) => {
    if (side.sum <= side.h) return false;
    return confirm === undefined || confirm({ direction: side === upper ? 'up' : 'down', observations: side.count, current: side.total / side.count, statistic: side.sum });
  };

  return {
    mean,
    std,
    k: upperK,
    h: upperH,
    update(value, at) {
      seen += 1;
      const z = (value - mean) / std;
      step(upper, z - upper.k, value, at);
      step(lower, -z - lower.k, value, at);
      const crossed = confirmed(upper) ? upper : confirmed(lower) ? lower : undefined;
      if (!crossed) return undefined;
      const alarm: CusumAlarm = {
        direction: crossed === upper ? 'up' : 'down',
        statistic: crossed.sum,
        threshold: crossed.h,
        reference: crossed.k,
        observations: crossed.count,
        current: crossed.total / crossed.count,
        since: crossed.since,
      };
      clear(upper);
      clear(lower);
      return alarm;
    },
    reset() {
      clear(upper);
      clear(lower);
    },
    state: () => ({ upper: upper.sum, lower: lower.sum, observations: seen }),
  };
}
