/**
 * What the gate and `warden.approvals` share: the store, the warden host (once attached),
 * and local wake-ups, so a `wait` in this process returns the moment a ticket is resolved
 * here instead of at its next poll. Every ticket change that matters is announced once, as
 * an `approval` event and, for verdicts and expiry, a decision.
 */
import { systemClock } from '../core/clock.js';
import type { ApprovalStore, ApprovalTicket } from '../stores/approval-store.js';
import type { DecisionInput } from '../core/decision.js';
import type { Clock, WardenHost } from '../core/types.js';
import type { ApprovalEvent, ApprovalEventKind } from './events.js';
import { ticketDecision } from './ticket-decision.js';
import { addKeyedListener } from '../internal/keyed-listeners.js';
import { secretRedactor } from '../security/redact-secrets.js';

export type { ApprovalEvent, ApprovalEventKind } from './events.js';

/** Shared state of one `approval()` middleware. */
export interface ApprovalHub {
  readonly store: ApprovalStore;
  host: WardenHost | undefined;
  clock(): Clock;
  /** Emits the `approval` event and wakes local waiters on the ticket. */
  changed(kind: ApprovalEventKind, ticket: ApprovalTicket): void;
  /** Emits a verdict/expiry decision about a ticket outside any call. */
  decideAbout(ticket: ApprovalTicket, decision: DecisionInput): void;
  /** Calls `listener` on the next change of ticket `id`; returns an unsubscribe. */
  onChange(id: string, listener: () => void): () => void;
  /** Counts a swallowed error on the host. */
  count(counter: string): void;
  /** A copy of a call's args with secrets replaced: what tickets store and people see. */
  redactArgs(args: unknown): unknown;
}

/** Creates the hub for one gate over `store`. */
export function createHub(store: ApprovalStore): ApprovalHub {
  const listeners = new Map<string, Set<() => void>>();
  const redactSecrets = secretRedactor();
  const hub: ApprovalHub = {
    store,
    host: undefined,
    clock: () => hub.host?.clock ?? systemClock,
    changed(kind, ticket) {
      hub.host?.emit('approval', { kind, ticket, at: new Date(hub.clock().now()).toISOString() } satisfies ApprovalEvent);
      const waiting = listeners.get(ticket.id);
      if (!waiting) return;
      listeners.delete(ticket.id);
      for (const listener of waiting) listener();
    },
    decideAbout(ticket, decision) {
      hub.host?.decide(ticketDecision(ticket, decision, hub.clock().now()));
    },
    onChange(id, listener) {
      return addKeyedListener(listeners, id, listener);
    },
    count(counter) {
      hub.host?.count(counter);
    },
    redactArgs: redactSecrets,
  };
  return hub;
}
