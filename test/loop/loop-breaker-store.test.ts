/**
 * `loopBreaker({ store })` around the `LoopStore` interface: what reaches the tool when the
 * store refuses or fails. (The full behaviour on a real store is in test/stores/redis/.)
 */
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/core/errors.js';
import { createWarden, loopBreaker, type LoopEnterOutcome, type LoopStore } from '../../src/index.js';

function storeAnswering(outcome: LoopEnterOutcome, after: () => Promise<void> = async () => {}): LoopStore & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    enter: async (request) => (log.push(`enter ${request.tool} ${request.argsKey}`), outcome),
    succeed: async (tool) => (log.push(`succeed ${tool}`), after()),
    fail: async (tool, failure) => (log.push(`fail ${tool} trial=${failure.trial}`), after()),
    abandonTrial: async (tool) => (log.push(`abandon ${tool}`), after()),
  };
}

describe('loopBreaker on a LoopStore', () => {
  it.each([
    [{ ok: false, rule: 'max_calls' } as const, 'max_calls'],
    [{ ok: false, rule: 'max_repeats' } as const, 'max_repeats'],
    [{ ok: false, rule: 'circuit_open', failures: 4, retryInMs: 250 } as const, 'circuit_open'],
  ])('halts with the rule the store names (%j) and never runs the tool', async (outcome, rule) => {
    let ran = 0;
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ store: storeAnswering(outcome) })] });
    const tool = warden.tool('t', async (n: number) => (ran += 1, n));
    const error = (await tool(1).catch((caught: unknown) => caught)) as { decision?: { rule?: string } };
    expect(error.decision?.rule).toBe(rule);
    expect(ran).toBe(0);
  });

  it('closes a circuit only when the store said one exists, and reports tool failures with the trial flag', async () => {
    const store = storeAnswering({ ok: true, trial: true, circuit: true });
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ store })] });
    const ok = warden.tool('ok', async (n: number) => n);
    const broken = warden.tool('broken', async (_n: number): Promise<number> => {
      throw new Error('503');
    });
    await ok(1);
    await broken(2).catch(() => {});
    expect(store.log).toEqual(['enter ok 1', 'succeed ok', 'enter broken 2', 'fail broken trial=true']);
  });

  it('keeps the tool result when the store fails after the call, and counts the error', async () => {
    const store = storeAnswering({ ok: true, trial: false, circuit: true }, async () => {
      throw new StoreUnavailableError('test', 'down');
    });
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ store })] });
    const tool = warden.tool('t', async (n: number) => n);
    await expect(tool(7)).resolves.toBe(7);
    expect(warden.stats()['loopBreaker.store_errors']).toBe(1);
  });

  it('refuses the call when the store fails before it', async () => {
    let ran = 0;
    const store = { ...storeAnswering({ ok: true, trial: false, circuit: false }), enter: async () => Promise.reject(new StoreUnavailableError('test', 'down')) };
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ store })] });
    const tool = warden.tool('t', async (n: number) => (ran += 1, n));
    await expect(tool(1)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(ran).toBe(0);
  });
});
