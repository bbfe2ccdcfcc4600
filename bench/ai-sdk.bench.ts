/**
 * AI SDK adapter overhead: a 10-step `generateText` loop on the real `ai` package with its
 * `MockLanguageModelV3` (9 tool-call steps, then an answer), with and without
 * `wardenTools` + `wardenModel`. The `ratio` column is the ratio to the same loop without
 * agentwarden (like the LangChain rows). Timed in CPU time, so
 * neighbours on a busy machine do not count.
 */
import { generateText, stepCountIs, tool } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { z } from 'zod';
import { wardenModel, wardenTools } from '../src/adapters/ai-sdk.js';
import { createWarden, loopBreaker, policy, tokenBudget, tracing, type Middleware } from '../src/index.js';
import type { BenchRow, Harness } from './harness.js';

const STEPS = 10;
const usage = { inputTokens: { total: 100, noCache: 100, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 10, text: 10, reasoning: undefined } };
const tools = { lookup_order: tool({ inputSchema: z.object({ orderId: z.string() }), execute: async ({ orderId }) => ({ orderId, status: 'delivered' }) }) };

/** A fresh scripted model per loop: `STEPS - 1` tool calls, then text. */
function scriptedModel(): MockLanguageModelV3 {
  let step = 0;
  return new MockLanguageModelV3({
    doGenerate: async () => {
      step += 1;
      if (step < STEPS) {
        return { content: [{ type: 'tool-call', toolCallId: `c${step}`, toolName: 'lookup_order', input: `{"orderId":"A${step}"}` }], finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage, warnings: [] };
      }
      return { content: [{ type: 'text', text: 'All delivered.' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
    },
  });
}

async function bareLoop(): Promise<void> {
  const result = await generateText({ model: scriptedModel(), tools, prompt: 'check the orders', stopWhen: stepCountIs(STEPS) });
  if (result.steps.length !== STEPS) throw new Error(`expected ${STEPS} steps, got ${result.steps.length}`);
}

function guardedLoop(middleware: Middleware[]): () => Promise<void> {
  const warden = createWarden({ agent: 'bench-agent', middleware });
  const guardedTools = wardenTools(warden, tools);
  return () =>
    warden.run({ sessionId: 'bench' }, async () => {
      const result = await generateText({ model: wardenModel(warden, scriptedModel()), tools: guardedTools, prompt: 'check the orders', stopWhen: stepCountIs(STEPS) });
      if (result.steps.length !== STEPS) throw new Error(`expected ${STEPS} steps, got ${result.steps.length}`);
    });
}

export default async function aiSdk(h: Harness): Promise<BenchRow[]> {
  const variants: Array<{ name: string; loop: () => Promise<void> }> = [
    { name: `${STEPS}-step generateText loop, no agentwarden`, loop: bareLoop },
    { name: 'same loop, wardenTools + wardenModel, no middleware', loop: guardedLoop([]) },
    { name: 'same loop, wardenTools + wardenModel, tracing + policy + loopBreaker', loop: guardedLoop([tracing(), policy({ allow: ['lookup_order'] }), loopBreaker({ maxRepeats: 5, maxCalls: 100 })]) },
    {
      name: 'same loop, wardenTools + wardenModel, tracing + policy + loopBreaker + tokenBudget',
      loop: guardedLoop([tracing(), policy({ allow: ['lookup_order'] }), loopBreaker({ maxRepeats: 5, maxCalls: 100 }), tokenBudget({ limits: { run: 1_000_000 }, pricing: { 'mock-model-id': { input: 2.5, output: 10 } } })]),
    },
  ];
  // Interleaved rounds, best of each, in CPU time: on a busy machine wall time mostly
  // measures the neighbours; a long warm-up lets the JIT settle on every path first.
  const best = variants.map(() => Number.POSITIVE_INFINITY);
  for (const variant of variants) await cpuNsPerOp(variant.loop, 60);
  for (let round = 0; round < 5; round++) {
    for (const [index, variant] of variants.entries()) best[index] = Math.min(best[index]!, await cpuNsPerOp(variant.loop, 40));
  }
  const bareNs = best[0]!;
  return variants.map((variant, index) => ({ group: 'ai-sdk', name: variant.name, nsPerOp: best[index]!, ratio: best[index]! / bareNs, note: 'CPU time per loop; ratio to the same loop without agentwarden' }));
}

/** Mean CPU nanoseconds (user + system) per call of `fn` over `iterations` calls. */
async function cpuNsPerOp(fn: () => Promise<void>, iterations: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await fn();
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / iterations;
}
