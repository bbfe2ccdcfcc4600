/**
 * Redis budget store throughput and cost. Reserve+settle round trips per second against a
 * local Redis from 1 and from 8 concurrent callers (each round trip is two Lua scripts), and
 * a guarded call under `tokenBudget` on the Redis store against the same call on the memory
 * store. Uses `REDIS_URL`, else starts a throwaway redis-server; without either it returns a
 * row saying so.
 */
import { Redis } from 'ioredis';
import { createWarden, memoryBudgetStore, tokenBudget, type BudgetStore } from '../src/index.js';
import { redisBudgetStore } from '../src/stores/redis/index.js';
import { redisServerBinary, startRedisServer, type OwnedRedisServer } from '../test/support/redis.js';
import type { BenchRow, Harness } from './harness.js';

const GROUP = 'redis';
const lines = [{ scope: 'department:finance', period: 'day' as const, maxTokens: Number.MAX_SAFE_INTEGER }, { scope: 'model:gpt-4o' }];

/** Reserve+settle round trips per second with `callers` concurrent loops for about `ms`. */
async function roundTripsPerSecond(store: BudgetStore, callers: number, ms = 2_000): Promise<number> {
  let done = 0;
  let next = 0;
  const until = performance.now() + ms;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < until) {
        const id = `bench-${next++}`;
        await store.reserve({ id, lines, tokens: 100, costMicros: 250, ttlMs: 60_000 });
        await store.settle({ reservationId: id, lines, tokens: 90, costMicros: 225 });
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - start) / 1_000);
}

function guardedCall(store: BudgetStore) {
  const warden = createWarden({ agent: 'bench', middleware: [tokenBudget({ limits: { department: { finance: Number.MAX_SAFE_INTEGER } }, store })] });
  const lookup = warden.tool('lookup', async (id: number) => id);
  let n = 0;
  return () => warden.run({ department: 'finance' }, () => lookup(n++));
}

export default async function redisBench(h: Harness): Promise<BenchRow[]> {
  let server: OwnedRedisServer | undefined;
  if (!process.env.REDIS_URL) {
    if (!redisServerBinary()) return [{ group: GROUP, name: 'skipped', note: 'no redis-server reachable: set REDIS_URL or install redis-server' }];
    server = await startRedisServer();
  }
  const client = new Redis(process.env.REDIS_URL ?? server!.url, { maxRetriesPerRequest: 1 });
  try {
    const prefix = `bench:${process.pid}:`;
    const store = redisBudgetStore(client, { prefix });
    const single = await roundTripsPerSecond(store, 1);
    const eight = await roundTripsPerSecond(store, 8);
    const onRedis = await h.timePerOp(guardedCall(redisBudgetStore(client, { prefix: `${prefix}guarded:` })), { iterations: 2_000, rounds: 3, warmup: 300 });
    const inMemory = await h.timePerOp(guardedCall(memoryBudgetStore()), { iterations: 20_000, rounds: 3, warmup: 2_000 });
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    return [
      { group: GROUP, name: 'reserve+settle round trips, 1 caller', value: single, unit: 'round trips/s', note: 'local redis-server, two Lua scripts per round trip' },
      { group: GROUP, name: 'reserve+settle round trips, 8 concurrent callers', value: eight, unit: 'round trips/s' },
      h.ratioRow(GROUP, 'guarded call, tokenBudget on redisBudgetStore', onRedis, 'one warden.run + one guarded call; the budget guard reads the store once'),
      h.ratioRow(GROUP, 'guarded call, tokenBudget on memoryBudgetStore', inMemory),
      { group: GROUP, name: 'guarded call: Redis store / memory store', value: onRedis / inMemory, unit: 'x' },
    ];
  } finally {
    client.disconnect();
    await server?.kill();
  }
}
