/**
 * Property: whatever order 1,000 concurrent reservations, settlements and releases run in,
 * no ceiling is ever passed (settled + held <= limit on every line at every step), and the
 * final totals are exactly the sum of settled usage.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BudgetLine } from '../../src/stores/budget-store.js';
import { memoryBudgetStore } from '../../src/stores/memory-budget-store.js';
import { tokenBudget } from '../../src/budget/token-budget.js';
import { createWarden } from '../../src/core/warden.js';
import type { BudgetMeter } from '../../src/budget/meter.js';

const operation = fc.record({
  scopes: fc.subarray([0, 1, 2], { minLength: 1 }),
  tokens: fc.nat(400),
  costMicros: fc.nat(2_000),
  settleShare: fc.integer({ min: 0, max: 100 }),
  release: fc.boolean(),
});

describe('budget concurrency (fast-check)', () => {
  it('never passes a limit and ends with totals equal to the settled usage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.tuple(fc.nat(50_000), fc.nat(50_000), fc.nat(200_000)),
        fc.array(operation, { minLength: 1_000, maxLength: 1_000 }),
        async (scheduler, [departmentTokens, workflowTokens, workflowMicros], operations) => {
          const store = memoryBudgetStore();
          const lines: BudgetLine[] = [
            { scope: 'department:finance', period: 'day', maxTokens: departmentTokens },
            { scope: 'workflow:claims', period: { ms: 3_600_000 }, maxTokens: workflowTokens, maxCostMicros: workflowMicros },
            { scope: 'model:m' },
          ];
          const reserve = scheduler.scheduleFunction(store.reserve);
          const settle = scheduler.scheduleFunction(store.settle);
          const release = scheduler.scheduleFunction(store.release);
          const expected = lines.map(() => ({ tokens: 0, costMicros: 0 }));
          const violations: string[] = [];

          const checkCeilings = async () => {
            const { entries } = await store.snapshot(lines);
            entries.forEach((entry, index) => {
              const line = lines[index]!;
              if (line.maxTokens !== undefined && entry.tokens + entry.heldTokens > line.maxTokens) violations.push(`${line.scope} tokens`);
              if (line.maxCostMicros !== undefined && entry.costMicros + entry.heldCostMicros > line.maxCostMicros) violations.push(`${line.scope} cost`);
            });
          };

          const tasks = operations.map(async (op, index) => {
            const chosen = op.scopes.map((scope) => lines[scope]!);
            const id = `r${index}`;
            const outcome = await reserve({ id, lines: chosen, tokens: op.tokens, costMicros: op.costMicros, ttlMs: 3_600_000 });
            await checkCeilings();
            if (!outcome.ok) return;
            if (op.release) {
              await release(id);
            } else {
              const tokens = Math.floor((op.tokens * op.settleShare) / 100);
              const costMicros = Math.floor((op.costMicros * op.settleShare) / 100);
              await settle({ reservationId: id, lines: chosen, tokens, costMicros });
              for (const scope of op.scopes) {
                expected[scope]!.tokens += tokens;
                expected[scope]!.costMicros += costMicros;
              }
            }
            await checkCeilings();
          });
          await scheduler.waitIdle();
          await Promise.all(tasks);

          expect(violations).toEqual([]);
          const { entries } = await store.snapshot(lines);
          expect(entries.map((entry) => ({ tokens: entry.tokens, costMicros: entry.costMicros }))).toEqual(expected);
          expect(entries.every((entry) => entry.heldTokens === 0 && entry.heldCostMicros === 0)).toBe(true);
          expect(store.liveReservations).toBe(0);
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  });

  it('never overspends through the warden when concurrent runs share a department', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 30_000 }),
        fc.array(fc.record({ estimate: fc.integer({ min: 1, max: 300 }), share: fc.integer({ min: 0, max: 100 }) }), { minLength: 1_000, maxLength: 1_000 }),
        async (scheduler, limit, calls) => {
          const store = memoryBudgetStore();
          const scheduledStore = {
            reserve: scheduler.scheduleFunction(store.reserve),
            settle: scheduler.scheduleFunction(store.settle),
            release: scheduler.scheduleFunction(store.release),
            snapshot: store.snapshot,
          };
          const warden = createWarden({ agent: 'a', middleware: [tokenBudget({ limits: { department: { finance: limit } }, store: scheduledStore })] });
          let settled = 0;
          const runs = calls.map(({ estimate, share }) =>
            warden.run({ department: 'finance' }, async () => {
              const held = await warden.reserve({ inputTokens: estimate }).catch(() => undefined);
              if (!held) return;
              const used = Math.floor((estimate * share) / 100);
              await warden.recordUsage({ model: 'm', inputTokens: used, outputTokens: 0 }, held);
              settled += used;
            }),
          );
          await scheduler.waitIdle();
          await Promise.all(runs);
          const report = await warden.capability<BudgetMeter>('usage')!.costs();
          expect(report.byDepartment.finance?.tokens ?? 0).toBe(settled);
          expect(report.limits[0]!.spent).toBeLessThanOrEqual(limit);
          expect(report.limits[0]!.held).toBe(0);
        },
      ),
      { numRuns: 8, endOnFailure: true },
    );
  });
});
