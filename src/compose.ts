/**
 * Onion composition of middleware: the first listed runs outermost. `next` may pass a
 * changed call inward. Calling it again is allowed only after it rejected (that is how
 * `retry` works); calling it twice concurrently or after success is a bug and rejects.
 */
import { WardenError } from './errors.js';
import type { Middleware, ToolCall } from './types.js';

/** The innermost step: actually runs the tool. */
export type Terminal = (call: ToolCall) => Promise<unknown>;

/** Composes `middleware` around `terminal` into one function of a call. */
export function compose(middleware: readonly Middleware[], terminal: Terminal): (call: ToolCall) => Promise<unknown> {
  return function composed(call: ToolCall): Promise<unknown> {
    return dispatch(0, call);
    function dispatch(index: number, current: ToolCall): Promise<unknown> {
      if (index === middleware.length) return terminal(current);
      const layer = middleware[index]!;
      // `next` may run again only after the previous run rejected (a retry); calling it
      // while it is in flight or after it succeeded is a bug in the middleware.
      let state: 'idle' | 'running' | 'rejected' | 'resolved' = 'idle';
      const next = (changed?: ToolCall): Promise<unknown> => {
        if (state === 'running' || state === 'resolved') {
          return Promise.reject(new WardenError(`middleware "${middlewareName(layer)}" called next() more than once`, 'next_called_twice'));
        }
        state = 'running';
        return dispatch(index + 1, changed ?? current).then(
          (result) => {
            state = 'resolved';
            return result;
          },
          (error: unknown) => {
            state = 'rejected';
            throw error;
          },
        );
      };
      try {
        return Promise.resolve(layer(current, next));
      } catch (error) {
        return Promise.reject(error);
      }
    }
  };
}

/** The name a middleware goes by in decisions and errors. */
export function middlewareName(layer: Middleware): string {
  return layer.middlewareName ?? (layer.name || 'middleware');
}
