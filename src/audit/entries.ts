/**
 * The entries of an audit file, one JSON line each. Every entry carries `seq`, `prev` and
 * `hash` (the chain), `at` (ISO time), `type`, and where known the scope (`agent`, `runId`,
 * `sessionId`, `workflow`, `department`) and the `versionId` in force.
 */
import type { CallOutcome, DecisionOutcome, VersionParts } from '../core/types.js';

/** Every kind of audit line. */
export type AuditEntryType =
  | 'genesis'
  | 'start'
  | 'version_change'
  | 'call'
  | 'decision'
  | 'run'
  | 'usage'
  | 'budget'
  | 'drift'
  | 'approval'
  | 'halt'
  | 'resume'
  | 'torn_tail'
  | 'rotate';

/** Who and what an entry belongs to. */
export interface AuditScope {
  readonly agent?: string;
  readonly runId?: string;
  readonly sessionId?: string;
  readonly workflow?: string;
  readonly department?: string;
  readonly versionId?: string;
}

/** Fields every line has. */
export interface AuditEntryBase extends AuditScope {
  readonly seq: number;
  readonly prev: string;
  /** HMAC-SHA256 in a keyed chain, SHA-256 otherwise. */
  readonly hash: string;
  /** The id of the key that sealed the line (keyed chains only). */
  readonly kid?: string;
  readonly at: string;
  readonly type: AuditEntryType;
}

/** A version as an audit line records it. */
export interface AuditVersion {
  readonly id: string;
  readonly parts: VersionParts;
  readonly label?: string;
}

/** The first line of a chain; its `prev` is the random genesis. */
export interface GenesisEntry extends AuditEntryBase {
  readonly type: 'genesis';
  readonly format: 'agentwarden-audit/1';
  /** Set when a new chain had to start after an unreadable tail. */
  readonly restartReason?: string;
}

/** A warden attached to the log. */
export interface StartEntry extends AuditEntryBase {
  readonly type: 'start';
  readonly version: AuditVersion;
  readonly pid: number;
}

/** The warden starts under another version than the last one in the file. */
export interface VersionChangeEntry extends AuditEntryBase {
  readonly type: 'version_change';
  readonly from: AuditVersion;
  readonly to: AuditVersion;
  /** Names of the parts that differ (`model`, `prompt`...). */
  readonly changed: readonly string[];
}

/** One finished tool call. */
export interface CallEntry extends AuditEntryBase {
  readonly type: 'call';
  readonly tool: string;
  readonly callId: string;
  readonly outcome: CallOutcome;
  readonly errorCode?: string;
  readonly error?: unknown;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly args?: unknown;
  readonly result?: unknown;
}

/** A yes, no or wait from a middleware or a person. */
export interface DecisionEntry extends AuditEntryBase {
  readonly type: 'decision';
  readonly outcome: DecisionOutcome;
  readonly by: string;
  readonly rule?: string;
  readonly reason: string;
  readonly tool: string;
  readonly callId: string;
  readonly details?: unknown;
}

/** One finished run with its totals. */
export interface RunEntry extends AuditEntryBase {
  readonly type: 'run';
  readonly outcome: 'ok' | 'error';
  readonly startedAt: string;
  readonly durationMs: number;
  readonly calls: number;
  readonly errors: number;
  readonly blocked: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly parentRunId?: string;
  readonly error?: unknown;
}

/** One priced model call. */
export interface UsageEntry extends AuditEntryBase {
  readonly type: 'usage';
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens?: number;
  readonly costUsd?: number;
  readonly unpriced?: boolean;
}

/** A `budget`, `drift` or `approval` event as its middleware emitted it. */
export interface EventEntry extends AuditEntryBase {
  readonly type: 'budget' | 'drift' | 'approval';
  readonly event: Record<string, unknown>;
}

/** The kill switch went on (`halt`) or off (`resume`). */
export interface SwitchEntry extends AuditEntryBase {
  readonly type: 'halt' | 'resume';
  readonly reason?: string;
}

/** A partial line left by a crash, sealed off by the next writer. */
export interface TornTailEntry extends AuditEntryBase {
  readonly type: 'torn_tail';
  readonly fragment: { readonly offset: number; readonly bytes: number; readonly sha256: string };
}

/** The first line of a file the log rotated into; the chain runs on from `previousFile`. */
export interface RotateEntry extends AuditEntryBase {
  readonly type: 'rotate';
  readonly previousFile: string;
  readonly version?: AuditVersion;
}

/** Any audit line. */
export type AuditEntry =
  | GenesisEntry
  | StartEntry
  | VersionChangeEntry
  | CallEntry
  | DecisionEntry
  | RunEntry
  | UsageEntry
  | EventEntry
  | SwitchEntry
  | TornTailEntry
  | RotateEntry;

/** The scope fields of an entry, in the order they are written. */
export const SCOPE_FIELDS = ['agent', 'runId', 'sessionId', 'workflow', 'department', 'versionId'] as const;
