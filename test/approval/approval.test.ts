import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  approval,
  ApprovalPendingError,
  ApprovalRejectedError,
  ApprovalTicketError,
  createWarden,
  fileApprovalStore,
  StoreUnavailableError,
  memoryApprovalStore,
  OptionsError,
  policy,
  tracing,
  type ApprovalEvent,
  type ApprovalOptions,
  type ApprovalTicket,
  type ApprovalVerdict,
  type ToolCall,
} from '../../src/index.js';
import { decisionRecorder, fakeClock, memoryTracing } from '../../src/testing/index.js';

type Refund = { orderId: string; amount: number };
const isBigRefund = (call: ToolCall) => call.tool === 'issue_refund' && (call.args as Refund).amount > 500;

function setup(options: ApprovalOptions = {}, version: Record<string, unknown> = { model: 'gpt-4o' }) {
  const clock = fakeClock();
  const store = options.store ?? memoryApprovalStore();
  const warden = createWarden({ agent: 'refund-agent', version, clock, middleware: [approval({ when: isBigRefund, store, ...options })] });
  const runs: Refund[] = [];
  const refund = warden.tool('issue_refund', async (args: Refund) => {
    runs.push(args);
    return { refunded: args.amount, orderId: args.orderId };
  });
  return { clock, store, warden, refund, runs, log: decisionRecorder(warden) };
}

async function pendingTicket(promise: Promise<unknown>): Promise<ApprovalTicket> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApprovalPendingError);
  return (error as ApprovalPendingError).ticket as ApprovalTicket;
}

describe('approval: inline approver', () => {
  it('runs the call when the approver approves, with who decided in the decisions', async () => {
    const { refund, runs, log } = setup({ approver: async (request) => ({ approved: request.decisionType === 'issue_refund', by: 'alice' }) });
    await expect(refund({ orderId: 'A1', amount: 900 })).resolves.toEqual({ refunded: 900, orderId: 'A1' });
    expect(runs).toHaveLength(1);
    expect(log.decisions.map((d) => `${d.outcome}:${d.by}`)).toEqual(['pause:approval', 'approve:alice', 'allow:approval']);
  });

  it('lets calls that do not match `when` through without a ticket', async () => {
    const { refund, runs, store } = setup({ approver: async () => ({ approved: false, by: 'alice' }) });
    await refund({ orderId: 'A1', amount: 20 });
    expect(runs).toHaveLength(1);
    expect(await store.list()).toEqual([]);
  });

  it('rejects the call when the approver says no, naming who and why', async () => {
    const { refund, runs } = setup({ approver: async () => ({ approved: false, by: 'bob', reason: 'customer is flagged' }) });
    const error = await refund({ orderId: 'A1', amount: 900 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApprovalRejectedError);
    expect((error as ApprovalRejectedError).decision).toMatchObject({ outcome: 'reject', by: 'bob', reason: 'customer is flagged', rule: 'issue_refund' });
    expect(runs).toHaveLength(0);
  });

  it('rejects with reason timeout when the approver never answers within timeoutMs', async () => {
    const { refund, runs, clock } = setup({ timeoutMs: 60_000, approver: () => new Promise(() => {}) });
    const outcome = refund({ orderId: 'A1', amount: 900 }).catch((thrown: unknown) => thrown);
    await clock.advanceAsync(60_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(ApprovalRejectedError);
    expect((error as ApprovalRejectedError).decision).toMatchObject({ by: 'approval', reason: 'timeout' });
    expect(runs).toHaveLength(0);
  });

  it('fails closed when the approver throws or answers without `by`', async () => {
    const throwing = setup({ approver: async () => { throw new Error('slack is down'); } });
    await expect(throwing.refund({ orderId: 'A1', amount: 900 })).rejects.toThrow(/approver failed: slack is down/);
    const sloppy = setup({ approver: async () => ({ approved: true }) as never });
    await expect(sloppy.refund({ orderId: 'A1', amount: 900 })).rejects.toBeInstanceOf(ApprovalRejectedError);
    expect(sloppy.runs).toHaveLength(0);
    expect(sloppy.warden.stats()['approval.approver_errors']).toBe(1);
  });
});

describe('approval: pause and resume', () => {
  it('pauses with a JSON ticket, then runs once the same callId resumes after approval', async () => {
    const { refund, runs, warden, log } = setup();
    const events: ApprovalEvent[] = [];
    warden.on('approval', (event) => void events.push(event));
    const ticket = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'call-A1' }));
    expect(JSON.parse(JSON.stringify(ticket))).toEqual(ticket);
    expect(ticket).toMatchObject({ status: 'pending', tool: 'issue_refund', args: { orderId: 'A1', amount: 900 }, callId: 'call-A1', agent: 'refund-agent', versionId: warden.version.id, decisionType: 'issue_refund' });
    expect(runs).toHaveLength(0);

    expect((await warden.approvals.list({ status: 'pending' })).map((t) => t.id)).toEqual([ticket.id]);
    await warden.approvals.resolve(ticket.id, { approved: true, by: 'alice', reason: 'loyal customer' });
    await expect(refund({ orderId: 'A1', amount: 900 }, { callId: 'call-A1' })).resolves.toEqual({ refunded: 900, orderId: 'A1' });
    await expect(refund({ orderId: 'A1', amount: 900 }, { callId: 'call-A1' })).resolves.toEqual({ refunded: 900, orderId: 'A1' });
    expect(runs).toHaveLength(1);
    expect((await warden.approvals.get(ticket.id))?.status).toBe('done');
    expect(log.decisions.map((d) => `${d.outcome}:${d.by}`)).toEqual(['pause:approval', 'approve:alice', 'allow:approval', 'allow:approval']);
    expect(events.map((event) => event.kind)).toEqual(['requested', 'approved', 'executed']);
  });

  it('keeps pausing the same ticket while it is pending', async () => {
    const { refund } = setup();
    const first = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    const second = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    expect(second.id).toBe(first.id);
  });

  it('throws ApprovalRejectedError on resume after a rejection, every time', async () => {
    const { refund, runs, warden } = setup();
    const ticket = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    await warden.approvals.resolve(ticket.id, { approved: false, by: 'bob', reason: 'duplicate claim' });
    for (let i = 0; i < 2; i++) {
      const error = await refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ApprovalRejectedError);
      expect((error as ApprovalRejectedError).decision).toMatchObject({ by: 'bob', reason: 'duplicate claim' });
    }
    expect(runs).toHaveLength(0);
  });

  it('runs the tool exactly once under 50 concurrent resumes of the same callId', async () => {
    const { refund, runs, warden } = setup();
    const ticket = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    await warden.approvals.resolve(ticket.id, { approved: true, by: 'alice' });
    const results = await Promise.all(Array.from({ length: 50 }, () => refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' })));
    expect(runs).toHaveLength(1);
    expect(new Set(results.map((result) => JSON.stringify(result)))).toEqual(new Set([JSON.stringify({ refunded: 900, orderId: 'A1' })]));
  });

  it('refuses to hand a stored result to the same callId with other args', async () => {
    const { refund, runs, warden } = setup();
    const ticket = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    await warden.approvals.resolve(ticket.id, { approved: true, by: 'alice' });
    await refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' });
    await expect(refund({ orderId: 'A1', amount: 5_000 }, { callId: 'c1' })).rejects.toMatchObject({ code: 'approval_already_ran', message: expect.stringMatching(/with other args/) });
    expect(runs).toHaveLength(1);
  });

  it('never re-runs a call whose tool failed after approval', async () => {
    const clock = fakeClock();
    const warden = createWarden({ agent: 'a', clock, middleware: [approval({ when: () => true })] });
    let attempts = 0;
    const wire = warden.tool('wire_money', async () => {
      attempts += 1;
      throw new Error('bank timeout');
    });
    const ticket = await pendingTicket(wire({}, { callId: 'w1' }));
    await warden.approvals.resolve(ticket.id, { approved: true, by: 'alice' });
    await expect(wire({}, { callId: 'w1' })).rejects.toThrow('bank timeout');
    const again = await wire({}, { callId: 'w1' }).catch((thrown: unknown) => thrown);
    expect(again).toBeInstanceOf(ApprovalTicketError);
    expect((again as ApprovalTicketError).code).toBe('approval_already_ran');
    expect(attempts).toBe(1);
  });

  it('expires a ticket older than timeoutMs as rejected with reason expired', async () => {
    const { refund, runs, warden, clock } = setup({ timeoutMs: 60_000 });
    const ticket = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    const waited = warden.approvals.wait(ticket.id);
    await clock.advanceAsync(60_000);
    await expect(waited).resolves.toMatchObject({ status: 'expired', verdict: { approved: false, by: 'approval', reason: 'expired' } });
    const error = await refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }).catch((thrown: unknown) => thrown);
    expect((error as ApprovalRejectedError).decision).toMatchObject({ outcome: 'reject', reason: 'expired' });
    await expect(warden.approvals.resolve(ticket.id, { approved: true, by: 'late-larry' })).rejects.toMatchObject({ code: 'already_resolved' });
    expect(runs).toHaveLength(0);
  });

  it('expires a pending ticket found on resume after timeoutMs', async () => {
    const { refund, clock } = setup({ timeoutMs: 1_000 });
    await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    clock.advance(1_000);
    await expect(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' })).rejects.toMatchObject({ name: 'ApprovalRejectedError', decision: { reason: 'expired' } });
  });

  it('wakes a waiter as soon as the ticket is resolved in this process', async () => {
    const { refund, warden } = setup();
    const ticket = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    const waited = warden.approvals.wait(ticket.id);
    await warden.approvals.resolve(ticket.id, { approved: true, by: 'alice' });
    await expect(waited).resolves.toMatchObject({ status: 'approved', verdict: { by: 'alice' } });
  });

  it('stops waiting when the signal aborts', async () => {
    const { refund, warden } = setup();
    const ticket = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    const controller = new AbortController();
    const waited = warden.approvals.wait(ticket.id, { signal: controller.signal });
    controller.abort(new Error('user left'));
    await expect(waited).rejects.toThrow('user left');
  });
});

describe('approval: stale approvals', () => {
  async function approvedThenChanged(onStale: ApprovalOptions['onStale']) {
    const store = memoryApprovalStore();
    const before = setup({ store, ...(onStale && { onStale }) }, { model: 'gpt-4o' });
    const ticket = await pendingTicket(before.refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    await before.warden.approvals.resolve(ticket.id, { approved: true, by: 'alice' });
    const after = setup({ store, ...(onStale && { onStale }) }, { model: 'gpt-5' });
    return { ticket, after };
  }

  it('asks again with a fresh ticket when the version changed (reask, the default)', async () => {
    const { ticket, after } = await approvedThenChanged(undefined);
    const fresh = await pendingTicket(after.refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    expect(fresh.id).not.toBe(ticket.id);
    expect(fresh.versionId).toBe(after.warden.version.id);
    expect(await after.store.get(ticket.id)).toMatchObject({ status: 'void', voidReason: expect.stringMatching(/version changed/) });
    expect(after.log.withOutcome('pause')[0]?.reason).toMatch(/asked again: version changed/);
    expect(after.runs).toHaveLength(0);
  });

  it('rejects when the version changed and onStale is reject', async () => {
    const { after } = await approvedThenChanged('reject');
    await expect(after.refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' })).rejects.toMatchObject({ name: 'ApprovalRejectedError', decision: { reason: expect.stringMatching(/stale approval .*approved by alice/) } });
    expect(after.runs).toHaveLength(0);
  });

  it('runs anyway and says so when onStale is accept', async () => {
    const { after } = await approvedThenChanged('accept');
    await after.refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' });
    expect(after.runs).toHaveLength(1);
    expect(after.log.withOutcome('allow')[0]?.reason).toMatch(/stale approval accepted: version changed/);
  });

  it('never reuses an approval for different args', async () => {
    const { refund, runs, warden } = setup();
    const ticket = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    await warden.approvals.resolve(ticket.id, { approved: true, by: 'alice' });
    const fresh = await pendingTicket(refund({ orderId: 'A1', amount: 9_000 }, { callId: 'c1' }));
    expect(fresh.args).toEqual({ orderId: 'A1', amount: 9_000 });
    expect(runs).toHaveLength(0);
  });

  it('voids an approval when the policy in force changed', async () => {
    const store = memoryApprovalStore();
    const rule = (reason: string) => ({ rules: [{ name: 'big-refund', when: (call: ToolCall) => (call.args as Refund).amount > 500, then: 'require_approval' as const, reason }] });
    const make = (reason: string) => {
      const warden = createWarden({ agent: 'refund-agent', middleware: [policy(rule(reason)), approval({ store })] });
      const runs: Refund[] = [];
      return { warden, runs, refund: warden.tool('issue_refund', async (args: Refund) => void runs.push(args)) };
    };
    const first = make('big refunds need a person');
    const ticket = await pendingTicket(first.refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    expect(ticket).toMatchObject({ decisionType: 'big-refund', rule: 'big-refund', reason: 'big refunds need a person', policyHash: expect.stringMatching(/^p_/) });
    await first.warden.approvals.resolve(ticket.id, { approved: true, by: 'alice' });
    const second = make('big refunds need two people');
    const fresh = await pendingTicket(second.refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    expect(fresh.policyHash).not.toBe(ticket.policyHash);
    expect(second.runs).toHaveLength(0);
  });
});

describe('approval: policy routing and telemetry', () => {
  it('gates calls a policy rule marks require_approval, with the rule as decision type', async () => {
    const warden = createWarden({
      agent: 'ops',
      middleware: [policy({ rules: [{ name: 'deletes', when: (call) => call.tool === 'delete_user', then: 'require_approval', reason: 'deleting data needs a person' }] }), approval({ approver: async (request) => ({ approved: request.decisionType === 'deletes', by: 'dana' }) })],
    });
    const deleted: string[] = [];
    const deleteUser = warden.tool('delete_user', async (id: string) => void deleted.push(id));
    await deleteUser('u1');
    expect(deleted).toEqual(['u1']);
  });

  it('puts the pause and the approval, with who approved, on the call span', async () => {
    const otel = memoryTracing();
    const warden = createWarden({ agent: 'a', middleware: [tracing({ tracerProvider: otel.provider }), approval({ when: () => true, approver: async () => ({ approved: true, by: 'alice' }) })] });
    await warden.tool('t', async () => 'ok')({});
    const [span] = otel.spansNamed('execute_tool t');
    expect(span?.events.map((event) => `${event.attributes?.['agentwarden.decision.outcome']}:${event.attributes?.['agentwarden.decision.by']}`)).toEqual(['pause:approval', 'approve:alice']);
    await otel.shutdown();
  });

  it('rejects unknown ids, second resolutions and verdicts without `by` with typed errors', async () => {
    const { refund, warden } = setup();
    await expect(warden.approvals.resolve('apr_nope', { approved: true, by: 'a' })).rejects.toMatchObject({ code: 'unknown_ticket', message: expect.stringMatching(/apr_nope/) });
    const ticket = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    await expect(warden.approvals.resolve(ticket.id, { approved: true } as never)).rejects.toMatchObject({ code: 'invalid_verdict', message: expect.stringMatching(/`by` must name who decided/) });
    await warden.approvals.resolve(ticket.id, { approved: true, by: 'alice' });
    await expect(warden.approvals.resolve(ticket.id, { approved: false, by: 'bob' })).rejects.toMatchObject({ code: 'already_resolved', message: expect.stringMatching(/already approved by alice/) });
    expect(await warden.approvals.get('apr_nope')).toBeUndefined();
  });

  it.each([
    [{ timeoutMs: -1 }, /`timeoutMs` must be a positive number, got -1/],
    [{ onStale: 'ignore' }, /`onStale` must be 'reask', 'reject' or 'accept'/],
    [{ when: 'refunds' }, /`when` must be a function/],
    [{ store: {} }, /`store` must be an ApprovalStore/],
  ])('rejects bad options %j at construction', (options, message) => {
    expect(() => approval(options as never)).toThrow(OptionsError);
    expect(() => approval(options as never)).toThrow(message);
  });

  it('fails a gated call with StoreUnavailableError naming the file when the store is corrupt', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'aw-approval-')), 'approvals.json');
    writeFileSync(path, 'not json');
    const { refund, runs } = setup({ store: fileApprovalStore(path) });
    await expect(refund({ orderId: 'A1', amount: 900 })).rejects.toSatisfy((error) => error instanceof StoreUnavailableError && error.message.includes(path));
    expect(runs).toHaveLength(0);
  });

  it('expires past-due tickets when listing, with a reject decision and an approval event', async () => {
    const { refund, warden, clock, log } = setup({ timeoutMs: 1_000 });
    const events: ApprovalEvent[] = [];
    warden.on('approval', (event) => void events.push(event));
    const ticket = await pendingTicket(refund({ orderId: 'A1', amount: 900 }, { callId: 'c1' }));
    clock.advance(1_000);
    expect(await warden.approvals.list({ status: 'pending' })).toEqual([]);
    expect(await warden.approvals.list({ status: 'expired' })).toMatchObject([{ id: ticket.id }]);
    expect(log.decisions.at(-1)).toMatchObject({ outcome: 'reject', by: 'approval', reason: 'expired', callId: 'c1', details: { ticketId: ticket.id } });
    expect(events.map((event) => event.kind)).toEqual(['requested', 'expired']);
  });

  it('types warden.approvals for callers', () => {
    const { warden } = setup();
    expectTypeOf(warden.approvals.resolve).returns.resolves.toEqualTypeOf<ApprovalTicket>();
    expectTypeOf(warden.approvals.get).returns.resolves.toEqualTypeOf<ApprovalTicket | undefined>();
    expectTypeOf<Parameters<typeof warden.approvals.resolve>[1]>().toEqualTypeOf<ApprovalVerdict>();
  });

  it('provides warden.approvals only when the middleware is configured', () => {
    const bare = createWarden({ agent: 'a' });
    expect(() => bare.approvals.list()).toThrow(/no approval\(\) middleware/);
  });
});
