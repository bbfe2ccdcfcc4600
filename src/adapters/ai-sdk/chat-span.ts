/**
 * The `chat {model}` span of one model call, and how it lives with the AI SDK's own
 * `experimental_telemetry`. When the host turned the SDK's telemetry on, every model call
 * already runs inside the SDK's `ai.generateText.doGenerate` / `ai.streamText.doStream`
 * span, which carries the same `gen_ai.*` attributes; in `'auto'` mode we then add no span
 * of our own, so nothing is duplicated and the SDK's spans still nest under the run's
 * `invoke_agent` span.
 */
import { trace, type Attributes, type Span } from '@opentelemetry/api';
import type { Warden } from '../../core/warden.js';
import type { ModelCallOptions, ModelFinishReason, ProviderLanguageModel } from './sdk-types.js';

/** When to open our `chat {model}` span: `'auto'` skips it inside the SDK's own model-call span. */
export type ChatSpanMode = 'auto' | 'always' | 'never';

const SDK_MODEL_CALL_SPAN = /^ai\.\w+\.do(Generate|Stream)$/;

/** True when the active span is the AI SDK's own model-call span (SDK telemetry is on). */
export function insideSdkModelSpan(): boolean {
  // The OpenTelemetry API hides span names; the SDK's span objects (sdk-trace-base) expose them.
  const name = (trace.getActiveSpan() as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && SDK_MODEL_CALL_SPAN.test(name);
}

/** Runs `fn` in a `chat {model}` span under the current run, unless `mode` says not to. */
export function withChatSpan<T>(warden: Warden, mode: ChatSpanMode, modelId: string, attributes: Attributes, fn: (span: Span | undefined) => Promise<T>): Promise<T> {
  if (mode === 'never' || (mode === 'auto' && insideSdkModelSpan())) return fn(undefined);
  return warden.traceChat(modelId, attributes, fn);
}

/** GenAI request attributes of one model call. */
export function requestAttributes(model: ProviderLanguageModel, params: ModelCallOptions, estimatedInputTokens: number): Attributes {
  const attributes: Attributes = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': model.provider,
    'gen_ai.request.model': model.modelId,
    'agentwarden.usage.estimated_input_tokens': estimatedInputTokens,
  };
  if (params.maxOutputTokens !== undefined) attributes['gen_ai.request.max_tokens'] = params.maxOutputTokens;
  if (params.temperature !== undefined) attributes['gen_ai.request.temperature'] = params.temperature;
  if (params.topP !== undefined) attributes['gen_ai.request.top_p'] = params.topP;
  if (params.topK !== undefined) attributes['gen_ai.request.top_k'] = params.topK;
  return attributes;
}

/** What a finished model call tells the span. */
export interface ModelCallOutcome {
  responseModel: string;
  responseId?: string;
  finishReason?: ModelFinishReason;
  inputTokens: number;
  outputTokens: number;
}

/** Adds the GenAI response and usage attributes to `span`. */
export function recordResponse(span: Span | undefined, outcome: ModelCallOutcome): void {
  if (!span) return;
  span.setAttributes({
    'gen_ai.response.model': outcome.responseModel,
    'gen_ai.usage.input_tokens': outcome.inputTokens,
    'gen_ai.usage.output_tokens': outcome.outputTokens,
    ...(outcome.responseId !== undefined && { 'gen_ai.response.id': outcome.responseId }),
    ...(outcome.finishReason !== undefined && { 'gen_ai.response.finish_reasons': [outcome.finishReason.unified] }),
  });
}
