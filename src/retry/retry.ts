/**
 * Retries transient tool failures with p-retry (exponential backoff). Never retries a
 * `WardenError`: a denial, a halt or a budget stop is an answer, not a glitch. Each attempt
 * is a span event on the call's span and raises `call.attempt` for the layers inside.
 */
import { trace } from '@opentelemetry/api';
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry, { AbortError } from 'p-retry';
import { z } from 'zod';
import { hostOf } from '../core/call-context.js';
import { isWardenError } from '../core/errors.js';
import { named } from '../internal/named.js';
import { functionOption, parseOptions } from '../internal/options.js';
import type { Middleware, RunTracer, ToolCall } from '../core/types.js';

/** Options of `retry`. */
export interface RetryOptions {
  /** Retries after the first attempt. Defaults to `2`. */
  retries?: number;
  /** First backoff in ms. Defaults to `100`. */
  minTimeoutMs?: number;
  /** Longest backoff in ms. Defaults to `2_000`. */
  maxTimeoutMs?: number;
  /** Backoff growth factor. Defaults to `2`. */
  factor?: number;
  /** Which errors are worth retrying. Defaults to every non-warden error. */
  shouldRetry?: (error: unknown, call: ToolCall) => boolean;
}

const retrySchema = z.strictObject(
  {
    retries: z.number({ message: 'must be a non-negative integer' }).int({ message: 'must be a non-negative integer' }).nonnegative({ message: 'must be a non-negative integer' }).optional(),
    minTimeoutMs: z.number({ message: 'must be a non-negative number' }).nonnegative({ message: 'must be a non-negative number' }).optional(),
    maxTimeoutMs: z.number({ message: 'must be a non-negative number' }).nonnegative({ message: 'must be a non-negative number' }).optional(),
    factor: z.number({ message: 'must be a number >= 1' }).min(1, { message: 'must be a number >= 1' }).optional(),
    shouldRetry: functionOption<(error: unknown, call: ToolCall) => boolean>().optional(),
  },
  { message: 'must be an object' },
);

/**
 * Retries failed tool calls.
 * @param options Retry count and backoff.
 * @returns A middleware named `retry`.
 * @example
 * createWarden({ agent: 'a', middleware: [tracing(), retry({ retries: 2 })] });
 */
export function retry(options: RetryOptions = {}): Middleware {
  const { retries = 2, minTimeoutMs = 100, maxTimeoutMs = 2_000, factor = 2, shouldRetry } = parseOptions('retry', retrySchema, options) as RetryOptions;
  const layer = named('retry', async function retry(call: ToolCall, next) {
    const attemptOnce = async (attempt: number): Promise<unknown> => {
      try {
        const tracer = hostOf(call)?.capability<RunTracer>('tracer');
        if (tracer) tracer.callEvent(call.runId, call.callId, 'agentwarden.retry.attempt', { 'agentwarden.attempt': attempt });
        else trace.getActiveSpan()?.addEvent('agentwarden.retry.attempt', { 'agentwarden.attempt': attempt });
      } catch {
        hostOf(call)?.count('tracing.errors');
      }
      try {
        return await next(attempt === 1 ? call : { ...call, attempt });
      } catch (error) {
        if (isWardenError(error) || (shouldRetry && !shouldRetry(error, call))) throw new AbortError(error instanceof Error ? error : String(error));
        throw error;
      }
    };
    // The first attempt runs directly: a call that succeeds pays nothing for p-retry's setup.
    try {
      return await attemptOnce(1);
    } catch (error) {
      if (error instanceof AbortError) throw error.originalError;
      if (retries === 0) throw error;
    }
    await sleep(Math.min(minTimeoutMs, maxTimeoutMs), undefined, call.signal ? { signal: call.signal } : {});
    return pRetry((attempt) => attemptOnce(attempt + 1), {
      retries: retries - 1,
      minTimeout: minTimeoutMs * factor,
      maxTimeout: maxTimeoutMs,
      factor,
      randomize: false,
      ...(call.signal !== undefined && { signal: call.signal }),
    });
  });
  return Object.assign(layer, { retriesNext: true });
}
