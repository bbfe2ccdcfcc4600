/**
 * The `LoopStore` contract: where `loopBreaker` keeps its run counters and tool circuits
 * when a run spans several processes (give every process the same `runId` in
 * `warden.run({ runId })`) or when a fleet should share one circuit per tool. Without a
 * store, `loopBreaker` keeps both in memory on a synchronous fast path; `redisLoopStore`
 * implements this interface with one Lua script per operation.
 *
 * The semantics are exactly those of the in-memory breaker:
 * - `enter`: refuses when the run already made `maxCalls` calls (`max_calls`), or this
 *   tool+args key already ran `maxRepeats` times in the run (`max_repeats`), or the tool's
 *   circuit is open (`circuit_open`; an open circuit whose `cooldownMs` has passed becomes
 *   half-open and lets exactly one trial call through). Otherwise it counts the call.
 *   Check and count are one atomic step.
 * - `succeed`: the tool returned; its circuit closes and its failure count resets.
 * - `fail`: the tool threw; one more consecutive failure; the circuit opens (at `now`) when
 *   this was the trial call or failures reached `failureThreshold`.
 * - `abandonTrial`: the trial call was stopped by another guard, not by the tool; the next
 *   call may be the trial.
 */

/** What `loopBreaker` asks before a call. */
export interface LoopEnterRequest {
  readonly runId: string;
  readonly tool: string;
  /** Stable identity of the tool's args (`stableKey(args)`). */
  readonly argsKey: string;
  readonly maxCalls: number;
  readonly maxRepeats: number;
  readonly cooldownMs: number;
  /** The call's clock, epoch ms. */
  readonly now: number;
}

/** The answer to `enter`. */
export type LoopEnterOutcome =
  | {
      readonly ok: true;
      /** This call is the half-open circuit's one trial. */
      readonly trial: boolean;
      /** The tool had a circuit record (some failure since its last success): a success must close it. */
      readonly circuit: boolean;
    }
  | { readonly ok: false; readonly rule: 'max_calls' }
  | { readonly ok: false; readonly rule: 'max_repeats' }
  | { readonly ok: false; readonly rule: 'circuit_open'; readonly failures: number; readonly retryInMs: number };

/** What `fail` needs to decide whether the circuit opens. */
export interface LoopFailure {
  readonly now: number;
  readonly trial: boolean;
  readonly failureThreshold: number;
}

/** Shared loop counters and circuit-breaker state. See the module comment for the semantics. */
export interface LoopStore {
  /** Atomically checks the run's limits and the tool's circuit, and counts the call. */
  enter(request: LoopEnterRequest): Promise<LoopEnterOutcome>;
  /** Closes the tool's circuit after a success. */
  succeed(tool: string): Promise<void>;
  /** Counts a failure of the tool and opens its circuit when due. */
  fail(tool: string, failure: LoopFailure): Promise<void>;
  /** Frees the half-open trial slot when a guard (not the tool) stopped the trial call. */
  abandonTrial(tool: string): Promise<void>;
}

/** True when `value` has the four `LoopStore` operations (checked once, at construction). */
export function isLoopStore(value: unknown): value is LoopStore {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['enter', 'succeed', 'fail', 'abandonTrial'].every((method) => typeof candidate[method] === 'function');
}
