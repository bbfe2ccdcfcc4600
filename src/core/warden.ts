/**
 * `createWarden`: the object a user holds, and the composition root that builds it from named
 * pieces — the host (`host.ts`: emitter, capabilities, counters), the run scope (`runs.ts`),
 * the compiled call path (`call-path.ts`), the usage methods (`usage-api.ts`) — plus the kill
 * switch. Middleware and sinks plug capabilities in through the host.
 */
import type { ApprovalsApi } from '../approval/api.js';
import type { DriftApi } from '../drift/api.js';
import { newId } from '../internal/ids.js';
import { createToolFactory, type GuardedTool, type ToolContext, type ToolOptions } from './call-path.js';
import { missingCapability } from './capabilities.js';
import { isoTime } from './decision.js';
import { createHost } from './host.js';
import { createRunScope } from './runs.js';
import type { Clock, CostReport, Decision, ReservationHandle, RunInfo, RunScope, SettledUsage, UsageEstimate, UsageInput, VersionStamp, WardenEvents } from './types.js';
import { createUsageApi } from './usage-api.js';
import { isVersionSource, isVersionStamp, versionStamp } from './version-stamp.js';
import { parseWardenOptions, type WardenOptions } from './warden-options.js';

export type { WardenOptions, WardenPlugin } from './warden-options.js';

export type { GuardedCallOptions, GuardedTool, ToolContext, ToolOptions } from './call-path.js';

/** `warden.approvals` as the approval middleware provides it. */
export type { ApprovalsApi } from '../approval/api.js';

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
  const defaultVersion = resolveStaticVersion(options.version);
  const versionFor = (scope: RunScope): VersionStamp => {
    if (!isVersionSource(options.version)) return defaultVersion;
    const picked = options.version.resolveVersion(scope);
    return isVersionStamp(picked) ? picked : versionStamp(picked);
  };
  const parts = createHost(agent, defaultVersion, clock, () => runs.current()?.info);
  const runs = createRunScope({ agent, clock, parts, versionFor });
  const usage = createUsageApi(agent, defaultVersion, clock, parts, runs.current);
  let haltReason: string | undefined;
  const tool = createToolFactory({ agent, clock, middleware, parts, runRecord: runs.record, haltReason: () => haltReason });
  const { host, emitter, safeEmit, capabilities } = parts;

  const disposers: Array<() => void | Promise<void>> = [];
  for (const attachable of [...middleware, ...(options.audit ? [options.audit] : []), ...plugins]) {
    const dispose = attachable.attach?.(host);
    if (typeof dispose === 'function') disposers.push(dispose);
  }
  let closed = false;

  const warden: Warden = {
    agent,
    version: defaultVersion,
    tool,
    run: runs.run,
    currentRun: () => runs.current()?.info,
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
    reserve: usage.reserve,
    recordUsage: usage.recordUsage,
    costs: usage.costs,
    traceChat(model, attributes, fn) {
      const active = parts.tracer();
      if (!active) return fn(undefined);
      return active.chat(runs.current()?.info, model, attributes, fn);
    },
    get approvals() {
      return (capabilities.get('approvals') as ApprovalsApi | undefined) ?? (missingCapability('approvals', 'approval()') as unknown as ApprovalsApi);
    },
    get drift() {
      return (capabilities.get('drift') as DriftApi | undefined) ?? (missingCapability('drift', 'driftMonitor()') as unknown as DriftApi);
    },
    decide(input) {
      const decision = externalDecision(input, agent, runs.current()?.info, defaultVersion, clock);
      host.decide(decision);
      return decision;
    },
    capability: host.capability,
    stats: () => Object.fromEntries(parts.counters),
    async close() {
      if (closed) return;
      closed = true;
      for (const dispose of disposers.reverse()) {
        try {
          await dispose();
        } catch (error) {
          parts.count('close.errors');
          safeEmit('error', error instanceof Error ? error : new Error(String(error)));
        }
      }
    },
  };
  return warden;
}

/** A decision made outside a guarded call, with the agent, current run and version filled in. */
function externalDecision(input: ExternalDecision, agent: string, run: RunInfo | undefined, defaultVersion: VersionStamp, clock: Clock): Decision {
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
  return decision;
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

