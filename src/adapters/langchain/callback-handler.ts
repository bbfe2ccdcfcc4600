/**
 * `WardenCallbackHandler`: a LangChain callback handler that turns every model call it sees
 * into a `chat {model}` span under the current warden run and records the call's token
 * usage with `warden.recordUsage`, so budgets and run totals see models that are called
 * outside an agent middleware (chains, LangGraph graphs, tools that call a model), and puts
 * each turn (messages asked, message answered) on the `recorder`'s tape.
 */
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import type { Span } from '@opentelemetry/api';
import { OptionsError } from '../../core/errors.js';
import type { ReservationHandle } from '../../core/types.js';
import type { GuardedTool, Warden } from '../../core/warden.js';
import { isModelCallOwned, openChatSpan, type PendingChat } from './chat-span.js';
import { approximateEstimate, gateModelCall, type ModelCallEstimate } from './model-gate.js';
import { recordLangChainTurn } from './model-turn.js';
import { claim, release } from './run-claims.js';
import { awaitToolOutput, enterToolCall, GUARDED_BY_KEY, toolArgs, wardenKey, type OpenToolCall } from './tool-gate.js';
import { recordModelTurn } from '../../replay/model-turns.js';
import { modelNameFromStart, usageFromResult } from './usage.js';

/** Options of `WardenCallbackHandler`. */
export interface WardenCallbackHandlerOptions {
  /** The model name to charge, when the model does not report one. Defaults to the model's `ls_model_name`, `model`, or class name. */
  model?: string;
  /**
   * Enforce, not only record: before each model call, refuse it while the kill switch is on
   * (`HaltedError`) or when the budget cannot cover the estimate (`BudgetExceededError`), by
   * throwing from the start event, which LangChain re-throws to the caller with the model never
   * called; settle the reservation with the usage the response reports. Defaults to `false`
   * (record only: LangChain logs and swallows a handler's errors).
   */
  raiseError?: boolean;
  /** What to reserve before a call (with `raiseError`). Defaults to about 4 characters a token of the input. */
  estimate?: ModelCallEstimate;
}

interface OpenModelRun {
  readonly chat: PendingChat;
  readonly model: string;
  /** What the model was asked (chat models only), for the model-turn record. */
  readonly input: readonly BaseMessage[] | readonly string[];
  /** Tokens held for the call (with `raiseError`), settled or released at its end. */
  readonly reservation?: ReservationHandle;
}

/**
 * Records model usage and chat spans from LangChain callbacks. Pass it in `callbacks` of an
 * `invoke` inside `warden.run(...)`. Model calls that `wardenMiddleware` of the same warden
 * already wraps are skipped, so the two together never count a call twice. With `raiseError`
 * it also refuses a model call before it is made when the kill switch is on or the budget
 * cannot cover it.
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
  readonly #estimate: ModelCallEstimate;
  readonly #open = new Map<string, OpenModelRun>();
  readonly #openTools = new Map<string, OpenToolCall>();
  readonly #guardedTools = new Map<string, GuardedTool<unknown, unknown>>();

  /**
   * @param warden - The warden that records the usage and spans.
   * @param options - `model`: the model name to charge when the model does not report one; `raiseError`: enforce; `estimate`.
   */
  constructor(warden: Warden, options: WardenCallbackHandlerOptions = {}) {
    // Awaited handlers run inside the model call's async context, so the run is known.
    super({ _awaitHandler: true, raiseError: options.raiseError === true });
    if (typeof warden?.recordUsage !== 'function' || typeof warden.traceChat !== 'function') {
      throw new OptionsError('WardenCallbackHandler: `warden` must be a warden from createWarden()');
    }
    if (options.model !== undefined && (typeof options.model !== 'string' || options.model.length === 0)) {
      throw new OptionsError('WardenCallbackHandler: `model` must be a non-empty string');
    }
    if (options.raiseError !== undefined && typeof options.raiseError !== 'boolean') throw new OptionsError('WardenCallbackHandler: `raiseError` must be a boolean');
    if (options.estimate !== undefined && typeof options.estimate !== 'function') throw new OptionsError('WardenCallbackHandler: `estimate` must be a function (input, model) => UsageEstimate');
    this.#warden = warden;
    this.#model = options.model;
    this.#estimate = options.estimate ?? approximateEstimate;
  }

  /** The handler keeps per-run state; LangChain copies of it share that state. */
  override copy(): this {
    return this;
  }

  /** The chat span of a model run that is still open, by LangChain run id. */
  spanOf(runId: string): Span | undefined {
    return this.#open.get(runId)?.chat.span;
  }

  override async handleChatModelStart(llm: Serialized, messages: BaseMessage[][], runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>): Promise<void> {
    await this.#start(llm, messages[0] ?? [], runId, parentRunId, extraParams, metadata);
  }

  override async handleLLMStart(llm: Serialized, prompts: string[], runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>): Promise<void> {
    await this.#start(llm, prompts, runId, parentRunId, extraParams, metadata);
  }

  override async handleLLMEnd(output: LLMResult, runId: string): Promise<void> {
    const run = this.#take(runId);
    if (!run) return;
    const answer = output.generations[0]?.[0];
    const message = answer && 'message' in answer ? answer.message : answer?.text;
    if (isMessageList(run.input)) recordLangChainTurn(this.#warden, run.model, run.input, message);
    else recordModelTurnOfPrompts(this.#warden, run.model, run.input, message);
    const usage = usageFromResult(output);
    // A settlement past the limit only marks the spend: the next call's start refuses.
    await run.chat.finish({ ...(usage && { usage }), ...(run.reservation && { reservation: run.reservation }) }).catch(() => undefined);
  }

  override async handleLLMError(error: unknown, runId: string): Promise<void> {
    const run = this.#take(runId);
    await run?.chat.finish({ error, ...(run.reservation && { reservation: run.reservation }) }).catch(() => undefined);
  }

  /** With `raiseError`: a tool that is not wrapped enters the warden's chain; a refusal stops it before it runs. */
  override async handleToolStart(tool: Serialized, input: string, runId: string, _parentRunId?: string, _tags?: string[], metadata?: Record<string, unknown>, runName?: string, toolCallId?: string): Promise<void> {
    if (!this.raiseError || metadata?.[GUARDED_BY_KEY] === wardenKey(this.#warden) || !claim(this.#warden, `tool:${runId}`)) return;
    const name = runName ?? (tool as { name?: string }).name ?? (tool as { id?: string[] }).id?.at(-1) ?? 'tool';
    try {
      this.#openTools.set(runId, await enterToolCall(this.#guardedTool(name), toolArgs(input), toolCallId ?? runId));
    } catch (error) {
      release(this.#warden, `tool:${runId}`);
      throw error;
    }
  }

  override async handleToolEnd(output: unknown, runId: string): Promise<void> {
    const call = this.#takeTool(runId);
    await call?.end(output);
  }

  override async handleToolError(error: unknown, runId: string): Promise<void> {
    const call = this.#takeTool(runId);
    await call?.fail(error);
  }

  #guardedTool(name: string): GuardedTool<unknown, unknown> {
    let guarded = this.#guardedTools.get(name);
    if (!guarded) this.#guardedTools.set(name, (guarded = this.#warden.tool(name, awaitToolOutput)));
    return guarded;
  }

  async #start(llm: Serialized, input: OpenModelRun['input'], runId: string, parentRunId: string | undefined, extraParams: Record<string, unknown> | undefined, metadata: Record<string, unknown> | undefined): Promise<void> {
    // Owned by `wardenMiddleware`, or seen by another handler of this warden: counted once.
    if (isModelCallOwned(this.#warden) || !claim(this.#warden, runId)) return;
    const model = this.#model ?? modelNameFromStart(llm as { id?: string[] }, extraParams, metadata);
    // Throws the typed refusal before the span opens; LangChain re-throws it with `raiseError`.
    let reservation: ReservationHandle | undefined;
    try {
      reservation = this.raiseError ? await gateModelCall(this.#warden, model, input, this.#estimate) : undefined;
    } catch (error) {
      release(this.#warden, runId);
      throw error;
    }
    const attributes = {
      'gen_ai.request.model': model,
      'agentwarden.langchain.run_id': runId,
      ...(parentRunId !== undefined && { 'agentwarden.langchain.parent_run_id': parentRunId }),
    };
    this.#open.set(runId, { chat: openChatSpan(this.#warden, model, attributes), model, input, ...(reservation && { reservation }) });
  }

  #takeTool(runId: string): OpenToolCall | undefined {
    const call = this.#openTools.get(runId);
    this.#openTools.delete(runId);
    if (call) release(this.#warden, `tool:${runId}`);
    return call;
  }

  #take(runId: string): OpenModelRun | undefined {
    const run = this.#open.get(runId);
    this.#open.delete(runId);
    if (run) release(this.#warden, runId);
    return run;
  }
}

function isMessageList(input: OpenModelRun['input']): input is readonly BaseMessage[] {
  return input.length === 0 || typeof input[0] !== 'string';
}

/** A text model (`handleLLMStart`): its prompts and its text go on the tape as they are. */
function recordModelTurnOfPrompts(warden: Warden, model: string, prompts: readonly string[], text: unknown): void {
  recordModelTurn(warden, { model, input: [...prompts], output: text });
}
