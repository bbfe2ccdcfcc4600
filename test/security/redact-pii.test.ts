import { describe, expect, it } from 'vitest';
import { createWarden, OptionsError, redactPII } from '../../src/index.js';
import { decisionRecorder } from '../../src/testing/index.js';

describe('redactPII', () => {
  it('redacts PII in results and leaves args to the tool', async () => {
    const warden = createWarden({ agent: 'crm', middleware: [redactPII({ key: 'k' })] });
    const log = decisionRecorder(warden);
    const seen: unknown[] = [];
    const lookup = warden.tool('lookup_customer', async (args: { email: string }) => {
      seen.push(args);
      return { name: 'Ana', email: args.email, card: '4111 1111 1111 1111', order: '4111 1111 1111 1112' };
    });
    const result = (await lookup({ email: 'ana@example.com' })) as Record<string, string>;
    expect(seen).toEqual([{ email: 'ana@example.com' }]);
    expect(result.email).toMatch(/^\[email:[0-9a-f]{6}\]$/);
    expect(result.card).toMatch(/^\[card:[0-9a-f]{6}\]$/);
    expect(result.order).toBe('4111 1111 1111 1112');
    expect(log.decisions).toMatchObject([{ outcome: 'flag', rule: 'pii_redacted', details: { direction: 'results', kinds: { email: 1, card: 1 } } }]);
    expect(JSON.stringify(log.decisions)).not.toContain('ana@example.com');
  });

  it('redacts args too when asked, with the same label for the same value', async () => {
    const warden = createWarden({ agent: 'crm', middleware: [redactPII({ key: 'k', scan: 'both', kinds: ['email'] })] });
    const echo = warden.tool('echo', async (args: { to: string }) => args.to);
    const first = await echo({ to: 'ana@example.com' });
    expect(first).toMatch(/^\[email:/);
    expect(await echo({ to: 'ana@example.com' })).toBe(first);
  });

  it('rejects a bad scan option naming it', () => {
    expect(() => redactPII({ scan: 'all' as never })).toThrow(OptionsError);
    expect(() => redactPII({ scan: 'all' as never })).toThrow(/`scan`/);
  });
});
