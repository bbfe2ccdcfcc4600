/**
 * Reading what a LangChain model call reports: token usage from an `AIMessage`'s
 * `usage_metadata` or from an `LLMResult` (`usage_metadata` on each generation's message,
 * else the older `llmOutput.tokenUsage`), and the model name to charge it to.
 */
import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import type { UsageInput } from '../../core/types.js';

/** Token counts without the model name; `undefined` when the model reported none. */
export type TokenCounts = Omit<UsageInput, 'model'>;

/** Counts from an AI message's `usage_metadata`, or `undefined` when it has none. */
export function usageFromMessage(message: unknown): TokenCounts | undefined {
  const usage = (message as { usage_metadata?: Record<string, unknown> } | undefined)?.usage_metadata;
  if (typeof usage !== 'object' || usage === null) return undefined;
  const details = usage['input_token_details'] as Record<string, unknown> | undefined;
  const cached = count(details?.['cache_read']);
  return {
    inputTokens: count(usage['input_tokens']),
    outputTokens: count(usage['output_tokens']),
    ...(cached > 0 && { cachedInputTokens: cached }),
  };
}

/**
 * Counts from a finished model run: the sum of every generation's `usage_metadata`, else
 * `llmOutput.tokenUsage` (`promptTokens`/`completionTokens`), else `undefined`.
 */
export function usageFromResult(result: LLMResult): TokenCounts | undefined {
  let total: TokenCounts | undefined;
  for (const generation of result.generations.flat()) {
    const usage = usageFromMessage((generation as { message?: BaseMessage }).message);
    if (usage) total = total ? addCounts(total, usage) : usage;
  }
  if (total) return total;
  const tokenUsage = (result.llmOutput?.['tokenUsage'] ?? result.llmOutput?.['estimatedTokenUsage']) as Record<string, unknown> | undefined;
  if (typeof tokenUsage !== 'object' || tokenUsage === null) return undefined;
  return { inputTokens: count(tokenUsage['promptTokens']), outputTokens: count(tokenUsage['completionTokens']) };
}

/** The model a chat model instance calls: its LangSmith `ls_model_name`, `model`, or class name. */
export function modelNameOf(model: unknown): string {
  const candidate = model as {
    getLsParams?: (options: Record<string, unknown>) => { ls_model_name?: unknown };
    model?: unknown;
    modelName?: unknown;
    getName?: () => string;
  };
  let lsName: unknown;
  try {
    lsName = candidate.getLsParams?.({})?.ls_model_name;
  } catch {
    lsName = undefined;
  }
  return firstName(lsName, candidate.model, candidate.modelName, candidate.getName?.()) ?? 'unknown';
}

/** The model a callback's `handleChatModelStart`/`handleLLMStart` describes. */
export function modelNameFromStart(serialized: { id?: string[] } | undefined, extraParams: Record<string, unknown> | undefined, metadata: Record<string, unknown> | undefined): string {
  const invocation = extraParams?.['invocation_params'] as Record<string, unknown> | undefined;
  return firstName(metadata?.['ls_model_name'], invocation?.['model'], invocation?.['model_name'], invocation?.['modelName'], serialized?.id?.at(-1)) ?? 'unknown';
}

function firstName(...candidates: unknown[]): string | undefined {
  return candidates.find((name): name is string => typeof name === 'string' && name.length > 0);
}

function addCounts(a: TokenCounts, b: TokenCounts): TokenCounts {
  const cached = (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0);
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens, ...(cached > 0 && { cachedInputTokens: cached }) };
}

// Providers report counts as numbers; anything else (missing, NaN, negative) counts as 0.
function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
