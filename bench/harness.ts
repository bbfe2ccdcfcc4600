/**
 * The bench harness: every figure is measured in this one process and reported as a ratio
 * to one bare OpenTelemetry span (BatchSpanProcessor, no-op exporter), so machine speed
 * cancels out. Each `bench/<topic>.ts` exports `default async function (h: Harness)` that
 * returns rows.
 */
import { context, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';

/** One line of the bench table. */
export interface BenchRow {
  /** Group, e.g. `core`, `budget`, `screen`. */
  group: string;
  name: string;
  /** Mean nanoseconds per operation, when timed. */
  nsPerOp?: number;
  /** nsPerOp divided by the bare-span baseline. */
  ratio?: number;
  /** Any other figure (MB/s, ms, lines/s, bytes). */
  value?: number;
  unit?: string;
  note?: string;
}

/** What each bench module receives. */
export interface Harness {
  /** ns per bare span, measured once at start. */
  readonly baselineNs: number;
  /** A tracer on a provider with a batch processor and a no-op exporter. */
  readonly tracer: Tracer;
  /** Process CPU ns per call of `fn` (async allowed), after a warm-up; best of `rounds`. CPU time, not wall time, so other processes on a busy machine do not inflate it. */
  timePerOp(fn: () => unknown | Promise<unknown>, options?: { iterations?: number; rounds?: number; warmup?: number }): Promise<number>;
  /** A row whose ratio divides by the bare span measured right after the latest `timePerOp`. */
  ratioRow(group: string, name: string, nsPerOp: number, note?: string): BenchRow;
}

/** An exporter that drops everything: measures span cost, not export cost. */
export const noopExporter: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => {},
};

/** A tracer provider wired like a production host: batch processor, (no-op) exporter. */
export function createBenchProvider(): BasicTracerProvider {
  return new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(noopExporter, { maxQueueSize: 65_536, scheduledDelayMillis: 200 })] });
}

/** Best-of-`rounds` process CPU time per call of `fn`, in ns. */
async function cpuTimePerOp(fn: () => unknown | Promise<unknown>, iterations: number, rounds: number, warmup: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i++) await fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, ((used.user + used.system) * 1000) / iterations);
  }
  return best;
}

/** Builds the harness: registers a global provider and measures the bare-span baseline. */
export async function createHarness(): Promise<Harness> {
  const provider = createBenchProvider();
  // Like a production Node host (NodeSDK registers this context manager): the baseline and
  // every case pay the same AsyncLocalStorage cost.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  const tracer = provider.getTracer('bench');
  // The baseline is an awaited async function holding one span, the shape of a guarded call.
  const bareSpan = async () => {
    const span = tracer.startSpan('execute_tool bare');
    span.setAttribute('gen_ai.tool.name', 'bare');
    await Promise.resolve();
    span.end();
  };
  const baselineNs = await cpuTimePerOp(bareSpan, 50_000, 7, 2_000);
  // Each measurement re-measures the bare span right after it, and its ratio uses that
  // figure: a machine whose load changes during the bench then skews both sides alike.
  let nearbyBaselineNs = baselineNs;
  return {
    baselineNs,
    tracer,
    async timePerOp(fn, { iterations = 20_000, rounds = 5, warmup = 2_000 } = {}) {
      const ns = await cpuTimePerOp(fn, iterations, rounds, warmup);
      nearbyBaselineNs = await cpuTimePerOp(bareSpan, 20_000, 3, 500);
      return ns;
    },
    ratioRow: (group, name, nsPerOp, note) => ({ group, name, nsPerOp, ratio: nsPerOp / nearbyBaselineNs, ...(note !== undefined && { note }) }),
  };
}
