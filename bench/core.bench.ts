/**
 * Core overhead: one guarded call through the default stack (tracing, policy, loopBreaker,
 * validateInput with a small zod object) inside one run, against one bare OTel span; each
 * foundation middleware alone; heap after 1,000,000 calls against after 10,000.
 */
import { z } from 'zod';
import { createWarden, loopBreaker, policy, retry, tracing, validateInput, type Middleware } from '../src/index.js';
import type { BenchRow, Harness } from './harness.js';

const argsSchema = z.object({ orderId: z.string(), amount: z.number() });

async function perCall(h: Harness, middleware: Middleware[]): Promise<number> {
  const warden = createWarden({ agent: 'bench-agent', version: { model: 'gpt-4o' }, middleware });
  const lookup = warden.tool('lookup_order', async (args: { orderId: string; amount: number }) => args.amount);
  let n = 0;
  // One long run; args cycle through 1,000 values (the loop breaker's limits are lifted so it
  // counts every call but never trips).
  return warden.run({ sessionId: 'bench' }, () => h.timePerOp(() => lookup({ orderId: 'A1', amount: n++ % 1000 })));
}

function defaultStack(): Middleware[] {
  return [tracing(), policy({ allow: ['lookup_order'] }), loopBreaker({ maxRepeats: Number.MAX_SAFE_INTEGER, maxCalls: Number.MAX_SAFE_INTEGER }), validateInput(argsSchema)];
}

export default async function core(h: Harness): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  rows.push(h.ratioRow('core', 'guarded call, no middleware', await perCall(h, [])));
  rows.push(h.ratioRow('core', 'tracing() alone', await perCall(h, [tracing()])));
  rows.push(h.ratioRow('core', 'policy() alone', await perCall(h, [policy({ allow: ['lookup_order'] })])));
  rows.push(h.ratioRow('core', 'loopBreaker() alone', await perCall(h, [loopBreaker({ maxRepeats: Number.MAX_SAFE_INTEGER, maxCalls: Number.MAX_SAFE_INTEGER })])));
  rows.push(h.ratioRow('core', 'validateInput() alone', await perCall(h, [validateInput(argsSchema)])));
  rows.push(h.ratioRow('core', 'retry() alone (no failures)', await perCall(h, [retry()])));
  rows.push(h.ratioRow('core', 'default stack (tracing, policy, loopBreaker, validateInput)', await perCall(h, defaultStack()), 'goal <= 1.5x'));
  rows.push(...(await heapRows()));
  return rows;
}

async function heapRows(): Promise<BenchRow[]> {
  const warden = createWarden({ agent: 'bench-agent', middleware: defaultStack() });
  const lookup = warden.tool('lookup_order', async (args: { orderId: string; amount: number }) => args.amount);
  const heapAfter = async (calls: number) => {
    // Many runs of 100 calls: run-scoped state must be dropped with each run.
    for (let done = 0; done < calls; done += 100) {
      await warden.run({ sessionId: `s${done}` }, async () => {
        for (let i = 0; i < 100; i++) await lookup({ orderId: 'A1', amount: i });
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    globalThis.gc?.();
    return process.memoryUsage().heapUsed;
  };
  const after10k = await heapAfter(10_000);
  const after1m = await heapAfter(1_000_000);
  const note = globalThis.gc ? 'after gc' : 'run node with --expose-gc for exact figures';
  return [
    { group: 'core', name: 'heap after 10,000 calls', value: after10k / 1e6, unit: 'MB', note },
    { group: 'core', name: 'heap after 1,000,000 more calls', value: after1m / 1e6, unit: 'MB', note: `growth ${((after1m - after10k) / 1e6).toFixed(1)} MB` },
  ];
}
