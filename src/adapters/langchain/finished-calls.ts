/**
 * Results of finished tool calls, by LangGraph thread and tool call id. LangGraph resumes an
 * interrupted node from its start: in a hand-built graph with one `ToolNode`, a tool call
 * that finished before a sibling interrupted runs again on resume (pinned in
 * test/adapters/langgraph-resume.test.ts). A guarded tool answers that second run with the
 * recorded result instead: a tool call id names one call, and one call runs once. Kept in
 * memory, per warden, for the last `REMEMBERED_CALLS` calls; only for calls in a thread
 * (a checkpointer is what makes resume possible).
 */
import type { Warden } from '../../core/warden.js';

/** How many finished calls a warden remembers. */
const REMEMBERED_CALLS = 1000;

const finishedCalls = new WeakMap<Warden, Map<string, unknown>>();

/** The key of a call, when it belongs to a LangGraph thread and has a tool call id. */
export function finishedCallKey(config: { configurable?: Record<string, unknown> } | undefined, toolCallId: string | undefined): string | undefined {
  const thread = config?.configurable?.thread_id;
  if (toolCallId === undefined || (typeof thread !== 'string' && typeof thread !== 'number')) return undefined;
  return `${String(thread)}\u0000${toolCallId}`;
}

/** The recorded result of a finished call: `{ result }`, or undefined when it has not finished. */
export function finishedCall(warden: Warden, key: string | undefined): { result: unknown } | undefined {
  const calls = key === undefined ? undefined : finishedCalls.get(warden);
  return calls?.has(key!) ? { result: calls.get(key!) } : undefined;
}

/** Records a finished call's result. */
export function rememberFinishedCall(warden: Warden, key: string | undefined, result: unknown): void {
  if (key === undefined) return;
  let calls = finishedCalls.get(warden);
  if (!calls) finishedCalls.set(warden, (calls = new Map()));
  calls.set(key, result);
  if (calls.size > REMEMBERED_CALLS) calls.delete(calls.keys().next().value as string);
}
