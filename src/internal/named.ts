/** Gives a middleware its stable `middlewareName` (shown as `by` in decisions). */
import type { Middleware } from '../core/types.js';

/** Attaches `name` to `layer` and returns it. */
export function named<T extends Middleware>(name: string, layer: T, attach?: Middleware['attach']): T {
  Object.defineProperty(layer, 'middlewareName', { value: name, enumerable: true });
  if (attach) Object.defineProperty(layer, 'attach', { value: attach, enumerable: true });
  return layer;
}
