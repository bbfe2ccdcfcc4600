/**
 * `npx tsx examples/langchain.ts`: a LangChain v1 `createAgent` support agent guarded by
 * agentwarden, driven by a scripted chat model (no key, no network). It shows a policy deny
 * the model reads and recovers from, a loop the loop breaker halts, a run that runs out of its
 * token budget, the kill switch, the token usage each model call reported and what it cost,
 * and the span tree OpenTelemetry receives.
 */
import { BaseChatModel, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { tool } from '@langchain/core/tools';
import { createAgent } from 'langchain';
import { z } from 'zod';
import { wardenMiddleware } from 'agentwarden/langchain';
import { createWarden, isWardenError, loopBreaker, policy, tokenBudget, tracing } from 'agentwarden';
import { formatSpanTree, memoryTracing } from 'agentwarden/testing';

const color = (code: number) => (text: string) => (process.stdout.isTTY ? `\u001b[${code}m${text}\u001b[0m` : text);
const [green, red, yellow, dim, bold] = [32, 31, 33, 2, 1].map(color) as [(t: string) => string, (t: string) => string, (t: string) => string, (t: string) => string, (t: string) => string];

/** One scripted model turn: tool calls to make, or a final answer; and the tokens it "used". */
type Turn = { calls: Array<{ name: string; args: Record<string, unknown> }>; tokens: [number, number] } | { answer: string; tokens: [number, number] };

/**
 * A chat model that plays a script: each call returns the next turn as an `AIMessage` with
 * tool calls (or a final answer) and `usage_metadata`, as a provider's model would.
 */
class ScriptedChatModel extends BaseChatModel {
  #turn = 0;
  constructor(private readonly script: readonly Turn[]) {
    super({});
  }
  _llmType(): string {
    return 'scripted';
  }
  /** Reported to LangSmith and to agentwarden as the model's name. */
  override getLsParams(options: this['ParsedCallOptions']) {
    return { ...super.getLsParams(options), ls_model_name: 'scripted-4o' };
  }
  /** The script already knows the tools; binding changes nothing. */
  override bindTools(_tools: BindToolsInput[]) {
    return this.withConfig({});
  }
  async _generate(_messages: BaseMessage[]): Promise<ChatResult> {
    const turn = this.script[this.#turn++] ?? { answer: '(end of script)', tokens: [0, 0] };
    const [input_tokens, output_tokens] = turn.tokens;
    const usage_metadata = { input_tokens, output_tokens, total_tokens: input_tokens + output_tokens };
    const message =
      'answer' in turn
        ? new AIMessage({ content: turn.answer, usage_metadata })
        : new AIMessage({ content: '', usage_metadata, tool_calls: turn.calls.map((call, index) => ({ ...call, id: `call_${this.#turn}_${index}`, type: 'tool_call' as const })) });
    return { generations: [{ text: typeof message.content === 'string' ? message.content : '', message }] };
  }
}

// 1. The app's LangChain tools, unchanged.
const orders: Record<string, { total: number; status: string }> = { A1: { total: 120, status: 'delivered' }, B7: { total: 2400, status: 'lost in transit' } };
const lookupOrder = tool(async ({ orderId }) => JSON.stringify(orders[orderId] ?? { status: 'unknown' }), {
  name: 'lookup_order',
  description: 'Looks an order up by id.',
  schema: z.object({ orderId: z.string() }),
});
const issueRefund = tool(async ({ orderId, amount }) => `refund R-${orderId} of $${amount} issued`, {
  name: 'issue_refund',
  description: 'Refunds an order.',
  schema: z.object({ orderId: z.string(), amount: z.number().positive() }),
});

// 2. The warden: spans in memory for the demo, a refund cap, a loop breaker, a token budget per run.
const otel = memoryTracing();
const warden = createWarden({
  agent: 'support-agent',
  version: { prompt: 'You are a careful support agent.', model: 'scripted-4o' },
  middleware: [
    tracing({ tracerProvider: otel.provider }),
    policy({ rules: [{ name: 'refund-cap', when: (call) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 1000, then: 'deny', reason: 'refunds over $1000 need a person' }] }),
    loopBreaker({ maxRepeats: 2 }),
    tokenBudget({ limits: { run: 2_000 }, pricing: { 'scripted-4o': { input: 2.5, output: 10 } } }),
  ],
});
warden.on('decision', (decision) => {
  if (decision.outcome === 'allow') return;
  console.log(`    ${red(decision.outcome.toUpperCase().padEnd(5))} ${decision.tool} ${dim(`by ${decision.by}${decision.rule ? ` (${decision.rule})` : ''}: ${decision.reason}`)}`);
});
warden.on('usage', (usage) => console.log(`    ${dim(`tokens: ${usage.model} in ${usage.inputTokens} / out ${usage.outputTokens}, $${(usage.costUsd ?? 0).toFixed(5)}`)}`));

// 3. One agent run per script, each inside warden.run so loop counters and spans see one run.
async function run(title: string, script: Turn[], sessionId: string): Promise<void> {
  console.log(`\n${bold(title)}`);
  const agent = createAgent({ model: new ScriptedChatModel(script), tools: [lookupOrder, issueRefund], middleware: [wardenMiddleware(warden)] });
  try {
    const { messages } = await warden.run({ sessionId, workflow: 'support' }, () => agent.invoke({ messages: [new HumanMessage(title)] }));
    for (const message of messages.filter((m) => ToolMessage.isInstance(m))) {
      const mark = (message as ToolMessage).status === 'error' ? yellow('✗ tool') : green('→ tool');
      console.log(`    ${mark} ${(message as ToolMessage).name}: ${String(message.content)}`);
    }
    console.log(`    ${green('answer')} ${String(messages.at(-1)?.content)}`);
  } catch (error) {
    if (!isWardenError(error)) throw error;
    console.log(`    ${red('stopped')} agent.invoke threw ${error.name} (${error.code}): ${error.decision?.reason ?? error.message}`);
  }
}

const totals = { input: 0, output: 0, costUsd: 0 };
warden.on('run', (observation) => {
  totals.input += observation.inputTokens;
  totals.output += observation.outputTokens;
  totals.costUsd += observation.costUsd;
});

await run(
  'Refund order A1',
  [
    { calls: [{ name: 'lookup_order', args: { orderId: 'A1' } }], tokens: [420, 18] },
    { calls: [{ name: 'issue_refund', args: { orderId: 'A1', amount: 120 } }], tokens: [510, 22] },
    { answer: 'Refunded $120 for A1.', tokens: [560, 12] },
  ],
  's-1',
);
await run(
  'Refund order B7 (policy deny, the model reads it and recovers)',
  [
    { calls: [{ name: 'issue_refund', args: { orderId: 'B7', amount: 2400 } }], tokens: [430, 20] },
    { answer: 'A refund of $2400 needs a person; I have opened a ticket.', tokens: [520, 25] },
  ],
  's-2',
);
await run(
  'Where is B7? (the model loops; the loop breaker halts the run)',
  Array.from({ length: 5 }, (): Turn => ({ calls: [{ name: 'lookup_order', args: { orderId: 'B7' } }], tokens: [400, 15] })),
  's-3',
);
await run(
  'Summarise every order (the run spends its 2,000-token budget)',
  [
    { calls: [{ name: 'lookup_order', args: { orderId: 'A1' } }], tokens: [700, 40] },
    { calls: [{ name: 'lookup_order', args: { orderId: 'B7' } }], tokens: [900, 60] },
    { calls: [{ name: 'lookup_order', args: { orderId: 'C3' } }], tokens: [1100, 80] },
    { answer: 'never reached', tokens: [1, 1] },
  ],
  's-4',
);
warden.on('halt', ({ reason }) => console.log(`\n    ${red('KILL SWITCH')} ${reason}`));
warden.halt('incident INC-7: refunds paused by on-call');
await run('Refund order A1 again (kill switch on)', [{ calls: [{ name: 'issue_refund', args: { orderId: 'A1', amount: 10 } }], tokens: [400, 15] }], 's-5');
warden.resume();

console.log(`\n${bold('Token usage')} ${dim('(as each model call reported it)')}: ${totals.input} in / ${totals.output} out, $${totals.costUsd.toFixed(4)}`);
console.log(`\n${bold('Spans sent to OpenTelemetry')}`);
console.log(formatSpanTree(otel.spans(), ['gen_ai.conversation.id', 'gen_ai.usage.input_tokens', 'agentwarden.decision', 'error.type']));
await otel.shutdown();
