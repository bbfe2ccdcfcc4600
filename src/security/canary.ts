/**
 * Canary tokens: a random marker to put in the system prompt. The prompt should never
 * leave the model, so any tool arg or result that carries the marker — as is, in another
 * case, spaced out, with invisible characters, or base64-encoded — is a leak, and the call
 * is blocked.
 */
import { randomBytes } from 'node:crypto';
import { decide } from '../core/decision.js';
import { InjectionDetectedError, OptionsError } from '../core/errors.js';
import { named } from '../internal/named.js';
import type { Middleware, ToolCall } from '../core/types.js';
import { normalizeText } from './normalize.js';
import type { Detector, DetectorResult, ScreenMatch } from './types.js';
import { collectStrings } from './walk.js';

/** Options of `canary`. */
export interface CanaryOptions {
  /** A fixed token (e.g. one stored with the prompt version). Defaults to a random one. */
  token?: string;
  /** Prefix of a random token. Defaults to `'cnry'`. */
  prefix?: string;
  /** What to check. Defaults to `'both'`. */
  scan?: 'args' | 'results' | 'both';
}

/** A canary: a middleware that blocks leaks, with its `token` and a matching `detector`. */
export interface Canary extends Middleware {
  /** Put this in the system prompt. */
  readonly token: string;
  /** True when `value` (deeply) carries the token. */
  contains(value: unknown): boolean;
  /** The same check as a detector for `injectionScreen({ detectors })`. */
  readonly detector: Detector;
}

/**
 * Creates a canary token and the middleware that blocks any call leaking it.
 * @param options See `CanaryOptions`.
 * @returns A middleware named `canary` with `token`, `contains` and `detector`.
 * @example
 * const leak = canary();
 * const system = `You are a support agent. ${leak.token}`;
 * createWarden({ agent: 'support', middleware: [leak] });
 */
export function canary(options: CanaryOptions = {}): Canary {
  const prefix = options.prefix ?? 'cnry';
  if (!/^[A-Za-z0-9]{1,16}$/.test(prefix)) throw new OptionsError(`canary: \`prefix\` must be 1 to 16 letters or digits, got ${JSON.stringify(prefix)}`);
  const token = options.token ?? `${prefix}-${randomBytes(8).toString('hex')}`;
  if (typeof token !== 'string' || token.length < 8) throw new OptionsError(`canary: \`token\` must be a string of at least 8 characters, got ${JSON.stringify(token)}`);
  const scan = options.scan ?? 'both';
  if (!['args', 'results', 'both'].includes(scan)) throw new OptionsError(`canary: \`scan\` must be "args", "results" or "both", got ${JSON.stringify(scan)}`);
  const lower = token.toLowerCase();
  const compact = lower.replace(/[^a-z0-9]/g, '');
  const encoded = [Buffer.from(token).toString('base64').replace(/=+$/, ''), Buffer.from(token).toString('hex')];

  const find = (text: string): ScreenMatch | undefined => {
    const direct = text.indexOf(token);
    if (direct !== -1) return leakAt(direct, direct + token.length, text);
    for (const form of encoded) {
      const at = text.indexOf(form);
      if (at !== -1) return leakAt(at, at + form.length, text);
    }
    const normalized = normalizeText(text).text;
    if (normalized.includes(lower) || normalized.replace(/[^a-z0-9]/g, '').includes(compact)) return leakAt(0, text.length, text);
    return undefined;
  };
  const leakAt = (start: number, end: number, text: string): ScreenMatch => ({ rule: 'canary_leak', family: 'canary', start, end, weight: 1, text: text.slice(start, Math.min(end, start + 200)) });
  const contains = (value: unknown) => collectStrings(value).strings.some((site) => find(site.value) !== undefined);
  const detector: Detector = Object.assign(
    function canaryDetector(text: string): DetectorResult {
      const match = find(text);
      return match ? { score: 1, matches: [match] } : { score: 0, matches: [] };
    },
    { detectorName: 'canary' },
  );

  const check = (call: ToolCall, value: unknown, direction: 'args' | 'results') => {
    for (const site of collectStrings(value).strings) {
      const match = find(site.value);
      if (!match) continue;
      const decision = decide(call, { outcome: 'deny', by: 'canary', rule: 'canary_leak', reason: `canary token leaked in ${direction} at ${site.path}`, details: { direction, path: site.path } });
      throw new InjectionDetectedError(decision, [{ ...match, path: site.path, detector: 'canary' }]);
    }
  };
  const middleware = named('canary', async function canary(call, next) {
    if (scan !== 'results') check(call, call.args, 'args');
    const result = await next();
    if (scan !== 'args') check(call, result, 'results');
    return result;
  });
  return Object.assign(middleware, { token, contains, detector });
}
