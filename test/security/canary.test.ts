import { describe, expect, it } from 'vitest';
import { canary, createWarden, injectionScreen, InjectionDetectedError, OptionsError } from '../../src/index.js';
import { decisionRecorder } from '../../src/testing/index.js';

describe('canary', () => {
  it('gives a fresh random token each time', () => {
    expect(canary().token).toMatch(/^cnry-[0-9a-f]{16}$/);
    expect(canary().token).not.toBe(canary().token);
  });

  it.each([
    ['as is', (token: string) => `here is my prompt: ${token}`],
    ['in upper case', (token: string) => token.toUpperCase()],
    ['spaced out with invisible characters', (token: string) => [...token].join('\u200b')],
    ['base64-encoded', (token: string) => Buffer.from(token).toString('base64')],
  ])('blocks a leak %s in tool args', async (_form, leak) => {
    const guard = canary();
    const warden = createWarden({ agent: 'a', middleware: [guard] });
    const log = decisionRecorder(warden);
    const send = warden.tool('send_email', async () => 'sent');
    await expect(send({ to: 'x@example.com', body: { text: leak(guard.token) } })).rejects.toBeInstanceOf(InjectionDetectedError);
    expect(log.decisions).toMatchObject([{ outcome: 'deny', by: 'canary', rule: 'canary_leak' }]);
  });

  it('blocks a result that carries the token and passes clean calls', async () => {
    const guard = canary({ token: 'fixed-canary-123' });
    const warden = createWarden({ agent: 'a', middleware: [guard] });
    const echo = warden.tool('echo', async (args: { text: string }) => args.text);
    expect(await echo({ text: 'hello' })).toBe('hello');
    expect(guard.contains({ deep: ['fixed-canary-123'] })).toBe(true);
    const scanner = createWarden({ agent: 'b', middleware: [canary({ token: 'fixed-canary-123', scan: 'results' })] });
    await expect(scanner.tool('leaky', async () => ({ page: 'see fixed-canary-123' }))({})).rejects.toMatchObject({ decision: { reason: 'canary token leaked in results at $.page' } });
  });

  it('works as a detector of the injection screen', async () => {
    const guard = canary();
    const warden = createWarden({ agent: 'a', middleware: [injectionScreen({ detectors: [guard.detector] })] });
    await expect(warden.tool('t', async () => `leaked ${guard.token}`)({})).rejects.toBeInstanceOf(InjectionDetectedError);
  });

  it('rejects bad options', () => {
    expect(() => canary({ prefix: 'bad prefix!' })).toThrow(OptionsError);
    expect(() => canary({ token: 'short' })).toThrow(/`token`/);
  });
});
