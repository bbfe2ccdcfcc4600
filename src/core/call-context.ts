/**
 * What a guarded call carries besides its public fields: its run's state, where its
 * decisions go, the clock, and the warden host. Middleware reach these through the helpers
 * below, so a middleware needs no reference to a warden and works alone under `evaluate`.
 * The context sits under a symbol key, so it survives `{ ...call, args }` and stays out
 * of JSON.
 */
import { systemClock } from './clock.js';
import type { Clock, Decision, ToolCall, WardenHost } from './types.js';

/** Key under which a guarded call carries its context. */
export const CALL_CONTEXT: unique symbol = Symbol.for('agentwarden.callContext');

/** Per-run state: one slot per middleware key. */
export type RunStateMap = Map<unknown, unknown>;

/** The hidden part of a guarded call. */
export interface CallContext {
  readonly state: RunStateMap;
  readonly clock: Clock;
  /** The warden behind the call: decisions go to its emitter, spans and audit trail. */
  readonly host?: WardenHost;
  /** Decisions made about this call so far (created on the first one). */
  decisions?: Decision[];
  /** Where decisions go when there is no host (`evaluate`). */
  readonly onDecision?: (decision: Decision) => void;
  /** The run's totals, counted when the call settles (a warden's calls only). */
  readonly totals?: RunTotals;
  /** When the call started, for its `call` observation; `NaN` when nobody listened at the start. */
  readonly startedAt?: number;
}

/** Running totals of one run, reported in the `run` event when it ends. */
export interface RunTotals {
  calls: number;
  errors: number;
  blocked: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

type CallWithContext = ToolCall & { [CALL_CONTEXT]?: CallContext };

const looseContexts = new WeakMap<object, CallContext>();

/** The call's context; a hand-built call gets one that lives as long as the call object. */
export function callContext(call: ToolCall): CallContext {
  const attached = (call as CallWithContext)[CALL_CONTEXT];
  if (attached) return attached;
  let loose = looseContexts.get(call);
  if (!loose) {
    loose = { state: new Map(), clock: systemClock };
    looseContexts.set(call, loose);
  }
  return loose;
}

/** Returns this run's value under `key`, creating it with `init` on first use. */
export function runLocal<T>(call: ToolCall, key: unknown, init: () => T): T {
  const { state } = callContext(call);
  if (!state.has(key)) state.set(key, init());
  return state.get(key) as T;
}

/** Sends a decision to the warden's emitter, span and audit trail (or `evaluate`'s log). */
export function emitDecision(call: ToolCall, decision: Decision): void {
  const context = callContext(call);
  (context.decisions ??= []).push(decision);
  if (context.host) context.host.decide(decision);
  else context.onDecision?.(decision);
}

/** The clock in force for this call (the warden's, or the system clock). */
export function clockOf(call: ToolCall): Clock {
  return callContext(call).clock;
}

/** The warden host behind this call, if any. */
export function hostOf(call: ToolCall): WardenHost | undefined {
  return callContext(call).host;
}

/** Returns `call` with `context` attached under the hidden key. */
export function withCallContext<T extends ToolCall>(call: T, context: CallContext): T {
  (call as CallWithContext)[CALL_CONTEXT] = context;
  return call;
}
