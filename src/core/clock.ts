/** The real clock; tests pass `fakeClock()` from `agentwarden/testing` instead. */
import type { Clock } from './types.js';

/** Wall-clock time and Node timers. Timers are unref'd so they never hold the process open. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
