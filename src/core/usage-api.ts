/**
 * `warden.reserve`, `warden.recordUsage` and `warden.costs`: model usage goes through the
 * `usage` capability (`tokenBudget`) when there is one, and is still checked, counted on the
 * run's totals, put on spans and emitted when there is none.
 */
import type { HostParts } from './host.js';
import { isoTime } from './decision.js';
import type { RunRecord } from './run-scope.js';
import type { Clock, CostReport, ReservationHandle, RunInfo, SettledUsage, UsageEstimate, UsageInput, UsageMeter, VersionStamp } from './types.js';
import { checkUsage } from './usage.js';

/** What `reserve` hands out when no budget is configured: nothing is held. */
const NO_RESERVATION: ReservationHandle = Object.freeze({ id: 'unmetered', tokens: 0, costUsd: 0, release: async () => {} });

/** The usage methods of one warden. */
export function createUsageApi(agent: string, defaultVersion: VersionStamp, clock: Clock, parts: HostParts, current: () => RunRecord | undefined) {
  const meter = () => parts.capabilities.get('usage') as UsageMeter | undefined;

  function unmeteredUsage(usage: UsageInput, info: RunInfo | undefined): SettledUsage {
    const settled: { -readonly [K in keyof SettledUsage]: SettledUsage[K] } = {
      model: usage.model,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      agent,
      versionId: (info?.version ?? defaultVersion).id,
      at: isoTime(clock.now()),
    };
    if (usage.cachedInputTokens !== undefined) settled.cachedInputTokens = usage.cachedInputTokens;
    if (info) {
      settled.runId = info.runId;
      if (info.workflow !== undefined) settled.workflow = info.workflow;
      if (info.department !== undefined) settled.department = info.department;
      if (info.sessionId !== undefined) settled.sessionId = info.sessionId;
    }
    return settled;
  }

  return {
    async reserve(estimate: UsageEstimate): Promise<ReservationHandle> {
      const active = meter();
      return active ? active.reserve(current()?.info, estimate) : NO_RESERVATION;
    },
    async recordUsage(usage: UsageInput, reservation?: ReservationHandle): Promise<SettledUsage> {
      checkUsage(usage);
      const record = current();
      const active = meter();
      const settled = active ? await active.record(record?.info, usage, reservation) : unmeteredUsage(usage, record?.info);
      if (record) {
        record.totals.inputTokens += settled.inputTokens;
        record.totals.outputTokens += settled.outputTokens;
        record.totals.costUsd += settled.costUsd ?? 0;
      }
      try {
        parts.tracer()?.recordUsage(record?.info, settled);
      } catch {
        parts.count('tracing.errors');
      }
      parts.safeEmit('usage', settled);
      return settled;
    },
    costs(): Promise<CostReport> {
      const active = meter();
      if (active) return active.costs();
      const none = { tokens: 0, costUsd: 0, calls: 0 };
      return Promise.resolve({ at: new Date(clock.now()).toISOString(), total: none, byRun: {}, byAgent: {}, byWorkflow: {}, byDepartment: {}, byDepartmentWorkflow: {}, byModel: {}, limits: [] });
    },
  };
}
