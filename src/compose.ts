/**
 * Onion composition of middleware: the first listed runs outermost. `next` may pass a
 * changed call inward. Calling it twice is a bug and rejects, except in a middleware marked
 * `retriesNext` (such as `retry`), which calls it again after a failure.
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
      let called = false;
      const next = (changed?: ToolCall): Promise<unknown> => {
        if (called && !layer.retriesNext) {
          return Promise.reject(new WardenError(`middleware "${middlewareName(layer)}" called next() more than once`, 'next_called_twice'));
        }
        called = true;
        return dispatch(index + 1, changed ?? current);
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
