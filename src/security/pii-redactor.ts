/**
 * Deterministic PII redaction: each value becomes `[kind:hash]`, where the hash is a short
 * HMAC-SHA-256 of the value under a key. The same value always gets the same label (traces
 * stay joinable), and without the key the label cannot be reversed by guessing values.
 * `piiRedactor` is the `(key, value) => value` function the tracing middleware and the
 * audit trail take as `redact`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { OptionsError } from '../core/errors.js';
import { findPII, PII_KINDS, type PIIKind } from './pii.js';
import { isSecretName } from './redact-secret-names.js';
import { mapStrings } from './walk.js';

/** Options of `piiRedactor` and `redactPII`. */
export interface PIIRedactorOptions {
  /** Kinds to redact. Defaults to all: email, phone, card, iban, ssn, secret. */
  kinds?: PIIKind[];
  /**
   * HMAC key for the labels. Give the same key to every process whose traces must join.
   * Defaults to a random key per redactor (labels join within one process only).
   */
  key?: string | Uint8Array;
  /** Length of the hash in labels, in hex characters. Defaults to `6`. */
  hashLength?: number;
  /**
   * Property names whose whole value is a secret. Defaults to `isSecretName`, which judges a
   * name by its words (`x-api-key`, `authToken`, `db_password`, `aws_secret_access_key`,
   * `set-cookie`... but not `tokens` or `keyboard`); a RegExp or a function replaces it,
   * `false` turns it off.
   */
  secretKeys?: RegExp | ((name: string) => boolean) | false;
}

/** Redacts a value under a property key; the shape `tracing({ redact })` takes. */
export type Redactor = (key: string, value: unknown) => unknown;


/** Builds the labeller shared by `piiRedactor` and `redactPIIText`. */
function labeller(options: PIIRedactorOptions): (kind: string, value: string) => string {
  const key = options.key ?? randomBytes(32);
  const length = options.hashLength ?? 6;
  if (!Number.isInteger(length) || length < 4 || length > 64) throw new OptionsError(`piiRedactor: \`hashLength\` must be an integer from 4 to 64, got ${String(length)}`);
  const cache = new Map<string, string>();
  return (kind, value) => {
    const id = `${kind}:${value}`;
    let label = cache.get(id);
    if (label === undefined) {
      label = `[${kind}:${createHmac('sha256', key).update(id).digest('hex').slice(0, length)}]`;
      if (cache.size < 10_000) cache.set(id, label);
    }
    return label;
  };
}

function secretKeyTest(secretKeys: PIIRedactorOptions['secretKeys']): (name: string) => boolean {
  if (secretKeys === undefined) return isSecretName;
  if (secretKeys === false) return () => false;
  if (secretKeys instanceof RegExp) {
    // A global or sticky RegExp keeps state between `test` calls; a copy without those flags does not.
    const pattern = new RegExp(secretKeys.source, secretKeys.flags.replace(/[gy]/g, ''));
    return (name) => pattern.test(name);
  }
  if (typeof secretKeys === 'function') return secretKeys;
  throw new OptionsError(`piiRedactor: \`secretKeys\` must be a RegExp, a function (name) => boolean, or false, got ${typeof secretKeys}`);
}

function checkKinds(kinds: unknown): PIIKind[] {
  if (kinds === undefined) return [...PII_KINDS];
  if (!Array.isArray(kinds) || kinds.some((kind) => !PII_KINDS.includes(kind))) {
    throw new OptionsError(`piiRedactor: \`kinds\` must be an array of ${PII_KINDS.join(', ')}, got ${JSON.stringify(kinds)}`);
  }
  return kinds as PIIKind[];
}

/**
 * A redactor for traces and audit lines: strings anywhere in the value get their PII
 * replaced by `[kind:hash]`; values under secret-sounding keys are replaced whole.
 * @param options See `PIIRedactorOptions`.
 * @returns `(key, value) => redactedValue`; never mutates `value`.
 * @example
 * const redact = piiRedactor({ key: process.env.TRACE_HASH_KEY });
 * tracing({ captureContent: true, redact });
 * redact('args', { to: 'ana@example.com' }); // { to: '[email:5d41a0]' }
 */
export function piiRedactor(options: PIIRedactorOptions = {}): Redactor {
  const kinds = checkKinds(options.kinds);
  const label = labeller(options);
  const isSecretKey = secretKeyTest(options.secretKeys);
  const redactText = (text: string) => replacePII(text, kinds, label);
  return function redactPII(key: string, value: unknown): unknown {
    if (isSecretKey(key) && value !== undefined && value !== null && value !== '') return label('secret', typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));
    return mapStrings(value, (text, _path, property) => (property !== undefined && isSecretKey(property) ? label('secret', text) : redactText(text)));
  };
}

/**
 * Redacts one text: every piece of PII of `kinds` becomes `[kind:hash]`.
 * @example
 * redactPIIText('card 4111 1111 1111 1111', { key: 'k' }); // 'card [card:9b1e0c]'
 */
export function redactPIIText(text: string, options: PIIRedactorOptions = {}): string {
  return replacePII(text, checkKinds(options.kinds), labeller(options));
}

function replacePII(text: string, kinds: readonly PIIKind[], label: (kind: string, value: string) => string): string {
  const matches = findPII(text, kinds);
  if (matches.length === 0) return text;
  let result = '';
  let cursor = 0;
  for (const match of matches) {
    result += text.slice(cursor, match.start) + label(match.kind, match.value);
    cursor = match.end;
  }
  return result + text.slice(cursor);
}
