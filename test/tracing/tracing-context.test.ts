import { trace } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { createWarden, tracing } from '../../src/index.js';
import { memoryTracing } from '../../src/testing/index.js';

// With a host-registered context manager (as NodeSDK does), spans the tool itself makes nest
// under its execute_tool span, and the run scope keeps working either way.
const otel = memoryTracing({ global: true });
afterAll(() => otel.shutdown());

describe('tracing with a global context manager', () => {
  it('nests spans the tool makes under its execute_tool span', async () => {
    const warden = createWarden({ agent: 'a', middleware: [tracing()] });
    const fetchPage = warden.tool('fetch_page', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const inner = trace.getTracer('app').startSpan('http GET');
      inner.end();
      return 'ok';
    });
    await warden.run({}, () => fetchPage({}));
    const [tool] = otel.spansNamed('execute_tool fetch_page');
    const [http] = otel.spansNamed('http GET');
    expect(http!.parentSpanContext?.spanId).toBe(tool!.spanContext().spanId);
  });

  it('parents the run span under the caller span', async () => {
    const warden = createWarden({ agent: 'b', middleware: [tracing()] });
    await trace.getTracer('app').startActiveSpan('POST /chat', async (span) => {
      await warden.run({}, async () => {});
      span.end();
    });
    const [run] = otel.spansNamed('invoke_agent b');
    const [request] = otel.spansNamed('POST /chat');
    expect(run!.parentSpanContext?.spanId).toBe(request!.spanContext().spanId);
  });
});
