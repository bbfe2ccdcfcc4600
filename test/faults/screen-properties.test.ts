import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/security/normalize.js';
import { heuristics, piiRedactor } from '../../src/index.js';

// Any string at all, including lone surrogates, controls and mixed scripts.
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 400 }));

describe('the screen never throws on any string (property)', () => {
  it('normalizes any string and keeps offsets inside the original', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const normalized = normalizeText(text);
        expect(typeof normalized.text).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('scans any string with matches whose spans lie inside the text', async () => {
    const detect = heuristics();
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const verdict = await detect(text, { source: 'args', path: '$' } as never);
        expect(verdict.score).toBeGreaterThanOrEqual(0);
        for (const match of verdict.matches) {
          expect(match.start).toBeGreaterThanOrEqual(0);
          expect(match.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('redacts any value without throwing', () => {
    const redact = piiRedactor();
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true }), anyText, (value, text) => {
        redact('field', value);
        expect(typeof redact('note', text)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
