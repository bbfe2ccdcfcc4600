/**
 * The ApprovalStore contract as tests: every store (memory, file, Redis) must pass it.
 * `makeStore` returns a fresh, empty store each time.
 */
import { expect, it } from 'vitest';
import type { ApprovalStore } from '../../src/index.js';
import { sampleTicket } from '../fixtures/sample-ticket.js';

const at = '2026-01-01T00:01:00.000Z';

/** Registers the contract's cases in the current `describe`. */
export function approvalStoreContract(makeStore: () => ApprovalStore): void {
  it('opens one live ticket per callId and hands back the live one to a second open', async () => {
    const store = makeStore();
    expect(await store.open(sampleTicket('c1'))).toMatchObject({ created: true, ticket: { id: 'apr_c1' } });
    expect(await store.open({ ...sampleTicket('c1'), id: 'apr_other' })).toMatchObject({ created: false, ticket: { id: 'apr_c1' } });
    expect(await store.findByCallId('c1')).toMatchObject({ id: 'apr_c1', status: 'pending' });
    expect(await store.get('apr_other')).toBeUndefined();
  });

  it('opens a fresh ticket once the old one is void', async () => {
    const store = makeStore();
    await store.open(sampleTicket('c1'));
    await store.transition('apr_c1', { from: 'pending', to: 'void', set: { voidReason: 'stale' }, at });
    expect(await store.open({ ...sampleTicket('c1'), id: 'apr_c1b' })).toMatchObject({ created: true });
    expect((await store.findByCallId('c1'))?.id).toBe('apr_c1b');
  });

  it('changes status only from the expected one (compare-and-set)', async () => {
    const store = makeStore();
    await store.open(sampleTicket('c1'));
    expect(await store.transition('apr_c1', { from: 'approved', to: 'running', at })).toMatchObject({ ok: false, ticket: { status: 'pending' } });
    const verdict = { approved: true, by: 'alice', at, announced: false };
    expect(await store.transition('apr_c1', { from: 'pending', to: 'approved', set: { verdict }, at })).toMatchObject({ ok: true, ticket: { status: 'approved', verdict, updatedAt: at } });
    expect(await store.transition('apr_missing', { from: 'pending', to: 'approved', at })).toEqual({ ok: false, ticket: undefined });
  });

  it('lets exactly one of 50 concurrent claims win', async () => {
    const store = makeStore();
    await store.open(sampleTicket('c1'));
    await store.transition('apr_c1', { from: 'pending', to: 'approved', at });
    const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => store.transition('apr_c1', { from: 'approved', to: 'running', set: { execution: { claimedBy: `w${i}`, claimedAt: at } }, at })));
    expect(claims.filter((claim) => claim.ok)).toHaveLength(1);
    const winner = claims.find((claim) => claim.ok)!.ticket!.execution!.claimedBy;
    expect((await store.get('apr_c1'))?.execution?.claimedBy).toBe(winner);
  });

  it('hands out copies, never its own objects', async () => {
    const store = makeStore();
    const { ticket } = await store.open(sampleTicket('c1'));
    (ticket.args as { amount: number }).amount = 1;
    ((await store.get('apr_c1'))!.args as { amount: number }).amount = 2;
    expect((await store.get('apr_c1'))?.args).toEqual({ orderId: 'c1', amount: 900 });
  });

  it('lists oldest first, filtered by status and callId', async () => {
    const store = makeStore();
    await store.open(sampleTicket('late', '2026-01-01T00:02:00.000Z'));
    await store.open(sampleTicket('early', '2026-01-01T00:01:00.000Z'));
    await store.transition('apr_late', { from: 'pending', to: 'rejected', at });
    expect((await store.list()).map((ticket) => ticket.callId)).toEqual(['early', 'late']);
    expect((await store.list({ status: 'pending' })).map((ticket) => ticket.callId)).toEqual(['early']);
    expect((await store.list({ status: ['pending', 'rejected'], callId: 'late' })).map((ticket) => ticket.callId)).toEqual(['late']);
  });
}
