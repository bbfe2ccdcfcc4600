/**
 * `replayer(cassette)`: re-runs a recorded session. Put it where the recorder was (last):
 * the guards before it run live and re-make their decisions, and each call that reaches it
 * is matched, in order, to the recorded call and answered from the tape — offline, the tool
 * never runs; `nextModelTurn(warden)` hands out the recorded model answers. `report()` lists where the new run left the recording: another tool, other
 * args, a call too many or too few, a different decision or run outcome. With
 * `tools: 'live'` the real tool runs and its result is compared with the recorded one.
 */
import { z } from 'zod';
import { hostOf } from '../core/call-context.js';
import { named } from '../internal/named.js';
import { parseOptions } from '../internal/options.js';
import type { Decision, Middleware, RunObservation, ToolCall, WardenHost } from '../core/types.js';
import { isCassette, readCassette, recordError, type Cassette, type RecordedCall, type RecordedDecision } from './cassette.js';
import { firstDecisionDivergence, sameValue, type Divergence } from './divergence.js';
import { ReplayDivergenceError, ReplayedToolError } from './errors.js';
import type { ReplayerCapability } from './model-turns.js';
import { toJsonSafe, type JsonSafeOptions } from './json-safe.js';

/** Options of `replayer`. */
export interface ReplayerOptions extends JsonSafeOptions {
  /** `cassette`: answer from the tape (offline). `live`: run the tool and compare. Defaults to `'cassette'`. */
  tools?: 'cassette' | 'live';
  /** When a call cannot be served from the tape: `throw` a `ReplayDivergenceError` or run the tool `live`. Defaults to `'throw'`. */
  onDivergence?: 'throw' | 'live';
  /** Compare the run's decisions with the recorded ones. Defaults to `true`. */
  compareDecisions?: boolean;
}

/** What a replay found. */
export interface ReplayReport {
  /** True when no divergence was found. */
  readonly identical: boolean;
  /** Runs finished under this replayer. */
  readonly runs: number;
  /** Calls that reached the replayer. */
  readonly calls: number;
  /** Calls answered from the tape. */
  readonly served: number;
  readonly divergences: readonly Divergence[];
}

/** The replayer middleware and its report. */
export interface Replayer extends Middleware {
  readonly cassette: Cassette;
  report(): ReplayReport;
}

interface RunReplay {
  cursor: number;
  turn: number;
  decisions: RecordedDecision[];
}

const replayerSchema = z.object({
  tools: z.enum(['cassette', 'live']).default('cassette'),
  onDivergence: z.enum(['throw', 'live']).default('throw'),
  compareDecisions: z.boolean().default(true),
  redact: z.custom<ReplayerOptions['redact']>((value) => typeof value === 'function', 'must be a function').optional(),
  maxContentLength: z.number().int().positive().optional(),
});

/**
 * Creates a replayer for one cassette (an object or a file path).
 * @param cassette what `recorder` wrote.
 * @param options `tools`, `onDivergence`, `compareDecisions`; `redact`/`maxContentLength` as given to the recorder.
 * @returns a middleware with `report()`.
 * @example
 * const replay = replayer('cassettes/run_123.json');
 * const warden = createWarden({ agent: 'refunds', middleware: [policy(spec), replay] });
 * await warden.run({ sessionId: 's1' }, () => agent(input));
 * if (!replay.report().identical) console.table(replay.report().divergences);
 */
export function replayer(cassette: Cassette | string, options: ReplayerOptions = {}): Replayer {
  const tape = typeof cassette === 'string' ? readCassette(cassette) : cassette;
  if (!isCassette(tape)) throw new TypeError('replayer: `cassette` must be a cassette object or the path of a cassette file');
  const { tools, onDivergence, compareDecisions, ...cleaning } = parseOptions('replayer', replayerSchema, options);
  const safe = (value: unknown) => toJsonSafe(value, cleaning);
  const runs = new Map<string, RunReplay>();
  const divergences: Divergence[] = [];
  let finished = 0;
  let calls = 0;
  let served = 0;

  const stateOf = (runId: string) => {
    let state = runs.get(runId);
    if (!state) runs.set(runId, (state = { cursor: 0, turn: 0, decisions: [] }));
    return state;
  };

  const layer = async function replayer(call: ToolCall, next: (call?: ToolCall) => Promise<unknown>) {
    // Calls outside a run share one cursor, so they do not leave state behind per call.
    const inRun = hostOf(call)?.currentRun()?.runId === call.runId;
    const state = stateOf(inRun ? call.runId : '(no run)');
    const index = state.cursor++;
    calls += 1;
    const recorded = tape.calls[index];
    const args = safe(call.args);
    const found = recorded === undefined ? diverge('extra', call.runId, index, undefined, call.tool, `call #${index}: ${call.tool} was not in the recording`) : matchCall(call, recorded, args, index);
    if (tools === 'live') return runLive(call, next, recorded, found === undefined, index);
    if (found !== undefined) {
      if (onDivergence === 'live') return next();
      throw new ReplayDivergenceError(found);
    }
    served += 1;
    if (recorded!.outcome === 'error') throw new ReplayedToolError(recorded!.error ?? { name: 'Error', message: 'recorded error' });
    return structuredClone(recorded!.result);
  } as Middleware;

  function matchCall(call: ToolCall, recorded: RecordedCall, args: unknown, index: number): Divergence | undefined {
    if (recorded.tool !== call.tool) return diverge('tool', call.runId, index, recorded.tool, call.tool, `call #${index}: expected ${recorded.tool}, got ${call.tool}`);
    if (!sameValue(recorded.args, args)) return diverge('args', call.runId, index, recorded.args, args, `call #${index} (${call.tool}): expected args ${JSON.stringify(recorded.args)}, got ${JSON.stringify(args)}`);
    return undefined;
  }

  async function runLive(call: ToolCall, next: (call?: ToolCall) => Promise<unknown>, recorded: RecordedCall | undefined, comparable: boolean, index: number) {
    try {
      const result = await next();
      if (comparable && recorded) {
        const actual = safe(result);
        if (recorded.outcome === 'error') diverge('error', call.runId, index, recorded.error, undefined, `call #${index} (${call.tool}): recorded error ${recorded.error?.message}, now succeeded`);
        else if (!sameValue(recorded.result, actual)) diverge('result', call.runId, index, recorded.result, actual, `call #${index} (${call.tool}): expected result ${JSON.stringify(recorded.result)}, got ${JSON.stringify(actual)}`);
      }
      return result;
    } catch (error) {
      const actual = recordError(error);
      if (comparable && recorded && (recorded.outcome !== 'error' || recorded.error?.message !== actual.message)) {
        diverge('error', call.runId, index, recorded.error, actual, `call #${index} (${call.tool}): ${recorded.outcome === 'error' ? `expected error ${recorded.error?.message}` : 'recorded success'}, got error ${actual.message}`);
      }
      throw error;
    }
  }

  function diverge(kind: Divergence['kind'], runId: string, index: number, expected: unknown, actual: unknown, message: string): Divergence {
    const divergence: Divergence = { kind, runId, index, message, ...(expected !== undefined && { expected }), ...(actual !== undefined && { actual }) };
    divergences.push(divergence);
    return divergence;
  }

  function attach(host: WardenHost) {
    const capability: ReplayerCapability = {
      nextModelTurn() {
        const run = host.currentRun();
        if (!run) return undefined;
        const state = stateOf(run.runId);
        return tape.turns?.[state.turn++];
      },
    };
    host.provide('replayer', capability);
    host.on('decision', (decision: Decision) => {
      const run = host.currentRun();
      if (!run || run.runId !== decision.runId) return;
      stateOf(run.runId).decisions.push({ outcome: decision.outcome, by: decision.by, reason: decision.reason, tool: decision.tool, callId: decision.callId, offsetMs: 0, ...(decision.rule !== undefined && { rule: decision.rule }) });
    });
    host.on('run', (observation: RunObservation) => finishRun(observation));
  }

  function finishRun(observation: RunObservation): void {
    const { runId } = observation.run;
    const state = runs.get(runId) ?? { cursor: 0, turn: 0, decisions: [] };
    runs.delete(runId);
    finished += 1;
    for (let index = state.cursor; index < tape.calls.length; index++) {
      diverge('missing', runId, index, tape.calls[index]!.tool, undefined, `call #${index}: recorded ${tape.calls[index]!.tool} was never made`);
    }
    if (compareDecisions) {
      // Served from tape, a call never reaches the layers after the replayer: their recorded decisions are not expected.
      const expected = tools === 'live' ? tape.decisions : tape.decisions.filter((decision) => !decision.inner);
      const found = firstDecisionDivergence(runId, expected, state.decisions);
      if (found) divergences.push(found);
    }
    if (observation.outcome !== tape.outcome) {
      diverge('outcome', runId, state.cursor, tape.outcome, observation.outcome, `run: recorded outcome ${tape.outcome}, replay ended ${observation.outcome}${observation.error instanceof Error ? ` (${observation.error.message})` : ''}`);
    }
  }

  return Object.assign(named('replayer', layer, attach), {
    cassette: tape,
    report: (): ReplayReport => ({ identical: divergences.length === 0, runs: finished, calls, served, divergences: [...divergences] }),
  });
}
