/**
 * Ready-made checks for `outputGate`: an amount limit, allowed recipient domains, and no
 * secrets or canary tokens in an action's args. Each returns a named `OutputCheck`.
 */
import { OptionsError } from '../core/errors.js';
import type { OutputCheck } from './output-gate.js';
import { findPII } from './pii.js';
import { collectStrings } from './walk.js';

/** Options of checks that read one field of the args. */
export interface FieldOption {
  /** Dot path of the field in the args (`amount`, `payment.total`). */
  field?: string;
}

function read(args: unknown, path: string): unknown {
  let current = args;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const namedCheck = (name: string, check: OutputCheck): OutputCheck => Object.assign(check, { checkName: name });

/**
 * Refuses args whose numeric `field` exceeds `limit`. Defaults: `field` `'amount'`.
 * @example
 * outputGate(maxAmount(500), { tools: ['issue_refund'] });
 */
export function maxAmount(limit: number, options: FieldOption = {}): OutputCheck {
  if (!Number.isFinite(limit) || limit < 0) throw new OptionsError(`maxAmount: \`limit\` must be a non-negative number, got ${String(limit)}`);
  const field = options.field ?? 'amount';
  return namedCheck('max_amount', (args) => {
    const value = read(args, field);
    if (value === undefined) return true;
    const amount = typeof value === 'string' ? Number(value.replace(/[$,\s]/g, '')) : value;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) return `\`${field}\` is not a number`;
    return amount <= limit || `\`${field}\` ${amount} exceeds the limit of ${limit}`;
  });
}

/**
 * Refuses e-mail addresses or URLs in `field` outside `domains` (subdomains included).
 * Defaults: `field` `'to'`; a string or an array of strings is read.
 * @example
 * outputGate(allowedDomains(['example.com']), { tools: ['send_email'] });
 */
export function allowedDomains(domains: string[], options: FieldOption = {}): OutputCheck {
  if (!Array.isArray(domains) || domains.length === 0 || domains.some((domain) => typeof domain !== 'string' || domain.length === 0)) {
    throw new OptionsError('allowedDomains: `domains` must be a non-empty array of domain names');
  }
  const allowed = domains.map((domain) => domain.toLowerCase().replace(/^\.+/, ''));
  const field = options.field ?? 'to';
  return namedCheck('allowed_domains', (args) => {
    const value = read(args, field);
    const recipients = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
    for (const recipient of recipients) {
      const domain = domainOf(recipient);
      if (!domain || !allowed.some((entry) => domain === entry || domain.endsWith(`.${entry}`))) return `recipient ${JSON.stringify(recipient)} is outside the allowed domains`;
    }
    return true;
  });
}

function domainOf(recipient: string): string | undefined {
  const at = recipient.lastIndexOf('@');
  if (at !== -1) return recipient.slice(at + 1).trim().replace(/>$/, '').toLowerCase();
  try {
    return new URL(recipient).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Refuses args that carry API-key-like secrets or any of `tokens` (e.g. a canary token).
 * @example
 * const leak = canary();
 * outputGate(noSecrets({ tokens: [leak.token] }));
 */
export function noSecrets(options: { tokens?: string[] } = {}): OutputCheck {
  const tokens = options.tokens ?? [];
  return namedCheck('no_secrets', (args) => {
    for (const site of collectStrings(args).strings) {
      if (tokens.some((token) => site.value.includes(token))) return `args carry a protected token at ${site.path}`;
      if (findPII(site.value, ['secret']).length > 0) return `args carry a secret at ${site.path}`;
    }
    return true;
  });
}
