import { describe, expect, it } from 'vitest';
import { createWarden, driftMonitor, policy, type DriftAlarm, type RunInfo } from '../../src/index.js';
import { fakeClock } from '../../src/testing/index.js';
import { versions } from '../../src/versions/registry.js';

describe('drift auto-rollback with the real driftMonitor', () => {
  it('ends the canary when its denial rate drifts, and leaves prod alone', async () => {
    const registry = versions();
    const a = registry.register({ prompt: 'refund the order total' }, { label: 'A' });
    const b = registry.register({ prompt: 'refund generously' }, { label: 'B' });
    registry.promote('A', 'prod');
    registry.promote('B', 'canary');
    const clock = fakeClock();
    const warden = createWarden({
      agent: 'refunds',
      clock,
      version: registry.route({ canaryPercent: 30 }),
      plugins: [registry],
      middleware: [
        driftMonitor({ builtins: false, metrics: { refundDenied: { on: 'run', value: (run) => run.blocked > 0 } }, baseline: { refundDenied: { mean: 0.02 } } }),
        policy({ rules: [{ name: 'refund-cap', when: (call) => (call.args as { amount: number }).amount > 100, then: 'deny', reason: 'refunds above 100 need a person' }] }),
      ],
    });
    const alarms: DriftAlarm[] = [];
    warden.on('drift', (alarm) => alarms.push(alarm as unknown as DriftAlarm));
    registry.watch(warden, { autoRollback: true });
    const refund = warden.tool('issue_refund', (args: { amount: number }) => ({ refunded: args.amount }));

    const servedBy: string[] = [];
    for (let i = 0; i < 400; i++) {
      clock.advance(10_000);
      await warden.run({ sessionId: `customer-${i}` }, async (run: RunInfo) => {
        servedBy.push(run.version.label!);
        await refund({ amount: run.version.id === b.id ? 500 : 50 }).catch(() => undefined);
      });
    }

    expect(alarms.length).toBeGreaterThan(0);
    expect(alarms.every((alarm) => alarm.versionId === b.id)).toBe(true);
    expect(registry.current('canary')).toBeUndefined();
    expect(registry.current('prod')?.id).toBe(a.id);
    const rollback = registry.history().at(-1)!;
    expect(rollback).toMatchObject({ action: 'rollback', stage: 'canary', by: 'drift', previousVersionId: b.id });
    expect(rollback.reason).toMatch(/drift alarm on refundDenied for B/);
    const lastCanarySession = servedBy.lastIndexOf('B');
    expect(lastCanarySession).toBeGreaterThan(-1);
    expect(lastCanarySession).toBeLessThan(100);
    expect(servedBy.slice(lastCanarySession + 1).every((label) => label === 'A')).toBe(true);
    await warden.close();
  });
});
