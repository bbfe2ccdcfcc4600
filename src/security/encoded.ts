/**
 * Finds base64 and hex runs that decode to readable text, so the screen can scan what an
 * encoded payload says. Each candidate is one run of a single character class, found by a
 * skipping scan without a regular expression; at most `maxDecodedChars` characters are
 * decoded per text.
 */

/** A decoded run: its span in the original text and the text it decodes to. */
export interface DecodedPayload {
  readonly start: number;
  readonly end: number;
  readonly encoding: 'base64' | 'hex';
  readonly decoded: string;
}

const HEX = /^[0-9a-fA-F]+$/;
const MAX_CANDIDATES = 256;
/** Shortest run of the base64 alphabet worth decoding. */
const MIN_RUN = 16;

/** 1 for the base64/base64url alphabet `[A-Za-z0-9+/_-]`, 0 otherwise. */
const ALPHABET = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') ALPHABET[char.charCodeAt(0)] = 1;

const inAlphabet = (code: number) => code < 128 && ALPHABET[code] === 1;
/** `\w` of a regular expression without the `u` flag: `[A-Za-z0-9_]`. */
const isWordChar = (code: number) => code < 128 && ALPHABET[code] === 1 && code !== 0x2b && code !== 0x2f && code !== 0x2d;

/**
 * Readable payloads encoded in `text`. A candidate is a run of at least 16 base64 characters
 * that starts at a word boundary (then up to two `=`), the first such start in each run.
 * Runs are found by a skipping scan: a character outside the alphabet at `i` means no run
 * of 16 can cover it, so the next look is at `i + 16`; prose costs about one look per word.
 */
export function decodePayloads(text: string, maxDecodedChars = 65_536): DecodedPayload[] {
  const payloads: DecodedPayload[] = [];
  let budget = maxDecodedChars;
  let candidates = 0;
  const length = text.length;
  // Invariant: `probe - MIN_RUN` is outside the alphabet (or before the text).
  for (let probe = MIN_RUN - 1; probe < length && budget > 0 && candidates < MAX_CANDIDATES; ) {
    if (!inAlphabet(text.charCodeAt(probe))) {
      probe += MIN_RUN;
      continue;
    }
    let back = probe - 1;
    while (back > probe - MIN_RUN && inAlphabet(text.charCodeAt(back))) back--;
    if (back > probe - MIN_RUN) {
      probe = back + MIN_RUN;
      continue;
    }
    // A maximal run [runStart, runEnd) of at least 16 alphabet characters.
    const runStart = probe - MIN_RUN + 1;
    let runEnd = probe + 1;
    while (runEnd < length && inAlphabet(text.charCodeAt(runEnd))) runEnd++;
    probe = runEnd + MIN_RUN;
    // The first word boundary in the run that leaves at least 16 characters.
    let start = -1;
    for (let at = runStart; at <= runEnd - MIN_RUN; at++) {
      if ((at > 0 && isWordChar(text.charCodeAt(at - 1))) !== isWordChar(text.charCodeAt(at))) {
        start = at;
        break;
      }
    }
    if (start < 0) continue;
    let end = runEnd;
    while (end < runEnd + 2 && text.charCodeAt(end) === 0x3d) end++;
    const run = text.slice(start, end);
    if (!/[0-9+/=]/.test(run) && !(/[A-Z]/.test(run) && /[a-z]/.test(run))) continue; // plain words
    candidates++;
    const slice = run.slice(0, budget * 2);
    const isHex = HEX.test(slice) && slice.length % 2 === 0;
    const decoded = isHex ? Buffer.from(slice, 'hex').toString('utf8') : Buffer.from(slice.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    budget -= decoded.length;
    if (isReadable(decoded)) payloads.push({ start, end, encoding: isHex ? 'hex' : 'base64', decoded });
  }
  return payloads;
}

function isReadable(decoded: string): boolean {
  if (decoded.length < 8) return false;
  let printable = 0;
  let spaces = 0;
  for (let index = 0; index < decoded.length; index++) {
    const code = decoded.charCodeAt(index);
    if (code === 0x20) spaces++;
    if ((code >= 0x20 && code < 0x7f) || code === 0x0a || code === 0x0d || code === 0x09 || (code >= 0xa0 && code !== 0xfffd)) printable++;
  }
  return printable / decoded.length >= 0.95 && spaces >= 1;
}
