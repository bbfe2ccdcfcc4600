/**
 * `warden.approvals`: the inbox of approval tickets. `list` and `get` read the store (and
 * expire what is past due), `resolve` records a person's verdict exactly once, `wait`
 * returns once a ticket is no longer pending (woken at once by a resolve in this process,
 * by polling the store for a resolve in another one, and by its expiry).
 */
import { describeValue } from '../internal/options.js';
import type { ApprovalTicket, TicketFilter } from '../stores/approval-store.js';
import { ApprovalTicketError } from './errors.js';
import type { ApprovalHub } from './hub.js';
import { alreadyResolved, checkVerdict, expireTicket, resolveTicket, type ApprovalVerdict } from './resolve.js';
import { isDue } from './ticket.js';

/** Options of `warden.approvals.wait`. */
export interface WaitOptions {
  /** Stops waiting (rejects with the signal's reason). */
  signal?: AbortSignal;
  /** How often to re-read the store for a verdict given elsewhere. Defaults to `1000`. */
  pollMs?: number;
}

/** The object behind `warden.approvals`. */
export interface ApprovalsApi {
  /** Tickets, oldest first; `{ status: 'pending' }` is the inbox. Past-due tickets are expired first. */
  list(filter?: TicketFilter): Promise<ApprovalTicket[]>;
  /** One ticket, or `undefined` for an unknown id. */
  get(id: string): Promise<ApprovalTicket | undefined>;
  /** Approves or rejects a pending ticket. Throws `ApprovalTicketError` (`unknown_ticket`, `already_resolved`, `invalid_verdict`). */
  resolve(id: string, verdict: ApprovalVerdict): Promise<ApprovalTicket>;
  /** Resolves with the ticket once it is no longer pending (approved, rejected, expired...). */
  wait(id: string, options?: WaitOptions): Promise<ApprovalTicket>;
}

/** Builds `warden.approvals` over a gate's hub. */
export function approvalsApi(hub: ApprovalHub): ApprovalsApi {
  const now = () => hub.clock().now();

  /** Expires `ticket` if it is past due; returns it as it is now. */
  async function current(ticket: ApprovalTicket): Promise<ApprovalTicket> {
    if (!isDue(ticket, now())) return ticket;
    const expired = await expireTicket(hub.store, ticket, now(), hub.host !== undefined);
    if (!expired) return (await hub.store.get(ticket.id)) ?? ticket;
    announceExpiry(hub, expired);
    return expired;
  }

  const api: ApprovalsApi = {
    async list(filter = {}) {
      const statuses = filter.status === undefined ? undefined : typeof filter.status === 'string' ? [filter.status] : filter.status;
      const tickets = await Promise.all((await hub.store.list(filter)).map(current));
      return statuses ? tickets.filter((ticket) => statuses.includes(ticket.status)) : tickets;
    },
    async get(id) {
      const ticket = await hub.store.get(id);
      return ticket && current(ticket);
    },
    async resolve(id, verdict) {
      if (typeof id !== 'string' || id.length === 0) throw new ApprovalTicketError('unknown_ticket', `warden.approvals.resolve: \`id\` must be a ticket id, got ${describeValue(id)}`);
      const checked = checkVerdict(verdict, id);
      const { ticket, expired } = await resolveTicket(hub.store, id, checked, { now: now(), announced: hub.host !== undefined });
      if (expired) {
        announceExpiry(hub, ticket);
        throw alreadyResolved(ticket);
      }
      hub.decideAbout(ticket, {
        outcome: checked.approved ? 'approve' : 'reject',
        by: checked.by,
        rule: ticket.decisionType,
        reason: checked.reason ?? (checked.approved ? 'approved' : 'rejected'),
        details: { ticketId: ticket.id, phase: 'resolved' },
      });
      hub.changed(checked.approved ? 'approved' : 'rejected', ticket);
      return ticket;
    },
    async wait(id, options = {}) {
      const { signal, pollMs = 1_000 } = options;
      for (;;) {
        signal?.throwIfAborted();
        // Listen before reading, so a resolve between the read and the wait is not missed.
        const wake = listenForChange(hub, id, signal);
        let ticket: ApprovalTicket | undefined;
        try {
          ticket = await api.get(id);
        } catch (error) {
          wake.cancel();
          throw error;
        }
        if (!ticket) {
          wake.cancel();
          throw new ApprovalTicketError('unknown_ticket', `no approval ticket with id "${id}" in ${hub.store.storeName}`, { ticketId: id });
        }
        if (ticket.status !== 'pending') {
          wake.cancel();
          return ticket;
        }
        await wake.after(Math.min(pollMs, Math.max(1, Date.parse(ticket.expiresAt) - now())));
      }
    },
  };
  return api;
}

/** Emits the decision and event for a ticket this process just expired. */
export function announceExpiry(hub: ApprovalHub, ticket: ApprovalTicket): void {
  hub.decideAbout(ticket, { outcome: 'reject', by: 'approval', rule: ticket.decisionType, reason: 'expired', details: { ticketId: ticket.id, phase: 'expired' } });
  hub.changed('expired', ticket);
}

/** A wake-up on the next local change of ticket `id`, or after a delay, or on abort. */
function listenForChange(hub: ApprovalHub, id: string, signal: AbortSignal | undefined) {
  const clock = hub.clock();
  let timer: unknown;
  let wake: () => void = () => {};
  let fail: (reason: unknown) => void = () => {};
  const changed = new Promise<void>((resolve, reject) => {
    wake = resolve;
    fail = reject;
  });
  changed.catch(() => {}); // an abort during the read is reported by `after`, not as unhandled
  const onAbort = () => fail(signal?.reason);
  const unsubscribe = hub.onChange(id, () => wake());
  const unwatch = hub.store.watch?.(id, () => wake());
  signal?.addEventListener('abort', onAbort, { once: true });
  const cancel = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    unsubscribe();
    unwatch?.();
    signal?.removeEventListener('abort', onAbort);
  };
  return {
    cancel,
    after(delayMs: number): Promise<void> {
      timer = clock.setTimeout(() => wake(), delayMs);
      return changed.finally(cancel);
    },
  };
}
