import { describe, expect, it } from 'vitest';
import { injectionScreen, loopBreaker, OptionsError, policy } from '../../src/index.js';

describe('option errors', () => {
  it.each([
    [() => policy({ agnets: {} } as never), 'policy: unknown option `agnets` (did you mean `agents`?)'],
    [() => policy({ agents: { a: { alow: ['x'] } } } as never), 'policy: unknown option `agents.a.alow` (did you mean `allow`?); known: allow, deny'],
    [() => loopBreaker({ maxRepeat: 2 } as never), 'loopBreaker: unknown option `maxRepeat` (did you mean `maxRepeats`?)'],
    [() => injectionScreen({ sensitivty: 'high' } as never), 'injectionScreen: unknown option `sensitivty` (did you mean `sensitivity`?)'],
  ])('names an unknown key and the known one it is closest to (%#)', (make, message) => {
    expect(make).toThrow(OptionsError);
    expect(make).toThrow(message);
  });

  it('lists the known keys when no key is close', () => {
    expect(() => loopBreaker({ colour: 'red' } as never)).toThrow('loopBreaker: unknown option `colour`; known: maxRepeats, maxCalls, failureThreshold, cooldownMs, window, store');
  });
});
