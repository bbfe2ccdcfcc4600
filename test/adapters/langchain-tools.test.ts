import { HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { tool, type ToolRuntime } from '@langchain/core/tools';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { wardenMiddleware, wardenTool, wardenTools } from '../../src/adapters/langchain.js';
import { createWarden, OptionsError, PolicyDeniedError, policy, type CallObservation, type Middleware, type ToolCall } from '../../src/index.js';
import { lookupTool, refundTool, scriptedModel } from './langchain-fixtures.js';

const ask = (text: string) => ({ messages: [new HumanMessage(text)] });
const lastToolMessage = (messages: BaseMessage[]) => messages.filter((message): message is ToolMessage => ToolMessage.isInstance(message)).at(-1);

describe('wardenTool', () => {
  it('keeps the name, description and zod schema of the tool', () => {
    const { lookup } = lookupTool();
    const guarded = wardenTool(createWarden({ agent: 'a' }), lookup);
    expect(guarded.name).toBe('lookup_order');
    expect(guarded.description).toBe('Looks an order up by id.');
    expect(guarded.schema).toBe(lookup.schema);
  });

  it('keeps a JSON-schema tool and still checks its input', async () => {
    const schema = { type: 'object' as const, properties: { city: { type: 'string' as const } }, required: ['city'] };
    const weather = tool(async (input: unknown) => `sunny in ${(input as { city: string }).city}`, { name: 'weather', description: 'Weather by city.', schema });
    const guarded = wardenTool(createWarden({ agent: 'a' }), weather);
    expect(guarded.schema).toEqual(schema);
    await expect(guarded.invoke({ city: 'Oslo' })).resolves.toBe('sunny in Oslo');
    await expect(guarded.invoke({ town: 'Oslo' } as never)).rejects.toThrow(/did not match expected schema/);
  });

  it('runs every call of a createAgent loop through the warden chain, with the tool_call_id as callId', async () => {
    const warden = createWarden({ agent: 'support' });
    const calls: CallObservation[] = [];
    warden.on('call', (observation) => calls.push(observation));
    const { lookup, runs } = lookupTool();
    const model = scriptedModel([
      { calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'call_1' }], tokens: [10, 5] },
      { calls: [{ name: 'lookup_order', args: { orderId: 'B2' }, id: 'call_2' }], tokens: [20, 5] },
      { answer: 'Both shipped.', tokens: [30, 5] },
    ]);
    const agent = createAgent({ model, tools: wardenTools(warden, [lookup]) });
    const { result, runId } = await warden.run({ sessionId: 's1' }, async (run) => ({ result: await agent.invoke(ask('Where are A1 and B2?')), runId: run.runId }));
    expect(runs).toEqual(['A1', 'B2']);
    expect(calls.map((call) => [call.tool, call.callId, call.outcome, call.runId])).toEqual([
      ['lookup_order', 'call_1', 'ok', runId],
      ['lookup_order', 'call_2', 'ok', runId],
    ]);
    expect(lastToolMessage(result.messages)).toMatchObject({ tool_call_id: 'call_2', content: 'order B2: shipped' });
    expect(result.messages.at(-1)?.content).toBe('Both shipped.');
  });

  it("hands the run's abort signal to the guarded call", async () => {
    const controller = new AbortController();
    let abortedInsideCall: boolean | undefined;
    const spy: Middleware = async (call: ToolCall, next) => {
      try {
        return await next();
      } finally {
        abortedInsideCall = call.signal?.aborted;
      }
    };
    const warden = createWarden({ agent: 'a', middleware: [spy] });
    const cancel = tool(async () => (controller.abort(new Error('user went away')), 'cancelled'), { name: 'cancel', description: 'Cancels.', schema: z.object({}) });
    const agent = createAgent({ model: scriptedModel([{ calls: [{ name: 'cancel', args: {}, id: 'c1' }], tokens: [1, 1] }, { answer: 'ok', tokens: [1, 1] }]), tools: wardenTools(warden, [cancel]) });
    await expect(warden.run({}, () => agent.invoke(ask('cancel'), { signal: controller.signal }))).rejects.toThrow();
    expect(abortedInsideCall).toBe(true);
  });

  it('gives the original tool its LangChain runtime (tool call id, context)', async () => {
    const warden = createWarden({ agent: 'a' });
    const whoami = tool(async (_input: { q: string }, runtime: ToolRuntime) => `${runtime.toolCallId} for ${(runtime.context as { user: string }).user}`, {
      name: 'whoami',
      description: 'Says who asks.',
      schema: z.object({ q: z.string() }),
    });
    const agent = createAgent({ model: scriptedModel([{ calls: [{ name: 'whoami', args: { q: 'me' }, id: 'tc_9' }], tokens: [1, 1] }, { answer: 'ok', tokens: [1, 1] }]), tools: wardenTools(warden, [whoami]) });
    const result = await warden.run({}, () => agent.invoke(ask('who?'), { context: { user: 'ada' } }));
    expect(lastToolMessage(result.messages)?.content).toBe('tc_9 for ada');
  });

  it('turns a policy deny into an error ToolMessage the model reads, and the agent goes on', async () => {
    const warden = createWarden({ agent: 'support', middleware: [policy({ deny: ['issue_refund'] })] });
    const { refund, runs } = refundTool();
    const { lookup } = lookupTool();
    const model = scriptedModel([
      { calls: [{ name: 'issue_refund', args: { orderId: 'A1', amount: 900 }, id: 'r1' }], tokens: [10, 5] },
      { calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'l1' }], tokens: [20, 5] },
      { answer: 'I cannot refund, but A1 has shipped.', tokens: [30, 5] },
    ]);
    const agent = createAgent({ model, tools: wardenTools(warden, [refund, lookup]) });
    const result = await warden.run({}, () => agent.invoke(ask('Refund A1')));
    expect(runs).toEqual([]);
    const denied = result.messages.find((message) => ToolMessage.isInstance(message) && message.tool_call_id === 'r1') as ToolMessage;
    expect(denied.status).toBe('error');
    expect(denied.content).toMatch(/^Call refused by policy/);
    expect(model.calls[1]?.messages.some((message) => ToolMessage.isInstance(message) && message.status === 'error')).toBe(true);
    expect(result.messages.at(-1)?.content).toBe('I cannot refund, but A1 has shipped.');
  });

  it("throws the PolicyDeniedError with onDeny: 'throw'", async () => {
    const warden = createWarden({ agent: 'a', middleware: [policy({ deny: ['issue_refund'] })] });
    const guarded = wardenTool(warden, refundTool().refund, { onDeny: 'throw' });
    await expect(guarded.invoke({ id: 'r1', name: 'issue_refund', args: { orderId: 'A1', amount: 1 }, type: 'tool_call' })).rejects.toBeInstanceOf(PolicyDeniedError);
  });

  it('throws the deny of a direct call that has no tool_call_id to answer', async () => {
    const warden = createWarden({ agent: 'a', middleware: [policy({ deny: ['issue_refund'] })] });
    const guarded = wardenTool(warden, refundTool().refund);
    await expect(guarded.invoke({ orderId: 'A1', amount: 1 })).rejects.toBeInstanceOf(PolicyDeniedError);
  });

  it('answers a direct tool call with a ToolMessage carrying its id', async () => {
    const guarded = wardenTool(createWarden({ agent: 'a' }), lookupTool().lookup);
    const message = await guarded.invoke({ id: 'x1', name: 'lookup_order', args: { orderId: 'Z9' }, type: 'tool_call' });
    expect(message).toBeInstanceOf(ToolMessage);
    expect(message).toMatchObject({ tool_call_id: 'x1', content: 'order Z9: shipped', status: 'success' });
  });

  it('is not guarded a second time by wardenMiddleware of the same warden', async () => {
    const warden = createWarden({ agent: 'a' });
    let calls = 0;
    warden.on('call', () => (calls += 1));
    const { lookup } = lookupTool();
    const model = scriptedModel([{ calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'c1' }], tokens: [1, 1] }, { answer: 'ok', tokens: [1, 1] }]);
    const agent = createAgent({ model, tools: wardenTools(warden, [lookup]), middleware: [wardenMiddleware(warden)] });
    await warden.run({}, () => agent.invoke(ask('A1?')));
    expect(calls).toBe(1);
  });

  it.each([
    ['a non-tool', () => wardenTool(createWarden({ agent: 'a' }), {} as never), /`tool` must be a LangChain tool/],
    ['a bad onDeny', () => wardenTool(createWarden({ agent: 'a' }), lookupTool().lookup, { onDeny: 'ignore' as never }), /`onDeny` must be 'message' or 'throw'/],
    ['a non-array', () => wardenTools(createWarden({ agent: 'a' }), lookupTool().lookup as never), /`tools` must be an array/],
  ])('rejects %s at construction', (_case, build, message) => {
    expect(build).toThrow(OptionsError);
    expect(build).toThrow(message);
  });
});
