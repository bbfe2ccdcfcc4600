/**
 * Scopes: which budget lines one model call is charged to. A call counts against its run,
 * its agent, its workflow and its department at once (hierarchical), and is attributed to
 * those plus its model and its department's workflow for the cost report. Limits come from
 * the options plus whatever a person raised at runtime (`raiseLimit`).
 *
 * Scope keys: `run:<runId>`, `agent:<name>`, `workflow:<name>`, `department:<name>`,
 * `department:<name>/workflow:<name>`, `model:<id>`. Limit lines of agent, workflow and
 * department carry their period; attribution lines are all-time.
 */
import { OptionsError } from '../core/errors.js';
import type { BudgetLine } from '../stores/budget-store.js';
import type { BudgetLimits, ScopedLimit } from './options.js';
import type { BudgetPeriod } from './periods.js';
import { usdToMicros } from './pricing.js';

/** Who a charge belongs to. */
export interface ScopeIdentity {
  readonly runId?: string;
  readonly agent: string;
  readonly workflow?: string;
  readonly department?: string;
}

/** The unit of a limit: tokens, or cost in integer µUSD. */
export type LimitUnit = 'tokens' | 'costMicros';

/** The limits in force, including runtime raises. */
export interface LimitBook {
  /** Lines that carry a ceiling for `identity` (what `reserve` and the tool check use). */
  limitLines(identity: ScopeIdentity): BudgetLine[];
  /** Every line a settlement of `model` by `identity` is charged to (limits and attribution). */
  settleLines(identity: ScopeIdentity, model: string): BudgetLine[];
  /** Named scopes with configured ceilings (agent, listed workflows and departments), for the report. */
  configuredLines(): BudgetLine[];
  /** Adds `amount` to the ceiling of `scope`; returns the new ceiling. Throws when the scope has none. */
  raise(scope: string, unit: LimitUnit, amount: number): number;
  /** The configured ceiling of `scope` (plus this process's own raises), or `undefined` when it has none. */
  ceilingOf(scope: string, unit: LimitUnit): number | undefined;
}

interface Resolved {
  readonly amount: number;
  readonly period: BudgetPeriod | undefined;
}

/** Builds the limit book of one warden's agent from checked options. */
export function createLimitBook(limits: BudgetLimits, costLimits: BudgetLimits, agent: string, runRetentionMs?: number, sharedLimits = false): LimitBook {
  const raised = new Map<string, number>();
  const raisedBy = (unit: LimitUnit, ...scopes: string[]) => (raised.size === 0 ? 0 : scopes.reduce((sum, scope) => sum + (raised.get(`${unit}|${scope}`) ?? 0), 0));
  const toUnit = (unit: LimitUnit, value: number) => (unit === 'tokens' ? value : usdToMicros(value));
  const source = (unit: LimitUnit) => (unit === 'tokens' ? limits : costLimits);

  function resolveScoped(value: ScopedLimit | undefined, unit: LimitUnit): Resolved | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'number') return { amount: toUnit(unit, value), period: 'day' };
    return { amount: toUnit(unit, value.limit), period: value.period ?? 'day' };
  }

  /** The ceiling of `scope` for `unit`, with raises, or undefined when none is configured. */
  function ceiling(scope: string, unit: LimitUnit): Resolved | undefined {
    const configured = source(unit);
    const [kind, ...rest] = scope.split(':');
    const name = rest.join(':');
    switch (kind) {
      case 'run': {
        if (configured.run === undefined) return undefined;
        const extra = name === '' ? raisedBy(unit, 'run') : raisedBy(unit, 'run', scope);
        return { amount: toUnit(unit, configured.run) + extra, period: undefined };
      }
      case 'agent': {
        if (name !== agent) return undefined;
        const base = resolveScoped(configured.agent, unit);
        return base && { amount: base.amount + raisedBy(unit, scope), period: base.period };
      }
      case 'workflow':
      case 'department': {
        const table = configured[kind];
        const listed = table !== undefined && Object.hasOwn(table, name);
        const base = resolveScoped(table && (listed ? table[name] : table['*']), unit);
        // A name that falls back to '*' also gets what was added to '*' itself.
        const extra = listed || name === '*' ? raisedBy(unit, scope) : raisedBy(unit, scope, `${kind}:*`);
        return base && { amount: base.amount + extra, period: base.period };
      }
      default:
        return undefined;
    }
  }

  /** The adjustment names that move `scope`'s ceiling: its own, and its family's (`run`, `department:*`). */
  function limitKeysOf(scope: string): string[] {
    const [kind, ...rest] = scope.split(':');
    const name = rest.join(':');
    if (kind === 'run') return name === '' ? ['run'] : ['run', scope];
    if (kind === 'workflow' || kind === 'department') {
      const table = (limits[kind] ?? costLimits[kind]) as Record<string, unknown> | undefined;
      const listed = (limits[kind] !== undefined && Object.hasOwn(limits[kind]!, name)) || (costLimits[kind] !== undefined && Object.hasOwn(costLimits[kind]!, name));
      return listed || name === '*' || table === undefined ? [scope] : [scope, `${kind}:*`];
    }
    return [scope];
  }

  /** With a store that keeps shared adjustments, every line with a ceiling names the adjustments that apply. */
  function withLimitKeys(lines: BudgetLine[]): BudgetLine[] {
    if (!sharedLimits) return lines;
    return lines.map((line) => (line.maxTokens === undefined && line.maxCostMicros === undefined ? line : { ...line, limitKeys: limitKeysOf(line.scope) }));
  }

  function computeLimitLines(identity: ScopeIdentity): BudgetLine[] {
    const lines = lineSet();
    const scopes = scopesOf(identity);
    for (const unit of ['tokens', 'costMicros'] as const) {
      for (const scope of scopes) {
        const found = ceiling(scope, unit);
        if (found) lines.add(scope, found.period, unit, found.amount);
      }
    }
    return withLimitKeys(lines.list());
  }

  function computeSettleLines(identity: ScopeIdentity, model: string): BudgetLine[] {
    const lines = lineSet();
    for (const line of computeLimitLines(identity)) lines.merge(line);
    for (const scope of scopesOf(identity)) lines.add(scope, undefined);
    if (identity.department !== undefined && identity.workflow !== undefined) {
      lines.add(`department:${identity.department}/workflow:${identity.workflow}`, undefined);
    }
    lines.add(`model:${model}`, undefined);
    return withLimitKeys(lines.list());
  }

  // Lines depend on the run only through its own `run:<id>` line, so everything else is
  // cached by workflow, department (and model); a raise clears the caches.
  const limitCache = new Map<string, readonly BudgetLine[]>();
  const settleCache = new Map<string, readonly BudgetLine[]>();
  const hasRun = limits.run !== undefined || costLimits.run !== undefined;
  const noRun = (identity: ScopeIdentity): ScopeIdentity => ({ agent: identity.agent, ...(identity.workflow !== undefined && { workflow: identity.workflow }), ...(identity.department !== undefined && { department: identity.department }) });

  function cached(cache: Map<string, readonly BudgetLine[]>, key: string, compute: () => BudgetLine[]): readonly BudgetLine[] {
    let lines = cache.get(key);
    if (!lines) {
      if (cache.size >= 1_000) cache.clear();
      lines = compute();
      cache.set(key, lines);
    }
    return lines;
  }

  function runLine(runId: string, attribution: boolean): BudgetLine | undefined {
    const scope = `run:${runId}`;
    if (!hasRun) return attribution ? (runRetentionMs === undefined ? { scope } : { scope, retainMs: runRetentionMs }) : undefined;
    const line: { scope: string; maxTokens?: number; maxCostMicros?: number; retainMs?: number } = { scope };
    if (runRetentionMs !== undefined) line.retainMs = runRetentionMs;
    if (limits.run !== undefined) line.maxTokens = limits.run + raisedBy('tokens', 'run', scope);
    if (costLimits.run !== undefined) line.maxCostMicros = usdToMicros(costLimits.run) + raisedBy('costMicros', 'run', scope);
    return sharedLimits && (line.maxTokens !== undefined || line.maxCostMicros !== undefined) ? { ...line, limitKeys: limitKeysOf(scope) } : line;
  }

  // The last lookup is kept too: calls of one run ask for the same lines again and again.
  let lastLimit: { agent: string; workflow?: string; department?: string; lines: readonly BudgetLine[] } | undefined;
  let lastSettle: { agent: string; workflow?: string; department?: string; model: string; lines: readonly BudgetLine[] } | undefined;
  const same = (a: ScopeIdentity, b: ScopeIdentity) => a.agent === b.agent && a.workflow === b.workflow && a.department === b.department;

  function limitLines(identity: ScopeIdentity): BudgetLine[] {
    if (!lastLimit || !same(lastLimit, identity)) {
      const lines = cached(limitCache, `${identity.agent}\u0000${identity.workflow ?? ''}\u0000${identity.department ?? ''}`, () => computeLimitLines(noRun(identity)));
      lastLimit = { ...noRun(identity), lines };
    }
    const shared = lastLimit.lines;
    const run = identity.runId === undefined ? undefined : runLine(identity.runId, false);
    return run ? [run, ...shared] : [...shared];
  }

  return {
    limitLines,
    settleLines(identity, model) {
      if (!lastSettle || lastSettle.model !== model || !same(lastSettle, identity)) {
        const lines = cached(settleCache, `${identity.agent}\u0000${identity.workflow ?? ''}\u0000${identity.department ?? ''}\u0000${model}`, () => computeSettleLines(noRun(identity), model));
        lastSettle = { ...noRun(identity), model, lines };
      }
      const shared = lastSettle.lines;
      const run = identity.runId === undefined ? undefined : runLine(identity.runId, true);
      return run ? [run, ...shared] : [...shared];
    },
    configuredLines() {
      const names = new Set<string>();
      for (const configured of [limits, costLimits]) {
        if (configured.agent !== undefined) names.add(`agent:${agent}`);
        for (const kind of ['workflow', 'department'] as const) {
          for (const name of Object.keys(configured[kind] ?? {})) if (name !== '*') names.add(`${kind}:${name}`);
        }
      }
      const lines = lineSet();
      for (const unit of ['tokens', 'costMicros'] as const) {
        for (const scope of names) {
          const found = ceiling(scope, unit);
          if (found) lines.add(scope, found.period, unit, found.amount);
        }
      }
      return withLimitKeys(lines.list());
    },
    ceilingOf(scope, unit) {
      return ceiling(scope === 'agent' ? `agent:${agent}` : scope, unit)?.amount;
    },
    raise(scope, unit, amount) {
      const normalized = scope === 'agent' ? `agent:${agent}` : scope;
      if (!ceiling(normalized, unit)) {
        throw new OptionsError(`raiseLimit: no ${unit === 'tokens' ? 'token' : 'cost'} limit is configured for scope "${scope}"`);
      }
      const key = `${unit}|${normalized}`;
      raised.set(key, (raised.get(key) ?? 0) + amount);
      limitCache.clear();
      settleCache.clear();
      lastLimit = undefined;
      lastSettle = undefined;
      return ceiling(normalized, unit)!.amount;
    },
  };
}

/** The limit-bearing scopes of an identity, most specific first. */
function scopesOf(identity: ScopeIdentity): string[] {
  const scopes: string[] = [];
  if (identity.runId !== undefined) scopes.push(`run:${identity.runId}`);
  scopes.push(`agent:${identity.agent}`);
  if (identity.workflow !== undefined) scopes.push(`workflow:${identity.workflow}`);
  if (identity.department !== undefined) scopes.push(`department:${identity.department}`);
  return scopes;
}

/** Lines merged by scope and period, so one window is never charged twice by one request. */
function lineSet() {
  const lines = new Map<string, { scope: string; period?: BudgetPeriod; maxTokens?: number; maxCostMicros?: number }>();
  const set = {
    add(scope: string, period: BudgetPeriod | undefined, unit?: LimitUnit, amount?: number): void {
      const key = `${scope}|${period === undefined ? '' : typeof period === 'string' ? period : `ms${period.ms}`}`;
      let line = lines.get(key);
      if (!line) {
        line = { scope, ...(period !== undefined && { period }) };
        lines.set(key, line);
      }
      if (unit === 'tokens') line.maxTokens = amount!;
      if (unit === 'costMicros') line.maxCostMicros = amount!;
    },
    merge(line: BudgetLine): void {
      if (line.maxTokens !== undefined) set.add(line.scope, line.period, 'tokens', line.maxTokens);
      if (line.maxCostMicros !== undefined) set.add(line.scope, line.period, 'costMicros', line.maxCostMicros);
    },
    list: (): BudgetLine[] => [...lines.values()],
  };
  return set;
}
