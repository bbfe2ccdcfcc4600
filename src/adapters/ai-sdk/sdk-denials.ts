/**
 * Records the AI SDK's own approval answers as warden decisions. A call a person denied in
 * the SDK's flow never reaches the tool: the SDK answers it with an `execution-denied` tool
 * result in the next model prompt. `wardenModel` reads that prompt and emits a `reject`
 * decision (event, span event, audit line) once per denied call, with who decided when the
 * app says so (`wardenTools(…, { approval: { by } })` or `wardenModel(…, { approvalBy })`).
 */
import type { Warden } from '../../core/warden.js';
import type { ModelCallOptions } from './sdk-types.js';

/** Who answered an SDK approval, as the app names them: a fixed name, or one per answer. */
export type SdkApprover = string | ((answer: SdkApprovalAnswer) => string | undefined);

/** One answer given through the SDK's approval flow. */
export interface SdkApprovalAnswer {
  readonly tool: string;
  readonly toolCallId: string;
  readonly approved: boolean;
  readonly reason?: string;
  readonly approvalId?: string;
}

/** Who decided, on record, when the app names nobody. */
export const DEFAULT_SDK_APPROVER = 'ai-sdk-approval';

/** How many denied call ids a warden remembers, so a prompt seen twice (a retry) is recorded once. */
const REMEMBERED_DENIALS = 1024;

/** The approver name the app gave `wardenTools` for a warden, read by its `wardenModel`. */
const approvers = new WeakMap<Warden, SdkApprover>();
/** Denied call ids already recorded, per warden, oldest first. */
const recordedDenials = new WeakMap<Warden, Set<string>>();

/** Remembers who answers SDK approvals for `warden`. */
export function rememberSdkApprover(warden: Warden, by: SdkApprover): void {
  approvers.set(warden, by);
}

/** The name on record for an answer: the override, the app's approver for `warden`, or the default. */
export function sdkApproverName(warden: Warden, answer: SdkApprovalAnswer, override?: SdkApprover): string {
  const by = override ?? approvers.get(warden);
  const name = typeof by === 'function' ? by(answer) : by;
  return typeof name === 'string' && name.length > 0 ? name : DEFAULT_SDK_APPROVER;
}

/**
 * Emits a `reject` decision for every call the SDK reports as denied in the newest tool
 * messages of `prompt` (those after the last assistant message), once per call.
 */
export function recordSdkDenials(warden: Warden, prompt: ModelCallOptions['prompt'], override?: SdkApprover): void {
  let seen = recordedDenials.get(warden);
  for (let index = prompt.length - 1; index >= 0; index -= 1) {
    const message = prompt[index]!;
    if (message.role === 'assistant') break;
    if (message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type !== 'tool-result' || part.output.type !== 'execution-denied') continue;
      if (!seen) recordedDenials.set(warden, (seen = new Set()));
      if (seen.has(part.toolCallId)) continue;
      seen.add(part.toolCallId);
      if (seen.size > REMEMBERED_DENIALS) seen.delete(seen.values().next().value as string);
      const reason = part.output.reason;
      const answer: SdkApprovalAnswer = { tool: part.toolName, toolCallId: part.toolCallId, approved: false, ...(reason !== undefined && { reason }) };
      warden.decide({
        outcome: 'reject',
        by: sdkApproverName(warden, answer, override),
        reason: reason ?? 'denied through the AI SDK tool approval flow',
        tool: part.toolName,
        callId: part.toolCallId,
        details: { via: 'ai-sdk' },
      });
    }
  }
}
