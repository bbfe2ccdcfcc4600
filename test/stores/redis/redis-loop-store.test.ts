/**
 * `loopBreaker` behaves the same with its in-memory counters and with `redisLoopStore`
 * (the same behaviours as test/loop/loop-breaker.test.ts, run on both), and with the
 * Redis store two wardens on separate connections share one run's counters and one circuit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarden, LoopDetectedError, loopBreaker, type LoopBreakerOptions } from '../../../src/index.js';
import { OptionsError } from '../../../src/core/errors.js';
import { redisLoopStore } from '../../../src/stores/redis/redis-loop-store.js';
import { fakeClock } from '../../../src/testing/index.js';
import { redisAvailable, useRedis, type TestRedis } from '../../support/redis.js';

const available = redisAvailable();
let redis: TestRedis;
beforeAll(async () => {
  if (available) redis = await useRedis();
});
afterAll(async () => redis?.stop());

const ruleOf = (error: unknown) => (error as LoopDetectedError).decision?.rule ?? (error as Error).name;
type Breaker = (options: LoopBreakerOptions) => ReturnType<typeof loopBreaker>;
const breakers: Array<[string, Breaker]> = [
  ['in memory', (options) => loopBreaker(options)],
  ['on redisLoopStore', (options) => loopBreaker({ ...options, store: redisLoopStore(redis.client(), { prefix: redis.prefix() }) })],
];

describe.runIf(available).each(breakers)('loopBreaker %s', (_name, breaker) => {
  it('halts the fourth identical call in a run with maxRepeats 3', async () => {
    const warden = createWarden({ agent: 'a', middleware: [breaker({ maxRepeats: 3 })] });
    const lookup = warden.tool('lookup', async (args: { id: string }) => args.id);
    const outcomes = await warden.run({}, async () => {
      const results: string[] = [];
      for (let i = 0; i < 4; i++) results.push(await lookup({ id: 'A1' }).then(() => 'ok', ruleOf));
      return results;
    });
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'max_repeats']);
  });

  it('treats args in another key order as the same call', async () => {
    const warden = createWarden({ agent: 'a', middleware: [breaker({ maxRepeats: 1 })] });
    const tool = warden.tool('t', async (_args: Record<string, unknown>) => 1);
    const error = await warden.run({}, async () => {
      await tool({ a: 1, b: { c: 2, d: 3 } });
      return tool({ b: { d: 3, c: 2 }, a: 1 });
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LoopDetectedError);
  });

  it('counts maxCalls per run', async () => {
    const warden = createWarden({ agent: 'a', middleware: [breaker({ maxCalls: 3 })] });
    const tool = warden.tool('t', async (n: number) => n);
    const error = await warden.run({}, async () => {
      for (let n = 0; n < 3; n++) await tool(n);
      return tool(99);
    }).catch((caught: unknown) => caught);
    expect(ruleOf(error)).toBe('max_calls');
    await expect(warden.run({}, () => tool(1))).resolves.toBe(1);
  });

  it('opens a tool circuit after consecutive failures, half-opens after the cooldown, and closes on success', async () => {
    const clock = fakeClock();
    const warden = createWarden({ agent: 'a', clock, middleware: [breaker({ failureThreshold: 2, cooldownMs: 1000, maxRepeats: 100 })] });
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
    expect(ruleOf(open)).toBe('circuit_open');
    expect((open as LoopDetectedError).decision.details).toMatchObject({ failures: 2, retryInMs: 1000 });
    expect(attempts).toBe(2);
    clock.advance(1000);
    await api(4).catch(() => {});
    expect(attempts).toBe(3);
    expect(ruleOf(await api(5).catch((error: unknown) => error))).toBe('circuit_open');
    clock.advance(1000);
    healthy = true;
    await expect(api(6)).resolves.toBe(6);
    await expect(api(7)).resolves.toBe(7);
  });

  it('does not count a guard refusal as a tool failure', async () => {
    const warden = createWarden({ agent: 'a', middleware: [breaker({ failureThreshold: 1, maxRepeats: 1 })] });
    const tool = warden.tool('t', async (n: number) => n);
    await warden.run({}, async () => {
      await tool(1);
      await tool(1).catch(() => {});
    });
    await expect(tool(2)).resolves.toBe(2);
  });
});

describe.runIf(available)('redisLoopStore across processes', () => {
  it('counts one run spread over two wardens on separate connections as one run', async () => {
    const prefix = redis.prefix();
    const workers = [0, 1].map(() => createWarden({ agent: 'crawler', middleware: [loopBreaker({ maxCalls: 5, store: redisLoopStore(redis.client(), { prefix }) })] }));
    const fetchers = workers.map((warden) => warden.tool('fetch', async (page: number) => page));
    const outcomes: string[] = [];
    for (let page = 0; page < 8; page++) {
      const worker = page % 2;
      outcomes.push(await workers[worker]!.run({ runId: 'run-shared' }, () => fetchers[worker]!(page)).then(() => 'ok', ruleOf));
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'max_calls', 'max_calls', 'max_calls']);
  });

  it('opens one circuit for the whole fleet and lets exactly one trial through after the cooldown', async () => {
    const prefix = redis.prefix();
    const clock = fakeClock();
    let attempts = 0;
    const workers = Array.from({ length: 4 }, () => createWarden({ agent: 'a', clock, middleware: [loopBreaker({ failureThreshold: 2, cooldownMs: 1000, maxRepeats: 100, store: redisLoopStore(redis.client(), { prefix }) })] }));
    const apis = workers.map((warden) =>
      warden.tool('crm_api', async (n: number) => {
        attempts += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error(`503 ${n}`);
      }),
    );
    await apis[0]!(1).catch(() => {});
    await apis[1]!(2).catch(() => {});
    expect(ruleOf(await apis[2]!(3).catch((error: unknown) => error))).toBe('circuit_open');
    clock.advance(1000);
    const trials = await Promise.all(apis.map((api, index) => api(10 + index).catch(ruleOf)));
    expect(attempts).toBe(3);
    expect(trials.filter((rule) => rule === 'circuit_open')).toHaveLength(3);
  });

  it('lets a run counter expire runTtlMs after its last call', async () => {
    const client = redis.client();
    const prefix = redis.prefix();
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ store: redisLoopStore(client, { prefix, runTtlMs: 60_000 }) })] });
    const tool = warden.tool('t', async (n: number) => n);
    await warden.run({ runId: 'r1' }, () => tool(1));
    const ttl = await client.pttl(`${prefix}loop:run:r1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});

describe('redisLoopStore options', () => {
  const fakeClient = { defineCommand() {}, duplicate() {} } as never;
  it('rejects a zero runTtlMs naming the field', () => {
    expect(() => redisLoopStore(fakeClient, { runTtlMs: 0 })).toThrow(OptionsError);
    expect(() => redisLoopStore(fakeClient, { runTtlMs: 0 })).toThrow(/`runTtlMs` must be a positive integer/);
  });

  it('makes loopBreaker reject a store without the LoopStore methods', () => {
    expect(() => loopBreaker({ store: {} as never })).toThrow(/`store` must be a LoopStore/);
  });
});
