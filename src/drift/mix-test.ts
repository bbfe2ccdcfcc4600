/**
 * Drift in a category mix (which tools are called, which decisions are made): the last
 * `window` categories are compared with the baseline shares by Pearson's chi-square test,
 * every `step` observations. Buckets expected fewer than five times in a window are pooled,
 * the textbook rule that keeps the chi-square approximation honest. Each test's
 * significance is `falseAlarmRate × step`, so the expected number of false alarms per
 * observation is the rate the user set, however the windows overlap. The Jensen–Shannon
 * distance and the population stability index are reported beside the p-value as effect
 * sizes a person can read.
 */
import { chiSquareSurvival } from './distributions.js';

/** How a mix test is set up. */
export interface MixTestOptions {
  /** Baseline shares by category (they are normalized). */
  shares: Readonly<Record<string, number>>;
  /** Observations in the sliding window. */
  window: number;
  /** Observations between two tests. Defaults to a quarter of the window. */
  step?: number;
  /** Expected false alarms per observation on an unchanged stream. */
  falseAlarmRate: number;
}

/** What a mix test reports when the window differs from the baseline. */
export interface MixAlarm {
  /** Pearson's X². */
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  /** The significance the p-value was below. */
  readonly alpha: number;
  readonly jensenShannon: number;
  readonly psi: number;
  /** Shares in the window. */
  readonly current: Record<string, number>;
  readonly observations: number;
  /** The time of the oldest value in the window. */
  readonly since: number | undefined;
}

/** A running mix test. */
export interface MixTest {
  readonly alpha: number;
  /** Adds one category; returns an alarm (and empties the window) when a test fails. */
  update(category: string, at?: number): MixAlarm | undefined;
  reset(): void;
  /** Shares in the current window. */
  state(): { current: Record<string, number>; observations: number };
}

const MIN_EXPECTED = 5;
const EFFECT_EPSILON = 1e-4;

/**
 * Creates a sliding-window chi-square test against baseline shares.
 * @example
 * const test = createMixTest({ shares: { lookup: 0.7, refund: 0.3 }, window: 200, falseAlarmRate: 1e-5 });
 * const alarm = test.update('refund');
 */
export function createMixTest(options: MixTestOptions): MixTest {
  const { window } = options;
  const step = options.step ?? Math.max(1, Math.floor(window / 4));
  const alpha = Math.min(0.5, options.falseAlarmRate * step);
  const baseline = normalize(options.shares);
  const categories = new Array<string>(window);
  const times = new Array<number | undefined>(window);
  const counts = new Map<string, number>();
  let size = 0;
  let head = 0;
  let sinceTest = 0;

  const clear = () => {
    counts.clear();
    size = 0;
    head = 0;
    sinceTest = 0;
  };
  const currentShares = () => {
    const shares: Record<string, number> = {};
    for (const [category, count] of counts) shares[category] = count / size;
    return shares;
  };

  return {
    alpha,
    update(category, at) {
      if (size === window) {
        const oldest = categories[head]!;
        const left = counts.get(oldest)! - 1;
        if (left === 0) counts.delete(oldest);
        else counts.set(oldest, left);
      } else {
        size += 1;
      }
      categories[head] = category;
      times[head] = at;
      head = (head + 1) % window;
      counts.set(category, (counts.get(category) ?? 0) + 1);
      sinceTest += 1;
      if (size < window || sinceTest < step) return undefined;
      sinceTest = 0;
      const test = chiSquare(baseline, counts, size);
      if (test === undefined || test.pValue >= alpha) return undefined;
      const current = currentShares();
      const alarm: MixAlarm = {
        ...test,
        alpha,
        jensenShannon: jensenShannonDistance(baseline, current),
        psi: populationStabilityIndex(baseline, current),
        current,
        observations: size,
        since: times[head],
      };
      clear();
      return alarm;
    },
    reset: clear,
    state: () => ({ current: currentShares(), observations: size }),
  };
}

interface Bucket {
  observed: number;
  expected: number;
}

/** Pearson's chi-square of `counts` (out of `total`) against `shares`, small buckets pooled. */
export function chiSquare(shares: Readonly<Record<string, number>>, counts: ReadonlyMap<string, number>, total: number): { statistic: number; degreesOfFreedom: number; pValue: number } | undefined {
  const buckets: Bucket[] = [];
  const pooled: Bucket = { observed: 0, expected: 0 };
  let observedInBaseline = 0;
  for (const [category, share] of Object.entries(shares)) {
    const bucket = { observed: counts.get(category) ?? 0, expected: share * total };
    observedInBaseline += bucket.observed;
    if (bucket.expected < MIN_EXPECTED) {
      pooled.observed += bucket.observed;
      pooled.expected += bucket.expected;
    } else {
      buckets.push(bucket);
    }
  }
  // Categories the baseline never saw have an expected count of zero: they join the pool.
  pooled.observed += total - observedInBaseline;
  if (pooled.expected >= MIN_EXPECTED) buckets.push(pooled);
  else if (pooled.observed > 0 || pooled.expected > 0) {
    if (buckets.length === 0) return undefined;
    const smallest = buckets.reduce((a, b) => (b.expected < a.expected ? b : a));
    smallest.observed += pooled.observed;
    smallest.expected += pooled.expected;
  }
  if (buckets.length < 2) return undefined;
  let statistic = 0;
  for (const { observed, expected } of buckets) statistic += ((observed - expected) * (observed - expected)) / expected;
  const degreesOfFreedom = buckets.length - 1;
  return { statistic, degreesOfFreedom, pValue: chiSquareSurvival(statistic, degreesOfFreedom) };
}

/** Jensen–Shannon distance (base 2, in [0, 1]) between two share maps. */
export function jensenShannonDistance(p: Readonly<Record<string, number>>, q: Readonly<Record<string, number>>): number {
  let divergence = 0;
  for (const category of new Set([...Object.keys(p), ...Object.keys(q)])) {
    const a = p[category] ?? 0;
    const b = q[category] ?? 0;
    const m = (a + b) / 2;
    if (a > 0) divergence += 0.5 * a * Math.log2(a / m);
    if (b > 0) divergence += 0.5 * b * Math.log2(b / m);
  }
  return Math.sqrt(Math.max(0, divergence));
}

/** Population stability index of `current` against `baseline` (zero shares smoothed). */
export function populationStabilityIndex(baseline: Readonly<Record<string, number>>, current: Readonly<Record<string, number>>): number {
  let psi = 0;
  for (const category of new Set([...Object.keys(baseline), ...Object.keys(current)])) {
    const expected = Math.max(baseline[category] ?? 0, EFFECT_EPSILON);
    const actual = Math.max(current[category] ?? 0, EFFECT_EPSILON);
    psi += (actual - expected) * Math.log(actual / expected);
  }
  return psi;
}

function normalize(shares: Readonly<Record<string, number>>): Record<string, number> {
  const total = Object.values(shares).reduce((sum, share) => sum + share, 0);
  return Object.fromEntries(Object.entries(shares).map(([category, share]) => [category, share / total]));
}
