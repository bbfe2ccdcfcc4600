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
import { normalizeText, originalSpan, type NormalizedText } from './normalize.js';
import { phraseMatches, type RawMatch } from './phrase-rules.js';
import { knownTokens } from './tokens.js';
import type { Detector, DetectorFamily, DetectorResult, ScreenMatch } from './types.js';

/** Options of `heuristics`. */
export interface HeuristicsOptions {
  /** Decode base64/hex runs and scan what they say. Defaults to `true`. */
  decodePayloads?: boolean;
  /** Most characters decoded per text. Defaults to `65_536`. */
  maxDecodedChars?: number;
  /**
   * Rule families whose matches count toward the score; every match is still reported (and
   * read by `classifier()`). Defaults to all. `STRUCTURAL_FAMILIES` is what the default
   * screen uses: the shapes rules state exactly, while phrasing is left to the classifier.
   */
  families?: readonly DetectorFamily[];
}

/**
 * The rule families whose own vote the default screen keeps beside the classifier: chat
 * template and role markers, fake end markers, hidden text and invisible characters, and
 * encoded payloads. On the validation sources the phrase families (override, addressed,
 * exfiltration, jailbreak, multilingual) caught almost nothing the classifier missed while
 * raising most of the rules' false alarms; they still feed the classifier as features.
 */
export const STRUCTURAL_FAMILIES: readonly DetectorFamily[] = ['template', 'role', 'end_marker', 'hidden', 'encoded'];

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
  const families = options.families ? new Set<string>(options.families) : undefined;
  // The last text and its result: the learned classifier reads the same matches as features
  // right after the screen asked for them, so the text is scanned once, not twice.
  let lastText: string | undefined;
  let lastResult: DetectorResult | undefined;
  const detector = function heuristics(text: string): DetectorResult {
    if (text === lastText && lastResult) return lastResult;
    const scanned = scanText(text, { decode, maxDecodedChars });
    const result = families ? rescore(scanned, families) : scanned;
    lastText = text;
    lastResult = result;
    return result;
  };
  return Object.assign(detector, { detectorName: 'heuristics' });
}

/** `result` scored on the matches of `families` only (all matches kept, normalised chunks too). */
function rescore(result: DetectorResult, families: ReadonlySet<string>): DetectorResult {
  const rescored: DetectorResult = { score: combine(result.matches.filter((match) => families.has(match.family))), matches: result.matches };
  Object.defineProperty(rescored, NORMALIZED_CHUNKS, { value: normalizedChunksOf(result), enumerable: false });
  return rescored;
}

/** Texts longer than this are scanned in chunks cut at line, sentence or word ends. */
const CHUNK = 8_192;
/** How far back from a chunk's end a cut point is looked for. */
const CUT_REACH = 1_024;
/** Matches kept per rule; past this the whole text counts as one span of that rule. */
const MAX_PER_RULE = 100;

/** A chunk of scanned text and its normalised form, kept for the learned classifier. */
export interface NormalizedChunk {
  /** Index of the chunk's first character in the scanned text. */
  readonly offset: number;
  readonly normalized: NormalizedText;
}

/**
 * Where a `scanText` result keeps the normalised chunks of its text (not enumerable): the
 * classifier featurises them instead of normalising the text a second time.
 */
export const NORMALIZED_CHUNKS: unique symbol = Symbol('agentwarden.normalizedChunks');

/** The normalised chunks a `scanText` result carries, if it is one. */
export function normalizedChunksOf(result: DetectorResult): readonly NormalizedChunk[] | undefined {
  return (result as { [NORMALIZED_CHUNKS]?: NormalizedChunk[] })[NORMALIZED_CHUNKS];
}

interface ScanState {
  readonly chunks: NormalizedChunk[];
  readonly matches: Map<string, ScreenMatch>;
  /** Matches per rule, and the strongest weight of rules past `MAX_PER_RULE`. */
  readonly perRule: Map<string, number>;
  readonly saturated: Map<string, ScreenMatch>;
  invisible: number;
  firstInvisible: number;
  tagPayload: string;
  decodeBudget: number;
  readonly decode: boolean;
}

/**
 * Scans one string with the built-in rules; what `heuristics()` calls. Long texts are
 * scanned in overlapping chunks of 32 KiB, so the work per character stays the same at
 * any size (and the working set stays in cache).
 */
export function scanText(text: string, options: { decode?: boolean; maxDecodedChars?: number } = {}): DetectorResult {
  const state: ScanState = { chunks: [], matches: new Map(), perRule: new Map(), saturated: new Map(), invisible: 0, firstInvisible: -1, tagPayload: '', decodeBudget: options.maxDecodedChars ?? 65_536, decode: options.decode !== false };
  for (let start = 0; start < text.length; ) {
    const end = cutPoint(text, start);
    scanChunk(start === 0 && end === text.length ? text : text.slice(start, end), start, state);
    start = end;
  }
  const matches = [...state.matches.values()];
  // A rule matched too often: report the whole text as its span, so redaction removes it all.
  for (const [rule, strongest] of state.saturated) matches.push({ ...strongest, rule, start: 0, end: text.length, text: text.slice(0, SNIPPET) });
  if (state.invisible > 0) {
    const at = state.firstInvisible;
    matches.push({ rule: 'invisible_characters', family: 'hidden', start: at, end: at + 1, weight: round(Math.min(0.4, 0.15 + 0.05 * state.invisible)), text: text.slice(at, at + 1) });
  }
  if (state.tagPayload.length >= 4) {
    const inner = scanText(state.tagPayload, { decode: false });
    const at = Math.max(0, state.firstInvisible);
    matches.push({ rule: 'unicode_tag_smuggling', family: 'hidden', start: at, end: text.length, weight: inner.score >= 0.5 ? 0.95 : 0.6, text: state.tagPayload.slice(0, SNIPPET) });
  }
  matches.sort((a, b) => a.start - b.start || b.weight - a.weight);
  const result: DetectorResult = { score: combine(matches), matches };
  Object.defineProperty(result, NORMALIZED_CHUNKS, { value: state.chunks, enumerable: false });
  return result;
}

/**
 * Where the chunk starting at `start` ends: the last paragraph, line or sentence end (else
 * a space) within `CUT_REACH` of the limit, so phrases are not split; the limit otherwise.
 */
function cutPoint(text: string, start: number): number {
  const limit = start + CHUNK;
  if (limit >= text.length) return text.length;
  let space = -1;
  for (let index = limit; index > limit - CUT_REACH; index--) {
    const code = text.charCodeAt(index - 1);
    if (code === 0x0a || ((code === 0x2e || code === 0x21 || code === 0x3f) && text.charCodeAt(index) === 0x20)) return index;
    if (space < 0 && code === 0x20) space = index;
  }
  return space > 0 ? space : limit;
}

function scanChunk(chunk: string, offset: number, state: ScanState): void {
  const normalized = normalizeText(chunk);
  state.chunks.push({ offset, normalized });
  const tokens = knownTokens(normalized.text);
  const phrase = phraseMatches(normalized.text, tokens).sort((a, b) => a.start - b.start);
  const raw: RawMatch[] = [...phrase, ...markerMatches(normalized.text, findMarkers(normalized.text), phrase)];
  const add = (match: ScreenMatch) => {
    const seen = (state.perRule.get(match.rule) ?? 0) + 1;
    state.perRule.set(match.rule, seen);
    if (seen > MAX_PER_RULE) {
      const strongest = state.saturated.get(match.rule);
      if (!strongest || strongest.weight < match.weight) state.saturated.set(match.rule, match);
      return;
    }
    const key = `${match.rule}:${match.start}:${match.end}`;
    if (!state.matches.has(key)) state.matches.set(key, match);
  };
  for (const match of raw) {
    // Past the per-rule limit only a stronger match changes the result: skip building others.
    const strongest = state.saturated.get(match.rule);
    if (strongest !== undefined && strongest.weight >= round(match.weight)) continue;
    const [start, end] = originalSpan(normalized, chunk, match.start, match.end);
    add({ rule: match.rule, family: match.family, start: start + offset, end: end + offset, weight: round(match.weight), text: chunk.slice(start, Math.min(end, start + SNIPPET)) });
  }
  if (normalized.invisible > 0) {
    state.invisible += normalized.invisible;
    if (state.firstInvisible < 0) state.firstInvisible = normalized.invisibleAt[0]! + offset;
  }
  if (normalized.tagPayload && state.tagPayload.length < 65_536) state.tagPayload += normalized.tagPayload;
  if (!state.decode || state.decodeBudget <= 0) return;
  for (const payload of decodePayloads(chunk, state.decodeBudget)) {
    state.decodeBudget -= payload.decoded.length;
    const inner = scanText(payload.decoded, { decode: false });
    if (inner.score < 0.5) continue;
    add({ rule: `${payload.encoding}_instructions`, family: 'encoded', start: payload.start + offset, end: payload.end + offset, weight: round(Math.max(0.9, inner.score)), text: payload.decoded.slice(0, SNIPPET) });
  }
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
