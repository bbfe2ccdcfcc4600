/**
 * The compiled call path of `warden.tool`: the chain is compiled once per tool (hook layers
 * fused, plain middleware as onion nodes) and each call is one function run — one call
 * object with its hidden context, no promise per layer, the run's totals and the `call`
 * observation only built when someone listens.
 */
import type { z } from 'zod';
import { callContext, withCallContext } from './call-context.js';
import { compileChain, stepMiddleware, type CallStep } from './compose.js';
import { decide } from './decision.js';
import { HaltedError, OptionsError, isWardenError } from './errors.js';
import type { HostParts } from './host.js';
import type { RunRecord } from './run-scope.js';
import { schemaChecker } from './schema-check.js';
import { raceTimeout, startTimeout } from './timeout.js';
import type { CallObservation, CallSteps, Clock, Middleware, ToolCall, ToolTraits } from './types.js';
import { newId } from '../internal/ids.js';

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

/** What the call path needs from its warden. */
export interface CallPathDeps {
  readonly agent: string;
  readonly clock: Clock;
  readonly middleware: readonly Middleware[];
  readonly parts: HostParts;
  /** The run the current async context belongs to, or a fresh implicit one. */
  readonly runRecord: () => RunRecord;
  /** The kill switch's reason while it is on. */
  readonly haltReason: () => string | undefined;
}

/** Returns `warden.tool`. */
export function createToolFactory(deps: CallPathDeps) {
  const { agent, clock, middleware, parts } = deps;
  const { host, emitter } = parts;

  /** Refuses every call while the kill switch is on. */
  const killSwitch: CallSteps<void> = {
    enter(call) {
      const reason = deps.haltReason();
      if (reason !== undefined) throw new HaltedError(decide(call, { outcome: 'halt', by: 'kill-switch', reason }));
    },
  };
  /** Outermost: counts the call's outcome on its run and emits the `call` observation. */
  const settlement: CallSteps<void> = {
    enter() {},
    exit: (_state, result, call) => settled(parts, call, result),
    fail: (_state, error, call) => void failed(parts, call, error),
  };

  return function tool<Args, Result>(name: string, fn: (args: Args, context: ToolContext) => Result | Promise<Result>, toolOptions: ToolOptions<Args, Awaited<Result>> = {}): GuardedTool<Args, Awaited<Result>> {
    if (typeof name !== 'string' || name.length === 0) throw new OptionsError('warden.tool: `name` must be a non-empty string');
    if (typeof fn !== 'function') throw new OptionsError(`warden.tool("${name}"): \`fn\` must be a function`);
    const { input, output, ...traits } = toolOptions;
    if (traits.timeoutMs !== undefined && !(Number.isFinite(traits.timeoutMs) && traits.timeoutMs > 0)) {
      throw new OptionsError(`warden.tool("${name}"): \`timeoutMs\` must be a positive number, got ${String(traits.timeoutMs)}`);
    }
    const layers: Middleware[] = [stepMiddleware('killSwitch', killSwitch), ...middleware];
    if (input) layers.push(schemaChecker('validateInput', 'input', input));
    if (output) layers.push(schemaChecker('validateOutput', 'output', output));
    const terminal = (call: ToolCall) => runTool(fn as (args: unknown, context: ToolContext) => unknown, call);
    const frozenTraits = Object.freeze({ ...traits });
    // Without a timeout the settlement is one more fused layer (one promise per call in all);
    // with one, the whole chain is raced against it and settled outside.
    const timed = frozenTraits.timeoutMs !== undefined;
    const chain = compileChain(timed ? layers : [stepMiddleware('settlement', settlement), ...layers], terminal);
    const guarded = (args: Args, callOptions?: GuardedCallOptions) =>
      (timed ? invokeTimed(name, frozenTraits, chain, args, callOptions) : invoke(name, frozenTraits, chain, args, callOptions)) as Promise<Awaited<Result>>;
    return Object.assign(guarded, { toolName: name, traits: frozenTraits });
  };

  /** Builds the call, with its hidden context, for one invocation. */
  function newCall(name: string, traits: ToolTraits, args: unknown, callOptions: GuardedCallOptions | undefined, signal: AbortSignal | undefined): ToolCall {
    const record = deps.runRecord();
    const run = record.info;
    const call: { -readonly [K in keyof ToolCall]: ToolCall[K] } = {
      tool: name,
      args,
      callId: callOptions?.callId ?? newId('call'),
      agent,
      runId: run.runId,
      version: run.version,
      attempt: 1,
      metadata: callOptions?.metadata ? { ...run.metadata, ...callOptions.metadata } : run.metadata,
      traits,
    };
    if (run.workflow !== undefined) call.workflow = run.workflow;
    if (run.department !== undefined) call.department = run.department;
    if (run.sessionId !== undefined) call.sessionId = run.sessionId;
    if (signal !== undefined) call.signal = signal;
    // The `call` observation needs a start time; without a listener the clock is not read.
    const startedAt = emitter.listenerCount('call') > 0 ? clock.now() : Number.NaN;
    record.totals.calls += 1;
    return withCallContext(call, { state: record.state, clock, host, totals: record.totals, startedAt });
  }

  function invoke(name: string, traits: ToolTraits, chain: CallStep, args: unknown, callOptions: GuardedCallOptions | undefined): Promise<unknown> {
    try {
      return Promise.resolve(chain(newCall(name, traits, args, callOptions, callOptions?.signal)));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function invokeTimed(name: string, traits: ToolTraits, chain: CallStep, args: unknown, callOptions: GuardedCallOptions | undefined): Promise<unknown> {
    const timeout = startTimeout(clock, traits.timeoutMs!, callOptions?.signal);
    const call = newCall(name, traits, args, callOptions, timeout.signal);
    let work: Promise<unknown>;
    try {
      work = Promise.resolve(chain(call));
    } catch (error) {
      work = Promise.reject(error);
    }
    return raceTimeout(work, call, timeout).then(
      (result) => {
        timeout.dispose();
        return settled(parts, call, result);
      },
      (error) => {
        timeout.dispose();
        throw failed(parts, call, error);
      },
    );
  }
}

/** A call succeeded: emits its observation; returns the result. */
function settled(parts: HostParts, call: ToolCall, result: unknown): unknown {
  observe(parts, call, { outcome: 'ok', result });
  return result;
}

/** A call failed: counts it as blocked (a warden decision) or as an error; returns the error. */
function failed(parts: HostParts, call: ToolCall, error: unknown): unknown {
  const blocked = isWardenError(error) && error.decision !== undefined;
  const totals = callContext(call).totals;
  if (totals) {
    if (blocked) totals.blocked += 1;
    else totals.errors += 1;
  }
  observe(parts, call, { outcome: blocked ? 'blocked' : 'error', error, ...(isWardenError(error) && { errorCode: error.code }) });
  return error;
}

function observe(parts: HostParts, call: ToolCall, end: Pick<CallObservation, 'outcome' | 'result' | 'error' | 'errorCode'>): void {
  const context = callContext(call);
  const startedAt = context.startedAt ?? Number.NaN;
  if (Number.isNaN(startedAt) || parts.emitter.listenerCount('call') === 0) return;
  const observation: CallObservation = {
    tool: call.tool,
    args: call.args,
    callId: call.callId,
    agent: call.agent,
    runId: call.runId,
    version: call.version,
    startedAt,
    durationMs: parts.host.clock.now() - startedAt,
    decisions: context.decisions ?? [],
    ...end,
    ...(call.sessionId !== undefined && { sessionId: call.sessionId }),
    ...(call.workflow !== undefined && { workflow: call.workflow }),
    ...(call.department !== undefined && { department: call.department }),
  };
  parts.safeEmit('call', observation);
}

/** Runs the tool function; its value or promise is passed on as it is. */
function runTool(fn: (args: unknown, context: ToolContext) => unknown, call: ToolCall): unknown {
  const context: { -readonly [K in keyof ToolContext]: ToolContext[K] } = { callId: call.callId, call };
  if (call.signal !== undefined) context.signal = call.signal;
  return fn(call.args, context);
}
