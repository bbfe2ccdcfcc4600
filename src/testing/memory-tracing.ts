/**
 * An in-memory OpenTelemetry setup for tests and demos: the real SDK with an
 * `InMemorySpanExporter`, so assertions run against real spans.
 */
import { context, trace, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** What `memoryTracing()` returns. */
export interface MemoryTracing {
  /** Pass to `tracing({ tracerProvider })`, or use `global: true`. */
  readonly provider: TracerProvider;
  /** Finished spans, oldest first. */
  spans(): ReadableSpan[];
  /** Finished spans with this name. */
  spansNamed(name: string): ReadableSpan[];
  /** Forgets the finished spans. */
  reset(): void;
  /** Flushes and shuts the provider down (and unregisters the globals it set). */
  shutdown(): Promise<void>;
}

/**
 * Creates an in-memory tracer provider.
 * @param options `global: true` registers it (and an AsyncLocalStorage context manager) as the process-wide provider.
 * @example
 * const otel = memoryTracing();
 * const warden = createWarden({ agent: 'a', middleware: [tracing({ tracerProvider: otel.provider })] });
 */
export function memoryTracing(options: { global?: boolean } = {}): MemoryTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  if (options.global) {
    trace.disable();
    context.disable();
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
  }
  return {
    provider,
    spans: () => exporter.getFinishedSpans(),
    spansNamed: (name) => exporter.getFinishedSpans().filter((span) => span.name === name),
    reset: () => exporter.reset(),
    async shutdown() {
      await provider.shutdown();
      if (options.global) {
        trace.disable();
        context.disable();
      }
    },
  };
}
