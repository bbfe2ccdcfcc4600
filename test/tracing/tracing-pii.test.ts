import { describe, expect, it } from 'vitest';
import { createWarden, tracing } from '../../src/index.js';
import { memoryTracing } from '../../src/testing/index.js';

describe('tracing with content capture', () => {
  it('redacts PII in captured args and results by default', async () => {
    const otel = memoryTracing();
    const warden = createWarden({ agent: 'crm', middleware: [tracing({ tracerProvider: otel.provider, captureContent: true })] });
    const lookup = warden.tool('lookup_customer', async (args: { email: string }) => ({ phone: '+44 20 7946 0958', email: args.email, apiKey: 'k-123' }));
    await lookup({ email: 'ana@example.com' });
    const span = otel.spansNamed('execute_tool lookup_customer')[0]!;
    const captured = JSON.stringify(span.attributes);
    expect(captured).not.toContain('ana@example.com');
    expect(captured).not.toContain('7946');
    expect(captured).not.toContain('k-123');
    expect(String(span.attributes['gen_ai.tool.call.arguments'])).toMatch(/\[email:[0-9a-f]{6}\]/);
    await otel.shutdown();
  });

  it('uses the caller’s redact instead when one is given', async () => {
    const otel = memoryTracing();
    const warden = createWarden({ agent: 'crm', middleware: [tracing({ tracerProvider: otel.provider, captureContent: true, redact: (_key, value) => value })] });
    await warden.tool('echo', async (args: { email: string }) => args.email)({ email: 'ana@example.com' });
    expect(String(otel.spansNamed('execute_tool echo')[0]!.attributes['gen_ai.tool.call.arguments'])).toContain('ana@example.com');
    await otel.shutdown();
  });
});

describe('tracing of tool errors', () => {
  const secretMessage = 'charge failed: api_key=sk_live_4eC39HqLyjWDarjtT1zdp7dc for ana@example.com';

  it.each([false, true])('redacts the message and stack in status and exception event (captureContent %s)', async (captureContent) => {
    const otel = memoryTracing();
    const warden = createWarden({ agent: 'crm', middleware: [tracing({ tracerProvider: otel.provider, captureContent })] });
    const charge = warden.tool('charge', async (_args: { amount: number }) => {
      throw new TypeError(secretMessage);
    });
    await expect(charge({ amount: 5 })).rejects.toThrow(secretMessage);
    const span = otel.spansNamed('execute_tool charge')[0]!;
    const event = span.events.find((candidate) => candidate.name === 'exception')!;
    const recorded = JSON.stringify({ status: span.status, attributes: span.attributes, event: event.attributes });
    expect(recorded).not.toContain('sk_live_4eC39');
    expect(recorded).not.toContain('ana@example.com');
    expect(span.status.message).toMatch(/^charge failed: api_key=\[secret:[0-9a-f]{6}\] for \[email:[0-9a-f]{6}\]$/);
    expect(event.attributes?.['exception.type']).toBe('TypeError');
    expect(event.attributes?.['exception.message']).toBe(span.status.message);
    expect(String(event.attributes?.['exception.stacktrace'])).toContain('TypeError: charge failed: api_key=[secret:');
    expect(span.attributes['error.type']).toBe('TypeError');
    await otel.shutdown();
  });

  it('redacts error messages with the caller’s redact when one is given', async () => {
    const otel = memoryTracing();
    const warden = createWarden({ agent: 'crm', middleware: [tracing({ tracerProvider: otel.provider, redact: (_key, value) => (typeof value === 'string' ? value.replace(/sk_live_\w+/g, '[gone]') : value) })] });
    await expect(warden.tool('charge', async () => Promise.reject(new Error(secretMessage)))({})).rejects.toThrow();
    expect(otel.spansNamed('execute_tool charge')[0]!.status.message).toBe('charge failed: api_key=[gone] for ana@example.com');
    await otel.shutdown();
  });
});
