/**
 * The options of `driftMonitor`, their types, and their one-time check: scalar fields by
 * zod, baselines and snapshots by hand so every message names the exact field.
 */
import { z } from 'zod';
import { MIN_BASELINE_SAMPLES, checkBaseline, type Baseline, type GivenMeanBaseline, type GivenMixBaseline } from './baseline.js';
import { BUILTIN_METRICS, builtinKind, type BuiltinMetric } from './metrics.js';
import { checkSnapshot, type DriftSnapshot } from './snapshot.js';
import { OptionsError } from '../core/errors.js';
import { describeValue, parseOptions } from '../internal/options.js';
import type { CallObservation, RunObservation } from '../core/types.js';

/**
 * A metric's value for one observation; `undefined` (or `null`) when it does not apply. A
 * boolean counts as a 0/1 rate.
 */
export type MetricValueOf<Observation> = (observation: Observation) => number | boolean | undefined | null;

/** A custom metric: a function over call observations, or a spec choosing calls or runs. */
export type CustomMetric =
  | MetricValueOf<CallObservation>
  | { on?: 'call'; value: MetricValueOf<CallObservation>; threshold?: number }
  | { on: 'run'; value: MetricValueOf<RunObservation>; threshold?: number };

/**
 * Baselines: `warmup` (observations learned per version and metric, default `200`), a
 * `snapshot` from `warden.drift.snapshot()`, and given baselines by metric name. Given
 * ones hold for every version; the others are learned (or restored) per version.
 */
export type DriftBaselineOptions = {
  warmup?: number;
  snapshot?: DriftSnapshot | string;
} & { [metric: string]: GivenMeanBaseline | GivenMixBaseline | number | DriftSnapshot | string | undefined };

/** Options of `driftMonitor`. */
export interface DriftMonitorOptions {
  /** Custom metrics by name, e.g. an approval rate. */
  metrics?: Record<string, CustomMetric>;
  /** Which built-in metrics to watch; `false` for none. Defaults to all. */
  builtins?: readonly BuiltinMetric[] | false;
  /** Defaults to `{ warmup: 200 }`. */
  baseline?: DriftBaselineOptions;
  /**
   * Smallest shift worth an alarm for means and rates, in baseline standard deviations, for
   * users who know it: one CUSUM tuned to it. Defaults to none: a bank of CUSUMs tuned to
   * 0.1, 0.25, 0.5 and 1 standard deviation, which catches small sustained shifts and large
   * sudden ones alike.
   */
  threshold?: number;
  /**
   * Expected false alarms per observation and metric on an unchanged stream (against a known
   * baseline; a learned one adds the chance that its warm-up was off). Defaults to `4e-6`:
   * about 1 % of streams of 2,400 observations.
   */
  falseAlarmRate?: number;
  /** CUSUM decision interval in standard deviations (a single CUSUM, tuned to `threshold` or 0.5); by default derived from `falseAlarmRate`. */
  decisionInterval?: number;
  /** Sliding window of the category-mix test, in observations. Defaults to `200`. */
  window?: number;
  /** After an alarm, the same metric of the same version stays quiet this long (observation time). Defaults to 15 minutes. */
  debounceMs?: number;
}

/** A custom metric after parsing. */
export interface ParsedMetric {
  readonly name: string;
  readonly on: 'call' | 'run';
  readonly value: MetricValueOf<never>;
}

/** `driftMonitor`'s options, checked, with defaults filled in. */
export interface ParsedDriftMonitorOptions {
  readonly custom: readonly ParsedMetric[];
  readonly enabled: ReadonlySet<BuiltinMetric>;
  readonly warmup: number;
  readonly given: Readonly<Record<string, Baseline>>;
  readonly restored: DriftSnapshot | undefined;
  /** The metric's `threshold`, or `undefined` for the default bank. */
  readonly shiftFor: (metric: string) => number | undefined;
  readonly falseAlarmRate: number;
  readonly decisionInterval: number | undefined;
  readonly window: number;
  readonly debounceMs: number;
}

const FACTORY = 'driftMonitor';
/** About one false alarm in 100 streams of 2,400 observations against a known baseline. */
const DEFAULT_FALSE_ALARM_RATE = 4e-6;
const isFunction = (value: unknown) => typeof value === 'function';
const positive = z.number({ error: 'must be a positive number' }).positive({ error: 'must be a positive number' }).finite({ error: 'must be a positive number' });
const metricSchema = z.union(
  [
    z.custom<(...args: unknown[]) => unknown>(isFunction),
    z.object({ on: z.enum(['call', 'run']).optional(), value: z.custom<(...args: unknown[]) => unknown>(isFunction, { error: 'must be a function' }), threshold: positive.optional() }),
  ],
  { error: 'must be a function or `{ on?, value, threshold? }`' },
);
const optionsSchema = z.object({
  metrics: z.record(z.string(), metricSchema, { error: 'must be an object of metric functions' }).optional(),
  builtins: z.union([z.literal(false), z.array(z.enum(BUILTIN_METRICS as [BuiltinMetric, ...BuiltinMetric[]]))], { error: `must be false or a list of ${BUILTIN_METRICS.join(', ')}` }).optional(),
  baseline: z.record(z.string(), z.unknown(), { error: 'must be an object' }).optional(),
  threshold: positive.optional(),
  falseAlarmRate: z.number({ error: 'must be a number between 0 and 1' }).gt(0, { error: 'must be a number between 0 and 1' }).lt(1, { error: 'must be a number between 0 and 1' }).optional(),
  decisionInterval: positive.optional(),
  window: z.number({ error: 'must be an integer of at least 20' }).int({ error: 'must be an integer of at least 20' }).min(20, { error: 'must be an integer of at least 20' }).optional(),
  debounceMs: z.number({ error: 'must be a non-negative number' }).nonnegative({ error: 'must be a non-negative number' }).finite({ error: 'must be a non-negative number' }).optional(),
});

/** Checks `driftMonitor` options once, or throws an `OptionsError` naming the field. */
export function parseDriftMonitorOptions(options: DriftMonitorOptions): ParsedDriftMonitorOptions {
  const parsed = parseOptions(FACTORY, optionsSchema, options);
  const custom = Object.entries(parsed.metrics ?? {}).map(([name, metric]) => {
    const spec = typeof metric === 'function' ? { on: 'call' as const, value: metric } : { on: metric.on ?? ('call' as const), value: metric.value, threshold: metric.threshold };
    return { name, ...spec };
  });
  const kindOf = (metric: string): 'mean' | 'mix' | undefined => (custom.some((entry) => entry.name === metric) ? 'mean' : builtinKind(metric));
  const { warmup, given, restored } = parseBaselines(parsed.baseline ?? {}, kindOf);
  const shifts = new Map(custom.filter((entry) => entry.threshold !== undefined).map((entry) => [entry.name, entry.threshold!]));
  const threshold = parsed.threshold;
  return {
    custom: custom.map(({ name, on, value }) => ({ name, on, value: value as MetricValueOf<never> })),
    enabled: new Set<BuiltinMetric>(parsed.builtins === false ? [] : (parsed.builtins ?? BUILTIN_METRICS)),
    warmup,
    given,
    restored,
    shiftFor: (metric) => shifts.get(metric) ?? threshold,
    falseAlarmRate: parsed.falseAlarmRate ?? DEFAULT_FALSE_ALARM_RATE,
    decisionInterval: parsed.decisionInterval,
    window: parsed.window ?? 200,
    debounceMs: parsed.debounceMs ?? 15 * 60_000,
  };
}

function parseBaselines(baseline: Record<string, unknown>, kindOf: (metric: string) => 'mean' | 'mix' | undefined): { warmup: number; given: Record<string, Baseline>; restored?: DriftSnapshot } {
  const { warmup = 200, snapshot, ...metrics } = baseline;
  if (!(Number.isInteger(warmup) && (warmup as number) >= MIN_BASELINE_SAMPLES)) {
    throw new OptionsError(`${FACTORY}: \`baseline.warmup\` must be an integer of at least ${MIN_BASELINE_SAMPLES} (too few samples for a baseline), got ${describeValue(warmup)}`);
  }
  const given: Record<string, Baseline> = {};
  for (const [metric, value] of Object.entries(metrics)) {
    const checked = checkBaseline(FACTORY, `baseline.${metric}`, value);
    checkKind(metric, `baseline.${metric}`, checked, kindOf);
    given[metric] = checked;
  }
  if (snapshot === undefined) return { warmup: warmup as number, given };
  const restored = checkSnapshot(FACTORY, 'baseline.snapshot', snapshot);
  restored.versions.forEach((version, index) => {
    for (const [metric, checked] of Object.entries(version.baselines)) checkKind(metric, `baseline.snapshot.versions.${index}.baselines.${metric}`, checked, kindOf);
  });
  return { warmup: warmup as number, given, restored };
}

function checkKind(metric: string, field: string, baseline: Baseline, kindOf: (metric: string) => 'mean' | 'mix' | undefined): void {
  const kind = kindOf(metric);
  if (kind === undefined) {
    throw new OptionsError(`${FACTORY}: \`${field}\` names no metric: use a custom metric name or a built-in (${BUILTIN_METRICS.join(', ')}; per tool errorRate:<tool>, latencyMs:<tool>)`);
  }
  if (kind !== baseline.kind) {
    const wanted = kind === 'mix' ? '`{ shares }` (a category mix)' : '`{ mean, std? }`';
    throw new OptionsError(`${FACTORY}: \`${field}\` must be ${wanted} for this metric, got ${baseline.kind === 'mix' ? 'shares' : 'a mean'}`);
  }
}
