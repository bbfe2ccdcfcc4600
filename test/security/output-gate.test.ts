import { describe, expect, it } from 'vitest';
import { allowedDomains, canary, createWarden, maxAmount, noSecrets, OptionsError, outputGate, PolicyDeniedError } from '../../src/index.js';
import { decisionRecorder } from '../../src/testing/index.js';

function bank(gate: ReturnType<typeof outputGate>) {
  const warden = createWarden({ agent: 'payments', middleware: [gate] });
  const log = decisionRecorder(warden);
  const sent: unknown[] = [];
  const wire = warden.tool('wire_money', async (args: { amount: number; to: string }) => sent.push(args), { risk: 'high' });
  const lookup = warden.tool('lookup', async (args: { amount: number; to: string }) => args);
  return { wire, lookup, log, sent };
}

describe('outputGate', () => {
  it('denies an action whose args fail a check, before the tool runs', async () => {
    const { wire, log, sent } = bank(outputGate([maxAmount(500), allowedDomains(['example.com'])]));
    await expect(wire({ amount: 9_000, to: 'cfo@example.com' })).rejects.toBeInstanceOf(PolicyDeniedError);
    await expect(wire({ amount: 50, to: 'mallory@evil.example' })).rejects.toThrow(/outside the allowed domains/);
    expect(sent).toEqual([]);
    expect(log.decisions).toMatchObject([
      { outcome: 'deny', by: 'outputGate', rule: 'max_amount', reason: '`amount` 9000 exceeds the limit of 500' },
      { outcome: 'deny', by: 'outputGate', rule: 'allowed_domains' },
    ]);
  });

  it('lets passing actions run and says so', async () => {
    const { wire, log, sent } = bank(outputGate([maxAmount(500), allowedDomains(['example.com'])]));
    await wire({ amount: 120, to: 'billing@eu.example.com' });
    expect(sent).toHaveLength(1);
    expect(log.decisions).toMatchObject([{ outcome: 'allow', by: 'outputGate' }]);
  });

  it('checks only high-risk tools when asked', async () => {
    const { lookup } = bank(outputGate(maxAmount(1), { highRiskOnly: true }));
    expect(await lookup({ amount: 5, to: 'x' })).toEqual({ amount: 5, to: 'x' });
  });

  it.each([
    [false, 'refused by check'],
    ['too risky today', 'too risky today'],
    [{ allow: false, rule: 'night', reason: 'no wires at night' }, 'no wires at night'],
  ])('takes %j from a custom async check as a refusal', async (answer, reason) => {
    const check = async () => answer;
    const { wire } = bank(outputGate(Object.defineProperty(check, 'name', { value: 'check' })));
    await expect(wire({ amount: 1, to: 'a@example.com' })).rejects.toMatchObject({ decision: { reason } });
  });

  it('refuses secrets and canary tokens in args', async () => {
    const leak = canary();
    const { wire } = bank(outputGate(noSecrets({ tokens: [leak.token] })));
    await expect(wire({ amount: 1, to: `x ${leak.token}` })).rejects.toThrow(/protected token/);
    await expect(wire({ amount: 1, to: 'key sk-abcdefghijklmnopqrstuvwxyz0123' })).rejects.toThrow(/secret/);
  });

  it('rejects bad configuration at construction', () => {
    expect(() => outputGate([] as never)).toThrow(OptionsError);
    expect(() => maxAmount(-1)).toThrow(/`limit`/);
    expect(() => allowedDomains([])).toThrow(/`domains`/);
  });
});
