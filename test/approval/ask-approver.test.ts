import { describe, expect, it } from 'vitest';
import { approval, createWarden, type ApprovalRequest } from '../../src/index.js';
import { fakeClock } from '../../src/testing/index.js';

describe('inline approver bounds', () => {
  it('aborts the approver request signal when the approval times out', async () => {
    const clock = fakeClock();
    let request: ApprovalRequest | undefined;
    const warden = createWarden({ agent: 'a', clock, middleware: [approval({ when: () => true, timeoutMs: 5_000, approver: (asked) => ((request = asked), new Promise(() => {})) })] });
    const outcome = warden.tool('t', async () => 'ran')({}).catch((error: unknown) => error);
    await clock.advanceAsync(5_000);
    await outcome;
    expect(request?.signal.aborted).toBe(true);
  });

  it('stops waiting for the approver when the caller aborts the call', async () => {
    const warden = createWarden({ agent: 'a', middleware: [approval({ when: () => true, approver: () => new Promise(() => {}) })] });
    const controller = new AbortController();
    const outcome = warden.tool('t', async () => 'ran')({}, { signal: controller.signal });
    controller.abort(new Error('user hung up'));
    await expect(outcome).rejects.toThrow('user hung up');
  });

  it('hands the approver the ticket, the decision type and the reason', async () => {
    let request: ApprovalRequest | undefined;
    const warden = createWarden({ agent: 'a', middleware: [approval({ when: () => true, approver: async (asked) => ((request = asked), { approved: true, by: 'alice' }) })] });
    await warden.tool('wire_money', async () => 'ran')({ to: 'acme', usd: 10 });
    expect(request).toMatchObject({ decisionType: 'wire_money', reason: "wire_money requires a person's approval", ticket: { status: 'pending', args: { to: 'acme', usd: 10 } }, call: { tool: 'wire_money' } });
  });
});
