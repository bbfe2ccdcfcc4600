/**
 * `wardenMcpClient`: an MCP `Client` whose `callTool` runs through a warden's middleware
 * chain (policy, approval, budget, loop breaker, screen on results, tracing, audit) and whose
 * `listTools` can hide the tools a policy denies, so the model never sees them. Arguments are
 * checked against the tool's JSON schema (from `listTools`) before anything is sent. The
 * original client is left as it was: the guarded one is a view over it.
 */
import { trace } from '@opentelemetry/api';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolRequest } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType, JsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import { decide } from '../../core/decision.js';
import { OptionsError, ValidationError } from '../../core/errors.js';
import type { Middleware, ToolTraits } from '../../core/types.js';
import type { GuardedTool, ToolContext, ToolOptions, Warden } from '../../core/warden.js';
import { evaluate } from '../../policy/evaluate.js';
import type { PolicySpec } from '../../policy/policy.js';
import { callIdFromMeta, isRefusal, refusalResult } from './outcome.js';

/** Options of `wardenMcpClient`. */
export interface WardenMcpClientOptions {
  /**
   * What a refusal (policy deny, validation failure, injection block, rejected approval,
   * timeout) becomes: `'throw'`, the typed warden error; or `'result'`, an MCP error result
   * (`isError: true`, the reason as text, the decision in `_meta['agentwarden/decision']`)
   * the model can read. Budget, loop, halt and pending approval always throw. Defaults to `'throw'`.
   */
  onDeny?: 'throw' | 'result';
  /** Per-tool agentwarden options (`source`, `risk`, `timeoutMs`, zod `input`/`output`), by MCP tool name. */
  traits?: Record<string, ToolOptions>;
  /** Timeout of every call in ms, unless a tool's `traits` set its own. Defaults to none (the SDK's own request timeout). */
  timeoutMs?: number;
  /**
   * A policy (middleware or spec): `listTools` leaves out every tool it denies outright, so
   * the model is not offered tools it may not call. Calls are still checked by the warden.
   */
  hideDenied?: Middleware | PolicySpec;
  /**
   * Reads the server's tool annotations as traits: `destructiveHint` → `risk: 'high'`,
   * `openWorldHint` → `source: 'untrusted'` (only ever stricter). Explicit `traits` win.
   * Defaults to `true`.
   */
  useAnnotations?: boolean;
}

/** Marks a guarded client, so a second `wardenMcpClient` over it does not guard twice. */
const GUARDED_BY: unique symbol = Symbol.for('agentwarden.mcp.clientGuardedBy');

type CallToolParams = CallToolRequest['params'];
type CallToolRest = Parameters<Client['callTool']> extends [unknown, ...infer Rest] ? Rest : never;
type ListedTool = Awaited<ReturnType<Client['listTools']>>['tools'][number];

/**
 * Guards an MCP client's tool calls with `warden`.
 *
 * Call inside `warden.run` so run budgets and loop counters cover the agent's run. The tool
 * name is the MCP tool name; the callId comes from `params._meta['agentwarden/callId']` when
 * the caller sets it (a retried call with the same id is the same call), a fresh id otherwise.
 *
 * @param client - A connected `Client` from `@modelcontextprotocol/sdk`.
 * @param warden - The warden whose middleware guards each call.
 * @param options - `onDeny`, per-tool `traits`, `timeoutMs`, `hideDenied`, `useAnnotations`.
 * @returns The same client type: `callTool` and `listTools` guarded, everything else passed through.
 * @example
 * ```ts
 * const client = wardenMcpClient(rawClient, warden, { onDeny: 'result' });
 * await warden.run({ sessionId }, () => client.callTool({ name: 'refund', arguments: { orderId: 'A1' } }));
 * ```
 */
export function wardenMcpClient<C extends Client>(client: C, warden: Warden, options: WardenMcpClientOptions = {}): C {
  const settings = checkOptions(client, warden, options);
  const existing = (client as unknown as Record<symbol, unknown>)[GUARDED_BY];
  if (existing === warden) return client;
  if (existing !== undefined) throw new OptionsError('wardenMcpClient: `client` is already guarded by another warden');

  const listed = new Map<string, ListedTool>();
  const guardedTools = new Map<string, GuardedTool<unknown, unknown>>();
  const validator = new AjvJsonSchemaValidator();
  const inputValidators = new Map<string, JsonSchemaValidator<unknown>>();

  function guardedTool(name: string): GuardedTool<unknown, unknown> {
    const cached = guardedTools.get(name);
    if (cached) return cached;
    const guarded = warden.tool(name, (args: unknown, context: ToolContext) => send(name, args, context), toolOptions(name));
    guardedTools.set(name, guarded);
    return guarded;
  }

  function toolOptions(name: string): ToolOptions {
    const own = settings.traits[name] ?? {};
    const tool = listed.get(name);
    const fromServer: ToolTraits = {};
    if (settings.useAnnotations && tool?.annotations?.destructiveHint === true) fromServer.risk = 'high';
    if (settings.useAnnotations && tool?.annotations?.openWorldHint === true) fromServer.source = 'untrusted';
    if (tool?.description !== undefined) fromServer.description = tool.description;
    const timeout = settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs };
    return { ...timeout, ...fromServer, ...own };
  }

  async function send(name: string, args: unknown, context: ToolContext): Promise<unknown> {
    const { params, rest } = (context.call.metadata as Record<symbol, unknown>)[PENDING] as PendingCall;
    checkInput(name, args, context);
    markServer(context.callId);
    const [resultSchema, requestOptions] = rest;
    const signal = context.signal ?? requestOptions?.signal;
    const result = await client.callTool({ ...params, name, arguments: args as CallToolParams['arguments'] }, resultSchema, {
      ...requestOptions,
      ...(signal !== undefined && { signal }),
    });
    // A tool error result (`isError: true`) is returned like any other, so the screen reads its
    // text too: a server's error message is as untrusted as its answer.
    return result;
  }

  function checkInput(name: string, args: unknown, context: ToolContext): void {
    const schema = listed.get(name)?.inputSchema;
    if (schema === undefined) return;
    let check = inputValidators.get(name);
    if (!check) {
      check = validator.getValidator<unknown>(schema as JsonSchemaType);
      inputValidators.set(name, check);
    }
    const verdict = check(args ?? {});
    if (verdict.valid) return;
    const reason = `arguments do not match the tool's input schema: ${verdict.errorMessage}`;
    const decision = decide(context.call, { outcome: 'deny', by: 'mcpInputSchema', rule: 'input_schema', reason });
    throw new ValidationError(decision, [{ path: [], message: verdict.errorMessage, code: 'json_schema' }], 'input');
  }

  function markServer(callId: string): void {
    // The tool's `execute_tool` span (from `tracing()`) is the active span here; name the server on it.
    const span = trace.getActiveSpan() as (ReturnType<typeof trace.getActiveSpan> & { attributes?: Record<string, unknown> }) | undefined;
    if (span?.attributes?.['gen_ai.tool.call.id'] !== callId) return;
    const server = client.getServerVersion();
    if (server?.name !== undefined) span.setAttribute('agentwarden.mcp.server.name', server.name);
    if (server?.version !== undefined) span.setAttribute('agentwarden.mcp.server.version', server.version);
  }

  async function callTool(params: CallToolParams, ...rest: CallToolRest) {
    if (typeof params?.name !== 'string' || params.name.length === 0) throw new OptionsError('wardenMcpClient: `callTool` needs `params.name`, the MCP tool name');
    const callId = callIdFromMeta(params._meta);
    const pending: PendingCall = { params, rest };
    try {
      return (await guardedTool(params.name)(params.arguments ?? {}, {
        ...(callId !== undefined && { callId }),
        metadata: { [PENDING]: pending } as Record<string, unknown>,
        ...(rest[1]?.signal !== undefined && { signal: rest[1].signal }),
      })) as Awaited<ReturnType<Client['callTool']>>;
    } catch (error) {
      if (settings.onDeny === 'result' && isRefusal(error)) return refusalResult(error) as unknown as Awaited<ReturnType<Client['callTool']>>;
      throw error;
    }
  }

  async function listTools(...args: Parameters<Client['listTools']>) {
    const answer = await client.listTools(...args);
    for (const tool of answer.tools) {
      listed.set(tool.name, tool);
      // Traits and schema may have changed: the next call rebuilds the tool.
      guardedTools.delete(tool.name);
      inputValidators.delete(tool.name);
    }
    if (settings.hideDenied === undefined) return answer;
    const visible: ListedTool[] = [];
    for (const tool of answer.tools) {
      const verdict = await evaluate(settings.hideDenied, { tool: tool.name, agent: warden.agent });
      if (verdict.outcome !== 'deny') visible.push(tool);
    }
    return { ...answer, tools: visible };
  }

  return new Proxy(client, {
    get(target, property) {
      if (property === 'callTool') return callTool;
      if (property === 'listTools') return listTools;
      if (property === GUARDED_BY) return warden;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Metadata key under which a call's MCP request rides to the tool function (symbols stay out of JSON). */
const PENDING = Symbol.for('agentwarden.mcp.pendingCall');

interface PendingCall {
  params: CallToolParams;
  rest: CallToolRest;
}

function checkOptions(client: Client, warden: Warden, options: WardenMcpClientOptions) {
  if (typeof (client as Partial<Client> | undefined)?.callTool !== 'function') throw new OptionsError('wardenMcpClient: `client` must be an MCP `Client` from @modelcontextprotocol/sdk');
  if (typeof (warden as Partial<Warden> | undefined)?.tool !== 'function') throw new OptionsError('wardenMcpClient: `warden` must be a warden from createWarden()');
  const { onDeny = 'throw', traits = {}, timeoutMs, hideDenied, useAnnotations = true } = options;
  if (onDeny !== 'throw' && onDeny !== 'result') throw new OptionsError(`wardenMcpClient: \`onDeny\` must be 'throw' or 'result', got ${JSON.stringify(onDeny)}`);
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new OptionsError(`wardenMcpClient: \`timeoutMs\` must be a positive number, got ${String(timeoutMs)}`);
  if (typeof traits !== 'object' || traits === null) throw new OptionsError('wardenMcpClient: `traits` must be a record of tool options by MCP tool name');
  if (hideDenied !== undefined && (typeof hideDenied !== 'object' || hideDenied === null) && typeof hideDenied !== 'function') {
    throw new OptionsError('wardenMcpClient: `hideDenied` must be a policy middleware or a policy spec');
  }
  return { onDeny, traits, timeoutMs, hideDenied, useAnnotations: useAnnotations !== false };
}
