/**
 * Composition of middleware into one call path, compiled once at construction: the first
 * listed runs outermost. A middleware with `steps` becomes a node that calls its hooks
 * directly (no `next` closure, no promise unless a hook or the tool returns one); a plain
 * function middleware becomes an onion node with a `next` it may call with a changed call.
 * Calling `next` twice is a bug and rejects, except in a middleware marked `retriesNext`
 * (such as `retry`), which calls it again after a failure.
 */
import { WardenError } from './errors.js';
import type { CallSteps, Middleware, Next, ToolCall, WardenHost } from './types.js';

/** One compiled step: takes a call, returns the result or a promise of it. */
export type CallStep = (call: ToolCall) => unknown;

/** The innermost step: actually runs the tool (may return a value or a promise). */
export type Terminal = (call: ToolCall) => unknown;

/** True for a promise or any thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function' && value !== null;
}

/**
 * Compiles `middleware` around `terminal` into one step. Consecutive hook layers are fused
 * into one node: their `enter`s run in order, then the inner step, then one continuation
 * runs their `exit`s (or `fail`s) in reverse — one promise per call for the whole group,
 * however many layers it has. Results are returned as they come (a value when every layer
 * and the tool are synchronous), so the caller wraps once.
 */
export function compileChain(middleware: readonly Middleware[], terminal: Terminal): CallStep {
  let step: CallStep = terminal;
  let group: CallSteps[] = [];
  const closeGroup = () => {
    if (group.length > 0) step = fusedNode(group, step);
    group = [];
  };
  for (let index = middleware.length - 1; index >= 0; index--) {
    const layer = middleware[index]!;
    if (layer.steps) {
      group.unshift(layer.steps);
      continue;
    }
    closeGroup();
    step = onionNode(layer, step);
  }
  closeGroup();
  return step;
}

/** Composes `middleware` around `terminal` into one function of a call that returns a promise. */
export function compose(middleware: readonly Middleware[], terminal: Terminal): (call: ToolCall) => Promise<unknown> {
  const step = compileChain(middleware, terminal);
  return (call) => {
    try {
      return Promise.resolve(step(call));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/**
 * Builds a middleware from hooks: the function form (for `evaluate`, `compose` and callers who
 * invoke a middleware by hand) and the `steps` the warden fuses. Both run the same hooks in
 * the same order, so they cannot disagree.
 */
export function stepMiddleware<State>(name: string, steps: CallSteps<State>, attach?: (host: WardenHost) => void | (() => void | Promise<void>)): Middleware {
  const group = [steps as CallSteps];
  const layer = function (call: ToolCall, next: Next): Promise<unknown> {
    try {
      return Promise.resolve(runFused(group, call, next));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  Object.defineProperty(layer, 'name', { value: name });
  Object.defineProperty(layer, 'middlewareName', { value: name, enumerable: true });
  Object.defineProperty(layer, 'steps', { value: steps, enumerable: true });
  if (attach) Object.defineProperty(layer, 'attach', { value: attach, enumerable: true });
  return layer as Middleware;
}

function fusedNode(group: readonly CallSteps[], inner: CallStep): CallStep {
  return (call) => runFused(group, call, inner);
}

/**
 * One call through a fused group. `frame` holds, per layer, its state and the call it
 * received (`frame[1 + 2i]`, `frame[2 + 2i]`), and in `frame[0]` how many layers have
 * entered — the ones whose `fail` runs when something inside them throws.
 */
function runFused(group: readonly CallSteps[], call: ToolCall, inner: CallStep): unknown {
  const frame: unknown[] = new Array(1 + 2 * group.length);
  frame[0] = 0;
  let out: unknown;
  try {
    out = enterFrom(group, frame, 0, call, inner);
  } catch (error) {
    return settle(group, frame, (frame[0] as number) - 1, false, error);
  }
  if (!isThenable(out)) return settle(group, frame, group.length - 1, true, out);
  return Promise.resolve(out).then(
    (result) => settle(group, frame, group.length - 1, true, result),
    (error) => settle(group, frame, (frame[0] as number) - 1, false, error),
  );
}

/** Runs the `enter`s from layer `index` on, then the inner step; returns what it returns. */
function enterFrom(group: readonly CallSteps[], frame: unknown[], index: number, call: ToolCall, inner: CallStep): unknown {
  for (let at = index; at < group.length; at++) {
    const steps = group[at]!;
    const state = steps.enter(call);
    if (isThenable(state)) {
      const from = at;
      const received = call;
      return Promise.resolve(state).then((settled) => afterEnter(group, frame, from, received, settled, inner));
    }
    const forwarded = record(frame, at, call, state, steps);
    if (steps.around) {
      const next = at + 1;
      return steps.around(state, () => enterFrom(group, frame, next, forwarded, inner));
    }
    call = forwarded;
  }
  return inner(call);
}

/** Continues after layer `at`'s asynchronous `enter` settled. */
function afterEnter(group: readonly CallSteps[], frame: unknown[], at: number, call: ToolCall, state: unknown, inner: CallStep): unknown {
  const steps = group[at]!;
  const forwarded = record(frame, at, call, state, steps);
  if (steps.around) return steps.around(state, () => enterFrom(group, frame, at + 1, forwarded, inner));
  return enterFrom(group, frame, at + 1, forwarded, inner);
}

/** Notes that layer `at` entered with `state`; returns the call it passes inward. */
function record(frame: unknown[], at: number, call: ToolCall, state: unknown, steps: CallSteps): ToolCall {
  frame[1 + 2 * at] = state;
  frame[2 + 2 * at] = call;
  frame[0] = at + 1;
  return steps.forward ? steps.forward(state, call) : call;
}

/**
 * Runs the way out from layer `index` down to the outermost: `exit` while the outcome is a
 * result (an `exit` that throws turns it into an error for the layers outside it), `fail`
 * once it is an error. Returns the result, a promise of it (an `exit` that waits), or throws.
 */
function settle(group: readonly CallSteps[], frame: unknown[], index: number, ok: boolean, value: unknown): unknown {
  for (let at = index; at >= 0; at--) {
    const steps = group[at]!;
    const state = frame[1 + 2 * at];
    const call = frame[2 + 2 * at] as ToolCall;
    if (!ok) {
      steps.fail?.(state, value, call);
      continue;
    }
    if (steps.exit === undefined) continue;
    try {
      value = steps.exit(state, value, call);
    } catch (error) {
      ok = false;
      value = error;
      continue;
    }
    if (isThenable(value)) {
      const next = at - 1;
      return Promise.resolve(value).then(
        (result) => settle(group, frame, next, true, result),
        (error) => settle(group, frame, next, false, error),
      );
    }
  }
  if (!ok) throw value;
  return value;
}

function onionNode(layer: Middleware, inner: CallStep): CallStep {
  return (current) => {
    let called = false;
    const next: Next = (changed) => {
      if (called && !layer.retriesNext) {
        return Promise.reject(new WardenError(`middleware "${middlewareName(layer)}" called next() more than once`, 'next_called_twice'));
      }
      called = true;
      try {
        return Promise.resolve(inner(changed ?? current));
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return layer(current, next);
  };
}

/** The name a middleware goes by in decisions and errors. */
export function middlewareName(layer: Middleware): string {
  return layer.middlewareName ?? (layer.name || 'middleware');
}
