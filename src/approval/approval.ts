/**
 * `approval(options)`: the human-in-the-loop gate. Calls that match `when`, or that a
 * `policy` rule marked `require_approval`, wait for a person. With an inline `approver` the
 * call waits for its answer (bounded by `timeoutMs`); without one the call throws
 * `ApprovalPendingError` with a stored ticket and resumes, exactly once, when the same tool
 * is invoked again with the same `callId` after `warden.approvals.resolve` (or the CLI)
 * approved it — also from another process with a file or Redis store.
 */
import { z } from 'zod';
import { approvalsApi } from './api.js';
import type { Approver } from './ask-approver.js';
import { gateCall } from './gate.js';
import { createHub } from './hub.js';
import { createRunOnce } from './run-once.js';
import type { OnStale } from './stale.js';
import { named } from '../internal/named.js';
import { parseOptions } from '../internal/options.js';
import type { ApprovalStore } from '../stores/approval-store.js';
import { memoryApprovalStore } from '../stores/memory-approval-store.js';
import { attachStore } from '../stores/store-host.js';
import type { Middleware, ToolCall } from '../core/types.js';

/** Options of `approval`. */
export interface ApprovalOptions {
  /** Which calls need a person. Calls with `call.requiresApproval` (set by `policy`) always do. Defaults to none. */
  when?: (call: ToolCall) => boolean;
  /** Inline mode: asked at once and awaited. Without it, gated calls pause with a stored ticket. */
  approver?: Approver;
  /** Where tickets live. Defaults to `memoryApprovalStore()` (this process only). */
  store?: ApprovalStore;
  /** How long an inline approver may take, and how long a ticket stays pending before it expires. Defaults to `300000`. */
  timeoutMs?: number;
  /** An approval whose version, policy or args no longer fit the call: ask again, reject, or run anyway. Defaults to `'reask'`. */
  onStale?: OnStale;
}

const isFunction = (value: unknown) => typeof value === 'function';
const STORE_METHODS = ['open', 'get', 'findByCallId', 'list', 'transition'] as const;

const optionsSchema = z.strictObject({
  when: z.custom<(call: ToolCall) => boolean>(isFunction, 'must be a function (call) => boolean').optional(),
  approver: z.custom<Approver>(isFunction, 'must be an async function (request) => ({ approved, by, reason })').optional(),
  store: z
    .custom<ApprovalStore>((value) => typeof value === 'object' && value !== null && STORE_METHODS.every((method) => isFunction((value as Record<string, unknown>)[method])), `must be an ApprovalStore (${STORE_METHODS.join(', ')})`)
    .optional(),
  timeoutMs: z.number('must be a positive number').positive('must be a positive number').finite('must be a positive number').default(300_000),
  onStale: z.enum(['reask', 'reject', 'accept'], "must be 'reask', 'reject' or 'accept'").default('reask'),
});

/**
 * Creates the approval gate and the `approvals` capability behind `warden.approvals`.
 * @param options `when`, `approver`, `store`, `timeoutMs` (default `300000`), `onStale` (default `'reask'`).
 * @returns A middleware named `approval`.
 * @example
 * const warden = createWarden({
 *   agent: 'refunds',
 *   middleware: [approval({ when: (call) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 500,
 *                           store: fileApprovalStore('approvals.json') })],
 * });
 * try {
 *   await refund({ orderId: 'A1', amount: 900 }, { callId: 'refund-A1' });
 * } catch (error) {
 *   if (error instanceof ApprovalPendingError) console.log('waiting for', error.ticket);
 * }
 * // later, anywhere: await warden.approvals.resolve(ticketId, { approved: true, by: 'alice' });
 * await refund({ orderId: 'A1', amount: 900 }, { callId: 'refund-A1' }); // runs once
 */
export function approval(options: ApprovalOptions = {}): Middleware {
  const { when, approver, store = memoryApprovalStore(), timeoutMs, onStale } = parseOptions('approval', optionsSchema, options);
  const hub = createHub(store);
  const runOnce = createRunOnce(store, {
    now: () => hub.clock().now(),
    onStoreError: () => hub.count('approval.store_errors'),
    onSettled: (ticket) => hub.changed(ticket.status === 'done' ? 'executed' : 'failed', ticket),
  });
  const api = approvalsApi(hub);
  const settings = { hub, timeoutMs, onStale, approver, runOnce };
  return named(
    'approval',
    async function approval(call, next) {
      if (call.requiresApproval === undefined && !(when?.(call) ?? false)) return next();
      return gateCall(call, next, settings);
    },
    (host) => {
      hub.host = host;
      host.provide('approvals', api);
      return attachStore(store, host);
    },
  );
}
