/**
 * Per-tool timeouts (`warden.tool(name, fn, { timeoutMs })`): the tool gets an `AbortSignal`
 * that fires after `timeoutMs` (or when the caller's own signal fires), and the call fails
 * with `ToolTimeoutError` and a `halt` decision if the tool has not settled by then.
 */
import { decide } from './decision.js';
import { ToolTimeoutError } from './errors.js';
import type { Clock, ToolCall } from './types.js';

/** A running timeout: its signal, and `dispose` to stop it once the call settled. */
export interface CallTimeout {
  readonly ms: number;
  readonly signal: AbortSignal;
  readonly outer: AbortSignal | undefined;
  dispose(): void;
}

/** Starts a timeout of `ms` that also follows the caller's `outer` signal. */
export function startTimeout(clock: Clock, ms: number, outer: AbortSignal | undefined): CallTimeout {
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

/** Settles with `work`, or rejects when the timeout (or the caller's signal) fires first. */
export function raceTimeout(work: Promise<unknown>, call: ToolCall, timeout: CallTimeout): Promise<unknown> {
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
