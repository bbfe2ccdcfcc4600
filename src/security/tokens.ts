/**
 * Splits normalised text into words and keeps the ones the word tables know, with their
 * parts and positions. Linear: one pass finds word boundaries and hashes each word as it
 * reads it, then one hash-table probe per word (no string is built for unknown words).
 * On a miss it tries, in order: joining short fragments split by spacing tricks
 * (`igno re`, `i.g.n.o.r.e`), reading look-alike letters from other scripts as Latin
 * (Cyrillic `о` for `o`), and reading leetspeak digits as letters (`1gn0re`).
 */
import { anchorRegions, FULL_SCAN_BELOW, hasLookalikeScript, hasSplitStem } from './anchors.js';
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
  if (text.length <= FULL_SCAN_BELOW || hasLookalikeScript(text)) return tokenizeRange(text, 0, text.length, 0, []);
  // Dense anchors (regions cover more than half): one pass over the whole text is cheaper.
  // Checked before split words, as either one means a whole-text pass.
  const regions = anchorRegions(text, text.length / 2);
  if (regions === undefined || hasSplitStem(text)) return tokenizeRange(text, 0, text.length, 0, []);
  const tokens: Token[] = [];
  for (let index = 0; index < regions.length; index += 2) {
    // Ordinals of separate regions are far apart, so no rule sees them as neighbours.
    tokenizeRange(text, regions[index]!, regions[index + 1]!, index * 1_000_000, tokens);
  }
  return tokens;
}

/** Appends the known words of `text[from, to)` to `tokens`. */
function tokenizeRange(text: string, from: number, to: number, ordinalBase: number, tokens: Token[]): Token[] {
  // Pass 1: word boundaries, each word's hash and whether it is all `a-z`, in one read of the text.
  const capacity = ((to - from) >> 1) + 1;
  const starts = new Int32Array(capacity);
  const ends = new Int32Array(capacity);
  const hashes = new Int32Array(capacity);
  const mixed = new Uint8Array(capacity);
  let count = 0;
  let wordStart = -1;
  let hash = 0;
  let notLower = 0;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80 ? ASCII_WORD[code] === 1 : isWordCode(code)) {
      if (wordStart < 0) {
        wordStart = index;
        hash = HASH_SEED;
        notLower = 0;
      }
      hash = Math.imul(hash ^ code, HASH_PRIME);
      if (code < 0x61 || code > 0x7a) notLower = 1;
    } else if (wordStart >= 0) {
      starts[count] = wordStart;
      ends[count] = index;
      hashes[count] = hash;
      mixed[count++] = notLower;
      wordStart = -1;
    }
  }
  if (wordStart >= 0) {
    starts[count] = wordStart;
    ends[count] = to;
    hashes[count] = hash;
    mixed[count++] = notLower;
  }
  // Pass 2: one table probe per word; a string is built only for the rare look-alike reading.
  // `ordinal` counts words as read: fragments joined into one word count once.
  let ordinal = ordinalBase - 1;
  for (let raw = 0; raw < count; raw++) {
    ordinal++;
    const start = starts[raw]!;
    const end = ends[raw]!;
    if (end - start > MAX_WORD) continue;
    const entry = lookup(text, start, end, hashes[raw]!);
    const parts = entry < 0 ? -1 : ENTRY_PARTS[entry]!;
    const prefix = entry >= 0 && ENTRY_PREFIX[entry] === 1;
    if (prefix && end - start <= 2) {
      const joined = joinFragments(text, entry, starts, ends, count, raw);
      if (joined) {
        tokens.push({ word: joined.word, parts: LEXICON.get(joined.word)!, start, end: ends[joined.last]!, ordinal });
        raw = joined.last;
        continue;
      }
    }
    if (parts >= 0) {
      tokens.push({ word: ENTRY_WORDS[entry]!, parts, start, end, ordinal });
      continue;
    }
    if (prefix) {
      const joined = joinFragments(text, entry, starts, ends, count, raw);
      if (joined) {
        tokens.push({ word: joined.word, parts: LEXICON.get(joined.word)!, start, end: ends[joined.last]!, ordinal });
        raw = joined.last;
        continue;
      }
    }
    if (mixed[raw] === 1) {
      const lookalike = readLookalike(text.slice(start, end));
      const lookalikeParts = lookalike === undefined ? undefined : LEXICON.get(lookalike);
      if (lookalikeParts !== undefined) tokens.push({ word: lookalike!, parts: lookalikeParts, start, end, ordinal });
    }
  }
  return tokens;
}

/** Longer words are never known words, prefixes or look-alikes of one. */
const MAX_WORD = 40;
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

/** 1 for ASCII word characters `[a-zA-Z0-9]`. */
const ASCII_WORD = new Uint8Array(128);
for (let code = 0; code < 128; code++) ASCII_WORD[code] = isWordCode(code) ? 1 : 0;

// One open-addressing table over every known word and every prefix of a joinable word: a
// word of the text is looked up by the hash computed while reading it, so no string is
// built for the many words that are neither.
const ENTRY_WORDS: string[] = [];
/** The word's parts (bits of `Part`), or -1 when it is only a prefix. */
const ENTRY_PARTS: number[] = [];
const ENTRY_PREFIX: number[] = [];
const ENTRY_HASHES: number[] = [];
const SLOTS = buildTable();
const SLOT_MASK = SLOTS.length - 1;

function hashOf(word: string): number {
  let hash = HASH_SEED;
  for (let index = 0; index < word.length; index++) hash = Math.imul(hash ^ word.charCodeAt(index), HASH_PRIME);
  return hash;
}

function buildTable(): Int32Array {
  const words = new Set<string>([...LEXICON.keys(), ...JOINABLE_PREFIXES]);
  let size = 1;
  while (size < words.size * 4) size <<= 1;
  const slots = new Int32Array(size).fill(-1);
  for (const word of words) {
    const entry = ENTRY_WORDS.length;
    const hash = hashOf(word);
    ENTRY_WORDS.push(word);
    ENTRY_PARTS.push(LEXICON.get(word) ?? -1);
    ENTRY_PREFIX.push(JOINABLE_PREFIXES.has(word) ? 1 : 0);
    ENTRY_HASHES.push(hash);
    let slot = hash & (size - 1);
    while (slots[slot] !== -1) slot = (slot + 1) & (size - 1);
    slots[slot] = entry;
  }
  return slots;
}

/** The table entry of `text[start, end)` (whose hash is `hash`), or -1. */
function lookup(text: string, start: number, end: number, hash: number): number {
  const length = end - start;
  for (let slot = hash & SLOT_MASK; ; slot = (slot + 1) & SLOT_MASK) {
    const entry = SLOTS[slot]!;
    if (entry < 0) return -1;
    if (ENTRY_HASHES[entry] !== hash) continue;
    const word = ENTRY_WORDS[entry]!;
    if (word.length !== length) continue;
    let index = 0;
    while (index < length && word.charCodeAt(index) === text.charCodeAt(start + index)) index++;
    if (index === length) return entry;
  }
}

/**
 * The longest known word (of at least 5 letters) made by joining fragment `ordinal` (table
 * entry `entry`) with the fragments after it, while the joined text is a prefix of a
 * joinable word. The join is hashed as it grows; no string is built unless it is a word.
 */
function joinFragments(text: string, entry: number, starts: Int32Array, ends: Int32Array, count: number, ordinal: number): { word: string; last: number } | undefined {
  let hash = ENTRY_HASHES[entry]!;
  let length = ENTRY_WORDS[entry]!.length;
  let best: { word: string; last: number } | undefined;
  for (let next = ordinal + 1; next < count && next <= ordinal + MAX_JOIN; next++) {
    if (starts[next]! - ends[next - 1]! > MAX_JOIN_GAP || !isJoinGap(text, ends[next - 1]!, starts[next]!)) break;
    for (let index = starts[next]!; index < ends[next]!; index++) hash = Math.imul(hash ^ text.charCodeAt(index), HASH_PRIME);
    length += ends[next]! - starts[next]!;
    const joined = lookupJoined(text, starts, ends, ordinal, next, hash, length);
    if (joined >= 0 && ENTRY_PARTS[joined]! >= 0 && length >= 5) best = { word: ENTRY_WORDS[joined]!, last: next };
    if (joined < 0 || ENTRY_PREFIX[joined] !== 1) break;
  }
  return best;
}

/** The table entry spelled by fragments `first..last` joined (hash `hash`), or -1. */
function lookupJoined(text: string, starts: Int32Array, ends: Int32Array, first: number, last: number, hash: number, length: number): number {
  for (let slot = hash & SLOT_MASK; ; slot = (slot + 1) & SLOT_MASK) {
    const entry = SLOTS[slot]!;
    if (entry < 0) return -1;
    if (ENTRY_HASHES[entry] !== hash || ENTRY_WORDS[entry]!.length !== length) continue;
    const word = ENTRY_WORDS[entry]!;
    let at = 0;
    let same = true;
    for (let fragment = first; same && fragment <= last; fragment++) {
      for (let index = starts[fragment]!; index < ends[fragment]!; index++) {
        if (word.charCodeAt(at++) !== text.charCodeAt(index)) {
          same = false;
          break;
        }
      }
    }
    if (same) return entry;
  }
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
