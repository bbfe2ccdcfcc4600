/**
 * `compareVersions`: runs every case under a baseline and a candidate version, side by side,
 * and compares them metric by metric with a paired permutation test. Thresholds turn the
 * comparison into a pass/fail you can gate `promote` on in CI.
 */
import { OptionsError } from '../core/errors.js';
import type { VersionParts, VersionStamp } from '../core/types.js';
import { isVersionStamp, versionStamp } from '../core/version-stamp.js';
import { runCase } from './run-case.js';
import { exact } from './scorers.js';
import { mean, pairedPermutationTest } from './stats.js';
import type { CaseComparison, CompareOptions, Comparison, MetricRow, Scorer, Threshold } from './types.js';
import type { ScriptedModel } from './scripted-model.js';
import { format } from './format-number.js';

/** Built-in metrics and which way is better. Scorers are added as `higher`. */
export const BUILT_IN_METRICS: Readonly<Record<string, 'higher' | 'lower'>> = {
  success: 'higher',
  toolErrors: 'lower',
  denials: 'lower',
  tokens: 'lower',
  costUsd: 'lower',
  latencyMs: 'lower',
  steps: 'lower',
  divergences: 'lower',
};

/**
 * Compares two versions on the same cases.
 * @param options cases, the two versions, the agent under test, scorers and thresholds.
 * @returns per-case runs, one row per metric with means, delta and p-value, and `passed`.
 * @example
 * const result = await compareVersions({ cases, baseline: registry.current('prod')!, candidate: registry.get('B')!,
 *   agent: ({ warden, input, model }) => runAgent(warden, input, model), scorers: [exact()], thresholds: { success: 0, costUsd: { maxRegression: 0.1, relative: true } } });
 * console.log(formatComparison(result));
 * if (result.passed) registry.promote('B', 'prod', { by: 'ci', reason: 'eval passed' });
 */
export async function compareVersions<Input = unknown, Model = ScriptedModel>(options: CompareOptions<Input, Model>): Promise<Comparison> {
  check(options);
  const baseline = toStamp(options.baseline);
  const candidate = toStamp(options.candidate);
  const scorers: Scorer<Input>[] = options.scorers ?? (options.cases.some((item) => item.expected !== undefined) ? [exact() as Scorer<Input>] : []);
  const names = new Set<string>();
  for (const scorer of scorers) {
    if (scorer.name in BUILT_IN_METRICS || names.has(scorer.name)) throw new OptionsError(`compareVersions: scorer name "${scorer.name}" is used twice or by a built-in metric`);
    names.add(scorer.name);
  }

  const cases: CaseComparison[] = [];
  for (const [index, evalCase] of options.cases.entries()) {
    // Alternate which side runs first so warm-up effects do not favour one version.
    const baselineFirst = index % 2 === 0;
    const first = await runCase(options, evalCase, baselineFirst ? 'baseline' : 'candidate', baselineFirst ? baseline : candidate, scorers);
    const second = await runCase(options, evalCase, baselineFirst ? 'candidate' : 'baseline', baselineFirst ? candidate : baseline, scorers);
    cases.push({ id: evalCase.id, baseline: baselineFirst ? first : second, candidate: baselineFirst ? second : first });
  }

  const directions: Record<string, 'higher' | 'lower'> = { success: 'higher', ...Object.fromEntries(scorers.map((scorer) => [scorer.name, 'higher' as const])) };
  for (const [metric, better] of Object.entries(BUILT_IN_METRICS)) if (!(metric in directions)) directions[metric] = better;
  const thresholds = normaliseThresholds(options.thresholds ?? { success: 0, ...Object.fromEntries(scorers.map((scorer) => [scorer.name, 0])) });
  const rows = Object.entries(directions)
    .filter(([metric]) => cases.some((item) => item.baseline.metrics[metric] !== undefined || item.candidate.metrics[metric] !== undefined))
    .map(([metric, better]) => metricRow(metric, better, cases, thresholds[metric]));
  for (const metric of Object.keys(thresholds)) {
    if (!rows.some((row) => row.metric === metric)) throw new OptionsError(`compareVersions: \`thresholds.${metric}\` names no metric; metrics are ${rows.map((row) => row.metric).join(', ')}`);
  }
  const failures = rows.flatMap((row) => (row.failure ? [row.failure] : []));
  return { baseline, candidate, cases, metrics: rows, passed: failures.length === 0, failures };
}

function metricRow(metric: string, better: 'higher' | 'lower', cases: readonly CaseComparison[], threshold: Threshold | undefined): MetricRow {
  const pairs = cases.map((item) => [item.baseline.metrics[metric], item.candidate.metrics[metric]] as const).filter((pair): pair is readonly [number, number] => pair[0] !== undefined && pair[1] !== undefined);
  const baselineMean = mean(pairs.map((pair) => pair[0]));
  const candidateMean = mean(pairs.map((pair) => pair[1]));
  const delta = baselineMean === undefined || candidateMean === undefined ? undefined : candidateMean - baselineMean;
  const { pValue } = pairedPermutationTest(pairs.map(([base, next]) => next - base));
  const row = { metric, better, baseline: baselineMean, candidate: candidateMean, delta, pValue, n: pairs.length, ...(threshold && { threshold }) };
  const failure = threshold && delta !== undefined ? judge(row, threshold, delta) : undefined;
  return { ...row, passed: failure === undefined, ...(failure !== undefined && { failure }) };
}

function judge(row: { metric: string; better: 'higher' | 'lower'; baseline: number | undefined; pValue: number }, threshold: Threshold, delta: number): string | undefined {
  const regression = row.better === 'higher' ? -delta : delta;
  const allowed = threshold.relative ? (threshold.maxRegression ?? 0) * Math.abs(row.baseline ?? 0) : (threshold.maxRegression ?? 0);
  if (regression <= allowed + 1e-9) return undefined;
  if (threshold.alpha !== undefined && row.pValue >= threshold.alpha) return undefined;
  const limit = threshold.relative ? `${((threshold.maxRegression ?? 0) * 100).toFixed(1)} %` : String(threshold.maxRegression ?? 0);
  return `${row.metric} got worse by ${format(regression)} (allowed ${limit}${threshold.alpha !== undefined ? `, p=${row.pValue.toFixed(3)} < ${threshold.alpha}` : ''})`;
}

function normaliseThresholds(thresholds: Record<string, Threshold | number>): Record<string, Threshold> {
  const out: Record<string, Threshold> = {};
  for (const [metric, value] of Object.entries(thresholds)) {
    const threshold = typeof value === 'number' ? { maxRegression: value } : value;
    if (typeof threshold !== 'object' || threshold === null) throw new OptionsError(`compareVersions: \`thresholds.${metric}\` must be a number or { maxRegression, relative, alpha }`);
    if (threshold.maxRegression !== undefined && !(Number.isFinite(threshold.maxRegression) && threshold.maxRegression >= 0)) {
      throw new OptionsError(`compareVersions: \`thresholds.${metric}.maxRegression\` must be a non-negative number, got ${String(threshold.maxRegression)}`);
    }
    if (threshold.alpha !== undefined && !(threshold.alpha > 0 && threshold.alpha <= 1)) throw new OptionsError(`compareVersions: \`thresholds.${metric}.alpha\` must be in (0, 1], got ${String(threshold.alpha)}`);
    out[metric] = threshold;
  }
  return out;
}

function check(options: CompareOptions<any, any>): void {
  if (typeof options !== 'object' || options === null) throw new OptionsError('compareVersions: options must be an object');
  if (!Array.isArray(options.cases) || options.cases.length === 0) throw new OptionsError('compareVersions: `cases` must be a non-empty array');
  if (typeof options.agent !== 'function') throw new OptionsError('compareVersions: `agent` must be a function ({ warden, input, model, ... }) => output');
  for (const field of ['baseline', 'candidate'] as const) {
    if (typeof options[field] !== 'object' || options[field] === null) throw new OptionsError(`compareVersions: \`${field}\` must be version parts or a version stamp`);
  }
  const ids = new Set<string>();
  options.cases.forEach((item, index) => {
    if (typeof item?.id !== 'string' || item.id.length === 0) throw new OptionsError(`compareVersions: \`cases[${index}].id\` must be a non-empty string`);
    if (ids.has(item.id)) throw new OptionsError(`compareVersions: \`cases[${index}].id\` "${item.id}" is used twice`);
    ids.add(item.id);
  });
}

function toStamp(version: VersionParts | VersionStamp): VersionStamp {
  return isVersionStamp(version) ? version : versionStamp(version);
}
