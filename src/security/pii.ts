/**
 * Detectors of personal data and secrets in text: e-mail addresses, phone numbers, card
 * numbers (Luhn-checked), IBANs (mod-97 checked), US social security numbers and
 * API-key-like secrets. Each pattern is a run of one character class or a fixed shape (no
 * nested quantifiers), then checked in code, so detection is linear and the checksums keep
 * order numbers and ids from being taken for cards or IBANs.
 */
import { isSecretName } from './redact-secret-names.js';

/** Kinds of personal data `findPII` knows. */
export type PIIKind = 'email' | 'phone' | 'card' | 'iban' | 'ssn' | 'secret';

/** Every kind, in the order overlaps are resolved (earlier wins). */
export const PII_KINDS: readonly PIIKind[] = ['secret', 'email', 'iban', 'card', 'ssn', 'phone'];

/** One piece of personal data in a text. */
export interface PIIMatch {
  readonly kind: PIIKind;
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** Well-known token shapes: each has a fixed prefix, so ordinary words never match. */
const SECRET_PATTERNS: readonly RegExp[] = [
  /\bsk-(?:proj-|ant-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g,
  /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g,
  /\bwhsec_[A-Za-z0-9]{24,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{40,}/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bxapp-\d-[A-Za-z0-9-]{10,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  // A whole PEM block; without its END line (cut short), the header and the base64 after it.
  /-----BEGIN ([A-Z]{1,10} ){0,2}PRIVATE KEY-----[A-Za-z0-9+/=\s:,.-]{0,16384}?-----END ([A-Z]{1,10} ){0,2}PRIVATE KEY-----/g,
  /-----BEGIN ([A-Z]{1,10} ){0,2}PRIVATE KEY-----[A-Za-z0-9+/=\s]*/g,
  /\b[Bb]earer\s{1,3}[A-Za-z0-9._~+/-]{16,}=*/g,
  /\bBasic\s{1,3}[A-Za-z0-9+/]{12,}={0,2}/g,
];
/** `scheme://user:password@host`: the password. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@]{1,100}:([^\s/@]{1,200})@/gi;
/**
 * `password=...`, `"api_key": "..."`, `x-api-key: ...`: found from each `:` or `=`, the name
 * before it (judged by `isSecretName`), then the value after it (this sticky pattern).
 */
const VALUE_AFTER = /\s{0,3}(?:"([^"\r\n]{4,500})"|'([^'\r\n]{4,500})'|((?:(?:Bearer|Basic|Token|Digest)\s{1,3})?[^\s"',;&<>]{4,500}))/y;
/** Values after a secret name that are placeholders, not secrets. */
const PLACEHOLDER = /^(?:null|undefined|none|true|false|\*+|x+|\[[a-z]+:[0-9a-f]+\]|\$\{.*\}|<.*>)$/i;
const PHONE_INTERNATIONAL = /(?<![\w+])\+\d[\d ().-]{6,20}\d(?!\w)/g;
const PHONE_NATIONAL = /(?<![\w+-])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\w-])/g;
const CARD = /(?<![\w-])\d[\d -]{11,22}\d(?![\w-])/g;
const IBAN = /\b[A-Z]{2}\d{2}[A-Z0-9 ]{10,40}/g;
const SSN = /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g;

/** All personal data of the given kinds in `text`, left to right, without overlaps. */
export function findPII(text: string, kinds: readonly PIIKind[] = PII_KINDS): PIIMatch[] {
  const wanted = new Set(kinds);
  const candidates: Array<PIIMatch & { priority: number }> = [];
  PII_KINDS.forEach((kind, priority) => {
    if (wanted.has(kind)) for (const match of DETECTORS[kind](text)) candidates.push({ ...match, priority });
  });
  // One sweep: at equal starts the earlier kind and then the longer match wins.
  candidates.sort((a, b) => a.start - b.start || a.priority - b.priority || b.end - a.end);
  const found: PIIMatch[] = [];
  let reached = 0;
  for (const { priority: _priority, ...match } of candidates) {
    if (match.start < reached) continue;
    found.push(match);
    reached = match.end;
  }
  return found;
}

const DETECTORS: Record<PIIKind, (text: string) => PIIMatch[]> = {
  secret: (text) => {
    const matches: PIIMatch[] = [];
    for (const pattern of SECRET_PATTERNS) matches.push(...scan(text, pattern, 'secret'));
    if (text.includes('://')) {
      for (const match of text.matchAll(URL_CREDENTIALS)) {
        const value = match[1]!;
        const start = match.index + match[0].length - value.length - 1;
        matches.push({ kind: 'secret', start, end: start + value.length, value });
      }
    }
    matches.push(...namedValues(text));
    return matches;
  },
  email: findEmails,
  iban: (text) => {
    const matches: PIIMatch[] = [];
    for (const match of text.matchAll(IBAN)) {
      const iban = longestValidIban(match[0]);
      if (iban) matches.push({ kind: 'iban', start: match.index, end: match.index + iban.length, value: iban });
    }
    return matches;
  },
  card: (text) => scan(text, CARD, 'card').filter((match) => isCardNumber(match.value)),
  ssn: (text) => scan(text, SSN, 'ssn').filter((match) => isSsn(match.value)),
  phone: (text) => [...scan(text, PHONE_INTERNATIONAL, 'phone'), ...scan(text, PHONE_NATIONAL, 'phone')].filter((match) => isPhone(match.value)),
};

/** Values after a secret name and a `:` or `=`, found from each separator (prose without one costs one pass). */
function namedValues(text: string): PIIMatch[] {
  const matches: PIIMatch[] = [];
  // The next `:` and `=`, each searched again only once passed, so the whole scan is linear.
  let colon = text.indexOf(':');
  let equals = text.indexOf('=');
  while (colon !== -1 || equals !== -1) {
    const separator = colon === -1 ? equals : equals === -1 ? colon : Math.min(colon, equals);
    if (separator === colon) colon = text.indexOf(':', separator + 1);
    else equals = text.indexOf('=', separator + 1);
    const name = nameBefore(text, separator);
    if (name === undefined || !isSecretName(name)) continue;
    VALUE_AFTER.lastIndex = separator + 1;
    const after = VALUE_AFTER.exec(text);
    if (!after) continue;
    const value = after[1] ?? after[2] ?? after[3]!;
    if (PLACEHOLDER.test(value)) continue;
    const start = VALUE_AFTER.lastIndex - value.length - (after[3] === undefined ? 1 : 0);
    matches.push({ kind: 'secret', start, end: start + value.length, value });
  }
  return matches;
}

/** The name written just before `separator` (`name`, `"name"`, `name  `), walking back; `undefined` when there is none. */
function nameBefore(text: string, separator: number): string | undefined {
  let end = separator;
  while (end > 0 && separator - end < 3 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  if (end > 0 && (text[end - 1] === '"' || text[end - 1] === "'")) end--;
  let start = end;
  while (start > 0 && end - start <= 61 && isNameChar(text.charCodeAt(start - 1))) start--;
  if (end - start > 61) return undefined; // longer than any name
  while (start < end && !isLetter(text.charCodeAt(start))) start++;
  return start < end ? text.slice(start, end) : undefined;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isNameChar(code: number): boolean {
  return isLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2e || code === 0x2d;
}

function scan(text: string, pattern: RegExp, kind: PIIKind): PIIMatch[] {
  const matches: PIIMatch[] = [];
  for (const match of text.matchAll(pattern)) matches.push({ kind, start: match.index, end: match.index + match[0].length, value: match[0] });
  return matches;
}

/** E-mail addresses, found from each `@` outwards (no backtracking). */
function findEmails(text: string): PIIMatch[] {
  const matches: PIIMatch[] = [];
  let at = text.indexOf('@');
  let floor = 0;
  while (at !== -1) {
    let start = at;
    while (start > floor && at - start < 64 && isLocalChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && end - at < 255 && isDomainChar(text.charCodeAt(end))) end++;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    const domain = text.slice(at + 1, end);
    while (start < at && text[start] === '.') start++;
    if (start < at && isDomain(domain)) {
      matches.push({ kind: 'email', start, end, value: text.slice(start, end) });
      floor = end;
    }
    at = text.indexOf('@', Math.max(at + 1, floor));
  }
  return matches;
}

function isDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((label) => label.length === 0 || label.length > 63)) return false;
  return /^[A-Za-z]{2,24}$/.test(labels[labels.length - 1]!);
}

function isLocalChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x2e || code === 0x5f || code === 0x25 || code === 0x2b || code === 0x2d;
}

function isDomainChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x2e || code === 0x2d;
}

/** How card numbers are printed when they are grouped. */
const CARD_GROUPS = new Set(['4-4-4-4', '4-6-5', '4-6-4', '4-4-4-4-3', '4-4-4-1', '4-4-5', '4-4-4-3', '6-13']);

/** Luhn check and a known card prefix, 13 to 19 digits, one kind of separator. */
export function isCardNumber(candidate: string): boolean {
  if (/ {2}|--|- | -/.test(candidate) || (candidate.includes(' ') && candidate.includes('-'))) return false;
  const groups = candidate.split(/[ -]/).map((group) => group.length).join('-');
  if (groups.includes('-') && !CARD_GROUPS.has(groups)) return false;
  const digits = candidate.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19 || !/^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|6[05]|35)/.test(digits)) return false;
  return luhn(digits);
}

/** The Luhn checksum used by card numbers. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The longest prefix of `candidate` that is a valid IBAN (mod 97), with its spacing. */
function longestValidIban(candidate: string): string | undefined {
  const trimmed = candidate.trimEnd();
  for (let end = trimmed.length; end >= 15; end--) {
    const piece = trimmed.slice(0, end);
    if (piece.endsWith(' ')) continue;
    const compact = piece.replace(/ /g, '');
    if (compact.length < 15 || compact.length > 34) continue;
    if (isIban(compact)) return piece;
  }
  return undefined;
}

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function isIban(compact: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

function isSsn(candidate: string): boolean {
  const [area, group, serial] = candidate.split('-') as [string, string, string];
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 15) return false;
  // Dates and times written with separators are not phone numbers.
  return !/^\d{4}[-.]\d{2}[-.]\d{2}/.test(candidate);
}
