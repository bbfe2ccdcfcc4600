/**
 * `wardenTools`: the same record of AI SDK tools, each `execute` guarded by the warden's
 * middleware chain. Name = the record key, `callId` = the SDK's `toolCallId`, the SDK's
 * `abortSignal` is the call's `signal`. Schema, description and every other SDK option are
 * kept, so the model sees exactly the tools it saw before.
 */
import type { Tool, ToolExecutionOptions, ToolSet } from 'ai';
import { decide } from '../../core/decision.js';
import { ApprovalPendingError, OptionsError } from '../../core/errors.js';
import type { ToolCall, ToolTraits } from '../../core/types.js';
import type { ToolContext, ToolOptions, Warden } from '../../core/warden.js';
import { findSdkApproval, previewCall, recordSdkApproval, resolveTicketFromSdk, type SdkApprovalPredicate } from './sdk-approval.js';
import { rememberSdkApprover, type SdkApprover } from './sdk-denials.js';
import { latchStop, stopsTheLoop, throwIfStopped, throwStopAtBoundary, type OnDeny } from './stop-latch.js';

/** Options of `wardenTools`. */
export interface WardenToolsOptions<TOOLS extends ToolSet = ToolSet> {
  /**
   * What a refusal (policy deny, validation failure, injection block, approval pause or
   * rejection) becomes: `'tool-error'`, the SDK's tool-error part that the model reads and
   * the loop goes on; or `'throw'`, which ends the loop with the typed error like a budget
   * stop. Budget, loop and halt stops always end the loop. Defaults to `'tool-error'`.
   */
  onDeny?: OnDeny;
  /** Per-tool agentwarden options: `source`, `risk`, `timeoutMs`, zod `input`/`output`. */
  traits?: { [Name in keyof TOOLS]?: ToolOptions };
  /**
   * Calls for which `when` is true wait for a person through the SDK's own approval flow
   * (`needsApproval`): the SDK emits a `tool-approval-request` part and runs the call only
   * after an approved `tool-approval-response`; the warden records an `approve` decision, and
   * `wardenModel` records a `reject` decision for a denied one. `by` names who answered (a
   * name, or a function of the answer) on those decisions; defaults to `'ai-sdk-approval'`.
   */
  approval?: { when: SdkApprovalPredicate; by?: SdkApprover };
}

/** Key under which the SDK's execution options ride along in the call's metadata (symbol keys stay out of JSON). */
const SDK_OPTIONS = Symbol.for('agentwarden.ai-sdk.executionOptions');
/** Marks the re-invocation of a call whose warden ticket the SDK's approval resolved. */
const BRIDGED = Symbol.for('agentwarden.ai-sdk.approvalBridged');

/**
 * Guards every tool of an AI SDK tool record with `warden`.
 *
 * A refused call becomes a tool error the model sees (or ends the loop with `onDeny:
 * 'throw'`); a budget, loop or halt stop ends the loop with the typed error: the run's next
 * model call through `wardenModel`, or the next guarded tool call, throws it, so
 * `generateText` rejects with it. Call inside `warden.run` so stops are scoped to one run.
 *
 * @param warden - The warden whose middleware guards each call.
 * @param tools - The SDK tool record, as passed to `generateText({ tools })`.
 * @param options - `onDeny`, per-tool `traits`, SDK `approval`.
 * @returns The same record, same types, with guarded `execute`.
 * @example
 * const tools = wardenTools(warden, { issue_refund: tool({ inputSchema, execute: issueRefund }) });
 * await warden.run({ sessionId }, () => generateText({ model: wardenModel(warden, model), tools, prompt, stopWhen: stepCountIs(5) }));
 */
export function wardenTools<TOOLS extends ToolSet>(warden: Warden, tools: TOOLS, options: WardenToolsOptions<TOOLS> = {}): TOOLS {
  const { onDeny, traits, when, by } = checkOptions(tools, options);
  if (by !== undefined) rememberSdkApprover(warden, by);
  const guardedTools: Record<string, Tool> = {};
  for (const [name, sdkTool] of Object.entries(tools)) {
    guardedTools[name] = guardTool(warden, name, sdkTool, { onDeny, options: traits[name] ?? {}, when });
  }
  return guardedTools as TOOLS;
}

interface GuardSettings {
  onDeny: OnDeny;
  options: ToolOptions;
  when: SdkApprovalPredicate | undefined;
}

function guardTool(warden: Warden, name: string, sdkTool: Tool, { onDeny, options, when }: GuardSettings): Tool {
  if (typeof sdkTool.execute !== 'function') return sdkTool;
  const originalExecute = sdkTool.execute.bind(sdkTool);
  const toolOptions: ToolOptions = { ...options, ...(options.description === undefined && sdkTool.description !== undefined && { description: sdkTool.description }) };
  const { input: _input, output: _output, ...traits } = toolOptions;
  const guarded = warden.tool(
    name,
    async (args: unknown, context: ToolContext) => {
      const metadata = context.call.metadata as Record<symbol, unknown>;
      const sdkOptions = metadata[SDK_OPTIONS] as ToolExecutionOptions | undefined;
      // A call whose warden ticket the SDK's approval resolved already has its decisions.
      if (when && metadata[BRIDGED] !== true && (await when(context.call))) checkSdkApproval(warden, context.call, sdkOptions);
      const output = originalExecute(args, {
        ...sdkOptions,
        toolCallId: context.callId,
        messages: sdkOptions?.messages ?? [],
        ...(context.signal !== undefined && { abortSignal: context.signal }),
      });
      return isAsyncIterable(output) ? lastValue(output) : output;
    },
    toolOptions,
  );

  const callGuarded = (args: unknown, sdkOptions: ToolExecutionOptions, bridged: boolean) =>
    guarded(args, {
      callId: sdkOptions.toolCallId,
      metadata: { [SDK_OPTIONS]: sdkOptions, ...(bridged && { [BRIDGED]: true }) } as Record<string, unknown>,
      ...(sdkOptions.abortSignal !== undefined && { signal: sdkOptions.abortSignal }),
    });

  const execute = async (args: unknown, sdkOptions: ToolExecutionOptions) => {
    const run = warden.currentRun();
    throwIfStopped(run);
    try {
      try {
        return await callGuarded(args, sdkOptions, false);
      } catch (error) {
        if (!(await resolveTicketFromSdk(warden, error, sdkOptions))) throw error;
        return await callGuarded(args, sdkOptions, true);
      }
    } catch (error) {
      if (run && stopsTheLoop(error, onDeny)) latchStop(run, error);
      throw error;
    }
  };

  const originalOnInputAvailable = sdkTool.onInputAvailable?.bind(sdkTool);
  const onInputAvailable = async (input: Parameters<NonNullable<Tool['onInputAvailable']>>[0]) => {
    // Called outside the SDK's tool try/catch: a stop thrown here ends the loop.
    throwStopAtBoundary(warden.currentRun());
    await originalOnInputAvailable?.(input);
  };

  return {
    ...sdkTool,
    execute,
    onInputAvailable,
    ...(when && { needsApproval: withApprovalPredicate(warden, name, sdkTool, traits, when) }),
  } as Tool;
}

function withApprovalPredicate(warden: Warden, name: string, sdkTool: Tool, traits: ToolTraits, when: SdkApprovalPredicate): NonNullable<Tool['needsApproval']> {
  const own = sdkTool.needsApproval;
  return async (input, sdkOptions) => {
    const ownAnswer = typeof own === 'function' ? await own(input, sdkOptions) : own === true;
    return ownAnswer || (await when(previewCall(warden, name, input, sdkOptions.toolCallId, traits)));
  };
}

/** An approved SDK call runs with an `approve` decision; one with no approval on record waits. */
function checkSdkApproval(warden: Warden, call: ToolCall, sdkOptions: ToolExecutionOptions | undefined): void {
  const verdict = findSdkApproval(sdkOptions?.messages, call.callId);
  if (verdict?.approved) return recordSdkApproval(warden, call, verdict);
  const decision = decide(call, {
    outcome: 'pause',
    by: 'ai-sdk-approval',
    reason: 'needs approval through the AI SDK tool approval flow; no approved response for this call',
  });
  throw new ApprovalPendingError(decision, { via: 'ai-sdk', tool: call.tool, callId: call.callId });
}

function checkOptions<TOOLS extends ToolSet>(tools: TOOLS, options: WardenToolsOptions<TOOLS>) {
  if (typeof tools !== 'object' || tools === null) throw new OptionsError('wardenTools: `tools` must be a record of AI SDK tools');
  const { onDeny = 'tool-error', traits = {}, approval } = options;
  if (onDeny !== 'tool-error' && onDeny !== 'throw') throw new OptionsError(`wardenTools: \`onDeny\` must be 'tool-error' or 'throw', got ${JSON.stringify(onDeny)}`);
  for (const name of Object.keys(traits)) {
    if (!(name in tools)) throw new OptionsError(`wardenTools: \`traits.${name}\` names no tool in \`tools\` (${Object.keys(tools).join(', ')})`);
  }
  if (approval !== undefined && typeof approval?.when !== 'function') throw new OptionsError('wardenTools: `approval.when` must be a function (call) => boolean');
  const by = approval?.by;
  if (by !== undefined && !((typeof by === 'string' && by.length > 0) || typeof by === 'function')) {
    throw new OptionsError('wardenTools: `approval.by` must be a non-empty string or a function (answer) => string');
  }
  return { onDeny, traits: traits as Record<string, ToolOptions>, when: approval?.when, by };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/** A streaming tool's final output: the guards screen what the model will read. */
async function lastValue(iterable: AsyncIterable<unknown>): Promise<unknown> {
  let last: unknown;
  for await (const value of iterable) last = value;
  return last;
}
