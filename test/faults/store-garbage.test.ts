/**
 * Stores that answer garbage: a Redis key of the wrong type or a ticket with unreadable
 * fields, and an audit file that cannot be written. Each ends in a typed error (or, for the
 * audit trail, an `error` event while the agent carries on) within a bounded time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/core/errors.js';
import { approval, auditLog, createWarden, policy, tokenBudget } from '../../src/index.js';
import { redisApprovalStore } from '../../src/stores/redis/redis-approval-store.js';
import { redisBudgetStore } from '../../src/stores/redis/redis-budget-store.js';
import { sampleTicket } from '../fixtures/sample-ticket.js';
import { redisAvailable, useRedis, type TestRedis } from '../support/redis.js';

const available = redisAvailable();
let redis: TestRedis;
beforeAll(async () => {
  if (available) redis = await useRedis();
});
afterAll(async () => redis?.stop());

describe.runIf(available)('Redis answering garbage', () => {
  it('turns budget keys of the wrong type into StoreUnavailableError, fail-closed', async () => {
    const client = redis.client();
    const prefix = redis.prefix();
    const warden = createWarden({ agent: 'a', middleware: [tokenBudget({ limits: { department: { finance: 10_000 } }, store: redisBudgetStore(client, { prefix, timeoutMs: 500 }) })] });
    await warden.run({ department: 'finance' }, async () => warden.recordUsage({ model: 'm', inputTokens: 5, outputTokens: 5 }));
    const keys = await client.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      await client.del(key);
      await client.lpush(key, 'garbage');
    }
    const error = await warden.run({ department: 'finance' }, () => warden.reserve({ inputTokens: 10 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreUnavailableError);
  });

  it('turns a ticket with unreadable fields into StoreUnavailableError, never a crash', async () => {
    const client = redis.client();
    const prefix = redis.prefix();
    const store = redisApprovalStore(client, { prefix, timeoutMs: 500 });
    await store.open(sampleTicket('c1'));
    const [key] = await client.keys(`${prefix}*t:*`);
    expect(key).toBeDefined();
    await client.hset(key!, 'args', '{not json');
    await expect(store.get('apr_c1')).rejects.toBeInstanceOf(StoreUnavailableError);
    const warden = createWarden({ agent: 'a', middleware: [approval({ when: () => true, store })] });
    await expect(warden.approvals.get('apr_c1')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('an audit file that cannot be written', () => {
  it.each(['/proc/agentwarden-audit.jsonl', '/dev/null/audit.jsonl'])('lets the agent carry on and reports AuditWriteError for %s', async (file) => {
    const warden = createWarden({ agent: 'a', middleware: [policy({ deny: ['blocked'] })], audit: auditLog({ file }) });
    const errors: Error[] = [];
    warden.on('error', (error) => errors.push(error));
    const tool = warden.tool('lookup', async () => 'ok');
    await expect(warden.run({}, () => tool({}))).resolves.toBe('ok');
    await warden.close();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.name).toBe('AuditWriteError');
    expect(warden.stats()['audit.errors']).toBeGreaterThan(0);
  });
});
