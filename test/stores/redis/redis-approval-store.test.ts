/**
 * `redisApprovalStore` against a real Redis. The first block runs the same ApprovalStore
 * contract as the memory and file stores (test/stores/approval-store-contract.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionsError } from '../../../src/core/errors.js';
import { approval, createWarden, type ApprovalStore } from '../../../src/index.js';
import { redisApprovalStore, type RedisApprovalStore } from '../../../src/stores/redis/redis-approval-store.js';
import { sampleTicket } from '../../fixtures/sample-ticket.js';
import { approvalStoreContract } from '../approval-store-contract.js';
import { redisAvailable, useRedis, type TestRedis } from '../../support/redis.js';

const available = redisAvailable();
let redis: TestRedis;
beforeAll(async () => {
  if (available) redis = await useRedis();
});
afterAll(async () => redis?.stop());

const at = '2026-01-01T00:01:00.000Z';
const makeStore = (): ApprovalStore => redisApprovalStore(redis.client(), { prefix: redis.prefix() });

describe.runIf(available)('redisApprovalStore keeps the ApprovalStore contract', () => approvalStoreContract(makeStore));


describe.runIf(available)('redisApprovalStore', () => {
  it('keeps a ticket as a hash with one field per ticket field', async () => {
    const client = redis.client();
    const prefix = redis.prefix();
    await redisApprovalStore(client, { prefix }).open(sampleTicket('c/1'));
    const fields = await client.hgetall(`${prefix}approval:t:apr_c/1`);
    expect(fields).toMatchObject({ status: 'pending', callId: 'c/1', tool: '"issue_refund"', args: '{"orderId":"c/1","amount":900}' });
  });

  it('records the claimant token with SET NX when a ticket starts running', async () => {
    const client = redis.client();
    const prefix = redis.prefix();
    const store = redisApprovalStore(client, { prefix });
    await store.open(sampleTicket('c1'));
    await store.transition('apr_c1', { from: 'pending', to: 'approved', at });
    await store.transition('apr_c1', { from: 'approved', to: 'running', set: { execution: { claimedBy: 'pid:1/abc', claimedAt: at } }, at });
    expect(await client.get(`${prefix}approval:claim:apr_c1`)).toBe('pid:1/abc');
  });

  it('expires a finished ticket after ticketTtlMs and keeps live ones', async () => {
    const client = redis.client();
    const prefix = redis.prefix();
    const store = redisApprovalStore(client, { prefix, ticketTtlMs: 60_000 });
    await store.open(sampleTicket('done'));
    await store.open(sampleTicket('waiting'));
    await store.transition('apr_done', { from: 'pending', to: 'rejected', at });
    expect(await client.pttl(`${prefix}approval:t:apr_done`)).toBeGreaterThan(0);
    expect(await client.pttl(`${prefix}approval:t:apr_waiting`)).toBe(-1);
  });

  it('wakes a watcher through pub/sub when another client changes a ticket', async () => {
    const prefix = redis.prefix();
    const watching = redisApprovalStore(redis.client(), { prefix });
    await watching.subscribed();
    const resolving = redisApprovalStore(redis.client(), { prefix });
    await resolving.open(sampleTicket('c1'));
    const woken = new Promise<void>((resolve) => watching.watch('apr_c1', resolve));
    await resolving.transition('apr_c1', { from: 'pending', to: 'approved', at });
    await expect(woken).resolves.toBeUndefined();
    await watching.close();
  });

  it('wakes warden.approvals.wait by pub/sub (no polling) when another warden resolves the ticket', async () => {
    const prefix = redis.prefix();
    const gatedStore = redisApprovalStore(redis.client(), { prefix });
    await gatedStore.subscribed();
    const gated = createWarden({ agent: 'refunds', middleware: [approval({ when: () => true, store: gatedStore })] });
    const operator = createWarden({ agent: 'operator', middleware: [approval({ store: redisApprovalStore(redis.client(), { prefix }) })] });
    const refund = gated.tool('issue_refund', async (args: { amount: number }) => ({ refunded: args.amount }));
    const paused = await refund({ amount: 900 }, { callId: 'call-1' }).catch((error: { ticket: { id: string } }) => error);
    const id = (paused as { ticket: { id: string } }).ticket.id;
    const waiting = gated.approvals.wait(id, { pollMs: 600_000 });
    await operator.approvals.resolve(id, { approved: true, by: 'alice' });
    expect(await waiting).toMatchObject({ status: 'approved', verdict: { by: 'alice' } });
    expect(await refund({ amount: 900 }, { callId: 'call-1' })).toEqual({ refunded: 900 });
    expect(await operator.approvals.get(id)).toMatchObject({ status: 'done', execution: { result: { refunded: 900 } } });
  });
});

describe.runIf(available)('redisApprovalStore connections', () => {
  it('closes its pub/sub connection when the last warden using it closes', async () => {
    const client = redis.client();
    const prefix = redis.prefix();
    const store = redisApprovalStore(client, { prefix });
    const warden = createWarden({ agent: 'a', middleware: [approval({ store })] });
    await store.subscribed();
    const subscribers = async () => ((await client.pubsub('NUMSUB', `${prefix}approval:changed`)) as [string, number])[1];
    expect(await subscribers()).toBe(1);
    await warden.close();
    while ((await subscribers()) !== 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await subscribers()).toBe(0);
  });
});

describe('redisApprovalStore options', () => {
  const fakeClient = { defineCommand() {}, duplicate() {} } as never;
  it.each<[string, unknown, RegExp]>([
    ['fail-open', { failMode: 'open' }, /`failMode` must be 'closed'/],
    ['a zero ticket ttl', { ticketTtlMs: 0 }, /`ticketTtlMs` must be a positive integer/],
  ])('rejects %s at construction', (_name, options, message) => {
    expect(() => redisApprovalStore(fakeClient, options as never)).toThrow(OptionsError);
    expect(() => redisApprovalStore(fakeClient, options as never)).toThrow(message);
  });
});
