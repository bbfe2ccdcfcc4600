/**
 * Turns warden events into audit entry bodies (JSON text without the chain fields). Built
 * when the batch is written, not when the event fires, so redaction and serialization stay
 * off the tool call's path.
 */
import type { CallObservation, Decision, RunObservation, SettledUsage, VersionStamp } from '../core/types.js';
import { auditContent, type ContentLimits, type Redactor } from './content.js';
import { SCOPE_FIELDS, type AuditVersion } from './entries.js';

/** What the body builders need from the audit log's options. */
export interface BodyOptions {
  readonly redact: Redactor | undefined;
  readonly limits: ContentLimits;
  readonly captureArgs: boolean;
  readonly captureResults: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A version as written in `start`, `rotate` and `version_change` lines. */
export function auditVersion(version: VersionStamp): AuditVersion {
  return version.label === undefined ? { id: version.id, parts: version.parts } : { id: version.id, parts: version.parts, label: version.label };
}

/** A `call` line: the call's scope, outcome, timing and (redacted) args. */
export function callBody(observation: CallObservation, options: BodyOptions): string {
  const endedAt = observation.startedAt + observation.durationMs;
  return JSON.stringify({
    at: iso(endedAt),
    type: 'call',
    agent: observation.agent,
    runId: observation.runId,
    sessionId: observation.sessionId,
    workflow: observation.workflow,
    department: observation.department,
    versionId: observation.version.id,
    tool: observation.tool,
    callId: observation.callId,
    outcome: observation.outcome,
    errorCode: observation.errorCode,
    error: observation.outcome === 'ok' ? undefined : auditContent('error', errorSummary(observation.error), options.redact, options.limits),
    startedAt: iso(observation.startedAt),
    durationMs: observation.durationMs,
    args: options.captureArgs ? auditContent('args', observation.args, options.redact, options.limits) : undefined,
    result: options.captureResults && observation.outcome === 'ok' ? auditContent('result', observation.result, options.redact, options.limits) : undefined,
  });
}

/** A `decision` line, as any middleware or person emitted it. */
export function decisionBody(decision: Decision, options: BodyOptions): string {
  return JSON.stringify({
    at: decision.at,
    type: 'decision',
    agent: decision.agent,
    runId: decision.runId,
    sessionId: decision.sessionId,
    workflow: decision.workflow,
    department: decision.department,
    versionId: decision.versionId,
    outcome: decision.outcome,
    by: decision.by,
    rule: decision.rule,
    reason: auditContent('reason', decision.reason, options.redact, options.limits),
    tool: decision.tool,
    callId: decision.callId,
    details: decision.details === undefined ? undefined : auditContent('details', decision.details, options.redact, options.limits),
  });
}

/** A `run` line with the run's totals and cost. */
export function runBody(observation: RunObservation, options: BodyOptions): string {
  const { run } = observation;
  return JSON.stringify({
    at: iso(run.startedAt + observation.durationMs),
    type: 'run',
    agent: run.agent,
    runId: run.runId,
    sessionId: run.sessionId,
    workflow: run.workflow,
    department: run.department,
    versionId: run.version.id,
    outcome: observation.outcome,
    startedAt: iso(run.startedAt),
    durationMs: observation.durationMs,
    calls: observation.calls,
    errors: observation.errors,
    blocked: observation.blocked,
    inputTokens: observation.inputTokens,
    outputTokens: observation.outputTokens,
    costUsd: observation.costUsd,
    parentRunId: run.parentRunId,
    error: observation.outcome === 'error' ? auditContent('error', errorSummary(observation.error), options.redact, options.limits) : undefined,
  });
}

/** A `usage` line: one model call's tokens and price. */
export function usageBody(usage: SettledUsage): string {
  return JSON.stringify({
    at: usage.at,
    type: 'usage',
    agent: usage.agent,
    runId: usage.runId,
    sessionId: usage.sessionId,
    workflow: usage.workflow,
    department: usage.department,
    versionId: usage.versionId,
    model: usage.model,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    costUsd: usage.costUsd,
    unpriced: usage.unpriced,
  });
}

/** A `budget`, `drift` or `approval` line: the scope it names, and the whole event (redacted). */
export function eventBody(type: 'budget' | 'drift' | 'approval', payload: unknown, fallback: { at: number; agent: string }, options: BodyOptions): string {
  const event = (typeof payload === 'object' && payload !== null ? payload : { value: payload }) as Record<string, unknown>;
  const scope: Record<string, unknown> = {};
  for (const field of SCOPE_FIELDS) if (typeof event[field] === 'string') scope[field] = event[field];
  const at = typeof event.at === 'string' ? event.at : iso(fallback.at);
  return JSON.stringify({ at, type, agent: fallback.agent, ...scope, event: auditContent('event', event, options.redact, options.limits) });
}

/** A `halt` or `resume` line from the kill switch. */
export function switchBody(type: 'halt' | 'resume', payload: { reason?: string; at?: string } | undefined, fallback: { at: number; agent: string }, options: BodyOptions): string {
  return JSON.stringify({
    at: payload?.at ?? iso(fallback.at),
    type,
    agent: fallback.agent,
    reason: payload?.reason === undefined ? undefined : auditContent('reason', payload.reason, options.redact, options.limits),
  });
}

/** A `start` line: a warden attached, under this version. */
export function startBody(agent: string, version: VersionStamp, at: number): string {
  return JSON.stringify({ at: iso(at), type: 'start', agent, versionId: version.id, version: auditVersion(version), pid: process.pid });
}

/** A `version_change` line: the parts that differ between the last version in the file and this one. */
export function versionChangeBody(agent: string, from: AuditVersion, to: VersionStamp, at: number): string {
  const keys = new Set([...Object.keys(from.parts ?? {}), ...Object.keys(to.parts)]);
  const changed = [...keys].filter((key) => JSON.stringify(from.parts?.[key]) !== JSON.stringify(to.parts[key])).sort();
  return JSON.stringify({ at: iso(at), type: 'version_change', agent, versionId: to.id, from, to: auditVersion(to), changed });
}

function errorSummary(error: unknown): unknown {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' && { code }) };
  }
  return error;
}
