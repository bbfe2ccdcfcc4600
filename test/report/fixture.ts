/**
 * A realistic audit file for report, CLI and browser tests, written by a real warden with
 * the real `tokenBudget` (pricing, a finance cost ceiling whose thresholds fire, an unpriced
 * model): three departments, a denied call whose args carry an injected <script>, a
 * kill-switch halt, pauses, approval and drift events and a version change.
 */
import { auditLog } from '../../src/audit/audit-log.js';
import { approval } from '../../src/approval/approval.js';
import { policy } from '../../src/policy/policy.js';
import { memoryApprovalStore } from '../../src/stores/memory-approval-store.js';
import { fakeClock } from '../../src/testing/fake-clock.js';
import { tokenBudget } from '../../src/budget/token-budget.js';
import type { WardenHost } from '../../src/core/types.js';
import { createWarden } from '../../src/core/warden.js';

/** The injected markup placed in a denied call's args. */
export const INJECTED = '<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true">';

const PRICES: Record<string, { input: number; output: number }> = { 'gpt-4o': { input: 2.5, output: 10 }, 'gpt-4o-mini': { input: 0.15, output: 0.6 } };

/** Writes the fixture to `file`; returns the times it spans. */
export async function writeFixtureAudit(file: string): Promise<{ start: number; end: number }> {
  const clock = fakeClock(Date.UTC(2026, 2, 1, 9, 0, 0));
  const start = clock.now();
  let host: WardenHost | undefined;
  const plugin = { attach: (h: WardenHost) => void (host = h) };
  for (const [index, model] of ['gpt-4o', 'gpt-4o-mini'].entries()) {
    const budget = tokenBudget({ pricing: PRICES, costLimits: { department: { finance: 0.02 } }, guardToolCalls: false });
    // Wires are never allowed; refunds over 100 wait for a person.
    const gates = [policy({ deny: ['wire_money'] }), approval({ when: (call) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 100, store: memoryApprovalStore() })];
    const warden = createWarden({ agent: 'refund-agent', version: { model, prompt: 'refund politely' }, clock, middleware: [budget, ...gates], audit: auditLog({ file }), plugins: [plugin] });
    const lookup = warden.tool('lookup_order', async (args: { orderId: string }) => ({ orderId: args.orderId, total: 120 }));
    const refund = warden.tool('issue_refund', async (args: { orderId: string; amount: number }) => `refunded ${args.amount}`);
    const wire = warden.tool('wire_money', async (_args: { to: string; note: string }) => 'sent');
    const departments = ['finance', 'support', 'sales'];
    for (let run = 0; run < 6; run++) {
      const department = departments[run % 3]!;
      await warden.run({ sessionId: `sess-${index}-${run}`, workflow: run % 2 ? 'claims' : 'returns', department }, async () => {
        clock.advance(30_000);
        await lookup({ orderId: `A${run}` });
        await warden.recordUsage({ model, inputTokens: 1200 + run * 100, outputTokens: 300 });
        clock.advance(15_000);
        await refund({ orderId: `A${run}`, amount: run === 2 ? 250 : 40 }).catch(() => undefined);
        if (run === 4) await wire({ to: 'acct-999', note: INJECTED }).catch(() => undefined);
      });
      clock.advance(60_000);
    }
    if (index === 0) {
      await warden.recordUsage({ model: 'mystery-model', inputTokens: 500, outputTokens: 50 });
      host!.emit('approval', { kind: 'rejected', ticket: { id: 'apr_1', tool: 'issue_refund', callId: 'c1', verdict: { approved: false, by: 'dana', reason: 'customer is not eligible' } }, at: new Date(clock.now()).toISOString() });
      host!.emit('drift', { metric: 'error_rate', kind: 'mean', baseline: { kind: 'mean', mean: 0.02 }, current: 0.31, direction: 'up', statistic: { test: 'cusum', value: 7.2, threshold: 5, reference: 0 }, versionId: warden.version.id, agent: 'refund-agent', at: new Date(clock.now()).toISOString() });
      warden.halt('operator stopped refunds');
      await refund({ orderId: 'A9', amount: 10 }).catch(() => undefined);
      warden.resume();
    }
    await warden.close();
    clock.advance(3_600_000);
  }
  return { start, end: clock.now() };
}
