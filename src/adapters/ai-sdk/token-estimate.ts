/**
 * Token counts for budgets: a cheap estimate of a prompt before a model call (what
 * `warden.reserve` holds), and the model's reported usage after it, mapped to `UsageInput`.
 * The estimate is about four characters per token over the text the model will read,
 * which is the right order of magnitude for reservations; settlement always uses the
 * model's own counts when it reports them.
 */
import type { UsageInput } from '../../core/types.js';
import type { ModelCallOptions, ModelUsage } from './sdk-types.js';

const CHARS_PER_TOKEN = 4;
/** Role markers and separators each message costs beyond its text. */
const TOKENS_PER_MESSAGE = 4;

/** Estimated tokens of `text`. */
export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Estimated input tokens of one model call: prompt text, tool calls and results, tool definitions. */
export function estimateInputTokens(params: ModelCallOptions): number {
  let tokens = 0;
  for (const message of params.prompt) {
    tokens += TOKENS_PER_MESSAGE;
    if (typeof message.content === 'string') {
      tokens += estimateTextTokens(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') tokens += estimateTextTokens(part.text);
      else if (part.type === 'tool-call') tokens += estimateTextTokens(safeJson(part.input));
      else if (part.type === 'tool-result') tokens += estimateTextTokens(safeJson(part.output));
    }
  }
  if (params.tools?.length) tokens += estimateTextTokens(safeJson(params.tools));
  return tokens;
}

/**
 * The model's usage as `UsageInput`. A count the provider did not report falls back to
 * `fallback` (the estimate), so a silent provider is still charged rather than free.
 */
export function usageInput(model: string, usage: ModelUsage | undefined, fallback: { inputTokens: number; outputTokens: number }): UsageInput {
  const cachedInputTokens = usage?.inputTokens.cacheRead;
  return {
    model,
    inputTokens: usage?.inputTokens.total ?? fallback.inputTokens,
    outputTokens: usage?.outputTokens.total ?? fallback.outputTokens,
    ...(cachedInputTokens !== undefined && { cachedInputTokens }),
  };
}

function safeJson(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  } catch {
    return '';
  }
}
