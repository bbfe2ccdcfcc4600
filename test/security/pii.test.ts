import { describe, expect, it } from 'vitest';
import { findPII, isCardNumber, isIban, OptionsError, piiRedactor, redactPIIText } from '../../src/index.js';

const kindsIn = (text: string) => findPII(text).map((match) => `${match.kind}:${match.value}`);

describe('PII detectors', () => {
  it.each([
    ['email', 'Write to ana.lopez+crm@mail.example.co.uk today.', 'ana.lopez+crm@mail.example.co.uk'],
    ['phone', 'Call +44 20 7946 0958 after nine.', '+44 20 7946 0958'],
    ['phone', 'US office: (415) 555-2671.', '(415) 555-2671'],
    ['card', 'Paid with 4111 1111 1111 1111 yesterday.', '4111 1111 1111 1111'],
    ['card', 'Card 5500-0000-0000-0004 expires soon.', '5500-0000-0000-0004'],
    ['iban', 'IBAN: DE89 3704 0044 0532 0130 00 please.', 'DE89 3704 0044 0532 0130 00'],
    ['iban', 'GB82WEST12345698765432', 'GB82WEST12345698765432'],
    ['ssn', 'SSN 123-45-6789 on file.', '123-45-6789'],
    ['secret', 'key sk-proj-abcdefghijklmnopqrstuvwxyz123456 leaked', 'sk-proj-abcdefghijklmnopqrstuvwxyz123456'],
    ['secret', 'AWS AKIAIOSFODNN7EXAMPLE in the config', 'AKIAIOSFODNN7EXAMPLE'],
    ['secret', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 used', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['secret', 'password=hunter2hunter2 in the log', 'hunter2hunter2'],
  ])('finds a %s in %j', (kind, text, value) => {
    expect(kindsIn(text)).toContain(`${kind}:${value}`);
  });

  it.each([
    ['a 16-digit order number that fails Luhn', 'Order 4111 1111 1111 1112 shipped.'],
    ['a tracking number', 'Tracking 1Z999AA10123456784.'],
    ['a date', 'Delivered 2026-11-20.'],
    ['an IBAN-shaped string with a bad checksum', 'Ref DE89 3704 0044 0532 0130 01.'],
    ['an SSN-shaped string in an invalid range', 'Code 000-12-3456 and 666-12-3456.'],
    ['a short number', 'Room 4B, ext. 5521.'],
    ['an at-sign without a domain', 'Meet @ noon, ping @ana on chat.'],
    ['an amount', 'Refund $5,000.00 approved.'],
  ])('does not take %s for PII', (_what, text) => {
    expect(kindsIn(text)).toEqual([]);
  });

  it('checks cards with Luhn and IBANs with mod 97', () => {
    expect(isCardNumber('4111111111111111')).toBe(true);
    expect(isCardNumber('4111111111111112')).toBe(false);
    expect(isIban('DE89370400440532013000')).toBe(true);
    expect(isIban('DE89370400440532013001')).toBe(false);
  });
});

describe('piiRedactor', () => {
  it('labels each value deterministically under one key, so traces stay joinable', () => {
    const redact = piiRedactor({ key: 'k1' });
    const first = redact('args', { to: 'ana@example.com', cc: ['ana@example.com', 'bob@example.com'] }) as { to: string; cc: string[] };
    expect(first.to).toMatch(/^\[email:[0-9a-f]{6}\]$/);
    expect(first.cc[0]).toBe(first.to);
    expect(first.cc[1]).not.toBe(first.to);
    expect((piiRedactor({ key: 'k1' })('x', 'ana@example.com') as string)).toBe(first.to);
    expect((piiRedactor({ key: 'k2' })('x', 'ana@example.com') as string)).not.toBe(first.to);
  });

  it('replaces whole values under secret-sounding keys and leaves other data alone', () => {
    const redact = piiRedactor({ key: 'k' });
    const input = { apiKey: 'abc', password: 'p4ss', amount: 120, note: 'call +1 415 555 2671', nested: { authorization: 'Bearer x' } };
    const output = redact('args', input) as typeof input;
    expect(output.apiKey).toMatch(/^\[secret:/);
    expect(output.password).toMatch(/^\[secret:/);
    expect(output.nested.authorization).toMatch(/^\[secret:/);
    expect(output.amount).toBe(120);
    expect(output.note).toMatch(/^call \[phone:[0-9a-f]{6}\]$/);
    expect(input.password).toBe('p4ss');
  });

  it('redacts only the kinds asked for', () => {
    expect(redactPIIText('ana@example.com, SSN 123-45-6789', { kinds: ['ssn'], key: 'k' })).toMatch(/^ana@example\.com, SSN \[ssn:[0-9a-f]{6}\]$/);
  });

  it('survives cycles, BigInt and lone surrogates', () => {
    const cyclic: Record<string, unknown> = { email: 'x@example.org', big: 1n, broken: '\ud800' };
    cyclic.self = cyclic;
    const output = piiRedactor({ key: 'k' })('result', cyclic) as Record<string, unknown>;
    expect(output.email).toMatch(/^\[email:/);
    expect(output.big).toBe(1n);
  });

  it.each([[{ kinds: ['dna'] }, /`kinds`/], [{ hashLength: 2 }, /`hashLength`/]])('rejects %j naming the field', (options, field) => {
    expect(() => piiRedactor(options as never)).toThrow(OptionsError);
    expect(() => piiRedactor(options as never)).toThrow(field);
  });
});
