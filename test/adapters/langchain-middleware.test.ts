import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { MemorySaver } from '@langchain/langgraph-checkpoint';
import { Command } from '@langchain/langgraph';
import { createAgent } from 'langchain';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WardenCallbackHandler, wardenMiddleware, type ApprovalInterrupt } from '../../src/adapters/langchain.js';
import { ApprovalPendingError, approval, BudgetExceededError, createWarden, HaltedError, tokenBudget, LoopDetectedError, loopBreaker, OptionsError, PolicyDeniedError, policy, tracing, type RunObservation, type SettledUsage } from '../../src/index.js';
import { formatSpanTree, memoryTracing, type MemoryTracing } from '../../src/testing/index.js';
import { lookupTool, refundTool, scriptedModel } from './langchain-fixtures.js';

const ask = (text: string) => ({ messages: [new HumanMessage(text)] });
const repeatLookup = (times: number) =>
  Array.from({ length: times }, (_, index) => ({ calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: `c${index + 1}` }], tokens: [10, 2] as [number, number] }));

let otel: MemoryTracing | undefined;
afterEach(async () => {
  await otel?.shutdown();
  otel = undefined;
});

describe('wardenMiddleware', () => {
  it('traces the run as invoke_agent with one chat span per model call and one execute_tool span per tool call', async () => {
    otel = memoryTracing();
    const warden = createWarden({ agent: 'support', middleware: [tracing({ tracerProvider: otel.provider }), policy({ deny: ['issue_refund'] })] });
    const model = scriptedModel([
      { calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'c1' }], tokens: [100, 10] },
      { calls: [{ name: 'issue_refund', args: { orderId: 'A1', amount: 5 }, id: 'r1' }], tokens: [200, 20] },
      { answer: 'Done.', tokens: [300, 30] },
    ]);
    const agent = createAgent({ model, tools: [lookupTool().lookup, refundTool().refund], middleware: [wardenMiddleware(warden, { model: 'gpt-4o' })] });
    // The callback handler beside the middleware must not add chat spans of its own.
    await warden.run({ sessionId: 's1' }, () => agent.invoke(ask('Refund A1'), { callbacks: [new WardenCallbackHandler(warden)] }));
    expect(formatSpanTree(otel.spans(), [])).toBe(
      [
        'invoke_agent support',
        '  └─ chat gpt-4o',
        '  └─ execute_tool lookup_order',
        '  └─ chat gpt-4o',
        '  └─ execute_tool issue_refund ✗',
        '  └─ chat gpt-4o',
      ].join('\n'),
    );
    expect(otel.spansNamed('chat gpt-4o').map((span) => span.attributes['gen_ai.usage.input_tokens'])).toEqual([100, 200, 300]);
    expect(otel.spansNamed('execute_tool issue_refund')[0]?.attributes).toMatchObject({ 'gen_ai.tool.call.id': 'r1', 'agentwarden.decision': 'deny' });
  });

  it('ends agent.invoke with LoopDetectedError when the model repeats the same call', async () => {
    const warden = createWarden({ agent: 'support', middleware: [loopBreaker({ maxRepeats: 2 })] });
    const { lookup, runs } = lookupTool();
    const model = scriptedModel([...repeatLookup(5), { answer: 'never reached', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [lookup], middleware: [wardenMiddleware(warden)] });
    const error = await warden.run({}, () => agent.invoke(ask('A1?'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LoopDetectedError);
    expect((error as LoopDetectedError).decision).toMatchObject({ tool: 'lookup_order', callId: 'c3', by: 'loopBreaker' });
    expect(runs).toEqual(['A1', 'A1']);
    expect(model.callCount).toBe(3);
  });

  it('ends agent.invoke with HaltedError and spares the next model call once the kill switch is on', async () => {
    const warden = createWarden({ agent: 'support' });
    const panic = tool(async () => (warden.halt('ops pulled the plug'), 'halting'), { name: 'panic', description: 'Stops everything.', schema: z.object({}) });
    const model = scriptedModel([{ calls: [{ name: 'panic', args: {}, id: 'p1' }], tokens: [5, 1] }, { answer: 'never reached', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [panic], middleware: [wardenMiddleware(warden)] });
    const error = await warden.run({}, () => agent.invoke(ask('stop'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HaltedError);
    expect((error as HaltedError).decision).toMatchObject({ outcome: 'halt', by: 'kill-switch', reason: 'ops pulled the plug' });
    expect(model.callCount).toBe(1);
  });

  it('refuses the first model call of an agent built while the kill switch is on, with its reason', async () => {
    const warden = createWarden({ agent: 'support' });
    warden.halt('INC-9 maintenance');
    const model = scriptedModel([{ answer: 'never reached', tokens: [1, 1] }]);
    const agent = createAgent({ model, middleware: [wardenMiddleware(warden)] });
    const error = await warden.run({}, () => agent.invoke(ask('hi'))).catch((caught: unknown) => caught);
    expect((error as HaltedError).decision).toMatchObject({ outcome: 'halt', tool: 'model', reason: 'INC-9 maintenance' });
    expect(model.callCount).toBe(0);
  });

  it('ends agent.invoke with HaltedError from a halted tool call', async () => {
    const warden = createWarden({ agent: 'support' });
    const { lookup, runs } = lookupTool();
    const model = scriptedModel(repeatLookup(1));
    const agent = createAgent({ model, tools: [lookup], middleware: [wardenMiddleware(warden)] });
    const error = await warden.run({}, async () => {
      // Halted between the model's answer and the tool call it asked for.
      warden.once('usage', () => warden.halt('incident 42'));
      return agent.invoke(ask('A1?'));
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HaltedError);
    expect((error as HaltedError).decision).toMatchObject({ tool: 'lookup_order', callId: 'c1', reason: 'incident 42' });
    expect(runs).toEqual([]);
  });

  it('resumes a stopped run from a LangGraph checkpoint, running the same tool_call_id once', async () => {
    const warden = createWarden({ agent: 'support' });
    const callIds: string[] = [];
    warden.on('call', (call) => callIds.push(`${call.callId}:${call.outcome}`));
    const { lookup, runs } = lookupTool();
    const model = scriptedModel([...repeatLookup(1), { answer: 'A1 shipped.', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [lookup], middleware: [wardenMiddleware(warden)], checkpointer: new MemorySaver() });
    const thread = { configurable: { thread_id: 'ticket-7' } };
    warden.once('usage', () => warden.halt('paused for review'));
    await expect(warden.run({}, () => agent.invoke(ask('A1?'), thread))).rejects.toBeInstanceOf(HaltedError);
    warden.resume();
    // No new input: LangGraph re-runs the failed tools step from the checkpoint.
    const result = await warden.run({}, () => agent.invoke(null as never, thread));
    expect(callIds).toEqual(['c1:blocked', 'c1:ok']);
    expect(runs).toEqual(['A1']);
    expect(model.callCount).toBe(2);
    expect(result.messages.at(-1)?.content).toBe('A1 shipped.');
  });

  it('ends agent.invoke with ApprovalPendingError; once approved, a checkpoint resume runs the same call once', async () => {
    const warden = createWarden({ agent: 'support', middleware: [approval({ when: (call) => call.tool === 'issue_refund' })] });
    const { refund, runs } = refundTool();
    const model = scriptedModel([{ calls: [{ name: 'issue_refund', args: { orderId: 'A1', amount: 900 }, id: 'r1' }], tokens: [1, 1] }, { answer: 'Refunded.', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [refund], middleware: [wardenMiddleware(warden)], checkpointer: new MemorySaver() });
    const thread = { configurable: { thread_id: 'claim-9' } };
    const pending = await warden.run({}, () => agent.invoke(ask('Refund A1'), thread)).catch((caught: unknown) => caught);
    expect(pending).toBeInstanceOf(ApprovalPendingError);
    const ticket = (pending as ApprovalPendingError).ticket as { id: string; callId: string };
    expect(ticket.callId).toBe('r1');
    expect(runs).toEqual([]);

    await warden.approvals.resolve(ticket.id, { approved: true, by: 'alice' });
    const result = await warden.run({}, () => agent.invoke(null as never, thread));
    expect(runs).toEqual([900]);
    expect(result.messages.at(-1)?.content).toBe('Refunded.');
  });

  it("pauses the graph with a LangGraph interrupt under approvals: 'interrupt', and runs the approved call once on resume", async () => {
    const warden = createWarden({ agent: 'support', middleware: [approval({ when: (call) => call.tool === 'issue_refund' })] });
    const { refund, runs } = refundTool();
    const model = scriptedModel([{ calls: [{ name: 'issue_refund', args: { orderId: 'A1', amount: 900 }, id: 'r1' }], tokens: [1, 1] }, { answer: 'Refunded.', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [refund], middleware: [wardenMiddleware(warden, { approvals: 'interrupt' })], checkpointer: new MemorySaver() });
    const thread = { configurable: { thread_id: 'claim-10' } };
    const paused = await warden.run({}, () => agent.invoke(ask('Refund A1'), thread));
    const [pause] = (paused as { __interrupt__?: Array<{ value: ApprovalInterrupt }> }).__interrupt__ ?? [];
    expect(pause?.value).toMatchObject({ type: 'agentwarden.approval', tool: 'issue_refund', callId: 'r1' });
    expect(runs).toEqual([]);

    const resumed = await warden.run({}, () => agent.invoke(new Command({ resume: { approved: true, by: 'alice' } }), thread));
    expect(runs).toEqual([900]);
    expect(resumed.messages.at(-1)?.content).toBe('Refunded.');
    expect(await warden.approvals.get(pause!.value.ticketId)).toMatchObject({ status: expect.stringMatching(/approved|executed|done/) });
  });

  it("turns a rejection given on resume into an error ToolMessage under approvals: 'interrupt'", async () => {
    const warden = createWarden({ agent: 'support', middleware: [approval({ when: (call) => call.tool === 'issue_refund' })] });
    const { refund, runs } = refundTool();
    const model = scriptedModel([{ calls: [{ name: 'issue_refund', args: { orderId: 'A1', amount: 900 }, id: 'r1' }], tokens: [1, 1] }, { answer: 'Not refunded.', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [refund], middleware: [wardenMiddleware(warden, { approvals: 'interrupt' })], checkpointer: new MemorySaver() });
    const thread = { configurable: { thread_id: 'claim-11' } };
    await warden.run({}, () => agent.invoke(ask('Refund A1'), thread));
    const resumed = await warden.run({}, () => agent.invoke(new Command({ resume: { approved: false, by: 'bob', reason: 'duplicate claim' } }), thread));
    expect(runs).toEqual([]);
    expect(resumed.messages.find((message) => ToolMessage.isInstance(message))).toMatchObject({ status: 'error', content: expect.stringContaining('duplicate claim') });
    expect(resumed.messages.at(-1)?.content).toBe('Not refunded.');
  });

  it('turns a rejected approval into an error ToolMessage the model reads', async () => {
    const warden = createWarden({ agent: 'support', middleware: [approval({ when: (call) => call.tool === 'issue_refund', approver: async () => ({ approved: false, by: 'lead', reason: 'over the limit' }) })] });
    const { refund, runs } = refundTool();
    const model = scriptedModel([{ calls: [{ name: 'issue_refund', args: { orderId: 'A1', amount: 900 }, id: 'r1' }], tokens: [1, 1] }, { answer: 'The refund was rejected.', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [refund], middleware: [wardenMiddleware(warden)] });
    const result = await warden.run({}, () => agent.invoke(ask('Refund A1')));
    expect(runs).toEqual([]);
    expect(result.messages.find((message) => ToolMessage.isInstance(message))).toMatchObject({ status: 'error', content: expect.stringContaining('over the limit') });
    expect(result.messages.at(-1)?.content).toBe('The refund was rejected.');
  });

  it('ends agent.invoke with BudgetExceededError once the run budget is spent', async () => {
    const warden = createWarden({ agent: 'support', middleware: [tokenBudget({ limits: { run: 1000 } })] });
    const usages: number[] = [];
    warden.on('usage', (usage) => usages.push(usage.inputTokens + usage.outputTokens));
    const { lookup, runs } = lookupTool();
    const model = scriptedModel([
      { calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'c1' }], tokens: [500, 100] },
      { calls: [{ name: 'lookup_order', args: { orderId: 'B2' }, id: 'c2' }], tokens: [450, 50] },
      { answer: 'never reached', tokens: [1, 1] },
    ]);
    const agent = createAgent({ model, tools: [lookup], middleware: [wardenMiddleware(warden, { model: 'gpt-4o' })] });
    const error = await warden.run({}, () => agent.invoke(ask('A1 and B2?'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).scope).toMatch(/^run/);
    expect(usages).toEqual([600, 500]);
    expect(runs).toEqual(['A1']);
    expect(model.callCount).toBe(2);
  });

  it('refuses the next model call before it is made when its reservation would overspend', async () => {
    const warden = createWarden({ agent: 'support', middleware: [tokenBudget({ limits: { run: 1000 } })] });
    const { lookup, runs } = lookupTool();
    const model = scriptedModel([{ calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'c1' }], tokens: [900, 90] }, { answer: 'never reached', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [lookup], middleware: [wardenMiddleware(warden, { model: 'gpt-4o' })] });
    const error = await warden.run({}, () => agent.invoke(ask('A1?'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).decision).toMatchObject({ tool: 'model', by: 'tokenBudget' });
    expect(runs).toEqual(['A1']);
    expect(model.callCount).toBe(1);
  });

  it('gives back the reservation of a model call that reports no usage', async () => {
    const warden = createWarden({ agent: 'a', middleware: [tokenBudget({ limits: { run: 100 } })] });
    const model = fakeModel();
    for (let i = 0; i < 2; i++) model.respond(new AIMessage({ content: '', tool_calls: [{ name: 'lookup_order', args: { orderId: `A${i}` }, id: `c${i}`, type: 'tool_call' }] }));
    model.respond(new AIMessage('done'));
    const agent = createAgent({ model, tools: [lookupTool().lookup], middleware: [wardenMiddleware(warden, { estimate: () => ({ inputTokens: 40 }) })] });
    const result = await warden.run({}, () => agent.invoke(ask('go')));
    expect(result.messages.at(-1)?.content).toBe('done');
  });

  it('records the usage every model call reported, in the run totals too', async () => {
    const warden = createWarden({ agent: 'support' });
    const usages: SettledUsage[] = [];
    const runs: RunObservation[] = [];
    warden.on('usage', (usage) => usages.push(usage));
    warden.on('run', (run) => runs.push(run));
    const { lookup } = lookupTool();
    const model = scriptedModel([
      { calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'c1' }], tokens: [120, 14] },
      { answer: 'Shipped.', tokens: [160, 9] },
    ]);
    const agent = createAgent({ model, tools: [lookup], middleware: [wardenMiddleware(warden, { model: 'gpt-4o' })] });
    await warden.run({ sessionId: 's1' }, () => agent.invoke(ask('A1?')));
    expect(usages.map(({ model: name, inputTokens, outputTokens }) => ({ name, inputTokens, outputTokens }))).toEqual([
      { name: 'gpt-4o', inputTokens: 120, outputTokens: 14 },
      { name: 'gpt-4o', inputTokens: 160, outputTokens: 9 },
    ]);
    expect(runs[0]).toMatchObject({ inputTokens: 280, outputTokens: 23, calls: 1 });
  });

  it('records usage and guards tools the same under agent.stream', async () => {
    const warden = createWarden({ agent: 'support', middleware: [policy({ deny: ['issue_refund'] })] });
    const usages: number[] = [];
    warden.on('usage', (usage) => usages.push(usage.inputTokens));
    const model = scriptedModel([{ calls: [{ name: 'issue_refund', args: { orderId: 'A1', amount: 9 }, id: 'r1' }], tokens: [11, 1] }, { answer: 'No refund.', tokens: [22, 1] }]);
    const agent = createAgent({ model, tools: [refundTool().refund], middleware: [wardenMiddleware(warden)] });
    const statuses = await warden.run({}, async () => {
      const seen: string[] = [];
      for await (const update of await agent.stream(ask('Refund A1'), { streamMode: 'updates' })) {
        for (const message of Object.values(update).flatMap((node) => (node as { messages?: unknown[] } | undefined)?.messages ?? [])) {
          if (ToolMessage.isInstance(message)) seen.push(`${message.tool_call_id}:${message.status}`);
        }
      }
      return seen;
    });
    expect(statuses).toEqual(['r1:error']);
    expect(usages).toEqual([11, 22]);
  });

  it('names the model from the chat model itself when no name is given', async () => {
    const warden = createWarden({ agent: 'a' });
    const names: string[] = [];
    warden.on('usage', (usage) => names.push(usage.model));
    const agent = createAgent({ model: scriptedModel([{ answer: 'hi', tokens: [1, 1] }]), middleware: [wardenMiddleware(warden)] });
    await warden.run({}, () => agent.invoke(ask('hello')));
    expect(names).toEqual(['FakeBuiltModel']);
  });

  it('turns a policy deny into an error ToolMessage and goes on', async () => {
    const warden = createWarden({ agent: 'support', middleware: [policy({ deny: ['issue_refund'] })] });
    const { refund, runs } = refundTool();
    const model = scriptedModel([{ calls: [{ name: 'issue_refund', args: { orderId: 'A1', amount: 900 }, id: 'r1' }], tokens: [1, 1] }, { answer: 'Refunds need a person.', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [refund], middleware: [wardenMiddleware(warden)] });
    const result = await warden.run({}, () => agent.invoke(ask('Refund A1')));
    expect(runs).toEqual([]);
    expect(result.messages.find((message) => ToolMessage.isInstance(message))).toMatchObject({ tool_call_id: 'r1', status: 'error' });
    expect(result.messages.at(-1)?.content).toBe('Refunds need a person.');
  });

  it("ends agent.invoke with the PolicyDeniedError with onDeny: 'throw'", async () => {
    const warden = createWarden({ agent: 'support', middleware: [policy({ deny: ['issue_refund'] })] });
    const model = scriptedModel([{ calls: [{ name: 'issue_refund', args: { orderId: 'A1', amount: 900 }, id: 'r1' }], tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [refundTool().refund], middleware: [wardenMiddleware(warden, { onDeny: 'throw' })] });
    await expect(warden.run({}, () => agent.invoke(ask('Refund A1')))).rejects.toBeInstanceOf(PolicyDeniedError);
  });

  it("keeps LangChain's default for a tool's own error: an error ToolMessage the model reads", async () => {
    const warden = createWarden({ agent: 'a' });
    const flaky = tool(async () => {
      throw new Error('CRM is down');
    }, { name: 'crm', description: 'Reads the CRM.', schema: z.object({}) });
    const model = scriptedModel([{ calls: [{ name: 'crm', args: {}, id: 'k1' }], tokens: [1, 1] }, { answer: 'The CRM is down.', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [flaky], middleware: [wardenMiddleware(warden)] });
    const result = await warden.run({}, () => agent.invoke(ask('CRM?')));
    expect(result.messages.find((message) => ToolMessage.isInstance(message))).toMatchObject({ status: 'error', content: 'Error: CRM is down\n Please fix your mistakes.' });
  });

  it("ends the run on a tool's own error with toolErrors: 'throw'", async () => {
    const warden = createWarden({ agent: 'a' });
    const flaky = tool(async () => {
      throw new Error('CRM is down');
    }, { name: 'crm', description: 'Reads the CRM.', schema: z.object({}) });
    const agent = createAgent({ model: scriptedModel([{ calls: [{ name: 'crm', args: {}, id: 'k1' }], tokens: [1, 1] }]), tools: [flaky], middleware: [wardenMiddleware(warden, { toolErrors: 'throw' })] });
    await expect(warden.run({}, () => agent.invoke(ask('CRM?')))).rejects.toThrow('CRM is down');
  });

  it('applies per-tool traits such as timeoutMs', async () => {
    const warden = createWarden({ agent: 'a' });
    const slow = tool(async (_input: object, config) => new Promise<string>((_resolve, reject) => config.signal?.addEventListener('abort', () => reject(config.signal?.reason))), {
      name: 'slow',
      description: 'Never answers.',
      schema: z.object({}),
    });
    const model = scriptedModel([{ calls: [{ name: 'slow', args: {}, id: 's1' }], tokens: [1, 1] }, { answer: 'It timed out.', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: [slow], middleware: [wardenMiddleware(warden, { tools: { slow: { timeoutMs: 20 } } })] });
    const result = await warden.run({}, () => agent.invoke(ask('go')));
    expect(result.messages.find((message) => ToolMessage.isInstance(message))).toMatchObject({ status: 'error', content: expect.stringMatching(/^Call refused by timeout/) });
  });

  it.each([
    ['a non-warden', () => wardenMiddleware({} as never), /`warden` must be a warden/],
    ['a bad onDeny', () => wardenMiddleware(createWarden({ agent: 'a' }), { onDeny: 'log' as never }), /`onDeny` must be 'message' or 'throw'/],
    ['a bad approvals', () => wardenMiddleware(createWarden({ agent: 'a' }), { approvals: 'ask' as never }), /`approvals` must be 'throw' or 'interrupt'/],
    ['a bad toolErrors', () => wardenMiddleware(createWarden({ agent: 'a' }), { toolErrors: 'ignore' as never }), /`toolErrors` must be 'message' or 'throw'/],
    ['a bad estimate', () => wardenMiddleware(createWarden({ agent: 'a' }), { estimate: 5 as never }), /`estimate` must be a function/],
    ['an empty model', () => wardenMiddleware(createWarden({ agent: 'a' }), { model: '' }), /`model` must be a non-empty string/],
  ])('rejects %s at construction', (_case, build, message) => {
    expect(build).toThrow(OptionsError);
    expect(build).toThrow(message);
  });
});
