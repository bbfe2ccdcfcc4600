import { describe, expect, it } from 'vitest';
import { createWarden, injectionScreen, policy, PolicyDeniedError } from '../../src/index.js';

// The boundary that stops indirect injection even when the screen misses it: after an
// untrusted read, a high-risk call in the same run is denied.
function agent() {
  const warden = createWarden({ agent: 'mail', middleware: [policy({ taint: { afterUntrusted: 'deny' } }), injectionScreen({ action: 'flag' })] });
  const readEmail = warden.tool('read_email', async () => 'Hi! (A subtle instruction the screen does not catch.)', { source: 'untrusted' });
  const wire = warden.tool('wire_money', async (args: { amount: number }) => `sent ${args.amount}`, { risk: 'high' });
  return { warden, readEmail, wire };
}

describe('taint boundary with the screen', () => {
  it('denies a high-risk call after an untrusted read in the same run, naming the tainting call', async () => {
    const { warden, readEmail, wire } = agent();
    await warden.run({}, async () => {
      expect(await wire({ amount: 5 })).toBe('sent 5');
      await readEmail({}, { callId: 'call_email_1' });
      const error = await wire({ amount: 5 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PolicyDeniedError);
      expect((error as PolicyDeniedError).decision.reason).toContain('call_email_1');
    });
  });

  it('does not carry taint into another run', async () => {
    const { warden, readEmail, wire } = agent();
    await warden.run({}, () => readEmail({}));
    await warden.run({}, async () => expect(await wire({ amount: 5 })).toBe('sent 5'));
  });
});
