import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { AIMessage, HumanMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { SpanStatusCode } from '@opentelemetry/api';
import { createAgent } from 'langchain';
import { afterEach, describe, expect, it } from 'vitest';
import { WardenCallbackHandler, usageFromResult, wardenMiddleware, wardenTools } from '../../src/adapters/langchain.js';
import { createWarden, OptionsError, tracing, type SettledUsage } from '../../src/index.js';
import { formatSpanTree, memoryTracing, type MemoryTracing } from '../../src/testing/index.js';
import { lookupTool, scriptedModel, type Turn } from './langchain-fixtures.js';

const ask = (text: string) => ({ messages: [new HumanMessage(text)] });
const twoLookups: Turn[] = [
  { calls: [{ name: 'lookup_order', args: { orderId: 'A1' }, id: 'c1' }], tokens: [100, 10] },
  { calls: [{ name: 'lookup_order', args: { orderId: 'B2' }, id: 'c2' }], tokens: [200, 20] },
  { answer: 'Both shipped.', tokens: [300, 30] },
];
const reported = [
  [100, 10],
  [200, 20],
  [300, 30],
];

function usageLog(warden: ReturnType<typeof createWarden>) {
  const usages: SettledUsage[] = [];
  warden.on('usage', (usage) => usages.push(usage));
  return () => usages.map((usage) => [usage.inputTokens, usage.outputTokens]);
}

let otel: MemoryTracing | undefined;
afterEach(async () => {
  await otel?.shutdown();
  otel = undefined;
});

describe('WardenCallbackHandler', () => {
  it('records the usage each model call reported', async () => {
    const warden = createWarden({ agent: 'support' });
    const usages = usageLog(warden);
    const agent = createAgent({ model: scriptedModel(twoLookups), tools: wardenTools(warden, [lookupTool().lookup]) });
    await warden.run({}, () => agent.invoke(ask('A1 and B2?'), { callbacks: [new WardenCallbackHandler(warden, { model: 'gpt-4o' })] }));
    expect(usages()).toEqual(reported);
  });

  it('counts each model call once when used together with wardenMiddleware', async () => {
    const warden = createWarden({ agent: 'support' });
    const usages = usageLog(warden);
    const agent = createAgent({ model: scriptedModel(twoLookups), tools: [lookupTool().lookup], middleware: [wardenMiddleware(warden)] });
    await warden.run({}, () => agent.invoke(ask('A1 and B2?'), { callbacks: [new WardenCallbackHandler(warden)] }));
    expect(usages()).toEqual(reported);
  });

  it('still records model calls of another warden beside the middleware', async () => {
    const guarding = createWarden({ agent: 'support' });
    const observing = createWarden({ agent: 'finance-view' });
    const usages = usageLog(observing);
    const agent = createAgent({ model: scriptedModel(twoLookups), tools: [lookupTool().lookup], middleware: [wardenMiddleware(guarding)] });
    await guarding.run({}, () => agent.invoke(ask('A1 and B2?'), { callbacks: [new WardenCallbackHandler(observing)] }));
    expect(usages()).toEqual(reported);
  });

  it('opens a chat span per model call under the run span and maps LangChain run ids to them', async () => {
    otel = memoryTracing();
    const warden = createWarden({ agent: 'support', middleware: [tracing({ tracerProvider: otel.provider })] });
    const handler = new WardenCallbackHandler(warden, { model: 'gpt-4o' });
    const langchainRunIds: string[] = [];
    const spansWhileOpen: Array<string | undefined> = [];
    const observer = BaseCallbackHandler.fromMethods({
      handleLLMEnd(_output, runId) {
        langchainRunIds.push(runId);
        spansWhileOpen.push(handler.spanOf(runId)?.spanContext().spanId);
      },
    });
    observer.awaitHandlers = true;
    const agent = createAgent({ model: scriptedModel(twoLookups), tools: wardenTools(warden, [lookupTool().lookup]) });
    await warden.run({ sessionId: 's1' }, () => agent.invoke(ask('A1 and B2?'), { callbacks: [observer, handler] }));

    expect(formatSpanTree(otel.spans(), [])).toBe(
      ['invoke_agent support', '  └─ chat gpt-4o', '  └─ execute_tool lookup_order', '  └─ chat gpt-4o', '  └─ execute_tool lookup_order', '  └─ chat gpt-4o'].join('\n'),
    );
    const chats = otel.spansNamed('chat gpt-4o');
    expect(chats.map((span) => span.attributes['agentwarden.langchain.run_id'])).toEqual(langchainRunIds);
    expect(chats.map((span) => [span.attributes['gen_ai.usage.input_tokens'], span.attributes['gen_ai.usage.output_tokens']])).toEqual(reported);
    // The observer runs first, while the handler still holds each span open.
    expect(spansWhileOpen).toEqual(chats.map((span) => span.spanContext().spanId));
  });

  it('marks the chat span failed when the model throws, and records nothing', async () => {
    otel = memoryTracing();
    const warden = createWarden({ agent: 'support', middleware: [tracing({ tracerProvider: otel.provider })] });
    const usages = usageLog(warden);
    const model = fakeModel().respond(new Error('provider overloaded'));
    await expect(warden.run({}, () => model.invoke([new HumanMessage('hi')], { callbacks: [new WardenCallbackHandler(warden, { model: 'gpt-4o' })] }))).rejects.toThrow('provider overloaded');
    const [chat] = otel.spansNamed('chat gpt-4o');
    expect(chat?.status.code).toBe(SpanStatusCode.ERROR);
    expect(usages()).toEqual([]);
  });

  it('records usage of a model called directly, outside any agent', async () => {
    const warden = createWarden({ agent: 'a' });
    const usages = usageLog(warden);
    const model = fakeModel().respond(new AIMessage({ content: 'hi', usage_metadata: { input_tokens: 7, output_tokens: 3, total_tokens: 10, input_token_details: { cache_read: 4 } } }));
    const cached: Array<number | undefined> = [];
    warden.on('usage', (usage) => cached.push(usage.cachedInputTokens));
    await warden.run({}, () => model.invoke([new HumanMessage('hi')], { callbacks: [new WardenCallbackHandler(warden)] }));
    expect(usages()).toEqual([[7, 3]]);
    expect(cached).toEqual([4]);
  });

  it.each([
    ['a non-warden', () => new WardenCallbackHandler({} as never), /`warden` must be a warden/],
    ['an empty model', () => new WardenCallbackHandler(createWarden({ agent: 'a' }), { model: '' }), /`model` must be a non-empty string/],
  ])('rejects %s at construction', (_case, build, message) => {
    expect(build).toThrow(OptionsError);
    expect(build).toThrow(message);
  });
});

describe('usageFromResult', () => {
  it('sums usage_metadata over generations', () => {
    const message = (input: number, output: number) => new AIMessage({ content: '', usage_metadata: { input_tokens: input, output_tokens: output, total_tokens: input + output } });
    expect(usageFromResult({ generations: [[{ text: '', message: message(3, 1) } as never], [{ text: '', message: message(4, 2) } as never]] })).toEqual({ inputTokens: 7, outputTokens: 3 });
  });

  it('falls back to llmOutput.tokenUsage when messages carry no usage', () => {
    expect(usageFromResult({ generations: [[{ text: 'hi' }]], llmOutput: { tokenUsage: { promptTokens: 12, completionTokens: 4, totalTokens: 16 } } })).toEqual({ inputTokens: 12, outputTokens: 4 });
  });

  it('reports nothing when the model reported nothing', () => {
    expect(usageFromResult({ generations: [[{ text: 'hi' }]] })).toBeUndefined();
  });
});
