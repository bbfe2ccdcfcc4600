/**
 * The public shapes every part of agentwarden shares: the call a middleware sees, the
 * middleware signature, decisions, observations and the small host interface through which
 * a middleware or sink plugs into a warden. No runtime code lives here.
 */
import type { ApprovalEvent } from '../approval/events.js';
import type { Span } from '@opentelemetry/api';

/** What a version is made of; hashed into a stable `agentwarden.version.id`. */
export interface VersionParts {
  /** Prompt text or a hash of it. */
  prompt?: string;
  /** Model id, e.g. `gpt-4o`. */
  model?: string;
  /** Knowledge-base snapshot id. */
  knowledgeBase?: string;
  /** Tool configuration (any JSON-like value). */
  tools?: unknown;
  [part: string]: unknown;
}

/** A version with its content hash, stamped on every span, decision and audit entry. */
export interface VersionStamp {
  /** Content hash of `parts` (`v_` + 16 hex chars). */
  readonly id: string;
  readonly parts: VersionParts;
  /** Optional human label (e.g. from a version registry). */
  readonly label?: string;
}

/** Picks the version in force for one run (canary routing, registries). */
export interface VersionSource {
  resolveVersion(scope: RunScope): VersionStamp | VersionParts;
}

/** Who and what a run belongs to; passed to `warden.run`. */
export interface RunScope {
  sessionId?: string;
  workflow?: string;
  department?: string;
  /** Supplied to resume a known run; generated otherwise. */
  runId?: string;
  metadata?: Record<string, unknown>;
}

/** A run as the warden knows it while it is open. */
export interface RunInfo {
  readonly runId: string;
  readonly agent: string;
  readonly sessionId?: string;
  readonly workflow?: string;
  readonly department?: string;
  readonly version: VersionStamp;
  readonly startedAt: number;
  /** The enclosing run's id when runs nest. */
  readonly parentRunId?: string;
  readonly metadata: Record<string, unknown>;
}

/** Per-tool declarations that change how the guards treat a tool. */
export interface ToolTraits {
  description?: string;
  /** `untrusted`: the tool brings outside text into the run (web fetch, email read). */
  source?: 'trusted' | 'untrusted';
  /** `high`: the tool acts on the world (send money, send email, delete). */
  risk?: 'low' | 'high';
  /** Per-call timeout in ms; the call's `signal` is aborted when it passes. */
  timeoutMs?: number;
}

/** Why a call must wait for a person; set by `policy` rules with `then: 'require_approval'`. */
export interface ApprovalRequirement {
  readonly rule: string;
  readonly reason: string;
  readonly by: string;
  /** Hash of the policy that asked, so a changed policy voids an old approval. */
  readonly policyHash?: string;
}

/** What a middleware sees: one guarded tool call. */
export interface ToolCall {
  readonly tool: string;
  readonly args: unknown;
  readonly callId: string;
  readonly agent: string;
  readonly workflow?: string;
  readonly department?: string;
  readonly sessionId?: string;
  readonly runId: string;
  readonly version: VersionStamp;
  /** 1 for the first attempt; `retry` raises it. */
  readonly attempt: number;
  readonly signal?: AbortSignal;
  readonly metadata: Record<string, unknown>;
  readonly traits: ToolTraits;
  /** Present when an earlier middleware decided the call needs a person's approval. */
  readonly requiresApproval?: ApprovalRequirement;
}

/** Runs the rest of the chain, optionally with a changed call. */
export type Next = (call?: ToolCall) => Promise<unknown>;

/** A middleware: onion-ordered, may change the call, the result, or refuse. */
export interface Middleware {
  (call: ToolCall, next: Next): Promise<unknown>;
  /** Shown in decisions (`by`) and stack traces; defaults to the function's name. */
  readonly middlewareName?: string;
  /** True for a middleware that calls `next` again after it failed (a retry). */
  readonly retriesNext?: boolean;
  /** Called once when a warden is created with this middleware. May return a disposer. */
  attach?: (host: WardenHost) => void | (() => void | Promise<void>);
  /**
   * The same middleware as hooks the warden can fuse into its compiled call path (no promise
   * per layer, no `next` closure). Optional: a plain function middleware works everywhere.
   * `stepMiddleware` builds both forms from one set of hooks.
   */
  readonly steps?: CallSteps;
}

/**
 * A middleware as hooks around the inner layers, each synchronous unless it must wait. The
 * value `enter` returns is this call's state, handed to the other hooks, so a layer keeps
 * nothing per call in shared maps.
 */
export interface CallSteps<State = any> {
  /** On the way in: throw to refuse; return a promise only when it must wait (a remote store). */
  enter(call: ToolCall): State | Promise<State>;
  /** The call passed inward when `enter` changed it; defaults to the same call. */
  forward?(state: State, call: ToolCall): ToolCall;
  /** Runs the inner layers synchronously inside something (an OpenTelemetry context); returns what `inner` returns. */
  around?(state: State, inner: () => unknown): unknown;
  /** After the inner layers succeeded: the result to pass out (a promise when it must wait). */
  exit?(state: State, result: unknown, call: ToolCall): unknown;
  /** After the inner layers failed (not called for errors of this layer's own hooks). */
  fail?(state: State, error: unknown, call: ToolCall): void;
}

/** Decision outcomes: yes, no, wait, a person's verdict, or a stop. */
export type DecisionOutcome = 'allow' | 'deny' | 'pause' | 'approve' | 'reject' | 'halt' | 'flag';

/** A yes, no or wait from a middleware, emitted as an event, a span event and an audit line. */
export interface Decision {
  readonly outcome: DecisionOutcome;
  /** Which middleware or person decided. */
  readonly by: string;
  readonly rule?: string;
  readonly reason: string;
  readonly tool: string;
  readonly callId: string;
  readonly agent: string;
  /** ISO-8601 time. */
  readonly at: string;
  readonly runId?: string;
  readonly sessionId?: string;
  readonly workflow?: string;
  readonly department?: string;
  readonly versionId?: string;
  /** Extra facts (matches, scope, limit...). JSON-serializable. */
  readonly details?: Record<string, unknown>;
}

/** How a guarded call ended. */
export type CallOutcome = 'ok' | 'error' | 'blocked';

/** One finished call, as drift monitors, audit sinks and recorders see it. */
export interface CallObservation {
  readonly tool: string;
  readonly args: unknown;
  readonly result?: unknown;
  readonly error?: unknown;
  readonly outcome: CallOutcome;
  /** Error code of a blocked call (`policy_denied`...). */
  readonly errorCode?: string;
  readonly callId: string;
  readonly agent: string;
  readonly runId: string;
  readonly sessionId?: string;
  readonly workflow?: string;
  readonly department?: string;
  readonly version: VersionStamp;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly decisions: readonly Decision[];
}

/** Model usage as adapters report it to `warden.recordUsage`. */
export interface UsageInput {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
}

/** A usage after pricing, as emitted in the `usage` event. */
export interface SettledUsage extends UsageInput {
  readonly runId?: string;
  readonly agent: string;
  readonly workflow?: string;
  readonly department?: string;
  readonly sessionId?: string;
  readonly versionId: string;
  /** USD, when the model is priced. */
  readonly costUsd?: number;
  /** True when the model has no price: counted in tokens only, never guessed. */
  readonly unpriced?: boolean;
  readonly at: string;
}

/** An estimate handed to `warden.reserve` before a model call. */
export interface UsageEstimate {
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
}

/** A held reservation; pass it back to `recordUsage` or release it. */
export interface ReservationHandle {
  readonly id: string;
  readonly tokens: number;
  readonly costUsd: number;
  release(): Promise<void>;
}

/** One finished run, as drift monitors and audit sinks see it. */
export interface RunObservation {
  readonly run: RunInfo;
  readonly durationMs: number;
  readonly calls: number;
  readonly errors: number;
  readonly blocked: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly outcome: 'ok' | 'error';
  readonly error?: unknown;
}

/** Time source; swap in `fakeClock()` from `agentwarden/testing` in tests. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Events a warden emits. */
export interface WardenEvents {
  decision: (decision: Decision) => void;
  halt: (event: { reason: string; at: string }) => void;
  resume: (event: { at: string }) => void;
  call: (observation: CallObservation) => void;
  run: (observation: RunObservation) => void;
  usage: (usage: SettledUsage) => void;
  budget: (event: Record<string, unknown>) => void;
  approval: (event: ApprovalEvent) => void;
  drift: (event: Record<string, unknown>) => void;
  error: (error: Error) => void;
  [event: string]: (...args: any[]) => void;
}

/** Spend of one scope in a cost report. */
export interface CostLine {
  /** Input + output tokens. */
  readonly tokens: number;
  /** USD of the priced part (unpriced models add tokens only). */
  readonly costUsd: number;
  /** Settled model calls. */
  readonly calls: number;
  /** True when some of these tokens came from a model with no price. */
  readonly unpriced?: boolean;
}

/** A configured ceiling and its use in the current window. */
export interface LimitStatus {
  /** e.g. `department:finance`. */
  readonly scope: string;
  /** Window id (`d2026-11-26`, `m2026-11`...); absent for all-time lines. */
  readonly window?: string;
  readonly unit: 'tokens' | 'usd';
  readonly limit: number;
  readonly spent: number;
  readonly held: number;
  /** spent / limit × 100. */
  readonly percent: number;
}

/** `warden.costs()`: spend by run, agent, workflow, department and model, plus limits in force. */
export interface CostReport {
  /** ISO-8601 time of the snapshot. */
  readonly at: string;
  readonly total: CostLine;
  /** Cost per task = cost per run. */
  readonly byRun: Readonly<Record<string, CostLine>>;
  readonly byAgent: Readonly<Record<string, CostLine>>;
  readonly byWorkflow: Readonly<Record<string, CostLine>>;
  readonly byDepartment: Readonly<Record<string, CostLine>>;
  /** department → workflow → spend. */
  readonly byDepartmentWorkflow: Readonly<Record<string, Readonly<Record<string, CostLine>>>>;
  readonly byModel: Readonly<Record<string, CostLine>>;
  readonly limits: readonly LimitStatus[];
}

/** Budgets plug into the warden through this (registered by `tokenBudget`). */
export interface UsageMeter {
  reserve(run: RunInfo | undefined, estimate: UsageEstimate): Promise<ReservationHandle>;
  record(run: RunInfo | undefined, usage: UsageInput, reservation?: ReservationHandle): Promise<SettledUsage>;
  costs(): Promise<CostReport>;
}

/** Span helpers the tracing middleware registers, used by the warden and adapters. */
export interface RunTracer {
  startRun(run: RunInfo): Span | undefined;
  endRun(run: RunInfo, span: Span | undefined, error?: unknown): void;
  /** Runs `fn` inside a `chat {model}` span that is a child of the run's span. */
  chat<T>(run: RunInfo | undefined, model: string, attributes: Record<string, unknown>, fn: (span: Span | undefined) => Promise<T>): Promise<T>;
  /** Adds an event to the span of call `callId` in run `runId` (e.g. a retry attempt). */
  callEvent(runId: string, callId: string, name: string, attributes: Record<string, string | number | boolean>): void;
  /** Adds a decision as a span event on the call's span (or the run's). */
  recordDecision(decision: Decision): void;
  /** Adds `gen_ai.usage.*` and cost attributes to the active chat span or the run's span. */
  recordUsage(run: RunInfo | undefined, usage: SettledUsage): void;
}

/** What a middleware or sink receives in `attach`: the warden's services. */
export interface WardenHost {
  readonly agent: string;
  /** The warden's default version (runs may get another from a `VersionSource`). */
  readonly version: VersionStamp;
  readonly clock: Clock;
  /** Emits a decision on the emitter, as a span event and to audit sinks. */
  decide(decision: Decision): void;
  /** True when a `decision` or `call` listener would see an `allow` (so it is worth building). */
  hearsDecisions(): boolean;
  /** Emits any warden event. */
  emit(event: string, payload: unknown): void;
  /** Subscribes to a warden event (sinks use this for `call`, `run`, `decision`, `usage`). */
  on(event: string, listener: (payload: any) => void): void;
  /** Counts a swallowed error or other notable thing; shown by `warden.stats()`. */
  count(counter: string, by?: number): void;
  /** Registers a capability: `usage` (UsageMeter), `tracer` (RunTracer), `approvals`, `drift`. */
  provide(capability: string, implementation: unknown): void;
  /** Looks a capability up (e.g. `approvals` from `policy`). */
  capability<T>(name: string): T | undefined;
  /** The run the current async context belongs to. */
  currentRun(): RunInfo | undefined;
}
