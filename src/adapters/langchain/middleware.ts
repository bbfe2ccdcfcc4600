/**
 * `wardenMiddleware`: a LangChain v1 `createAgent` middleware that puts a warden around the
 * whole agent loop. Before each model call it reserves budget (`warden.reserve`), around it
 * it opens a `chat {model}` span, after it records the reported usage (`warden.recordUsage`)
 * and the turn (`recordModelTurn`, for the `recorder`); every tool call runs through the
 * warden's middleware chain.
 *
 * How stops reach the caller: LangChain wraps errors thrown by `wrapModelCall` in its own
 * `MiddlewareError`, but lets errors from `beforeModel` and from inside a tool pass as they
 * are. So the reservation happens in `beforeModel`, and tool calls run the chain inside the
 * tool LangChain executes; a `BudgetExceededError`, `LoopDetectedError` or `HaltedError` then
 * ends `agent.invoke` with that same typed error.
 */
import type { BaseMessage } from '@langchain/core/messages';
import type { ClientTool } from '@langchain/core/tools';
import { countTokensApproximately, createMiddleware, ToolInvocationError } from 'langchain';
import { HaltedError, isWardenError, OptionsError } from '../../core/errors.js';
import { newId } from '../../internal/ids.js';
import type { Decision, DecisionOutcome, ReservationHandle, RunInfo, UsageEstimate } from '../../core/types.js';
import type { Warden } from '../../core/warden.js';
import { awaitApprovalByInterrupt, isApprovalPending } from './approval-interrupt.js';
import { ownModelCall } from './chat-span.js';
import { recordLangChainTurn } from './model-turn.js';
import { toolErrorMessage } from './outcome.js';
import { isGuardedBy, wardenTool, type WardenGuardedTool, type WardenToolOptions } from './tools.js';
import { modelNameOf, usageFromMessage } from './usage.js';

/** Options of `wardenMiddleware`. */
export interface WardenMiddlewareOptions extends Pick<WardenToolOptions, 'onDeny'> {
  /** The model name to charge. Defaults to the model's `ls_model_name`, `model`, or class name. */
  model?: string;
  /**
   * What to reserve before a model call. Defaults to the model and an approximate count of
   * the input tokens (`countTokensApproximately` from `langchain`).
   */
  estimate?: (messages: readonly BaseMessage[], model: string | undefined) => UsageEstimate;
  /**
   * What a tool's own error (not a guard's) gives the agent. `'message'` keeps LangChain's
   * behaviour without middleware: an error `ToolMessage` the model reads. `'throw'` ends the
   * run, as LangChain does once any `wrapToolCall` middleware is present. Defaults to `'message'`.
   */
  toolErrors?: 'message' | 'throw';
  /** Traits per tool name (`source: 'untrusted'`, `risk: 'high'`, `timeoutMs`). */
  tools?: Record<string, Omit<WardenToolOptions, 'onDeny'>>;
  /**
   * How a call waiting for a person (the `approval` middleware) pauses the agent. `'throw'`:
   * `agent.invoke` ends with `ApprovalPendingError` and its ticket. `'interrupt'`: LangGraph's
   * `interrupt()` pauses the graph (needs a checkpointer); resume with
   * `new Command({ resume: { approved, by, reason } })`. Defaults to `'throw'`.
   */
  approvals?: 'throw' | 'interrupt';
}

/** The agent middleware `wardenMiddleware` returns. */
export type WardenAgentMiddleware = ReturnType<typeof createMiddleware>;

/**
 * A `createAgent` middleware that guards model calls (budget, chat spans, usage) and tool
 * calls (the whole warden chain). Call `agent.invoke` inside `warden.run(...)` so the loop
 * breaker, the run budget and the spans see one run.
 *
 * @param warden - The warden to apply.
 * @param options - `onDeny` (`'message'`), `toolErrors` (`'message'`), `approvals` (`'throw'`), `model`, `estimate`, `tools`.
 * @returns A LangChain agent middleware.
 * @example
 * ```ts
 * const agent = createAgent({ model, tools, middleware: [wardenMiddleware(warden)] });
 * await warden.run({ sessionId: 's1' }, () => agent.invoke({ messages: [new HumanMessage('Refund A1')] }));
 * ```
 */
export function wardenMiddleware(warden: Warden, options: WardenMiddlewareOptions = {}): WardenAgentMiddleware {
  const { model: fixedModel, estimate = defaultEstimate, toolErrors = 'message', onDeny = 'message', approvals = 'throw', tools: traitsByTool = {} } = checkOptions(warden, options);
  const guardedTools = new WeakMap<object, WardenGuardedTool>();
  // A reservation taken in `beforeModel`, waiting for the model call it was made for. One left
  // over (another middleware jumped past the model) is released by the next `beforeModel`,
  // or by `tokenBudget` when the run ends.
  const reservations = new WeakMap<RunInfo | object, ReservationHandle>();
  const outsideAnyRun = {};
  let lastModel = fixedModel;

  const runKey = () => warden.currentRun() ?? outsideAnyRun;
  const takeReservation = () => {
    const key = runKey();
    const reservation = reservations.get(key);
    reservations.delete(key);
    return reservation;
  };

  const guard = (tool: ClientTool): WardenGuardedTool => {
    let guarded = guardedTools.get(tool);
    if (!guarded) {
      guarded = wardenTool(warden, tool, { ...traitsByTool[tool.name], onDeny });
      guardedTools.set(tool, guarded);
    }
    return guarded;
  };

  return createMiddleware({
    name: 'agentwarden',
    beforeModel: async (state) => {
      await takeReservation()?.release();
      // The kill switch also spares the tokens of a model call whose tools would be refused.
      if (warden.halted) throw new HaltedError(modelDecision(warden, 'halt', 'kill-switch', warden.haltReason ?? 'halted'));
      reservations.set(runKey(), await warden.reserve(estimate(state.messages, lastModel)));
      return undefined;
    },
    wrapModelCall: async (request, handler) => {
      const model = fixedModel ?? modelNameOf(request.model);
      lastModel = model;
      // A second call within one step (a retry middleware outside ours) reserves anew.
      const reservation = takeReservation() ?? (await warden.reserve(estimate(request.messages, model)));
      let settled = false;
      try {
        return await warden.traceChat(model, { 'gen_ai.request.model': model }, async () => {
          const response = await ownModelCall(warden, async () => handler(request));
          recordLangChainTurn(warden, model, request.messages, response);
          const usage = usageFromMessage(response);
          if (usage) {
            settled = true;
            await warden.recordUsage({ model, ...usage }, reservation);
          }
          return response;
        });
      } finally {
        if (!settled) await reservation.release();
      }
    },
    wrapToolCall: async (request, handler) => {
      const tool = request.tool;
      const guardable = typeof (tool as { invoke?: unknown } | undefined)?.invoke === 'function' && !isGuardedBy(tool, warden);
      const guardedRequest = guardable ? { ...request, tool: guard(tool as ClientTool) } : request;
      const settle = (error: unknown) => {
        // Guards' errors reach here only when they must end the run (a stop, or `onDeny: 'throw'`).
        if (toolErrors === 'throw' || isWardenError(error) || !isRecoverable(error)) throw error;
        return toolErrorMessage(error, request.toolCall.name, request.toolCall.id ?? '');
      };
      try {
        return await handler(guardedRequest);
      } catch (error) {
        if (!(approvals === 'interrupt' && isApprovalPending(error) && error.decision.by === 'approval')) return settle(error);
        await awaitApprovalByInterrupt(warden, error);
        try {
          return await handler(guardedRequest);
        } catch (again) {
          return settle(again);
        }
      }
    },
  });
}

// A decision about a model call: no tool, so `tool` names the model step.
/** A decision about a model step, emitted through the warden so events, spans and audit see it. */
function modelDecision(warden: Warden, outcome: DecisionOutcome, by: string, reason: string): Decision {
  return warden.decide({ outcome, by, reason, tool: 'model' });
}

function defaultEstimate(messages: readonly BaseMessage[], model: string | undefined): UsageEstimate {
  return { ...(model !== undefined && { model }), inputTokens: countTokensApproximately([...messages]) };
}

// Interrupts (human-in-the-loop) and LangChain's own schema errors keep their usual path.
function isRecoverable(error: unknown): boolean {
  if (ToolInvocationError.isInstance(error)) return false;
  const name = (error as { name?: unknown } | undefined)?.name;
  return !(name === 'GraphInterrupt' || name === 'NodeInterrupt' || (error as { is_bubble_up?: unknown } | undefined)?.is_bubble_up === true);
}

function checkOptions(warden: Warden, options: WardenMiddlewareOptions): WardenMiddlewareOptions {
  if (typeof warden?.tool !== 'function' || typeof warden.reserve !== 'function') {
    throw new OptionsError('wardenMiddleware: `warden` must be a warden from createWarden()');
  }
  if (typeof options !== 'object' || options === null) throw new OptionsError('wardenMiddleware: options must be an object');
  const { onDeny, toolErrors, estimate, model, tools, approvals } = options;
  if (onDeny !== undefined && onDeny !== 'message' && onDeny !== 'throw') throw new OptionsError(`wardenMiddleware: \`onDeny\` must be 'message' or 'throw', got ${JSON.stringify(onDeny)}`);
  if (toolErrors !== undefined && toolErrors !== 'message' && toolErrors !== 'throw') {
    throw new OptionsError(`wardenMiddleware: \`toolErrors\` must be 'message' or 'throw', got ${JSON.stringify(toolErrors)}`);
  }
  if (approvals !== undefined && approvals !== 'throw' && approvals !== 'interrupt') {
    throw new OptionsError(`wardenMiddleware: \`approvals\` must be 'throw' or 'interrupt', got ${JSON.stringify(approvals)}`);
  }
  if (estimate !== undefined && typeof estimate !== 'function') throw new OptionsError('wardenMiddleware: `estimate` must be a function (messages, model) => UsageEstimate');
  if (model !== undefined && (typeof model !== 'string' || model.length === 0)) throw new OptionsError('wardenMiddleware: `model` must be a non-empty string');
  if (tools !== undefined && (typeof tools !== 'object' || tools === null || Array.isArray(tools))) {
    throw new OptionsError('wardenMiddleware: `tools` must be a record of tool name to traits');
  }
  return options;
}
