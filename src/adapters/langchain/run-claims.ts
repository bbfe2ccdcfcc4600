/**
 * LangChain run ids a `WardenCallbackHandler` of each warden is handling, so two handlers of
 * one warden attached to the same call count and guard it once.
 */
import type { Warden } from '../../core/warden.js';

const claimedRuns = new WeakMap<Warden, Set<string>>();

/** Claims `key` for `warden`; false when another handler of that warden already has it. */
export function claim(warden: Warden, key: string): boolean {
  let claimed = claimedRuns.get(warden);
  if (!claimed) claimedRuns.set(warden, (claimed = new Set()));
  if (claimed.has(key)) return false;
  claimed.add(key);
  return true;
}

/** Gives `key` back once the call ended. */
export function release(warden: Warden, key: string): void {
  claimedRuns.get(warden)?.delete(key);
}
