import type { TracerProvider } from '@opentelemetry/api';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { createWarden, policy, tracing } from '../../src/index.js';

function wardenWith(tracerProvider: TracerProvider) {
  const warden = createWarden({ agent: 'a', middleware: [tracing({ tracerProvider, captureContent: true }), policy({ deny: ['blocked'] })] });
  return { warden, tool: warden.tool('lookup', async (n: number) => n * 2) };
}

async function hundredCalls(warden: ReturnType<typeof wardenWith>['warden'], tool: (n: number) => Promise<number>) {
  return warden.run({}, async () => {
    let sum = 0;
    for (let n = 0; n < 100; n++) sum += await tool(n);
    return sum;
  });
}

describe('telemetry faults never break the agent', () => {
  it('carries on when the exporter throws on every export', async () => {
    const throwing: SpanExporter = { export: () => { throw new Error('collector down'); }, shutdown: async () => {} };
    const { warden, tool } = wardenWith(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(throwing)] }));
    await expect(hundredCalls(warden, tool)).resolves.toBe(9900);
  });

  it('carries on when the exporter never answers', async () => {
    const hanging: SpanExporter = { export: () => {}, shutdown: () => new Promise(() => {}) };
    const { warden, tool } = wardenWith(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(hanging), new BatchSpanProcessor(hanging)] }));
    await expect(hundredCalls(warden, tool)).resolves.toBe(9900);
  });

  it('carries on when the exporter is slow', async () => {
    const slow: SpanExporter = { export: (_spans, done) => void setTimeout(() => done({ code: 0 }), 10_000).unref(), shutdown: async () => {} };
    const { warden, tool } = wardenWith(new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(slow, { maxQueueSize: 10, maxExportBatchSize: 5, scheduledDelayMillis: 1 })] }));
    await expect(hundredCalls(warden, tool)).resolves.toBe(9900);
  });

  it('counts the error when the tracer provider itself throws, and the call succeeds', async () => {
    const broken: TracerProvider = { getTracer: () => { throw new Error('no tracer'); } };
    const { warden, tool } = wardenWith(broken);
    await expect(hundredCalls(warden, tool)).resolves.toBe(9900);
    expect(warden.stats()['tracing.errors']).toBeGreaterThanOrEqual(100);
  });

  it('counts a decision listener that throws and still returns the result', async () => {
    const { warden, tool } = wardenWith(new BasicTracerProvider());
    warden.on('decision', () => {
      throw new Error('listener bug');
    });
    await expect(tool(2)).resolves.toBe(4);
    expect(warden.stats()['listener.errors']).toBe(1);
  });
});
