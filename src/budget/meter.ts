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
import type { BudgetEntry, BudgetRefusal, BudgetStore, SettleRequest } from '../stores/budget-store.js';
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
  raiseLimit(scope: string, by: LimitRaise): LimitRaised;
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
  const book = createLimitBook(options.limits, options.costLimits, host.agent, options.runRetentionMs);
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

    raiseLimit(scope, by) {
      if (typeof scope !== 'string' || scope.length === 0) throw new OptionsError('raiseLimit: `scope` must be a non-empty string');
      if (typeof by !== 'object' || by === null || (by.tokens === undefined && by.costUsd === undefined)) {
        throw new OptionsError('raiseLimit: give `tokens` and/or `costUsd` to add');
      }
      for (const field of ['tokens', 'costUsd'] as const) {
        const value = by[field];
        if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
          throw new OptionsError(`raiseLimit: \`${field}\` must be a positive number, got ${String(value)}`);
        }
      }
      const normalized = scope === 'agent' ? `agent:${host.agent}` : scope;
      const raised = {
        ...(by.tokens !== undefined && { tokens: book.raise(normalized, 'tokens', by.tokens) }),
        ...(by.costUsd !== undefined && { costUsd: microsToUsd(book.raise(normalized, 'costMicros', usdToMicros(by.costUsd))) }),
      };
      const units = new Set([...(by.tokens !== undefined ? ['tokens'] : []), ...(by.costUsd !== undefined ? ['usd'] : [])]);
      // 'run' covers every run and 'department:*' every department (tickets are lifted; a call
      // still short of budget simply pauses again).
      const family = normalized === 'run' ? 'run:' : normalized.endsWith(':*') ? normalized.slice(0, -1) : undefined;
      const applies = (ticketScope: string) => ticketScope === normalized || (family !== undefined && ticketScope.startsWith(family));
      const resumed = [...tickets.values()].filter((ticket) => applies(ticket.scope) && units.has(ticket.unit));
      for (const ticket of resumed) tickets.delete(ticket.id);
      emitBudget({ type: 'raised', scope: normalized, ...raised, resumed: resumed.map((ticket) => ticket.id), at: isoNow() });
      return { scope: normalized, ...raised, resumed };
    },

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
          const exhaustedTokens = line.maxTokens !== undefined && entry.tokens >= line.maxTokens;
          const exhaustedCost = line.maxCostMicros !== undefined && entry.costMicros >= line.maxCostMicros;
          if (!exhaustedTokens && !exhaustedCost) continue;
          const refusal: BudgetRefusal = exhaustedTokens
            ? { scope: line.scope, unit: 'tokens', limit: line.maxTokens!, spent: entry.tokens, held: entry.heldTokens, requested: 0 }
            : { scope: line.scope, unit: 'costMicros', limit: line.maxCostMicros!, spent: entry.costMicros, held: entry.heldCostMicros, requested: 0 };
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
