import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateText, stepCountIs, tool, type ModelMessage } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { wardenModel, wardenTools, type WardenToolsOptions } from '../../src/adapters/ai-sdk.js';
import { auditLog, createWarden, OptionsError, tracing, type Decision, type ToolCall } from '../../src/index.js';
import { memoryTracing, type MemoryTracing } from '../../src/testing/index.js';
import { textTurn, toolTurn } from './ai-sdk/script.js';

const isLargeRefund = (call: ToolCall) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 100;

let otel: MemoryTracing;
beforeEach(() => {
  otel = memoryTracing({ global: true });
});
afterEach(async () => {
  await otel.shutdown();
});

function setup(approvalOptions: Partial<NonNullable<WardenToolsOptions['approval']>> = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'aw-sdk-approval-')), 'audit.jsonl');
  const executed: unknown[] = [];
  const decisions: Decision[] = [];
  const warden = createWarden({ agent: 'refunds', middleware: [tracing({ tracerProvider: otel.provider })], audit: auditLog({ file }) });
  warden.on('decision', (decision) => decisions.push(decision));
  const tools = wardenTools(
    warden,
    { issue_refund: tool({ inputSchema: z.object({ orderId: z.string(), amount: z.number() }), execute: async (input) => (executed.push(input), { refunded: input.amount }) }) },
    { approval: { when: isLargeRefund, ...approvalOptions } },
  );
  const model = new MockLanguageModelV3({ doGenerate: [toolTurn([{ id: 'c1', tool: 'issue_refund', input: { orderId: 'A1', amount: 500 } }]), textTurn('Understood.')] });
  return { warden, tools, model, executed, decisions, file };
}

/** Asks once, then sends the person's answer back through the SDK, as a chat UI would. */
async function askAndAnswer(context: ReturnType<typeof setup>, approved: boolean, reason: string) {
  const { warden, tools, model } = context;
  const prompt: ModelMessage[] = [{ role: 'user', content: 'refund A1 in full' }];
  const first = await warden.run({}, () => generateText({ model: wardenModel(warden, model), tools, messages: prompt }));
  const request = first.content.find((part) => part.type === 'tool-approval-request')!;
  const history: ModelMessage[] = [...prompt, ...first.response.messages, { role: 'tool', content: [{ type: 'tool-approval-response', approvalId: request.approvalId, approved, reason }] }];
  await warden.run({}, () => generateText({ model: wardenModel(warden, model), tools, messages: history, stopWhen: stepCountIs(5) }));
  return { history, approvalId: request.approvalId };
}

const auditDecisions = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; outcome?: string; by?: string; callId?: string; tool?: string })
    .filter((entry) => entry.type === 'decision');

describe('AI SDK native approvals as warden decisions', () => {
  it('records a denial in the SDK flow as a reject decision: event, span event and audit line', async () => {
    const context = setup();
    await askAndAnswer(context, false, 'too large');
    await context.warden.close();

    expect(context.executed).toEqual([]);
    expect(context.decisions.map((d) => [d.outcome, d.by, d.tool, d.callId, d.reason])).toEqual([['reject', 'ai-sdk-approval', 'issue_refund', 'c1', 'too large']]);
    const rejects = otel
      .spansNamed('invoke_agent refunds')
      .flatMap((span) => span.events)
      .filter((event) => event.name === 'agentwarden.decision' && event.attributes?.['agentwarden.decision.outcome'] === 'reject');
    expect(rejects.map((event) => event.attributes?.['agentwarden.decision.by'])).toEqual(['ai-sdk-approval']);
    expect(auditDecisions(context.file).map((entry) => [entry.outcome, entry.by, entry.tool, entry.callId])).toEqual([['reject', 'ai-sdk-approval', 'issue_refund', 'c1']]);
  });

  it('records an approval in the SDK flow as an approve decision', async () => {
    const context = setup();
    await askAndAnswer(context, true, 'manager ok');
    expect(context.executed).toEqual([{ orderId: 'A1', amount: 500 }]);
    expect(context.decisions.map((d) => [d.outcome, d.by, d.callId])).toContainEqual(['approve', 'ai-sdk-approval', 'c1']);
  });

  it('names who decided when the app says so', async () => {
    const approved = setup({ by: () => 'ana@shop' });
    await askAndAnswer(approved, true, 'fine');
    expect(approved.decisions.find((d) => d.outcome === 'approve')?.by).toBe('ana@shop');

    const denied = setup({ by: (answer) => (answer.approved ? 'ana@shop' : `bob@shop (${answer.tool})`) });
    await askAndAnswer(denied, false, 'no');
    expect(denied.decisions.map((d) => [d.outcome, d.by])).toEqual([['reject', 'bob@shop (issue_refund)']]);
  });

  it('lets wardenModel name the approver itself', async () => {
    const { warden, tools, decisions } = setup();
    const model = new MockLanguageModelV3({ doGenerate: [textTurn('ok')] });
    const history: ModelMessage[] = [
      { role: 'user', content: 'refund' },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c5', toolName: 'issue_refund', input: { orderId: 'A5', amount: 900 } }, { type: 'tool-approval-request', approvalId: 'ap5', toolCallId: 'c5' }] },
      { role: 'tool', content: [{ type: 'tool-approval-response', approvalId: 'ap5', approved: false }] },
    ];
    await warden.run({}, () => generateText({ model: wardenModel(warden, model, { approvalBy: 'carol@shop' }), tools, messages: history }));
    expect(decisions.map((d) => [d.outcome, d.by, d.callId, d.reason])).toEqual([['reject', 'carol@shop', 'c5', 'denied through the AI SDK tool approval flow']]);
  });

  it('records a denial once when the same history is sent again', async () => {
    const context = setup();
    const { history } = await askAndAnswer(context, false, 'too large');
    const again = new MockLanguageModelV3({ doGenerate: [textTurn('Still no.')] });
    await context.warden.run({}, () => generateText({ model: wardenModel(context.warden, again), tools: context.tools, messages: history }));
    expect(context.decisions.filter((d) => d.outcome === 'reject')).toHaveLength(1);
  });

  it('rejects a bad approver name at construction', () => {
    const warden = createWarden({ agent: 'a' });
    expect(() => wardenTools(warden, {}, { approval: { when: () => true, by: '' } })).toThrow(OptionsError);
    expect(() => wardenModel(warden, new MockLanguageModelV3(), { approvalBy: 42 as never })).toThrow(/`approvalBy` must be/);
  });
});
