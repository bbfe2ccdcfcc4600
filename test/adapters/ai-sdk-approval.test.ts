import { generateText, stepCountIs, tool, type ModelMessage } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { wardenModel, wardenTools } from '../../src/adapters/ai-sdk.js';
import { ApprovalPendingError } from '../../src/errors.js';
import type { Decision, ToolCall } from '../../src/types.js';
import { createWarden } from '../../src/warden.js';
import { textTurn, toolTurn } from './ai-sdk/script.js';

const isLargeRefund = (call: ToolCall) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 100;

function setup() {
  const executed: Array<{ orderId: string; amount: number }> = [];
  const decisions: Decision[] = [];
  const warden = createWarden({ agent: 'refunds' });
  warden.on('decision', (decision) => decisions.push(decision));
  const tools = wardenTools(
    warden,
    {
      issue_refund: tool({
        inputSchema: z.object({ orderId: z.string(), amount: z.number() }),
        execute: async (input) => (executed.push(input), { refunded: input.amount }),
      }),
    },
    { approval: { when: isLargeRefund } },
  );
  const model = new MockLanguageModelV3({
    doGenerate: [toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'A1', amount: 500 } }]), textTurn('Refund issued.')],
  });
  return { warden, tools, model, executed, decisions };
}

/** What a host (or a UI built on the SDK's approval parts) sends back after a person answered. */
function answer(history: ModelMessage[], approvalId: string, approved: boolean, reason: string): ModelMessage[] {
  return [...history, { role: 'tool', content: [{ type: 'tool-approval-response', approvalId, approved, reason }] }];
}

describe('wardenTools with the SDK approval flow', () => {
  it('asks through the SDK, runs the call once approved, and records the approval', async () => {
    const { warden, tools, model, executed, decisions } = setup();
    const prompt: ModelMessage[] = [{ role: 'user', content: 'refund A1 in full' }];

    const first = await warden.run({}, () => generateText({ model: wardenModel(warden, model), tools, messages: prompt, stopWhen: stepCountIs(5) }));
    const request = first.content.find((part) => part.type === 'tool-approval-request');
    expect(request).toMatchObject({ toolCall: { toolCallId: 'c1', toolName: 'issue_refund' } });
    expect(executed).toEqual([]);

    const history = answer([...prompt, ...first.response.messages], request!.approvalId, true, 'manager ok');
    const second = await warden.run({}, () => generateText({ model: wardenModel(warden, model), tools, messages: history, stopWhen: stepCountIs(5) }));

    expect(executed).toEqual([{ orderId: 'A1', amount: 500 }]);
    expect(second.text).toBe('Refund issued.');
    expect(decisions.map((d) => ({ outcome: d.outcome, by: d.by, callId: d.callId, reason: d.reason, approvalId: d.details?.approvalId }))).toEqual([
      { outcome: 'approve', by: 'ai-sdk-approval', callId: 'c1', reason: 'manager ok', approvalId: request!.approvalId },
    ]);
  });

  it('never runs a call the person rejected', async () => {
    const { warden, tools, model, executed } = setup();
    const prompt: ModelMessage[] = [{ role: 'user', content: 'refund A1 in full' }];
    const first = await warden.run({}, () => generateText({ model: wardenModel(warden, model), tools, messages: prompt }));
    const request = first.content.find((part) => part.type === 'tool-approval-request')!;

    const second = await warden.run({}, () =>
      generateText({ model: wardenModel(warden, model), tools, messages: answer([...prompt, ...first.response.messages], request.approvalId, false, 'too large'), stopWhen: stepCountIs(5) }),
    );

    expect(executed).toEqual([]);
    expect(model.doGenerateCalls.at(-1)?.prompt.at(-1)).toMatchObject({ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', output: { type: 'execution-denied', reason: 'too large' } }] });
    expect(second.text).toBe('Refund issued.');
  });

  it('lets calls the predicate does not match run without asking', async () => {
    const { warden, tools, executed } = setup();
    const model = new MockLanguageModelV3({ doGenerate: [toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'A2', amount: 20 } }]), textTurn('done')] });

    await warden.run({}, () => generateText({ model, tools, prompt: 'refund A2', stopWhen: stepCountIs(5) }));

    expect(executed).toEqual([{ orderId: 'A2', amount: 20 }]);
  });

  it('refuses a matching call that reaches execute with no approval on record', async () => {
    const { warden, tools, executed } = setup();

    const direct = warden.run({}, async () => await tools.issue_refund.execute!({ orderId: 'A1', amount: 500 }, { toolCallId: 'c9', messages: [] }));

    const error = await direct.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApprovalPendingError);
    expect((error as ApprovalPendingError).ticket).toEqual({ via: 'ai-sdk', tool: 'issue_refund', callId: 'c9' });
    expect(executed).toEqual([]);
  });
});
