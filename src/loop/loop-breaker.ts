/**
 * The loop circuit breaker. Within a run: the same tool with the same args (a stable hash
 * that ignores key order and survives cycles, BigInt and huge values) more than `maxRepeats`
 * times, or more than `maxCalls` calls in all, halts the run. Across runs: a tool that fails
 * `failureThreshold` times in a row opens its circuit for `cooldownMs`; then one trial call
 * is let through (half-open) and its outcome closes or re-opens the circuit.
 * Counters and circuits live in this process unless a `store` (e.g. `redisLoopStore`)
 * shares them between the processes of one run or of a whole fleet.
 */
import { clockOf, hostOf, runLocal } from '../core/call-context.js';
import { decide } from '../core/decision.js';
import { LoopDetectedError, isWardenError } from '../core/errors.js';
import { named } from '../internal/named.js';
import { parseOptions } from '../internal/options.js';
import { stableKey } from '../internal/stable-hash.js';
import { stepMiddleware } from '../core/compose.js';
import { isLoopStore, type LoopStore } from './loop-store.js';
import { attachStore } from '../stores/store-host.js';
import type { Middleware, ToolCall } from '../core/types.js';
import { z } from 'zod';

/** Options of `loopBreaker`. */
export interface LoopBreakerOptions {
  /** Identical calls allowed per run. Defaults to `3`. */
  maxRepeats?: number;
  /** Calls allowed per run. Defaults to `50`. */
  maxCalls?: number;
  /** Consecutive failures of a tool that open its circuit. Defaults to `5`. */
  failureThreshold?: number;
  /** How long an open circuit stays open, in ms. Defaults to `30_000`. */
  cooldownMs?: number;
  /**
   * Distinct (tool, args) pairs remembered per run, most recently used first; a repeat is
   * caught while its pair is among them, and a run's memory stays bounded however long it
   * runs. Defaults to `1_024`.
   */
  window?: number;
  /**
   * Where run counters and circuits live when they must be shared across processes
   * (`redisLoopStore`). Defaults to this process's memory (a synchronous fast path).
   */
  store?: LoopStore;
}

/** A tool's circuit: closed (normal), open (failing fast), half-open (one trial call). */
export type CircuitState = 'closed' | 'open' | 'half-open';

const positiveInteger = z.number({ message: 'must be a positive integer' }).int({ message: 'must be a positive integer' }).positive({ message: 'must be a positive integer' });
const loopBreakerSchema = z.strictObject(
  {
    maxRepeats: positiveInteger.optional(),
    maxCalls: positiveInteger.optional(),
    failureThreshold: positiveInteger.optional(),
    cooldownMs: z.number({ message: 'must be a non-negative number' }).nonnegative({ message: 'must be a non-negative number' }).optional(),
    window: positiveInteger.optional(),
    store: z.custom<LoopStore>(isLoopStore, { message: 'must be a LoopStore with enter, succeed, fail and abandonTrial' }).optional(),
  },
  { message: 'must be an object' },
);

interface RunCounters {
  calls: number;
  repeats: Map<string, number>;
}

interface Circuit {
  state: CircuitState;
  failures: number;
  openedAt: number;
  trialInFlight: boolean;
}

const RUN_COUNTERS = Symbol('agentwarden.loopBreaker');

/** How a call entered: its tool had no circuit, had one (closed), or it is the half-open trial. */
type EntryState = 0 | 1 | 2;
const NO_CIRCUIT = 0;
const WITH_CIRCUIT = 1;
const TRIAL = 2;

/**
 * Halts runs that repeat themselves and fails fast on tools that keep failing.
 * @param options Limits; every field is optional.
 * @returns A middleware named `loopBreaker`.
 * @example
 * createWarden({ agent: 'a', middleware: [loopBreaker({ maxRepeats: 2, maxCalls: 20 })] });
 */
export function loopBreaker(options: LoopBreakerOptions = {}): Middleware {
  const { maxRepeats = 3, maxCalls = 50, failureThreshold = 5, cooldownMs = 30_000, window = 1_024, store } = parseOptions('loopBreaker', loopBreakerSchema, options);
  if (store) return sharedLoopBreaker(store, { maxRepeats, maxCalls, failureThreshold, cooldownMs });
  const circuits = new Map<string, Circuit>();

  // A call's state: whether its tool had a circuit when it entered, and whether it is the
  // half-open trial.
  return stepMiddleware<EntryState>('loopBreaker', {
    enter(call) {
      const counters = runLocal<RunCounters>(call, RUN_COUNTERS, () => ({ calls: 0, repeats: new Map() }));
      if (counters.calls >= maxCalls) {
        throw halt(call, 'max_calls', `run made more than ${maxCalls} tool calls`, { maxCalls });
      }
      const key = `${call.tool}\u0000${stableKey(call.args)}`;
      const repeats = counters.repeats.get(key) ?? 0;
      if (repeats >= maxRepeats) {
        throw halt(call, 'max_repeats', `${call.tool} called with the same args more than ${maxRepeats} times in this run`, { maxRepeats });
      }
      const circuit = circuits.get(call.tool);
      let state: EntryState = circuit ? WITH_CIRCUIT : NO_CIRCUIT;
      if (circuit && circuit.state !== 'closed') {
        const now = clockOf(call).now();
        if (circuit.state === 'open' && now - circuit.openedAt >= cooldownMs) circuit.state = 'half-open';
        if (circuit.state === 'open' || circuit.trialInFlight) {
          const retryInMs = Math.max(0, cooldownMs - (now - circuit.openedAt));
          throw halt(call, 'circuit_open', `${call.tool} circuit is open after ${circuit.failures} consecutive failures`, { failures: circuit.failures, retryInMs });
        }
        state = TRIAL;
        circuit.trialInFlight = true;
      }
      counters.calls += 1;
      // Most recently used last: re-inserting moves the pair to the end; past `window`, the
      // least recently used pair is forgotten.
      if (repeats > 0) counters.repeats.delete(key);
      counters.repeats.set(key, repeats + 1);
      if (counters.repeats.size > window) counters.repeats.delete(counters.repeats.keys().next().value!);
      return state;
    },
    exit(state, result, call) {
      const circuit = state === NO_CIRCUIT ? undefined : circuits.get(call.tool);
      if (circuit) {
        circuit.state = 'closed';
        circuit.failures = 0;
        circuit.trialInFlight = false;
      }
      return result;
    },
    fail(state, error, call) {
      if (!isWardenError(error)) recordFailure(call.tool, clockOf(call).now(), state === TRIAL);
      else if (state === TRIAL) circuits.get(call.tool)!.trialInFlight = false;
    },
  });

  function recordFailure(tool: string, now: number, trial: boolean): void {
    const circuit = circuits.get(tool) ?? { state: 'closed', failures: 0, openedAt: 0, trialInFlight: false };
    circuit.failures += 1;
    circuit.trialInFlight = false;
    if (trial || circuit.failures >= failureThreshold) {
      circuit.state = 'open';
      circuit.openedAt = now;
    }
    circuits.set(tool, circuit);
  }
}

/** The breaker on a `LoopStore`: the same rules, one store round trip before and after each call. */
function sharedLoopBreaker(store: LoopStore, limits: Required<Omit<LoopBreakerOptions, 'store' | 'window'>>): Middleware {
  const { maxRepeats, maxCalls, failureThreshold, cooldownMs } = limits;
  // The tool already ran (or a guard stopped it): a store error afterwards must not change the call's outcome.
  const quietly = (call: ToolCall, work: Promise<void>) => work.catch(() => hostOf(call)?.count('loopBreaker.store_errors'));

  return named(
    'loopBreaker',
    async function loopBreaker(call: ToolCall, next) {
      const entered = await store.enter({ runId: call.runId, tool: call.tool, argsKey: stableKey(call.args), maxCalls, maxRepeats, cooldownMs, now: clockOf(call).now() });
      if (!entered.ok) {
        if (entered.rule === 'max_calls') throw halt(call, 'max_calls', `run made more than ${maxCalls} tool calls`, { maxCalls });
        if (entered.rule === 'max_repeats') throw halt(call, 'max_repeats', `${call.tool} called with the same args more than ${maxRepeats} times in this run`, { maxRepeats });
        throw halt(call, 'circuit_open', `${call.tool} circuit is open after ${entered.failures} consecutive failures`, { failures: entered.failures, retryInMs: entered.retryInMs });
      }
      try {
        const result = await next();
        if (entered.circuit) await quietly(call, store.succeed(call.tool));
        return result;
      } catch (error) {
        if (!isWardenError(error)) await quietly(call, store.fail(call.tool, { now: clockOf(call).now(), trial: entered.trial, failureThreshold }));
        else if (entered.trial) await quietly(call, store.abandonTrial(call.tool));
        throw error;
      }
    },
    (host) => attachStore(store, host),
  );
}

function halt(call: ToolCall, rule: string, reason: string, details: Record<string, unknown>): LoopDetectedError {
  return new LoopDetectedError(decide(call, { outcome: 'halt', by: 'loopBreaker', rule, reason, details }));
}
