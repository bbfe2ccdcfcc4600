/**
 * Pins what the real @langchain/langgraph does with the siblings of a gated tool call when a
 * graph paused for approval is resumed: does a harmless tool called in the same model step
 * run again? With `createAgent` it does not (each tool call is its own task); in a hand-built
 * graph with one `ToolNode` it does (the node runs again from its start), unless the tools are
 * wrapped by `wardenTools`, which answer the second run with the recorded result.
 */
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { Command, END, interrupt, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { MemorySaver } from '@langchain/langgraph-checkpoint';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { wardenMiddleware, wardenTools, type ApprovalInterrupt } from '../../src/adapters/langchain.js';
import { approval, createWarden } from '../../src/index.js';
import { lookupTool, refundTool, scriptedModel } from './langchain-fixtures.js';

const bothInOneStep = () =>
  scriptedModel([
    {
      calls: [
        { name: 'lookup_order', args: { orderId: 'A1' }, id: 'l1' },
        { name: 'issue_refund', args: { orderId: 'A1', amount: 900 }, id: 'r1' },
      ],
      tokens: [1, 1],
    },
    { answer: 'Looked up and refunded.', tokens: [1, 1] },
  ]);

const toolMessages = (messages: BaseMessage[]) => messages.filter((message): message is ToolMessage => ToolMessage.isInstance(message)).map((message) => message.tool_call_id);

describe('LangGraph resume after an approval interrupt', () => {
  it('runs the sibling of a gated call exactly once across interrupt and resume (createAgent)', async () => {
    const warden = createWarden({ agent: 'support', middleware: [approval({ when: (call) => call.tool === 'issue_refund' })] });
    const { lookup, runs: lookups } = lookupTool();
    const { refund, runs: refunds } = refundTool();
    const agent = createAgent({ model: bothInOneStep(), tools: [lookup, refund], middleware: [wardenMiddleware(warden, { approvals: 'interrupt' })], checkpointer: new MemorySaver() });
    const thread = { configurable: { thread_id: 'claim-1' } };

    const paused = await warden.run({}, () => agent.invoke({ messages: [new HumanMessage('Look A1 up and refund it')] }, thread));
    const [pause] = (paused as { __interrupt__?: Array<{ value: ApprovalInterrupt }> }).__interrupt__ ?? [];
    expect(pause?.value).toMatchObject({ tool: 'issue_refund', callId: 'r1' });
    expect(refunds).toEqual([]);

    const resumed = await warden.run({}, () => agent.invoke(new Command({ resume: { approved: true, by: 'alice' } }), thread));
    expect(lookups).toEqual(['A1']);
    expect(refunds).toEqual([900]);
    expect(toolMessages(resumed.messages).sort()).toEqual(['l1', 'r1']);
    expect(resumed.messages.at(-1)?.content).toBe('Looked up and refunded.');
  });

  it.each([
    ['plain tools: the finished sibling runs a second time', false, ['A1', 'A1']],
    ['tools wrapped by wardenTools: the finished sibling answers from its recorded result', true, ['A1']],
  ])('resumes a hand-built StateGraph with one ToolNode, %s', async (_name, wrapped, expectedLookups) => {
    const warden = createWarden({ agent: 'support' });
    const { lookup, runs: lookups } = lookupTool();
    const refunds: number[] = [];
    // LangGraph's own human-in-the-loop: the tool itself interrupts.
    const refund = tool(
      async ({ amount }: { orderId: string; amount: number }) => {
        const verdict = interrupt<{ tool: string }, { approved: boolean }>({ tool: 'issue_refund' });
        if (!verdict.approved) return 'rejected';
        refunds.push(amount);
        return `refunded ${amount}`;
      },
      { name: 'issue_refund', description: 'Refunds an order.', schema: z.object({ orderId: z.string(), amount: z.number() }) },
    );
    const model = bothInOneStep();
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addNode('tools', new ToolNode(wrapped ? wardenTools(warden, [lookup, refund]) : [lookup, refund]))
      .addEdge(START, 'agent')
      .addConditionalEdges('agent', (state) => ((state.messages.at(-1) as AIMessage).tool_calls?.length ? 'tools' : END))
      .addEdge('tools', 'agent')
      .compile({ checkpointer: new MemorySaver() });
    const thread = { configurable: { thread_id: 'claim-2' } };

    const paused = await warden.run({}, () => graph.invoke({ messages: [new HumanMessage('Look A1 up and refund it')] }, thread));
    expect((paused as { __interrupt__?: unknown[] }).__interrupt__).toHaveLength(1);
    const lookupsAtPause = [...lookups];

    const resumed = await warden.run({}, () => graph.invoke(new Command({ resume: { approved: true } }), thread));
    expect(refunds).toEqual([900]);
    expect(toolMessages(resumed.messages).sort()).toEqual(['l1', 'r1']);
    // LangGraph re-runs the whole `tools` node on resume; createAgent (above) runs each tool call as its own task.
    expect({ atPause: lookupsAtPause, afterResume: lookups }).toEqual({ atPause: ['A1'], afterResume: expectedLookups });
  });
});
