/**
 * Redis killed mid-run: every store answers with a typed `StoreUnavailableError` within its
 * timeout (never a hang, even with ioredis's offline queue on), fail-closed refuses, fail-open
 * carries on and counts the error in `warden.stats()`, and after a restart the same clients
 * and stores work again. This file starts and kills its own redis-server.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/core/errors.js';
import { approval, createWarden, loopBreaker, tokenBudget } from '../../../src/index.js';
import { redisApprovalStore } from '../../../src/stores/redis/redis-approval-store.js';
import { redisBudgetStore } from '../../../src/stores/redis/redis-budget-store.js';
import { redisLoopStore } from '../../../src/stores/redis/redis-loop-store.js';
import { redisAvailable, redisServerBinary, startRedisServer, type OwnedRedisServer } from '../../support/redis.js';

// Needs a server it may kill: a binary, not only REDIS_URL (CI has both).
const available = redisAvailable() && (redisServerBinary() !== undefined || process.env.CI === 'true');
let server: OwnedRedisServer;
const clients: Redis[] = [];
beforeAll(async () => {
  if (available) server = await startRedisServer();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.kill();
});

/** A client that keeps commands in its offline queue while disconnected: the case that could hang. */
function queueingClient(): Redis {
  const client = new Redis(server.url, { maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy: () => 50 });
  client.on('error', () => {});
  clients.push(client);
  return client;
}

async function untilReady(client: Redis): Promise<void> {
  while (client.status !== 'ready') await new Promise((resolve) => setTimeout(resolve, 20));
}

const line = { scope: 'department:finance', period: 'day' as const, maxTokens: 1_000 };

describe.runIf(available)('Redis stores when Redis goes down', () => {
  it('fails closed with StoreUnavailableError within the timeout, and recovers after a restart', async () => {
    const client = queueingClient();
    const store = redisBudgetStore(client, { prefix: 'faults:closed:', timeoutMs: 300 });
    const warden = createWarden({ agent: 'a', middleware: [tokenBudget({ limits: { department: { finance: 1_000 } }, store })] });
    const tool = warden.tool('t', async (n: number) => n);
    await untilReady(client);
    await expect(warden.run({ department: 'finance' }, () => tool(1))).resolves.toBe(1);

    await server.kill();
    const refused = await store.reserve({ id: 'r1', lines: [line], tokens: 1, costMicros: 0, ttlMs: 1_000 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    expect((refused as StoreUnavailableError).message).toMatch(/redisBudgetStore\(faults:closed:\): reserve got no answer within 300 ms/);
    const call = await warden.run({ department: 'finance' }, () => tool(2)).catch((error: unknown) => error);
    expect(call).toBeInstanceOf(StoreUnavailableError);
    const held = await warden.run({ department: 'finance' }, () => warden.reserve({ model: 'm', inputTokens: 10, outputTokens: 10 })).catch((error: unknown) => error);
    expect(held).toBeInstanceOf(StoreUnavailableError);
    expect(warden.stats()['budget.store.errors']).toBeGreaterThanOrEqual(1);

    await server.restart();
    await untilReady(client);
    await expect(warden.run({ department: 'finance' }, () => tool(3))).resolves.toBe(3);
    expect((await store.reserve({ id: 'r2', lines: [line], tokens: 1, costMicros: 0, ttlMs: 1_000 })).ok).toBe(true);
  });

  it('fails open when asked: calls go on unmetered and warden.stats() counts the swallowed errors', async () => {
    const client = queueingClient();
    const store = redisBudgetStore(client, { prefix: 'faults:open:', timeoutMs: 200, failMode: 'open' });
    const warden = createWarden({ agent: 'a', middleware: [tokenBudget({ limits: { department: { finance: 1_000 } }, store })] });
    const tool = warden.tool('t', async (n: number) => n);
    await untilReady(client);

    await server.kill();
    await expect(warden.run({ department: 'finance' }, () => tool(1))).resolves.toBe(1);
    const held = await warden.run({ department: 'finance' }, () => warden.reserve({ model: 'm', inputTokens: 10, outputTokens: 10 }));
    expect(held).toBeDefined();
    expect(store.swallowedErrors).toBeGreaterThanOrEqual(2);
    expect(warden.stats()['redis.budget.errors']).toBe(store.swallowedErrors);

    await server.restart();
    await untilReady(client);
    const before = store.swallowedErrors;
    await store.settle({ lines: [line], tokens: 5, costMicros: 0 });
    expect((await store.snapshot([line])).entries[0]?.tokens).toBe(5);
    expect(store.swallowedErrors).toBe(before);
  });

  it('fails at once, typed, when the client does not queue commands while disconnected', async () => {
    const client = new Redis(server.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => 50 });
    client.on('error', () => {});
    clients.push(client);
    const store = redisBudgetStore(client, { prefix: 'faults:noqueue:', timeoutMs: 60_000 });
    await untilReady(client);
    await server.kill();
    while (client.status === 'ready') await new Promise((resolve) => setTimeout(resolve, 10));
    const error = await store.snapshot().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).message).not.toMatch(/within/);
    await server.restart();
    await untilReady(client);
  });

  it('refuses approval-gated calls with StoreUnavailableError while Redis is down, and resumes after', async () => {
    const client = queueingClient();
    const warden = createWarden({ agent: 'a', middleware: [approval({ when: () => true, store: redisApprovalStore(client, { prefix: 'faults:approval:', timeoutMs: 200 }) })] });
    const refund = warden.tool('refund', async (amount: number) => amount);
    await untilReady(client);
    await server.kill();
    expect(await refund(900, { callId: 'c1' }).catch((error: unknown) => error)).toBeInstanceOf(StoreUnavailableError);
    await server.restart();
    await untilReady(client);
    expect(await refund(900, { callId: 'c1' }).catch((error: { code?: string }) => error.code)).toBe('approval_pending');
  });

  it.each([
    ['closed', 'StoreUnavailableError'],
    ['open', 'ran'],
  ] as const)('loopBreaker on a loop store that fails %s', async (failMode, expected) => {
    const client = queueingClient();
    const store = redisLoopStore(client, { prefix: `faults:loop:${failMode}:`, timeoutMs: 200, failMode });
    const warden = createWarden({ agent: 'a', middleware: [loopBreaker({ store })] });
    const tool = warden.tool('t', async (n: number) => n);
    await untilReady(client);
    await server.kill();
    expect(await tool(1).then(() => 'ran', (error: Error) => error.name)).toBe(expected);
    expect(warden.stats()['redis.loop.errors'] ?? 0).toBe(failMode === 'open' ? 1 : 0);
    await server.restart();
    await untilReady(client);
    await expect(tool(2)).resolves.toBe(2);
  });
});
