/**
 * `secretRedactor()`: replaces secrets only (values under secret names such as `apiKey`,
 * `x-api-key`, `db_password`, and well-known token shapes) and leaves other data as it is.
 * For what a person must judge, such as the args of a paused call in the approvals inbox:
 * the e-mail address a refund goes to matters to the approver, the API key never does.
 */
import { piiRedactor, type PIIRedactorOptions } from './pii-redactor.js';

/** Options of `secretRedactor`. */
export type SecretRedactorOptions = Pick<PIIRedactorOptions, 'key' | 'hashLength' | 'secretKeys'>;

/**
 * Creates a function that returns a copy of a value with its secrets replaced by `[secret:hash]`.
 * @param options The label key (defaults to a random key per redactor) and the secret-name test.
 * @returns `(value) => redactedCopy`; never mutates `value`.
 * @example
 * const redactSecrets = secretRedactor();
 * redactSecrets({ to: 'ana@example.com', apiKey: 'k-123' }); // { to: 'ana@example.com', apiKey: '[secret:1f2e3d]' }
 */
export function secretRedactor(options: SecretRedactorOptions = {}): (value: unknown) => unknown {
  const redact = piiRedactor({ ...options, kinds: ['secret'] });
  return function redactSecrets(value: unknown): unknown {
    return redact('args', value);
  };
}
