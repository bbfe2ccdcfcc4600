import { generateText, stepCountIs, tool, type ModelMessage } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { wardenModel, wardenTools } from '../../src/adapters/ai-sdk.js';
import { ApprovalPendingError, ApprovalRejectedError } from '../../src/core/errors.js';
import { approval } from '../../src/approval/approval.js';
import type { Decision, ToolCall } from '../../src/core/types.js';
import { createWarden } from '../../src/core/warden.js';
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

describe("wardenTools with the warden's approval() gate", () => {
  const refundTool = (executed: unknown[]) =>
    tool({ inputSchema: z.object({ orderId: z.string(), amount: z.number() }), execute: async (input: { orderId: string; amount: number }) => (executed.push(input), { refunded: input.amount }) });
  const largeRefund = () => new MockLanguageModelV3({ doGenerate: [toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'A1', amount: 500 } }]), textTurn('Done.')] });

  it('waits for an inline approver inside execute, and runs the call it approves', async () => {
    const executed: unknown[] = [];
    const warden = createWarden({ agent: 'refunds', middleware: [approval({ when: isLargeRefund, approver: async () => ({ approved: true, by: 'alice' }) })] });

    const result = await warden.run({}, () => generateText({ model: largeRefund(), tools: wardenTools(warden, { issue_refund: refundTool(executed) }), prompt: 'refund', stopWhen: stepCountIs(5) }));

    expect(executed).toEqual([{ orderId: 'A1', amount: 500 }]);
    expect(result.steps[0]?.toolResults[0]).toMatchObject({ toolCallId: 'c1', output: { refunded: 500 } });
  });

  it('turns a rejection into a tool error the model reads', async () => {
    const executed: unknown[] = [];
    const warden = createWarden({ agent: 'refunds', middleware: [approval({ when: isLargeRefund, approver: async () => ({ approved: false, by: 'alice', reason: 'too large' }) })] });

    const result = await warden.run({}, () => generateText({ model: largeRefund(), tools: wardenTools(warden, { issue_refund: refundTool(executed) }), prompt: 'refund', stopWhen: stepCountIs(5) }));

    expect(executed).toEqual([]);
    expect((result.steps[0]?.content.find((part) => part.type === 'tool-error') as { error: unknown }).error).toBeInstanceOf(ApprovalRejectedError);
    expect(result.text).toBe('Done.');
  });

  it('turns a pause into a tool error that carries the ticket, and the ticket waits in warden.approvals', async () => {
    const executed: unknown[] = [];
    const warden = createWarden({ agent: 'refunds', middleware: [approval({ when: isLargeRefund })] });

    const result = await warden.run({}, () => generateText({ model: largeRefund(), tools: wardenTools(warden, { issue_refund: refundTool(executed) }), prompt: 'refund', stopWhen: stepCountIs(5) }));

    const error = (result.steps[0]?.content.find((part) => part.type === 'tool-error') as { error: ApprovalPendingError }).error;
    expect(error).toBeInstanceOf(ApprovalPendingError);
    expect(error.ticket).toMatchObject({ callId: 'c1', tool: 'issue_refund', status: 'pending' });
    expect((await warden.approvals.list({ status: 'pending' })).map((ticket: { callId: string }) => ticket.callId)).toEqual(['c1']);
    expect(executed).toEqual([]);
  });

  it("resolves the gate's ticket with the answer given in the SDK's approval flow, and runs the call once", async () => {
    const executed: unknown[] = [];
    const decisions: Decision[] = [];
    const warden = createWarden({ agent: 'refunds', middleware: [approval({ when: isLargeRefund })] });
    warden.on('decision', (decision) => decisions.push(decision));
    const tools = wardenTools(warden, { issue_refund: refundTool(executed) }, { approval: { when: isLargeRefund } });
    const model = largeRefund();
    const prompt: ModelMessage[] = [{ role: 'user', content: 'refund A1 in full' }];

    const first = await warden.run({}, () => generateText({ model, tools, messages: prompt, stopWhen: stepCountIs(5) }));
    const request = first.content.find((part) => part.type === 'tool-approval-request')!;
    await warden.run({}, () => generateText({ model, tools, messages: answer([...prompt, ...first.response.messages], request.approvalId, true, 'manager ok'), stopWhen: stepCountIs(5) }));

    expect(executed).toEqual([{ orderId: 'A1', amount: 500 }]);
    expect(decisions.map((d) => [d.outcome, d.by, d.callId])).toEqual([
      ['pause', 'approval', 'c1'],
      ['approve', 'ai-sdk-approval', 'c1'],
      ['allow', 'approval', 'c1'],
    ]);
    const [ticket] = await warden.approvals.list({});
    expect(ticket).toMatchObject({ callId: 'c1', verdict: { approved: true, by: 'ai-sdk-approval', reason: 'manager ok' } });
  });
});
