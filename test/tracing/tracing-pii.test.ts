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
