/**
 * `wardenModel` / `wardenMiddleware`: a `wrapLanguageModel` middleware that budgets and
 * traces every model call of an AI SDK loop. Before each `doGenerate` / `doStream` it throws
 * a stop latched by a guarded tool (so the loop ends with our typed error before spending
 * tokens) and reserves the estimated tokens; after it, it settles the model's reported usage
 * with `warden.recordUsage` (streaming: from the `finish` part) inside a `chat {model}` span
 * that is a child of the run's `invoke_agent` span, and puts the turn (prompt and answer) on
 * the `recorder`'s tape with `recordModelTurn`.
 */
import { AsyncResource } from 'node:async_hooks';
import { context, trace, type Span } from '@opentelemetry/api';
import { wrapLanguageModel, type LanguageModelMiddleware } from 'ai';
import { isWardenError, OptionsError } from '../../core/errors.js';
import type { ReservationHandle, RunInfo, UsageInput } from '../../core/types.js';
import type { Warden } from '../../core/warden.js';
import { recordModelTurn } from '../../replay/model-turns.js';
import { recordResponse, requestAttributes, withChatSpan, type ChatSpanMode } from './chat-span.js';
import type { ModelCallOptions, ModelStreamResult, ProviderLanguageModel } from './sdk-types.js';
import { recordSdkDenials, type SdkApprover } from './sdk-denials.js';
import { latchStop, LOOP_STOPPING_CODES, throwStopAtBoundary } from './stop-latch.js';
import { meterStream, type StreamSummary } from './stream-meter.js';
import { estimateInputTokens, estimateTextTokens, usageInput } from './token-estimate.js';

/** Options of `wardenModel` and `wardenMiddleware`. */
export interface WardenModelOptions {
  /**
   * When to open a `chat {model}` span: `'auto'` opens one unless the call already runs in
   * the AI SDK's own model-call span (`experimental_telemetry` on), `'always'`, `'never'`.
   * Defaults to `'auto'`.
   */
  chatSpan?: ChatSpanMode;
  /** Output tokens to reserve when a call sets no `maxOutputTokens`. Defaults to none (the budget's own default). */
  defaultOutputTokens?: number;
  /**
   * Who answered the SDK's tool approvals, on the `reject` decisions recorded for calls a
   * person denied (found in the next prompt). Defaults to the `approval.by` given to
   * `wardenTools` for the same warden, else `'ai-sdk-approval'`.
   */
  approvalBy?: SdkApprover;
}

/**
 * Wraps an AI SDK language model so every generate and stream call is budget-checked
 * before, recorded after and traced as a `chat {model}` span.
 *
 * @param warden - The warden that meters and traces the calls.
 * @param model - A provider model (`openai('gpt-4o')`, `MockLanguageModelV3`...).
 * @param options - `chatSpan`, `defaultOutputTokens`.
 * @returns A model to pass to `generateText`, `streamText` or an `Agent`.
 * @example
 * const model = wardenModel(warden, openai('gpt-4o'));
 * await warden.run({ sessionId }, () => generateText({ model, tools, prompt }));
 */
export function wardenModel(warden: Warden, model: ProviderLanguageModel, options: WardenModelOptions = {}): ProviderLanguageModel {
  return wrapLanguageModel({ model, middleware: wardenMiddleware(warden, options) });
}

/**
 * The `wrapLanguageModel` middleware behind `wardenModel`, for hosts that compose their own
 * middleware list. Put it last (closest to the model) so it reserves for the call as the
 * provider will see it, after the other middleware changed the settings.
 *
 * @param warden - The warden that meters and traces the calls.
 * @param options - `chatSpan`, `defaultOutputTokens`.
 * @returns A `LanguageModelMiddleware` for `wrapLanguageModel`.
 * @example
 * const model = wrapLanguageModel({ model: base, middleware: [defaultSettingsMiddleware({ settings: { maxOutputTokens: 1024 } }), wardenMiddleware(warden)] });
 */
export function wardenMiddleware(warden: Warden, options: WardenModelOptions = {}): LanguageModelMiddleware {
  const { chatSpan, defaultOutputTokens } = checkOptions(options);
  const { approvalBy } = options;

  async function prepare(model: ProviderLanguageModel, params: ModelCallOptions) {
    // A denial is on record even when this call is then refused.
    recordSdkDenials(warden, params.prompt, approvalBy);
    const run = warden.currentRun();
    throwStopAtBoundary(run);
    const estimatedInputTokens = estimateInputTokens(params);
    const outputTokens = params.maxOutputTokens ?? defaultOutputTokens;
    const reservation = await warden.reserve({ model: model.modelId, inputTokens: estimatedInputTokens, ...(outputTokens !== undefined && { outputTokens }) });
    return { run, estimatedInputTokens, reservation, attributes: requestAttributes(model, params, estimatedInputTokens) };
  }

  /** Settles usage; a budget stop found at settlement is latched for the next call rather than losing this response. */
  async function settle(run: RunInfo | undefined, usage: UsageInput, reservation: ReservationHandle): Promise<void> {
    try {
      await warden.recordUsage(usage, reservation);
    } catch (error) {
      if (run && isWardenError(error) && LOOP_STOPPING_CODES.has(error.code)) return latchStop(run, error);
      await reservation.release().catch(() => {});
      throw error;
    }
  }

  return {
    specificationVersion: 'v3',

    async wrapGenerate({ doGenerate, params, model }) {
      const { run, estimatedInputTokens, reservation, attributes } = await prepare(model, params);
      return withChatSpan(warden, chatSpan, model.modelId, attributes, async (span) => {
        const result = await Promise.resolve(doGenerate()).catch(releaseAndRethrow(reservation));
        const outputText = result.content.map((part) => (part.type === 'text' || part.type === 'reasoning' ? part.text : part.type === 'tool-call' ? part.input : '')).join('');
        const usage = usageInput(model.modelId, result.usage, { inputTokens: estimatedInputTokens, outputTokens: estimateTextTokens(outputText) });
        recordResponse(span, {
          responseModel: result.response?.modelId ?? model.modelId,
          ...(result.response?.id !== undefined && { responseId: result.response.id }),
          finishReason: result.finishReason,
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
        });
        recordModelTurn(warden, { model: model.modelId, input: params.prompt, output: result.content });
        await settle(run, usage, reservation);
        return result;
      });
    },

    async wrapStream({ doStream, params, model }) {
      const { run, estimatedInputTokens, reservation, attributes } = await prepare(model, params);
      return new Promise<ModelStreamResult>((handOver, fail) => {
        withChatSpan(warden, chatSpan, model.modelId, attributes, async (span) => {
          const result = await Promise.resolve(doStream()).catch(releaseAndRethrow(reservation));
          let ended!: () => void;
          const streamEnded = new Promise<void>((resolve) => (ended = resolve));
          // Stream callbacks run in the consumer's async context, maybe outside the run: come back to ours.
          const onEnd = AsyncResource.bind(async (summary: StreamSummary) => {
            try {
              const usage = usageInput(model.modelId, summary.usage, { inputTokens: estimatedInputTokens, outputTokens: estimateTextTokens(summary.outputText) });
              recordResponse(span, {
                responseModel: summary.responseModel ?? model.modelId,
                ...(summary.responseId !== undefined && { responseId: summary.responseId }),
                ...(summary.finishReason !== undefined && { finishReason: summary.finishReason }),
                inputTokens: usage.inputTokens,
                outputTokens: usage.outputTokens,
              });
              recordModelTurn(warden, { model: model.modelId, input: params.prompt, output: summary.content });
              await inSpan(span, () => settle(run, usage, reservation));
            } finally {
              ended();
            }
          });
          handOver({ ...result, stream: meterStream(result.stream, onEnd) });
          await streamEnded; // the chat span lasts as long as the stream
        }).catch(fail); // after hand-over this is a no-op: errors then travel in the stream
      });
    },
  };
}

function releaseAndRethrow(reservation: ReservationHandle) {
  return async (error: unknown): Promise<never> => {
    await reservation.release().catch(() => {});
    throw error;
  };
}

function inSpan<T>(span: Span | undefined, fn: () => Promise<T>): Promise<T> {
  return span ? context.with(trace.setSpan(context.active(), span), fn) : fn();
}

function checkOptions(options: WardenModelOptions): Required<Pick<WardenModelOptions, 'chatSpan'>> & Pick<WardenModelOptions, 'defaultOutputTokens'> {
  if (typeof options !== 'object' || options === null) throw new OptionsError('wardenModel: options must be an object');
  const { chatSpan = 'auto', defaultOutputTokens } = options;
  if (!['auto', 'always', 'never'].includes(chatSpan)) throw new OptionsError(`wardenModel: \`chatSpan\` must be 'auto', 'always' or 'never', got ${JSON.stringify(chatSpan)}`);
  if (defaultOutputTokens !== undefined && !(Number.isInteger(defaultOutputTokens) && defaultOutputTokens > 0)) {
    throw new OptionsError(`wardenModel: \`defaultOutputTokens\` must be a positive integer, got ${String(defaultOutputTokens)}`);
  }
  const { approvalBy } = options;
  if (approvalBy !== undefined && !((typeof approvalBy === 'string' && approvalBy.length > 0) || typeof approvalBy === 'function')) {
    throw new OptionsError('wardenModel: `approvalBy` must be a non-empty string or a function (answer) => string');
  }
  return { chatSpan, ...(defaultOutputTokens !== undefined && { defaultOutputTokens }) };
}
