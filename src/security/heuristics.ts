/**
 * `heuristics()`: the built-in, linear-time prompt-injection detector. It normalises the
 * text, finds known words and literal markers, runs the phrase and marker rules, looks for
 * invisible characters and Unicode tag smuggling, and scans base64/hex payloads that decode
 * to text. The score is a noisy-or of the strongest match of each rule; matches carry spans
 * of the original text.
 */
import { decodePayloads } from './encoded.js';
import { markerMatches } from './marker-rules.js';
import { findMarkers } from './markers.js';
import { normalizeText, originalSpan } from './normalize.js';
import { phraseMatches, type RawMatch } from './phrase-rules.js';
import { knownTokens } from './tokens.js';
import type { Detector, DetectorResult, ScreenMatch } from './types.js';

/** Options of `heuristics`. */
export interface HeuristicsOptions {
  /** Decode base64/hex runs and scan what they say. Defaults to `true`. */
  decodePayloads?: boolean;
  /** Most characters decoded per text. Defaults to `65_536`. */
  maxDecodedChars?: number;
}

const SNIPPET = 200;

/**
 * The built-in detector: rule families for override phrases, role and chat-template
 * markers, fake end markers, hidden HTML/CSS and invisible characters, encoded payloads,
 * exfiltration requests, text addressed to an AI, jailbreak vocabulary and overrides in
 * Spanish, French, German, Italian, Portuguese, Russian, Chinese, Japanese and Korean.
 * @param options See `HeuristicsOptions`.
 * @returns A synchronous `Detector` named `heuristics`.
 * @example
 * const detect = heuristics();
 * detect('Ignore all previous instructions', { direction: 'args', tool: 't', path: '$' }).score; // 0.9
 */
export function heuristics(options: HeuristicsOptions = {}): Detector & ((text: string) => DetectorResult) {
  const decode = options.decodePayloads ?? true;
  const maxDecodedChars = options.maxDecodedChars ?? 65_536;
  const detector = function heuristics(text: string): DetectorResult {
    return scanText(text, { decode, maxDecodedChars });
  };
  return Object.assign(detector, { detectorName: 'heuristics' });
}

/** Scans one string with the built-in rules; what `heuristics()` calls. */
export function scanText(text: string, options: { decode?: boolean; maxDecodedChars?: number } = {}): DetectorResult {
  const normalized = normalizeText(text);
  const tokens = knownTokens(normalized.text);
  const phrase = phraseMatches(normalized.text, tokens).sort((a, b) => a.start - b.start);
  const raw: RawMatch[] = [...phrase, ...markerMatches(normalized.text, findMarkers(normalized.text), phrase)];
  const matches: ScreenMatch[] = raw.map((match) => {
    const [start, end] = originalSpan(normalized, text, match.start, match.end);
    return { rule: match.rule, family: match.family, start, end, weight: round(match.weight), text: text.slice(start, Math.min(end, start + SNIPPET)) };
  });
  if (normalized.invisible > 0) {
    const at = normalized.invisibleAt[0]!;
    matches.push({ rule: 'invisible_characters', family: 'hidden', start: at, end: at + 1, weight: round(Math.min(0.4, 0.15 + 0.05 * normalized.invisible)), text: text.slice(at, at + 1) });
  }
  if (normalized.tagPayload.length >= 4) {
    const inner = scanText(normalized.tagPayload, { decode: false });
    const at = normalized.invisibleAt[0] ?? 0;
    matches.push({ rule: 'unicode_tag_smuggling', family: 'hidden', start: at, end: text.length, weight: inner.score >= 0.5 ? 0.95 : 0.6, text: normalized.tagPayload.slice(0, SNIPPET) });
  }
  if (options.decode !== false) {
    for (const payload of decodePayloads(text, options.maxDecodedChars)) {
      const inner = scanText(payload.decoded, { decode: false });
      if (inner.score < 0.5) continue;
      matches.push({ rule: `${payload.encoding}_instructions`, family: 'encoded', start: payload.start, end: payload.end, weight: round(Math.max(0.9, inner.score)), text: payload.decoded.slice(0, SNIPPET) });
    }
  }
  matches.sort((a, b) => a.start - b.start || b.weight - a.weight);
  return { score: combine(matches), matches };
}

/** Noisy-or of the strongest match of each rule, in [0, 1]. */
export function combine(matches: readonly Pick<ScreenMatch, 'rule' | 'weight'>[]): number {
  const strongest = new Map<string, number>();
  for (const match of matches) strongest.set(match.rule, Math.max(strongest.get(match.rule) ?? 0, match.weight));
  let miss = 1;
  for (const weight of strongest.values()) miss *= 1 - Math.min(1, Math.max(0, weight));
  return round(1 - miss);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
