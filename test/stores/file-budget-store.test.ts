import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OptionsError, StoreUnavailableError } from '../../src/core/errors.js';
import { fileBudgetStore } from '../../src/stores/file-budget-store.js';
import { describeBudgetStoreContract, testClock } from './budget-store-contract.js';

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'budget-store-')), 'budget.jsonl');

describeBudgetStoreContract('fileBudgetStore', (clock) => fileBudgetStore(freshPath(), { clock }));

describe('fileBudgetStore', () => {
  const lines = [{ scope: 'department:finance', period: 'day' as const, maxTokens: 1_000 }, { scope: 'model:gpt-4o' }];

  it('keeps settled totals across a re-open', async () => {
    const path = freshPath();
    const clock = testClock();
    const first = fileBudgetStore(path, { clock });
    await first.settle({ lines, tokens: 400, costMicros: 1_250 });
    await first.settle({ lines, tokens: 100, costMicros: 250 });
    const reopened = fileBudgetStore(path, { clock });
    const { entries } = await reopened.snapshot(lines);
    expect(entries.map((entry) => [entry.tokens, entry.costMicros, entry.settlements])).toEqual([[500, 1_500, 2], [500, 1_500, 2]]);
    expect((await reopened.reserve({ id: 'r', lines, tokens: 501, costMicros: 0, ttlMs: 1_000 })).ok).toBe(false);
  });

  it('does not keep holds across a re-open: a reservation dies with its process', async () => {
    const path = freshPath();
    const first = fileBudgetStore(path);
    await first.reserve({ id: 'r', lines, tokens: 1_000, costMicros: 0, ttlMs: 60_000 });
    const reopened = fileBudgetStore(path);
    expect((await reopened.reserve({ id: 'r2', lines, tokens: 1_000, costMicros: 0, ttlMs: 60_000 })).ok).toBe(true);
  });

  it('drops a torn last line, repairs the file, and keeps appending', async () => {
    const path = freshPath();
    const clock = testClock();
    await fileBudgetStore(path, { clock }).settle({ lines, tokens: 300, costMicros: 0 });
    appendFileSync(path, '{"s":[["department:finance","d2026-11-26"]],"t":99'); // a crash mid-write
    const reopened = fileBudgetStore(path, { clock });
    expect(reopened.skippedLines).toBe(1);
    expect((await reopened.snapshot(lines)).entries[0]?.tokens).toBe(300);
    await reopened.settle({ lines, tokens: 5, costMicros: 0 });
    const again = fileBudgetStore(path, { clock });
    expect(again.skippedLines).toBe(0);
    expect((await again.snapshot(lines)).entries[0]?.tokens).toBe(305);
  });

  it('keeps a complete last line that only lost its newline', async () => {
    const path = freshPath();
    const clock = testClock();
    writeFileSync(path, '{"s":[["model:gpt-4o",null]],"t":7,"c":3}');
    const store = fileBudgetStore(path, { clock });
    expect((await store.snapshot([{ scope: 'model:gpt-4o' }])).entries[0]?.tokens).toBe(7);
    await store.settle({ lines: [{ scope: 'model:gpt-4o' }], tokens: 1, costMicros: 0 });
    expect((await fileBudgetStore(path, { clock }).snapshot([{ scope: 'model:gpt-4o' }])).entries[0]?.tokens).toBe(8);
  });

  it('compacts the journal into one snapshot line with the same totals', async () => {
    const path = freshPath();
    const clock = testClock();
    const store = fileBudgetStore(path, { clock, compactAfter: 5 });
    for (let index = 0; index < 12; index++) await store.settle({ lines, tokens: 10, costMicros: 1 });
    expect(readFileSync(path, 'utf8').trim().split('\n').length).toBeLessThan(5);
    const { entries } = await fileBudgetStore(path, { clock }).snapshot(lines);
    expect(entries.map((entry) => [entry.tokens, entry.costMicros, entry.settlements])).toEqual([[120, 12, 12], [120, 12, 12]]);
  });

  it('fails with StoreUnavailableError and charges nothing when the journal cannot be written', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'budget-store-'));
    const store = fileBudgetStore(join(directory, 'missing-dir', 'budget.jsonl'));
    await expect(store.settle({ lines, tokens: 1, costMicros: 0 })).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    expect((await store.snapshot(lines)).entries[0]?.tokens).toBe(0);
  });

  it.each<[string, RegExp, { compactAfter?: number }]>([
    ['', /`path`/, {}],
    ['x.jsonl', /`compactAfter`/, { compactAfter: 0 }],
  ])('rejects bad options (%j)', (path, message, options) => {
    expect(() => fileBudgetStore(path, options)).toThrow(OptionsError);
    expect(() => fileBudgetStore(path, options)).toThrow(message);
  });
});

describe('fileBudgetStore on a damaged file', () => {
  it('refuses to open a journal with an unreadable complete line, naming the path and line', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'aw-budget-garbage-')), 'budget.jsonl');
    writeFileSync(path, '{"this is": not json\n\u0000garbage\n');
    expect(() => fileBudgetStore(path)).toThrow(StoreUnavailableError);
    expect(() => fileBudgetStore(path)).toThrow(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 1 is not a budget journal entry`));
    expect(readFileSync(path, 'utf8')).toBe('{"this is": not json\n\u0000garbage\n');
  });
});
