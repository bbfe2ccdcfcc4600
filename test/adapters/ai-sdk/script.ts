/**
 * Scripted model turns for the real `MockLanguageModelV3` from `ai/test`: what a provider
 * would return for a tool-call turn or a text turn, with exact usage to compare against.
 */
import { simulateReadableStream } from 'ai';
import type { ModelGenerateResult, ModelStreamPart, ModelStreamResult, ModelUsage } from '../../../src/adapters/ai-sdk/sdk-types.js';

/** Provider usage with the given totals (and cache reads, when given). */
export function usage(inputTokens: number, outputTokens: number, cacheRead?: number): ModelUsage {
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens - (cacheRead ?? 0), cacheRead, cacheWrite: undefined },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
  };
}

/** A scripted tool call. */
export interface ScriptedCall {
  id: string;
  tool: string;
  input: unknown;
}

/** A turn in which the model calls tools. */
export function toolTurn(calls: ScriptedCall[], turnUsage: ModelUsage = usage(100, 20)): ModelGenerateResult {
  return {
    content: calls.map((call) => ({ type: 'tool-call' as const, toolCallId: call.id, toolName: call.tool, input: JSON.stringify(call.input) })),
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage: turnUsage,
    response: { modelId: 'mock-model-2026-01', id: `resp-${calls[0]?.id ?? 'none'}` },
    warnings: [],
  };
}

/** A turn in which the model answers in text. */
export function textTurn(text: string, turnUsage: ModelUsage = usage(120, 30)): ModelGenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: turnUsage,
    response: { modelId: 'mock-model-2026-01', id: 'resp-text' },
    warnings: [],
  };
}

/** The same turns as streams, for `streamText`. */
export function streamTurn(turn: ModelGenerateResult): ModelStreamResult {
  const chunks: ModelStreamPart[] = [{ type: 'stream-start', warnings: [] }, { type: 'response-metadata', modelId: turn.response?.modelId, id: turn.response?.id }];
  for (const part of turn.content) {
    if (part.type === 'text') {
      chunks.push({ type: 'text-start', id: 't1' }, { type: 'text-delta', id: 't1', delta: part.text }, { type: 'text-end', id: 't1' });
    } else if (part.type === 'tool-call') {
      chunks.push(part);
    }
  }
  chunks.push({ type: 'finish', usage: turn.usage, finishReason: turn.finishReason });
  return { stream: simulateReadableStream({ chunks, initialDelayInMs: null, chunkDelayInMs: null }) };
}
