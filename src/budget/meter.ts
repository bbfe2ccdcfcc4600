/**
 * The budget meter: what `tokenBudget` registers as the warden's `usage` capability.
 * `reserve` holds an estimate on every limited scope of the run in one atomic store step,
 * `record` settles real usage (releasing the hold), prices it, emits threshold events and
 * span attributes, `costs` reports spend, and `raiseLimit` lifts a ceiling at runtime —
 * which is how a person resumes a budget pause.
 */
import { trace } from '@opentelemetry/api';
import { decide, type DecisionInput } from '../core/decision.js';
import { ApprovalPendingError, BudgetExceededError, OptionsError, StoreUnavailableError, ValidationError, isWardenError, type ValidationIssue } from '../core/errors.js';
import { newId } from '../internal/ids.js';
import type { BudgetEntry, BudgetRefusal, BudgetStore, LimitUnit, SettleRequest } from '../stores/budget-store.js';
import type { CostReport, Decision, ReservationHandle, RunInfo, SettledUsage, ToolCall, UsageEstimate, UsageMeter, WardenHost } from '../core/types.js';
import { usageAttributes } from './attributes.js';
import type { BudgetEvent } from './events.js';
import { pauseTicket, refusalFigures, refusalReason, type BudgetPauseTicket } from './exceeded.js';
import type { ParsedBudgetOptions } from './options.js';
import { costMicros, microsToUsd, priceOf, usdToMicros } from './pricing.js';
import { buildCostReport } from './report.js';
import { createLimitBook, type ScopeIdentity } from './scopes.js';
import { thresholdCrossings } from './thresholds.js';

/** How much to add to a limit. */
export interface LimitRaise {
  /** Tokens to add to the token ceiling. */
  tokens?: number;
  /** USD to add to the cost ceiling. */
  costUsd?: number;
}

/** Who changed a limit and why: on the decision and the `budget` event. */
export interface LimitChange {
  /** The person or system that made the change. Defaults to `'unknown'`. */
  by?: string;
  reason?: string;
}

/** The ceilings after a raise, and the pause tickets it lifted. */
export interface LimitRaised {
  readonly scope: string;
  readonly tokens?: number;
  readonly costUsd?: number;
  readonly resumed: readonly BudgetPauseTicket[];
}

/** The `usage` capability of `tokenBudget`: `warden.capability<BudgetMeter>('usage')`. */
export interface BudgetMeter extends UsageMeter {
  readonly store: BudgetStore;
  /**
   * Adds to the ceiling of `scope` (`'run'` for every run, `'run:<id>'`, `'agent'`,
   * `'workflow:<name>'`, `'department:<name>'`, or `'workflow:*'` / `'department:*'` for every
   * name that falls back to `'*'`) and lifts the pause tickets on that scope; paused calls then
   * go through when called again. Throws `OptionsError` when the scope has no such ceiling.
   * Raises live in this process (a shared store does not share them).
   * @example
   * warden.capability<BudgetMeter>('usage')!.raiseLimit('department:finance', { costUsd: 250 });
   */
  raiseLimit(scope: string, by: LimitRaise, change?: LimitChange): Promise<LimitRaised>;
  /**
   * Takes `by` off the ceiling of `scope` (the same scopes and sharing as `raiseLimit`); calls
   * already over the new ceiling are refused from their next reservation on.
   */
  lowerLimit(scope: string, by: LimitRaise, change?: LimitChange): Promise<LimitRaised>;
  /** Pause tickets not yet lifted (newest last, at most 1,000 kept). */
  paused(): BudgetPauseTicket[];
  /** Refuses a guarded tool call when a scope in force is already exhausted. */
  guardToolCall(call: ToolCall): void | Promise<void>;
}

/** The parts of the warden host the meter uses. */
export type MeterHost = Pick<WardenHost, 'agent' | 'version' | 'clock' | 'emit' | 'decide' | 'count' | 'capability'> & Partial<Pick<WardenHost, 'on'>>;

/** Pause tickets and unpriced model names remembered, at most. */
const MAX_REMEMBERED = 1_000;

interface Origin {
  readonly call?: ToolCall;
  readonly run?: RunInfo;
  readonly tool: string;
  readonly callId: string;
}

/** Creates the meter of one warden over `store`; `close` gives back every reservation still held. */
export function createBudgetMeter(options: ParsedBudgetOptions, store: BudgetStore, host: MeterHost): { meter: BudgetMeter; close: () => Promise<void> } {
  // A store with `adjustLimit` keeps raises for the whole fleet; the book then leaves them to it.
  const shared = typeof store.adjustLimit === 'function';
  const book = createLimitBook(options.limits, options.costLimits, host.agent, options.runRetentionMs, shared);
  const tickets = new Map<string, BudgetPauseTicket>();
  const heldByRun = new Map<string, Set<string>>();
  const unpricedSeen = new Set<string>();
  const isoNow = () => new Date(host.clock.now()).toISOString();
  const emitBudget = (event: BudgetEvent) => host.emit('budget', event);
  // Reservation ids must be unique across processes sharing a store: a random prefix per
  // meter plus a counter (cheaper than a UUID per model call).
  const idPrefix = newId('res');
  let idCounter = 0;

  host.on?.('run', (observation: { run: RunInfo }) => {
    // A run that ends (or fails) gives back whatever it reserved and never settled.
    const held = heldByRun.get(observation.run.runId);
    if (!held) return;
    heldByRun.delete(observation.run.runId);
    for (const id of held) store.release(id).catch(() => host.count('budget.store.errors'));
  });

  function storeFailure(error: unknown): Error {
    host.count('budget.store.errors');
    if (isWardenError(error)) return error;
    return new StoreUnavailableError('budgetStore', (error as Error)?.message ?? String(error), { cause: error });
  }

  /** Runs a store operation; any failure becomes a counted `StoreUnavailableError` (budgets fail closed). */
  async function inStore<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw storeFailure(error);
    }
  }

  function decisionFor(origin: Origin, identity: ScopeIdentity, input: DecisionInput): Decision {
    if (origin.call) return decide(origin.call, input);
    const decision: Decision = {
      outcome: input.outcome,
      by: input.by,
      reason: input.reason,
      tool: origin.tool,
      callId: origin.callId,
      agent: identity.agent,
      at: isoNow(),
      ...(input.rule !== undefined && { rule: input.rule }),
      ...(identity.runId !== undefined && { runId: identity.runId }),
      ...(origin.run?.sessionId !== undefined && { sessionId: origin.run.sessionId }),
      ...(identity.workflow !== undefined && { workflow: identity.workflow }),
      ...(identity.department !== undefined && { department: identity.department }),
      ...(origin.run && { versionId: origin.run.version.id }),
      ...(input.details !== undefined && { details: input.details }),
    };
    host.decide(decision);
    return decision;
  }

  function stop(refusal: BudgetRefusal, identity: ScopeIdentity, origin: Origin): never {
    const figures = refusalFigures(refusal);
    const reason = refusalReason(figures);
    if (options.onExceeded === 'pause') {
      const ticket = pauseTicket(newId('bud'), figures, identity, origin.tool, origin.callId, host.clock.now());
      tickets.set(ticket.id, ticket);
      if (tickets.size > MAX_REMEMBERED) tickets.delete(tickets.keys().next().value!);
      const decision = decisionFor(origin, identity, { outcome: 'pause', by: 'tokenBudget', rule: figures.scope, reason, details: { ...figures, ticketId: ticket.id } });
      emitBudget({ type: 'paused', ticket, at: ticket.createdAt });
      throw new ApprovalPendingError(decision, ticket);
    }
    const decision = decisionFor(origin, identity, { outcome: 'deny', by: 'tokenBudget', rule: figures.scope, reason, details: { ...figures } });
    emitBudget({ type: 'exceeded', ...figures, ...identity, tool: origin.tool, at: decision.at });
    throw new BudgetExceededError(decision, { scope: figures.scope, limit: figures.limit, spent: figures.spent, requested: figures.requested, unit: figures.unit });
  }

  function track(runId: string | undefined, id: string): void {
    if (runId === undefined) return;
    let held = heldByRun.get(runId);
    if (!held) heldByRun.set(runId, (held = new Set()));
    held.add(id);
  }

  function untrack(runId: string | undefined, id: string | undefined): void {
    if (runId === undefined || id === undefined) return;
    const held = heldByRun.get(runId);
    held?.delete(id);
    if (held?.size === 0) heldByRun.delete(runId);
  }

  const meter: BudgetMeter = {
    store,

    async reserve(run, estimate) {
      checkEstimate(estimate);
      const identity = identityOf(host.agent, run);
      const inputTokens = estimate.inputTokens ?? 0;
      const outputTokens = estimate.outputTokens ?? 0;
      const price = priceOf(options.pricing, estimate.model);
      const micros = price ? costMicros(price, { inputTokens, outputTokens }) : 0;
      const id = `${idPrefix}_${(idCounter++).toString(36)}`;
      const lines = book.limitLines(identity);
      let live = lines.length > 0;
      if (live) {
        const outcome = await inStore(() => store.reserve({ id, lines, tokens: inputTokens + outputTokens, costMicros: micros, ttlMs: options.reservationTtlMs }));
        if (!outcome.ok) stop(outcome.refusal, identity, { ...(run && { run }), tool: 'model', callId: id });
        track(identity.runId, id);
      }
      const handle: ReservationHandle = {
        id,
        tokens: inputTokens + outputTokens,
        costUsd: microsToUsd(micros),
        async release() {
          if (!live) return;
          live = false;
          untrack(identity.runId, id);
          await inStore(() => store.release(id));
        },
      };
      return handle;
    },

    async record(run, usage, reservation) {
      if ((usage.cachedInputTokens ?? 0) > usage.inputTokens) {
        throw usageError([{ path: ['cachedInputTokens'], message: `\`cachedInputTokens\` (${usage.cachedInputTokens}) cannot exceed \`inputTokens\` (${usage.inputTokens})`, code: 'invalid_value' }], host);
      }
      const identity = identityOf(host.agent, run);
      const lines = book.settleLines(identity, usage.model);
      const price = priceOf(options.pricing, usage.model);
      const micros = price ? costMicros(price, usage) : 0;
      const request: { -readonly [K in keyof SettleRequest]: SettleRequest[K] } = { lines, tokens: usage.inputTokens + usage.outputTokens, costMicros: micros };
      if (reservation) request.reservationId = reservation.id;
      const outcome = await inStore(() => store.settle(request));
      untrack(identity.runId, reservation?.id);
      const at = isoNow();
      const crossings = thresholdCrossings(lines, outcome.lines);
      for (const crossing of crossings) {
        emitBudget({ type: 'threshold', ...crossing, agent: identity.agent, ...(identity.runId !== undefined && { runId: identity.runId }), model: usage.model, at });
      }
      if (!price) {
        host.count('budget.unpriced');
        if (!unpricedSeen.has(usage.model) && unpricedSeen.size < MAX_REMEMBERED) {
          unpricedSeen.add(usage.model);
          emitBudget({ type: 'unpriced', model: usage.model, agent: identity.agent, at });
        }
      }
      const settled: { -readonly [K in keyof SettledUsage]: SettledUsage[K] } = {
        model: usage.model,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        agent: identity.agent,
        versionId: (run?.version ?? host.version).id,
        at,
      };
      if (usage.cachedInputTokens !== undefined) settled.cachedInputTokens = usage.cachedInputTokens;
      if (price) settled.costUsd = microsToUsd(micros);
      else settled.unpriced = true;
      if (run) settled.runId = run.runId;
      if (run?.sessionId !== undefined) settled.sessionId = run.sessionId;
      if (identity.workflow !== undefined) settled.workflow = identity.workflow;
      if (identity.department !== undefined) settled.department = identity.department;
      if (!host.capability('tracer')) trace.getActiveSpan()?.setAttributes(usageAttributes(settled));
      return settled;
    },

    async costs(): Promise<CostReport> {
      const configured = book.configuredLines();
      const [all, current] = await Promise.all([inStore(() => store.snapshot()), configured.length > 0 ? inStore(() => store.snapshot(configured)) : undefined]);
      return buildCostReport(all, configured, current?.entries ?? [], options.pricing);
    },

    raiseLimit: (scope, by, change) => changeLimit('raiseLimit', scope, by, change, 1),
    lowerLimit: (scope, by, change) => changeLimit('lowerLimit', scope, by, change, -1),

    paused: () => [...tickets.values()],

    guardToolCall(call) {
      const identity: ScopeIdentity = {
        agent: call.agent,
        runId: call.runId,
        ...(call.workflow !== undefined && { workflow: call.workflow }),
        ...(call.department !== undefined && { department: call.department }),
      };
      const lines = book.limitLines(identity);
      if (lines.length === 0) return;
      const refuseExhausted = (entries: readonly BudgetEntry[]) => {
        for (let index = 0; index < lines.length; index++) {
          const line = lines[index]!;
          const entry = entries[index];
          if (!entry) continue;
          // Shared adjustments (raiseLimit / lowerLimit through the store) come back with the entry.
          const maxTokens = line.maxTokens === undefined ? undefined : line.maxTokens + (entry.adjustTokens ?? 0);
          const maxCostMicros = line.maxCostMicros === undefined ? undefined : line.maxCostMicros + (entry.adjustCostMicros ?? 0);
          const exhaustedTokens = maxTokens !== undefined && entry.tokens >= maxTokens;
          const exhaustedCost = maxCostMicros !== undefined && entry.costMicros >= maxCostMicros;
          if (!exhaustedTokens && !exhaustedCost) continue;
          const refusal: BudgetRefusal = exhaustedTokens
            ? { scope: line.scope, unit: 'tokens', limit: maxTokens!, spent: entry.tokens, held: entry.heldTokens, requested: 0 }
            : { scope: line.scope, unit: 'costMicros', limit: maxCostMicros!, spent: entry.costMicros, held: entry.heldCostMicros, requested: 0 };
          stop(entry.window === undefined ? refusal : { ...refusal, window: entry.window }, identity, { call, tool: call.tool, callId: call.callId });
        }
      };
      // An in-process store answers at once: no promise on the tool-call path.
      if (store.snapshotNow) {
        let entries: readonly BudgetEntry[];
        try {
          entries = store.snapshotNow(lines).entries;
        } catch (error) {
          throw storeFailure(error);
        }
        return refuseExhausted(entries);
      }
      return store.snapshot(lines).then(
        (snapshot) => refuseExhausted(snapshot.entries),
        (error) => {
          throw storeFailure(error);
        },
      );
    },
  };
  /**
   * Moves a ceiling by `by` (up or down). Through a store with `adjustLimit` the change is
   * fleet-wide: every process sharing the store checks its next reservation against it.
   * Otherwise it stays in this process. Either way it is an audited decision naming who made it.
   */
  async function changeLimit(method: 'raiseLimit' | 'lowerLimit', scope: string, by: LimitRaise, change: LimitChange | undefined, sign: 1 | -1): Promise<LimitRaised> {
    if (typeof scope !== 'string' || scope.length === 0) throw new OptionsError(`${method}: \`scope\` must be a non-empty string`);
    if (typeof by !== 'object' || by === null || (by.tokens === undefined && by.costUsd === undefined)) {
      throw new OptionsError(`${method}: give \`tokens\` and/or \`costUsd\` to ${sign > 0 ? 'add' : 'take off'}`);
    }
    for (const field of ['tokens', 'costUsd'] as const) {
      const value = by[field];
      if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
        throw new OptionsError(`${method}: \`${field}\` must be a positive number, got ${String(value)}`);
      }
    }
    if (change !== undefined && (typeof change !== 'object' || change === null || (change.by !== undefined && typeof change.by !== 'string') || (change.reason !== undefined && typeof change.reason !== 'string'))) {
      throw new OptionsError(`${method}: the third argument must be { by?: string, reason?: string }`);
    }
    const normalized = scope === 'agent' ? `agent:${host.agent}` : scope;
    const amounts: Array<[LimitUnit, number]> = [];
    if (by.tokens !== undefined) amounts.push(['tokens', Math.round(by.tokens)]);
    if (by.costUsd !== undefined) amounts.push(['costMicros', usdToMicros(by.costUsd)]);
    for (const [unit] of amounts) {
      if (book.ceilingOf(normalized, unit) === undefined) throw new OptionsError(`${method}: no ${unit === 'tokens' ? 'token' : 'cost'} limit is configured for scope "${scope}"`);
    }
    const ceilings: Partial<Record<LimitUnit, number>> = {};
    for (const [unit, amount] of amounts) {
      if (shared && store.adjustLimit) {
        const adjustment = await inStore(() => store.adjustLimit!(normalized, unit, sign * amount));
        ceilings[unit] = book.ceilingOf(normalized, unit)! + adjustment;
      } else {
        ceilings[unit] = book.raise(normalized, unit, sign * amount);
      }
    }
    const raised = {
      ...(ceilings.tokens !== undefined && { tokens: ceilings.tokens }),
      ...(ceilings.costMicros !== undefined && { costUsd: microsToUsd(ceilings.costMicros) }),
    };
    const who = change?.by ?? 'unknown';
    decisionFor({ tool: 'budget', callId: `${method}:${normalized}` }, { agent: host.agent }, {
        outcome: sign > 0 ? 'approve' : 'flag',
        by: who,
        rule: `budget.${method}`,
        reason: change?.reason ?? `${sign > 0 ? 'raised' : 'lowered'} the limit of ${normalized}`,
        details: { scope: normalized, ...raised, change: Object.fromEntries(amounts.map(([unit, amount]) => [unit === 'tokens' ? 'tokens' : 'costUsd', sign * (unit === 'tokens' ? amount : microsToUsd(amount))])), shared: Boolean(shared && store.adjustLimit) },
    });
    let resumed: BudgetPauseTicket[] = [];
    if (sign > 0) {
      const units = new Set(amounts.map(([unit]) => (unit === 'tokens' ? 'tokens' : 'usd')));
      // 'run' covers every run and 'department:*' every department (tickets are lifted; a call
      // still short of budget simply pauses again).
      const family = normalized === 'run' ? 'run:' : normalized.endsWith(':*') ? normalized.slice(0, -1) : undefined;
      const applies = (ticketScope: string) => ticketScope === normalized || (family !== undefined && ticketScope.startsWith(family));
      resumed = [...tickets.values()].filter((ticket) => applies(ticket.scope) && units.has(ticket.unit));
      for (const ticket of resumed) tickets.delete(ticket.id);
    }
    emitBudget({ type: sign > 0 ? 'raised' : 'lowered', scope: normalized, ...raised, by: who, resumed: resumed.map((ticket) => ticket.id), at: isoNow() });
    return { scope: normalized, ...raised, resumed };
  }

  async function close(): Promise<void> {
    const held = [...heldByRun.values()].flatMap((ids) => [...ids]);
    heldByRun.clear();
    await Promise.all(held.map((id) => store.release(id).catch(() => host.count('budget.store.errors'))));
  }
  return { meter, close };
}

function identityOf(agent: string, run: RunInfo | undefined): ScopeIdentity {
  // Plain assignment, not conditional spreads: this runs twice per model call.
  const identity: { -readonly [K in keyof ScopeIdentity]: ScopeIdentity[K] } = { agent };
  if (run) {
    identity.runId = run.runId;
    if (run.workflow !== undefined) identity.workflow = run.workflow;
    if (run.department !== undefined) identity.department = run.department;
  }
  return identity;
}

function checkEstimate(estimate: UsageEstimate): void {
  const issues: ValidationIssue[] = [];
  if (typeof estimate !== 'object' || estimate === null) {
    issues.push({ path: [], message: 'estimate must be an object', code: 'invalid_type' });
  } else {
    if (estimate.model !== undefined && (typeof estimate.model !== 'string' || estimate.model.length === 0)) {
      issues.push({ path: ['model'], message: '`model` must be a non-empty string', code: 'invalid_type' });
    }
    for (const field of ['inputTokens', 'outputTokens'] as const) {
      const value = estimate[field];
      if (value !== undefined && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
        issues.push({ path: [field], message: `\`${field}\` must be a non-negative integer, got ${String(value)}`, code: 'invalid_value' });
      }
    }
  }
  if (issues.length > 0) throw usageError(issues);
}

function usageError(issues: ValidationIssue[], host?: MeterHost): ValidationError {
  const reason = issues.map((issue) => issue.message).join('; ');
  const at = new Date(host?.clock.now() ?? Date.now()).toISOString();
  return new ValidationError({ outcome: 'deny', by: 'tokenBudget', reason, tool: 'model', callId: 'usage', agent: host?.agent ?? 'unknown', at }, issues, 'usage');
}
