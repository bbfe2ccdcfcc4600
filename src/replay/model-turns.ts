/**
 * Model turns on tape: what the model was asked and what it answered. Adapters (or your own
 * model wrapper) call `recordModelTurn` where a recorder is installed, and `nextModelTurn`
 * where a replayer is, so a replay can answer from the tape instead of calling the model.
 * Both are no-ops without the middleware, so the calls can stay in production code.
 */
import type { RecordedModelTurn } from './cassette.js';

/** Anything that looks capabilities up: a warden, or the host a middleware receives. */
export interface CapabilityLookup {
  capability<T>(name: string): T | undefined;
}

/** The `recorder` capability. */
export interface RecorderCapability {
  recordModelTurn(turn: { model: string; input: unknown; output: unknown }): void;
}

/** The `replayer` capability. */
export interface ReplayerCapability {
  nextModelTurn(): RecordedModelTurn | undefined;
}

/**
 * Records one model turn on the current run's cassette (no-op without a recorder or outside a run).
 * @example
 * const answer = await model.generate(messages);
 * recordModelTurn(warden, { model: 'gpt-4o', input: messages, output: answer });
 */
export function recordModelTurn(target: CapabilityLookup, turn: { model: string; input: unknown; output: unknown }): void {
  target.capability<RecorderCapability>('recorder')?.recordModelTurn(turn);
}

/**
 * The next recorded model turn of the current run, or undefined (no replayer, or the tape has no more turns).
 * @example
 * const answer = nextModelTurn(warden)?.output ?? (await model.generate(messages));
 */
export function nextModelTurn(target: CapabilityLookup): RecordedModelTurn | undefined {
  return target.capability<ReplayerCapability>('replayer')?.nextModelTurn();
}
