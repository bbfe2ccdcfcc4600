import { describe, expect, it } from 'vitest';
import { createLimitBook } from '../../src/budget/scopes.js';
import { OptionsError } from '../../src/core/errors.js';

describe('createLimitBook', () => {
  const identity = { runId: 'r1', agent: 'claims-agent', workflow: 'refunds', department: 'finance' };

  it('charges a call to its run, agent, workflow and department at once', () => {
    const book = createLimitBook({ run: 100, agent: 1_000, workflow: { refunds: 500 }, department: { finance: { limit: 10_000, period: 'month' } } }, {}, 'claims-agent');
    expect(book.limitLines(identity)).toEqual([
      { scope: 'run:r1', maxTokens: 100 },
      { scope: 'agent:claims-agent', period: 'day', maxTokens: 1_000 },
      { scope: 'workflow:refunds', period: 'day', maxTokens: 500 },
      { scope: 'department:finance', period: 'month', maxTokens: 10_000 },
    ]);
  });

  it('merges token and cost ceilings of one scope and period into one line, costs in micro-dollars', () => {
    const book = createLimitBook({ department: { finance: 10_000 } }, { department: { finance: 2.5 } }, 'a');
    expect(book.limitLines(identity)).toEqual([{ scope: 'department:finance', period: 'day', maxTokens: 10_000, maxCostMicros: 2_500_000 }]);
  });

  it("applies the '*' entry to names not listed, each on its own", () => {
    const book = createLimitBook({ department: { '*': 50, legal: 10 } }, {}, 'a');
    expect(book.limitLines({ agent: 'a', department: 'finance' })).toEqual([{ scope: 'department:finance', period: 'day', maxTokens: 50 }]);
    expect(book.limitLines({ agent: 'a', department: 'legal' })).toEqual([{ scope: 'department:legal', period: 'day', maxTokens: 10 }]);
  });

  it('attributes a settlement to every scope, the department workflow and the model, all-time', () => {
    const book = createLimitBook({ run: 100 }, {}, 'claims-agent');
    expect(book.settleLines(identity, 'gpt-4o').map((line) => line.scope)).toEqual([
      'run:r1',
      'agent:claims-agent',
      'workflow:refunds',
      'department:finance',
      'department:finance/workflow:refunds',
      'model:gpt-4o',
    ]);
    expect(book.settleLines(identity, 'gpt-4o')[0]).toEqual({ scope: 'run:r1', maxTokens: 100 });
  });

  it('raises a ceiling for one run or for all runs', () => {
    const book = createLimitBook({ run: 100 }, {}, 'a');
    expect(book.raise('run:r1', 'tokens', 50)).toBe(150);
    expect(book.raise('run', 'tokens', 10)).toBe(110);
    expect(book.limitLines({ agent: 'a', runId: 'r1' })[0]?.maxTokens).toBe(160);
    expect(book.limitLines({ agent: 'a', runId: 'r2' })[0]?.maxTokens).toBe(110);
  });

  it("raises every unlisted name through '*', and one name on its own", () => {
    const book = createLimitBook({ department: { '*': 50, legal: 10 } }, {}, 'a');
    book.raise('department:*', 'tokens', 5);
    book.raise('department:finance', 'tokens', 100);
    expect(book.limitLines({ agent: 'a', department: 'finance' })[0]?.maxTokens).toBe(155);
    expect(book.limitLines({ agent: 'a', department: 'hr' })[0]?.maxTokens).toBe(55);
    expect(book.limitLines({ agent: 'a', department: 'legal' })[0]?.maxTokens).toBe(10);
  });

  it('refuses to raise a ceiling that is not configured', () => {
    const book = createLimitBook({ run: 100 }, {}, 'a');
    expect(() => book.raise('department:finance', 'tokens', 1)).toThrow(OptionsError);
    expect(() => book.raise('run', 'costMicros', 1)).toThrow(/no cost limit/);
  });
});
