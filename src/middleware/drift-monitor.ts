/**
 * `driftMonitor`: notices when an agent's behaviour moves away from its baseline, per
 * version. It listens to the warden's `call`, `run` and `decision` events (the tool call
 * itself only passes through), feeds built-in and custom metrics to the drift engine, and
 * for each alarm emits a `drift` event and a `flag` decision naming the metric, baseline,
 * current value, test statistic, window and the version in force. `warden.drift` gives
 * `snapshot()` (baselines as JSON, to restore later), `status()` and `alarms()`.
 */
import { z } from 'zod';
import { alarmDecision, type DriftAlarm } from '../drift/alarm.js';
import type { DriftApi } from '../drift/api.js';
import { MIN_BASELINE_SAMPLES, checkBaseline, type Baseline, type GivenMeanBaseline, type GivenMixBaseline } from '../drift/baseline.js';
import { createDriftEngine, type DriftSample } from '../drift/engine.js';
import { BUILTIN_METRICS, builtinKind, callMetricsReader, decisionMetrics, runMetrics, type BuiltinMetric, type MetricValue } from '../drift/metrics.js';
import { checkSnapshot, type DriftSnapshot } from '../drift/snapshot.js';
import { OptionsError } from '../errors.js';
import { named } from '../internal/named.js';
import { describeValue, parseOptions } from '../internal/options.js';
import type { CallObservation, Decision, Middleware, RunObservation, WardenHost } from '../types.js';

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
  /** Smallest shift worth an alarm for means and rates, in baseline standard deviations. Defaults to `0.5`. */
  threshold?: number;
  /** Expected false alarms per observation and metric on an unchanged stream. Defaults to `1e-5`. */
  falseAlarmRate?: number;
  /** CUSUM decision interval in standard deviations; by default derived from `falseAlarmRate`. */
  decisionInterval?: number;
  /** Sliding window of the category-mix test, in observations. Defaults to `200`. */
  window?: number;
  /** After an alarm, the same metric of the same version stays quiet this long (observation time). Defaults to 15 minutes. */
  debounceMs?: number;
}

const FACTORY = 'driftMonitor';

/** Where a metric value came from (one shape for every event, so samples stay monomorphic). */
interface SampleContext {
  versionId: string;
  versionLabel: string | undefined;
  tool: string | undefined;
  callId: string | undefined;
  runId: string | undefined;
}
const MAX_KEPT_ALARMS = 100;
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

/**
 * Watches for drift against a baseline, per version. Defaults: all built-in metrics,
 * `warmup` 200, `threshold` 0.5 standard deviations, `falseAlarmRate` 1e-5 per observation,
 * `window` 200, `debounceMs` 15 minutes.
 * @param options Metrics, baselines and detector settings.
 * @returns A middleware named `driftMonitor` that registers the `drift` capability.
 * @example
 * const warden = createWarden({
 *   agent: 'claims',
 *   middleware: [driftMonitor({
 *     metrics: { approvalRate: (obs) => (obs.tool === 'decide_claim' ? (obs.result as { approved: boolean }).approved : undefined) },
 *     baseline: { warmup: 500 },
 *     threshold: 0.15,
 *   })],
 * });
 * warden.on('drift', (alarm) => console.log(alarm.metric, alarm.versionId));
 */
export function driftMonitor(options: DriftMonitorOptions = {}): Middleware {
  const parsed = parseOptions(FACTORY, optionsSchema, options);
  const custom = Object.entries(parsed.metrics ?? {}).map(([name, metric]) => {
    const spec = typeof metric === 'function' ? { on: 'call' as const, value: metric } : { on: metric.on ?? ('call' as const), value: metric.value, threshold: metric.threshold };
    return { name, ...spec };
  });
  const enabled = new Set<BuiltinMetric>(parsed.builtins === false ? [] : (parsed.builtins ?? BUILTIN_METRICS));
  const kindOf = (metric: string): 'mean' | 'mix' | undefined => (custom.some((entry) => entry.name === metric) ? 'mean' : builtinKind(metric));
  const { warmup, given, restored } = parseBaselines(parsed.baseline ?? {}, kindOf);
  const shifts = new Map(custom.filter((entry) => entry.threshold !== undefined).map((entry) => [entry.name, entry.threshold!]));
  const threshold = parsed.threshold ?? 0.5;

  function attach(host: WardenHost): void {
    const alarms: DriftAlarm[] = [];
    const callMetrics = callMetricsReader(enabled);
    const engine = createDriftEngine({
      agent: host.agent,
      warmup,
      given,
      ...(restored !== undefined && { restored }),
      shiftFor: (metric) => shifts.get(metric) ?? threshold,
      falseAlarmRate: parsed.falseAlarmRate ?? 1e-5,
      ...(parsed.decisionInterval !== undefined && { decisionInterval: parsed.decisionInterval }),
      window: parsed.window ?? 200,
      debounceMs: parsed.debounceMs ?? 15 * 60_000,
      count: (counter) => host.count(counter),
    });

    const feed = (values: MetricValue[], at: number, context: SampleContext) => {
      for (const value of values) {
        if (value.kind === 'mean' && !Number.isFinite(value.value)) {
          host.count('drift.ignored');
          continue;
        }
        // Built field by field: object spread here cost more than the whole detector.
        const sample: DriftSample = {
          metric: value.metric,
          kind: value.kind,
          value: value.value,
          rate: value.kind === 'mean' && value.rate === true,
          at,
          versionId: context.versionId,
          versionLabel: context.versionLabel,
          tool: context.tool,
          callId: context.callId,
          runId: context.runId,
        };
        for (const alarm of engine.observe(sample)) {
          alarms.push(alarm);
          if (alarms.length > MAX_KEPT_ALARMS) alarms.shift();
          host.emit('drift', alarm);
          host.decide(alarmDecision(alarm));
        }
      }
    };
    const customValues = <Observation>(on: 'call' | 'run', observation: Observation): MetricValue[] => {
      const values: MetricValue[] = [];
      for (const metric of custom) {
        if (metric.on !== on) continue;
        let value: unknown;
        try {
          value = (metric.value as MetricValueOf<Observation>)(observation);
        } catch {
          host.count('drift.metric_errors');
          continue;
        }
        if (value === undefined || value === null) continue;
        if (typeof value === 'boolean') {
          values.push({ metric: metric.name, kind: 'mean', value: value ? 1 : 0, rate: true });
          continue;
        }
        if (typeof value !== 'number') {
          host.count('drift.ignored');
          continue;
        }
        values.push({ metric: metric.name, kind: 'mean', value });
      }
      return values;
    };
    const guarded = <Payload>(listener: (payload: Payload) => void) => (payload: Payload) => {
      try {
        listener(payload);
      } catch {
        host.count('drift.errors');
      }
    };

    host.on('call', guarded((observation: CallObservation) => {
      const values = [...callMetrics(observation), ...customValues('call', observation)];
      const { version } = observation;
      feed(values, observation.startedAt + observation.durationMs, { versionId: version.id, versionLabel: version.label, tool: observation.tool, callId: observation.callId, runId: observation.runId });
    }));
    host.on('run', guarded((observation: RunObservation) => {
      const values = [...runMetrics(observation, enabled), ...customValues('run', observation)];
      const { version } = observation.run;
      feed(values, observation.run.startedAt + observation.durationMs, { versionId: version.id, versionLabel: version.label, tool: undefined, callId: undefined, runId: observation.run.runId });
    }));
    host.on('decision', guarded((decision: Decision) => {
      if (decision.by === FACTORY) return;
      const at = Date.parse(decision.at);
      feed(decisionMetrics(decision, enabled), Number.isNaN(at) ? host.clock.now() : at, { versionId: decision.versionId ?? host.version.id, versionLabel: undefined, tool: decision.tool, callId: decision.callId, runId: decision.runId });
    }));

    const api: DriftApi = {
      snapshot: () => engine.snapshot(host.clock.now()),
      status: () => engine.status(),
      alarms: () => [...alarms],
    };
    host.provide('drift', api);
  }

  return named(FACTORY, async function driftMonitor(_call, next) {
    return next();
  }, attach);
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
