/**
 * The built-in drift metrics, read off the warden's `call`, `run` and `decision` events:
 * tool mix, error rate and latency per tool, tokens and calls per run, decision mix.
 * Per-tool metrics are named `errorRate:<tool>` and `latencyMs:<tool>`.
 */
import type { CallObservation, Decision, RunObservation } from '../core/types.js';

/** Names of the built-in metrics. */
export type BuiltinMetric = 'toolMix' | 'errorRate' | 'latency' | 'tokensPerRun' | 'callsPerRun' | 'decisionMix';

/** Every built-in metric, the default set. */
export const BUILTIN_METRICS: readonly BuiltinMetric[] = ['toolMix', 'errorRate', 'latency', 'tokensPerRun', 'callsPerRun', 'decisionMix'];

/** One value of one metric: a number for a mean metric, a category for a mix. */
export type MetricValue = { readonly metric: string; readonly kind: 'mean'; readonly value: number; readonly rate?: boolean } | { readonly metric: string; readonly kind: 'mix'; readonly value: string };

/** Which kind a built-in metric name (or per-tool name) is; `undefined` if it is none. */
export function builtinKind(metric: string): 'mean' | 'mix' | undefined {
  if (metric === 'toolMix' || metric === 'decisionMix') return 'mix';
  if (metric === 'tokensPerRun' || metric === 'callsPerRun') return 'mean';
  if (/^(errorRate|latencyMs):./.test(metric)) return 'mean';
  return undefined;
}

/**
 * Reads the built-in values of finished calls. Blocked calls count in the tool mix only.
 * Per-tool metric names are built once per tool, since this runs on every call.
 */
export function callMetricsReader(enabled: ReadonlySet<BuiltinMetric>): (observation: CallObservation) => MetricValue[] {
  const names = new Map<string, { errorRate: string; latency: string }>();
  const namesFor = (tool: string) => {
    let found = names.get(tool);
    if (!found) {
      found = { errorRate: `errorRate:${tool}`, latency: `latencyMs:${tool}` };
      if (names.size < 10_000) names.set(tool, found);
    }
    return found;
  };
  return (observation) => {
    const values: MetricValue[] = [];
    if (enabled.has('toolMix')) values.push({ metric: 'toolMix', kind: 'mix', value: observation.tool });
    if (observation.outcome === 'blocked') return values;
    const { errorRate, latency } = namesFor(observation.tool);
    if (enabled.has('errorRate')) values.push({ metric: errorRate, kind: 'mean', value: observation.outcome === 'error' ? 1 : 0, rate: true });
    if (enabled.has('latency')) values.push({ metric: latency, kind: 'mean', value: observation.durationMs });
    return values;
  };
}

/** Built-in values of one finished run. */
export function runMetrics(observation: RunObservation, enabled: ReadonlySet<BuiltinMetric>): MetricValue[] {
  const values: MetricValue[] = [];
  if (enabled.has('tokensPerRun')) values.push({ metric: 'tokensPerRun', kind: 'mean', value: observation.inputTokens + observation.outputTokens });
  if (enabled.has('callsPerRun')) values.push({ metric: 'callsPerRun', kind: 'mean', value: observation.calls });
  return values;
}

/** The decision-mix value of one decision. */
export function decisionMetrics(decision: Decision, enabled: ReadonlySet<BuiltinMetric>): MetricValue[] {
  return enabled.has('decisionMix') ? [{ metric: 'decisionMix', kind: 'mix', value: decision.outcome }] : [];
}
