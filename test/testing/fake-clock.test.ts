import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../src/testing/index.js';

describe('fakeClock', () => {
  it('fires due timers in time order when advanced, and not before', () => {
    const clock = fakeClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 200);
    clock.setTimeout(() => fired.push('a'), 100);
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(101);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(200);
  });

  it('does not fire a cleared timer', () => {
    const clock = fakeClock(0);
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 10);
    clock.clearTimeout(handle);
    clock.advance(100);
    expect(fired).toBe(false);
    expect(clock.pending()).toBe(0);
  });
});
