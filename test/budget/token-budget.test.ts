import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetMeter } from '../../src/budget/meter.js';
import { ApprovalPendingError, BudgetExceededError, OptionsError, ValidationError } from '../../src/core/errors.js';
import { tokenBudget, type TokenBudgetOptions } from '../../src/budget/token-budget.js';
import { fileBudgetStore } from '../../src/stores/file-budget-store.js';
import { memoryBudgetStore } from '../../src/stores/memory-budget-store.js';
import type { Decision } from '../../src/core/types.js';
import { createWarden } from '../../src/core/warden.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { tracing } from '../../src/tracing/tracing.js';
import { memoryTracing } from '../../src/testing/index.js';
import { testClock } from '../stores/budget-store-contract.js';

const pricing = { 'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 } };

function wardenWith(options: TokenBudgetOptions, clock = testClock()) {
  const warden = createWarden({ agent: 'claims-agent', middleware: [tokenBudget(options)], clock });
  const decisions: Decision[] = [];
  const budgetEvents: Array<Record<string, unknown>> = [];
  warden.on('decision', (decision) => decisions.push(decision));
  warden.on('budget', (event) => budgetEvents.push(event));
  return { warden, decisions, budgetEvents, clock, meter: warden.capability<BudgetMeter>('usage')! };
}

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('tokenBudget', () => {
  describe('reservations', () => {
    it('refuses a reservation over the run limit with the scope, limit, spent and requested', async () => {
      const { warden, decisions } = wardenWith({ limits: { run: 1_000 } });
      const error = await warden.run({}, async (run) => {
        await warden.recordUsage({ model: 'gpt-4o', inputTokens: 700, outputTokens: 100 });
        return caught(() => warden.reserve({ model: 'gpt-4o', inputTokens: 150, outputTokens: 100 }));
      });
      expect(error).toBeInstanceOf(BudgetExceededError);
      expect(error).toMatchObject({ scope: expect.stringMatching(/^run:run_/), limit: 1_000, spent: 800, requested: 250, unit: 'tokens' });
      expect(decisions).toEqual([expect.objectContaining({ outcome: 'deny', by: 'tokenBudget', tool: 'model' })]);
    });

    it.each([
      ['run', { run: 100 }, /^run:/],
      ['agent', { agent: 100 }, /^agent:claims-agent$/],
      ['workflow', { workflow: { claims: 100 } }, /^workflow:claims$/],
      ['department', { department: { finance: 100 } }, /^department:finance$/],
    ] as const)('enforces a %s limit', async (_scope, limits, scope) => {
      const { warden } = wardenWith({ limits });
      const error = await warden.run({ workflow: 'claims', department: 'finance' }, async () => {
        await warden.reserve({ inputTokens: 100 });
        return caught(() => warden.reserve({ inputTokens: 1 }));
      });
      expect(error).toBeInstanceOf(BudgetExceededError);
      expect((error as BudgetExceededError).scope).toMatch(scope);
    });

    it('charges a call to its run, workflow and department at once and refuses when any would go over', async () => {
      const { warden } = wardenWith({ limits: { run: 1_000, workflow: { claims: 1_000, intake: 1_000 }, department: { finance: 1_500 } } });
      await warden.run({ workflow: 'claims', department: 'finance' }, () => warden.recordUsage({ model: 'm', inputTokens: 900, outputTokens: 0 }));
      const error = await warden.run({ workflow: 'intake', department: 'finance' }, () => caught(() => warden.reserve({ inputTokens: 700 })));
      expect(error).toMatchObject({ scope: 'department:finance', limit: 1_500, spent: 900, requested: 700 });
      await warden.run({ workflow: 'intake', department: 'legal' }, () => warden.reserve({ inputTokens: 700 }));
    });

    it('refuses on cost in USD when a cost limit would be passed', async () => {
      const { warden } = wardenWith({ costLimits: { run: 0.01 }, pricing });
      const error = await warden.run({}, () => caught(() => warden.reserve({ model: 'gpt-4o', inputTokens: 2_000, outputTokens: 600 })));
      expect(error).toMatchObject({ unit: 'usd', limit: 0.01, spent: 0, requested: 0.011 });
    });

    it('never lets concurrent reservations overspend a shared limit', async () => {
      const { warden, meter } = wardenWith({ limits: { department: { finance: 10_000 } } });
      const outcomes = await warden.run({ department: 'finance' }, () =>
        Promise.allSettled(Array.from({ length: 1_000 }, () => warden.reserve({ inputTokens: 37 }))),
      );
      const granted = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
      expect(granted).toBe(Math.floor(10_000 / 37));
      const [line] = (await meter.costs()).limits;
      expect(line).toMatchObject({ scope: 'department:finance', held: 0 }); // the run ended: holds given back
    });

    it('gives the held budget back when a model call fails and the adapter releases it', async () => {
      const { warden } = wardenWith({ limits: { run: 1_000 } });
      await warden.run({}, async () => {
        const held = await warden.reserve({ inputTokens: 900 });
        await held.release().catch(() => {});
        await held.release(); // idempotent
        await warden.reserve({ inputTokens: 1_000 });
      });
    });

    it('releases what a failed run reserved and never settled', async () => {
      const { warden, meter } = wardenWith({ limits: { agent: 1_000 } });
      await expect(
        warden.run({}, async () => {
          await warden.reserve({ inputTokens: 800 });
          throw new Error('model crashed');
        }),
      ).rejects.toThrow('model crashed');
      await expect(warden.run({}, () => warden.reserve({ inputTokens: 1_000 }))).resolves.toMatchObject({ tokens: 1_000 });
      expect((meter.store as { liveReservations?: number }).liveReservations).toBe(0);
    });

    it('validates the estimate and holds nothing on bad input', async () => {
      const { warden } = wardenWith({ limits: { run: 10 } });
      await warden.run({}, async () => {
        await expect(warden.reserve({ inputTokens: -1 })).rejects.toBeInstanceOf(ValidationError);
        await expect(warden.reserve({ outputTokens: 1.5 })).rejects.toThrow(/outputTokens/);
        await warden.reserve({ inputTokens: 10 });
      });
    });
  });

  describe('settlement', () => {
    it('settles the real usage in place of the reservation', async () => {
      const { warden } = wardenWith({ limits: { run: 1_000 }, pricing });
      await warden.run({}, async () => {
        const held = await warden.reserve({ model: 'gpt-4o', inputTokens: 500, outputTokens: 400 });
        const settled = await warden.recordUsage({ model: 'gpt-4o', inputTokens: 480, outputTokens: 20 }, held);
        expect(settled).toMatchObject({ inputTokens: 480, outputTokens: 20, costUsd: 0.0014, agent: 'claims-agent' });
        await warden.reserve({ inputTokens: 500 }); // 500 spent + 500 = the limit exactly
      });
    });

    it('records a model call that had no reservation', async () => {
      const { warden } = wardenWith({ limits: { run: 1_000 }, pricing });
      const report = await warden.run({ department: 'finance' }, async () => {
        await warden.recordUsage({ model: 'gpt-4o', inputTokens: 100, outputTokens: 10 });
        return warden.costs();
      });
      expect(report.total).toEqual({ tokens: 110, costUsd: 0.00035, calls: 1 });
    });

    it('attributes usage recorded outside any run to the agent and model', async () => {
      const { warden } = wardenWith({ pricing });
      const settled = await warden.recordUsage({ model: 'gpt-4o', inputTokens: 1_000, outputTokens: 0 });
      expect(settled.runId).toBeUndefined();
      const report = await warden.costs();
      expect(report.byRun).toEqual({});
      expect(report.byAgent['claims-agent']).toEqual({ tokens: 1_000, costUsd: 0.0025, calls: 1 });
    });

    it('throws ValidationError and charges nothing for bad usage', async () => {
      const { warden } = wardenWith({ limits: { run: 1_000 }, pricing });
      await warden.run({}, async () => {
        for (const usage of [
          { model: 'gpt-4o', inputTokens: -5, outputTokens: 1 },
          { model: 'gpt-4o', inputTokens: Number.NaN, outputTokens: 1 },
          { model: 'gpt-4o', inputTokens: 1.5, outputTokens: 1 },
          { model: 'gpt-4o', inputTokens: 10, outputTokens: 1, cachedInputTokens: 11 },
        ]) {
          await expect(warden.recordUsage(usage)).rejects.toBeInstanceOf(ValidationError);
        }
      });
      expect((await warden.costs()).total).toEqual({ tokens: 0, costUsd: 0, calls: 0 });
    });

    it('counts an unpriced model in tokens only and flags it, never guessing a price', async () => {
      const { warden, budgetEvents } = wardenWith({ costLimits: { run: 1 }, pricing });
      const settled = await warden.run({}, () => warden.recordUsage({ model: 'mystery-model', inputTokens: 100, outputTokens: 50 }));
      expect(settled.unpriced).toBe(true);
      expect(settled.costUsd).toBeUndefined();
      expect(warden.stats()['budget.unpriced']).toBe(1);
      expect(budgetEvents).toContainEqual(expect.objectContaining({ type: 'unpriced', model: 'mystery-model' }));
      const report = await warden.costs();
      expect(report.byModel['mystery-model']).toEqual({ tokens: 150, costUsd: 0, calls: 1, unpriced: true });
      expect(report.total.unpriced).toBe(true);
    });

    it('emits a budget event at 50, 80 and 100 % of each limit, once each', async () => {
      const { warden, budgetEvents } = wardenWith({ limits: { run: 1_000 } });
      await warden.run({}, async () => {
        for (const tokens of [400, 200, 150, 100, 300]) await warden.recordUsage({ model: 'm', inputTokens: tokens, outputTokens: 0 });
      });
      const thresholds = budgetEvents.filter((event) => event.type === 'threshold');
      expect(thresholds.map((event) => [event.percent, event.spent])).toEqual([
        [50, 600],
        [80, 850],
        [100, 1_150],
      ]);
      expect(thresholds[0]).toMatchObject({ unit: 'tokens', limit: 1_000, scope: expect.stringMatching(/^run:/) });
    });
  });

  describe('periods', () => {
    it('resets a daily department limit when the clock enters the next UTC day', async () => {
      const clock = testClock(Date.UTC(2026, 10, 26, 23, 0, 0));
      const { warden } = wardenWith({ limits: { department: { finance: 1_000 } } }, clock);
      await warden.run({ department: 'finance' }, () => warden.recordUsage({ model: 'm', inputTokens: 1_000, outputTokens: 0 }));
      await expect(warden.run({ department: 'finance' }, () => warden.reserve({ inputTokens: 1 }))).rejects.toBeInstanceOf(BudgetExceededError);
      clock.advance(60 * 60 * 1_000);
      await expect(warden.run({ department: 'finance' }, () => warden.reserve({ inputTokens: 1_000 }))).resolves.toBeDefined();
    });

    it('resets a { ms } window but keeps the all-time attribution', async () => {
      const clock = testClock();
      const { warden } = wardenWith({ limits: { agent: { limit: 100, period: { ms: 60_000 } } } }, clock);
      await warden.run({}, () => warden.recordUsage({ model: 'm', inputTokens: 100, outputTokens: 0 }));
      await expect(warden.run({}, () => warden.reserve({ inputTokens: 1 }))).rejects.toBeInstanceOf(BudgetExceededError);
      clock.advance(60_000);
      await warden.run({}, () => warden.recordUsage({ model: 'm', inputTokens: 100, outputTokens: 0 }));
      const report = await warden.costs();
      expect(report.byAgent['claims-agent']?.tokens).toBe(200);
      expect(report.limits).toEqual([expect.objectContaining({ scope: 'agent:claims-agent', spent: 100, limit: 100, percent: 100 })]);
    });
  });

  describe('guarded tool calls', () => {
    it('refuses a tool call while a scope in force is exhausted, without running the tool', async () => {
      const { warden, decisions } = wardenWith({ limits: { workflow: { claims: 500 } } });
      let ran = 0;
      const lookup = warden.tool('lookup', async () => ++ran);
      const error = await warden.run({ workflow: 'claims' }, async () => {
        await lookup({});
        await warden.recordUsage({ model: 'm', inputTokens: 500, outputTokens: 0 });
        return caught(() => lookup({}));
      });
      expect(ran).toBe(1);
      expect(error).toBeInstanceOf(BudgetExceededError);
      expect(error).toMatchObject({ scope: 'workflow:claims', requested: 0, spent: 500 });
      expect(decisions.at(-1)).toMatchObject({ outcome: 'deny', by: 'tokenBudget', tool: 'lookup', workflow: 'claims' });
    });

    it('leaves tool calls alone with guardToolCalls: false', async () => {
      const { warden } = wardenWith({ limits: { workflow: { claims: 500 } }, guardToolCalls: false });
      const lookup = warden.tool('lookup', async () => 'ok');
      await expect(
        warden.run({ workflow: 'claims' }, async () => {
          await warden.recordUsage({ model: 'm', inputTokens: 500, outputTokens: 0 });
          return lookup({});
        }),
      ).resolves.toBe('ok');
    });

    it('lets tool calls through in scopes that still have budget', async () => {
      const { warden } = wardenWith({ limits: { workflow: { claims: 500 } } });
      const lookup = warden.tool('lookup', async () => 'ok');
      await warden.run({ workflow: 'claims' }, () => warden.recordUsage({ model: 'm', inputTokens: 500, outputTokens: 0 }));
      await expect(warden.run({ workflow: 'intake' }, () => lookup({}))).resolves.toBe('ok');
    });
  });

  describe("onExceeded: 'pause'", () => {
    it('pauses with a serializable ticket that a person lifts by raising the limit', async () => {
      const { warden, decisions, budgetEvents, meter } = wardenWith({ limits: { department: { finance: 1_000 } }, onExceeded: 'pause' });
      const summarize = warden.tool('summarize', async () => 'done');
      await warden.run({ department: 'finance' }, () => warden.recordUsage({ model: 'm', inputTokens: 1_000, outputTokens: 0 }));

      const error = await warden.run({ department: 'finance' }, () => caught(() => summarize({}, { callId: 'call-7' })));
      expect(error).toBeInstanceOf(ApprovalPendingError);
      const ticket = (error as ApprovalPendingError).ticket as Record<string, unknown>;
      expect(JSON.parse(JSON.stringify(ticket))).toEqual(ticket);
      expect(ticket).toMatchObject({ kind: 'budget', scope: 'department:finance', unit: 'tokens', limit: 1_000, spent: 1_000, tool: 'summarize', callId: 'call-7', department: 'finance' });
      expect(decisions.at(-1)).toMatchObject({ outcome: 'pause', by: 'tokenBudget', rule: 'department:finance' });
      expect(meter.paused().map((paused) => paused.id)).toEqual([ticket.id]);

      const raised = await meter.raiseLimit('department:finance', { tokens: 500 }, { by: 'alice', reason: 'month end' });
      expect(raised).toMatchObject({ scope: 'department:finance', tokens: 1_500 });
      expect(decisions.at(-1)).toMatchObject({ outcome: 'approve', by: 'alice', rule: 'budget.raiseLimit', reason: 'month end', details: { scope: 'department:finance', tokens: 1_500 } });
      expect(raised.resumed.map((paused) => paused.id)).toEqual([ticket.id]);
      expect(meter.paused()).toEqual([]);
      expect(budgetEvents).toContainEqual(expect.objectContaining({ type: 'raised', scope: 'department:finance', tokens: 1_500, by: 'alice' }));
      await expect(warden.run({ department: 'finance' }, () => summarize({}, { callId: 'call-7' }))).resolves.toBe('done');
    });

    it('pauses a model reservation the same way', async () => {
      const { warden, meter } = wardenWith({ costLimits: { agent: 0.001 }, pricing, onExceeded: 'pause' });
      const error = await warden.run({}, () => caught(() => warden.reserve({ model: 'gpt-4o', inputTokens: 1_000 })));
      expect(error).toBeInstanceOf(ApprovalPendingError);
      expect((error as ApprovalPendingError).ticket).toMatchObject({ scope: 'agent:claims-agent', unit: 'usd', tool: 'model' });
      meter.raiseLimit('agent', { costUsd: 0.002 });
      await expect(warden.run({}, () => warden.reserve({ model: 'gpt-4o', inputTokens: 1_000 }))).resolves.toMatchObject({ costUsd: 0.0025 });
    });

    it.each([
      [{}, /tokens.*costUsd/],
      [{ tokens: -1 }, /`tokens` must be a positive number/],
      [{ costUsd: Number.POSITIVE_INFINITY }, /`costUsd` must be a positive number/],
    ])('rejects a bad raise %j', async (by, message) => {
      const { meter } = wardenWith({ limits: { run: 10 } });
      await expect(meter.raiseLimit('run', by)).rejects.toThrow(message);
    });

    it('raises and lowers a limit for every warden sharing the store, as audited decisions naming who', async () => {
      const store = memoryBudgetStore();
      const options = { limits: { department: { finance: 1_000 } }, store };
      const a = wardenWith(options);
      const b = wardenWith(options);
      const usage = { model: 'gpt-4o', inputTokens: 600, outputTokens: 400 };
      await a.warden.run({ department: 'finance' }, async () => a.warden.recordUsage(usage, await a.warden.reserve(usage)));
      await expect(b.warden.run({ department: 'finance' }, () => b.warden.reserve({ model: 'gpt-4o', inputTokens: 100, outputTokens: 0 }))).rejects.toBeInstanceOf(BudgetExceededError);
      // A raise made through warden a binds warden b's next reservation and its tool-call check.
      await a.meter.raiseLimit('department:finance', { tokens: 500 }, { by: 'alice', reason: 'month end' });
      expect(a.decisions.at(-1)).toMatchObject({ outcome: 'approve', by: 'alice', rule: 'budget.raiseLimit', details: { shared: true, tokens: 1_500 } });
      await expect(b.warden.run({ department: 'finance' }, () => b.warden.reserve({ model: 'gpt-4o', inputTokens: 400, outputTokens: 0 }))).resolves.toMatchObject({ tokens: 400 });
      await b.meter.lowerLimit('department:finance', { tokens: 900 }, { by: 'bob' });
      expect(b.decisions.at(-1)).toMatchObject({ outcome: 'flag', by: 'bob', rule: 'budget.lowerLimit' });
      expect(b.budgetEvents.at(-1)).toMatchObject({ type: 'lowered', scope: 'department:finance', tokens: 600, by: 'bob' });
      await expect(a.warden.run({ department: 'finance' }, () => a.warden.reserve({ model: 'gpt-4o', inputTokens: 1, outputTokens: 0 }))).rejects.toBeInstanceOf(BudgetExceededError);
      expect((await a.warden.costs()).limits).toContainEqual(expect.objectContaining({ scope: 'department:finance', unit: 'tokens', limit: 600 }));
    });
  });

  describe('cost attribution', () => {
    it('reports spend by run, agent, workflow, department, department workflow and model', async () => {
      const { warden } = wardenWith({ pricing: { ...pricing, small: { input: 0.15, output: 0.6 } }, costLimits: { department: { finance: 1 } } });
      const runIds: string[] = [];
      await warden.run({ workflow: 'claims', department: 'finance' }, async (run) => {
        runIds.push(run.runId);
        await warden.recordUsage({ model: 'gpt-4o', inputTokens: 1_000, outputTokens: 100 });
        await warden.recordUsage({ model: 'small', inputTokens: 10_000, outputTokens: 1_000 });
      });
      await warden.run({ workflow: 'intake', department: 'legal' }, async (run) => {
        runIds.push(run.runId);
        await warden.recordUsage({ model: 'gpt-4o', inputTokens: 2_000, outputTokens: 0 });
      });
      const report = await warden.costs();
      expect(report.total).toEqual({ tokens: 14_100, costUsd: 0.0035 + 0.0021 + 0.005, calls: 3 });
      expect(report.byRun[runIds[0]!]).toEqual({ tokens: 12_100, costUsd: 0.0056, calls: 2 });
      expect(report.byRun[runIds[1]!]).toEqual({ tokens: 2_000, costUsd: 0.005, calls: 1 });
      expect(report.byAgent['claims-agent']?.calls).toBe(3);
      expect(report.byWorkflow).toEqual({ claims: { tokens: 12_100, costUsd: 0.0056, calls: 2 }, intake: { tokens: 2_000, costUsd: 0.005, calls: 1 } });
      expect(report.byDepartment.legal).toEqual({ tokens: 2_000, costUsd: 0.005, calls: 1 });
      expect(report.byDepartmentWorkflow).toEqual({ finance: { claims: { tokens: 12_100, costUsd: 0.0056, calls: 2 } }, legal: { intake: { tokens: 2_000, costUsd: 0.005, calls: 1 } } });
      expect(report.byModel.small).toEqual({ tokens: 11_000, costUsd: 0.0021, calls: 1 });
      expect(report.limits).toEqual([{ scope: 'department:finance', window: 'd2026-11-26', unit: 'usd', limit: 1, spent: 0.0056, held: 0, percent: 0.56 }]);
    });

    it('keeps totals across a restart with a file store', async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'budget-')), 'budget.jsonl');
      const clock = testClock();
      const first = wardenWith({ limits: { department: { finance: 1_000 } }, store: fileBudgetStore(path, { clock }) }, clock);
      await first.warden.run({ department: 'finance' }, () => first.warden.recordUsage({ model: 'm', inputTokens: 900, outputTokens: 0 }));
      await first.warden.close();
      const second = wardenWith({ limits: { department: { finance: 1_000 } }, store: fileBudgetStore(path, { clock }) }, clock);
      expect((await second.warden.costs()).byDepartment.finance?.tokens).toBe(900);
      await expect(second.warden.run({ department: 'finance' }, () => second.warden.reserve({ inputTokens: 101 }))).rejects.toBeInstanceOf(BudgetExceededError);
    });
  });

  describe('lifecycle and failures', () => {
    it('gives back held reservations when the warden closes', async () => {
      const { warden, meter } = wardenWith({ limits: { agent: 100 } });
      let release: () => void = () => {};
      const running = warden.run({}, async () => {
        await warden.reserve({ inputTokens: 100 });
        await new Promise<void>((resolve) => (release = resolve));
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect((await meter.costs()).limits[0]).toMatchObject({ held: 100 });
      await warden.close();
      expect((await meter.costs()).limits[0]).toMatchObject({ held: 0 });
      release();
      await running;
    });

    it('fails closed with StoreUnavailableError when the store is down, and counts it', async () => {
      const down = async () => {
        throw new Error('connection refused');
      };
      const { warden } = wardenWith({ limits: { run: 100 }, store: { reserve: down, settle: down, release: down, snapshot: down } });
      const lookup = warden.tool('lookup', async () => 'ok');
      await warden.run({}, async () => {
        await expect(warden.reserve({ inputTokens: 1 })).rejects.toMatchObject({ name: 'StoreUnavailableError', store: 'budgetStore' });
        await expect(lookup({})).rejects.toMatchObject({ name: 'StoreUnavailableError' });
      });
      expect(warden.stats()['budget.store.errors']).toBe(2);
    });

    it('answers evaluate() offline: a deny by tokenBudget when a scope has no budget', async () => {
      const verdict = await evaluate(tokenBudget({ limits: { department: { finance: 0 } } }), { tool: 'lookup', department: 'finance' });
      expect(verdict).toMatchObject({ outcome: 'deny', by: 'tokenBudget', rule: 'department:finance', reachedTool: false });
      expect((await evaluate(tokenBudget({ limits: { department: { finance: 10 } } }), { tool: 'lookup', department: 'finance' })).reachedTool).toBe(true);
    });
  });

  describe('options', () => {
    it.each([
      [{ limits: { run: -1 } }, '`limits.run` must be a non-negative number, got -1'],
      [{ limits: { run: Number.NaN } }, '`limits.run` must be a finite number, got NaN'],
      [{ costLimits: { department: { finance: Number.POSITIVE_INFINITY } } }, '`costLimits.department.finance`'],
      [{ limits: { agent: { limit: 10, period: 'week' } } }, '`limits.agent'],
      [{ limits: { agent: { limit: 10, period: { ms: 0 } } } }, '`limits.agent'],
      [{ pricing: { 'gpt-4o': { input: -2.5, output: 10 } } }, '`pricing.gpt-4o.input` must be a non-negative number, got -2.5'],
      [{ pricing: { 'gpt-4o': { input: 2.5 } } }, '`pricing.gpt-4o.output`'],
      [{ store: {} }, '`store` must be a BudgetStore'],
      [{ onExceeded: 'ignore' }, "`onExceeded` must be 'throw' or 'pause'"],
      [{ limits: { runs: 5 } }, 'tokenBudget: unknown option `limits.runs` (did you mean `run`?)'],
      [{ guardToolCalls: 'yes' }, '`guardToolCalls` must be a boolean'],
      [{ reservationTtlMs: 0 }, '`reservationTtlMs` must be a positive integer'],
    ])('rejects %j at construction, naming the field', (options, message) => {
      expect(() => tokenBudget(options as TokenBudgetOptions)).toThrow(OptionsError);
      expect(() => tokenBudget(options as TokenBudgetOptions)).toThrow(message);
    });

    it('leaves warden.costs() an empty bill when no tokenBudget is configured', async () => {
      const warden = createWarden({ agent: 'a' });
      await warden.run({}, () => warden.recordUsage({ model: 'm', inputTokens: 5, outputTokens: 5 }));
      expect(await warden.costs()).toMatchObject({ total: { tokens: 0, costUsd: 0, calls: 0 }, byRun: {}, limits: [] });
    });

    it('is a usage capability provider', () => {
      const { warden, meter } = wardenWith({});
      expect(typeof meter.raiseLimit).toBe('function');
      expect(warden.capability('usage')).toBe(meter);
    });
  });
});

describe('tokenBudget with tracing()', () => {
  it('lets the tracer put usage and cost on the chat span, unpriced models flagged', async () => {
    const otel = memoryTracing();
    const warden = createWarden({ agent: 'claims-agent', middleware: [tracing({ tracerProvider: otel.provider }), tokenBudget({ pricing })] });
    await warden.run({ department: 'finance' }, async () => {
      await warden.traceChat('gpt-4o', {}, () => warden.recordUsage({ model: 'gpt-4o', inputTokens: 1_000, outputTokens: 100 }));
      await warden.traceChat('mystery', {}, () => warden.recordUsage({ model: 'mystery', inputTokens: 10, outputTokens: 1 }));
    });
    const [priced, unpriced] = otel.spans().filter((span) => span.name.startsWith('chat'));
    expect(priced?.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 1_000, 'gen_ai.usage.output_tokens': 100, 'agentwarden.cost.usd': 0.0035 });
    expect(unpriced?.attributes).toMatchObject({ 'agentwarden.cost.unpriced': true });
    expect(unpriced?.attributes['agentwarden.cost.usd']).toBeUndefined();
    await otel.shutdown();
  });
});

describe('tokenBudget with an OpenTelemetry context manager', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => void context.setGlobalContextManager(manager.enable()));
  afterAll(() => {
    manager.disable();
    context.disable();
  });

  it('keeps concurrent runs apart: each run is charged only its own usage', async () => {
    const { warden } = wardenWith({ limits: { run: 100 } });
    const results = await Promise.all(
      [30, 60, 90].map((tokens) =>
        warden.run({}, async () => {
          await Promise.resolve();
          await warden.recordUsage({ model: 'm', inputTokens: tokens, outputTokens: 0 });
          return warden.reserve({ inputTokens: 100 - tokens });
        }),
      ),
    );
    expect(results.map((held) => held.tokens)).toEqual([70, 40, 10]);
  });

  it('puts gen_ai usage, cost and scope attributes on the active span', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const tracer = provider.getTracer('test');
    const { warden } = wardenWith({ pricing });
    await warden.run({ workflow: 'claims', department: 'finance', sessionId: 's1' }, () =>
      tracer.startActiveSpan('chat gpt-4o', async (span) => {
        await warden.recordUsage({ model: 'gpt-4o', inputTokens: 1_000, outputTokens: 100 });
        span.end();
      }),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 1_000,
      'gen_ai.usage.output_tokens': 100,
      'agentwarden.cost.usd': 0.0035,
      'agentwarden.workflow': 'claims',
      'agentwarden.department': 'finance',
      'gen_ai.conversation.id': 's1',
      'gen_ai.agent.name': 'claims-agent',
    });
    expect(span?.attributes['agentwarden.run.id']).toMatch(/^run_/);
  });
});

describe('tokenBudget run retention', () => {
  it('forgets a finished run’s totals after runRetentionMs and keeps the scopes that live on', async () => {
    let now = Date.UTC(2026, 11, 4);
    const clock = { now: () => now, setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout } as never;
    const warden = createWarden({ agent: 'claims-agent', middleware: [tokenBudget({ limits: { run: 10_000, agent: 1_000_000 }, runRetentionMs: 60_000 })], clock });
    const usage = { model: 'gpt-4o', inputTokens: 60, outputTokens: 40 };
    const runId = await warden.run({}, async (run) => {
      await warden.recordUsage(usage, await warden.reserve(usage));
      return run.runId;
    });
    expect(Object.keys((await warden.costs()).byRun)).toEqual([runId]);
    now += 60_000 + 60_000;
    const report = await warden.costs();
    expect(report.byRun).toEqual({});
    expect(report.byAgent['claims-agent']?.tokens).toBe(100);
  });

  it('rejects a runRetentionMs that is not a positive integer, naming it', () => {
    expect(() => tokenBudget({ runRetentionMs: -1 })).toThrow(/runRetentionMs/);
    expect(() => tokenBudget({ runRetentionMs: Number.NaN })).toThrow(/runRetentionMs/);
  });
});
