/** A clock you move by hand, for every time-based middleware (periods, timeouts, expiry). */
import type { Clock } from '../core/types.js';

/** A `Clock` plus controls. */
export interface FakeClock extends Clock {
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void;
  /** Moves time forward and lets awaiting promises run between timers. */
  advanceAsync(ms: number): Promise<void>;
  /** Timers not yet fired. */
  pending(): number;
}

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * Creates a fake clock starting at `start` (ms since epoch). Defaults to 2026-01-01.
 * @example
 * const clock = fakeClock();
 * const warden = createWarden({ agent: 'a', clock, middleware: [...] });
 * clock.advance(60_000);
 */
export function fakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let now = start;
  let nextId = 1;
  let timers: Timer[] = [];
  const due = (until: number) => timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const timer = { id: nextId++, at: now + Math.max(0, ms), callback };
      timers.push(timer);
      return timer.id;
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
    advance(ms) {
      const target = now + ms;
      for (let timer = due(target); timer; timer = due(target)) {
        timers = timers.filter((candidate) => candidate !== timer);
        now = timer.at;
        timer.callback();
      }
      now = target;
    },
    async advanceAsync(ms) {
      const target = now + ms;
      await flushMicrotasks();
      for (let timer = due(target); timer; timer = due(target)) {
        timers = timers.filter((candidate) => candidate !== timer);
        now = timer.at;
        timer.callback();
        await flushMicrotasks();
      }
      now = target;
      await flushMicrotasks();
    },
    pending: () => timers.length,
  };
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
