/**
 * Splits normalised text into words and keeps the ones the word tables know, with their
 * parts and positions. Linear: one pass to find word boundaries, one lookup per word.
 * On a miss it tries, in order: joining short fragments split by spacing tricks
 * (`igno re`, `i.g.n.o.r.e`), reading look-alike letters from other scripts as Latin
 * (Cyrillic `о` for `o`), and reading leetspeak digits as letters (`1gn0re`).
 */
import { anchorRegions, FULL_SCAN_BELOW, needsFullScan } from './anchors.js';
import { JOINABLE_PREFIXES, LEXICON } from './lexicon.js';

/** A known word in normalised text. */
export interface Token {
  /** The word as the tables spell it. */
  readonly word: string;
  /** Bits of `Part`. */
  readonly parts: number;
  /** Normalised-text span. */
  readonly start: number;
  readonly end: number;
  /** Position among all words of the text (known or not): gaps show unknown words. */
  readonly ordinal: number;
}

const MAX_JOIN = 12;
const MAX_JOIN_GAP = 2;

/** Known words of `text` (already normalised), in order. */
export function knownTokens(text: string): Token[] {
  if (text.length <= FULL_SCAN_BELOW || needsFullScan(text)) return tokenizeRange(text, 0, text.length, 0, []);
  // Dense anchors (regions cover more than half): one pass over the whole text is cheaper.
  const regions = anchorRegions(text, text.length / 2);
  if (regions === undefined) return tokenizeRange(text, 0, text.length, 0, []);
  const tokens: Token[] = [];
  for (let index = 0; index < regions.length; index += 2) {
    // Ordinals of separate regions are far apart, so no rule sees them as neighbours.
    tokenizeRange(text, regions[index]!, regions[index + 1]!, index * 1_000_000, tokens);
  }
  return tokens;
}

/** Appends the known words of `text[from, to)` to `tokens`. */
function tokenizeRange(text: string, from: number, to: number, ordinalBase: number, tokens: Token[]): Token[] {
  const capacity = ((to - from) >> 1) + 1;
  const starts = new Int32Array(capacity);
  const ends = new Int32Array(capacity);
  let count = 0;
  let wordStart = -1;
  for (let index = from; index <= to; index++) {
    if (index < to && isWordCode(text.charCodeAt(index))) {
      if (wordStart < 0) wordStart = index;
    } else if (wordStart >= 0) {
      starts[count] = wordStart;
      ends[count++] = index;
      wordStart = -1;
    }
  }
  // `ordinal` counts words as read: fragments joined into one word count once.
  let ordinal = ordinalBase - 1;
  for (let raw = 0; raw < count; raw++) {
    ordinal++;
    const start = starts[raw]!;
    const end = ends[raw]!;
    const shape = shapeOf(text, start, end);
    if (shape === 0) continue;
    const word = text.slice(start, end);
    const parts = shape & SHAPE_KNOWN ? LEXICON.get(word) : undefined;
    if (shape & SHAPE_PREFIX && end - start <= 2 && JOINABLE_PREFIXES.has(word)) {
      const joined = joinFragments(text, word, starts, ends, count, raw);
      if (joined) {
        tokens.push({ word: joined.word, parts: LEXICON.get(joined.word)!, start, end: ends[joined.last]!, ordinal });
        raw = joined.last;
        continue;
      }
    }
    if (parts !== undefined) {
      tokens.push({ word, parts, start, end, ordinal });
      continue;
    }
    if (shape & SHAPE_PREFIX && JOINABLE_PREFIXES.has(word)) {
      const joined = joinFragments(text, word, starts, ends, count, raw);
      if (joined) {
        tokens.push({ word: joined.word, parts: LEXICON.get(joined.word)!, start, end: ends[joined.last]!, ordinal });
        raw = joined.last;
        continue;
      }
    }
    if (shape & SHAPE_MIXED) {
      const lookalike = readLookalike(word);
      const lookalikeParts = lookalike === undefined ? undefined : LEXICON.get(lookalike);
      if (lookalikeParts !== undefined) tokens.push({ word: lookalike!, parts: lookalikeParts, start, end, ordinal });
    }
  }
  return tokens;
}

const SHAPE_KNOWN = 1;
const SHAPE_PREFIX = 2;
const SHAPE_MIXED = 4;
// A cheap filter before any string is built: (first letter, second letter, length) of every
// known word and of every prefix of a joinable word.
const SHAPES = buildShapes();

function shapeKey(first: number, second: number, length: number): number {
  const a = first >= 0x61 && first <= 0x7a ? first - 0x61 : 26;
  const b = second >= 0x61 && second <= 0x7a ? second - 0x61 : 26;
  return (a * 27 + b) * 48 + Math.min(length, 47);
}

function buildShapes(): Uint8Array {
  const shapes = new Uint8Array(27 * 27 * 48);
  const mark = (word: string, bit: number) => {
    shapes[shapeKey(word.charCodeAt(0), word.length > 1 ? word.charCodeAt(1) : 0x20, word.length)]! |= bit;
  };
  for (const word of LEXICON.keys()) mark(word, SHAPE_KNOWN);
  for (const prefix of JOINABLE_PREFIXES) mark(prefix, SHAPE_PREFIX);
  return shapes;
}

/** Which lookups a word may need: 0 means it cannot be a known word, prefix or look-alike. */
function shapeOf(text: string, start: number, end: number): number {
  const length = end - start;
  if (length > 40) return 0;
  const first = text.charCodeAt(start);
  const second = length > 1 ? text.charCodeAt(start + 1) : 0x20;
  let shape = SHAPES[shapeKey(first, second, length)]!;
  if (first >= 0x80 || second >= 0x80) shape |= SHAPE_KNOWN | SHAPE_MIXED;
  else {
    for (let index = start; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code < 0x61 || code > 0x7a) {
        shape |= SHAPE_MIXED | (code >= 0x80 ? SHAPE_KNOWN : 0);
        break;
      }
    }
  }
  return shape;
}

function joinFragments(text: string, first: string, starts: Int32Array, ends: Int32Array, count: number, ordinal: number): { word: string; last: number } | undefined {
  let joined = first;
  let best: { word: string; last: number } | undefined;
  for (let next = ordinal + 1; next < count && next <= ordinal + MAX_JOIN; next++) {
    if (starts[next]! - ends[next - 1]! > MAX_JOIN_GAP || !isJoinGap(text, ends[next - 1]!, starts[next]!)) break;
    joined += text.slice(starts[next]!, ends[next]!);
    if (LEXICON.has(joined) && joined.length >= 5) best = { word: joined, last: next };
    if (!JOINABLE_PREFIXES.has(joined)) break;
  }
  return best;
}

function isJoinGap(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x2e && code !== 0x2d && code !== 0x5f && code !== 0x2a && code !== 0x27) return false;
  }
  return true;
}

const LOOKALIKES: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w', к: 'k', в: 'b', м: 'm', т: 't', н: 'h', г: 'r', п: 'n',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ı: 'i', ɡ: 'g', ʀ: 'r',
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g',
};

const LOOKALIKE_CODES = new Map<number, string>(Object.entries(LOOKALIKES).map(([char, latin]) => [char.charCodeAt(0), latin]));

/** The word read as Latin letters, when it mixes scripts or digits with letters. */
function readLookalike(word: string): string | undefined {
  let hasLetter = false;
  let hasOther = false;
  let read = '';
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index);
    if (code >= 0x61 && code <= 0x7a) {
      hasLetter = true;
      read += word[index];
      continue;
    }
    // Any character that is neither a Latin letter nor a known look-alike ends the attempt.
    const latin = LOOKALIKE_CODES.get(code);
    if (latin === undefined) return undefined;
    hasOther = true;
    read += latin;
  }
  return hasOther && (hasLetter || !/^\d+$/.test(word)) ? read : undefined;
}

function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
  // Punctuation blocks are separators; every other non-ASCII unit counts as a letter.
  return !((code >= 0x2000 && code <= 0x206f) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xa1 && code <= 0xbf) || code === 0xd7 || code === 0xf7 || (code >= 0xff01 && code <= 0xff0f) || code === 0xfffd);
}
