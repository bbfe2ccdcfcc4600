/**
 * Text normalisation for the injection screen: one linear pass that folds case, applies
 * Unicode NFKC (full-width and mathematical letters become plain ones), strips accents,
 * turns odd spaces into plain ones, and drops invisible characters (zero-width, bidi
 * controls, soft hyphens) while counting them. Unicode tag characters (U+E0000..E007F,
 * used to smuggle ASCII invisibly) are dropped and decoded into `tagPayload`. Every
 * normalised character remembers the index of the original character it came from, so
 * matches are reported as spans of the original text. Lone surrogates become spaces.
 */

/** The result of `normalizeText`. */
export interface NormalizedText {
  /** Normalised text: lower case, NFKC, accents stripped, invisibles removed. */
  readonly text: string;
  /**
   * `offsets[i]` is the index in the original text of normalised character `i`; one extra
   * entry holds the original length. `undefined` when the mapping is the identity (ASCII).
   */
  readonly offsets: Int32Array | undefined;
  /** How many invisible characters were removed. */
  readonly invisible: number;
  /** Original indices of the removed invisible characters (at most 64 kept). */
  readonly invisibleAt: readonly number[];
  /** ASCII decoded from Unicode tag characters, if any were present. */
  readonly tagPayload: string;
}

const NON_ASCII = /[^\x00-\x7f]/;
const UPPER_ASCII = /[A-Z]/;
const foldCache = new Map<number, string>();
const bmpFolds: Array<string | undefined> = new Array(0x10000);

/** Normalises `text` for matching; linear in its length. */
export function normalizeText(text: string): NormalizedText {
  if (!NON_ASCII.test(text)) {
    return { text: UPPER_ASCII.test(text) ? text.toLowerCase() : text, offsets: undefined, invisible: 0, invisibleAt: [], tagPayload: '' };
  }
  return normalizeUnicode(text);
}

function normalizeUnicode(text: string): NormalizedText {
  const length = text.length;
  // The output is built as UTF-16 code units (one string at the end), not by appending
  // strings, which would build a deep rope to flatten later. `offsets[i]` is the original
  // index of output unit `i`, so both grow together.
  let units = new Uint16Array(length + 16);
  let offsets = new Int32Array(length + 16);
  let size = 0;
  const reserve = (extra: number) => {
    if (size + extra + 1 <= offsets.length) return;
    const capacity = Math.max(offsets.length * 2, size + extra + 16);
    const grownOffsets = new Int32Array(capacity);
    grownOffsets.set(offsets.subarray(0, size));
    offsets = grownOffsets;
    const grownUnits = new Uint16Array(capacity);
    grownUnits.set(units.subarray(0, size));
    units = grownUnits;
  };
  const invisibleAt: number[] = [];
  let invisible = 0;
  let tagPayload = '';
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      if (size + 1 >= offsets.length) reserve(1);
      units[size] = code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
      offsets[size++] = index;
      continue;
    }
    let point = code;
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = index + 1 < length ? text.charCodeAt(index + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        point = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      } else point = 0x20;
    } else if (code >= 0xdc00 && code <= 0xdfff) point = 0x20;
    if (isInvisible(point)) {
      invisible++;
      if (invisibleAt.length < 64) invisibleAt.push(index);
      if (point >= 0xe0020 && point <= 0xe007e && tagPayload.length < 65_536) tagPayload += String.fromCharCode(point - 0xe0000);
    } else {
      const folded = isOddSpace(point) ? ' ' : fold(point);
      reserve(folded.length);
      for (let k = 0; k < folded.length; k++) {
        units[size] = folded.charCodeAt(k);
        offsets[size++] = index;
      }
    }
    index += width - 1;
  }
  reserve(1);
  offsets[size] = length;
  return { text: unitsToString(units, size), offsets: offsets.subarray(0, size + 1), invisible, invisibleAt, tagPayload };
}

/** `units[0, size)` as a string, converted in pieces (argument count limits). */
function unitsToString(units: Uint16Array, size: number): string {
  const PIECE = 8_192;
  if (size <= PIECE) return String.fromCharCode.apply(null, units.subarray(0, size) as unknown as number[]);
  const pieces: string[] = [];
  for (let from = 0; from < size; from += PIECE) pieces.push(String.fromCharCode.apply(null, units.subarray(from, Math.min(size, from + PIECE)) as unknown as number[]));
  return pieces.join('');
}

/** Maps a span `[start, end)` of normalised text back to a span of `original`. */
export function originalSpan(normalized: NormalizedText, original: string, start: number, end: number): [number, number] {
  const { offsets } = normalized;
  if (!offsets) return [start, end];
  const from = offsets[Math.min(start, offsets.length - 1)]!;
  if (end <= start) return [from, from];
  const last = offsets[Math.min(end - 1, offsets.length - 1)]!;
  const code = original.charCodeAt(last);
  // A surrogate pair maps to its first unit; the span ends after the second.
  return [from, Math.min(original.length, last + (code >= 0xd800 && code <= 0xdbff ? 2 : 1))];
}

/** Case fold, NFKC and accent stripping for one code point (cached). */
export function fold(point: number): string {
  if (point < 0x10000) {
    let cached = bmpFolds[point];
    if (cached === undefined) bmpFolds[point] = cached = foldUncached(point);
    return cached;
  }
  let folded = foldCache.get(point);
  if (folded === undefined) {
    folded = foldUncached(point);
    if (foldCache.size < 20_000) foldCache.set(point, folded);
  }
  return folded;
}

function foldUncached(point: number): string {
  return String.fromCodePoint(point).normalize('NFKC').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** Folds a whole (short) string the way `normalizeText` does; used to build tables. */
export function foldWord(word: string): string {
  return normalizeText(word).text;
}

function isInvisible(point: number): boolean {
  return (
    point === 0x00ad ||
    point === 0x034f ||
    point === 0x061c ||
    point === 0x115f ||
    point === 0x1160 ||
    point === 0x17b4 ||
    point === 0x17b5 ||
    point === 0x180e ||
    (point >= 0x200b && point <= 0x200f) ||
    (point >= 0x202a && point <= 0x202e) ||
    (point >= 0x2060 && point <= 0x206f) ||
    point === 0x3164 ||
    point === 0xfeff ||
    point === 0xffa0 ||
    (point >= 0xfe00 && point <= 0xfe0f) ||
    (point >= 0xe0000 && point <= 0xe0fff)
  );
}

function isOddSpace(point: number): boolean {
  return point === 0x00a0 || point === 0x1680 || (point >= 0x2000 && point <= 0x200a) || point === 0x2028 || point === 0x2029 || point === 0x202f || point === 0x205f || point === 0x3000;
}
