/**
 * `createWarden`: the object a user holds. It wraps tool functions into guarded calls that
 * pass through the middleware chain, opens run scopes, owns the event emitter, the kill
 * switch and the counters of swallowed errors, and lets middleware and sinks plug in
 * capabilities (tracing, budgets, approvals, drift) through a small host interface.
 */
import { context as otelContext, trace } from '@opentelemetry/api';
import { EventEmitter } from 'eventemitter3';
import type { z } from 'zod';
import { withCallContext, type CallContext } from './call-context.js';
import { systemClock } from './clock.js';
import { compose, middlewareName } from './compose.js';
import { decide, isoTime } from './decision.js';
import { HaltedError, OptionsError, ToolTimeoutError, isWardenError } from './errors.js';
import { newId } from './internal/ids.js';
import { validateInput, validateOutput } from './middleware/validate.js';
import { createRunStorage, emptyTotals, type RunRecord } from './run-scope.js';
import { missingCapability } from './capabilities.js';
import type { DriftApi } from './drift/api.js';
import type { ApprovalsApi } from './approval/api.js';
import type {
  CallObservation,
  Clock,
  CostReport,
  Decision,
  Middleware,
  ReservationHandle,
  RunInfo,
  RunScope,
  RunTracer,
  SettledUsage,
  ToolCall,
  ToolTraits,
  UsageEstimate,
  UsageInput,
  UsageMeter,
  VersionParts,
  VersionSource,
  VersionStamp,
  WardenEvents,
  WardenHost,
} from './types.js';
import { checkUsage } from './usage.js';
import { isVersionSource, isVersionStamp, versionStamp } from './version.js';
import { parseWardenOptions, type WardenOptions, type WardenPlugin } from './warden-options.js';

export type { WardenOptions, WardenPlugin } from './warden-options.js';

/** The optional second argument of a guarded tool. */
export interface GuardedCallOptions {
  /** A retried call with the same `callId` is the same call (approvals and replays key on it). */
  callId?: string;
  signal?: AbortSignal;
  metadata?: Record<string, unknown>;
}

/** What a tool function receives beside its args. */
export interface ToolContext {
  readonly callId: string;
  readonly signal?: AbortSignal;
  readonly call: ToolCall;
}

/** Options of `warden.tool`. */
export interface ToolOptions<Args = unknown, Result = unknown> extends ToolTraits {
  input?: z.ZodType<Args>;
  output?: z.ZodType<Result>;
}

/** A guarded tool: `fn`'s signature plus optional call options. */
export type GuardedTool<Args, Result> = ((args: Args, options?: GuardedCallOptions) => Promise<Result>) & {
  readonly toolName: string;
  readonly traits: ToolTraits;
};

/** `warden.approvals` as the approval middleware provides it. */
export type { ApprovalsApi } from './approval/api.js';

/** What `warden.decide` needs; the rest comes from the warden and the current run. */
export interface ExternalDecision {
  outcome: Decision['outcome'];
  by: string;
  reason: string;
  tool: string;
  callId?: string;
  rule?: string;
  details?: Record<string, unknown>;
}

/** Counters of swallowed errors and notable events, by name. */
export type WardenStats = Record<string, number>;

/** The warden. */
export interface Warden {
  readonly agent: string;
  /** The default version; runs may get another from a `VersionSource`. */
  readonly version: VersionStamp;
  /** Wraps `fn` so every call passes through the middleware chain. */
  tool<Args, Result>(name: string, fn: (args: Args, context: ToolContext) => Result | Promise<Result>, options?: ToolOptions<Args, Awaited<Result>>): GuardedTool<Args, Awaited<Result>>;
  /** Runs `fn` as one agent run: its own span, loop counters, budget scope and totals. */
  run<T>(scope: RunScope, fn: (run: RunInfo) => T | Promise<T>): Promise<T>;
  /** The run the current async context belongs to. */
  currentRun(): RunInfo | undefined;
  on<E extends keyof WardenEvents & string>(event: E, listener: WardenEvents[E]): Warden;
  off<E extends keyof WardenEvents & string>(event: E, listener: WardenEvents[E]): Warden;
  once<E extends keyof WardenEvents & string>(event: E, listener: WardenEvents[E]): Warden;
  /** Kill switch: every guarded call fails fast with `HaltedError` until `resume()`. */
  halt(reason: string): void;
  resume(): void;
  readonly halted: boolean;
  /** Why the kill switch is on (the `halt` reason); `undefined` while it is off. */
  readonly haltReason: string | undefined;
  /** Holds tokens/cost before a model call; a no-op handle without `tokenBudget`. */
  reserve(estimate: UsageEstimate): Promise<ReservationHandle>;
  /** Settles a model call's real usage, prices it and adds it to the span and run totals. */
  recordUsage(usage: UsageInput, reservation?: ReservationHandle): Promise<SettledUsage>;
  /** Spend so far, by scope and model (from `tokenBudget`; all zero without it). */
  costs(): Promise<CostReport>;
  /** Runs `fn` in a `chat {model}` span under the current run (used by adapters). */
  traceChat<T>(model: string, attributes: Record<string, unknown>, fn: (span: import('@opentelemetry/api').Span | undefined) => Promise<T>): Promise<T>;
  /** The approval inbox (from `approval`). */
  readonly approvals: ApprovalsApi;
  /** Drift monitor access (from `driftMonitor`): `snapshot()`, `status()`, `alarms()`. */
  readonly drift: DriftApi;
  /**
   * Emits a decision made outside a guarded call (an adapter's approval flow, a model-step
   * halt, a registry change) with the agent, current run and version filled in, so it reaches
   * the `decision` event, the run's span and the audit trail like any other.
   */
  decide(input: ExternalDecision): Decision;
  /** Looks up a capability a middleware registered. */
  capability<T>(name: string): T | undefined;
  /** Counters of swallowed telemetry, listener and store errors. */
  stats(): WardenStats;
  /** Flushes sinks and releases resources. */
  close(): Promise<void>;
}

/** Creates a warden: the operational layer around one agent's tools and runs. */
export function createWarden(options: WardenOptions): Warden {
  const { agent, middleware, plugins, clock } = parseWardenOptions(options);
  const emitter = new EventEmitter();
  const runStorage = createRunStorage();
  const capabilities = new Map<string, unknown>();
  const counters = new Map<string, number>();
  const disposers: Array<() => void | Promise<void>> = [];
  const defaultVersion = resolveStaticVersion(options.version);
  let haltReason: string | undefined;
  let closed = false;

  const count = (counter: string, by = 1) => counters.set(counter, (counters.get(counter) ?? 0) + by);
  const safeEmit = (event: string, payload: unknown) => {
    try {
      emitter.emit(event, payload);
    } catch (error) {
      count('listener.errors');
      if (event !== 'error') safeEmit('error', error instanceof Error ? error : new Error(String(error)));
    }
  };
  const tracer = () => capabilities.get('tracer') as RunTracer | undefined;
  const currentRecord = () => runStorage.getStore();

  const host: WardenHost = {
    agent,
    version: defaultVersion,
    clock,
    decide(decision: Decision) {
      safeEmit('decision', decision);
      try {
        tracer()?.recordDecision(decision);
      } catch {
        count('tracing.errors');
      }
    },
    emit: safeEmit,
    on: (event, listener) => void emitter.on(event, listener),
    count,
    provide(name, implementation) {
      if (capabilities.has(name)) throw new OptionsError(`createWarden: two middleware provide "${name}"; use one`);
      capabilities.set(name, implementation);
    },
    capability: <T>(name: string) => capabilities.get(name) as T | undefined,
    currentRun: () => currentRecord()?.info,
  };

  for (const attachable of [...middleware, ...(options.audit ? [options.audit] : []), ...plugins]) {
    const dispose = attachable.attach?.(host);
    if (typeof dispose === 'function') disposers.push(dispose);
  }

  function versionFor(scope: RunScope): VersionStamp {
    if (!isVersionSource(options.version)) return defaultVersion;
    const picked = options.version.resolveVersion(scope);
    return isVersionStamp(picked) ? picked : versionStamp(picked);
  }

  function implicitRecord(): RunRecord {
    const info: RunInfo = { runId: newId('run'), agent, version: versionFor({}), startedAt: clock.now(), metadata: {} };
    return { info, state: new Map(), totals: emptyTotals(), owner: host };
  }

  function tool<Args, Result>(name: string, fn: (args: Args, context: ToolContext) => Result | Promise<Result>, toolOptions: ToolOptions<Args, Awaited<Result>> = {}): GuardedTool<Args, Awaited<Result>> {
    if (typeof name !== 'string' || name.length === 0) throw new OptionsError('warden.tool: `name` must be a non-empty string');
    if (typeof fn !== 'function') throw new OptionsError(`warden.tool("${name}"): \`fn\` must be a function`);
    const { input, output, ...traits } = toolOptions;
    if (traits.timeoutMs !== undefined && !(Number.isFinite(traits.timeoutMs) && traits.timeoutMs > 0)) {
      throw new OptionsError(`warden.tool("${name}"): \`timeoutMs\` must be a positive number, got ${String(traits.timeoutMs)}`);
    }
    const inner: Middleware[] = [];
    if (input) inner.push(validateInput(input));
    if (output) inner.push(validateOutput(output));
    const chain = compose([...middleware, ...inner], (call) => runTool(fn as (args: unknown, context: ToolContext) => unknown, call));

    const guarded = (args: Args, callOptions: GuardedCallOptions = {}) =>
      invoke(name, traits, chain, args, callOptions) as Promise<Awaited<Result>>;
    return Object.assign(guarded, { toolName: name, traits: Object.freeze({ ...traits }) });
  }

  async function invoke(name: string, traits: ToolTraits, chain: (call: ToolCall) => Promise<unknown>, args: unknown, callOptions: GuardedCallOptions): Promise<unknown> {
    const record = currentRecord() ?? implicitRecord();
    const run = record.info;
    const timeout = traits.timeoutMs === undefined ? undefined : startTimeout(traits.timeoutMs, callOptions.signal);
    const call: { -readonly [K in keyof ToolCall]: ToolCall[K] } = {
      tool: name,
      args,
      callId: callOptions.callId ?? newId('call'),
      agent,
      runId: run.runId,
      version: run.version,
      attempt: 1,
      metadata: callOptions.metadata ? { ...run.metadata, ...callOptions.metadata } : run.metadata,
      traits,
    };
    if (run.workflow !== undefined) call.workflow = run.workflow;
    if (run.department !== undefined) call.department = run.department;
    if (run.sessionId !== undefined) call.sessionId = run.sessionId;
    const signal = timeout?.signal ?? callOptions.signal;
    if (signal !== undefined) call.signal = signal;
    const context: CallContext = { state: record.state, clock, host };
    withCallContext(call, context);
    const startedAt = clock.now();
    record.totals.calls += 1;
    try {
      if (haltReason !== undefined) {
        throw new HaltedError(decide(call, { outcome: 'halt', by: 'kill-switch', reason: haltReason }));
      }
      const result = await (timeout ? raceTimeout(chain(call), call, timeout) : chain(call));
      observe(call, startedAt, context.decisions, { outcome: 'ok', result });
      return result;
    } catch (error) {
      const blocked = isWardenError(error) && error.decision !== undefined;
      if (blocked) record.totals.blocked += 1;
      else record.totals.errors += 1;
      observe(call, startedAt, context.decisions, { outcome: blocked ? 'blocked' : 'error', error, ...(isWardenError(error) && { errorCode: error.code }) });
      throw error;
    } finally {
      timeout?.dispose();
    }
  }

  function observe(call: ToolCall, startedAt: number, decisions: Decision[] | undefined, end: Pick<CallObservation, 'outcome' | 'result' | 'error' | 'errorCode'>): void {
    if (emitter.listenerCount('call') === 0) return;
    const observation: CallObservation = {
      tool: call.tool,
      args: call.args,
      callId: call.callId,
      agent: call.agent,
      runId: call.runId,
      version: call.version,
      startedAt,
      durationMs: clock.now() - startedAt,
      decisions: decisions ?? [],
      ...end,
      ...(call.sessionId !== undefined && { sessionId: call.sessionId }),
      ...(call.workflow !== undefined && { workflow: call.workflow }),
      ...(call.department !== undefined && { department: call.department }),
    };
    safeEmit('call', observation);
  }

  function startTimeout(ms: number, outer: AbortSignal | undefined) {
    const controller = new AbortController();
    const handle = clock.setTimeout(() => controller.abort(new Error(`timed out after ${ms} ms`)), ms);
    const onOuterAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    if (outer?.aborted) onOuterAbort();
    return {
      ms,
      signal: controller.signal,
      outer,
      dispose() {
        clock.clearTimeout(handle);
        outer?.removeEventListener('abort', onOuterAbort);
      },
    };
  }

  function raceTimeout(work: Promise<unknown>, call: ToolCall, timeout: ReturnType<typeof startTimeout>): Promise<unknown> {
    const { signal } = timeout;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (timeout.outer?.aborted) return reject(timeout.outer.reason);
        reject(new ToolTimeoutError(decide(call, { outcome: 'halt', by: 'timeout', reason: `tool did not settle within ${timeout.ms} ms` })));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  async function run<T>(scope: RunScope, fn: (run: RunInfo) => T | Promise<T>): Promise<T> {
    if (typeof fn !== 'function') throw new OptionsError('warden.run: `fn` must be a function');
    const parent = currentRecord();
    const info: RunInfo = {
      runId: scope.runId ?? newId('run'),
      agent,
      version: versionFor(scope),
      startedAt: clock.now(),
      metadata: { ...scope.metadata },
      ...(scope.sessionId !== undefined && { sessionId: scope.sessionId }),
      ...(scope.workflow ?? parent?.info.workflow) !== undefined && { workflow: scope.workflow ?? parent?.info.workflow },
      ...(scope.department ?? parent?.info.department) !== undefined && { department: scope.department ?? parent?.info.department },
      ...(parent !== undefined && { parentRunId: parent.info.runId }),
    } as RunInfo;
    const record: RunRecord = { info, state: new Map(), totals: emptyTotals(), owner: host };
    let span: import('@opentelemetry/api').Span | undefined;
    try {
      span = tracer()?.startRun(info);
    } catch {
      count('tracing.errors');
    }
    const body = () => runStorage.run(record, () => fn(info));
    let failure: unknown;
    let failed = false;
    try {
      return await (span ? otelContext.with(trace.setSpan(otelContext.active(), span), body) : body());
    } catch (error) {
      failed = true;
      failure = error;
      throw error;
    } finally {
      try {
        tracer()?.endRun(info, span, failed ? failure : undefined);
      } catch {
        count('tracing.errors');
      }
      safeEmit('run', {
        run: info,
        durationMs: clock.now() - info.startedAt,
        ...record.totals,
        outcome: failed ? 'error' : 'ok',
        ...(failed && { error: failure }),
      });
    }
  }

  const warden: Warden = {
    agent,
    version: defaultVersion,
    tool,
    run,
    currentRun: () => currentRecord()?.info,
    on(event, listener) {
      emitter.on(event, listener);
      return warden;
    },
    off(event, listener) {
      emitter.off(event, listener);
      return warden;
    },
    once(event, listener) {
      emitter.once(event, listener);
      return warden;
    },
    halt(reason: string) {
      haltReason = typeof reason === 'string' && reason.length > 0 ? reason : 'halted';
      safeEmit('halt', { reason: haltReason, at: new Date(clock.now()).toISOString() });
    },
    resume() {
      haltReason = undefined;
      safeEmit('resume', { at: new Date(clock.now()).toISOString() });
    },
    get halted() {
      return haltReason !== undefined;
    },
    get haltReason() {
      return haltReason;
    },
    async reserve(estimate) {
      const meter = capabilities.get('usage') as UsageMeter | undefined;
      if (meter) return meter.reserve(currentRecord()?.info, estimate);
      return NO_RESERVATION;
    },
    async recordUsage(usage, reservation) {
      checkUsage(usage);
      const record = currentRecord();
      const meter = capabilities.get('usage') as UsageMeter | undefined;
      const settled: SettledUsage = meter ? await meter.record(record?.info, usage, reservation) : unmeteredUsage(usage, record?.info);
      if (record) {
        record.totals.inputTokens += settled.inputTokens;
        record.totals.outputTokens += settled.outputTokens;
        record.totals.costUsd += settled.costUsd ?? 0;
      }
      try {
        tracer()?.recordUsage(record?.info, settled);
      } catch {
        count('tracing.errors');
      }
      safeEmit('usage', settled);
      return settled;
    },
    costs() {
      const meter = capabilities.get('usage') as UsageMeter | undefined;
      if (meter) return meter.costs();
      const none = { tokens: 0, costUsd: 0, calls: 0 };
      return Promise.resolve({ at: new Date(clock.now()).toISOString(), total: none, byRun: {}, byAgent: {}, byWorkflow: {}, byDepartment: {}, byDepartmentWorkflow: {}, byModel: {}, limits: [] });
    },
    traceChat(model, attributes, fn) {
      const active = tracer();
      if (!active) return fn(undefined);
      return active.chat(currentRecord()?.info, model, attributes, fn);
    },
    get approvals() {
      return (capabilities.get('approvals') as ApprovalsApi | undefined) ?? (missingCapability('approvals', 'approval()') as unknown as ApprovalsApi);
    },
    get drift() {
      return (capabilities.get('drift') as DriftApi | undefined) ?? (missingCapability('drift', 'driftMonitor()') as unknown as DriftApi);
    },
    decide(input) {
      const run = currentRecord()?.info;
      const decision: { -readonly [K in keyof Decision]: Decision[K] } = {
        outcome: input.outcome,
        by: input.by,
        reason: input.reason,
        tool: input.tool,
        callId: input.callId ?? newId('decision'),
        agent,
        at: isoTime(clock.now()),
        versionId: (run?.version ?? defaultVersion).id,
      };
      if (input.rule !== undefined) decision.rule = input.rule;
      if (input.details !== undefined) decision.details = input.details;
      if (run) {
        decision.runId = run.runId;
        if (run.sessionId !== undefined) decision.sessionId = run.sessionId;
        if (run.workflow !== undefined) decision.workflow = run.workflow;
        if (run.department !== undefined) decision.department = run.department;
      }
      host.decide(decision);
      return decision;
    },
    capability: host.capability,
    stats: () => Object.fromEntries(counters),
    async close() {
      if (closed) return;
      closed = true;
      for (const dispose of disposers.reverse()) {
        try {
          await dispose();
        } catch (error) {
          count('close.errors');
          safeEmit('error', error instanceof Error ? error : new Error(String(error)));
        }
      }
    },
  };

  function unmeteredUsage(usage: UsageInput, info: RunInfo | undefined): SettledUsage {
    const settled: { -readonly [K in keyof SettledUsage]: SettledUsage[K] } = {
      model: usage.model,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      agent,
      versionId: (info?.version ?? defaultVersion).id,
      at: isoTime(clock.now()),
    };
    if (usage.cachedInputTokens !== undefined) settled.cachedInputTokens = usage.cachedInputTokens;
    if (info) {
      settled.runId = info.runId;
      if (info.workflow !== undefined) settled.workflow = info.workflow;
      if (info.department !== undefined) settled.department = info.department;
      if (info.sessionId !== undefined) settled.sessionId = info.sessionId;
    }
    return settled;
  }


  return warden;
}

/** What `reserve` hands out when no budget is configured: nothing is held. */
const NO_RESERVATION: ReservationHandle = Object.freeze({ id: 'unmetered', tokens: 0, costUsd: 0, release: async () => {} });

function runTool(fn: (args: unknown, context: ToolContext) => unknown, call: ToolCall): Promise<unknown> {
  try {
    const context: { -readonly [K in keyof ToolContext]: ToolContext[K] } = { callId: call.callId, call };
    if (call.signal !== undefined) context.signal = call.signal;
    const result = fn(call.args, context);
    return result instanceof Promise ? result : Promise.resolve(result);
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The warden's default version. For a version source (canary routing) it is what a run
 * without a session gets (prod, for a registry's `route()`), or an empty stamp when the
 * source cannot answer yet (e.g. nothing promoted).
 */
function resolveStaticVersion(version: WardenOptions['version']): VersionStamp {
  if (version === undefined) return versionStamp({});
  if (isVersionSource(version)) {
    try {
      const picked = version.resolveVersion({});
      return isVersionStamp(picked) ? picked : versionStamp(picked);
    } catch {
      return versionStamp({});
    }
  }
  return isVersionStamp(version) ? version : versionStamp(version);
}

export { middlewareName };
