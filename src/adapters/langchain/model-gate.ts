/**
 * The gate a `WardenCallbackHandler` with `raiseError` puts before a model call: throw a stop
 * a guarded tool of the run latched (LangChain's ToolNode turned it into a message), refuse
 * while the kill switch is on, and reserve the estimated tokens so a budget that cannot cover the
 * call refuses it (`BudgetExceededError`) before the model is asked. LangChain re-throws a
 * `raiseError` handler's error from the model's start event, so `invoke`, `stream` and `batch`
 * reject with the typed warden error itself and the model is never called.
 */
import type { BaseMessage } from '@langchain/core/messages';
import { HaltedError } from '../../core/errors.js';
import type { ReservationHandle, UsageEstimate } from '../../core/types.js';
import type { Warden } from '../../core/warden.js';
import { throwStopAtBoundary } from '../ai-sdk/stop-latch.js';

/** Estimates a model call before it is made: the model, its input tokens, optionally its output tokens. */
export type ModelCallEstimate = (input: readonly BaseMessage[] | readonly string[], model: string) => UsageEstimate;

/** Refuses the call or holds its estimated tokens; the handle is settled at the call's end. */
export async function gateModelCall(warden: Warden, model: string, input: readonly BaseMessage[] | readonly string[], estimate: ModelCallEstimate): Promise<ReservationHandle> {
  // A stop a guarded tool of this run raised (budget, loop, halt) ends the loop here.
  throwStopAtBoundary(warden.currentRun());
  if (warden.halted) {
    const reason = warden.haltReason ?? 'halted';
    throw new HaltedError(warden.decide({ outcome: 'halt', by: 'kill-switch', reason, tool: 'model' }));
  }
  return warden.reserve(estimate(input, model));
}

/** About four characters a token, plus a few tokens a message: a cheap, provider-neutral guess. */
export function approximateEstimate(input: readonly BaseMessage[] | readonly string[], model: string): UsageEstimate {
  let characters = 0;
  for (const item of input) characters += typeof item === 'string' ? item.length : textLength(item.content) + 16;
  return { model, inputTokens: Math.ceil(characters / 4) };
}

function textLength(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  let length = 0;
  for (const part of content) if (typeof (part as { text?: unknown })?.text === 'string') length += (part as { text: string }).text.length;
  return length;
}
