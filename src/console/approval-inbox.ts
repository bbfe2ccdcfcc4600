/**
 * What the console needs from approvals: the pending tickets, and a way to resolve one.
 * `approvalsInbox(warden.approvals)` uses the approval API (expiry, verdict checks, and
 * the `approve`/`reject` decision in that warden's audit trail); `storeInbox(store)` adapts
 * any store with the `ApprovalStore` shape (`list`, `get`, `transition`) directly. Neither
 * imports the approval code, so the console works with whichever a deployment uses.
 */

import { secretRedactor } from '../security/redact-secrets.js';

/** A paused call waiting for a person, as the inbox shows it. */
export interface PendingApproval {
  readonly id: string;
  readonly tool: string;
  /** The call's args with secrets redacted (also in tickets stored before tickets were redacted): attacker-controlled text, always shown escaped. */
  readonly args: unknown;
  readonly reason: string;
  readonly agent?: string;
  readonly callId?: string;
  readonly versionId?: string;
  readonly rule?: string;
  readonly workflow?: string;
  readonly department?: string;
  readonly sessionId?: string;
  readonly createdAt?: string;
  readonly expiresAt?: string;
}

/** A person's answer from the inbox. */
export interface InboxVerdict {
  readonly approved: boolean;
  readonly by: string;
  readonly reason?: string;
}

/** The console's view of approvals. */
export interface ApprovalInbox {
  /** Where the tickets live, shown in the console. */
  readonly name: string;
  listPending(): Promise<PendingApproval[]>;
  /** Resolves a pending ticket; rejects when it is unknown or no longer pending. */
  resolve(id: string, verdict: InboxVerdict): Promise<void>;
}

/** The part of an `ApprovalStore` the inbox uses. */
export interface TicketStoreLike {
  readonly storeName?: string;
  list(filter?: { status?: string | readonly string[] }): Promise<ReadonlyArray<{ readonly id: string; readonly status: string }>>;
  get(id: string): Promise<{ readonly id: string; readonly status: string } | undefined>;
  transition(id: string, change: { from: string; to: string; set?: object; at: string }): Promise<{ ok: boolean; ticket?: unknown }>;
}

/** A ticket that cannot be resolved from the inbox (unknown, or already decided). */
export class InboxResolveError extends Error {
  override name = 'InboxResolveError' as const;
  constructor(
    message: string,
    /** `unknown_ticket` or `already_resolved`. */
    readonly code: 'unknown_ticket' | 'already_resolved',
  ) {
    super(message);
  }
}

/**
 * Adapts an approval store to the inbox: pending tickets, and a verdict as one
 * compare-and-set from `pending` (so a ticket is resolved once, even when a person and a
 * timeout race).
 *
 * @example
 * startConsole({ audit: 'audit.jsonl', approvals: storeInbox(fileApprovalStore('approvals.json')) });
 */
export function storeInbox(store: TicketStoreLike, now: () => number = Date.now): ApprovalInbox {
  const redactSecrets = secretRedactor();
  return {
    name: store.storeName ?? 'approval store',
    async listPending() {
      const tickets = await store.list({ status: 'pending' });
      return tickets.map((ticket) => pendingFrom(ticket, redactSecrets));
    },
    async resolve(id, verdict) {
      const ticket = await store.get(id);
      if (!ticket) throw new InboxResolveError(`no approval ticket with id "${id}"`, 'unknown_ticket');
      if (ticket.status !== 'pending') throw new InboxResolveError(`approval ticket ${id} is already ${ticket.status}`, 'already_resolved');
      const at = new Date(now()).toISOString();
      const stored = { approved: verdict.approved, by: verdict.by, at, announced: false, ...(verdict.reason !== undefined && verdict.reason !== '' && { reason: verdict.reason }) };
      const result = await store.transition(id, { from: 'pending', to: verdict.approved ? 'approved' : 'rejected', set: { verdict: stored }, at });
      if (!result.ok) throw new InboxResolveError(`approval ticket ${id} was resolved by someone else first`, 'already_resolved');
    },
  };
}

/** The part of `warden.approvals` (or `approvalsApi(hub)`) the inbox uses. */
export interface ApprovalsApiLike {
  list(filter?: { status?: 'pending' }): Promise<ReadonlyArray<{ readonly id: string }>>;
  resolve(id: string, verdict: InboxVerdict): Promise<unknown>;
}

/**
 * Adapts the approval API to the inbox; its errors (`unknown_ticket`, `already_resolved`,
 * `invalid_verdict`) pass through with their `code`.
 *
 * @example
 * startConsole({ audit: 'audit.jsonl', approvals: approvalsInbox(warden.approvals, 'refund-agent approvals') });
 */
export function approvalsInbox(api: ApprovalsApiLike, name = 'warden.approvals'): ApprovalInbox {
  const redactSecrets = secretRedactor();
  return {
    name,
    async listPending() {
      return (await api.list({ status: 'pending' })).map((ticket) => pendingFrom(ticket, redactSecrets));
    },
    async resolve(id, verdict) {
      await api.resolve(id, verdict);
    },
  };
}

function pendingFrom(ticket: { readonly id: string }, redactSecrets: (value: unknown) => unknown): PendingApproval {
  const fields = ticket as Readonly<Record<string, unknown>>;
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : undefined);
  const optional: Record<string, string> = {};
  for (const key of ['agent', 'callId', 'versionId', 'rule', 'workflow', 'department', 'sessionId', 'createdAt', 'expiresAt'] as const) {
    const value = text(key);
    if (value !== undefined) optional[key] = value;
  }
  return { id: ticket.id, tool: text('tool') ?? '?', args: redactSecrets(fields.args), reason: text('reason') ?? '', ...optional };
}
