/**
 * LangChain adapter overhead: one 10-step scripted `createAgent` run (10 tool calls, 11 model
 * calls) with agentwarden, as a ratio to the same run without it, measured side by side in
 * this process, in CPU time (wall time on a shared machine mostly measures the neighbours;
 * it is shown in the note). The model is a stateless scripted `BaseChatModel`, so the figures are the
 * cost of LangChain plus agentwarden, with no provider latency.
 */
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { tool } from '@langchain/core/tools';
import { createAgent, createMiddleware } from 'langchain';
import { z } from 'zod';
import { WardenCallbackHandler, wardenMiddleware, wardenTools } from '../src/adapters/langchain.js';
import { createWarden, loopBreaker, policy, tokenBudget, tracing, type Middleware } from '../src/index.js';
import type { BenchRow, Harness } from './harness.js';

const STEPS = 10;

/** Calls `lookup_order` until the conversation holds STEPS tool results, then answers. */
class TenStepModel extends BaseChatModel {
  _llmType(): string {
    return 'bench-scripted';
  }
  override bindTools() {
    return this.withConfig({});
  }
  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const done = messages.filter((message) => ToolMessage.isInstance(message)).length;
    const usage_metadata = { input_tokens: 400 + 50 * done, output_tokens: 20, total_tokens: 420 + 50 * done };
    const message =
      done >= STEPS
        ? new AIMessage({ content: 'All orders checked.', usage_metadata })
        : new AIMessage({ content: '', usage_metadata, tool_calls: [{ name: 'lookup_order', args: { orderId: `A${done}` }, id: `call_${done}`, type: 'tool_call' }] });
    return { generations: [{ text: '', message }] };
  }
}

const lookupOrder = tool(async ({ orderId }) => `order ${orderId}: shipped`, { name: 'lookup_order', description: 'Looks an order up.', schema: z.object({ orderId: z.string() }) });
const input = () => ({ messages: [new HumanMessage('Check my orders.')] });
// Each step is a model node, a tool node and (with the middleware) a beforeModel node.
const config = { recursionLimit: 100 };

function defaultStack(): Middleware[] {
  return [tracing(), policy({ allow: ['lookup_order'] }), loopBreaker({ maxRepeats: 3 }), tokenBudget({ limits: { run: 10_000_000 } })];
}

/** Best-of-rounds CPU and wall time per run of each case; cases interleave so load drifts hit all alike. */
async function measure(cases: Record<string, () => Promise<unknown>>, { rounds = 5, perRound = 10, warmup = 5 } = {}) {
  const best: Record<string, { cpuNs: number; wallNs: number }> = {};
  for (const [name, run] of Object.entries(cases)) {
    for (let i = 0; i < warmup; i++) await run();
    best[name] = { cpuNs: Number.POSITIVE_INFINITY, wallNs: Number.POSITIVE_INFINITY };
  }
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(cases)) {
      const cpuStart = process.cpuUsage();
      const wallStart = process.hrtime.bigint();
      for (let i = 0; i < perRound; i++) await run();
      const wallNs = Number(process.hrtime.bigint() - wallStart) / perRound;
      const cpu = process.cpuUsage(cpuStart);
      const cpuNs = ((cpu.user + cpu.system) * 1000) / perRound;
      const entry = best[name]!;
      entry.cpuNs = Math.min(entry.cpuNs, cpuNs);
      entry.wallNs = Math.min(entry.wallNs, wallNs);
    }
  }
  return best;
}

export default async function langchain(_h: Harness): Promise<BenchRow[]> {
  const plain = createAgent({ model: new TenStepModel({}), tools: [lookupOrder] });
  const warden = createWarden({ agent: 'bench-agent', middleware: defaultStack() });
  const guarded = createAgent({ model: new TenStepModel({}), tools: [lookupOrder], middleware: [wardenMiddleware(warden)] });
  const handler = new WardenCallbackHandler(warden);
  const toolsOnly = createAgent({ model: new TenStepModel({}), tools: wardenTools(warden, [lookupOrder]) });
  const quiet = BaseCallbackHandler.fromMethods({ handleLLMEnd() {} });
  // LangChain's own cost of any middleware with these hooks (beforeModel runs as a graph node).
  const noop = createMiddleware({ name: 'noop', beforeModel: async () => undefined, wrapModelCall: (request, next) => next(request), wrapToolCall: (request, next) => next(request) });
  const withNoop = createAgent({ model: new TenStepModel({}), tools: [lookupOrder], middleware: [noop] });

  const figures = await measure({
    plain: () => plain.invoke(input(), config),
    middleware: () => warden.run({ sessionId: 'bench' }, () => guarded.invoke(input(), config)),
    noopMiddleware: () => withNoop.invoke(input(), config),
    plainWithCallback: () => plain.invoke(input(), { ...config, callbacks: [quiet] }),
    toolsAndHandler: () => warden.run({ sessionId: 'bench' }, () => toolsOnly.invoke(input(), { ...config, callbacks: [handler] })),
  });
  const calls = 2 * STEPS + 1;
  const row = (name: string, key: string, base: string, note: string): BenchRow => {
    const { cpuNs, wallNs } = figures[key]!;
    const extra = (cpuNs - figures[base]!.cpuNs) / 1000 / calls;
    return { group: 'langchain', name, nsPerOp: cpuNs, ratio: cpuNs / figures[base]!.cpuNs, note: `${note}; wall ${(wallNs / 1e6).toFixed(1)} ms; ${extra >= 0 ? '+' : ''}${extra.toFixed(0)} µs CPU per model or tool call` };
  };
  return [
    row('10-step createAgent run, no agentwarden (CPU per run)', 'plain', 'plain', 'base'),
    row('same run, wardenMiddleware (tracing, policy, loopBreaker, tokenBudget)', 'middleware', 'plain', 'ratio to the plain run'),
    row('same run, a no-op createMiddleware with the same hooks', 'noopMiddleware', 'plain', 'what LangChain middleware costs alone'),
    row('same run, wardenMiddleware, against the no-op middleware', 'middleware', 'noopMiddleware', 'agentwarden\'s own share'),
    row('same run, a no-op LangChain callback handler', 'plainWithCallback', 'plain', 'what LangChain callbacks cost alone'),
    row('same run, wardenTools + WardenCallbackHandler', 'toolsAndHandler', 'plainWithCallback', 'ratio to the run with a no-op handler'),
  ];
}
