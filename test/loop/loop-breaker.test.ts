import { describe, expect, it } from 'vitest';
import { createWarden, LoopDetectedError, loopBreaker } from '../../src/index.js';
import { fakeClock } from '../../src/testing/index.js';

describe('loopBreaker', () => {
  it('halts the fourth identical call in a run with maxRepeats 3', async () => {
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ maxRepeats: 3 })] });
    const lookup = warden.tool('lookup', async (args: { id: string }) => args.id);
    const outcomes = await warden.run({}, async () => {
      const results: string[] = [];
      for (let i = 0; i < 4; i++) results.push(await lookup({ id: 'A1' }).then(() => 'ok', (error: unknown) => (error as Error).name));
      return results;
    });
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'LoopDetectedError']);
  });

  it('catches a repeat inside its window and forgets pairs that fell out of it', async () => {
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ maxRepeats: 1, maxCalls: 1_000, window: 3 })] });
    const lookup = warden.tool('lookup', async (args: { id: string }) => args.id);
    const outcome = (id: string) => lookup({ id }).then(() => 'ok', (error: unknown) => (error as Error).name);
    const outcomes = await warden.run({}, async () => {
      const seen: string[] = [];
      for (const id of ['A', 'B', 'C']) seen.push(await outcome(id));
      seen.push(await outcome('B')); // B is among the 3 most recent pairs: a repeat
      for (const id of ['D', 'E', 'F']) seen.push(await outcome(id));
      seen.push(await outcome('A')); // A fell out of the window: counted afresh
      return seen;
    });
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'LoopDetectedError', 'ok', 'ok', 'ok', 'ok']);
  });

  it('keeps its per-run memory bounded by the window over a long run', async () => {
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ maxCalls: 1_000_000, window: 64 })] });
    const lookup = warden.tool('lookup', async (args: { id: number }) => args.id);
    const repeated = await warden.run({}, async () => {
      for (let id = 0; id < 5_000; id++) await lookup({ id });
      // The first ids were forgotten long ago, so calling one again many times still halts only past maxRepeats.
      const results: string[] = [];
      for (let i = 0; i < 4; i++) results.push(await lookup({ id: 0 }).then(() => 'ok', (error: unknown) => (error as Error).name));
      return results;
    });
    expect(repeated).toEqual(['ok', 'ok', 'ok', 'LoopDetectedError']);
  });

  it('treats args with the same content in another key order as the same call', async () => {
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ maxRepeats: 1 })] });
    const tool = warden.tool('t', async (_args: Record<string, unknown>) => 1);
    const error = await warden.run({}, async () => {
      await tool({ a: 1, b: { c: 2, d: 3 } });
      return tool({ b: { d: 3, c: 2 }, a: 1 });
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LoopDetectedError);
    expect((error as LoopDetectedError).decision).toMatchObject({ outcome: 'halt', by: 'loopBreaker', rule: 'max_repeats' });
  });

  it('hashes circular, BigInt, Date, Map and huge args without throwing', async () => {
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ maxRepeats: 1 })] });
    const tool = warden.tool('t', async (_args: unknown) => 1);
    const circular: Record<string, unknown> = { n: 1n, when: new Date(0), map: new Map([['k', 1]]), huge: 'x'.repeat(5_000_000) };
    circular.self = circular;
    const error = await warden.run({}, async () => {
      await tool(circular);
      return tool(circular);
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LoopDetectedError);
  });

  it('lets different args through and counts maxCalls per run', async () => {
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ maxCalls: 3 })] });
    const tool = warden.tool('t', async (n: number) => n);
    const error = await warden.run({}, async () => {
      for (let n = 0; n < 3; n++) await tool(n);
      return tool(99);
    }).catch((caught: unknown) => caught);
    expect((error as LoopDetectedError).decision.rule).toBe('max_calls');
    await expect(warden.run({}, () => tool(1))).resolves.toBe(1);
  });

  it('opens a tool circuit after consecutive failures, half-opens after the cooldown, and closes on success', async () => {
    const clock = fakeClock();
    const warden = createWarden({ agent: 'a', clock, middleware: [loopBreaker({ failureThreshold: 2, cooldownMs: 1000, maxRepeats: 100 })] });
    let healthy = false;
    let attempts = 0;
    const api = warden.tool('crm_api', async (n: number) => {
      attempts += 1;
      if (!healthy) throw new Error('503');
      return n;
    });
    await api(1).catch(() => {});
    await api(2).catch(() => {});
    const open = await api(3).catch((error: unknown) => error);
    expect((open as LoopDetectedError).decision.rule).toBe('circuit_open');
    expect(attempts).toBe(2);
    clock.advance(1000);
    await api(4).catch(() => {});
    expect(attempts).toBe(3);
    expect(((await api(5).catch((error: unknown) => error)) as LoopDetectedError).decision.rule).toBe('circuit_open');
    clock.advance(1000);
    healthy = true;
    await expect(api(6)).resolves.toBe(6);
    await expect(api(7)).resolves.toBe(7);
  });

  it('does not count a guard refusal as a tool failure', async () => {
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ failureThreshold: 1, maxRepeats: 1 })] });
    const tool = warden.tool('t', async (n: number) => n);
    await warden.run({}, async () => {
      await tool(1);
      await tool(1).catch(() => {});
    });
    await expect(tool(2)).resolves.toBe(2);
  });

  it.each([
    [{ maxRepeats: -1 }, 'loopBreaker: `maxRepeats` must be a positive integer, got -1'],
    [{ maxCalls: 1.5 }, 'loopBreaker: `maxCalls` must be a positive integer, got 1.5'],
    [{ cooldownMs: 'soon' }, 'loopBreaker: `cooldownMs` must be a non-negative number, got "soon"'],
    [{ window: 0 }, 'loopBreaker: `window` must be a positive integer, got 0'],
  ])('rejects %j with a message naming the field', (options, message) => {
    expect(() => loopBreaker(options as never)).toThrow(message);
  });
});
