import { AIMessage, HumanMessage, mapStoredMessagesToChatMessages, type StoredMessage } from '@langchain/core/messages';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { wardenModel, wardenTools } from '../../src/adapters/ai-sdk.js';
import { WardenCallbackHandler, wardenMiddleware } from '../../src/adapters/langchain.js';
import { createWarden, recorder } from '../../src/index.js';
import { streamTurn, textTurn, toolTurn, usage } from './ai-sdk/script.js';
import { lookupTool, scriptedModel } from './langchain-fixtures.js';

function recordedWarden() {
  const tape = recorder();
  const warden = createWarden({ agent: 'support', middleware: [tape] });
  const cassette = () => {
    const cassettes = tape.cassettes();
    expect(cassettes).toHaveLength(1);
    return cassettes[0]!;
  };
  return { warden, cassette };
}

describe('model turns from the AI SDK adapter', () => {
  it('puts every generate call of a loop on the tape: model id, prompt, answer, and its usage', async () => {
    const { warden, cassette } = recordedWarden();
    const model = new MockLanguageModelV3({
      modelId: 'mock-4o',
      doGenerate: [toolTurn([{ id: 'c1', tool: 'lookup_order', input: { orderId: 'A1' } }], usage(100, 20)), textTurn('A1 shipped.', usage(150, 10))],
    });
    const tools = wardenTools(warden, { lookup_order: tool({ inputSchema: z.object({ orderId: z.string() }), execute: async ({ orderId }) => `order ${orderId}: shipped` }) });
    await warden.run({}, () => generateText({ model: wardenModel(warden, model), tools, prompt: 'Where is A1?', stopWhen: stepCountIs(3) }));

    const { turns, model: calls } = cassette();
    expect(turns.map((turn) => turn.model)).toEqual(['mock-4o', 'mock-4o']);
    expect(turns[0]!.input).toMatchObject([{ role: 'user', content: [{ type: 'text', text: 'Where is A1?' }] }]);
    expect(turns[0]!.output).toMatchObject([{ type: 'tool-call', toolCallId: 'c1', toolName: 'lookup_order' }]);
    expect(turns[1]!.output).toMatchObject([{ type: 'text', text: 'A1 shipped.' }]);
    expect(calls.map((call) => [call.model, call.inputTokens, call.outputTokens])).toEqual([
      ['mock-4o', 100, 20],
      ['mock-4o', 150, 10],
    ]);
  });

  it('puts a streamed answer on the tape once the stream ends', async () => {
    const { warden, cassette } = recordedWarden();
    const model = new MockLanguageModelV3({ modelId: 'mock-4o', doStream: streamTurn(textTurn('Streamed answer.')) });
    await warden.run({}, async () => {
      const result = streamText({ model: wardenModel(warden, model), prompt: 'hi' });
      await result.consumeStream();
    });
    expect(cassette().turns.map((turn) => [turn.model, turn.output])).toEqual([['mock-4o', [{ type: 'text', text: 'Streamed answer.' }]]]);
  });
});

describe('model turns from the LangChain adapter', () => {
  it('puts every model call of a createAgent loop on the tape, as stored messages a replay can rebuild', async () => {
    const { warden, cassette } = recordedWarden();
    const model = scriptedModel([
      { calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'c1' }], tokens: [100, 10] },
      { answer: 'A1 shipped.', tokens: [200, 20] },
    ]);
    const agent = createAgent({ model, tools: [lookupTool().lookup], middleware: [wardenMiddleware(warden, { model: 'fake-4o' })] });
    await warden.run({}, () => agent.invoke({ messages: [new HumanMessage('Where is A1?')] }));

    const { turns, model: calls } = cassette();
    expect(turns.map((turn) => turn.model)).toEqual(['fake-4o', 'fake-4o']);
    const [answer] = mapStoredMessagesToChatMessages([turns[1]!.output as StoredMessage]);
    expect(answer).toBeInstanceOf(AIMessage);
    expect(answer!.content).toBe('A1 shipped.');
    const asked = mapStoredMessagesToChatMessages(turns[1]!.input as StoredMessage[]);
    expect(asked.map((message) => message.getType())).toEqual(['human', 'ai', 'tool']);
    expect(calls.map((call) => [call.inputTokens, call.outputTokens])).toEqual([
      [100, 10],
      [200, 20],
    ]);
  });

  it('puts a direct model.invoke seen by WardenCallbackHandler on the tape', async () => {
    const { warden, cassette } = recordedWarden();
    const model = scriptedModel([{ answer: 'Hello.', tokens: [30, 5] }]);
    await warden.run({}, () => model.invoke([new HumanMessage('hi')], { callbacks: [new WardenCallbackHandler(warden, { model: 'fake-mini' })] }));
    const { turns } = cassette();
    expect(turns.map((turn) => turn.model)).toEqual(['fake-mini']);
    expect(mapStoredMessagesToChatMessages(turns[0]!.input as StoredMessage[]).map((message) => message.content)).toEqual(['hi']);
    expect((turns[0]!.output as StoredMessage).data.content).toBe('Hello.');
  });

  it('records each model call once when the middleware and the callback handler are both attached', async () => {
    const { warden, cassette } = recordedWarden();
    const model = scriptedModel([{ answer: 'Done.', tokens: [30, 5] }]);
    const agent = createAgent({ model, tools: [], middleware: [wardenMiddleware(warden)] });
    await warden.run({}, () => agent.invoke({ messages: [new HumanMessage('hi')] }, { callbacks: [new WardenCallbackHandler(warden)] }));
    expect(cassette().turns).toHaveLength(1);
  });
});
