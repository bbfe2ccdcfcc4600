/**
 * `npx tsx examples/ai-sdk.ts`: a refund agent on the Vercel AI SDK (`generateText` with
 * tools and `stopWhen`), guarded by agentwarden with two lines: `wardenTools` and
 * `wardenModel`. The model is the SDK's own `MockLanguageModelV3` playing a script, so there
 * is no key and no network. Scenes: a policy deny the model reads and recovers from, an
 * approval pause through the SDK's approval flow, a loop stop, a budget stop, and the same
 * agent on `streamText`.
 */
import { generateText, simulateReadableStream, stepCountIs, streamText, tool, type ModelMessage } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { z } from 'zod';
import { wardenModel, wardenTools } from 'agentwarden/ai-sdk';
import { createWarden, isWardenError, loopBreaker, policy, tokenBudget, tracing, type Decision, type ToolCall } from 'agentwarden';
import { formatSpanTree, memoryTracing } from 'agentwarden/testing';

const color = (code: number) => (text: string) => (process.stdout.isTTY ? `\u001b[${code}m${text}\u001b[0m` : text);
const [green, red, yellow, dim, bold] = [32, 31, 33, 2, 1].map(color) as [(t: string) => string, (t: string) => string, (t: string) => string, (t: string) => string, (t: string) => string];

// 1. The app's own AI SDK tools, unchanged.
const orders: Record<string, { total: number; status: string }> = { A1: { total: 120, status: 'delivered' }, B7: { total: 2400, status: 'delivered' } };
const tools = {
  lookup_order: tool({
    description: 'Look an order up by id',
    inputSchema: z.object({ orderId: z.string() }),
    execute: async ({ orderId }) => orders[orderId] ?? { total: 0, status: 'unknown' },
  }),
  issue_refund: tool({
    description: 'Refund an order',
    inputSchema: z.object({ orderId: z.string(), amount: z.number().positive() }),
    execute: async ({ orderId, amount }) => ({ refundId: `R-${orderId}`, amount }),
  }),
};

// 2. The warden. Spans stay in memory here; a real app passes nothing and uses its provider.
const otel = memoryTracing();
const warden = createWarden({
  agent: 'refund-agent',
  version: { prompt: 'You are a careful refund agent.', model: 'mock-model-id' },
  middleware: [
    tracing({ tracerProvider: otel.provider }),
    policy({ rules: [{ name: 'refund-cap', when: (call) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 1000, then: 'deny', reason: 'refunds over $1000 are never automatic' }] }),
    loopBreaker({ maxRepeats: 2 }),
    tokenBudget({ limits: { run: 2_000 }, pricing: { 'mock-model-id': { input: 2.5, output: 10 } } }),
  ],
});
warden.on('decision', (decision: Decision) => {
  if (decision.outcome === 'allow') return;
  const mark = decision.outcome === 'approve' ? green('approve') : red(decision.outcome.padEnd(7));
  console.log(`    ${mark} ${decision.tool} ${dim(`(${decision.callId}) by ${decision.by}: ${decision.reason}`)}`);
});

// 3. The two lines: guarded tools (refunds of $100 to $1000 wait for a person in the SDK's approval flow), a metered model.
const needsManager = (call: ToolCall) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 100 && (call.args as { amount: number }).amount <= 1000;
const guardedTools = wardenTools(warden, tools, { approval: { when: needsManager } });
const agentModel = (script: MockLanguageModelV3) => wardenModel(warden, script);

// 4. Scripted model turns.
type StreamPart = Awaited<ReturnType<MockLanguageModelV3['doStream']>>['stream'] extends ReadableStream<infer Part> ? Part : never;
type Turn = { call: [id: string, tool: string, input: unknown] } | { text: string };
function scripted(turns: Turn[]): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doGenerate: turns.map((turn) => ({
      content: 'call' in turn ? [{ type: 'tool-call' as const, toolCallId: turn.call[0], toolName: turn.call[1], input: JSON.stringify(turn.call[2]) }] : [{ type: 'text' as const, text: turn.text }],
      finishReason: 'call' in turn ? { unified: 'tool-calls' as const, raw: 'tool_calls' } : { unified: 'stop' as const, raw: 'stop' },
      usage: { inputTokens: { total: 400, noCache: 400, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 40, text: 40, reasoning: undefined } },
      warnings: [],
    })),
  });
}

function show(steps: Awaited<ReturnType<typeof generateText<typeof guardedTools>>>['steps']): void {
  for (const step of steps) {
    for (const part of step.content) {
      if (part.type === 'tool-call') console.log(`    ${dim('model →')} ${part.toolName}(${JSON.stringify(part.input)})`);
      if (part.type === 'tool-result') console.log(`    ${dim('tool  ←')} ${JSON.stringify(part.output)}`);
      if (part.type === 'tool-error') console.log(`    ${yellow('tool  ✗')} ${part.error instanceof Error ? part.error.message : String(part.error)} ${dim('(the model reads this)')}`);
      if (part.type === 'tool-approval-request') console.log(`    ${yellow('asks  ?')} approval ${part.approvalId} for ${part.toolCall.toolName}`);
      if (part.type === 'text') console.log(`    ${dim('model:')} ${part.text}`);
    }
  }
}

const scene = (title: string) => console.log(`\n${bold(title)}`);

scene('1. The model asks for too much (policy deny → tool error → the model recovers)');
await warden.run({ sessionId: 'chat-1' }, async () => {
  const model = scripted([{ call: ['c1', 'issue_refund', { orderId: 'B7', amount: 2400 }] }, { text: 'I cannot refund $2400 automatically; I have escalated to a manager.' }]);
  const result = await generateText({ model: agentModel(model), tools: guardedTools, prompt: 'Refund order B7 in full.', stopWhen: stepCountIs(5) });
  show(result.steps);
});

scene('2. A refund over $100 waits for a manager (the SDK approval flow), then runs');
await warden.run({ sessionId: 'chat-2' }, async () => {
  const model = scripted([{ call: ['c2', 'issue_refund', { orderId: 'A1', amount: 120 }] }, { text: 'Refund R-A1 of $120 issued.' }]);
  const prompt: ModelMessage[] = [{ role: 'user', content: 'Refund order A1.' }];
  const first = await generateText({ model: agentModel(model), tools: guardedTools, messages: prompt, stopWhen: stepCountIs(5) });
  show(first.steps);
  const request = first.content.find((part) => part.type === 'tool-approval-request')!;
  console.log(`    ${dim('… a manager approves in the UI (a tool-approval-response message) …')}`);
  const messages: ModelMessage[] = [...prompt, ...first.response.messages, { role: 'tool', content: [{ type: 'tool-approval-response', approvalId: request.approvalId, approved: true, reason: 'manager: ok' }] }];
  const second = await generateText({ model: agentModel(model), tools: guardedTools, messages, stopWhen: stepCountIs(5) });
  show(second.steps);
});

scene('3. The model loops (loop breaker: generateText ends with the typed error)');
await warden
  .run({ sessionId: 'chat-3' }, async () => {
    const again = (id: string): Turn => ({ call: [id, 'lookup_order', { orderId: 'A1' }] });
    const model = scripted([again('c3'), again('c4'), again('c5'), { text: 'never reached' }]);
    await generateText({ model: agentModel(model), tools: guardedTools, prompt: 'Where is A1?', stopWhen: stepCountIs(10) });
  })
  .catch((error: unknown) => console.log(`    ${red('stopped')} generateText rejected with ${isWardenError(error) ? `${error.name} (${error.code})` : String(error)}`));

scene('4. A chatty run hits its token budget (2,000 tokens a run: generateText ends with the typed error)');
await warden
  .run({ sessionId: 'chat-4' }, async () => {
    const lookups = ['A1', 'B7', 'A1x', 'B7x', 'A1y', 'B7y'].map((orderId, index): Turn => ({ call: [`c${10 + index}`, 'lookup_order', { orderId }] }));
    const model = scripted([...lookups, { text: 'never reached' }]);
    const result = await generateText({ model: agentModel(model), tools: guardedTools, prompt: 'Check every order.', maxOutputTokens: 200, stopWhen: stepCountIs(20) });
    show(result.steps);
  })
  .catch((error: unknown) => console.log(`    ${red('stopped')} ${isWardenError(error) ? `${error.name}: ${error.message}` : String(error)}`));

scene('5. The same agent, streaming (streamText)');
await warden.run({ sessionId: 'chat-5' }, async () => {
  const parts: StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...['Order A1 ', 'was delivered ', 'on time.'].map((delta): StreamPart => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: { total: 350, noCache: 350, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 9, text: 9, reasoning: undefined } } },
  ];
  const model = new MockLanguageModelV3({ doStream: { stream: simulateReadableStream({ chunks: parts, initialDelayInMs: null, chunkDelayInMs: 5 }) } });
  let recorded = '';
  warden.once('usage', (usage) => (recorded = `${usage.inputTokens} in / ${usage.outputTokens} out`));
  const result = streamText({ model: agentModel(model), tools: guardedTools, prompt: 'Where is A1?' });
  process.stdout.write(`    ${dim('model:')} `);
  for await (const delta of result.textStream) process.stdout.write(delta);
  process.stdout.write('\n');
  console.log(`    ${dim(`usage recorded from the stream's finish part: ${recorded}`)}`);
});

const spend = (await warden.costs()).total;
console.log(`\n${bold('Spend')} ${dim(`${spend.tokens} tokens in ${spend.calls} model calls, $${spend.costUsd.toFixed(4)} (priced from the model's own usage)`)}`);
console.log(`\n${bold('Spans sent to OpenTelemetry')}`);
console.log(formatSpanTree(otel.spans(), ['gen_ai.conversation.id', 'gen_ai.tool.call.id', 'gen_ai.usage.input_tokens', 'agentwarden.decision', 'error.type']));
await otel.shutdown();
