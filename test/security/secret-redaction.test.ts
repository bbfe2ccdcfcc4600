import { describe, expect, it } from 'vitest';
import { findPII, piiRedactor, redactPIIText } from '../../src/index.js';
import { isSecretName, nameWords } from '../../src/security/redact-secret-names.js';

const secretsIn = (text: string) => findPII(text, ['secret']).map((match) => match.value);

describe('secret names', () => {
  it.each([
    'x-api-key',
    'X-API-Key',
    'apiKey',
    'api_key',
    'apikey',
    'authToken',
    'auth_token',
    'db_password',
    'DB_PASSWORD',
    'client_secret',
    'clientSecret',
    'refresh_token',
    'access_token',
    'aws_secret_access_key',
    'AWS_SECRET_ACCESS_KEY',
    'privateKey',
    'private_key',
    'Authorization',
    'authorization',
    'cookie',
    'Cookie',
    'set-cookie',
    'Set-Cookie',
    'session_id',
    'sessionId',
    'password',
    'passwd',
    'secret',
    'github.token',
    'stripe.secretKey',
    'x-auth-token',
    'csrftoken',
    'credentials',
  ])('treats %s as a secret name', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['tokens', 'maxTokens', 'inputTokens', 'token_count', 'tokenLimit', 'passage', 'keyboard', 'monkey', 'secretary', 'key', 'orderId', 'order_id', 'keywords', 'password_length', 'secret_name', 'session', 'author', 'authority', 'passenger', 'hockey'])(
    'does not treat %s as a secret name',
    (name) => {
      expect(isSecretName(name)).toBe(false);
    },
  );

  it('splits names on separators and camelCase', () => {
    expect(nameWords('aws_secret-access.key')).toEqual(['aws', 'secret', 'access', 'key']);
    expect(nameWords('XAPIKey')).toEqual(['xapi', 'key']);
    expect(nameWords('refreshTokenV2')).toEqual(['refresh', 'token', 'v2']);
  });
});

describe('piiRedactor with secret names', () => {
  const redact = piiRedactor({ key: 'k' });

  it.each(['x-api-key', 'authToken', 'db_password', 'client_secret', 'refresh_token', 'aws_secret_access_key', 'privateKey', 'Authorization', 'cookie', 'set-cookie', 'session_id'])(
    'replaces the whole value under %s, at any depth',
    (name) => {
      const output = redact('args', { headers: { [name]: 'plain-value-1234' }, tokens: 512 }) as { headers: Record<string, string>; tokens: number };
      expect(output.headers[name]).toMatch(/^\[secret:[0-9a-f]{6}\]$/);
      expect(output.tokens).toBe(512);
    },
  );

  it('keeps ordinary words and an order id', () => {
    const input = { passage: 'the monkey typed on the keyboard', secretary: 'Ana', tokens: 'about 500 tokens', orderId: 'ORD-2024-000123', key: 'refund-A1' };
    expect(redact('args', input)).toEqual(input);
  });
});

describe('secret value shapes', () => {
  it.each([
    ['an AWS access key', 'key AKIAIOSFODNN7EXAMPLE here', 'AKIAIOSFODNN7EXAMPLE'],
    ['an AWS session key', 'ASIAY34FZKBOKMUTVV7A', 'ASIAY34FZKBOKMUTVV7A'],
    ['a GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['a GitHub fine-grained token', `github_pat_${'A1b2C3d4E5'.repeat(5)}`, `github_pat_${'A1b2C3d4E5'.repeat(5)}`],
    ['a Slack token', 'xoxb-1234567890-abcdefghij', 'xoxb-1234567890-abcdefghij'],
    ['a Stripe live key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['a Stripe restricted key', 'rk_live_4eC39HqLyjWDarjtT1zdp7dc', 'rk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['an OpenAI-style key', 'sk-proj-abcdefghijklmnopqrstuvwxyz123456', 'sk-proj-abcdefghijklmnopqrstuvwxyz123456'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    ['a bearer header', 'Authorization: Bearer abcdef0123456789abcdef', 'Bearer abcdef0123456789abcdef'],
    ['URL credentials', 'postgres://app:s3cretPass@db.internal:5432/app', 's3cretPass'],
    ['a named value', 'x-api-key: 9f8e7d6c5b4a', '9f8e7d6c5b4a'],
    ['a camelCase named value', 'authToken=hunter2', 'hunter2'],
    ['a JSON named value', '{"db_password":"correct horse"}', 'correct horse'],
    ['a quoted named value', "client_secret = 'abc def ghi'", 'abc def ghi'],
  ])('finds %s', (_what, text, value) => {
    expect(secretsIn(text)).toContain(value);
  });

  it('redacts a whole PEM private key block', () => {
    const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA7bq+abc/def==', 'QWERTYUIOPasdfghjkl1234567890', '-----END RSA PRIVATE KEY-----'].join('\n');
    const output = redactPIIText(`key:\n${pem}\nafter`, { key: 'k' });
    expect(output).toMatch(/^key:\n\[secret:[0-9a-f]{6}\]\nafter$/);
  });

  it('redacts a PEM block cut short before its END line', () => {
    const output = redactPIIText('-----BEGIN PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq+abc/def==\nQWERTY', { key: 'k' });
    expect(output).not.toContain('MIIE');
    expect(output).not.toContain('QWERTY');
  });

  it('measures a quoted value from inside its quotes', () => {
    expect(redactPIIText('{"refresh_token":"r-123456","n":1}', { key: 'k' })).toMatch(/^\{"refresh_token":"\[secret:[0-9a-f]{6}\]","n":1\}$/);
  });

  it.each([
    ['plain prose', 'The monkey used the keyboard; the secretary read a passage about tokens.'],
    ['token counts', 'max_tokens=4096, tokens: 512, token_count=12'],
    ['an order id', 'order_id=ORD-2024-000123 key=refund-A1'],
    ['a placeholder', 'password=null api_key: ******'],
  ])('finds no secret in %s', (_what, text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});
