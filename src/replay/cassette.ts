/**
 * The cassette: one recorded run as JSON — who ran, under which version, each tool call's
 * args and result or error with timings, every decision, and the model calls (from `usage`).
 * `recorder` writes them; `replayer` and `compareVersions` read them.
 */
import { readFileSync } from 'node:fs';
import type { DecisionOutcome, VersionParts } from '../core/types.js';
import { InvalidCassetteError } from './errors.js';

/** Format tag of every cassette. */
export const CASSETTE_FORMAT = 'agentwarden.cassette/1';

/** An error as recorded: enough to throw an equal one on replay. */
export interface RecordedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

/** One tool call (one attempt) as it passed the recorder. */
export interface RecordedCall {
  readonly index: number;
  readonly tool: string;
  readonly callId: string;
  readonly attempt: number;
  /** JSON-safe, redacted. */
  readonly args: unknown;
  readonly outcome: 'ok' | 'error';
  readonly result?: unknown;
  readonly error?: RecordedError;
  /** Milliseconds from the run's start. */
  readonly offsetMs: number;
  readonly durationMs: number;
}

/** One decision made during the run. */
export interface RecordedDecision {
  readonly outcome: DecisionOutcome;
  readonly by: string;
  readonly rule?: string;
  readonly reason: string;
  readonly tool: string;
  readonly callId: string;
  readonly offsetMs: number;
  /** Made inside the recorder's position (by a layer after it, such as a tool's own schema); absent on replay from tape. */
  readonly inner?: boolean;
}

/** One model call, as the adapters reported it through `warden.recordUsage`. */
export interface RecordedModelCall {
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd?: number;
  readonly offsetMs: number;
}

/** One model turn, recorded through `recordModelTurn` (JSON-safe, redacted). */
export interface RecordedModelTurn {
  readonly model: string;
  readonly input: unknown;
  readonly output: unknown;
  readonly offsetMs: number;
}

/** A recorded run. */
export interface Cassette {
  readonly format: typeof CASSETTE_FORMAT;
  readonly agent: string;
  readonly runId: string;
  readonly sessionId?: string;
  readonly workflow?: string;
  readonly department?: string;
  readonly metadata: Record<string, unknown>;
  readonly version: { readonly id: string; readonly parts: VersionParts; readonly label?: string };
  /** ISO-8601 start time. */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly outcome: 'ok' | 'error';
  readonly error?: RecordedError;
  readonly calls: readonly RecordedCall[];
  readonly decisions: readonly RecordedDecision[];
  readonly model: readonly RecordedModelCall[];
  /** Model prompts and answers, when the adapters or your code recorded them. */
  readonly turns: readonly RecordedModelTurn[];
  readonly totals: { readonly calls: number; readonly errors: number; readonly blocked: number; readonly inputTokens: number; readonly outputTokens: number; readonly costUsd: number };
}

/** The recorded form of a thrown value. */
export function recordError(error: unknown): RecordedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' && { code }) };
  }
  return { name: 'Error', message: String(error) };
}

/** True when `value` looks like a cassette (format tag and call list). */
export function isCassette(value: unknown): value is Cassette {
  return typeof value === 'object' && value !== null && (value as Cassette).format === CASSETTE_FORMAT && Array.isArray((value as Cassette).calls);
}

/** Reads a cassette file; throws naming the file when it is not one. */
export function readCassette(file: string): Cassette {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidCassetteError(file, `readCassette: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!isCassette(parsed)) throw new InvalidCassetteError(file, `readCassette: ${file} is not an ${CASSETTE_FORMAT} cassette`);
  return parsed;
}
