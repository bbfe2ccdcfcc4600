/**
 * The paired significance test behind `compareVersions`: a two-sided sign-flip permutation
 * test on per-case differences (candidate − baseline). Under "no difference" each paired
 * difference is as likely positive as negative, so the p-value is the share of sign flips
 * whose mean is at least as far from zero as the observed one. Exact up to 16 non-zero pairs,
 * a seeded Monte Carlo of 20,000 flips above that — the same inputs always give the same p.
 */
import { seededRandom } from '../internal/seeded-random.js';

/** What the test found. */
export interface PairedTestResult {
  /** Two-sided p-value in (0, 1]; 1 when every pair is tied. */
  readonly pValue: number;
  /** Non-zero pairs that entered the test. */
  readonly n: number;
  readonly method: 'exact' | 'monte-carlo' | 'none';
}

const EXACT_LIMIT = 16;
const SAMPLES = 20_000;
const EPSILON = 1e-12;

/** Two-sided paired permutation test of `differences` (candidate − baseline per case). */
export function pairedPermutationTest(differences: readonly number[], seed = 0x5eed): PairedTestResult {
  const values = differences.filter((value) => Number.isFinite(value) && Math.abs(value) > EPSILON).map(Math.abs);
  const n = values.length;
  if (n === 0) return { pValue: 1, n: 0, method: 'none' };
  const observed = Math.abs(differences.filter(Number.isFinite).reduce((sum, value) => sum + value, 0));
  if (n <= EXACT_LIMIT) {
    let extreme = 0;
    const total = 2 ** n;
    for (let mask = 0; mask < total; mask++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += mask & (1 << i) ? values[i]! : -values[i]!;
      if (Math.abs(sum) >= observed - EPSILON) extreme += 1;
    }
    return { pValue: extreme / total, n, method: 'exact' };
  }
  const random = seededRandom(seed);
  let extreme = 0;
  for (let sample = 0; sample < SAMPLES; sample++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += random() < 0.5 ? values[i]! : -values[i]!;
    if (Math.abs(sum) >= observed - EPSILON) extreme += 1;
  }
  return { pValue: (extreme + 1) / (SAMPLES + 1), n, method: 'monte-carlo' };
}

/** Mean of the finite values; undefined when there are none. */
export function mean(values: readonly number[]): number | undefined {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? undefined : finite.reduce((sum, value) => sum + value, 0) / finite.length;
}

