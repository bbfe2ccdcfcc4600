/**
 * Turns a store snapshot into the `warden.costs()` report: all-time spend by run, agent,
 * workflow, department, department × workflow and model, and the configured ceilings with
 * their use in the current window. Windowed entries feed only the limits section.
 */
import type { BudgetEntry, BudgetLine, BudgetSnapshot } from '../stores/budget-store.js';
import type { CostLine, CostReport, LimitStatus } from '../core/types.js';
import { microsToUsd, priceOf, type PricingTable } from './pricing.js';

/** Builds the report from every entry, plus `limitLines` and their current-window entries (aligned). */
export function buildCostReport(all: BudgetSnapshot, limitLines: readonly BudgetLine[], limitEntries: readonly BudgetEntry[], pricing: PricingTable): CostReport {
  const byRun: Record<string, CostLine> = {};
  const byAgent: Record<string, CostLine> = {};
  const byWorkflow: Record<string, CostLine> = {};
  const byDepartment: Record<string, CostLine> = {};
  const byDepartmentWorkflow: Record<string, Record<string, CostLine>> = {};
  const byModel: Record<string, CostLine> = {};
  let total = { tokens: 0, costMicros: 0, calls: 0, unpriced: false };

  for (const entry of all.entries) {
    if (entry.window !== undefined || entry.settlements === 0) continue;
    const colon = entry.scope.indexOf(':');
    const kind = entry.scope.slice(0, colon);
    const name = entry.scope.slice(colon + 1);
    const line = costLine(entry);
    if (kind === 'run') byRun[name] = line;
    else if (kind === 'agent') byAgent[name] = line;
    else if (kind === 'workflow') byWorkflow[name] = line;
    else if (kind === 'department') {
      const split = name.indexOf('/workflow:');
      if (split === -1) byDepartment[name] = line;
      else (byDepartmentWorkflow[name.slice(0, split)] ??= {})[name.slice(split + '/workflow:'.length)] = line;
    } else if (kind === 'model') {
      const unpriced = priceOf(pricing, name) === undefined;
      byModel[name] = unpriced ? { ...line, unpriced: true } : line;
      total = { tokens: total.tokens + entry.tokens, costMicros: total.costMicros + entry.costMicros, calls: total.calls + entry.settlements, unpriced: total.unpriced || unpriced };
    }
  }

  return {
    at: new Date(all.at).toISOString(),
    total: { tokens: total.tokens, costUsd: microsToUsd(total.costMicros), calls: total.calls, ...(total.unpriced && { unpriced: true }) },
    byRun,
    byAgent,
    byWorkflow,
    byDepartment,
    byDepartmentWorkflow,
    byModel,
    limits: limitStatuses(limitLines, limitEntries),
  };
}

function costLine(entry: BudgetEntry): CostLine {
  return { tokens: entry.tokens, costUsd: microsToUsd(entry.costMicros), calls: entry.settlements };
}

function limitStatuses(lines: readonly BudgetLine[], entries: readonly BudgetEntry[]): LimitStatus[] {
  const statuses: LimitStatus[] = [];
  lines.forEach((line, index) => {
    const entry = entries[index];
    if (!entry) return;
    const window = entry.window !== undefined ? { window: entry.window } : {};
    // Shared adjustments (raiseLimit / lowerLimit through the store) come back with the entry.
    if (line.maxTokens !== undefined) {
      const limit = line.maxTokens + (entry.adjustTokens ?? 0);
      statuses.push({ scope: line.scope, ...window, unit: 'tokens', limit, spent: entry.tokens, held: entry.heldTokens, percent: percentOf(entry.tokens, limit) });
    }
    if (line.maxCostMicros !== undefined) {
      const limit = line.maxCostMicros + (entry.adjustCostMicros ?? 0);
      statuses.push({
        scope: line.scope,
        ...window,
        unit: 'usd',
        limit: microsToUsd(limit),
        spent: microsToUsd(entry.costMicros),
        held: microsToUsd(entry.heldCostMicros),
        percent: percentOf(entry.costMicros, limit),
      });
    }
  });
  return statuses;
}

function percentOf(spent: number, limit: number): number {
  if (limit === 0) return spent > 0 ? 100 : 0;
  return Math.round((spent / limit) * 10_000) / 100;
}
