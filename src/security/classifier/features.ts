/**
 * Features of the learned screen, computed in one pass over normalised text: the text is
 * cut into sentences, and each sentence becomes a list of hashed buckets (word unigrams and
 * bigrams, character n-grams, its first word crossed with the call's context) plus a
 * bitmask of address, mood and rule indicators. A window of sentences is scored from the
 * sentences' own sums, so no sentence is featurised twice.
 */
import { HASH_START, hashStep, mixHash, Seed } from './hashing.js';
import { indicatorBit, SKELETON_NUMBER, SKELETON_OTHER } from './mood.js';
import { BITS_MASK, findWord, IMPERATIVE_FLAG, LEAD_FLAG, WORD_TABLE } from './word-table.js';

/** How the hashed features are laid out; stored in the model file so both sides agree. */
export interface FeatureConfig {
  /** log2 of the number of hashed buckets. */
  readonly tableBits: number;
  /** Character n-gram lengths, each in 2..6. */
  readonly charGrams: readonly number[];
}

/** Where a call's text came from: what the user or model sent (args), or what a tool returned. */
export type ScreenContext = 'args' | 'results';

/** Numeric id of a context, used in hashes and weight tables. */
export function contextIndex(context: ScreenContext): 0 | 1 {
  return context === 'args' ? 0 : 1;
}

/** Sentences longer than this are cut at a space (or hard) so a window stays local. */
export const MAX_SENTENCE = 320;

/** Sentence spans of a normalised text: `starts[i]`..`ends[i]` (end exclusive). */
export interface SentenceSpans {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * Cuts normalised text into sentences: at line breaks (also an escaped `\n` in JSON text), at
 * `.`, `!`, `?`, `;` followed by a space, at CJK full stops, at the quotes around JSON and
 * CSV string values (so a value planted in a JSON document is scored on its own), and at
 * `MAX_SENTENCE` characters. Blank pieces are skipped.
 * Linear in the text's length.
 */
export function splitSentences(text: string): SentenceSpans {
  let capacity = 16;
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let count = 0;
  const push = (start: number, end: number) => {
    while (start < end && text.charCodeAt(start) <= 0x20) start++;
    while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
    if (end <= start) return;
    // Pieces of punctuation only (JSON's `": "`, `},{`) carry nothing to score.
    let content = start;
    while (content < end && !isContentChar(text.charCodeAt(content))) content++;
    if (content === end) return;
    if (count === capacity) {
      capacity *= 2;
      const grownStarts = new Int32Array(capacity);
      grownStarts.set(starts);
      starts = grownStarts;
      const grownEnds = new Int32Array(capacity);
      grownEnds.set(ends);
      ends = grownEnds;
    }
    starts[count] = start;
    ends[count++] = end;
  };
  const length = text.length;
  let start = 0;
  let lastSpace = -1;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || code === 0x0d) {
      push(start, index);
      start = index + 1;
      lastSpace = -1;
      continue;
    }
    if (code === 0x22 && text.charCodeAt(index - 1) !== 0x5c && isJsonQuote(text, index, start, length)) {
      // A quote that opens or closes a JSON/CSV string: each value is its own sentence.
      push(start, index);
      start = index + 1;
      lastSpace = -1;
      continue;
    }
    if (code === 0x5c && text.charCodeAt(index + 1) === 0x6e) {
      // An escaped line break (`\n`) inside JSON text is a line break.
      push(start, index);
      start = index + 2;
      index++;
      lastSpace = -1;
      continue;
    }
    if (code === 0x20 || code === 0x09) {
      const previous = text.charCodeAt(index - 1);
      if (index > start && (previous === 0x2e || previous === 0x21 || previous === 0x3f || previous === 0x3b)) {
        push(start, index);
        start = index + 1;
        lastSpace = -1;
        continue;
      }
      lastSpace = index;
    } else if (code === 0x3002 || code === 0xff01 || code === 0xff1f) {
      push(start, index + 1);
      start = index + 1;
      lastSpace = -1;
      continue;
    }
    if (index - start >= MAX_SENTENCE) {
      const cut = lastSpace > start + MAX_SENTENCE / 2 ? lastSpace : index;
      push(start, cut);
      start = cut === index ? index : cut + 1;
      lastSpace = -1;
    }
  }
  push(start, length);
  return { count, starts, ends };
}

/** Letters, digits and any non-ASCII character. */
function isContentChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code >= 0x80;
}

/** JSON punctuation that sits right before a string opens or right after it closes. */
function isJsonPunctuation(code: number): boolean {
  return code === 0x2c || code === 0x3a || code === 0x5b || code === 0x5d || code === 0x7b || code === 0x7d;
}

/** True when the quote at `index` opens or closes a JSON or CSV string value. */
function isJsonQuote(text: string, index: number, start: number, length: number): boolean {
  let before = index - 1;
  while (before >= start && text.charCodeAt(before) === 0x20) before--;
  if (before < start || isJsonPunctuation(text.charCodeAt(before))) return true;
  let after = index + 1;
  while (after < length && text.charCodeAt(after) === 0x20) after++;
  return after >= length || isJsonPunctuation(text.charCodeAt(after));
}

/** The features of one sentence, written into a reusable buffer. */
export interface SentenceFeatures {
  /** Bucket indices, `count` of them (a bucket may repeat: counts are sums). */
  indices: Int32Array;
  count: number;
  /** Indicator bits (see `INDICATOR_FEATURES`). */
  bits: number;
}

/** First bucket of the structure features (sentence skeleton, first word); content features sit below. */
export function structureStart(config: FeatureConfig): number {
  return 1 << (config.tableBits - 1);
}

/** A fresh, empty feature buffer. */
export function sentenceFeatures(): SentenceFeatures {
  return { indices: new Int32Array(1024), count: 0, bits: 0 };
}

const IMPERATIVE = indicatorBit('imperative_start');
const LABEL_START = indicatorBit('label_start');
const QUESTION = indicatorBit('question');
const LINK = indicatorBit('link_or_address');
const SNAKE = indicatorBit('snake_case');
const MAX_WORD = 48;
const SENTENCE_START = 0x61c88647;

/** True for characters that are part of a word in normalised text. */
function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x27 || code === 0x5f;
  return !(code >= 0x2000 && code <= 0x206f) && !(code >= 0x3000 && code <= 0x303f) && code !== 0xa0;
}

/** CJK and kana: each character is a word of its own. */
function isIdeograph(code: number): boolean {
  return (code >= 0x3040 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xfaff);
}

/** Word-level state of one sentence while it is featurised (fields, not captured locals: fast). */
interface WordState {
  word: number;
  length: number;
  previous: number;
  words: number;
  underscore: boolean;
  /** Digits in the current word. */
  digits: number;
  first: boolean;
  expectVerb: boolean;
  count: number;
  bits: number;
  /** The last two skeleton tokens (sentence start is a token of its own). */
  shape1: number;
  shape2: number;
}

const wordState: WordState = { word: HASH_START, length: 0, previous: 0, words: 0, underscore: false, digits: 0, first: true, expectVerb: true, count: 0, bits: 0, shape1: SENTENCE_START, shape2: SENTENCE_START };

/** Emits the features of the word that just ended (if any) and resets for the next. */
function closeWord(state: WordState, indices: Int32Array, half: number, contextSeed: number): void {
  if (state.length === 0) return;
  const word = state.word;
  indices[state.count++] = mixHash(word ^ Seed.unigram) & half;
  if (state.words > 0) indices[state.count++] = mixHash(Math.imul(state.previous, 0x9e3779b1) ^ word ^ Seed.bigram) & half;
  const slot = findWord(WORD_TABLE, word);
  const known = slot >= 0 ? WORD_TABLE.values[slot]! : 0;
  state.bits |= known & BITS_MASK;
  if (state.expectVerb) {
    if ((known & IMPERATIVE_FLAG) !== 0) state.bits |= IMPERATIVE;
    state.expectVerb = (known & LEAD_FLAG) !== 0;
  }
  if (state.first) {
    indices[state.count++] = (mixHash(word ^ Seed.firstWord ^ contextSeed) & half) + half + 1;
    state.first = false;
  }
  if (state.underscore) state.bits |= SNAKE;
  const shape = slot >= 0 && WORD_TABLE.hasShape[slot] === 1 ? WORD_TABLE.shapes[slot]! : isNumberWord(state) ? SKELETON_NUMBER : SKELETON_OTHER;
  indices[state.count++] = (mixHash(Math.imul(state.shape1, 0x85ebca6b) ^ shape ^ Seed.skeletonBigram) & half) + half + 1;
  indices[state.count++] = (mixHash(Math.imul(state.shape2, 0xc2b2ae35) ^ Math.imul(state.shape1, 0x85ebca6b) ^ shape ^ Seed.skeletonTrigram) & half) + half + 1;
  state.shape2 = state.shape1;
  state.shape1 = shape;
  state.previous = word;
  state.words++;
  state.word = HASH_START;
  state.length = 0;
  state.underscore = false;
  state.digits = 0;
}

function isNumberWord(state: WordState): boolean {
  return state.digits * 2 >= state.length;
}

/**
 * Featurises `text[start, end)` (normalised) for `context` into `out`.
 * @returns `out`, with `count` bucket indices and the mood bits (rule bits are added by the caller).
 */
export function featurizeSentence(text: string, start: number, end: number, context: 0 | 1, config: FeatureConfig, out: SentenceFeatures): SentenceFeatures {
  // Content features (words, character n-grams) hash into the lower half of the table,
  // structure features (first word, skeleton) into the upper half: `structureStart()`.
  const half = (1 << (config.tableBits - 1)) - 1;
  const grams = config.charGrams;
  const gramCount = grams.length;
  const needed = (end - start) * (gramCount + 5) + 8;
  if (out.indices.length < needed) out.indices = new Int32Array(Math.max(needed, out.indices.length * 2));
  const indices = out.indices;
  const contextSeed = Math.imul(context + 1, Seed.context);
  const state = wordState;
  state.word = HASH_START;
  state.length = 0;
  state.previous = 0;
  state.words = 0;
  state.underscore = false;
  state.first = true;
  state.expectVerb = true;
  state.count = 0;
  state.bits = 0;
  state.shape1 = SENTENCE_START;
  state.shape2 = SENTENCE_START;
  state.digits = 0;
  // Character n-grams over the text with whitespace runs folded to one space.
  let ring0 = 0x20;
  let ring1 = 0x20;
  let ring2 = 0x20;
  let ring3 = 0x20;
  let ring4 = 0x20;
  let ring5 = 0x20;
  let seen = 0;
  let previousSpace = true;
  let link = false;
  for (let index = start; index < end; index++) {
    let code = text.charCodeAt(index);
    const space = code <= 0x20;
    if (space) {
      if (previousSpace) continue;
      code = 0x20;
    }
    previousSpace = space;
    ring5 = ring4;
    ring4 = ring3;
    ring3 = ring2;
    ring2 = ring1;
    ring1 = ring0;
    ring0 = code;
    seen++;
    for (let gram = 0; gram < gramCount; gram++) {
      const size = grams[gram]!;
      if (seen < size) continue;
      let hash = Math.imul(Seed.charGram ^ size, 0x01000193) ^ ring0;
      hash = Math.imul(hash, 0x01000193) ^ ring1;
      if (size > 2) hash = Math.imul(hash, 0x01000193) ^ ring2;
      if (size > 3) hash = Math.imul(hash, 0x01000193) ^ ring3;
      if (size > 4) hash = Math.imul(hash, 0x01000193) ^ ring4;
      if (size > 5) hash = Math.imul(hash, 0x01000193) ^ ring5;
      indices[state.count++] = mixHash(hash) & half;
    }
    if (isWordChar(code)) {
      if (isIdeograph(code)) {
        closeWord(state, indices, half, contextSeed);
        state.word = hashStep(HASH_START, code);
        state.length = 1;
        closeWord(state, indices, half, contextSeed);
        continue;
      }
      if (code === 0x5f && state.length > 0) state.underscore = true;
      if (code >= 0x30 && code <= 0x39) state.digits++;
      if (state.length < MAX_WORD) state.word = hashStep(state.word, code);
      state.length++;
      continue;
    }
    if (code === 0x40 || (code === 0x2f && index > start && text.charCodeAt(index - 1) === 0x2f)) link = true;
    // A label ("Note:", "To the model:", "Message for the assistant:") opens the sentence.
    if (code === 0x3a && state.words + (state.length > 0 ? 1 : 0) <= 5 && state.words + state.length > 0) state.bits |= LABEL_START;
    const clauseBreak = (code === 0x2c || code === 0x3a) && state.words + (state.length > 0 ? 1 : 0) <= 4;
    closeWord(state, indices, half, contextSeed);
    if (clauseBreak) state.expectVerb = true;
  }
  closeWord(state, indices, half, contextSeed);
  if (link) state.bits |= LINK;
  const last = end > start ? text.charCodeAt(end - 1) : 0;
  if (last === 0x3f || last === 0xff1f) state.bits |= QUESTION;
  out.count = state.count;
  out.bits = state.bits;
  return out;
}
