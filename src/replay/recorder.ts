/**
 * `recorder({ dir })`: records each run as a cassette — the scope and version, every tool call
 * that reaches it (args, result or error, timings), every decision of the run and the model
 * calls reported through `usage` — and writes it as `<dir>/<runId>.json` when the run ends
 * (temp file + rename, so a cassette is whole or absent). Model prompts and answers join the
 * tape through `recordModelTurn(warden, ...)` (it provides the `recorder` capability). Place it last in `middleware` so the
 * guards run before it: a replay then re-makes their decisions and serves the tool from tape.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { clockOf, hostOf } from '../core/call-context.js';
import { newId } from '../internal/ids.js';
import { named } from '../internal/named.js';
import { parseOptions } from '../internal/options.js';
import type { Decision, Middleware, RunObservation, SettledUsage, WardenHost } from '../core/types.js';
import { CASSETTE_FORMAT, recordError, type Cassette, type RecordedCall, type RecordedDecision, type RecordedModelCall, type RecordedModelTurn } from './cassette.js';
import type { RecorderCapability } from './model-turns.js';
import { toJsonSafe, type JsonSafeOptions } from './json-safe.js';

/** Options of `recorder`. */
export interface RecorderOptions extends JsonSafeOptions {
  /** Directory for `<runId>.json` cassettes. Without it (and without `onCassette`) cassettes stay in memory. */
  dir?: string;
  /** Called with each finished cassette (and its file, when written). */
  onCassette?: (cassette: Cassette, file?: string) => void;
}

/** The recorder middleware and its handles. */
export interface Recorder extends Middleware {
  /** Cassettes kept in memory (only when neither `dir` nor `onCassette` is given). */
  cassettes(): Cassette[];
  /** Resolves when every cassette file started so far is written. */
  flush(): Promise<void>;
}

interface Tape {
  calls: Array<RecordedCall & { outcome: 'ok' | 'error' }>;
  decisions: RecordedDecision[];
  model: RecordedModelCall[];
  turns: RecordedModelTurn[];
  startedAt: number;
}

const recorderSchema = z.object({
  dir: z.string().min(1, 'must be a non-empty path').optional(),
  onCassette: z.custom<RecorderOptions['onCassette']>((value) => typeof value === 'function', 'must be a function').optional(),
  redact: z.custom<RecorderOptions['redact']>((value) => typeof value === 'function', 'must be a function').optional(),
  maxContentLength: z.number().int().positive('must be a positive integer').optional(),
});

/**
 * Creates a recorder.
 * @param options `dir` for cassette files; `redact` and `maxContentLength` to clean content.
 * @returns a middleware with `cassettes()` and `flush()`.
 * @example
 * const tape = recorder({ dir: 'cassettes' });
 * const warden = createWarden({ agent: 'refunds', middleware: [policy(spec), tape] });
 */
export function recorder(options: RecorderOptions = {}): Recorder {
  const { dir, onCassette, ...cleaning } = parseOptions('recorder', recorderSchema, options);
  const safe = (value: unknown) => toJsonSafe(value, cleaning);
  const tapes = new Map<string, Tape>();
  const kept: Cassette[] = [];
  const writes = new Set<Promise<void>>();
  let dirReady: Promise<void> | undefined;
  /** Calls now inside the recorder (`runId:callId`): decisions made there come from layers after it. */
  const inside = new Set<string>();

  /** The open tape of the run the current context belongs to; undefined outside a run. */
  function tapeFor(host: WardenHost | undefined, runId: string | undefined): Tape | undefined {
    const run = host?.currentRun();
    if (!run || run.runId !== runId) return undefined;
    let tape = tapes.get(run.runId);
    if (!tape) tapes.set(run.runId, (tape = { calls: [], decisions: [], model: [], turns: [], startedAt: run.startedAt }));
    return tape;
  }

  const layer = async function recorder(call, next) {
    const tape = tapeFor(hostOf(call), call.runId);
    if (!tape) return next();
    const clock = clockOf(call);
    const startedAt = clock.now();
    const entry: { -readonly [K in keyof RecordedCall]: RecordedCall[K] } = {
      index: tape.calls.length,
      tool: call.tool,
      callId: call.callId,
      attempt: call.attempt,
      args: safe(call.args),
      outcome: 'ok',
      offsetMs: startedAt - tape.startedAt,
      durationMs: 0,
    };
    tape.calls.push(entry);
    const key = `${call.runId}:${call.callId}`;
    inside.add(key);
    try {
      const result = await next();
      entry.result = safe(result);
      return result;
    } catch (error) {
      entry.outcome = 'error';
      entry.error = recordError(error);
      throw error;
    } finally {
      inside.delete(key);
      entry.durationMs = clock.now() - startedAt;
    }
  } as Middleware;

  function attach(host: WardenHost) {
    const capability: RecorderCapability = {
      recordModelTurn({ model, input, output }) {
        const tape = tapeFor(host, host.currentRun()?.runId);
        if (tape) tape.turns.push({ model, input: safe(input), output: safe(output), offsetMs: host.clock.now() - tape.startedAt });
      },
    };
    host.provide('recorder', capability);
    host.on('decision', (decision: Decision) => {
      const tape = tapeFor(host, decision.runId);
      if (!tape) return;
      tape.decisions.push({
        outcome: decision.outcome,
        by: decision.by,
        reason: decision.reason,
        tool: decision.tool,
        callId: decision.callId,
        offsetMs: Date.parse(decision.at) - tape.startedAt,
        ...(decision.rule !== undefined && { rule: decision.rule }),
        ...(inside.has(`${decision.runId}:${decision.callId}`) && { inner: true }),
      });
    });
    host.on('usage', (usage: SettledUsage) => {
      const tape = tapeFor(host, usage.runId);
      if (!tape) return;
      tape.model.push({ model: usage.model, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, offsetMs: Date.parse(usage.at) - tape.startedAt, ...(usage.costUsd !== undefined && { costUsd: usage.costUsd }) });
    });
    host.on('run', (observation: RunObservation) => {
      const tape = tapes.get(observation.run.runId) ?? { calls: [], decisions: [], model: [], turns: [], startedAt: observation.run.startedAt };
      tapes.delete(observation.run.runId);
      deliver(host, cassetteOf(observation, tape, safe));
    });
    return () => flush();
  }

  function deliver(host: WardenHost, cassette: Cassette): void {
    if (!dir) {
      if (onCassette) onCassette(cassette);
      else kept.push(cassette);
      return;
    }
    const file = join(dir, `${cassette.runId}.json`);
    const text = `${JSON.stringify(cassette, null, 2)}\n`;
    // The folder is made once; if it is removed later, a write that finds it missing makes it again.
    dirReady ??= mkdir(dir, { recursive: true }).then(
      () => undefined,
      (error: unknown) => {
        dirReady = undefined;
        throw error;
      },
    );
    const write = dirReady
      .then(() => writeAtomically(file, text))
      .catch(async (error: unknown) => {
        if ((error as { code?: string }).code !== 'ENOENT') throw error;
        await mkdir(dir, { recursive: true });
        await writeAtomically(file, text);
      })
      .then(() => {
        host.emit('cassette', { runId: cassette.runId, sessionId: cassette.sessionId, file });
        onCassette?.(cassette, file);
      })
      .catch((error: unknown) => {
        host.count('recorder.errors');
        host.emit('error', error instanceof Error ? error : new Error(String(error)));
      })
      .finally(() => writes.delete(write));
    writes.add(write);
  }

  async function flush(): Promise<void> {
    while (writes.size > 0) await Promise.all([...writes]);
  }

  return Object.assign(named('recorder', layer, attach), { cassettes: () => [...kept], flush });
}

function cassetteOf(observation: RunObservation, tape: Tape, safe: (value: unknown) => unknown): Cassette {
  const { run } = observation;
  return {
    format: CASSETTE_FORMAT,
    agent: run.agent,
    runId: run.runId,
    ...(run.sessionId !== undefined && { sessionId: run.sessionId }),
    ...(run.workflow !== undefined && { workflow: run.workflow }),
    ...(run.department !== undefined && { department: run.department }),
    metadata: safe(run.metadata) as Record<string, unknown>,
    version: { id: run.version.id, parts: safe(run.version.parts) as Record<string, unknown>, ...(run.version.label !== undefined && { label: run.version.label }) },
    startedAt: new Date(run.startedAt).toISOString(),
    durationMs: observation.durationMs,
    outcome: observation.outcome,
    ...(observation.outcome === 'error' && { error: recordError(observation.error) }),
    calls: tape.calls,
    decisions: tape.decisions,
    model: tape.model,
    turns: tape.turns,
    totals: { calls: observation.calls, errors: observation.errors, blocked: observation.blocked, inputTokens: observation.inputTokens, outputTokens: observation.outputTokens, costUsd: observation.costUsd },
  };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${newId('tmp')}`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
