/**
 * Baselines: what "normal" is for one metric. A mean metric (a rate, tokens, latency) has
 * a mean and a standard deviation; a mix metric (tool mix, decision mix) has category
 * shares. Baselines are learned during a warm-up, given by the user, or restored from a
 * snapshot; given and restored ones are checked here, once, with messages naming the field.
 */
import { OptionsError } from '../core/errors.js';
import { describeValue } from '../internal/options.js';

/** Fewest observations a baseline may rest on. */
export const MIN_BASELINE_SAMPLES = 30;

/** Normal for a mean or a rate. */
export interface MeanBaseline {
  readonly kind: 'mean';
  readonly mean: number;
  /** Standard deviation, > 0. */
  readonly std: number;
  /** Observations it was learned from (absent for a given baseline without a count). */
  readonly samples?: number;
}

/** Normal for a category mix. */
export interface MixBaseline {
  readonly kind: 'mix';
  /** Shares by category, summing to 1. */
  readonly shares: Readonly<Record<string, number>>;
  readonly samples?: number;
}

/** A baseline of either kind. */
export type Baseline = MeanBaseline | MixBaseline;

/** A mean baseline as a user writes it; `std` may be left out for a rate in (0, 1). */
export interface GivenMeanBaseline {
  mean: number;
  std?: number;
  samples?: number;
}

/** A mix baseline as a user writes it. */
export interface GivenMixBaseline {
  shares: Record<string, number>;
  samples?: number;
}

/** Checks a given or restored baseline and returns it normalized, or throws naming `field`. */
export function checkBaseline(factory: string, field: string, value: unknown): Baseline {
  const fail = (path: string, problem: string, got: unknown): never => {
    throw new OptionsError(`${factory}: \`${field}${path}\` ${problem}, got ${describeValue(got)}`);
  };
  if (value === null || typeof value !== 'object') return fail('', 'must be `{ mean, std? }` or `{ shares }`', value);
  const given = value as Record<string, unknown>;
  if (given.samples !== undefined && !(Number.isInteger(given.samples) && (given.samples as number) >= MIN_BASELINE_SAMPLES)) {
    fail('.samples', `must be an integer of at least ${MIN_BASELINE_SAMPLES} (too few samples for a baseline)`, given.samples);
  }
  const samples = given.samples === undefined ? {} : { samples: given.samples as number };
  if (given.shares !== undefined) {
    const shares = given.shares;
    if (shares === null || typeof shares !== 'object' || Array.isArray(shares)) return fail('.shares', 'must be an object of category shares', shares);
    const entries = Object.entries(shares as Record<string, unknown>);
    for (const [category, share] of entries) {
      if (typeof share !== 'number' || !Number.isFinite(share) || share < 0) fail(`.shares.${category}`, 'must be a non-negative number', share);
    }
    const total = entries.reduce((sum, [, share]) => sum + (share as number), 0);
    if (entries.filter(([, share]) => (share as number) > 0).length < 2) fail('.shares', 'must give at least two categories a positive share', shares);
    return { kind: 'mix', shares: Object.fromEntries(entries.map(([category, share]) => [category, (share as number) / total])), ...samples };
  }
  const mean = given.mean;
  if (typeof mean !== 'number' || !Number.isFinite(mean)) return fail('.mean', 'must be a finite number', mean);
  let std = given.std;
  if (std === undefined) {
    if (!(mean > 0 && mean < 1)) fail('.std', 'is required unless `mean` is a rate between 0 and 1', std);
    std = Math.sqrt(mean * (1 - mean));
  }
  if (typeof std !== 'number' || !Number.isFinite(std) || std <= 0) fail('.std', 'must be a positive number (a baseline with std 0 cannot be tested against)', std);
  return { kind: 'mean', mean, std: std as number, ...samples };
}

/** Learns a baseline from a warm-up. */
export interface BaselineLearner {
  readonly samples: number;
  add(value: number | string): void;
  /** The learned baseline, or `undefined` when the warm-up saw no variation to test against. */
  finish(): Baseline | undefined;
}

/**
 * Learns a mean and standard deviation (Welford). For a rate (values 0 or 1, `rate` set) a
 * warm-up without variation still gives a baseline: its standard deviation comes from a
 * Jeffreys-smoothed proportion, so a tool that never failed during warm-up can still be
 * watched for failures. Any other constant warm-up gives none: nothing to test against.
 */
export function meanLearner(rate = false): BaselineLearner {
  let samples = 0;
  let mean = 0;
  let squares = 0;
  return {
    get samples() {
      return samples;
    },
    add(value) {
      const x = value as number;
      samples += 1;
      const delta = x - mean;
      mean += delta / samples;
      squares += delta * (x - mean);
    },
    finish() {
      const std = samples > 1 ? Math.sqrt(squares / (samples - 1)) : 0;
      if (std > 0) return { kind: 'mean', mean, std, samples };
      if (!rate || (mean !== 0 && mean !== 1)) return undefined;
      const smoothed = (mean * samples + 0.5) / (samples + 1);
      return { kind: 'mean', mean, std: Math.sqrt(smoothed * (1 - smoothed)), samples };
    },
  };
}

/** Learns category shares. */
export function mixLearner(): BaselineLearner {
  let samples = 0;
  const counts = new Map<string, number>();
  return {
    get samples() {
      return samples;
    },
    add(value) {
      const category = String(value);
      samples += 1;
      counts.set(category, (counts.get(category) ?? 0) + 1);
    },
    finish() {
      if (counts.size < 2) return undefined;
      return { kind: 'mix', shares: Object.fromEntries([...counts].map(([category, count]) => [category, count / samples])), samples };
    },
  };
}
