/**
 * `externalDetector()`: wraps your own scorer — a local transformer classifier, a remote
 * moderation endpoint, an LLM judge — as a screen detector with the guards a production
 * screen needs: a timeout, a cap on calls in flight, and an explicit choice of what a
 * failure means (`'open'`: let the text through on the other detectors' word, or
 * `'closed'`: treat it as an injection). Nothing is downloaded: you bring the scorer.
 */
import { z } from 'zod';
import { parseOptions, functionOption } from '../internal/options.js';
import type { Detector, DetectorContext, DetectorResult } from './types.js';

/** Options of `externalDetector`. */
export interface ExternalDetectorOptions {
  /** Shown in decisions as the detector. */
  name: string;
  /** Your scorer: the probability in [0, 1] that `text` carries injected instructions. */
  score: (text: string, context: DetectorContext & { signal: AbortSignal }) => number | Promise<number>;
  /** Longest wait for one score, queueing included, in ms. Defaults to `2_000`. */
  timeoutMs?: number;
  /** Scores in flight at once; more wait their turn. Defaults to `4`. */
  concurrency?: number;
  /** What a timeout or error means: `'open'` scores 0, `'closed'` scores 1. Required: choose. */
  onFailure: 'open' | 'closed';
  /** Characters handed to the scorer (models have input limits); the head is kept. Defaults to `4_000`. */
  maxChars?: number;
}

const optionsSchema = z.strictObject({
  name: z.string().min(1),
  score: functionOption(),
  timeoutMs: z.number().int().positive().default(2_000),
  concurrency: z.number().int().positive().default(4),
  onFailure: z.enum(['open', 'closed']),
  maxChars: z.number().int().positive().default(4_000),
});

/** Why an external score failed, as the match rule says. */
type Failure = 'timeout' | 'error' | 'invalid_score';

/**
 * Plugs your own scorer into `injectionScreen({ detectors })`.
 * @param options See `ExternalDetectorOptions`.
 * @returns An async `Detector` named `options.name`.
 * @example
 * const promptGuard = externalDetector({
 *   name: 'prompt-guard',
 *   score: async (text) => (await classify(text))[0].label === 'MALICIOUS' ? 1 : 0,
 *   timeoutMs: 500, concurrency: 2, onFailure: 'open',
 * });
 * injectionScreen({ detectors: [heuristics(), classifier(), promptGuard] });
 */
export function externalDetector(options: ExternalDetectorOptions): Detector {
  const settings = parseOptions('externalDetector', optionsSchema, options);
  const score = options.score;
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    inFlight--;
    waiting.shift()?.();
  };

  const failed = (text: string, failure: Failure): DetectorResult => {
    const verdict = settings.onFailure === 'closed' ? 1 : 0;
    return { score: verdict, matches: verdict === 0 ? [] : [{ rule: `${settings.name}_${failure}`, family: 'custom', start: 0, end: text.length, weight: 1, text: text.slice(0, 200) }] };
  };

  const detector = async function externalDetector(text: string, context: DetectorContext): Promise<DetectorResult> {
    const controller = new AbortController();
    const abortFromCall = () => controller.abort(context.signal?.reason);
    context.signal?.addEventListener('abort', abortFromCall, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), settings.timeoutMs);
    });
    let acquired = false;
    let queued: (() => void) | undefined;
    const slot = new Promise<void>((resolve) => {
      if (inFlight < settings.concurrency) {
        inFlight++;
        acquired = true;
        resolve();
      } else {
        queued = () => {
          inFlight++;
          acquired = true;
          resolve();
        };
        waiting.push(queued);
      }
    });
    try {
      const run = slot.then(() => score(text.length > settings.maxChars ? text.slice(0, settings.maxChars) : text, { ...context, signal: controller.signal }));
      const outcome = await Promise.race([run, timedOut]);
      if (outcome === 'timeout') {
        controller.abort(new Error(`${settings.name}: timed out after ${settings.timeoutMs} ms`));
        // The scorer keeps its slot until it settles, so the cap holds even for slow models.
        if (acquired) void run.then(release, release);
        else if (queued) waiting.splice(waiting.indexOf(queued), 1);
        acquired = false;
        return failed(text, 'timeout');
      }
      if (typeof outcome !== 'number' || !Number.isFinite(outcome) || outcome < 0 || outcome > 1) return failed(text, 'invalid_score');
      return { score: outcome, matches: outcome > 0 ? [{ rule: settings.name, family: 'custom', start: 0, end: Math.min(text.length, settings.maxChars), weight: outcome, text: text.slice(0, 200) }] : [] };
    } catch {
      return failed(text, 'error');
    } finally {
      clearTimeout(timer);
      context.signal?.removeEventListener('abort', abortFromCall);
      if (acquired) release();
    }
  };
  return Object.assign(detector, { detectorName: settings.name });
}
