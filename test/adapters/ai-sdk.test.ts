import { generateText, stepCountIs, streamText, tool, ToolLoopAgent, type ToolSet } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { wardenModel, wardenTools } from '../../src/adapters/ai-sdk.js';
import { decide } from '../../src/core/decision.js';
import { loopBreaker } from '../../src/loop/loop-breaker.js';
import { policy } from '../../src/policy/policy.js';
import { HaltedError, LoopDetectedError, OptionsError, PolicyDeniedError, ValidationError } from '../../src/core/errors.js';
import type { Decision, Middleware, ToolCall } from '../../src/core/types.js';
import { createWarden } from '../../src/core/warden.js';
import { streamTurn, textTurn, toolTurn } from './ai-sdk/script.js';

const refundInput = z.object({ orderId: z.string(), amount: z.number() });

function refundTools(executed: string[] = []) {
  return {
    issue_refund: tool({
      description: 'Refund an order',
      inputSchema: refundInput,
      execute: async ({ orderId, amount }) => {
        executed.push(orderId);
        return { refunded: amount, orderId };
      },
    }),
    lookup_order: tool({
      description: 'Look an order up',
      inputSchema: z.object({ orderId: z.string() }),
      execute: async ({ orderId }) => ({ orderId, status: 'delivered' }),
    }),
  };
}

/** A user's own middleware: refuses refunds over 100. */
const refundCap: Middleware = async (call, next) => {
  const { amount } = call.args as { amount?: number };
  if (call.tool === 'issue_refund' && (amount ?? 0) > 100) {
    throw new PolicyDeniedError(decide(call, { outcome: 'deny', by: 'refund-cap', reason: 'refunds over 100 need a manager' }));
  }
  return next();
};

describe('wardenTools', () => {
  it('passes the SDK toolCallId through as the call id', async () => {
    const seen: ToolCall[] = [];
    const warden = createWarden({ agent: 'refunds', middleware: [async (call, next) => (seen.push(call), next())] });
    const model = new MockLanguageModelV3({ doGenerate: [toolTurn([{ id: 'call-A1', tool: 'lookup_order', input: { orderId: 'A1' } }]), textTurn('delivered')] });

    const result = await warden.run({ sessionId: 's1' }, () => generateText({ model, tools: wardenTools(warden, refundTools()), prompt: 'where is A1?', stopWhen: stepCountIs(5) }));

    expect(seen.map((call) => [call.tool, call.callId, call.args])).toEqual([['lookup_order', 'call-A1', { orderId: 'A1' }]]);
    expect(result.steps[0]?.toolResults[0]).toMatchObject({ toolCallId: 'call-A1', output: { orderId: 'A1', status: 'delivered' } });
    expect(result.text).toBe('delivered');
  });

  it('keeps description, schema and SDK options of every tool', () => {
    const warden = createWarden({ agent: 'refunds' });
    const original = { ...refundTools(), client_only: tool({ inputSchema: z.object({}), providerOptions: { test: { cache: true } } }) } satisfies ToolSet;
    const guarded = wardenTools(warden, original);

    expect(Object.keys(guarded)).toEqual(Object.keys(original));
    expect(guarded.issue_refund.description).toBe('Refund an order');
    expect(guarded.issue_refund.inputSchema).toBe(original.issue_refund.inputSchema);
    expect(guarded.issue_refund.execute).not.toBe(original.issue_refund.execute);
    expect(guarded.client_only).toBe(original.client_only);
  });

  it('gives the guards per-tool traits and the SDK description', async () => {
    const seen: ToolCall[] = [];
    const warden = createWarden({ agent: 'refunds', middleware: [async (call, next) => (seen.push(call), next())] });
    const tools = wardenTools(warden, refundTools(), { traits: { issue_refund: { risk: 'high' }, lookup_order: { source: 'untrusted', description: 'Order lookup (CRM)' } } });
    const model = new MockLanguageModelV3({
      doGenerate: [toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'A1', amount: 5 } }, { id: 'c2', tool: 'lookup_order', input: { orderId: 'A1' } }]), textTurn('ok')],
    });

    await warden.run({}, () => generateText({ model, tools, prompt: 'refund', stopWhen: stepCountIs(5) }));

    expect(Object.fromEntries(seen.map((call) => [call.tool, call.traits]))).toEqual({
      issue_refund: { risk: 'high', description: 'Refund an order' },
      lookup_order: { source: 'untrusted', description: 'Order lookup (CRM)' },
    });
  });

  it('hands the model the result as the middleware left it (screening and redaction apply)', async () => {
    const redactEmails: Middleware = async (_call, next) => JSON.parse(JSON.stringify(await next()).replace(/[\w.]+@[\w.]+/g, '[email]'));
    const warden = createWarden({ agent: 'refunds', middleware: [redactEmails] });
    const tools = wardenTools(warden, { lookup_customer: tool({ inputSchema: z.object({ id: z.string() }), execute: async ({ id }) => ({ id, email: 'ann@example.com' }) }) });
    const model = new MockLanguageModelV3({ doGenerate: [toolTurn([{ id: 'c1', tool: 'lookup_customer', input: { id: 'C1' } }]), textTurn('ok')] });

    await warden.run({}, () => generateText({ model, tools, prompt: 'who is C1?', stopWhen: stepCountIs(5) }));

    expect(model.doGenerateCalls[1]!.prompt.at(-1)).toMatchObject({ role: 'tool', content: [{ toolCallId: 'c1', output: { type: 'json', value: { id: 'C1', email: '[email]' } } }] });
  });

  it('turns a denied call into a tool error the model reads, and the loop goes on', async () => {
    const executed: string[] = [];
    const decisions: Decision[] = [];
    const warden = createWarden({ agent: 'refunds', middleware: [refundCap] });
    warden.on('decision', (decision) => decisions.push(decision));
    const model = new MockLanguageModelV3({
      doGenerate: [
        toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'A1', amount: 500 } }]),
        toolTurn([{ id: 'c2', tool: 'issue_refund', input: { orderId: 'A1', amount: 90 } }]),
        textTurn('Refunded 90; a manager must approve the rest.'),
      ],
    });

    const result = await warden.run({}, () => generateText({ model, tools: wardenTools(warden, refundTools(executed)), prompt: 'refund A1', stopWhen: stepCountIs(5) }));

    const toolError = result.steps[0]?.content.find((part) => part.type === 'tool-error');
    expect(toolError).toMatchObject({ toolCallId: 'c1', toolName: 'issue_refund' });
    expect((toolError as { error: unknown }).error).toBeInstanceOf(PolicyDeniedError);
    const secondPrompt = model.doGenerateCalls[1]!.prompt;
    expect(secondPrompt.at(-1)).toMatchObject({
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'c1', output: { type: 'error-text', value: 'issue_refund: refunds over 100 need a manager' } }],
    });
    expect(executed).toEqual(['A1']);
    expect(result.text).toBe('Refunded 90; a manager must approve the rest.');
    expect(decisions.map((d) => [d.outcome, d.by, d.callId])).toEqual([['deny', 'refund-cap', 'c1']]);
  });

  it('turns a policy deny into a tool error with the policy rule', async () => {
    const warden = createWarden({ agent: 'refunds', middleware: [policy({ deny: ['issue_refund'] })] });
    const model = new MockLanguageModelV3({
      doGenerate: [toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'A1', amount: 5 } }]), textTurn('I cannot refund that.')],
    });

    const result = await warden.run({}, () => generateText({ model: wardenModel(warden, model), tools: wardenTools(warden, refundTools()), prompt: 'refund A1', stopWhen: stepCountIs(5) }));

    const toolError = result.steps[0]?.content.find((part) => part.type === 'tool-error') as { error: PolicyDeniedError } | undefined;
    expect(toolError?.error).toBeInstanceOf(PolicyDeniedError);
    expect(toolError?.error.decision).toMatchObject({ outcome: 'deny', by: 'policy', callId: 'c1' });
    expect(result.text).toBe('I cannot refund that.');
  });

  it('turns a validation failure into a tool error with the zod issues', async () => {
    const executed: string[] = [];
    const warden = createWarden({ agent: 'refunds' });
    const tools = wardenTools(warden, refundTools(executed), { traits: { issue_refund: { input: z.object({ orderId: z.string().regex(/^[A-Z]\d+$/), amount: z.number().max(1000) }) } } });
    const model = new MockLanguageModelV3({ doGenerate: [toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'order one', amount: 5 } }]), textTurn('Which order?')] });

    const result = await warden.run({}, () => generateText({ model, tools, prompt: 'refund', stopWhen: stepCountIs(5) }));

    const error = (result.steps[0]?.content.find((part) => part.type === 'tool-error') as { error: ValidationError }).error;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue) => issue.path)).toEqual([['orderId']]);
    expect(executed).toEqual([]);
    expect(result.text).toBe('Which order?');
  });

  it("ends the loop with the typed refusal under onDeny: 'throw'", async () => {
    const warden = createWarden({ agent: 'refunds', middleware: [refundCap] });
    const model = new MockLanguageModelV3({
      doGenerate: [toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'A1', amount: 500 } }]), textTurn('never reached')],
    });

    const loop = warden.run({}, () => generateText({ model: wardenModel(warden, model), tools: wardenTools(warden, refundTools(), { onDeny: 'throw' }), prompt: 'refund', stopWhen: stepCountIs(5) }));

    await expect(loop).rejects.toBeInstanceOf(PolicyDeniedError);
    expect(model.doGenerateCalls).toHaveLength(1);
  });

  it('ends generateText with LoopDetectedError before the next model call', async () => {
    const executed: string[] = [];
    const warden = createWarden({ agent: 'refunds', middleware: [loopBreaker({ maxRepeats: 1 })] });
    const repeat = () => toolTurn([{ id: `c${Math.random()}`, tool: 'issue_refund', input: { orderId: 'A1', amount: 10 } }]);
    const model = new MockLanguageModelV3({ doGenerate: [repeat(), repeat(), repeat(), textTurn('never reached')] });

    const loop = warden.run({}, () => generateText({ model: wardenModel(warden, model), tools: wardenTools(warden, refundTools(executed)), prompt: 'refund', stopWhen: stepCountIs(10) }));

    const error = await loop.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LoopDetectedError);
    expect((error as LoopDetectedError).decision).toMatchObject({ outcome: 'halt', by: 'loopBreaker', tool: 'issue_refund' });
    expect(executed).toEqual(['A1']);
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it('ends the loop without wardenModel when the model calls a guarded tool again', async () => {
    const warden = createWarden({ agent: 'refunds', middleware: [loopBreaker({ maxRepeats: 1 })] });
    const repeat = (id: string) => toolTurn([{ id, tool: 'issue_refund', input: { orderId: 'A1', amount: 10 } }]);
    const model = new MockLanguageModelV3({ doGenerate: [repeat('c1'), repeat('c2'), repeat('c3'), textTurn('never reached')] });

    const loop = warden.run({}, () => generateText({ model, tools: wardenTools(warden, refundTools()), prompt: 'refund', stopWhen: stepCountIs(10) }));

    await expect(loop).rejects.toBeInstanceOf(LoopDetectedError);
    expect(model.doGenerateCalls).toHaveLength(3);
  });

  it('ends generateText with HaltedError once the kill switch is on', async () => {
    const warden = createWarden({ agent: 'refunds' });
    const tools = wardenTools(warden, {
      issue_refund: tool({
        inputSchema: refundInput,
        execute: async () => {
          warden.halt('refund incident');
          return 'ok';
        },
      }),
    });
    const model = new MockLanguageModelV3({
      doGenerate: [toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'A1', amount: 10 } }]), toolTurn([{ id: 'c2', tool: 'issue_refund', input: { orderId: 'A2', amount: 10 } }]), textTurn('never')],
    });

    const error = await warden.run({}, () => generateText({ model: wardenModel(warden, model), tools, prompt: 'refund', stopWhen: stepCountIs(10) })).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(HaltedError);
    expect((error as HaltedError).decision).toMatchObject({ outcome: 'halt', by: 'kill-switch', reason: 'refund incident', callId: 'c2' });
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it("passes the SDK's abort signal to the tool as the call's signal", async () => {
    const controller = new AbortController();
    let callSignal: AbortSignal | undefined;
    let toolSignal: AbortSignal | undefined;
    const warden = createWarden({ agent: 'refunds', middleware: [async (call, next) => ((callSignal = call.signal), next())] });
    const tools = wardenTools(warden, {
      slow_lookup: tool({
        inputSchema: z.object({}),
        execute: (_input, { abortSignal }) => {
          toolSignal = abortSignal;
          return new Promise((_resolve, reject) => abortSignal?.addEventListener('abort', () => reject(abortSignal.reason), { once: true }));
        },
      }),
    });
    const model = new MockLanguageModelV3({
      doGenerate: async () => {
        if (callSignal) return textTurn('done');
        queueMicrotask(() => void waitForTool().then(() => controller.abort(new Error('user left'))));
        return toolTurn([{ id: 'c1', tool: 'slow_lookup', input: {} }]);
      },
    });
    const waitForTool = async () => {
      while (!toolSignal) await new Promise((resolve) => setImmediate(resolve));
    };

    const result = await warden.run({}, () => generateText({ model, tools, prompt: 'look', abortSignal: controller.signal, stopWhen: stepCountIs(1) }));

    expect(callSignal).toBe(controller.signal);
    expect(toolSignal).toBe(controller.signal);
    expect(toolSignal?.aborted).toBe(true);
    expect(result.steps[0]?.content.find((part) => part.type === 'tool-error')).toMatchObject({ toolCallId: 'c1', error: new Error('user left') });
  });

  it('streams: a denied call is a tool-error part and the stream goes on', async () => {
    const warden = createWarden({ agent: 'refunds', middleware: [refundCap] });
    const model = new MockLanguageModelV3({
      doStream: [streamTurn(toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'A1', amount: 500 } }])), streamTurn(textTurn('needs a manager'))],
    });

    const parts = await warden.run({}, async () => {
      const result = streamText({ model: wardenModel(warden, model), tools: wardenTools(warden, refundTools()), prompt: 'refund', stopWhen: stepCountIs(5) });
      const seen: Array<{ type: string; error?: unknown; text?: string }> = [];
      for await (const part of result.fullStream) seen.push(part);
      return seen;
    });

    const toolError = parts.find((part) => part.type === 'tool-error');
    expect(toolError?.error).toBeInstanceOf(PolicyDeniedError);
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => part.text).join('')).toBe('needs a manager');
  });

  it('streams: a loop halt ends the stream with an error part holding the typed error', async () => {
    const warden = createWarden({ agent: 'refunds', middleware: [loopBreaker({ maxRepeats: 1 })] });
    const repeat = (id: string) => streamTurn(toolTurn([{ id, tool: 'issue_refund', input: { orderId: 'A1', amount: 10 } }]));
    const model = new MockLanguageModelV3({ doStream: [repeat('c1'), repeat('c2'), repeat('c3')] });
    const errors: unknown[] = [];

    await warden.run({}, async () => {
      const result = streamText({ model: wardenModel(warden, model), tools: wardenTools(warden, refundTools()), prompt: 'refund', stopWhen: stepCountIs(10), onError: ({ error }) => void errors.push(error) });
      await result.consumeStream();
    });

    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(LoopDetectedError);
    expect(model.doStreamCalls).toHaveLength(2);
  });

  it('guards a ToolLoopAgent the same way', async () => {
    const seen: string[] = [];
    const recorded: number[] = [];
    const warden = createWarden({ agent: 'refunds', middleware: [refundCap, async (call, next) => (seen.push(call.callId), next())] });
    warden.on('usage', (settled) => recorded.push(settled.inputTokens));
    const model = new MockLanguageModelV3({
      doGenerate: [toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'A1', amount: 500 } }]), toolTurn([{ id: 'c2', tool: 'lookup_order', input: { orderId: 'A1' } }]), textTurn('done')],
    });
    const agent = new ToolLoopAgent({ model: wardenModel(warden, model), tools: wardenTools(warden, refundTools()), stopWhen: stepCountIs(5) });

    const result = await warden.run({}, () => agent.generate({ prompt: 'refund A1' }));

    expect(result.steps[0]?.content.find((part) => part.type === 'tool-error')).toMatchObject({ toolCallId: 'c1', error: expect.any(PolicyDeniedError) });
    expect(seen).toEqual(['c2']);
    expect(recorded).toHaveLength(3);
    expect(result.text).toBe('done');
  });

  it('keeps the types of strictly typed tools', () => {
    const warden = createWarden({ agent: 'refunds' });
    const tools = refundTools();
    const guarded = wardenTools(warden, tools);

    expectTypeOf(guarded).toEqualTypeOf(tools);
    expectTypeOf(guarded.issue_refund.execute).toEqualTypeOf(tools.issue_refund.execute);
    expectTypeOf<Parameters<NonNullable<typeof guarded.issue_refund.execute>>[0]>().toEqualTypeOf<{ orderId: string; amount: number }>();
  });

  it.each([
    [{ onDeny: 'ignore' }, "wardenTools: `onDeny` must be 'tool-error' or 'throw', got \"ignore\""],
    [{ traits: { issue_refnd: { risk: 'high' } } }, 'wardenTools: `traits.issue_refnd` names no tool in `tools` (issue_refund, lookup_order)'],
    [{ approval: { when: true } }, 'wardenTools: `approval.when` must be a function (call) => boolean'],
  ])('rejects bad options at construction: %j', (options, message) => {
    const warden = createWarden({ agent: 'refunds' });
    expect(() => wardenTools(warden, refundTools(), options as never)).toThrow(new OptionsError(message));
  });
});
