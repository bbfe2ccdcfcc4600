/**
 * The little distribution math drift detection needs: the chi-square survival function
 * (through the regularized incomplete gamma function) and the CUSUM decision interval for
 * a wanted in-control run length (Siegmund's approximation), also for a baseline that was
 * itself estimated from a warm-up. A few dozen lines of textbook
 * numerics instead of a statistics package: agentwarden keeps its runtime dependencies few,
 * and the packages that have these functions either cover only fixed significance levels
 * (simple-statistics' chi-square table) or bring a large library for one function.
 */

const LANCZOS = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];

/** ln Γ(x) for x > 0 (Lanczos; relative error below 2e-10). */
export function logGamma(x: number): number {
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let series = 1.000000000190015;
  for (const coefficient of LANCZOS) series += coefficient / ++y;
  return -tmp + Math.log((2.5066282746310005 * series) / x);
}

/** Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function. */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperContinuedFraction(a, x);
}

function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 500; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function upperContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** P(X ≥ statistic) for X chi-square distributed with `degreesOfFreedom`: the test's p-value. */
export function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  return regularizedGammaQ(degreesOfFreedom / 2, statistic / 2);
}

/**
 * Average run length of a one-sided CUSUM (increments `z − k`) on normal data whose mean
 * sits `drift` standard deviations above the baseline (Siegmund's approximation,
 * `(e^{−2Δb} + 2Δb − 1) / 2Δ²` with `Δ = drift − k` and `b = h + 1.166`).
 */
export function cusumRunLength(k: number, h: number, drift: number): number {
  const b = h + 1.166;
  const delta = drift - k;
  if (Math.abs(delta) < 1e-9) return b * b;
  return (Math.expm1(-2 * delta * b) + 2 * delta * b) / (2 * delta * delta);
}

/**
 * In-control average run length of a two-sided CUSUM with reference value `k` and decision
 * interval `h`: the two sides alarm independently, so their alarm rates add. When the
 * baseline was estimated from `baselineSamples` observations its mean is off by about
 * `1/√n` standard deviations, which shortens the run length; the run length is then the one
 * for a baseline off by `ERROR_ALLOWANCE` standard errors, a guarantee that holds for most
 * warm-ups without making small shifts undetectable.
 */
export function cusumInControlRunLength(k: number, h: number, baselineSamples?: number): number {
  const error = baselineSamples === undefined || !Number.isFinite(baselineSamples) ? 0 : ERROR_ALLOWANCE / Math.sqrt(baselineSamples);
  return 1 / (1 / cusumRunLength(k, h, error) + 1 / cusumRunLength(k, h, -error));
}

/** Standard errors of a learned baseline's mean that the decision interval allows for. */
export const ERROR_ALLOWANCE = 1;

/** The CUSUM decision interval `h` whose in-control run length is `runLength` observations. */
export function cusumDecisionInterval(k: number, runLength: number, baselineSamples?: number): number {
  let low = 0;
  let high = 1;
  while (cusumInControlRunLength(k, high, baselineSamples) < runLength) high *= 2;
  for (let i = 0; i < 60; i++) {
    const middle = (low + high) / 2;
    if (cusumInControlRunLength(k, middle, baselineSamples) < runLength) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * In-control run length of one side of a CUSUM whose increments (mean `−k`) have the
 * exponential tilt `theta`: the root of `E[e^{θX}] = 1`, which is `2k` for normal values and
 * the log-likelihood-ratio scale for a Bernoulli CUSUM. Siegmund's approximation
 * `(e^{θb} − θb − 1) / θk` with `b = h`: no overshoot allowance, so for skewed increments,
 * whose overshoot is hard to state, it errs towards fewer false alarms.
 */
export function tiltedRunLength(theta: number, k: number, h: number): number {
  return (Math.expm1(theta * h) - theta * h) / (theta * k);
}

/** The `h` at which {@link tiltedRunLength} reaches `runLength`. */
export function tiltedDecisionInterval(theta: number, k: number, runLength: number): number {
  let low = 0;
  let high = 1;
  while (tiltedRunLength(theta, k, high) < runLength) high *= 2;
  for (let i = 0; i < 60; i++) {
    const middle = (low + high) / 2;
    if (tiltedRunLength(theta, k, middle) < runLength) low = middle;
    else high = middle;
  }
  return high;
}
