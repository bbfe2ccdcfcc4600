/**
 * The default detector for means and rates: a bank of two-sided CUSUMs, each tuned to one
 * shift size (0.1, 0.25, 0.5 and 1 standard deviation), sharing the false-alarm budget
 * equally (Bonferroni on the per-observation rate). Users rarely know the size of the shift
 * they will meet; a CUSUM tuned to 1 SD catches a jump in a few dozen values but misses a
 * 0.17 SD drift, and one tuned to 0.1 SD finds the drift but is slow on the jump. The bank
 * answers as fast as its best-suited member, give or take the split budget.
 *
 * A 0/1 rate (approvals, errors) uses Bernoulli CUSUMs on the rate itself: each side's
 * reference is the rate at which the log-likelihood ratio of `p0` against `p0 ± scale·σ`
 * has no drift, which is not midway when the rate is near 0 or 1.
 *
 * A baseline learned from a warm-up is itself off by about `σ/√n`, and a CUSUM tuned to a
 * small shift will, given time, find that error. So when the baseline rests on `n` samples,
 * a crossing also has to pass a two-sample test of the stretch against the warm-up (`z` of
 * at least `BASELINE_ERROR_Z`, the variance counting both sides) before it is an alarm. That
 * is the price of a short warm-up: a 0.17 SD shift is only about 3.4 standard errors of a
 * 400-value warm-up, so no test can both catch it reliably and stay quiet; warm up longer.
 */
import { createCusum, type Cusum, type CusumAlarm, type CusumStretch } from './cusum.js';
import { cusumDecisionInterval, tiltedDecisionInterval } from './distributions.js';

/** Shift sizes, in baseline standard deviations, of the default bank. */
export const DEFAULT_SCALES: readonly number[] = [0.1, 0.25, 0.5, 1];

/**
 * How far, in standard errors of the difference, a stretch must sit from a learned baseline
 * before a crossing counts. A warm-up alone is rarely 3.5 standard errors off, but the test
 * is asked again on every value while a sum sits above `h`. In seeded simulations of steady
 * 2,400-value streams, 3 let about 2–4 % alarm, 3.25 about 1–2.5 %, 3.5 about 1 %; the
 * 85 % → 91 % approvals after a 400-call warm-up were caught in 87 %, 81 % and 73 %.
 */
export const BASELINE_ERROR_Z = 3.5;

/** Standard errors a learned baseline may be off that a short stretch's `h` allows for. */
export const LEARNED_ERROR_ALLOWANCE = 1.5;

/**
 * A stretch of at least this many warm-ups is long enough for the two-sample test alone:
 * there are few such stretches in a stream, so the test is asked seldom. (1 warm-up let
 * about twice as many steady streams alarm for the same detection.)
 */
export const LONG_STRETCH_WARMUPS = 2;

/** How a bank is set up. */
export interface CusumBankOptions {
  readonly mean: number;
  /** Baseline standard deviation (> 0). */
  readonly std: number;
  /** Values are 0 or 1: use Bernoulli references. */
  readonly rate?: boolean;
  /** Expected false alarms per observation, split equally between the scales. */
  readonly falseAlarmRate: number;
  /** Observations the baseline was learned from; omit for a known baseline. */
  readonly baselineSamples?: number;
  /** Defaults to {@link DEFAULT_SCALES}. */
  readonly scales?: readonly number[];
}

/** A bank alarm: the CUSUM alarm of the member that fired, with its scale and the shift it saw. */
export interface CusumBankAlarm extends CusumAlarm {
  /** The shift, in baseline standard deviations, the member that fired is tuned to (for a rate near 0 or 1, after the cap). */
  readonly scale: number;
  /** `(current − mean) / std`: the shift seen since its estimated start, signed. */
  readonly estimatedShift: number;
}

/** A running bank of CUSUMs. */
export interface CusumBank {
  readonly members: readonly { readonly scale: number; readonly tuned: { readonly up: number; readonly down: number }; readonly cusum: Cusum }[];
  /** Adds one value to every member; returns an alarm (and resets every member) when one fires. */
  update(value: number, at?: number): CusumBankAlarm | undefined;
}

/**
 * Creates a bank of CUSUMs against a baseline.
 * @example
 * const bank = createCusumBank({ mean: 0.85, std: 0.357, rate: true, falseAlarmRate: 4e-6, baselineSamples: 400 });
 * const alarm = bank.update(1); // alarm?.scale, alarm?.estimatedShift
 */
export function createCusumBank(options: CusumBankOptions): CusumBank {
  const { mean, std, baselineSamples } = options;
  const scales = options.scales ?? DEFAULT_SCALES;
  const rate = options.rate === true && mean > 0 && mean < 1;
  const memberRate = options.falseAlarmRate / scales.length;
  const members = scales.map((scale) => {
    const sides = rate ? bernoulliSides(mean, std, scale, memberRate) : undefined;
    const intervals = sides?.decisionIntervals ?? { up: cusumDecisionInterval(scale / 2, 1 / memberRate), down: cusumDecisionInterval(scale / 2, 1 / memberRate) };
    const confirm = baselineSamples === undefined ? undefined : learnedBaselineCheck(options, baselineSamples, scale, memberRate, intervals);
    return {
      scale,
      tuned: sides?.scales ?? { up: scale, down: scale },
      cusum: createCusum({
        mean,
        std,
        shift: scale,
        falseAlarmRate: memberRate,
        decisionIntervals: intervals,
        ...(sides !== undefined && { reference: sides.reference }),
        ...(confirm !== undefined && { confirm }),
      }),
    };
  });
  return {
    members,
    update(value, at) {
      let fired: CusumBankAlarm | undefined;
      for (const { tuned, cusum } of members) {
        const alarm = cusum.update(value, at);
        // Several members may cross on the same value; the one furthest past its `h` speaks.
        if (alarm && (!fired || alarm.statistic / alarm.threshold > fired.statistic / fired.threshold)) {
          fired = { ...alarm, scale: tuned[alarm.direction], estimatedShift: (alarm.current - mean) / std };
        }
      }
      if (fired) for (const { cusum } of members) cusum.reset();
      return fired;
    },
  };
}

/** Both sides of a Bernoulli CUSUM, in standard deviations. */
export interface BernoulliSides {
  readonly reference: { readonly up: number; readonly down: number };
  readonly decisionIntervals: { readonly up: number; readonly down: number };
  /** The shift each side is tuned to once capped: less than the scale asked for near 0 or 1. */
  readonly scales: { readonly up: number; readonly down: number };
}

/**
 * The reference values `k` (in standard deviations from `p0`) and decision intervals of a
 * Bernoulli CUSUM for a move of `scale` standard deviations either way, each side with half
 * of `falseAlarmRate`. The alternative is capped halfway to 0 or 1, since a rate of 0.85
 * cannot rise by a full standard deviation (0.36). The run length uses the likelihood
 * ratio's own tilt: the normal approximation undercounts the false alarms of a skewed rate.
 */
export function bernoulliSides(p0: number, std: number, scale: number, falseAlarmRate: number): BernoulliSides {
  const side = (p1: number) => {
    const neutral = Math.log((1 - p0) / (1 - p1)) / Math.log((p1 * (1 - p0)) / (p0 * (1 - p1)));
    const k = Math.abs(neutral - p0) / std;
    // In standard deviations the increment is the log-likelihood ratio divided by this tilt.
    const theta = std * Math.abs(Math.log((p1 * (1 - p0)) / (p0 * (1 - p1))));
    return { k, h: tiltedDecisionInterval(theta, k, 2 / falseAlarmRate) };
  };
  const upTo = Math.min(p0 + scale * std, (1 + p0) / 2);
  const downTo = Math.max(p0 - scale * std, p0 / 2);
  const up = side(upTo);
  const down = side(downTo);
  return { reference: { up: up.k, down: down.k }, decisionIntervals: { up: up.h, down: down.h }, scales: { up: roundScale((upTo - p0) / std), down: roundScale((p0 - downTo) / std) } };
}

function roundScale(scale: number): number {
  return Number(scale.toPrecision(3));
}

/**
 * What a crossing must also show when the baseline was learned from `baselineSamples`
 * values: a stretch at least `BASELINE_ERROR_Z` from the warm-up by a two-sample test, and,
 * for a stretch shorter than `LONG_STRETCH_WARMUPS` warm-ups (there are many of those in a
 * stream, so the test alone would be asked too often), a sum past the `h` that allows for a
 * baseline `LEARNED_ERROR_ALLOWANCE` standard errors off.
 */
function learnedBaselineCheck(options: CusumBankOptions, baselineSamples: number, scale: number, memberRate: number, intervals: { up: number; down: number }): (stretch: CusumStretch) => boolean {
  // How much a baseline that far off lengthens `h`, for normal values; a rate's skewed `h` is lengthened alike.
  const k = scale / 2;
  const lengthening = cusumDecisionInterval(k, 1 / memberRate, baselineSamples / (LEARNED_ERROR_ALLOWANCE * LEARNED_ERROR_ALLOWANCE)) / cusumDecisionInterval(k, 1 / memberRate);
  const allowing = { up: intervals.up * lengthening, down: intervals.down * lengthening };
  return (stretch) => Math.abs(differenceZ(options, baselineSamples, stretch)) >= BASELINE_ERROR_Z && (stretch.observations >= LONG_STRETCH_WARMUPS * baselineSamples || stretch.statistic > allowing[stretch.direction]);
}

/**
 * Two-sample `z` of a stretch against the warm-up the baseline was learned from. For a rate
 * the variance is the pooled binomial one; otherwise the baseline's, for both samples.
 */
function differenceZ(options: CusumBankOptions, baselineSamples: number, stretch: CusumStretch): number {
  const { mean, std } = options;
  const both = 1 / baselineSamples + 1 / stretch.observations;
  if (options.rate === true) {
    const pooled = (baselineSamples * mean + stretch.observations * stretch.current) / (baselineSamples + stretch.observations);
    const variance = pooled * (1 - pooled);
    if (variance > 0) return (stretch.current - mean) / Math.sqrt(variance * both);
  }
  return (stretch.current - mean) / (std * Math.sqrt(both));
}
