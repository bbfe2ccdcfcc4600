/**
 * Chat spans and usage for LangChain model calls, shared by the callback handler and the
 * agent middleware. When `wardenMiddleware` wraps a model call it owns that call's span and
 * usage; the callback handler sees the same call and must then stay silent, or usage would
 * be counted twice. Ownership is carried by the async context of the call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';
import type { ReservationHandle } from '../../core/types.js';
import type { Warden } from '../../core/warden.js';
import type { TokenCounts } from './usage.js';

const ownedModelCalls = new AsyncLocalStorage<Warden>();

/** Runs a model call whose chat span and usage `warden`'s middleware records itself. */
export function ownModelCall<T>(warden: Warden, call: () => Promise<T>): Promise<T> {
  return ownedModelCalls.run(warden, call);
}

/** True inside a model call that `warden`'s middleware already records. */
export function isModelCallOwned(warden: Warden): boolean {
  return ownedModelCalls.getStore() === warden;
}

/** How a model call ended, as a callback reports it. */
export interface ChatOutcome {
  usage?: TokenCounts;
  /** The model to charge when the response names a different one than the request. */
  model?: string;
  error?: unknown;
  /** Tokens held before the call: settled with `usage`, released without it. */
  reservation?: ReservationHandle;
}

/** A chat span opened at a callback's start event and closed at its end event. */
export interface PendingChat {
  /** The span, once the tracer has opened it (`undefined` without a tracer). */
  readonly span: Span | undefined;
  /** Records the usage inside the span, ends it, and resolves once both are done. */
  finish(outcome: ChatOutcome): Promise<void>;
}

/**
 * Opens a `chat {model}` span under the current run and keeps it open until `finish`.
 * Usage is recorded inside the span's context, so the tracer puts `gen_ai.usage.*` on it.
 */
export function openChatSpan(warden: Warden, model: string, attributes: Record<string, unknown>): PendingChat {
  let settle!: (outcome: ChatOutcome) => void;
  const ended = new Promise<ChatOutcome>((resolve) => (settle = resolve));
  let modelError: unknown;
  let openSpan: Span | undefined;
  const done = warden
    .traceChat(model, attributes, async (span) => {
      openSpan = span;
      const outcome = await ended;
      if (outcome.usage) await warden.recordUsage({ model: outcome.model ?? model, ...outcome.usage }, outcome.reservation);
      else await outcome.reservation?.release();
      if (outcome.error !== undefined) {
        modelError = outcome.error;
        throw outcome.error;
      }
    })
    .catch((error: unknown) => {
      // The model's own error only marks the span; LangChain reports it to the caller.
      if (error !== modelError) throw error;
    });
  return {
    get span() {
      return openSpan;
    },
    finish(outcome) {
      settle(outcome);
      return done;
    },
  };
}
