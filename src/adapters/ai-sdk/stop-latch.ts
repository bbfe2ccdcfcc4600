/**
 * Carries a loop-stopping error from a tool to the loop boundary. The AI SDK turns every
 * error a tool's `execute` throws into a `tool-error` part and carries on, so a budget, loop
 * or halt stop raised inside a tool cannot end `generateText` from there. The adapter
 * latches the typed error on the run; the run's next model call (through `wardenModel`) or
 * next guarded tool call throws it, which the SDK does pass on: `generateText` rejects and
 * `streamText` emits an `error` part with our typed error itself, not a wrapper.
 */
import { isWardenError } from '../../core/errors.js';
import type { RunInfo } from '../../core/types.js';

/** Error codes that always end the agent loop (`BudgetExceededError`, `LoopDetectedError`, `HaltedError`). */
export const LOOP_STOPPING_CODES: ReadonlySet<string> = new Set(['budget_exceeded', 'loop_detected', 'halted']);

/** Codes that never count as a refusal under `onDeny: 'throw'`: a slow tool is a failure, not a no. */
const NOT_A_REFUSAL: ReadonlySet<string> = new Set(['tool_timeout']);

/** Latched stops, keyed by the run they stop; the entry goes when the run object does. */
const latchedStops = new WeakMap<RunInfo, unknown>();

/** How a guarded tool treats a refusal (policy deny, validation, injection, approval). */
export type OnDeny = 'tool-error' | 'throw';

/** True when `error` must end the loop under the given `onDeny`. */
export function stopsTheLoop(error: unknown, onDeny: OnDeny): boolean {
  if (!isWardenError(error)) return false;
  if (LOOP_STOPPING_CODES.has(error.code)) return true;
  return onDeny === 'throw' && error.decision !== undefined && !NOT_A_REFUSAL.has(error.code);
}

/** Remembers `error` as the reason `run` must stop; the first stop wins. */
export function latchStop(run: RunInfo, error: unknown): void {
  if (!latchedStops.has(run)) latchedStops.set(run, error);
}

/** Throws the latched stop of `run`, if any, and keeps it latched. */
export function throwIfStopped(run: RunInfo | undefined): void {
  if (run && latchedStops.has(run)) throw latchedStops.get(run);
}

/** Throws the latched stop of `run`, if any, and clears it: it has reached the loop boundary. */
export function throwStopAtBoundary(run: RunInfo | undefined): void {
  if (!run || !latchedStops.has(run)) return;
  const error = latchedStops.get(run);
  latchedStops.delete(run);
  throw error;
}
