/**
 * Budget bench: the cost of reserve + settle per model call and of tokenBudget on the tool-call
 * path, as ratios to one bare span (process CPU time, like every bench row); and the overspend of 1,000 concurrent reservations against one
 * department budget, in memory and in the file store (must be exactly 0).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createWarden, fileBudgetStore, loopBreaker, policy, tokenBudget, tracing, validateInput, type BudgetStore, type Middleware } from '../src/index.js';
import type { BenchRow, Harness } from './harness.js';

const pricing = { 'gpt-4o': { input: 2.5, output: 10 } };
const scope = { workflow: 'claims', department: 'finance' };
const argsSchema = z.object({ orderId: z.string(), amount: z.number() });
const budget = (store?: BudgetStore) => tokenBudget({ limits: { run: 1e15, department: { finance: 1e15 } }, costLimits: { workflow: { claims: 1e9 } }, pricing, ...(store && { store }) });
const defaultStack = (): Middleware[] => [tracing(), policy({ allow: ['lookup_order'] }), loopBreaker({ maxRepeats: Number.MAX_SAFE_INTEGER, maxCalls: Number.MAX_SAFE_INTEGER }), validateInput(argsSchema)];
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'budget-bench-')), 'budget.jsonl');

type Timer = (fn: () => Promise<unknown>) => Promise<number>;

/** warden.reserve + warden.recordUsage per model call, inside one run. */
async function modelCall(time: Timer, middleware: Middleware[]): Promise<number> {
  const warden = createWarden({ agent: 'bench', middleware });
  return warden.run(scope, () =>
    time(async () => {
      const held = await warden.reserve({ model: 'gpt-4o', inputTokens: 1_200, outputTokens: 400 });
      await warden.recordUsage({ model: 'gpt-4o', inputTokens: 1_100, outputTokens: 250 }, held);
    }),
  );
}

/** One guarded tool call inside one run. */
async function toolCall(time: Timer, middleware: Middleware[]): Promise<number> {
  const warden = createWarden({ agent: 'bench', version: { model: 'gpt-4o' }, middleware });
  const lookup = warden.tool('lookup_order', async (args: { orderId: string; amount: number }) => args.amount);
  let n = 0;
  return warden.run(scope, () => time(() => lookup({ orderId: 'A1', amount: n++ % 1000 })));
}

const withBudget = () => {
  const stack = defaultStack();
  stack.splice(3, 0, budget());
  return stack;
};

/** 1,000 concurrent runs reserve against one department limit, then settle what they reserved. */
async function overspend(store: BudgetStore | undefined, limit: number): Promise<{ overspend: number; granted: number; spent: number }> {
  const warden = createWarden({ agent: 'bench', middleware: [tokenBudget({ limits: { department: { finance: limit } }, ...(store && { store }) })] });
  let spent = 0;
  let granted = 0;
  await Promise.all(
    Array.from({ length: 1_000 }, (_, index) =>
      warden.run(scope, async () => {
        const tokens = 1 + ((index * 7919) % 100);
        const held = await warden.reserve({ inputTokens: tokens }).catch(() => undefined);
        if (!held) return;
        granted += 1;
        await Promise.resolve();
        await warden.recordUsage({ model: 'm', inputTokens: tokens, outputTokens: 0 }, held);
        spent += tokens;
      }),
    ),
  );
  const recorded = (await warden.costs()).byDepartment.finance?.tokens ?? 0;
  if (recorded !== spent) throw new Error(`recorded ${recorded} tokens but settled ${spent}`);
  return { overspend: Math.max(0, recorded - limit), granted, spent };
}

export default async function budgetBench(h: Harness): Promise<BenchRow[]> {
  const time: Timer = (fn) => h.timePerOp(fn, { iterations: 20_000, rounds: 5, warmup: 2_000 });
  const rows: BenchRow[] = [];
  const coreModel = await modelCall(time, []);
  rows.push(h.ratioRow('budget', 'reserve + settle per model call (memory store, 3 limited scopes)', await modelCall(time, [budget()]), `core alone (no meter) ${(coreModel / 1000).toFixed(2)} µs`));
  rows.push(h.ratioRow('budget', 'reserve + settle per model call (file store)', await modelCall((fn) => h.timePerOp(fn, { iterations: 2_000, rounds: 3, warmup: 200 }), [budget(fileBudgetStore(tempFile()))]), 'one sync journal append per settlement'));
  const stack = await toolCall(time, defaultStack());
  const stackWithBudget = await toolCall(time, withBudget());
  rows.push(h.ratioRow('budget', 'tokenBudget share of a tool call in the default stack', stackWithBudget - stack, `stack + tokenBudget ${(stackWithBudget / 1000).toFixed(2)} µs`));

  for (const [name, store] of [
    ['memory', undefined],
    ['file', fileBudgetStore(tempFile())],
  ] as const) {
    const result = await overspend(store, 20_000);
    rows.push({ group: 'budget', name: `overspend, 1,000 concurrent reservations vs one 20,000-token budget (${name})`, value: result.overspend, unit: 'tokens', note: `${result.granted} granted, ${result.spent} spent` });
  }
  return rows;
}
