/**
 * `WardenCallbackHandler`: a LangChain callback handler that turns every model call it sees
 * into a `chat {model}` span under the current warden run and records the call's token
 * usage with `warden.recordUsage`, so budgets and run totals see models that are called
 * outside an agent middleware (chains, LangGraph graphs, tools that call a model).
 */
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { LLMResult } from '@langchain/core/outputs';
import type { Span } from '@opentelemetry/api';
import { OptionsError } from '../../core/errors.js';
import type { Warden } from '../../core/warden.js';
import { isModelCallOwned, openChatSpan, type PendingChat } from './chat-span.js';
import { modelNameFromStart, usageFromResult } from './usage.js';

/** Options of `WardenCallbackHandler`. */
export interface WardenCallbackHandlerOptions {
  /** The model name to charge, when the model does not report one. Defaults to the model's `ls_model_name`, `model`, or class name. */
  model?: string;
}

interface OpenModelRun {
  readonly chat: PendingChat;
  readonly model: string;
}

/**
 * Records model usage and chat spans from LangChain callbacks. Pass it in `callbacks` of an
 * `invoke` inside `warden.run(...)`. Model calls that `wardenMiddleware` of the same warden
 * already wraps are skipped, so the two together never count a call twice.
 *
 * @example
 * ```ts
 * const handler = new WardenCallbackHandler(warden);
 * await warden.run({ sessionId }, () => chain.invoke(input, { callbacks: [handler] }));
 * ```
 */
export class WardenCallbackHandler extends BaseCallbackHandler {
  override name = 'agentwarden';
  readonly #warden: Warden;
  readonly #model: string | undefined;
  readonly #open = new Map<string, OpenModelRun>();

  /**
   * @param warden - The warden that records the usage and spans.
   * @param options - `model`: the model name to charge when the model does not report one.
   */
  constructor(warden: Warden, options: WardenCallbackHandlerOptions = {}) {
    // Awaited handlers run inside the model call's async context, so the run is known.
    super({ _awaitHandler: true });
    if (typeof warden?.recordUsage !== 'function' || typeof warden.traceChat !== 'function') {
      throw new OptionsError('WardenCallbackHandler: `warden` must be a warden from createWarden()');
    }
    if (options.model !== undefined && (typeof options.model !== 'string' || options.model.length === 0)) {
      throw new OptionsError('WardenCallbackHandler: `model` must be a non-empty string');
    }
    this.#warden = warden;
    this.#model = options.model;
  }

  /** The handler keeps per-run state; LangChain copies of it share that state. */
  override copy(): this {
    return this;
  }

  /** The chat span of a model run that is still open, by LangChain run id. */
  spanOf(runId: string): Span | undefined {
    return this.#open.get(runId)?.chat.span;
  }

  override async handleChatModelStart(llm: Serialized, _messages: unknown, runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>): Promise<void> {
    this.#start(llm, runId, parentRunId, extraParams, metadata);
  }

  override async handleLLMStart(llm: Serialized, _prompts: string[], runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>): Promise<void> {
    this.#start(llm, runId, parentRunId, extraParams, metadata);
  }

  override async handleLLMEnd(output: LLMResult, runId: string): Promise<void> {
    const run = this.#take(runId);
    if (!run) return;
    const usage = usageFromResult(output);
    await run.chat.finish(usage ? { usage } : {}).catch(() => undefined);
  }

  override async handleLLMError(error: unknown, runId: string): Promise<void> {
    await this.#take(runId)?.chat.finish({ error }).catch(() => undefined);
  }

  #start(llm: Serialized, runId: string, parentRunId: string | undefined, extraParams: Record<string, unknown> | undefined, metadata: Record<string, unknown> | undefined): void {
    if (isModelCallOwned(this.#warden)) return;
    const model = this.#model ?? modelNameFromStart(llm as { id?: string[] }, extraParams, metadata);
    const attributes = {
      'gen_ai.request.model': model,
      'agentwarden.langchain.run_id': runId,
      ...(parentRunId !== undefined && { 'agentwarden.langchain.parent_run_id': parentRunId }),
    };
    this.#open.set(runId, { chat: openChatSpan(this.#warden, model, attributes), model });
  }

  #take(runId: string): OpenModelRun | undefined {
    const run = this.#open.get(runId);
    this.#open.delete(runId);
    return run;
  }
}
