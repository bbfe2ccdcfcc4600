import { SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { createWarden, policy, tracing } from '../../src/index.js';
import { memoryTracing, type MemoryTracing } from '../../src/testing/index.js';

let otel: MemoryTracing;
afterEach(async () => otel?.shutdown());

function setup(options: Parameters<typeof tracing>[0] = {}) {
  otel = memoryTracing();
  return createWarden({
    agent: 'refund-agent',
    version: { model: 'gpt-4o', prompt: 'You are a refund agent.' },
    middleware: [tracing({ tracerProvider: otel.provider, ...options }), policy({ deny: ['delete_user'] })],
  });
}

describe('tracing', () => {
  it('makes an execute_tool span per call as a child of the run invoke_agent span', async () => {
    const warden = setup();
    const lookup = warden.tool('lookup_order', async () => ({ status: 'shipped' }));
    await warden.run({ sessionId: 'sess-1', workflow: 'claims', department: 'finance' }, () => lookup({ orderId: 'A1' }, { callId: 'c1' }));
    const [run] = otel.spansNamed('invoke_agent refund-agent');
    const [call] = otel.spansNamed('execute_tool lookup_order');
    expect(call!.parentSpanContext?.spanId).toBe(run!.spanContext().spanId);
    expect(run!.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'refund-agent',
      'gen_ai.conversation.id': 'sess-1',
      'agentwarden.workflow': 'claims',
      'agentwarden.department': 'finance',
      'agentwarden.version.model': 'gpt-4o',
    });
    expect(call!.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup_order',
      'gen_ai.tool.call.id': 'c1',
      'gen_ai.agent.name': 'refund-agent',
      'agentwarden.version.id': warden.version.id,
    });
    expect(call!.attributes['gen_ai.tool.call.arguments']).toBeUndefined();
  });

  it('records a failed call with error status, an exception event and the error type', async () => {
    const warden = setup();
    const broken = warden.tool('broken', async () => {
      throw new TypeError('boom');
    });
    await warden.run({}, () => broken({})).catch(() => {});
    const [call] = otel.spansNamed('execute_tool broken');
    expect(call!.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'boom' });
    expect(call!.attributes['error.type']).toBe('TypeError');
    expect(call!.events.map((event) => event.name)).toContain('exception');
    const [run] = otel.spansNamed('invoke_agent refund-agent');
    expect(run!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('adds a deny decision as a span event with the rule and reason', async () => {
    const warden = setup();
    await warden.run({}, () => warden.tool('delete_user', async () => 1)({})).catch(() => {});
    const [call] = otel.spansNamed('execute_tool delete_user');
    const event = call!.events.find((candidate) => candidate.name === 'agentwarden.decision');
    expect(event?.attributes).toMatchObject({ 'agentwarden.decision.outcome': 'deny', 'agentwarden.decision.by': 'policy', 'agentwarden.decision.rule': 'policy.deny' });
    expect(call!.attributes['error.type']).toBe('policy_denied');
  });

  it('captures args and results only when asked, redacted and truncated', async () => {
    const warden = setup({ captureContent: true, maxContentLength: 40, redact: (key, value) => (key === 'card' ? '[redacted]' : value) });
    const pay = warden.tool('pay', async () => ({ receipt: 'x'.repeat(100) }));
    await warden.run({}, () => pay({ card: '4111111111111111', amount: 5 }));
    const [call] = otel.spansNamed('execute_tool pay');
    expect(call!.attributes['gen_ai.tool.call.arguments']).toBe('{"card":"[redacted]","amount":5}');
    const result = String(call!.attributes['gen_ai.tool.call.result']);
    expect(result.length).toBe(40);
    expect(result.endsWith('…')).toBe(true);
  });

  it('captures circular and BigInt args without throwing', async () => {
    const warden = setup({ captureContent: true });
    const args: Record<string, unknown> = { big: 10n };
    args.self = args;
    await warden.run({}, () => warden.tool('t', async () => 'ok')(args));
    const [call] = otel.spansNamed('execute_tool t');
    expect(call!.attributes['gen_ai.tool.call.arguments']).toBe('{"big":"10n","self":"[Circular]"}');
  });

  it('opens chat spans under the run and puts usage on them', async () => {
    const warden = setup();
    await warden.run({}, () => warden.traceChat('gpt-4o', { 'gen_ai.request.max_tokens': 100 }, async () => warden.recordUsage({ model: 'gpt-4o', inputTokens: 12, outputTokens: 3 })));
    const [chat] = otel.spansNamed('chat gpt-4o');
    const [run] = otel.spansNamed('invoke_agent refund-agent');
    expect(chat!.parentSpanContext?.spanId).toBe(run!.spanContext().spanId);
    expect(chat!.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 3, 'gen_ai.request.max_tokens': 100 });
  });

  it('swallows and counts errors from a span processor that throws, and the call succeeds', async () => {
    const throwing: SpanProcessor = {
      onStart: () => {
        throw new Error('processor down');
      },
      onEnd: () => {
        throw new Error('processor down');
      },
      forceFlush: async () => {},
      shutdown: async () => {},
    };
    const provider = new BasicTracerProvider({ spanProcessors: [throwing] });
    const warden = createWarden({ agent: 'a', middleware: [tracing({ tracerProvider: provider })] });
    await expect(warden.run({}, () => warden.tool('t', async () => 'ok')({}))).resolves.toBe('ok');
    expect(warden.stats()['tracing.errors']).toBeGreaterThan(0);
  });

  it('rejects bad options naming the field', () => {
    expect(() => tracing({ maxContentLength: -1 })).toThrow(/tracing: `maxContentLength` must be a positive integer, got -1/);
    expect(() => tracing({ redact: 'yes' as never })).toThrow(/`redact` must be a function/);
  });
});
