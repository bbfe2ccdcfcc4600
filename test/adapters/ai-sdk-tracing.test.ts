import { generateText, stepCountIs, streamText, tool } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { wardenModel, wardenTools } from '../../src/adapters/ai-sdk.js';
import { tracing } from '../../src/tracing/tracing.js';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { memoryTracing, type MemoryTracing } from '../../src/testing/index.js';
import { createWarden } from '../../src/core/warden.js';
import { streamTurn, textTurn, toolTurn, usage } from './ai-sdk/script.js';

const lookup = tool({ description: 'Look an order up', inputSchema: z.object({ orderId: z.string() }), execute: async ({ orderId }) => ({ orderId, status: 'delivered' }) });

function twoToolTurns() {
  return [
    toolTurn([{ id: 'c1', tool: 'lookup', input: { orderId: 'A1' } }], usage(101, 11)),
    toolTurn([{ id: 'c2', tool: 'lookup', input: { orderId: 'A2' } }], usage(202, 22)),
    textTurn('Both delivered.', usage(303, 33)),
  ];
}

let otel: MemoryTracing;
beforeEach(() => {
  otel = memoryTracing({ global: true });
});
afterEach(async () => {
  await otel.shutdown();
});

describe('wardenModel and wardenTools spans', () => {
  it('nests chat and execute_tool spans under the run span', async () => {
    const warden = createWarden({ agent: 'refunds', middleware: [tracing()] });
    const model = new MockLanguageModelV3({ doGenerate: twoToolTurns() });

    await warden.run({ sessionId: 's1' }, () => generateText({ model: wardenModel(warden, model), tools: wardenTools(warden, { lookup }), prompt: 'where?', stopWhen: stepCountIs(5) }));

    expect(parentage(otel.spans())).toEqual([
      'chat mock-model-id <- invoke_agent refunds',
      'chat mock-model-id <- invoke_agent refunds',
      'chat mock-model-id <- invoke_agent refunds',
      'execute_tool lookup <- invoke_agent refunds',
      'execute_tool lookup <- invoke_agent refunds',
      'invoke_agent refunds <- (root)',
    ]);
    expect(otel.spansNamed('chat mock-model-id').map((span) => span.attributes['gen_ai.usage.input_tokens'])).toEqual([101, 202, 303]);
    expect(otel.spansNamed('execute_tool lookup').map((span) => span.attributes['gen_ai.tool.call.id'])).toEqual(['c1', 'c2']);
    const [firstChat] = otel.spansNamed('chat mock-model-id');
    expect(firstChat?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'mock-provider',
      'gen_ai.request.model': 'mock-model-id',
      'gen_ai.response.model': 'mock-model-2026-01',
      'gen_ai.response.id': 'resp-c1',
      'gen_ai.response.finish_reasons': ['tool-calls'],
      'gen_ai.usage.input_tokens': 101,
      'gen_ai.usage.output_tokens': 11,
      'gen_ai.agent.name': 'refunds',
      'gen_ai.conversation.id': 's1',
    });
  });

  it('keeps a streamed chat span open until the stream ends, with usage from the finish part', async () => {
    const warden = createWarden({ agent: 'refunds', middleware: [tracing()] });
    const model = new MockLanguageModelV3({ doStream: twoToolTurns().map(streamTurn) });

    await warden.run({}, async () => {
      const result = streamText({ model: wardenModel(warden, model), tools: wardenTools(warden, { lookup }), prompt: 'where?', stopWhen: stepCountIs(5) });
      await result.consumeStream();
    });

    const chats = otel.spansNamed('chat mock-model-id');
    expect(chats.map((span) => [span.attributes['gen_ai.usage.input_tokens'], span.attributes['gen_ai.usage.output_tokens'], span.attributes['gen_ai.response.finish_reasons']])).toEqual([
      [101, 11, ['tool-calls']],
      [202, 22, ['tool-calls']],
      [303, 33, ['stop']],
    ]);
    expect(parentage(otel.spans()).filter((line) => !line.includes('(root)'))).toEqual([
      'chat mock-model-id <- invoke_agent refunds',
      'chat mock-model-id <- invoke_agent refunds',
      'chat mock-model-id <- invoke_agent refunds',
      'execute_tool lookup <- invoke_agent refunds',
      'execute_tool lookup <- invoke_agent refunds',
    ]);
  });

  it("adds no chat span of its own inside the SDK's telemetry span, which nests under the run", async () => {
    const warden = createWarden({ agent: 'refunds', middleware: [tracing()] });
    const model = new MockLanguageModelV3({ doGenerate: twoToolTurns() });

    await warden.run({}, () =>
      generateText({ model: wardenModel(warden, model), tools: wardenTools(warden, { lookup }), prompt: 'where?', stopWhen: stepCountIs(5), experimental_telemetry: { isEnabled: true } }),
    );

    expect(otel.spansNamed('chat mock-model-id')).toEqual([]);
    expect(parentage(otel.spans())).toEqual([
      'ai.generateText <- invoke_agent refunds',
      'ai.generateText.doGenerate <- ai.generateText',
      'ai.generateText.doGenerate <- ai.generateText',
      'ai.generateText.doGenerate <- ai.generateText',
      'ai.toolCall <- ai.generateText',
      'ai.toolCall <- ai.generateText',
      'execute_tool lookup <- invoke_agent refunds',
      'execute_tool lookup <- invoke_agent refunds',
      'invoke_agent refunds <- (root)',
    ]);
    expect(otel.spansNamed('ai.generateText.doGenerate')[0]?.attributes).toMatchObject({ 'gen_ai.request.model': 'mock-model-id', 'gen_ai.usage.input_tokens': 101 });
  });

  it("opens its chat span anyway with chatSpan: 'always'", async () => {
    const warden = createWarden({ agent: 'refunds', middleware: [tracing()] });
    const model = new MockLanguageModelV3({ doGenerate: [textTurn('hi', usage(5, 1))] });

    await warden.run({}, () => generateText({ model: wardenModel(warden, model, { chatSpan: 'always' }), prompt: 'hi', experimental_telemetry: { isEnabled: true } }));

    expect(otel.spansNamed('chat mock-model-id')).toHaveLength(1);
  });
});

/** `child <- parent` for every span, sorted: the tree's shape without depending on start times. */
function parentage(spans: readonly ReadableSpan[]): string[] {
  const names = new Map(spans.map((span) => [span.spanContext().spanId, span.name]));
  return spans.map((span) => `${span.name} <- ${names.get(span.parentSpanContext?.spanId ?? '') ?? '(root)'}`).sort();
}
