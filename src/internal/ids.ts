/** Random ids for runs, calls and tickets. */
import { randomUUID } from 'node:crypto';

/** A random id with a readable prefix, e.g. `run_5f0c...`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}
