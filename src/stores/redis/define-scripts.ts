/**
 * Registers a store's Lua scripts on the caller's ioredis client with `defineCommand`, which
 * sends `EVALSHA` and falls back to `EVAL` when Redis has lost its script cache (a restart,
 * `SCRIPT FLUSH`, a failover). Every script takes one key: the store's key base.
 */
import type { Cluster, Redis } from 'ioredis';

/** Calls one script with the store's key base and its arguments. */
export type ScriptCaller = (base: string, ...args: Array<string | number>) => Promise<unknown>;

/**
 * Defines `agentwarden<Prefix><Operation>` commands for every script in `sources` (again on
 * each call, so a client always runs this copy's scripts) and returns callers by the same keys.
 */
export function defineScripts<Name extends string>(client: Redis | Cluster, commandPrefix: string, sources: Record<Name, string>): Record<Name, ScriptCaller> {
  const commands = client as unknown as Record<string, ScriptCaller | undefined>;
  const callers = {} as Record<Name, ScriptCaller>;
  for (const operation of Object.keys(sources) as Name[]) {
    const command = `agentwarden${commandPrefix}${operation[0]!.toUpperCase()}${operation.slice(1)}`;
    client.defineCommand(command, { numberOfKeys: 1, lua: sources[operation] });
    callers[operation] = (base, ...args) => commands[command]!(base, ...args);
  }
  return callers;
}
