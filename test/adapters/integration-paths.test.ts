/**
 * Pins the claims of docs/integration-paths.md that no other adapter test pins.
 */
import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { WardenCallbackHandler, wardenTools } from '../../src/adapters/langchain.js';
import { createWarden, loopBreaker, LoopDetectedError } from '../../src/index.js';
import { lookupTool, scriptedModel } from './langchain-fixtures.js';

describe('integration paths', () => {
  it("cannot end a createAgent loop from a wrapped tool alone: LangChain's ToolNode turns the stop into a message", async () => {
    const warden = createWarden({ agent: 'support', middleware: [loopBreaker({ maxRepeats: 1 })] });
    const { lookup, runs } = lookupTool();
    const model = scriptedModel([
      { calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'c1' }], tokens: [10, 5] },
      { calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'c2' }], tokens: [10, 5] },
      { answer: 'never reached', tokens: [10, 5] },
    ]);
    const agent = createAgent({ model, tools: wardenTools(warden, [lookup]) });
    const result = await warden.run({}, () => agent.invoke({ messages: [new HumanMessage('A1?')] }));
    expect(runs).toEqual(['A1']);
    const stopped = result.messages.find((message) => ToolMessage.isInstance(message) && message.tool_call_id === 'c2') as ToolMessage;
    expect(stopped.status).toBe('error');
    expect(String(stopped.content)).toContain('LoopDetectedError');
    // The model was asked again: with LangChain, a stop ends the run only through `wardenMiddleware`.
    expect(result.messages.at(-1)?.content).toBe('never reached');
  });

  it('ends that loop with the typed stop when WardenCallbackHandler with raiseError rides along', async () => {
    const warden = createWarden({ agent: 'support', middleware: [loopBreaker({ maxRepeats: 1 })] });
    const { lookup, runs } = lookupTool();
    const model = scriptedModel([
      { calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'c1' }], tokens: [10, 5] },
      { calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'c2' }], tokens: [10, 5] },
      { answer: 'never reached', tokens: [10, 5] },
    ]);
    const agent = createAgent({ model, tools: wardenTools(warden, [lookup]) });
    const handler = new WardenCallbackHandler(warden, { raiseError: true });
    const error = await warden.run({}, () => agent.invoke({ messages: [new HumanMessage('A1?')] }, { callbacks: [handler] })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LoopDetectedError);
    expect(runs).toEqual(['A1']);
  });
});
