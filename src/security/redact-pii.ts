/**
 * `redactPII`: replaces personal data in tool results (and, if asked, in args) with
 * deterministic labels such as `[email:3f9a1c]`, so the model, the traces and the audit
 * trail never see the raw value while equal values stay recognisable as equal.
 */
import { decide } from '../core/decision.js';
import { OptionsError } from '../core/errors.js';
import { named } from '../internal/named.js';
import { findPII, type PIIKind } from './pii.js';
import { piiRedactor, type PIIRedactorOptions } from './pii-redactor.js';
import { collectStrings } from './walk.js';
import type { Middleware, ToolCall } from '../core/types.js';

/** Options of `redactPII`. */
export interface RedactPIIOptions extends PIIRedactorOptions {
  /** What to redact. Args are left alone by default: a tool may need the real address. Defaults to `'results'`. */
  scan?: 'args' | 'results' | 'both';
}

/**
 * Redacts PII in tool results (and args when `scan` says so).
 * @param options See `RedactPIIOptions`; `kinds` defaults to every kind.
 * @returns A middleware named `redactPII`.
 * @example
 * createWarden({ agent: 'crm', middleware: [redactPII({ kinds: ['email', 'phone'], key: process.env.PII_KEY })] });
 */
export function redactPII(options: RedactPIIOptions = {}): Middleware {
  const { scan = 'results', ...redactorOptions } = options;
  if (!['args', 'results', 'both'].includes(scan)) throw new OptionsError(`redactPII: \`scan\` must be "args", "results" or "both", got ${JSON.stringify(scan)}`);
  const redact = piiRedactor(redactorOptions);
  const kinds = redactorOptions.kinds;

  const apply = (call: ToolCall, value: unknown, direction: 'args' | 'results') => {
    const redacted = redact(direction, value);
    if (redacted !== value) {
      decide(call, { outcome: 'flag', by: 'redactPII', rule: 'pii_redacted', reason: `personal data redacted in ${direction}`, details: { direction, kinds: countKinds(value, kinds) } });
    }
    return redacted;
  };

  return named('redactPII', async function redactPII(call, next) {
    const args = scan === 'results' ? call.args : apply(call, call.args, 'args');
    const result = await next(args === call.args ? call : { ...call, args });
    return scan === 'args' ? result : apply(call, result, 'results');
  });
}

function countKinds(value: unknown, kinds: PIIKind[] | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const site of collectStrings(value, { maxChars: 200_000 }).strings) {
    for (const match of findPII(site.value, kinds)) counts[match.kind] = (counts[match.kind] ?? 0) + 1;
  }
  return counts;
}
