import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VersionRegistryError } from '../../src/versions/errors.js';
import { versions } from '../../src/versions/registry.js';

const root = mkdtempSync(join(tmpdir(), 'aw-versions-props-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const stages = ['dev', 'staging', 'canary', 'prod'] as const;
const operation = fc.oneof(
  fc.record({ kind: fc.constant('promote' as const), label: fc.constantFrom('A', 'B', 'C'), stage: fc.constantFrom(...stages) }),
  fc.record({ kind: fc.constant('rollback' as const), stage: fc.constantFrom(...stages) }),
);

describe('versions registry properties', () => {
  it('a fresh registry on the same file always sees the same stages and history', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), (operations) => {
        const file = join(root, `registry-${run++}.json`);
        const registry = versions({ file });
        for (const label of ['A', 'B', 'C']) registry.register({ prompt: label }, { label });
        for (const op of operations) {
          try {
            if (op.kind === 'promote') registry.promote(op.label, op.stage);
            else registry.rollback(op.stage);
          } catch (error) {
            expect(error).toBeInstanceOf(VersionRegistryError);
          }
          const reread = versions({ file });
          expect(reread.snapshot()).toEqual(registry.snapshot());
          expect(reread.history()).toEqual(registry.history());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a rolled-back canary never routes a session to the canary', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.array(fc.string(), { minLength: 1, maxLength: 50 }), (percent, sessionIds) => {
        const registry = versions();
        const a = registry.register({ prompt: 'a' }, { label: 'A' });
        registry.register({ prompt: 'b' }, { label: 'B' });
        registry.promote('A', 'prod');
        registry.promote('B', 'canary');
        const route = registry.route({ canaryPercent: percent });
        const before = sessionIds.map((id) => route.resolveVersion({ sessionId: id }).id);
        expect(sessionIds.map((id) => route.resolveVersion({ sessionId: id }).id)).toEqual(before);
        registry.rollback('canary');
        expect(sessionIds.every((id) => route.resolveVersion({ sessionId: id }).id === a.id)).toBe(true);
      }),
    );
  });
});
