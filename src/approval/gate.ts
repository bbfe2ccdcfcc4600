/**
 * The gate's per-call flow. A gated call looks up the live ticket for its `callId` and acts
 * on its status: none → make one and pause (or ask the inline approver); pending → still
 * waiting (or expired, or stale and replaced); approved → check it still fits, then run the
 * tool exactly once; rejected/expired → `ApprovalRejectedError`; done → the stored result.
 * Each step re-reads the ticket after a lost compare-and-set, so races settle on the
 * store's single answer.
 */
import { clockOf, hostOf } from '../core/call-context.js';
import { decide } from '../core/decision.js';
import { ApprovalPendingError, ApprovalRejectedError } from '../core/errors.js';
import { stableHash } from '../internal/stable-hash.js';
import type { ApprovalTicket } from '../stores/approval-store.js';
import type { Next, ToolCall } from '../core/types.js';
import { askApprover, type Approver } from './ask-approver.js';
import { ApprovalTicketError } from './errors.js';
import type { ApprovalHub } from './hub.js';
import { expireTicket, resolveTicket } from './resolve.js';
import type { RunOnce } from './run-once.js';
import { staleReasons, type OnStale } from './stale.js';
import { gateReasonOf, isDue, newTicket } from './ticket.js';

/** The settings one `approval()` gate runs with. */
export interface GateSettings {
  readonly hub: ApprovalHub;
  readonly timeoutMs: number;
  readonly onStale: OnStale;
  readonly approver: Approver | undefined;
  readonly runOnce: RunOnce;
}

/** Bounds the re-reads after lost races; reaching it means the store keeps changing under us. */
const MAX_ROUNDS = 16;
const BY = 'approval';

/**
 * The hash of the policy in force for `call`: the one a policy rule attached to
 * `call.requiresApproval`, else the `policy` capability's `hash` (registered by `policy()`),
 * else a `policyHash` capability (a string or a function returning one).
 */
export function policyHashOf(call: ToolCall): string | undefined {
  if (call.requiresApproval?.policyHash !== undefined) return call.requiresApproval.policyHash;
  const host = hostOf(call);
  const fromPolicy = host?.capability<{ hash?: unknown }>('policy')?.hash;
  if (typeof fromPolicy === 'string') return fromPolicy;
  const provided = host?.capability<unknown>('policyHash');
  const value = typeof provided === 'function' ? (provided as () => unknown)() : provided;
  return typeof value === 'string' ? value : undefined;
}

/** Runs one gated call through its ticket; see the module comment. */
export async function gateCall(call: ToolCall, next: Next, settings: GateSettings): Promise<unknown> {
  const { hub, timeoutMs, onStale, approver, runOnce } = settings;
  const { store } = hub;
  const clock = clockOf(call);
  const gate = gateReasonOf(call);
  const policyHash = policyHashOf(call);
  let ticket = await store.findByCallId(call.callId);
  let created = false;
  let replaced: string | undefined;

  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!ticket) {
      const opened = await store.open(newTicket(call, gate, { now: clock.now(), timeoutMs, policyHash, redactArgs: hub.redactArgs }));
      ticket = opened.ticket;
      created = opened.created;
      if (created) hub.changed('requested', ticket);
    }
    const details = { ticketId: ticket.id, decisionType: ticket.decisionType };
    switch (ticket.status) {
      case 'pending': {
        if (isDue(ticket, clock.now())) {
          const expired = await expireTicket(store, ticket, clock.now(), true);
          if (expired) hub.changed('expired', expired);
          ticket = expired ?? (await store.get(ticket.id));
          continue;
        }
        const stale = staleReasons(ticket, call, policyHash);
        if (stale.length > 0) {
          ticket = await voidTicket(hub, ticket, stale, clock.now(), call.callId);
          replaced = stale.join('; ');
          continue;
        }
        const pause =
          created || !approver
            ? decide(call, {
                outcome: 'pause',
                by: BY,
                rule: ticket.decisionType,
                reason: replaced ? `${ticket.reason} (asked again: ${replaced})` : ticket.reason,
                details: { ...details, expiresAt: ticket.expiresAt, ...(replaced && { replaced }) },
              })
            : undefined;
        if (!approver) throw new ApprovalPendingError(pause!, ticket);
        created = false;
        const verdict = await askApprover(approver, ticket, call, {
          clock,
          waitMs: Math.min(timeoutMs, Date.parse(ticket.expiresAt) - clock.now()),
          onError: () => hub.count('approval.approver_errors'),
        });
        try {
          const resolution = await resolveTicket(store, ticket.id, verdict, { now: clock.now(), announced: true, expire: false });
          ticket = resolution.ticket;
          if (!resolution.expired) {
            decide(call, { outcome: verdict.approved ? 'approve' : 'reject', by: verdict.by, rule: ticket.decisionType, reason: verdict.reason ?? (verdict.approved ? 'approved' : 'rejected'), details: { ...details, phase: 'resolved' } });
          }
          hub.changed(resolution.expired ? 'expired' : verdict.approved ? 'approved' : 'rejected', ticket);
        } catch (error) {
          if (!(error instanceof ApprovalTicketError) || error.code !== 'already_resolved') throw error;
          ticket = await store.get(ticket.id);
        }
        continue;
      }
      case 'approved': {
        const stale = staleReasons(ticket, call, policyHash);
        if (stale.length > 0 && onStale === 'reask') {
          ticket = await voidTicket(hub, ticket, stale, clock.now(), call.callId, 'approved');
          replaced = stale.join('; ');
          continue;
        }
        if (stale.length > 0 && onStale === 'reject') {
          ticket = await rejectStale(hub, ticket, stale, clock.now());
          continue;
        }
        const verdict = ticket.verdict;
        const approvedBy = verdict?.by ?? 'unknown';
        if (verdict && !verdict.announced) {
          decide(call, { outcome: 'approve', by: approvedBy, rule: ticket.decisionType, reason: verdict.reason ?? 'approved', details: { ...details, phase: 'resolved', at: verdict.at } });
        }
        const approved = ticket;
        const outcome = await runOnce(approved, () => {
          decide(call, {
            outcome: 'allow',
            by: BY,
            rule: approved.decisionType,
            reason: `approved by ${approvedBy}${stale.length > 0 ? ` (stale approval accepted: ${stale.join('; ')})` : ''}`,
            details: { ...details, approvedBy, phase: 'resumed', ...(stale.length > 0 && { stale }) },
          });
          return next();
        });
        if (outcome.ran) return outcome.result;
        ticket = outcome.ticket;
        continue;
      }
      case 'rejected':
      case 'expired': {
        const verdict = ticket.verdict;
        const reason = ticket.status === 'expired' ? 'expired' : (verdict?.reason ?? 'rejected');
        throw new ApprovalRejectedError(decide(call, { outcome: 'reject', by: verdict?.by ?? BY, rule: ticket.decisionType, reason, details: { ...details, status: ticket.status } }));
      }
      case 'done': {
        if (ticket.argsHash !== stableHash(call.args)) throw alreadyRan(call, ticket, 'with other args; use a new callId for a new call');
        if (ticket.execution?.resultUnstorable) throw alreadyRan(call, ticket, 'its result could not be stored as JSON');
        decide(call, { outcome: 'allow', by: BY, rule: ticket.decisionType, reason: 'already ran once; returning the stored result', details: { ...details, replay: true } });
        return ticket.execution?.result;
      }
      case 'failed':
        throw alreadyRan(call, ticket, `it failed: ${ticket.execution?.error?.message ?? 'unknown error'}`);
      case 'running': {
        const decision = decide(call, { outcome: 'deny', by: BY, rule: ticket.decisionType, reason: `approved call is running in ${ticket.execution?.claimedBy ?? 'another process'}`, details });
        throw new ApprovalTicketError('approval_in_progress', `${call.tool}: approved call ${call.callId} (ticket ${ticket.id}) is already running in ${ticket.execution?.claimedBy ?? 'another process'}; it will not run twice`, { ticketId: ticket.id, decision });
      }
      case 'void':
        ticket = await store.findByCallId(call.callId);
        continue;
    }
  }
  throw new ApprovalTicketError('approval_in_progress', `${call.tool}: ticket for call ${call.callId} kept changing during ${MAX_ROUNDS} reads; try again`);
}

async function voidTicket(hub: ApprovalHub, ticket: ApprovalTicket, stale: string[], now: number, callId: string, from: 'pending' | 'approved' = 'pending'): Promise<ApprovalTicket | undefined> {
  const result = await hub.store.transition(ticket.id, { from, to: 'void', set: { voidReason: `stale: ${stale.join('; ')}` }, at: new Date(now).toISOString() });
  if (result.ok) hub.changed('voided', result.ticket);
  return hub.store.findByCallId(callId);
}

async function rejectStale(hub: ApprovalHub, ticket: ApprovalTicket, stale: string[], now: number): Promise<ApprovalTicket | undefined> {
  const at = new Date(now).toISOString();
  const reason = `stale approval (${stale.join('; ')}); it was approved by ${ticket.verdict?.by ?? 'unknown'}`;
  const result = await hub.store.transition(ticket.id, { from: 'approved', to: 'rejected', set: { verdict: { approved: false, by: BY, reason, at, announced: true } }, at });
  if (result.ok) hub.changed('rejected', result.ticket);
  return result.ticket;
}

function alreadyRan(call: ToolCall, ticket: ApprovalTicket, why: string): ApprovalTicketError {
  const decision = decide(call, { outcome: 'deny', by: BY, rule: ticket.decisionType, reason: `approved call already ran once and ${why}`, details: { ticketId: ticket.id } });
  return new ApprovalTicketError('approval_already_ran', `${call.tool}: approved call ${call.callId} (ticket ${ticket.id}) already ran once and ${why}; it will not run twice`, { ticketId: ticket.id, decision });
}
