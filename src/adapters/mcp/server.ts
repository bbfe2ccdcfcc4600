/**
 * `wardenMcpServer`: puts the tools an `McpServer` exposes behind a warden, for people who
 * ship tools. Every tool handler — those registered before the call and those registered
 * after it — runs through the warden's middleware chain; a refusal or a stop comes back to
 * the client as an MCP tool error result (`isError: true`, the warden's reason as text, the
 * decision in `_meta['agentwarden/decision']`), never as a crashed request.
 */
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { OptionsError } from '../../core/errors.js';
import type { RunScope } from '../../core/types.js';
import type { GuardedTool, ToolContext, ToolOptions, Warden } from '../../core/warden.js';
import { callIdFromMeta, isGuardError, refusalResult } from './outcome.js';

/** What a tool handler receives beside its args (the SDK's `RequestHandlerExtra`). */
type HandlerExtra = Parameters<Extract<RegisteredTool['handler'], (...args: never[]) => unknown>>[1];

/** Options of `wardenMcpServer`. */
export interface WardenMcpServerOptions {
  /** Per-tool agentwarden options (`source`, `risk`, `timeoutMs`, zod `input`/`output`), by tool name. */
  traits?: Record<string, ToolOptions>;
  /**
   * The run each call belongs to, from the request (`extra.sessionId`, `extra.authInfo`…).
   * Each MCP request is its own run: run budgets and loop counters count one call, so cap a
   * server with agent, workflow or department limits. Defaults to `{ sessionId: extra.sessionId }`.
   */
  scope?: (extra: HandlerExtra) => RunScope;
}

/** Marks a guarded server with its warden, so guarding twice does not count twice. */
const GUARDED_BY: unique symbol = Symbol.for('agentwarden.mcp.serverGuardedBy');

/**
 * Guards every tool of `server` with `warden`: the ones registered so far and every one
 * registered later through `registerTool` or `tool`. Task-based tools (`registerToolTask`)
 * are left as they are.
 *
 * @param server - An `McpServer` from `@modelcontextprotocol/sdk/server/mcp.js`.
 * @param warden - The warden whose middleware guards each call.
 * @param options - Per-tool `traits`, the run `scope` of a request.
 * @returns The same server.
 * @example
 * ```ts
 * const server = wardenMcpServer(new McpServer({ name: 'shop', version: '1.0.0' }), warden);
 * server.registerTool('refund', { inputSchema: { orderId: z.string() } }, async ({ orderId }) => refund(orderId));
 * ```
 */
export function wardenMcpServer<S extends McpServer>(server: S, warden: Warden, options: WardenMcpServerOptions = {}): S {
  const { traits, scope } = checkOptions(server, warden, options);
  const marked = server as S & { [GUARDED_BY]?: Warden };
  if (marked[GUARDED_BY] === warden) return server;
  if (marked[GUARDED_BY] !== undefined) throw new OptionsError('wardenMcpServer: `server` is already guarded by another warden');
  Object.defineProperty(marked, GUARDED_BY, { value: warden });

  const guard = (name: string, registered: RegisteredTool) => guardRegisteredTool(warden, name, registered, traits[name] ?? {}, scope);
  for (const [name, registered] of Object.entries(registeredTools(server))) guard(name, registered);

  const registerTool = server.registerTool.bind(server) as (...args: unknown[]) => RegisteredTool;
  const tool = server.tool.bind(server) as (...args: unknown[]) => RegisteredTool;
  Object.assign(server, {
    registerTool: (...args: unknown[]) => guard(args[0] as string, registerTool(...args)),
    tool: (...args: unknown[]) => guard(args[0] as string, tool(...args)),
  });
  return server;
}

/** Swaps a registered tool's handler (and any later one from `update({ callback })`) for a guarded one. */
function guardRegisteredTool(warden: Warden, name: string, registered: RegisteredTool, options: ToolOptions, scope: (extra: HandlerExtra) => RunScope): RegisteredTool {
  if (typeof registered.handler !== 'function') return registered;
  const toolOptions: ToolOptions = { ...(registered.description !== undefined && { description: registered.description }), ...options };
  const takesArgs = () => registered.inputSchema !== undefined;
  const wrap = (handler: (...args: unknown[]) => unknown) => {
    const guarded: GuardedTool<unknown, unknown> = warden.tool(
      name,
      (args: unknown, context: ToolContext) => {
        const extra = (context.call.metadata as Record<symbol, unknown>)[EXTRA] as HandlerExtra;
        return takesArgs() ? handler(args, extra) : handler(extra);
      },
      toolOptions,
    );
    return async function guardedHandler(...received: unknown[]) {
      const extra = (takesArgs() ? received[1] : received[0]) as HandlerExtra;
      const args = takesArgs() ? received[0] : {};
      const callId = callIdFromMeta(extra?._meta);
      try {
        return await warden.run(scope(extra), () =>
          guarded(args, {
            ...(callId !== undefined && { callId }),
            ...(extra?.signal !== undefined && { signal: extra.signal }),
            metadata: { [EXTRA]: extra } as Record<string, unknown>,
          }),
        );
      } catch (error) {
        // The client reads the warden's reason; stops are refusals too on this side of the wire.
        if (isGuardError(error)) return refusalResult(error);
        throw error;
      }
    };
  };
  registered.handler = wrap(registered.handler as (...args: unknown[]) => unknown) as RegisteredTool['handler'];
  const update = registered.update.bind(registered);
  registered.update = (updates) => {
    const callback = updates.callback;
    update(callback === undefined ? updates : { ...updates, callback: wrap(callback as (...args: unknown[]) => unknown) as typeof callback });
  };
  return registered;
}

/** Metadata key under which the SDK's request context rides to the handler (symbols stay out of JSON). */
const EXTRA = Symbol.for('agentwarden.mcp.handlerExtra');

/** The tools registered so far. `_registeredTools` is private to the SDK's types but stable in v1. */
function registeredTools(server: McpServer): Record<string, RegisteredTool> {
  const tools = (server as unknown as { _registeredTools?: unknown })._registeredTools;
  return typeof tools === 'object' && tools !== null ? (tools as Record<string, RegisteredTool>) : {};
}

function checkOptions(server: McpServer, warden: Warden, options: WardenMcpServerOptions) {
  if (typeof (server as Partial<McpServer> | undefined)?.registerTool !== 'function') throw new OptionsError('wardenMcpServer: `server` must be an `McpServer` from @modelcontextprotocol/sdk');
  if (typeof (warden as Partial<Warden> | undefined)?.tool !== 'function') throw new OptionsError('wardenMcpServer: `warden` must be a warden from createWarden()');
  const { traits = {}, scope = defaultScope } = options;
  if (typeof traits !== 'object' || traits === null) throw new OptionsError('wardenMcpServer: `traits` must be a record of tool options by tool name');
  if (typeof scope !== 'function') throw new OptionsError('wardenMcpServer: `scope` must be a function (extra) => RunScope');
  return { traits, scope };
}

function defaultScope(extra: HandlerExtra): RunScope {
  return extra?.sessionId === undefined ? {} : { sessionId: extra.sessionId };
}
