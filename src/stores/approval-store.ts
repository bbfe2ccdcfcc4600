/**
 * The `ApprovalStore` contract: where approval tickets live between the moment a call
 * pauses and the moment it runs, possibly in another process days later. The interface is
 * deliberately small (five async methods) so a Redis or SQL store can implement it with one
 * atomic compare-and-set; all the approval logic (expiry, stale checks, exactly-once) lives
 * in `src/approval/` and only relies on the guarantees written here.
 *
 * ## Ticket life cycle
 * ```
 * pending ──► approved ──► running ──► done
 *    │            │            └─────► failed
 *    ├──► rejected ◄┘ (stale, onStale: 'reject')
 *    ├──► expired
 *    └──► void ◄──── approved (stale, onStale: 'reask'); a fresh ticket replaces it
 * ```
 * `running` is the claim for execution: exactly one caller wins the `approved → running`
 * change and runs the tool; everyone else reads the stored `execution.result` once the
 * ticket is `done`. A process that dies while `running` leaves the ticket `running`
 * (outcome unknown): it is never run again automatically.
 *
 * ## Contract every store must keep
 * 1. **Atomic compare-and-set.** `transition(id, change)` changes the ticket only when its
 *    current status equals `change.from`, and does so atomically with respect to every
 *    other `open` and `transition` on the same store, across processes. Of N concurrent
 *    transitions from the same status, exactly one returns `{ ok: true }`.
 * 2. **One live ticket per call.** `open(ticket)` inserts only when no ticket with the same
 *    `callId` is live (any status but `void`); otherwise it returns the live one with
 *    `created: false`. Check and insert are one atomic step.
 * 3. **Values, not references.** Tickets go in and come out as JSON: a store never hands out
 *    an object that a later write mutates, and never keeps one a caller can mutate.
 * 4. **Durable before resolved.** A promise resolves only after the change is durable for
 *    that store's meaning of durable (memory: in the map; file: renamed into place).
 * 5. **Loud failures.** A store that cannot read or write rejects with
 *    `StoreUnavailableError` naming itself (and the path or address); it never answers as if
 *    it were empty, and never overwrites data it could not parse.
 */

/** Where a ticket is in its life cycle; see the module comment for the allowed changes. */
export type TicketStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'void' | 'running' | 'done' | 'failed';

/** Every status, in life-cycle order (for option checks and CLI filters). */
export const TICKET_STATUSES: readonly TicketStatus[] = ['pending', 'approved', 'rejected', 'expired', 'void', 'running', 'done', 'failed'];

/** A person's (or the gate's own: timeout, expiry, stale check) answer on a ticket. */
export interface TicketVerdict {
  readonly approved: boolean;
  /** Who decided: a person's name, or `approval` for timeouts, expiry and stale checks. */
  readonly by: string;
  readonly reason?: string;
  /** ISO-8601 time of the verdict. */
  readonly at: string;
  /** True once a warden emitted the `approve`/`reject` decision for it (false from the CLI). */
  readonly announced: boolean;
}

/** The claim for execution and, once the tool settled, its outcome. */
export interface TicketExecution {
  /** Which process and warden claimed it (`pid:<n>/<random>`). */
  readonly claimedBy: string;
  readonly claimedAt: string;
  readonly finishedAt?: string;
  /** The tool's result as JSON (`done`); `undefined` when the tool returned nothing. */
  readonly result?: unknown;
  /** True when the result could not be stored as JSON; later callers get an error. */
  readonly resultUnstorable?: boolean;
  /** The tool's error (`failed`). */
  readonly error?: { readonly name: string; readonly message: string; readonly code?: string };
}

/** One paused (or decided) guarded call. JSON-serializable through and through. */
export interface ApprovalTicket {
  /** Ticket id, `apr_...`. */
  readonly id: string;
  /** The guarded call's id: re-invoking the tool with it resumes this ticket. */
  readonly callId: string;
  readonly status: TicketStatus;
  readonly tool: string;
  /** The call's args as JSON (for people to read; the gate compares `argsHash`). */
  readonly args: unknown;
  /** `stableHash` of the args the ticket was made for. */
  readonly argsHash: string;
  readonly agent: string;
  readonly runId: string;
  readonly workflow?: string;
  readonly department?: string;
  readonly sessionId?: string;
  /** The policy rule name, or the tool name when `when` matched: what kind of decision this is. */
  readonly decisionType: string;
  /** Set when a policy rule asked for the approval. */
  readonly rule?: string;
  /** Why a person must look at it. */
  readonly reason: string;
  /** The `agentwarden.version.id` in force when the ticket was made. */
  readonly versionId: string;
  /** Hash of the policy in force when the ticket was made (from the `policyHash` capability). */
  readonly policyHash?: string;
  /** ISO-8601 times. */
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly updatedAt: string;
  readonly verdict?: TicketVerdict;
  readonly execution?: TicketExecution;
  /** Why a ticket became `void` (stale version, policy or args). */
  readonly voidReason?: string;
}

/** The fields a transition may set besides the status. */
export interface TicketChanges {
  readonly verdict?: TicketVerdict;
  readonly execution?: TicketExecution;
  readonly voidReason?: string;
}

/** A compare-and-set: move from `from` to `to`, setting `set`, stamped `at` (ISO). */
export interface TicketTransition {
  readonly from: TicketStatus;
  readonly to: TicketStatus;
  readonly set?: TicketChanges;
  /** ISO-8601 time written to `updatedAt`. */
  readonly at: string;
}

/** The answer of a transition: the ticket after it (`ok`), or as it is now (not `ok`). */
export type TransitionResult = { readonly ok: true; readonly ticket: ApprovalTicket } | { readonly ok: false; readonly ticket: ApprovalTicket | undefined };

/** Filter of `list`. */
export interface TicketFilter {
  readonly status?: TicketStatus | readonly TicketStatus[];
  readonly callId?: string;
}

/** Durable, shared storage of approval tickets. See the module comment for the contract. */
export interface ApprovalStore {
  /** Shown in errors and `warden.stats()` (e.g. `fileApprovalStore(/srv/approvals.json)`). */
  readonly storeName: string;
  /** Inserts `ticket` unless `ticket.callId` already has a live ticket; returns the live one. */
  open(ticket: ApprovalTicket): Promise<{ ticket: ApprovalTicket; created: boolean }>;
  /** The ticket with this id, or `undefined`. */
  get(id: string): Promise<ApprovalTicket | undefined>;
  /** The live (not `void`) ticket for a call id, or `undefined`. */
  findByCallId(callId: string): Promise<ApprovalTicket | undefined>;
  /** Tickets matching `filter`, oldest first. */
  list(filter?: TicketFilter): Promise<ApprovalTicket[]>;
  /** Atomic compare-and-set of a ticket's status (see contract point 1). */
  transition(id: string, change: TicketTransition): Promise<TransitionResult>;
  /** Releases handles; optional. */
  close?(): Promise<void>;
  /** Calls `listener` when ticket `id` changes in any process (Redis pub/sub); optional: without it `wait` polls. */
  watch?(id: string, listener: () => void): () => void;
}
