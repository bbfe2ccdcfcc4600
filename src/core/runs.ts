/**
 * `warden.run`: one agent run as a scope — its id, version, span, per-run middleware state
 * and totals — kept in the warden's own AsyncLocalStorage, and the `run` event at its end.
 */
import { context as otelContext, trace, type Span } from '@opentelemetry/api';
import type { HostParts } from './host.js';
import { OptionsError } from './errors.js';
import { createRunStorage, emptyTotals, type RunRecord } from './run-scope.js';
import type { Clock, RunInfo, RunScope, VersionStamp } from './types.js';
import { newId } from '../internal/ids.js';

/** What the run scope needs from its warden. */
export interface RunDeps {
  readonly agent: string;
  readonly clock: Clock;
  readonly parts: HostParts;
  /** The version a run with this scope gets. */
  readonly versionFor: (scope: RunScope) => VersionStamp;
}

/** The run scope of one warden: `run`, the current record, and an implicit record for calls outside any run. */
export function createRunScope(deps: RunDeps) {
  const { agent, clock, parts } = deps;
  const storage = createRunStorage();

  const current = (): RunRecord | undefined => storage.getStore();

  /** A one-call run for a call made outside `warden.run`. */
  function implicitRecord(): RunRecord {
    const info: RunInfo = { runId: newId('run'), agent, version: deps.versionFor({}), startedAt: clock.now(), metadata: {} };
    return { info, state: new Map(), totals: emptyTotals(), owner: parts.host };
  }

  async function run<T>(scope: RunScope, fn: (run: RunInfo) => T | Promise<T>): Promise<T> {
    if (typeof fn !== 'function') throw new OptionsError('warden.run: `fn` must be a function');
    const parent = current();
    const workflow = scope.workflow ?? parent?.info.workflow;
    const department = scope.department ?? parent?.info.department;
    const info = {
      runId: scope.runId ?? newId('run'),
      agent,
      version: deps.versionFor(scope),
      startedAt: clock.now(),
      metadata: { ...scope.metadata },
      ...(scope.sessionId !== undefined && { sessionId: scope.sessionId }),
      ...(workflow !== undefined && { workflow }),
      ...(department !== undefined && { department }),
      ...(parent !== undefined && { parentRunId: parent.info.runId }),
    } as RunInfo;
    const record: RunRecord = { info, state: new Map(), totals: emptyTotals(), owner: parts.host };
    let span: Span | undefined;
    try {
      span = parts.tracer()?.startRun(info);
    } catch {
      parts.count('tracing.errors');
    }
    const body = () => storage.run(record, () => fn(info));
    let failure: unknown;
    let failed = false;
    try {
      return await (span ? otelContext.with(trace.setSpan(otelContext.active(), span), body) : body());
    } catch (error) {
      failed = true;
      failure = error;
      throw error;
    } finally {
      try {
        parts.tracer()?.endRun(info, span, failed ? failure : undefined);
      } catch {
        parts.count('tracing.errors');
      }
      // The record (and every middleware's per-run state in it) is dropped with the run.
      parts.safeEmit('run', {
        run: info,
        durationMs: clock.now() - info.startedAt,
        ...record.totals,
        outcome: failed ? 'error' : 'ok',
        ...(failed && { error: failure }),
      });
    }
  }

  return { run, current, record: () => current() ?? implicitRecord() };
}
