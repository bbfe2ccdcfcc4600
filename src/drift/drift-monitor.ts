/**
 * `driftMonitor`: notices when an agent's behaviour moves away from its baseline, per
 * version. It listens to the warden's `call`, `run` and `decision` events (the tool call
 * itself only passes through), feeds built-in and custom metrics to the drift engine, and
 * for each alarm emits a `drift` event and a `flag` decision naming the metric, baseline,
 * current value, test statistic, window and the version in force. `warden.drift` gives
 * `snapshot()` (baselines as JSON, to restore later), `status()` and `alarms()`.
 */
import { alarmDecision, type DriftAlarm } from './alarm.js';
import type { DriftApi } from './api.js';
import { createDriftEngine, type DriftSample } from './engine.js';
import { callMetricsReader, decisionMetrics, runMetrics, type MetricValue } from './metrics.js';
import { parseDriftMonitorOptions, type DriftMonitorOptions, type MetricValueOf } from './monitor-options.js';
import { named } from '../internal/named.js';
import type { CallObservation, Decision, Middleware, RunObservation, WardenHost } from '../core/types.js';

export type { CustomMetric, DriftBaselineOptions, DriftMonitorOptions, MetricValueOf } from './monitor-options.js';

const FACTORY = 'driftMonitor';
const MAX_KEPT_ALARMS = 100;

/** Where a metric value came from (one shape for every event, so samples stay monomorphic). */
interface SampleContext {
  versionId: string;
  versionLabel: string | undefined;
  tool: string | undefined;
  callId: string | undefined;
  runId: string | undefined;
}

/**
 * Watches for drift against a baseline, per version. Defaults: all built-in metrics,
 * `warmup` 200, no `threshold` (a bank of CUSUMs tuned to 0.1, 0.25, 0.5 and 1 standard
 * deviation, so small sustained shifts and large sudden ones are both caught; alarms name
 * the `scale` that fired and the `estimatedShift`), `falseAlarmRate` 4e-6 per observation,
 * `window` 200, `debounceMs` 15 minutes.
 * @param options Metrics, baselines and detector settings.
 * @returns A middleware named `driftMonitor` that registers the `drift` capability.
 * @example
 * const warden = createWarden({
 *   agent: 'claims',
 *   middleware: [driftMonitor({
 *     metrics: { approvalRate: (obs) => (obs.tool === 'decide_claim' ? (obs.result as { approved: boolean }).approved : undefined) },
 *     baseline: { warmup: 1_000 },
 *   })],
 * });
 * warden.on('drift', (alarm) => console.log(alarm.metric, alarm.versionId, alarm.estimatedShift));
 */
export function driftMonitor(options: DriftMonitorOptions = {}): Middleware {
  const { custom, enabled, warmup, given, restored, shiftFor, falseAlarmRate, decisionInterval, window, debounceMs } = parseDriftMonitorOptions(options);

  function attach(host: WardenHost): void {
    const alarms: DriftAlarm[] = [];
    const callMetrics = callMetricsReader(enabled);
    const engine = createDriftEngine({
      agent: host.agent,
      warmup,
      given,
      ...(restored !== undefined && { restored }),
      shiftFor,
      falseAlarmRate,
      ...(decisionInterval !== undefined && { decisionInterval }),
      window,
      debounceMs,
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
