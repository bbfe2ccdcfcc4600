/**
 * The facts an incident report shows, gathered in one streaming pass over an audit file.
 * Everything here is bounded (capped lists, adaptive time buckets), so a report over a
 * 1 GB file needs as little memory as one over a 1 KB file.
 */
import type { VerifyResult } from '../audit/chain-verifier.js';
import type { AuditVersion } from '../audit/entries.js';
import type { DecisionOutcome } from '../core/types.js';

/** Which entries a report covers. Times in ms since the epoch. */
export interface ReportFilter {
  readonly from?: number;
  readonly to?: number;
  readonly agent?: string;
  readonly session?: string;
  readonly workflow?: string;
  readonly department?: string;
}

/** The dimensions spend can be attributed to. */
export type CostDimension = 'department' | 'workflow' | 'agent' | 'model';

/** Spend and volume for one key of a dimension. */
export interface CostRow {
  readonly key: string;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  /** Model calls (usage entries). */
  modelCalls: number;
  /** Model calls whose model has no price (tokens counted, cost unknown). */
  unpricedCalls: number;
}

/** Counts over the covered entries. */
export interface ReportSummary {
  entries: number;
  runs: number;
  calls: number;
  callsOk: number;
  callsFailed: number;
  callsBlocked: number;
  decisions: number;
  denials: number;
  halts: number;
  pauses: number;
  approvals: number;
  rejections: number;
  flags: number;
  spendUsd: number;
  inputTokens: number;
  outputTokens: number;
  unpricedModelCalls: number;
  budgetEvents: number;
  driftAlerts: number;
  versionChanges: number;
  recoveredFragments: number;
}

/** One time bucket of the plots. */
export interface SeriesBucket {
  /** Bucket start, ms since the epoch. */
  readonly start: number;
  readonly decisions: Partial<Record<DecisionOutcome, number>>;
  calls: number;
  failed: number;
  costUsd: number;
}

/** A point of a drift metric over time. */
export interface DriftPoint {
  readonly at: number;
  readonly metric: string;
  readonly value: number;
}

/** A denied, halted or rejected call and why. */
export interface Incident {
  readonly at: string;
  readonly outcome: DecisionOutcome;
  readonly tool: string;
  readonly callId: string;
  readonly agent?: string;
  readonly by: string;
  readonly rule?: string;
  readonly reason: string;
  readonly sessionId?: string;
  readonly runId?: string;
  readonly versionId?: string;
  /** The call's args, when its `call` line was seen. */
  args?: unknown;
}

/** A version change in the file. */
export interface VersionChange {
  readonly at: string;
  readonly agent?: string;
  readonly from?: AuditVersion;
  readonly to: AuditVersion;
  readonly changed: readonly string[];
}

/** A human-approval step: a pause, a verdict, or an `approval` event. */
export interface ApprovalStep {
  readonly at: string;
  readonly what: string;
  readonly tool?: string;
  readonly callId?: string;
  readonly by?: string;
  readonly reason?: string;
}

/** One notable line of the timeline. */
export interface TimelineItem {
  readonly at: string;
  readonly kind: 'decision' | 'halt' | 'resume' | 'version' | 'budget' | 'drift' | 'approval' | 'error' | 'recovery' | 'start';
  readonly severity: 'info' | 'warn' | 'alert';
  readonly text: string;
  readonly agent?: string;
  readonly tool?: string;
}

/** A capped list: the kept items and how many were left out. */
export interface Capped<T> {
  readonly items: T[];
  omitted: number;
}

/** Everything a report renders. */
export interface ReportData {
  readonly file: string;
  readonly generatedAt: string;
  readonly filter: ReportFilter;
  readonly integrity: VerifyResult;
  readonly bytes: number;
  readonly unreadableLines: number;
  readonly firstAt?: string;
  readonly lastAt?: string;
  readonly summary: ReportSummary;
  readonly series: { readonly bucketMs: number; readonly buckets: readonly SeriesBucket[] };
  readonly drift: readonly DriftPoint[];
  readonly cost: Readonly<Record<CostDimension, readonly CostRow[]>>;
  readonly versions: Capped<VersionChange>;
  readonly incidents: Capped<Incident>;
  readonly approvals: Capped<ApprovalStep>;
  /** The most recent notable events, oldest first. */
  readonly timeline: Capped<TimelineItem>;
}
