/**
 * Maps an approval predicate onto the AI SDK's own tool approval flow (`needsApproval`,
 * `tool-approval-request` / `tool-approval-response` parts), so UIs built on the SDK's
 * approval parts keep working. The SDK asks; a person answers through the SDK's messages;
 * the SDK executes only approved calls. The warden records the approval as an `approve`
 * decision on the call when the approved call runs. When the warden's own `approval()` gate
 * also holds the call, the SDK's approval resolves the gate's ticket, so one person's answer
 * in the SDK's UI is the answer on record in the warden's approval store and audit trail.
 */
import type { ModelMessage } from 'ai';
import { decide } from '../../core/decision.js';
import { isWardenError } from '../../core/errors.js';
import type { ToolCall, ToolTraits } from '../../core/types.js';
import type { Warden } from '../../core/warden.js';
import { sdkApproverName } from './sdk-denials.js';

/** Decides which calls wait for a person in the SDK's approval flow. Same shape as `approval({ when })`. */
export type SdkApprovalPredicate = (call: ToolCall) => boolean | PromiseLike<boolean>;

/** What a person said, as found in the SDK's messages. */
export interface SdkApprovalVerdict {
  readonly approvalId: string;
  readonly approved: boolean;
  readonly reason?: string;
}

/**
 * The call as the predicate sees it before it runs: the same fields a middleware sees,
 * filled from the current run (no middleware state: nothing has run yet).
 */
export function previewCall(warden: Warden, tool: string, args: unknown, callId: string, traits: ToolTraits): ToolCall {
  const run = warden.currentRun();
  return {
    tool,
    args,
    callId,
    agent: warden.agent,
    runId: run?.runId ?? '',
    version: run?.version ?? warden.version,
    attempt: 1,
    metadata: { ...run?.metadata },
    traits,
    ...(run?.workflow !== undefined && { workflow: run.workflow }),
    ...(run?.department !== undefined && { department: run.department }),
    ...(run?.sessionId !== undefined && { sessionId: run.sessionId }),
  };
}

/** Finds the approval request and response for `toolCallId` in the SDK's message history. */
export function findSdkApproval(messages: readonly ModelMessage[] | undefined, toolCallId: string): SdkApprovalVerdict | undefined {
  let approvalId: string | undefined;
  for (const message of messages ?? []) {
    if (message.role !== 'assistant' || typeof message.content === 'string') continue;
    for (const part of message.content) {
      if (part.type === 'tool-approval-request' && part.toolCallId === toolCallId) approvalId = part.approvalId;
    }
  }
  if (approvalId === undefined) return undefined;
  for (const message of messages ?? []) {
    if (message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type === 'tool-approval-response' && part.approvalId === approvalId) {
        return { approvalId, approved: part.approved, ...(part.reason !== undefined && { reason: part.reason }) };
      }
    }
  }
  return undefined;
}

/** Emits the `approve` decision for a call the SDK runs after a person approved it, by the approver the app names. */
export function recordSdkApproval(warden: Warden, call: ToolCall, verdict: SdkApprovalVerdict | undefined): void {
  decide(call, {
    outcome: 'approve',
    by: sdkApproverName(warden, approvalAnswer(call.tool, call.callId, verdict)),
    reason: verdict?.reason ?? 'approved through the AI SDK tool approval flow',
    details: { via: 'ai-sdk', ...(verdict && { approvalId: verdict.approvalId }) },
  });
}

/**
 * When the warden's `approval()` gate paused a call that a person already approved in the
 * SDK's flow (an approved `tool-approval-response` for this `toolCallId`), resolves the
 * gate's ticket with that answer. Returns true when the call may be invoked again to run.
 */
export async function resolveTicketFromSdk(warden: Warden, error: unknown, sdkOptions: { toolCallId: string; messages?: readonly ModelMessage[] }): Promise<boolean> {
  if (!isWardenError(error) || error.code !== 'approval_pending') return false;
  const ticket = (error as { ticket?: { id?: unknown; callId?: unknown } }).ticket;
  if (typeof ticket?.id !== 'string' || ticket.callId !== sdkOptions.toolCallId) return false;
  const verdict = findSdkApproval(sdkOptions.messages, sdkOptions.toolCallId);
  if (!verdict?.approved || warden.capability('approvals') === undefined) return false;
  const tool = typeof (ticket as { tool?: unknown }).tool === 'string' ? (ticket as { tool: string }).tool : '';
  const by = sdkApproverName(warden, approvalAnswer(tool, sdkOptions.toolCallId, verdict));
  await warden.approvals.resolve(ticket.id, { approved: true, by, reason: verdict.reason ?? 'approved through the AI SDK tool approval flow' });
  return true;
}

function approvalAnswer(tool: string, toolCallId: string, verdict: SdkApprovalVerdict | undefined) {
  return { tool, toolCallId, approved: true, ...(verdict?.reason !== undefined && { reason: verdict.reason }), ...(verdict && { approvalId: verdict.approvalId }) };
}
