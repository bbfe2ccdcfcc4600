import { describe, expect, it } from 'vitest';
import { auditContent } from '../../src/audit/content.js';

describe('auditContent', () => {
  it('turns circular references, BigInt, Maps, Sets, dates, errors and binary data into plain JSON', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const value = { circular, big: 12n, map: new Map([['k', 1]]), set: new Set([1, 2]), when: new Date(0), error: new TypeError('bad'), bytes: new Uint8Array(4), fn: function pay() {}, nan: Number.NaN };
    const copied = auditContent('args', value, undefined);
    expect(JSON.parse(JSON.stringify(copied))).toEqual({
      circular: { name: 'loop', self: '[Circular]' },
      big: '12n',
      map: { k: 1 },
      set: [1, 2],
      when: '1970-01-01T00:00:00.000Z',
      error: { name: 'TypeError', message: 'bad' },
      bytes: '[Uint8Array 4 bytes]',
      fn: '[Function pay]',
      nan: 'NaN',
    });
  });

  it('truncates long strings, wide objects and deep nesting', () => {
    const limits = { maxString: 5, maxItems: 2, maxDepth: 2 };
    expect(auditContent('s', 'abcdefgh', undefined, limits)).toBe('abcde…[+3 chars]');
    expect(auditContent('a', [1, 2, 3, 4], undefined, limits)).toEqual([1, 2, '…[+2 items]']);
    expect(auditContent('o', { a: 1, b: 2, c: 3 }, undefined, limits)).toEqual({ a: 1, b: 2, '…': '+1 keys' });
    expect(auditContent('d', { x: { y: { z: 1 } } }, undefined, limits)).toEqual({ x: { y: '[Depth limit]' } });
  });

  it('asks the redactor about every key and keeps a failing redactor from leaking the value', () => {
    const seen: string[] = [];
    const copied = auditContent('args', { card: '4111', nested: { email: 'a@b.c' } }, (key, value) => {
      seen.push(key);
      return key === 'email' ? '[email]' : value;
    });
    expect(copied).toEqual({ card: '4111', nested: { email: '[email]' } });
    expect(seen).toEqual(['args', 'card', 'nested', 'email']);
    expect(auditContent('args', 'secret', () => {
      throw new Error('boom');
    })).toBe('[redactor failed]');
  });
});
