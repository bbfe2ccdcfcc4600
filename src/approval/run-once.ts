/**
 * Exactly-once execution of an approved call. The first caller to move the ticket from
 * `approved` to `running` (an atomic compare-and-set in the store) runs the tool and stores
 * its result; concurrent callers in this process share that caller's promise, and callers
 * that come later (here or in another process) read the stored result. The tool never
 * runs twice for one ticket.
 */
import { randomUUID } from 'node:crypto';
import { isWardenError } from '../core/errors.js';
import type { ApprovalStore, ApprovalTicket, TicketExecution } from '../stores/approval-store.js';
import { toJson } from './ticket.js';

/** How a run attempt ended: this caller (or one it shared with) ran the tool, or another already claimed it. */
export type RunOnceOutcome = { readonly ran: true; readonly result: unknown } | { readonly ran: false; readonly ticket: ApprovalTicket | undefined };

/** Runs an approved ticket's call at most once; see the module comment. */
export type RunOnce = (ticket: ApprovalTicket, execute: () => Promise<unknown>) => Promise<RunOnceOutcome>;

/** Hooks for time and for store errors that must not fail a call that already ran. */
export interface RunOnceContext {
  readonly now: () => number;
  readonly onStoreError: (error: unknown) => void;
  /** Called with the ticket once its outcome (`done` or `failed`) is stored. */
  readonly onSettled?: (ticket: ApprovalTicket) => void;
}

/** Creates the exactly-once runner for one gate, sharing in-flight runs by ticket id. */
export function createRunOnce(store: ApprovalStore, context: RunOnceContext): RunOnce {
  const claimant = `pid:${process.pid}/${randomUUID().slice(0, 8)}`;
  const inFlight = new Map<string, Promise<RunOnceOutcome>>();
  const iso = () => new Date(context.now()).toISOString();

  async function claimAndRun(ticket: ApprovalTicket, execute: () => Promise<unknown>): Promise<RunOnceOutcome> {
    const claimedAt = iso();
    const execution: TicketExecution = { claimedBy: claimant, claimedAt };
    const verdict = ticket.verdict && { ...ticket.verdict, announced: true };
    const claim = await store.transition(ticket.id, { from: 'approved', to: 'running', set: { execution, ...(verdict && { verdict }) }, at: claimedAt });
    if (!claim.ok) return { ran: false, ticket: claim.ticket };
    let result: unknown;
    try {
      result = await execute();
    } catch (error) {
      await settle(ticket.id, 'failed', { ...execution, finishedAt: iso(), error: describeError(error) });
      throw error;
    }
    const json = toJson(result);
    await settle(ticket.id, 'done', { ...execution, finishedAt: iso(), ...(json.ok ? { result: json.value } : { resultUnstorable: true }) });
    return { ran: true, result };
  }

  async function settle(id: string, to: 'done' | 'failed', execution: TicketExecution): Promise<void> {
    try {
      const settled = await store.transition(id, { from: 'running', to, set: { execution }, at: execution.finishedAt ?? iso() });
      if (settled.ok) context.onSettled?.(settled.ticket);
    } catch (error) {
      // The tool already ran: its caller gets the outcome; the ticket stays `running` (unknown to others).
      context.onStoreError(error);
    }
  }

  return function runOnce(ticket, execute) {
    const shared = inFlight.get(ticket.id);
    if (shared) return shared;
    const running = claimAndRun(ticket, execute);
    inFlight.set(ticket.id, running);
    running.then(
      () => inFlight.delete(ticket.id),
      () => inFlight.delete(ticket.id),
    );
    return running;
  };
}

function describeError(error: unknown): NonNullable<TicketExecution['error']> {
  if (error instanceof Error) return { name: error.name, message: error.message, ...(isWardenError(error) && { code: error.code }) };
  return { name: 'Error', message: String(error) };
}
