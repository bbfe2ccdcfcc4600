import { describe, expect, it } from 'vitest';
import { thresholdCrossings } from '../../src/budget/thresholds.js';

const totals = (tokens: number, costMicros = 0) => ({ tokens, costMicros, settlements: 0, heldTokens: 0, heldCostMicros: 0 });

describe('thresholdCrossings', () => {
  it('reports each threshold a settlement passes, once', () => {
    const crossings = thresholdCrossings([{ scope: 'run:r', maxTokens: 100 }], [{ scope: 'run:r', before: totals(40), after: totals(85) }]);
    expect(crossings.map((crossing) => crossing.percent)).toEqual([50, 80]);
  });

  it('reports 100 % when a settlement lands exactly on the limit', () => {
    const crossings = thresholdCrossings([{ scope: 'run:r', maxTokens: 100 }], [{ scope: 'run:r', before: totals(85), after: totals(100) }]);
    expect(crossings).toEqual([{ scope: 'run:r', unit: 'tokens', percent: 100, limit: 100, spent: 100 }]);
  });

  it('reports cost crossings in USD with the window', () => {
    const crossings = thresholdCrossings(
      [{ scope: 'department:finance', period: 'day', maxCostMicros: 2_000_000 }],
      [{ scope: 'department:finance', window: 'd2026-11-26', before: totals(0, 0), after: totals(10, 1_000_000) }],
    );
    expect(crossings).toEqual([{ scope: 'department:finance', window: 'd2026-11-26', unit: 'usd', percent: 50, limit: 2, spent: 1 }]);
  });

  it('says nothing for lines without a ceiling or already past a threshold', () => {
    expect(thresholdCrossings([{ scope: 'model:m' }], [{ scope: 'model:m', before: totals(0), after: totals(1_000) }])).toEqual([]);
    expect(thresholdCrossings([{ scope: 'run:r', maxTokens: 100 }], [{ scope: 'run:r', before: totals(81), after: totals(90) }])).toEqual([]);
  });
});
