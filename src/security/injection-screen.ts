/**
 * `injectionScreen`: scans the strings of a call's args and of its result (deeply, within
 * a size cap) with pluggable detectors — by default the linear-time `heuristics()` and the
 * learned `classifier()`, the higher score winning — and blocks, redacts or flags text that
 * carries injected instructions. The decision names the score, the detector and the window
 * of text that scored highest. Beyond the cap
 * it says so with a `truncated` decision instead of passing silently.
 */
import { z } from 'zod';
import { hostOf } from '../core/call-context.js';
import { decide } from '../core/decision.js';
import { InjectionDetectedError } from '../core/errors.js';
import { named } from '../internal/named.js';
import { parseOptions } from '../internal/options.js';
import { SENSITIVITY, type Sensitivity } from './classifier/calibration.js';
import { defaultDetectors } from './classifier/default-detectors.js';
import { redactSpans } from './redact-spans.js';
import type { Detector, DetectorContext, ScreenMatch } from './types.js';
import { collectStrings, mapStrings } from './walk.js';
import type { Middleware, ToolCall } from '../core/types.js';

/** Options of `injectionScreen`. */
export interface InjectionScreenOptions {
  /** What to scan. Defaults to `'both'`. */
  scan?: 'args' | 'results' | 'both';
  /** What to do with a hit. Defaults to `'block'`. */
  action?: 'block' | 'redact' | 'flag';
  /**
   * Detectors, run on every string; a string's score is the highest. Defaults to
   * `[heuristics({ families: STRUCTURAL_FAMILIES }), classifier()]`: the rules voting with
   * the shapes they state exactly (template and role markers, end markers, hidden text,
   * encodings), and the learned model that reads all the rules' matches as features (each
   * text is scanned by the rules once).
   */
  detectors?: Detector[];
  /**
   * How readily to flag: `'high'` flags at score 0.35, `'balanced'` at 0.5, `'low'` at 0.7 —
   * the learned score's lines at 5 %, 2 % and 0.5 % false positives on validation sources
   * it never trained on. Defaults to `'balanced'`.
   */
  sensitivity?: Sensitivity;
  /** Score at or above which a string counts as injected; overrides `sensitivity`. */
  threshold?: number;
  /** Characters scanned per args or result; the rest is reported as truncated. Defaults to `1_000_000`. */
  maxChars?: number;
  /** What a truncated scan does: `'flag'` (a decision) or `'block'`. Defaults to `'flag'`. */
  onTruncated?: 'flag' | 'block';
  /** Screen results only of tools declared `source: 'untrusted'`. Defaults to `false`. */
  untrustedOnly?: boolean;
  /** Text that replaces a redacted span. Defaults to `'[removed: suspected prompt injection]'`. */
  replacement?: string;
  /** Redact just the matched span, or the sentence around it. Defaults to `'sentence'`. */
  redactScope?: 'match' | 'sentence';
}

/** Marks a redacted result (objects and arrays) with what was removed. */
export const SCREENED: unique symbol = Symbol.for('agentwarden.screened');

/** The matches removed from `value` by a redacting `injectionScreen`, if any. */
export function screenedMatches(value: unknown): readonly ScreenMatch[] | undefined {
  return typeof value === 'object' && value !== null ? (value as { [SCREENED]?: ScreenMatch[] })[SCREENED] : undefined;
}

const optionsSchema = z.strictObject({
  scan: z.enum(['args', 'results', 'both']).default('both'),
  action: z.enum(['block', 'redact', 'flag']).default('block'),
  detectors: z.array(z.custom<Detector>((value) => typeof value === 'function', 'must be a function')).min(1).optional(),
  sensitivity: z.enum(['low', 'balanced', 'high']).default('balanced'),
  threshold: z.number().gt(0).max(1).optional(),
  maxChars: z.number().int().positive().default(1_000_000),
  onTruncated: z.enum(['flag', 'block']).default('flag'),
  untrustedOnly: z.boolean().default(false),
  replacement: z.string().default('[removed: suspected prompt injection]'),
  redactScope: z.enum(['match', 'sentence']).default('sentence'),
});

/**
 * Screens tool args and results for prompt injection.
 * @param options See `InjectionScreenOptions`.
 * @returns A middleware named `injectionScreen`.
 * @example
 * createWarden({ agent: 'support', middleware: [injectionScreen({ scan: 'results', action: 'redact' })] });
 */
export function injectionScreen(options: InjectionScreenOptions = {}): Middleware {
  const settings = parseOptions('injectionScreen', optionsSchema, options);
  const detectors: Detector[] = settings.detectors ?? defaultDetectors();
  const threshold = settings.threshold ?? SENSITIVITY[settings.sensitivity].threshold;
  const scanArgs = settings.scan !== 'results';
  const scanResults = settings.scan !== 'args';

  async function screen(call: ToolCall, value: unknown, direction: 'args' | 'results'): Promise<unknown> {
    const collected = collectStrings(value, { maxChars: settings.maxChars });
    if (collected.truncated) {
      const decision = decide(call, {
        outcome: settings.onTruncated === 'block' ? 'deny' : 'flag',
        by: 'injectionScreen',
        rule: 'size_cap',
        reason: 'truncated',
        details: { direction, scannedChars: collected.scannedChars, maxChars: settings.maxChars },
      });
      if (settings.onTruncated === 'block') throw new InjectionDetectedError(decision, []);
    }
    const hits: Array<{ path: string; score: number; detector: string; matches: ScreenMatch[] }> = [];
    for (const site of collected.strings) {
      if (site.value.length < 4) continue;
      const context: DetectorContext = { direction, tool: call.tool, path: site.path, ...(call.signal !== undefined && { signal: call.signal }) };
      let score = 0;
      let topDetector = '';
      const matches: ScreenMatch[] = [];
      for (const detector of detectors) {
        const name = detector.detectorName ?? (detector.name || 'detector');
        try {
          const result = await detector(site.value, context);
          const detectorScore = Number.isFinite(result.score) ? result.score : 0;
          if (detectorScore > score || topDetector === '') {
            score = Math.max(score, detectorScore);
            topDetector = name;
          }
          for (const match of result.matches) matches.push({ ...match, path: site.path, detector: name });
        } catch {
          hostOf(call)?.count('injectionScreen.detectorErrors');
        }
      }
      if (score >= threshold) hits.push({ path: site.path, score, detector: topDetector, matches });
    }
    if (hits.length === 0) return value;
    const matches = hits.flatMap((hit) => hit.matches);
    const top = hits.reduce((best, hit) => (hit.score > best.score ? hit : best));
    const rules = [...new Set(top.matches.filter((match) => match.weight >= 0.3).map((match) => match.rule))].slice(0, 4).join(', ');
    const summary = `suspected prompt injection in ${direction} at ${top.path} (score ${top.score.toFixed(2)} by ${top.detector}${rules ? `: ${rules}` : ''})`;
    const window = strongestMatch(top.matches.filter((match) => match.detector === top.detector));
    const details = {
      direction,
      score: top.score,
      detector: top.detector,
      threshold,
      ...(window && { window: { path: top.path, start: window.start, end: window.end, text: window.text.slice(0, 200) } }),
      paths: hits.map((hit) => hit.path),
      matches: matches.slice(0, 20).map(describeMatch),
    };
    if (settings.action === 'block') {
      throw new InjectionDetectedError(decide(call, { outcome: 'deny', by: 'injectionScreen', rule: 'injection', reason: summary, details }), matches);
    }
    if (settings.action === 'flag') {
      decide(call, { outcome: 'flag', by: 'injectionScreen', rule: 'injection', reason: summary, details });
      return value;
    }
    decide(call, { outcome: 'flag', by: 'injectionScreen', rule: 'injection_redacted', reason: `${summary}; redacted`, details });
    const byPath = new Map(hits.map((hit) => [hit.path, hit.matches]));
    const redacted = mapStrings(value, (text, path) => {
      const found = byPath.get(path);
      return found ? redactSpans(text, found, settings.replacement, settings.redactScope) : text;
    });
    if (typeof redacted === 'object' && redacted !== null && redacted !== value) {
      Object.defineProperty(redacted, SCREENED, { value: matches, enumerable: false });
    }
    return redacted;
  }

  return named('injectionScreen', async function injectionScreen(call, next) {
    let current = call;
    if (scanArgs) {
      const args = await screen(call, call.args, 'args');
      if (args !== call.args) current = { ...call, args };
    }
    const result = await next(current);
    if (!scanResults || (settings.untrustedOnly && call.traits.source !== 'untrusted')) return result;
    return screen(current, result, 'results');
  });
}

function strongestMatch(matches: readonly ScreenMatch[]): ScreenMatch | undefined {
  let best: ScreenMatch | undefined;
  for (const match of matches) if (!best || match.weight > best.weight) best = match;
  return best;
}

function describeMatch(match: ScreenMatch): Record<string, unknown> {
  return { rule: match.rule, family: match.family, path: match.path, start: match.start, end: match.end, weight: match.weight, detector: match.detector, text: match.text.slice(0, 80) };
}
