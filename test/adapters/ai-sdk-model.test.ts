import { defaultSettingsMiddleware, generateText, stepCountIs, streamText, tool, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { wardenMiddleware, wardenModel, wardenTools } from '../../src/adapters/ai-sdk.js';
import { BudgetExceededError, OptionsError, StoreUnavailableError } from '../../src/core/errors.js';
import { tokenBudget } from '../../src/budget/token-budget.js';
import type { CostReport, ReservationHandle, RunObservation, SettledUsage, UsageEstimate, UsageInput, UsageMeter } from '../../src/core/types.js';
import { createWarden, type WardenPlugin } from '../../src/core/warden.js';
import { streamTurn, textTurn, toolTurn, usage } from './ai-sdk/script.js';

const lookup = tool({ inputSchema: z.object({ orderId: z.string() }), execute: async ({ orderId }) => ({ orderId, status: 'delivered' }) });

/** Three turns with distinct usage: the figures the warden must record, exactly. */
function threeTurns() {
  return [
    toolTurn([{ id: 'c1', tool: 'lookup', input: { orderId: 'A1' } }], usage(101, 11, 40)),
    toolTurn([{ id: 'c2', tool: 'lookup', input: { orderId: 'A2' } }], usage(202, 22)),
    textTurn('Both delivered.', usage(303, 33)),
  ];
}

/** A `usage` capability that records what the adapter reserves and settles (the core interface budgets implement). */
function observingMeter({ refuseAfter = Number.POSITIVE_INFINITY, refusal, recordFailure }: { refuseAfter?: number; refusal?: Error; recordFailure?: Error } = {}) {
  const reserved: Array<UsageEstimate & { handle: ReservationHandle }> = [];
  const settled: Array<{ usage: UsageInput; reservation?: ReservationHandle }> = [];
  const released: string[] = [];
  const meter: UsageMeter = {
    async reserve(_run, estimate) {
      if (reserved.length >= refuseAfter) throw refusal;
      const handle: ReservationHandle = { id: `res-${reserved.length + 1}`, tokens: (estimate.inputTokens ?? 0) + (estimate.outputTokens ?? 0), costUsd: 0, release: async () => void released.push(handle.id) };
      reserved.push({ ...estimate, handle });
      return handle;
    },
    async record(run, usageInput, reservation) {
      if (recordFailure) throw recordFailure;
      settled.push({ usage: usageInput, ...(reservation && { reservation }) });
      return { ...usageInput, agent: run?.agent ?? 'none', versionId: 'v', at: new Date(0).toISOString(), ...(run && { runId: run.runId }) };
    },
    costs: async () => ({}) as CostReport,
  };
  const plugin: WardenPlugin = { attach: (host) => host.provide('usage', meter) };
  return { plugin, reserved, settled, released };
}

describe('wardenModel', () => {
  it('records the usage of every generateText step exactly as the model reported it', async () => {
    const warden = createWarden({ agent: 'refunds' });
    const recorded: SettledUsage[] = [];
    const runs: RunObservation[] = [];
    warden.on('usage', (settled) => recorded.push(settled));
    warden.on('run', (run) => runs.push(run));
    const model = new MockLanguageModelV3({ doGenerate: threeTurns() });

    const result = await warden.run({ sessionId: 's1' }, () => generateText({ model: wardenModel(warden, model), tools: { lookup }, prompt: 'where are A1 and A2?', stopWhen: stepCountIs(5) }));

    expect(recorded.map(({ model: id, inputTokens, outputTokens, cachedInputTokens }) => ({ id, inputTokens, outputTokens, cachedInputTokens }))).toEqual([
      { id: 'mock-model-id', inputTokens: 101, outputTokens: 11, cachedInputTokens: 40 },
      { id: 'mock-model-id', inputTokens: 202, outputTokens: 22, cachedInputTokens: undefined },
      { id: 'mock-model-id', inputTokens: 303, outputTokens: 33, cachedInputTokens: undefined },
    ]);
    expect(runs[0]).toMatchObject({ inputTokens: result.totalUsage.inputTokens, outputTokens: result.totalUsage.outputTokens });
    expect(recorded.every((settled) => settled.runId === runs[0]?.run.runId && settled.sessionId === 's1')).toBe(true);
  });

  it('records streamText usage from the finish part, also when the stream is read outside the run', async () => {
    const warden = createWarden({ agent: 'refunds' });
    const recorded: SettledUsage[] = [];
    warden.on('usage', (settled) => recorded.push(settled));
    const model = new MockLanguageModelV3({ doStream: threeTurns().map(streamTurn) });

    const { result, runId } = await warden.run({}, async (run) => ({
      result: streamText({ model: wardenModel(warden, model), tools: { lookup }, prompt: 'where are A1 and A2?', stopWhen: stepCountIs(5) }),
      runId: run.runId,
    }));
    expect(await result.text).toBe('Both delivered.');

    expect(recorded.map(({ inputTokens, outputTokens }) => [inputTokens, outputTokens])).toEqual([
      [101, 11],
      [202, 22],
      [303, 33],
    ]);
    const total = await result.totalUsage;
    expect(recorded.reduce((sum, settled) => sum + settled.inputTokens + settled.outputTokens, 0)).toBe(total.totalTokens);
    expect(recorded.map((settled) => settled.runId)).toEqual([runId, runId, runId]);
  });

  it('reserves the prompt estimate and maxOutputTokens before each call and settles against that reservation', async () => {
    const meter = observingMeter();
    const warden = createWarden({ agent: 'refunds', plugins: [meter.plugin] });
    const model = new MockLanguageModelV3({ doGenerate: threeTurns() });

    await warden.run({}, () => generateText({ model: wardenModel(warden, model), tools: { lookup }, prompt: 'where are A1 and A2?', maxOutputTokens: 256, stopWhen: stepCountIs(5) }));

    expect(meter.reserved.map((estimate) => [estimate.model, estimate.outputTokens])).toEqual([
      ['mock-model-id', 256],
      ['mock-model-id', 256],
      ['mock-model-id', 256],
    ]);
    const inputEstimates = meter.reserved.map((estimate) => estimate.inputTokens ?? 0);
    expect(inputEstimates[0]).toBeGreaterThan(0);
    expect(inputEstimates[1]).toBeGreaterThan(inputEstimates[0]!); // the prompt grows with each step
    expect(meter.settled.map((entry) => entry.reservation)).toEqual(meter.reserved.map((estimate) => estimate.handle));
    expect(meter.released).toEqual([]);
  });

  it('reserves for the settings other middleware set when it sits last in a wrapLanguageModel list', async () => {
    const meter = observingMeter();
    const warden = createWarden({ agent: 'refunds', plugins: [meter.plugin] });
    const model = wrapLanguageModel({
      model: new MockLanguageModelV3({ doGenerate: textTurn('hi') }),
      middleware: [defaultSettingsMiddleware({ settings: { maxOutputTokens: 512 } }), wardenMiddleware(warden)],
    });

    await warden.run({}, () => generateText({ model, prompt: 'hi' }));

    expect(meter.reserved.map((estimate) => estimate.outputTokens)).toEqual([512]);
    expect(meter.settled.map((entry) => entry.usage)).toEqual([{ model: 'mock-model-id', inputTokens: 120, outputTokens: 30 }]);
  });

  it('releases the reservation when the model call fails', async () => {
    const meter = observingMeter();
    const warden = createWarden({ agent: 'refunds', plugins: [meter.plugin] });
    const model = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new Error('provider down');
      },
    });

    await expect(warden.run({}, () => generateText({ model: wardenModel(warden, model), prompt: 'hi', maxRetries: 0 }))).rejects.toThrow('provider down');

    expect(meter.released).toEqual(['res-1']);
    expect(meter.settled).toEqual([]);
  });

  it('releases the reservation and rejects with the store error when settlement fails', async () => {
    const storeDown = new StoreUnavailableError('budget store', 'did not answer');
    const meter = observingMeter({ recordFailure: storeDown });
    const warden = createWarden({ agent: 'refunds', plugins: [meter.plugin] });

    const loop = warden.run({}, () => generateText({ model: wardenModel(warden, new MockLanguageModelV3({ doGenerate: textTurn('hi') })), prompt: 'hi' }));

    await expect(loop).rejects.toBe(storeDown);
    expect(meter.released).toEqual(['res-1']);
  });

  it('releases the reservation when the stream cannot start, and streamText reports the error', async () => {
    const meter = observingMeter();
    const warden = createWarden({ agent: 'refunds', plugins: [meter.plugin] });
    const model = new MockLanguageModelV3({
      doStream: async () => {
        throw new Error('provider down');
      },
    });
    const errors: unknown[] = [];

    await warden.run({}, async () => {
      await streamText({ model: wardenModel(warden, model), prompt: 'hi', maxRetries: 0, onError: ({ error }) => void errors.push(error) }).consumeStream();
    });

    expect(errors).toEqual([new Error('provider down')]);
    expect(meter.released).toEqual(['res-1']);
    expect(meter.settled).toEqual([]);
  });

  it('settles a stream the consumer cancels, charging what it saw', async () => {
    const meter = observingMeter();
    const warden = createWarden({ agent: 'refunds', plugins: [meter.plugin] });
    const model = wardenModel(warden, new MockLanguageModelV3({ doStream: streamTurn(textTurn('x'.repeat(40))) }));

    await warden.run({}, async () => {
      const { stream } = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
      const reader = stream.getReader();
      while ((await reader.read()).value?.type !== 'text-delta');
      await reader.cancel('user left');
    });

    expect(meter.settled).toHaveLength(1);
    expect(meter.settled[0]?.usage).toMatchObject({ outputTokens: 10 });
    expect(meter.settled[0]?.reservation).toBe(meter.reserved[0]?.handle);
  });

  it('charges an estimate when the provider reports no usage', async () => {
    const warden = createWarden({ agent: 'refunds' });
    const recorded: SettledUsage[] = [];
    warden.on('usage', (settled) => recorded.push(settled));
    const silent = { inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: undefined, text: undefined, reasoning: undefined } };
    const model = new MockLanguageModelV3({ doGenerate: textTurn('x'.repeat(400), silent) });

    await warden.run({}, () => generateText({ model: wardenModel(warden, model), prompt: 'say x' }));

    expect(recorded[0]).toMatchObject({ outputTokens: 100 });
    expect(recorded[0]!.inputTokens).toBeGreaterThan(0);
  });

  it('ends generateText with the typed error when the reservation is refused, before calling the model', async () => {
    const refusal = new BudgetExceededError(
      { outcome: 'deny', by: 'tokenBudget', reason: 'run budget spent', tool: 'model', callId: 'reservation', agent: 'refunds', at: new Date(0).toISOString() },
      { scope: 'run', limit: 300, spent: 301, requested: 50 },
    );
    const meter = observingMeter({ refuseAfter: 1, refusal });
    const warden = createWarden({ agent: 'refunds', plugins: [meter.plugin] });
    const model = new MockLanguageModelV3({ doGenerate: threeTurns() });

    const loop = warden.run({}, () => generateText({ model: wardenModel(warden, model), tools: { lookup }, prompt: 'go', stopWhen: stepCountIs(5) }));

    await expect(loop).rejects.toBe(refusal);
    expect(model.doGenerateCalls).toHaveLength(1);
  });

  describe('with tokenBudget', () => {
    const turn = (id: string) => toolTurn([{ id, tool: 'lookup', input: { orderId: id } }], usage(200, 20));

    it('ends generateText with BudgetExceededError when the next reservation would go over the run limit', async () => {
      const warden = createWarden({ agent: 'refunds', middleware: [tokenBudget({ limits: { run: 500 } })] });
      const model = new MockLanguageModelV3({ doGenerate: [turn('c1'), turn('c2'), turn('c3'), textTurn('never')] });

      const error = await warden
        .run({}, () => generateText({ model: wardenModel(warden, model), tools: wardenTools(warden, { lookup }), prompt: 'go', maxOutputTokens: 100, stopWhen: stepCountIs(10) }))
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(BudgetExceededError);
      expect(error).toMatchObject({ limit: 500, spent: 440, decision: { tool: 'model', by: 'tokenBudget' } });
      expect((error as BudgetExceededError).scope).toMatch(/^run:/);
      expect(model.doGenerateCalls).toHaveLength(2);
    });

    it('stops at the tool the run can no longer afford, and generateText rejects with that error', async () => {
      const executed: string[] = [];
      const warden = createWarden({ agent: 'refunds', middleware: [tokenBudget({ limits: { run: 200 } })] });
      const tools = wardenTools(warden, { lookup: tool({ inputSchema: z.object({ orderId: z.string() }), execute: async ({ orderId }) => (executed.push(orderId), 'ok') }) });
      const model = new MockLanguageModelV3({ doGenerate: [turn('c1'), textTurn('never')] });
      let toolError: unknown;

      const error = await warden
        .run({}, () => generateText({ model: wardenModel(warden, model), tools, prompt: 'go', stopWhen: stepCountIs(10), onStepFinish: (step) => void (toolError = step.content.find((part) => part.type === 'tool-error')?.error) }))
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(BudgetExceededError);
      expect(error).toBe(toolError);
      expect((error as BudgetExceededError).decision).toMatchObject({ tool: 'lookup', callId: 'c1', by: 'tokenBudget' });
      expect(executed).toEqual([]);
      expect(model.doGenerateCalls).toHaveLength(1);
    });

    it('charges the run and the agent exactly what the model reported', async () => {
      const warden = createWarden({ agent: 'refunds', middleware: [tokenBudget({ limits: { agent: 1_000_000 }, pricing: { 'mock-model-id': { input: 1, output: 2 } } })] });
      const recorded: SettledUsage[] = [];
      warden.on('usage', (settled) => recorded.push(settled));
      const model = new MockLanguageModelV3({ doStream: threeTurns().map(streamTurn) });

      const total = await warden.run({}, async () => {
        const result = streamText({ model: wardenModel(warden, model), tools: { lookup }, prompt: 'where?', stopWhen: stepCountIs(5) });
        await result.consumeStream();
        return result.totalUsage;
      });

      expect(recorded.map((settled) => settled.costUsd)).toEqual([(101 * 1 + 11 * 2) / 1e6, (202 * 1 + 22 * 2) / 1e6, (303 * 1 + 33 * 2) / 1e6]);
      expect(recorded.reduce((sum, settled) => sum + settled.inputTokens, 0)).toBe(total.inputTokens);
      expect(recorded.reduce((sum, settled) => sum + settled.outputTokens, 0)).toBe(total.outputTokens);
    });
  });

  it.each([
    [{ chatSpan: 'sometimes' }, "wardenModel: `chatSpan` must be 'auto', 'always' or 'never', got \"sometimes\""],
    [{ defaultOutputTokens: 0 }, 'wardenModel: `defaultOutputTokens` must be a positive integer, got 0'],
  ])('rejects bad options at construction: %j', (options, message) => {
    const warden = createWarden({ agent: 'refunds' });
    expect(() => wardenModel(warden, new MockLanguageModelV3(), options as never)).toThrow(new OptionsError(message));
  });
});
