/**
 * Budget bench: the cost of reserve + settle per model call (memory and file store) and of
 * the tool-call check, as ratios to one bare span; and the overspend of 1,000 concurrent
 * reservations against one department budget (must be exactly 0).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenBudget } from '../src/middleware/token-budget.js';
import { fileBudgetStore } from '../src/stores/file-budget-store.js';
import type { BudgetStore } from '../src/stores/budget-store.js';
import { createWarden } from '../src/warden.js';
import type { BenchRow, Harness } from './harness.js';

const pricing = { 'gpt-4o': { input: 2.5, output: 10 } };
const scope = { workflow: 'claims', department: 'finance' };

async function reserveSettleNs(h: Harness, store?: BudgetStore | 'none', iterations = 20_000): Promise<number> {
  const budget = tokenBudget({ limits: { run: 1e15, department: { finance: 1e15 } }, costLimits: { workflow: { claims: 1e9 } }, pricing, ...(store && store !== 'none' && { store }) });
  const warden = createWarden({ agent: 'bench', middleware: store === 'none' ? [] : [budget] });
  return warden.run(scope, () =>
    h.timePerOp(
      async () => {
        const held = await warden.reserve({ model: 'gpt-4o', inputTokens: 1_200, outputTokens: 400 });
        await warden.recordUsage({ model: 'gpt-4o', inputTokens: 1_100, outputTokens: 250 }, held);
      },
      { iterations, rounds: 5, warmup: Math.min(2_000, iterations / 5) },
    ),
  );
}

async function toolCallNs(h: Harness, withBudget: boolean): Promise<number> {
  const warden = createWarden({ agent: 'bench', middleware: withBudget ? [tokenBudget({ limits: { run: 1e15, department: { finance: 1e15 } } })] : [] });
  const lookup = warden.tool('lookup', async (args: { id: string }) => args.id);
  return warden.run(scope, () => h.timePerOp(() => lookup({ id: 'A1' })));
}

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
  const report = await warden.costs();
  const recorded = report.byDepartment.finance?.tokens ?? 0;
  if (recorded !== spent) throw new Error(`recorded ${recorded} tokens but settled ${spent}`);
  return { overspend: Math.max(0, recorded - limit), granted, spent };
}

export default async function budgetBench(h: Harness): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  rows.push(h.ratioRow('budget', 'warden.reserve + recordUsage without tokenBudget (core only)', await reserveSettleNs(h, 'none')));
  rows.push(h.ratioRow('budget', 'reserve + settle per model call (memory store, 3 limited scopes)', await reserveSettleNs(h)));
  const filePath = join(mkdtempSync(join(tmpdir(), 'budget-bench-')), 'budget.jsonl');
  rows.push(h.ratioRow('budget', 'reserve + settle per model call (file store, journal append)', await reserveSettleNs(h, fileBudgetStore(filePath), 2_000), 'sync append per settlement'));
  const bare = await toolCallNs(h, false);
  const guarded = await toolCallNs(h, true);
  rows.push(h.ratioRow('budget', 'guarded tool call, no middleware', bare));
  rows.push(h.ratioRow('budget', 'guarded tool call through tokenBudget (exhaustion check)', guarded, `+${((guarded - bare) / 1000).toFixed(2)} µs per call`));
  for (const [name, store] of [
    ['memory', undefined],
    ['file', fileBudgetStore(join(mkdtempSync(join(tmpdir(), 'budget-bench-')), 'budget.jsonl'))],
  ] as const) {
    const result = await overspend(store, 20_000);
    rows.push({ group: 'budget', name: `overspend, 1,000 concurrent reservations vs one 20,000-token budget (${name})`, value: result.overspend, unit: 'tokens', note: `${result.granted} granted, ${result.spent} spent` });
  }
  return rows;
}
