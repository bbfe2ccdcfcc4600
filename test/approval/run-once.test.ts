import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunOnce } from '../../src/approval/run-once.js';
import { memoryApprovalStore, type ApprovalStore } from '../../src/index.js';
import { sampleTicket } from '../fixtures/sample-ticket.js';

const at = '2026-01-01T00:01:00.000Z';

async function approvedTicket(store: ApprovalStore, callId = 'c1') {
  await store.open(sampleTicket(callId));
  const result = await store.transition(`apr_${callId}`, { from: 'pending', to: 'approved', set: { verdict: { approved: true, by: 'alice', at, announced: false } }, at });
  return result.ticket!;
}

describe('runOnce', () => {
  it('runs, stores the JSON result and marks the verdict announced', async () => {
    const store = memoryApprovalStore();
    const runOnce = createRunOnce(store, { now: () => 0, onStoreError: () => {} });
    const ticket = await approvedTicket(store);
    await expect(runOnce(ticket, async () => ({ refunded: 900 }))).resolves.toEqual({ ran: true, result: { refunded: 900 } });
    expect(await store.get(ticket.id)).toMatchObject({ status: 'done', verdict: { announced: true }, execution: { result: { refunded: 900 }, claimedBy: expect.stringMatching(/^pid:\d+\//) } });
  });

  it('stores a failure and hands the error to the caller', async () => {
    const store = memoryApprovalStore();
    const ticket = await approvedTicket(store);
    const runOnce = createRunOnce(store, { now: () => 0, onStoreError: () => {} });
    await expect(runOnce(ticket, async () => { throw new TypeError('bank down'); })).rejects.toThrow('bank down');
    expect(await store.get(ticket.id)).toMatchObject({ status: 'failed', execution: { error: { name: 'TypeError', message: 'bank down' } } });
  });

  it('marks a result that is not JSON as unstorable but still returns it', async () => {
    const store = memoryApprovalStore();
    const ticket = await approvedTicket(store);
    const runOnce = createRunOnce(store, { now: () => 0, onStoreError: () => {} });
    await expect(runOnce(ticket, async () => 10n)).resolves.toEqual({ ran: true, result: 10n });
    expect((await store.get(ticket.id))?.execution?.resultUnstorable).toBe(true);
  });

  it('tells a second runner that it lost the claim, with the ticket as it is now', async () => {
    const store = memoryApprovalStore();
    const ticket = await approvedTicket(store);
    await createRunOnce(store, { now: () => 0, onStoreError: () => {} })(ticket, async () => 'first');
    const late = await createRunOnce(store, { now: () => 0, onStoreError: () => {} })(ticket, async () => 'second');
    expect(late).toMatchObject({ ran: false, ticket: { status: 'done', execution: { result: 'first' } } });
  });

  it('runs the work at most once for any number of runners and gates racing on one ticket', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 20 }), async (gates, callsPerGate) => {
        const store = memoryApprovalStore();
        const ticket = await approvedTicket(store);
        let runs = 0;
        const runners = Array.from({ length: gates }, () => createRunOnce(store, { now: () => 0, onStoreError: () => {} }));
        const outcomes = await Promise.all(runners.flatMap((runOnce) => Array.from({ length: callsPerGate }, () => runOnce(ticket, async () => ++runs))));
        expect(runs).toBe(1);
        expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(callsPerGate);
      }),
      { numRuns: 50 },
    );
  });
});
