import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionsError } from '../../../src/core/errors.js';
import { redisBudgetStore } from '../../../src/stores/redis/redis-budget-store.js';
import { describeBudgetStoreContract } from '../budget-store-contract.js';
import { redisAvailable, useRedis, type TestRedis } from '../../support/redis.js';

const available = redisAvailable();
let redis: TestRedis;
beforeAll(async () => {
  if (available) redis = await useRedis();
});
afterAll(async () => redis?.stop());

describe.runIf(available)('redisBudgetStore', () => {
  describeBudgetStoreContract('redisBudgetStore', (clock) => redisBudgetStore(redis.client(), { prefix: redis.prefix(), clock }));

  it('names the window from Redis TIME when no clock is given, like windowId does', async () => {
    const store = redisBudgetStore(redis.client(), { prefix: redis.prefix() });
    const before = Date.now();
    const outcome = await store.settle({ lines: [{ scope: 'agent:a', period: 'day' }, { scope: 'agent:a', period: 'month' }, { scope: 'agent:a', period: { ms: 3_600_000 } }], tokens: 1, costMicros: 0 });
    const after = Date.now();
    const expected = (at: number) => [`d${new Date(at).toISOString().slice(0, 10)}`, `m${new Date(at).toISOString().slice(0, 7)}`, `w3600000:${Math.floor(at / 3_600_000)}`];
    expect([expected(before), expected(after)]).toContainEqual(outcome.lines.map((line) => line.window));
  });

  it.each([
    ['a leap day', Date.UTC(2028, 1, 29, 23, 0), 'd2028-02-29', 'm2028-02'],
    ['new year', Date.UTC(2026, 11, 31, 23, 59, 59, 999), 'd2026-12-31', 'm2026-12'],
    ['the epoch', 0, 'd1970-01-01', 'm1970-01'],
    ['a far date', Date.UTC(2399, 2, 1), 'd2399-03-01', 'm2399-03'],
  ])('computes calendar windows in Lua on %s', async (_name, at, day, month) => {
    const store = redisBudgetStore(redis.client(), { prefix: redis.prefix(), clock: { now: () => at } });
    const { lines } = await store.settle({ lines: [{ scope: 'x', period: 'day' }, { scope: 'x', period: 'month' }], tokens: 1, costMicros: 0 });
    expect(lines.map((line) => line.window)).toEqual([day, month]);
  });

  it('keeps a period window one period past its end, then Redis drops the key', async () => {
    const client = redis.client();
    const prefix = redis.prefix();
    const store = redisBudgetStore(client, { prefix });
    const line = { scope: 'department:finance', period: { ms: 300 }, maxTokens: 10 };
    await store.settle({ lines: [line], tokens: 10, costMicros: 0 });
    const [key] = await client.keys(`${prefix}budget:e:w300:*`);
    expect(key).toBeDefined();
    const ttl = await client.pttl(key!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);
    while ((await client.exists(key!)) === 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await store.snapshot()).entries).toEqual([]);
    expect(await client.smembers(`${prefix}budget:idx`)).toEqual([]);
    expect((await store.reserve({ id: 'next', lines: [line], tokens: 10, costMicros: 0, ttlMs: 1_000 })).ok).toBe(true);
  });

  it('keeps all-time lines without expiry', async () => {
    const client = redis.client();
    const prefix = redis.prefix();
    await redisBudgetStore(client, { prefix }).settle({ lines: [{ scope: 'model:m' }], tokens: 1, costMicros: 1 });
    expect(await client.pttl(`${prefix}budget:e:|model:m`)).toBe(-1);
  });

  it('forgets a run line with retainMs once it has been idle that long, even with a reservation in between', async () => {
    const client = redis.client();
    const prefix = redis.prefix();
    const store = redisBudgetStore(client, { prefix });
    const run = { scope: 'run:r1', maxTokens: 100, retainMs: 400 };
    await store.reserve({ id: 'a', lines: [run], tokens: 10, costMicros: 0, ttlMs: 60_000 });
    await store.settle({ reservationId: 'a', lines: [run], tokens: 10, costMicros: 0 });
    const key = `${prefix}budget:e:|run:r1`;
    const ttl = await client.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(400);
    while ((await client.exists(key)) === 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await store.snapshot()).entries).toEqual([]);
  });

  it('applies a limit adjustment made through one client to the next reservation through another', async () => {
    const prefix = redis.prefix();
    const here = redisBudgetStore(redis.client(), { prefix });
    const there = redisBudgetStore(redis.client(), { prefix });
    const line = { scope: 'department:finance', period: 'day' as const, maxTokens: 100, limitKeys: ['department:finance', 'department:*'] };
    expect(await there.reserve({ id: 'a', lines: [line], tokens: 100, costMicros: 0, ttlMs: 60_000 })).toEqual({ ok: true });
    expect(await there.reserve({ id: 'b', lines: [line], tokens: 50, costMicros: 0, ttlMs: 60_000 })).toMatchObject({ ok: false, refusal: { limit: 100 } });
    expect(await here.adjustLimit!('department:*', 'tokens', 30)).toBe(30);
    expect(await here.adjustLimit!('department:finance', 'tokens', 20)).toBe(20);
    expect(await there.reserve({ id: 'b', lines: [line], tokens: 50, costMicros: 0, ttlMs: 60_000 })).toEqual({ ok: true });
    expect((await there.snapshot([line])).entries[0]).toMatchObject({ heldTokens: 150, adjustTokens: 50 });
    expect(await here.adjustLimit!('department:finance', 'tokens', -60)).toBe(-40);
    expect(await there.reserve({ id: 'c', lines: [line], tokens: 1, costMicros: 0, ttlMs: 60_000 })).toMatchObject({ ok: false, refusal: { limit: 90 } });
  });

  it('refuses to hold the same live reservation id twice', async () => {
    const store = redisBudgetStore(redis.client(), { prefix: redis.prefix() });
    await store.reserve({ id: 'same', lines: [{ scope: 'run:r', maxTokens: 100 }], tokens: 10, costMicros: 0, ttlMs: 60_000 });
    await expect(store.reserve({ id: 'same', lines: [{ scope: 'run:r', maxTokens: 100 }], tokens: 10, costMicros: 0, ttlMs: 60_000 })).rejects.toThrow(RangeError);
    expect((await store.snapshot([{ scope: 'run:r' }])).entries[0]?.heldTokens).toBe(10);
  });

  it('reloads its scripts when Redis forgot them (EVALSHA falls back to EVAL)', async () => {
    const client = redis.client();
    const store = redisBudgetStore(client, { prefix: redis.prefix() });
    await store.settle({ lines: [{ scope: 'model:m' }], tokens: 1, costMicros: 0 });
    await client.script('FLUSH');
    expect((await store.settle({ lines: [{ scope: 'model:m' }], tokens: 1, costMicros: 0 })).lines[0]?.after.tokens).toBe(2);
  });

  it('keeps cost sums exact in integer micro-dollars beyond float precision of dollars', async () => {
    const store = redisBudgetStore(redis.client(), { prefix: redis.prefix() });
    for (let index = 0; index < 10; index++) await store.settle({ lines: [{ scope: 'model:m' }], tokens: 0, costMicros: 100_000 });
    expect((await store.snapshot([{ scope: 'model:m' }])).entries[0]?.costMicros).toBe(1_000_000);
  });
});

describe('redisBudgetStore options', () => {
  const fakeClient = { defineCommand() {}, duplicate() {} } as never;
  it.each<[string, unknown, unknown, RegExp]>([
    ['a client that is not ioredis', {}, {}, /`client` must be an ioredis client/],
    ['a negative timeout', fakeClient, { timeoutMs: -1 }, /`timeoutMs` must be a positive number/],
    ['an unknown fail mode', fakeClient, { failMode: 'sometimes' }, /`failMode` must be 'closed' or 'open'/],
    ['a clock without now()', fakeClient, { clock: {} }, /`clock` must have a now\(\) method/],
    ['an unknown option', fakeClient, { prefixes: 'x' }, /prefixes/],
  ])('rejects %s at construction', (_name, client, options, message) => {
    expect(() => redisBudgetStore(client as never, options as never)).toThrow(OptionsError);
    expect(() => redisBudgetStore(client as never, options as never)).toThrow(message);
  });
});
