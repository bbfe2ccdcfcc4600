/**
 * Threshold crossings: a settlement that takes a limited line past 50, 80 or 100 % of its
 * ceiling yields one crossing per threshold passed. Because the store answers each
 * settlement with the line's totals before and after, atomically, every crossing is seen by
 * exactly one settlement, also when many run at once or in many processes.
 */
import type { BudgetLine, SettledLine } from '../stores/budget-store.js';
import { microsToUsd } from './pricing.js';

/** The percentages at which `tokenBudget` emits a `budget` event. */
export const BUDGET_THRESHOLDS: readonly number[] = [50, 80, 100];

/** One threshold passed by one settlement. */
export interface ThresholdCrossing {
  readonly scope: string;
  readonly window?: string;
  readonly unit: 'tokens' | 'usd';
  readonly percent: number;
  readonly limit: number;
  readonly spent: number;
}

/** The thresholds `settled` crossed; `lines` and `settled` are aligned by index. */
export function thresholdCrossings(lines: readonly BudgetLine[], settled: readonly SettledLine[]): ThresholdCrossing[] {
  const found: ThresholdCrossing[] = [];
  lines.forEach((line, index) => {
    const result = settled[index];
    if (!result) return;
    if (line.maxTokens === undefined && line.maxCostMicros === undefined) return;
    const base = { scope: result.scope, ...(result.window !== undefined && { window: result.window }) };
    if (line.maxTokens !== undefined && line.maxTokens > 0) {
      for (const percent of passed(line.maxTokens, result.before.tokens, result.after.tokens)) {
        found.push({ ...base, unit: 'tokens', percent, limit: line.maxTokens, spent: result.after.tokens });
      }
    }
    if (line.maxCostMicros !== undefined && line.maxCostMicros > 0) {
      for (const percent of passed(line.maxCostMicros, result.before.costMicros, result.after.costMicros)) {
        found.push({ ...base, unit: 'usd', percent, limit: microsToUsd(line.maxCostMicros), spent: microsToUsd(result.after.costMicros) });
      }
    }
  });
  return found;
}

function passed(limit: number, before: number, after: number): number[] {
  // Integer comparison (before * 100 < percent * limit) avoids floating-point edge misses.
  return BUDGET_THRESHOLDS.filter((percent) => before * 100 < percent * limit && after * 100 >= percent * limit);
}
