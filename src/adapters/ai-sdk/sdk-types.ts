/**
 * The AI SDK shapes the adapter works with, derived from `ai`'s own exported types so the
 * adapter never imports `@ai-sdk/provider` (not a dependency of ours, and hoisting is not
 * guaranteed) and follows `ai@6` if these shapes move between minor versions.
 */
import type { LanguageModelMiddleware } from 'ai';

/** What `wrapGenerate` receives from `wrapLanguageModel`. */
export type WrapGenerateOptions = Parameters<NonNullable<LanguageModelMiddleware['wrapGenerate']>>[0];

/** What `wrapStream` receives from `wrapLanguageModel`. */
export type WrapStreamOptions = Parameters<NonNullable<LanguageModelMiddleware['wrapStream']>>[0];

/** A language model in the provider specification the SDK wraps (`LanguageModelV3`). */
export type ProviderLanguageModel = WrapGenerateOptions['model'];

/** The options of one `doGenerate` / `doStream` call. */
export type ModelCallOptions = WrapGenerateOptions['params'];

/** The result of `doGenerate`. */
export type ModelGenerateResult = Awaited<ReturnType<WrapGenerateOptions['doGenerate']>>;

/** The result of `doStream`. */
export type ModelStreamResult = Awaited<ReturnType<WrapStreamOptions['doStream']>>;

/** One part of a model stream (`text-delta`, `finish`...). */
export type ModelStreamPart = ModelStreamResult['stream'] extends ReadableStream<infer Part> ? Part : never;

/** Provider-level usage: nested input/output token counts, any of which may be missing. */
export type ModelUsage = ModelGenerateResult['usage'];

/** Provider-level finish reason: `{ unified, raw }`. */
export type ModelFinishReason = ModelGenerateResult['finishReason'];
