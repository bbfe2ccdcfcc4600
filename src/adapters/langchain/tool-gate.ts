/**
 * Tool calls seen only through LangChain callbacks, run through the warden's chain: at
 * `handleToolStart` the call enters the chain (kill switch, policy, approval, loop breaker,
 * budget, the screen on args) and waits at the innermost layer while LangChain runs the
 * tool; `handleToolEnd` hands the tool's output in, so the screen on results and output
 * checks run and the call settles (span, audit, `call` event). A refusal on the way in is
 * thrown from `handleToolStart`, which a `raiseError` handler makes LangChain re-throw before
 * the tool runs. Callbacks cannot change what the tool returns: a screen that redacts flags
 * here instead of rewriting, and a block throws from `handleToolEnd`.
 */
import type { GuardedTool, Warden } from '../../core/warden.js';
import { newId } from '../../internal/ids.js';

/** Metadata key a guarded tool carries (and hands to the tool it wraps), so callbacks do not guard it twice. */
export const GUARDED_BY_KEY = 'agentwarden_guarded_by';

const wardenKeys = new WeakMap<Warden, string>();

/** A stable, JSON-safe name for `warden`, for the `GUARDED_BY_KEY` metadata. */
export function wardenKey(warden: Warden): string {
  let key = wardenKeys.get(warden);
  if (key === undefined) wardenKeys.set(warden, (key = newId('warden')));
  return key;
}

/** A tool call between its start and end callbacks. */
export interface OpenToolCall {
  /** Hands the tool's output to the chain; resolves once the chain settled it, or throws its refusal. */
  end(output: unknown): Promise<void>;
  /** Hands the tool's error to the chain (a failed call on record). */
  fail(error: unknown): Promise<void>;
}

/**
 * Sends one tool call into the chain of `guarded` and waits until it reaches the tool.
 * Throws the chain's refusal when it refuses on the way in.
 */
export async function enterToolCall(guarded: GuardedTool<unknown, unknown>, args: unknown, callId: string): Promise<OpenToolCall> {
  let reachedTool!: () => void;
  const atTool = new Promise<void>((resolve) => (reachedTool = resolve));
  let deliver!: { resolve: (output: unknown) => void; reject: (error: unknown) => void };
  const output = new Promise<unknown>((resolve, reject) => (deliver = { resolve, reject }));
  const settled = guarded(args, { callId, metadata: { [TOOL_OUTPUT]: { reachedTool, output } } as Record<string, unknown> });
  // Observed here so a late failure (a timeout) between the callbacks is never unhandled.
  settled.catch(() => undefined);
  // A refusal on the way in wins the race; otherwise the chain now waits for the tool.
  await Promise.race([atTool, settled]);
  return {
    async end(value) {
      deliver.resolve(value);
      await settled;
    },
    async fail(error) {
      deliver.reject(error);
      await settled.catch(() => undefined);
    },
  };
}

/** Metadata key under which the innermost layer finds the tool's output (symbols stay out of JSON). */
export const TOOL_OUTPUT = Symbol.for('agentwarden.langchain.toolOutput');

/** The function a callback-guarded tool runs in the chain: announce the tool is reached, then wait for its output. */
export function awaitToolOutput(_args: unknown, context: { call: { metadata: Record<string, unknown> } }): Promise<unknown> {
  const slot = (context.call.metadata as Record<symbol, unknown>)[TOOL_OUTPUT] as { reachedTool: () => void; output: Promise<unknown> };
  slot.reachedTool();
  return slot.output;
}

/** Parses the input LangChain hands `handleToolStart` (JSON text for object input). */
export function toolArgs(input: string): unknown {
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}
