/**
 * `wardenTool` / `wardenTools`: LangChain tools whose every call passes through a warden's
 * middleware chain. The guarded tool keeps the original's name, description, schema (zod or
 * JSON schema), `returnDirect` and `responseFormat`, so the model sees the same tool; the
 * model's `tool_call_id` becomes the call's `callId` and the run's abort signal its `signal`.
 * The original tool is invoked inside the guarded one, as a child run with the same LangChain
 * config (callbacks, state, context), so tracers see the guarded call and, under it, the tool.
 */
import { tool as langchainTool, type ClientTool, type StructuredToolInterface, type ToolRunnableConfig } from '@langchain/core/tools';
import { OptionsError } from '../../core/errors.js';
import { newId } from '../../internal/ids.js';
import type { ToolTraits } from '../../core/types.js';
import type { Warden } from '../../core/warden.js';
import { isWardenError } from '../../core/errors.js';
// The stop latch is framework-free; the AI SDK adapter uses the same one.
import { latchStop, LOOP_STOPPING_CODES } from '../ai-sdk/stop-latch.js';
import { denialMessage, isDenialError } from './outcome.js';
import { finishedCall, finishedCallKey, rememberFinishedCall } from './finished-calls.js';
import { GUARDED_BY_KEY, wardenKey } from './tool-gate.js';

/** Options of `wardenTool` / `wardenTools`. */
export interface WardenToolOptions extends Omit<ToolTraits, 'description'> {
  /**
   * What a refused call (policy, validation, injection, rejected approval) gives the agent:
   * `'message'` returns an error `ToolMessage` the model reads and the loop goes on;
   * `'throw'` throws the typed error. Budget, loop, halt and pending approval always throw.
   * Defaults to `'message'`.
   */
  onDeny?: 'message' | 'throw';
}

/** Marks a guarded tool with the warden that guards it, so `wardenMiddleware` does not guard it twice. */
const GUARDED_BY: unique symbol = Symbol.for('agentwarden.langchain.guardedBy');

/** A LangChain tool guarded by a warden. */
export type WardenGuardedTool = StructuredToolInterface & { readonly [GUARDED_BY]: Warden };

/** True when `tool` was made by `wardenTool` for `warden`. */
export function isGuardedBy(tool: unknown, warden: Warden): boolean {
  return typeof tool === 'object' && tool !== null && (tool as Partial<WardenGuardedTool>)[GUARDED_BY] === warden;
}

/**
 * Wraps one LangChain tool so each call runs through `warden`'s middleware chain.
 *
 * @param warden - The warden whose middleware guards the calls.
 * @param tool - A LangChain tool (`tool()`, a `StructuredTool`, `DynamicTool` or `runnable.asTool()`).
 * @param options - `onDeny` (defaults to `'message'`), and tool traits `source`, `risk`, `timeoutMs`.
 * @returns A tool with the same name, description and schema.
 * @example
 * ```ts
 * const refund = wardenTool(warden, issueRefundTool, { risk: 'high' });
 * const agent = createAgent({ model, tools: [refund], middleware: [wardenMiddleware(warden)] });
 * ```
 */
export function wardenTool(warden: Warden, tool: ClientTool, options: WardenToolOptions = {}): WardenGuardedTool {
  const original = checkTool(tool);
  const { onDeny = 'message', ...traits } = options;
  if (onDeny !== 'message' && onDeny !== 'throw') throw new OptionsError(`wardenTool: \`onDeny\` must be 'message' or 'throw', got ${JSON.stringify(onDeny)}`);
  // The LangChain config of each in-flight call, so the original tool gets its callbacks,
  // state and runtime; keyed by callId and removed when the call settles.
  const configs = new Map<string, ToolRunnableConfig>();
  const guardKey = wardenKey(warden);
  const guarded = warden.tool(
    original.name,
    (args: unknown, context) => {
      const config = configs.get(context.callId);
      // Marked, so a `WardenCallbackHandler` of this warden does not guard the inner call again.
      const metadata = { ...config?.metadata, [GUARDED_BY_KEY]: guardKey };
      return original.invoke(args as never, { ...config, metadata, ...(context.signal !== undefined && { signal: context.signal }) });
    },
    { ...traits, description: original.description },
  );

  async function guardedCall(input: unknown, config: ToolRunnableConfig | undefined): Promise<unknown> {
    const toolCallId = config?.toolCall?.id ?? (config as { toolCallId?: string } | undefined)?.toolCallId;
    const callId = toolCallId ?? newId('call');
    // A call LangGraph runs again on resume (its node restarted) gets the result it had.
    const finishedKey = finishedCallKey(config, toolCallId);
    const finished = finishedCall(warden, finishedKey);
    if (finished) return finished.result;
    // Without `toolCall` the original returns its raw content; our wrapper formats the ToolMessage.
    const { toolCall: _toolCall, ...inner } = config ?? {};
    configs.set(callId, inner);
    try {
      const result = await guarded(input, { callId, ...(config?.signal !== undefined && { signal: config.signal }) });
      rememberFinishedCall(warden, finishedKey, result);
      return result;
    } catch (error) {
      if (onDeny === 'message' && toolCallId !== undefined && isDenialError(error)) return denialMessage(error, original.name, toolCallId);
      // LangChain's ToolNode turns a tool's error into a message when no agent middleware is
      // present; the run's next model call through `WardenCallbackHandler` re-throws the stop.
      const run = warden.currentRun();
      if (run && isWardenError(error) && LOOP_STOPPING_CODES.has(error.code)) latchStop(run, error);
      throw error;
    } finally {
      configs.delete(callId);
    }
  }

  const fields = {
    name: original.name,
    description: original.description,
    schema: original.schema,
    returnDirect: original.returnDirect,
    responseFormat: original.responseFormat,
    metadata: { ...original.metadata, [GUARDED_BY_KEY]: guardKey },
    extras: original.extras,
    tags: original.tags,
    verboseParsingErrors: original.verboseParsingErrors,
  };
  const wrapped = (langchainTool as unknown as (func: (input: unknown, config: ToolRunnableConfig) => Promise<unknown>, fields: object) => StructuredToolInterface)(
    (input, config) => guardedCall(input, config),
    stripUndefined(fields),
  );
  return Object.assign(wrapped, { [GUARDED_BY]: warden }) as WardenGuardedTool;
}

/**
 * Wraps every tool of a list with `wardenTool`, keeping the order.
 *
 * @param warden - The warden whose middleware guards the calls.
 * @param tools - LangChain tools.
 * @param options - As for `wardenTool`, applied to each tool.
 * @returns The guarded tools, in the same order.
 * @example
 * ```ts
 * const agent = createAgent({ model, tools: wardenTools(warden, [search, refund]) });
 * ```
 */
export function wardenTools(warden: Warden, tools: readonly ClientTool[], options: WardenToolOptions = {}): WardenGuardedTool[] {
  if (!Array.isArray(tools)) throw new OptionsError('wardenTools: `tools` must be an array of LangChain tools');
  return tools.map((tool) => wardenTool(warden, tool, options));
}

interface ToolShape {
  name: string;
  description: string;
  schema: unknown;
  returnDirect?: boolean;
  responseFormat?: string;
  metadata?: Record<string, unknown>;
  extras?: Record<string, unknown>;
  tags?: string[];
  verboseParsingErrors?: boolean;
  invoke(input: unknown, config?: ToolRunnableConfig): Promise<unknown>;
}

function checkTool(tool: ClientTool): ToolShape {
  const candidate = tool as Partial<ToolShape> | undefined;
  if (typeof candidate?.invoke !== 'function' || typeof candidate.name !== 'string' || candidate.name.length === 0) {
    throw new OptionsError('wardenTool: `tool` must be a LangChain tool with a `name` and an `invoke` method');
  }
  return candidate as ToolShape;
}

function stripUndefined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
