/**
 * The warden host: what middleware and sinks receive in `attach` — the event emitter, the
 * capability registry, the counters of swallowed errors and the clock. Listener errors are
 * swallowed and counted, so a broken sink never breaks the host's call.
 */
import { EventEmitter } from 'eventemitter3';
import { OptionsError } from './errors.js';
import type { Clock, Decision, RunInfo, RunTracer, VersionStamp, WardenHost } from './types.js';

/** The host and the parts of it the warden's own pieces use directly. */
export interface HostParts {
  readonly host: WardenHost;
  readonly emitter: EventEmitter;
  /** Emits `event`, counting (and reporting on `error`) a listener that throws. */
  readonly safeEmit: (event: string, payload: unknown) => void;
  readonly count: (counter: string, by?: number) => void;
  /** The tracer a `tracing()` middleware provided, if any. */
  readonly tracer: () => RunTracer | undefined;
  readonly capabilities: Map<string, unknown>;
  readonly counters: Map<string, number>;
}

/** Builds the host of one warden. `currentRun` reads the warden's run scope. */
export function createHost(agent: string, version: VersionStamp, clock: Clock, currentRun: () => RunInfo | undefined): HostParts {
  const emitter = new EventEmitter();
  const capabilities = new Map<string, unknown>();
  const counters = new Map<string, number>();

  const count = (counter: string, by = 1): void => void counters.set(counter, (counters.get(counter) ?? 0) + by);
  const safeEmit = (event: string, payload: unknown): void => {
    try {
      emitter.emit(event, payload);
    } catch (error) {
      count('listener.errors');
      if (event !== 'error') safeEmit('error', error instanceof Error ? error : new Error(String(error)));
    }
  };
  const tracer = () => capabilities.get('tracer') as RunTracer | undefined;

  const host: WardenHost = {
    agent,
    version,
    clock,
    decide(decision: Decision) {
      safeEmit('decision', decision);
      try {
        tracer()?.recordDecision(decision);
      } catch {
        count('tracing.errors');
      }
    },
    hearsDecisions: () => emitter.listenerCount('decision') > 0 || emitter.listenerCount('call') > 0,
    emit: safeEmit,
    on: (event, listener) => void emitter.on(event, listener),
    count,
    provide(name, implementation) {
      if (capabilities.has(name)) throw new OptionsError(`createWarden: two middleware provide "${name}"; use one`);
      capabilities.set(name, implementation);
    },
    capability: <T>(name: string) => capabilities.get(name) as T | undefined,
    currentRun,
  };
  return { host, emitter, safeEmit, count, tracer, capabilities, counters };
}
