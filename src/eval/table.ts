/** Renders a `Comparison` as a plain-text side-by-side table for terminals and CI logs. */
import { format } from './format-number.js';
import type { Comparison, MetricRow } from './types.js';

/** Options of `formatComparison`. */
export interface FormatOptions {
  /** Also list each case whose success differs between the two sides. Defaults to `true`. */
  cases?: boolean;
}

/**
 * The comparison as text: one row per metric (baseline, candidate, delta, p-value, gate), then the verdict.
 * @example console.log(formatComparison(await compareVersions(options)));
 */
export function formatComparison(comparison: Comparison, options: FormatOptions = {}): string {
  const name = (stamp: Comparison['baseline']) => (stamp.label ? `${stamp.label} (${stamp.id})` : stamp.id);
  const header = ['metric', 'better', 'baseline', 'candidate', 'delta', 'p', 'gate'];
  const lines = [header, ...comparison.metrics.map(cells)];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  const table = lines.map((line) => line.map((cell, column) => (column >= 2 && column <= 5 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd());
  const out = [`baseline  ${name(comparison.baseline)}`, `candidate ${name(comparison.candidate)}`, `cases     ${comparison.cases.length}`, '', ...table, ''];
  if (options.cases ?? true) {
    const changed = comparison.cases.filter((item) => item.baseline.metrics.success !== item.candidate.metrics.success);
    for (const item of changed) {
      const side = (run: typeof item.baseline) => (run.metrics.success ? 'ok' : `failed${run.error ? ` (${run.error.message})` : ''}`);
      out.push(`case ${item.id}: baseline ${side(item.baseline)}, candidate ${side(item.candidate)}`);
    }
    if (changed.length > 0) out.push('');
  }
  out.push(comparison.passed ? 'PASS: the candidate is within every threshold' : `FAIL: ${comparison.failures.join('; ')}`);
  return `${out.join('\n')}\n`;
}

function cells(row: MetricRow): string[] {
  const delta = row.delta === undefined ? '–' : `${row.delta > 0 ? '+' : ''}${format(row.delta)}`;
  const gate = row.threshold === undefined ? '' : row.passed ? 'ok' : 'FAIL';
  return [row.metric, row.better === 'higher' ? '↑' : '↓', format(row.baseline), format(row.candidate), delta, row.pValue < 0.001 ? '<0.001' : row.pValue.toFixed(3), gate];
}
