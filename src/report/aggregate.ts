/**
 * Folds audit entries into report facts, one entry at a time: counts, plots, cost
 * attribution, incidents, approvals, version changes and a timeline of notable events.
 * Every list is capped and the plots use adaptive buckets, so memory stays flat.
 */
import type { VerifyResult } from '../audit/chain-verifier.js';
import type { AuditEntry, CallEntry, DecisionEntry, EventEntry, UsageEntry } from '../audit/entries.js';
import type { DecisionOutcome } from '../core/types.js';
import { describeApproval, describeBudget, describeDrift, driftValue } from './describe-event.js';
import type { ApprovalStep, Capped, CostDimension, CostRow, DriftPoint, Incident, ReportData, ReportFilter, ReportSummary, TimelineItem, VersionChange } from './report-data.js';
import { createRing, createThinnedList } from './bounded-lists.js';
import { createTimeSeries } from './series.js';

/** Caps of the report's lists. */
export interface ReportLimits {
  readonly incidents: number;
  readonly approvals: number;
  readonly versions: number;
  readonly timeline: number;
  readonly driftPoints: number;
  readonly buckets: number;
}

/** Defaults: 500 incidents and approvals, 200 version changes, the last 1,000 timeline items, 2,000 drift points, 120 buckets. */
export const DEFAULT_REPORT_LIMITS: ReportLimits = { incidents: 500, approvals: 500, versions: 200, timeline: 1000, driftPoints: 2000, buckets: 120 };

/** Where the entries came from, for the finished report. */
export interface ReportSource {
  readonly file: string;
  readonly integrity: VerifyResult;
  readonly bytes: number;
  readonly unreadableLines: number;
}

/** The fold: `add` entries in file order, then `finish`. */
export interface ReportBuilder {
  add(entry: AuditEntry): void;
  finish(source: ReportSource): ReportData;
}

const DIMENSIONS: readonly CostDimension[] = ['department', 'workflow', 'agent', 'model'];
const INCIDENT_OUTCOMES = new Set<DecisionOutcome>(['deny', 'halt', 'reject']);
const NONE = '(none)';

/** Creates a report fold over the entries `filter` selects. */
export function createReportBuilder(filter: ReportFilter = {}, limits: ReportLimits = DEFAULT_REPORT_LIMITS, now: () => number = Date.now): ReportBuilder {
  const summary: ReportSummary = {
    entries: 0, runs: 0, calls: 0, callsOk: 0, callsFailed: 0, callsBlocked: 0, decisions: 0, denials: 0, halts: 0, pauses: 0,
    approvals: 0, rejections: 0, flags: 0, spendUsd: 0, inputTokens: 0, outputTokens: 0, unpricedModelCalls: 0, budgetEvents: 0,
    driftAlerts: 0, versionChanges: 0, recoveredFragments: 0,
  };
  const series = createTimeSeries(limits.buckets);
  const cost = new Map<CostDimension, Map<string, CostRow>>(DIMENSIONS.map((dimension) => [dimension, new Map()]));
  const incidents: Capped<Incident> = { items: [], omitted: 0 };
  const approvals: Capped<ApprovalStep> = { items: [], omitted: 0 };
  const versions: Capped<VersionChange> = { items: [], omitted: 0 };
  const incidentsAwaitingArgs = new Map<string, Incident>();
  const timeline = createRing<TimelineItem>(limits.timeline);
  const drift = createThinnedList<DriftPoint>(limits.driftPoints);
  let firstAt: number | undefined;
  let lastAt: number | undefined;

  function selected(entry: AuditEntry, at: number): boolean {
    if (filter.from !== undefined && at < filter.from) return false;
    if (filter.to !== undefined && at > filter.to) return false;
    if (filter.agent !== undefined && entry.agent !== filter.agent) return false;
    if (filter.session !== undefined && entry.sessionId !== filter.session) return false;
    if (filter.workflow !== undefined && entry.workflow !== filter.workflow) return false;
    if (filter.department !== undefined && entry.department !== filter.department) return false;
    return true;
  }

  function onCall(entry: CallEntry, at: number): void {
    summary.calls += 1;
    if (entry.outcome === 'ok') summary.callsOk += 1;
    else if (entry.outcome === 'blocked') summary.callsBlocked += 1;
    else summary.callsFailed += 1;
    const bucket = series.bucket(at);
    bucket.calls += 1;
    if (entry.outcome !== 'ok') bucket.failed += 1;
    const incident = incidentsAwaitingArgs.get(entry.callId);
    if (incident) {
      incident.args = entry.args;
      incidentsAwaitingArgs.delete(entry.callId);
    }
  }

  function onDecision(entry: DecisionEntry, at: number): void {
    summary.decisions += 1;
    const counter = ({ deny: 'denials', halt: 'halts', pause: 'pauses', approve: 'approvals', reject: 'rejections', flag: 'flags' } as const)[entry.outcome as Exclude<DecisionOutcome, 'allow'>];
    if (counter) summary[counter] += 1;
    const decisions = series.bucket(at).decisions as Record<DecisionOutcome, number>;
    decisions[entry.outcome] = (decisions[entry.outcome] ?? 0) + 1;
    if (INCIDENT_OUTCOMES.has(entry.outcome)) {
      const incident: Incident = { at: entry.at, outcome: entry.outcome, tool: entry.tool, callId: entry.callId, by: entry.by, reason: String(entry.reason), ...pick(entry, ['agent', 'rule', 'sessionId', 'runId', 'versionId']) };
      if (push(incidents, incident, limits.incidents)) incidentsAwaitingArgs.set(entry.callId, incident);
    }
    if (entry.outcome === 'pause' || entry.outcome === 'approve' || entry.outcome === 'reject') {
      push(approvals, { at: entry.at, what: entry.outcome, tool: entry.tool, callId: entry.callId, by: entry.by, reason: String(entry.reason) }, limits.approvals);
    }
    if (entry.outcome !== 'allow') {
      const severity = entry.outcome === 'deny' || entry.outcome === 'halt' || entry.outcome === 'reject' ? 'alert' : entry.outcome === 'approve' ? 'info' : 'warn';
      timeline.push({ at: entry.at, kind: 'decision', severity, text: `${entry.outcome} ${entry.tool} by ${entry.by}${entry.rule ? ` (${entry.rule})` : ''}: ${String(entry.reason)}`, tool: entry.tool, ...pick(entry, ['agent']) });
    }
  }

  function onUsage(entry: UsageEntry, at: number): void {
    const costUsd = typeof entry.costUsd === 'number' ? entry.costUsd : 0;
    const unpriced = entry.unpriced === true || entry.costUsd === undefined;
    summary.spendUsd += costUsd;
    summary.inputTokens += entry.inputTokens ?? 0;
    summary.outputTokens += entry.outputTokens ?? 0;
    if (unpriced) summary.unpricedModelCalls += 1;
    series.bucket(at).costUsd += costUsd;
    for (const dimension of DIMENSIONS) {
      const key = (dimension === 'model' ? entry.model : entry[dimension]) ?? NONE;
      const rows = cost.get(dimension)!;
      let row = rows.get(key);
      if (!row) {
        row = { key, costUsd: 0, inputTokens: 0, outputTokens: 0, modelCalls: 0, unpricedCalls: 0 };
        rows.set(key, row);
      }
      row.costUsd += costUsd;
      row.inputTokens += entry.inputTokens ?? 0;
      row.outputTokens += entry.outputTokens ?? 0;
      row.modelCalls += 1;
      if (unpriced) row.unpricedCalls += 1;
    }
  }

  function onEvent(entry: EventEntry, at: number): void {
    const event = entry.event ?? {};
    if (entry.type === 'budget') {
      summary.budgetEvents += 1;
      const described = describeBudget(event);
      timeline.push({ at: entry.at, kind: 'budget', severity: described.severity, text: described.text, ...pick(entry, ['agent']) });
    } else if (entry.type === 'drift') {
      summary.driftAlerts += 1;
      timeline.push({ at: entry.at, kind: 'drift', severity: 'alert', text: describeDrift(event), ...pick(entry, ['agent']) });
      const value = driftValue(event);
      if (value !== undefined) drift.push({ at, metric: typeof event.metric === 'string' ? event.metric : 'drift', value });
    } else {
      const step = describeApproval(event);
      push(approvals, { at: entry.at, ...step }, limits.approvals);
      timeline.push({ at: entry.at, kind: 'approval', severity: step.what === 'rejected' || step.what === 'expired' ? 'warn' : 'info', text: `approval ${step.what}${step.tool ? ` ${step.tool}` : ''}${step.by ? ` by ${step.by}` : ''}${step.reason ? `: ${step.reason}` : ''}`, ...pick(entry, ['agent']) });
    }
  }

  return {
    add(entry) {
      const at = Date.parse(entry.at);
      if (Number.isNaN(at) || !selected(entry, at)) return;
      summary.entries += 1;
      if (firstAt === undefined || at < firstAt) firstAt = at;
      if (lastAt === undefined || at > lastAt) lastAt = at;
      switch (entry.type) {
        case 'call':
          return onCall(entry, at);
        case 'decision':
          return onDecision(entry, at);
        case 'run':
          summary.runs += 1;
          return;
        case 'usage':
          return onUsage(entry, at);
        case 'budget':
        case 'drift':
        case 'approval':
          return onEvent(entry, at);
        case 'halt':
        case 'resume':
          timeline.push({ at: entry.at, kind: entry.type, severity: entry.type === 'halt' ? 'alert' : 'info', text: `kill switch ${entry.type === 'halt' ? 'on' : 'off'}${entry.reason ? `: ${String(entry.reason)}` : ''}`, ...pick(entry, ['agent']) });
          return;
        case 'version_change':
          summary.versionChanges += 1;
          push(versions, { at: entry.at, to: entry.to, changed: entry.changed ?? [], ...pick(entry, ['agent', 'from']) }, limits.versions);
          timeline.push({ at: entry.at, kind: 'version', severity: 'warn', text: `version ${entry.from?.id ?? '?'} → ${entry.to?.id ?? '?'} (changed: ${(entry.changed ?? []).join(', ') || 'nothing named'})`, ...pick(entry, ['agent']) });
          return;
        case 'start':
          timeline.push({ at: entry.at, kind: 'start', severity: 'info', text: `warden started under ${entry.version?.id ?? entry.versionId ?? '?'}`, ...pick(entry, ['agent']) });
          return;
        case 'torn_tail':
          timeline.push({ at: entry.at, kind: 'recovery', severity: 'warn', text: `a torn line of ${entry.fragment?.bytes ?? '?'} bytes (crash during a write) was sealed off` });
          return;
        default:
          return;
      }
    },
    finish(source) {
      const costTables = Object.fromEntries(
        DIMENSIONS.map((dimension) => [dimension, [...cost.get(dimension)!.values()].sort((a, b) => b.costUsd - a.costUsd || b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens))]),
      ) as Record<CostDimension, CostRow[]>;
      return {
        file: source.file,
        generatedAt: new Date(now()).toISOString(),
        filter,
        integrity: source.integrity,
        bytes: source.bytes,
        unreadableLines: source.unreadableLines,
        ...(firstAt !== undefined && { firstAt: new Date(firstAt).toISOString() }),
        ...(lastAt !== undefined && { lastAt: new Date(lastAt).toISOString() }),
        summary: { ...summary, recoveredFragments: source.integrity.recoveredFragments },
        series: series.snapshot(),
        drift: drift.items(),
        cost: costTables,
        versions,
        incidents,
        approvals,
        timeline: timeline.capped(),
      };
    },
  };
}

function push<T>(list: Capped<T>, item: T, cap: number): boolean {
  if (list.items.length >= cap) {
    list.omitted += 1;
    return false;
  }
  list.items.push(item);
  return true;
}

function pick<T extends object, K extends string>(source: T, keys: readonly K[]): Partial<Record<K, any>> {
  const picked: Partial<Record<K, unknown>> = {};
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}
