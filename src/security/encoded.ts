/**
 * Finds base64 and hex runs that decode to readable text, so the screen can scan what an
 * encoded payload says. Each candidate is one run of a single character class (linear to
 * find); at most `maxDecodedChars` characters are decoded per text.
 */

/** A decoded run: its span in the original text and the text it decodes to. */
export interface DecodedPayload {
  readonly start: number;
  readonly end: number;
  readonly encoding: 'base64' | 'hex';
  readonly decoded: string;
}

// Starting at a word boundary makes each run start about once: a text of short words is one pass.
const CANDIDATE = /\b[A-Za-z0-9+/_-]{16,}={0,2}/g;
const HEX = /^[0-9a-fA-F]+$/;
const MAX_CANDIDATES = 256;

/** Readable payloads encoded in `text`. */
export function decodePayloads(text: string, maxDecodedChars = 65_536): DecodedPayload[] {
  const payloads: DecodedPayload[] = [];
  let budget = maxDecodedChars;
  let candidates = 0;
  const pattern = new RegExp(CANDIDATE);
  for (let match = pattern.exec(text); match !== null && budget > 0 && candidates < MAX_CANDIDATES; match = pattern.exec(text)) {
    const run = match[0];
    if (!/[0-9+/=]/.test(run) && !(/[A-Z]/.test(run) && /[a-z]/.test(run))) continue; // plain words
    candidates++;
    const slice = run.slice(0, budget * 2);
    const isHex = HEX.test(slice) && slice.length % 2 === 0;
    const decoded = isHex ? Buffer.from(slice, 'hex').toString('utf8') : Buffer.from(slice.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    budget -= decoded.length;
    if (isReadable(decoded)) payloads.push({ start: match.index, end: match.index + run.length, encoding: isHex ? 'hex' : 'base64', decoded });
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
