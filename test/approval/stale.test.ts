import { describe, expect, it } from 'vitest';
import { staleReasons } from '../../src/approval/stale.js';
import { gateReasonOf, newTicket } from '../../src/approval/ticket.js';
import { versionStamp, type ToolCall } from '../../src/index.js';

const call = (overrides: Partial<ToolCall> = {}): ToolCall => ({
  tool: 'issue_refund',
  args: { orderId: 'A1', amount: 900 },
  callId: 'c1',
  agent: 'refund-agent',
  runId: 'run_1',
  version: versionStamp({ model: 'gpt-4o' }),
  attempt: 1,
  metadata: {},
  traits: {},
  ...overrides,
});

describe('staleReasons', () => {
  const ticket = newTicket(call(), gateReasonOf(call()), { now: 0, timeoutMs: 1_000, policyHash: 'p_1' });

  it('finds nothing when version, policy and args are the same (key order aside)', () => {
    expect(staleReasons(ticket, call({ args: { amount: 900, orderId: 'A1' } }), 'p_1')).toEqual([]);
  });

  it.each([
    ['the version', call({ version: versionStamp({ model: 'gpt-5' }) }), 'p_1', /version changed from v_\w+ to v_\w+/],
    ['the policy', call(), 'p_2', /policy changed from p_1 to p_2/],
    ['the policy going away', call(), undefined, /policy changed from p_1 to none/],
    ['the args', call({ args: { orderId: 'A1', amount: 9_000 } }), 'p_1', /args differ/],
  ])('reports a change of %s', (_what, changed, policyHash, reason) => {
    expect(staleReasons(ticket, changed, policyHash)).toEqual([expect.stringMatching(reason)]);
  });
});

describe('newTicket', () => {
  it('records a policy rule as the decision type and keeps args that are not JSON readable', () => {
    const gated = call({ args: { amount: 10n }, requiresApproval: { rule: 'big-refund', reason: 'over $500', by: 'policy' } });
    const ticket = newTicket(gated, gateReasonOf(gated), { now: Date.UTC(2026, 0, 1), timeoutMs: 60_000, policyHash: undefined });
    expect(ticket).toMatchObject({ decisionType: 'big-refund', rule: 'big-refund', reason: 'over $500', args: '[not JSON-serializable: object]', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-01-01T00:01:00.000Z' });
    expect(ticket).not.toHaveProperty('policyHash');
  });
});
