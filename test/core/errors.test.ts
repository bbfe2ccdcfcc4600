import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createWarden, isWardenError, loopBreaker, policy, WardenError, type Middleware, type Warden } from '../../src/index.js';

type Scenario = [string, (warden: Warden) => Promise<unknown>, Middleware[]];

const scenarios: Scenario[] = [
  ['policy deny', (w) => w.tool('x', async () => 1)({}), [policy({ deny: ['x'] })]],
  ['validation', (w) => w.tool('x', async (_a: { n: number }) => 1, { input: z.object({ n: z.number() }) })({ n: 'no' } as never), []],
  ['loop', (w) => w.run({}, async () => { const t = w.tool('x', async () => 1); await t({}); return t({}); }), [loopBreaker({ maxRepeats: 1 })]],
  ['halt', (w) => { w.halt('stop'); return w.tool('x', async () => 1)({}); }, []],
  ['timeout', (w) => w.tool('x', () => new Promise(() => {}), { timeoutMs: 5 })({}), []],
];

describe('typed errors', () => {
  it.each(scenarios)('%s throws a WardenError with a decision and a code', async (_name, act, middleware) => {
    const warden = createWarden({ agent: 'a', middleware });
    const error = await act(warden).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WardenError);
    expect(isWardenError(error)).toBe(true);
    const wardenError = error as WardenError;
    expect(wardenError.code).toMatch(/^[a-z_]+$/);
    expect(wardenError.decision).toMatchObject({ tool: 'x', agent: 'a', callId: expect.any(String), at: expect.any(String) });
    expect(wardenError.name).not.toBe('Error');
  });
});

describe('instanceof across package copies', () => {
  it('recognises an error class from another copy of agentwarden by marker and class name', async () => {
    // A second copy of the module, as a bundled entry point or another installed version would load.
    const { PolicyDeniedError, HaltedError } = await import('../../src/core/errors.js');
    vi.resetModules();
    const copy = await import('../../src/core/errors.js');
    expect(copy.PolicyDeniedError).not.toBe(PolicyDeniedError);
    const decision = { outcome: 'deny' as const, by: 'policy', reason: 'r', tool: 't', callId: 'c', agent: 'a', at: new Date(0).toISOString() };
    const foreign = new copy.PolicyDeniedError(decision);
    expect(foreign).toBeInstanceOf(PolicyDeniedError);
    expect(foreign).toBeInstanceOf(WardenError);
    expect(foreign).not.toBeInstanceOf(HaltedError);
    expect(new Error('plain')).not.toBeInstanceOf(WardenError);
  });
});
