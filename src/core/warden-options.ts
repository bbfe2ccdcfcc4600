/** `createWarden`'s options, and their check: once, naming the field that is wrong. */
import { systemClock } from './clock.js';
import { OptionsError } from './errors.js';
import type { Clock, Middleware, VersionParts, VersionSource, VersionStamp, WardenHost } from './types.js';

/** Something that plugs into a warden without being in the call chain (audit log, recorder). */
export interface WardenPlugin {
  readonly pluginName?: string;
  attach(host: WardenHost): void | (() => void | Promise<void>);
}

/** Options of `createWarden`. */
export interface WardenOptions {
  /** Who this is: on every span, decision and audit line. */
  agent: string;
  /** The version in force (parts, a stamp, or a source that picks one per run). */
  version?: VersionParts | VersionStamp | VersionSource;
  /** Onion-ordered: the first runs outermost. */
  middleware?: Middleware[];
  /** An audit sink such as `auditLog({ file })`. */
  audit?: WardenPlugin;
  /** More sinks (recorders, exporters of your own). */
  plugins?: WardenPlugin[];
  /** Time source. Defaults to the system clock. */
  clock?: Clock;
}

/** The checked options with defaults filled in. */
export interface ParsedWardenOptions {
  agent: string;
  middleware: Middleware[];
  plugins: WardenPlugin[];
  clock: Clock;
}

/** Throws an `OptionsError` naming the first bad field. */
export function parseWardenOptions(options: WardenOptions): ParsedWardenOptions {
  if (typeof options !== 'object' || options === null) throw new OptionsError('createWarden: options must be an object');
  const { agent, middleware = [], plugins = [], clock = systemClock, audit, version } = options;
  if (typeof agent !== 'string' || agent.length === 0) {
    throw new OptionsError(`createWarden: \`agent\` must be a non-empty string, got ${JSON.stringify(agent) ?? 'undefined'}`);
  }
  if (!Array.isArray(middleware)) throw new OptionsError('createWarden: `middleware` must be an array of middleware functions');
  middleware.forEach((layer, index) => {
    if (typeof layer !== 'function') {
      throw new OptionsError(`createWarden: \`middleware[${index}]\` must be a middleware function (call, next) => Promise, got ${layer === null ? 'null' : typeof layer}`);
    }
  });
  if (!Array.isArray(plugins)) throw new OptionsError('createWarden: `plugins` must be an array');
  [...plugins, ...(audit ? [audit] : [])].forEach((plugin, index) => {
    if (typeof plugin?.attach !== 'function') throw new OptionsError(`createWarden: \`${audit === plugin ? 'audit' : `plugins[${index}]`}\` must have an attach(host) method`);
  });
  if (version !== undefined && (typeof version !== 'object' || version === null || Array.isArray(version))) {
    throw new OptionsError('createWarden: `version` must be an object of version parts, a stamp or a version source');
  }
  if (typeof clock?.now !== 'function' || typeof clock.setTimeout !== 'function' || typeof clock.clearTimeout !== 'function') {
    throw new OptionsError('createWarden: `clock` must have now(), setTimeout() and clearTimeout()');
  }
  return { agent, middleware, plugins, clock };
}
