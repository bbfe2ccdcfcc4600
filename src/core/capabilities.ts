/** What `warden.approvals` and `warden.drift` are when no middleware provides them. */
import { OptionsError } from './errors.js';

/** An object whose every method throws a clear error naming the middleware to add. */
export function missingCapability(name: string, factory: string): Record<string, (...args: any[]) => any> {
  return new Proxy(
    {},
    {
      get(_target, property) {
        if (property === 'then' || typeof property === 'symbol') return undefined;
        return () => {
          throw new OptionsError(`warden.${name}.${String(property)}: no ${factory} middleware is configured on this warden`);
        };
      },
    },
  );
}
