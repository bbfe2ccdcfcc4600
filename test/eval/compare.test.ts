import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compareVersions } from '../../src/eval/compare.js';
import { caseFromCassette } from '../../src/eval/cases.js';
import { custom, exact, llmJudge, regex, schema } from '../../src/eval/scorers.js';
import { formatComparison } from '../../src/eval/table.js';
import { recorder } from '../../src/replay/recorder.js';
import { versionStamp } from '../../src/index.js';
import { realTools, refundAgent, refundLimit, wardenWith } from '../replay/fixtures.js';
import { evalWarden, planAgent, refundCases, versionA, versionB } from './fixtures.js';

const rowOf = (result: Awaited<ReturnType<typeof compareVersions>>, metric: string) => result.metrics.find((row) => row.metric === metric)!;

describe('compareVersions', () => {
  it('fails when the candidate is worse, with the table showing why', async () => {
    const result = await compareVersions({ cases: refundCases('candidate'), baseline: versionStamp(versionA, 'A'), candidate: versionStamp(versionB, 'B'), agent: planAgent, warden: evalWarden });
    expect(result.passed).toBe(false);
    expect(rowOf(result, 'success')).toMatchObject({ baseline: 1, candidate: 0, delta: -1, n: 5, passed: false });
    expect(rowOf(result, 'success').pValue).toBeCloseTo(2 / 32, 10);
    expect(rowOf(result, 'denials')).toMatchObject({ baseline: 0, candidate: 1, delta: 1 });
    expect(rowOf(result, 'steps')).toMatchObject({ baseline: 5, candidate: 7 });
    expect(rowOf(result, 'tokens')).toMatchObject({ baseline: 360, candidate: 480 });
    expect(rowOf(result, 'exact')).toMatchObject({ baseline: 1, candidate: 0, passed: false });
    expect(result.failures).toEqual(['success got worse by 1 (allowed 0)', 'exact got worse by 1 (allowed 0)']);
    const table = formatComparison(result);
    expect(table).toMatch(/^baseline  A \(v_[0-9a-f]{16}\)\ncandidate B \(v_[0-9a-f]{16}\)\ncases     5\n/);
    expect(table).toMatch(/success\s+↑\s+1\s+0\s+-1\s+0\.063\s+FAIL/);
    expect(table).toMatch(/denials\s+↓\s+0\s+1\s+\+1\s+0\.063/);
    expect(table).toContain('case case-1: baseline ok, candidate failed');
    expect(table.trimEnd().split('\n').at(-1)).toBe('FAIL: success got worse by 1 (allowed 0); exact got worse by 1 (allowed 0)');
  });

  it('passes when the candidate is better', async () => {
    const result = await compareVersions({ cases: refundCases('baseline'), baseline: versionA, candidate: versionB, agent: planAgent, warden: evalWarden });
    expect(result.passed).toBe(true);
    expect(rowOf(result, 'success')).toMatchObject({ baseline: 0, candidate: 1, delta: 1, passed: true });
    expect(formatComparison(result).trimEnd().split('\n').at(-1)).toBe('PASS: the candidate is within every threshold');
  });

  it('honours relative thresholds and significance levels', async () => {
    const options = { cases: refundCases('candidate'), baseline: versionA, candidate: versionB, agent: planAgent, warden: evalWarden };
    const lenient = await compareVersions({ ...options, thresholds: { tokens: { maxRegression: 0.5, relative: true } } });
    expect(lenient.passed).toBe(true);
    const strict = await compareVersions({ ...options, thresholds: { tokens: { maxRegression: 0.2, relative: true } } });
    expect(strict.failures).toEqual(['tokens got worse by 120 (allowed 20.0 %)']);
    const significant = await compareVersions({ ...options, thresholds: { success: { alpha: 0.05 } } });
    expect(significant.passed).toBe(true);
  });

  it('uses a model factory instead of scripted answers', async () => {
    const cases = refundCases('none').map(({ answers, ...rest }) => rest);
    const result = await compareVersions({
      cases,
      baseline: versionA,
      candidate: versionB,
      warden: evalWarden,
      model: ({ version, case: evalCase }) => {
        const { orderId, amount } = evalCase.input as { orderId: string; amount: number };
        const generous = String(version.parts.prompt).includes('generously');
        const plans = [{ tool: 'lookup_order', args: { orderId } }, { tool: 'issue_refund', args: { orderId, amount: generous ? amount + 1 : amount } }, { final: true }];
        return { next: () => plans.shift(), used: 0, remaining: 0 };
      },
      agent: planAgent,
      scorers: [regex(/^refunded \d+ as R-/), exact()],
    });
    expect(rowOf(result, 'regex /^refunded \\d+ as R-/')).toMatchObject({ baseline: 1, candidate: 1 });
    expect(rowOf(result, 'exact')).toMatchObject({ baseline: 1, candidate: 0 });
    expect(result.passed).toBe(false);
  });

  it('scores with zod schemas, custom async functions and an LLM judge', async () => {
    const judged: string[] = [];
    const result = await compareVersions({
      cases: refundCases('candidate'),
      baseline: versionA,
      candidate: versionB,
      warden: evalWarden,
      agent: async (context) => ({ text: await planAgent(context) }),
      scorers: [
        schema(z.object({ text: z.string().startsWith('refunded') }), { name: 'shape' }),
        custom('short', async ({ output }) => ({ score: (output as { text: string }).text.length < 40, reason: 'length' })),
        llmJudge({
          judge: async ({ output }) => {
            judged.push((output as { text: string }).text);
            return { score: (output as { text: string }).text.startsWith('refunded') ? 0.9 : 0.2, reason: 'graded' };
          },
        }),
      ],
      thresholds: { judge: { maxRegression: 0.1 } },
    });
    expect(judged).toHaveLength(10);
    expect(rowOf(result, 'shape')).toMatchObject({ baseline: 1, candidate: 0 });
    expect(rowOf(result, 'judge').baseline).toBeCloseTo(0.9);
    expect(rowOf(result, 'judge').candidate).toBeCloseTo(0.2);
    expect(result.failures).toEqual(['judge got worse by 0.7 (allowed 0.1)']);
    expect(result.cases[0]!.candidate.reasons.shape).toMatch(/text/);
  });

  it('counts a run that throws as a failed case with its error', async () => {
    const result = await compareVersions({
      cases: [{ id: 'one', input: {}, answers: [] }],
      baseline: versionA,
      candidate: versionB,
      agent: async ({ model, role }) => (role === 'candidate' ? model.next() : 'fine'),
    });
    expect(result.cases[0]!.candidate.error?.message).toBe('scripted model: no answer left after 0');
    expect(rowOf(result, 'success')).toMatchObject({ baseline: 1, candidate: 0 });
  });

  it('evaluates recorded sessions: tools served from the tape, divergence counted', async () => {
    const tape = recorder();
    const warden = wardenWith([refundLimit(500), tape]);
    for (const orderId of ['A1', 'B2']) {
      await warden.run({ sessionId: `prod-${orderId}`, metadata: { input: { orderId } } }, () => refundAgent(warden, realTools, { orderId }));
    }
    const cases = tape.cassettes().map((cassette) => caseFromCassette(cassette));
    const result = await compareVersions({
      cases,
      baseline: versionA,
      candidate: versionB,
      warden: () => ({ middleware: [refundLimit(500)] }),
      agent: ({ warden: w, input, version }) =>
        refundAgent(w, { lookupOrder: () => { throw new Error('offline'); }, issueRefund: () => { throw new Error('offline'); } }, { ...(input as { orderId: string }), share: version.parts.prompt === versionB.prompt ? 0.5 : 1 }),
      scorers: [regex(/^refunded/)],
      thresholds: { divergences: 0 },
    });
    expect(cases.map((item) => item.id)).toEqual(['prod-A1', 'prod-B2']);
    expect(rowOf(result, 'divergences')).toMatchObject({ baseline: 0, candidate: 1 });
    expect(result.cases[0]!.candidate.divergences[0]).toMatchObject({ kind: 'args', index: 1 });
    expect(result.failures).toEqual(['divergences got worse by 1 (allowed 0)']);
  });

  it.each([
    [{ cases: [] }, '`cases` must be a non-empty array'],
    [{ thresholds: { nope: 0 } }, '`thresholds.nope` names no metric'],
    [{ thresholds: { success: -1 } }, '`thresholds.success.maxRegression` must be a non-negative number'],
    [{ scorers: [custom('tokens', () => 1)] }, 'scorer name "tokens" is used twice or by a built-in metric'],
  ])('rejects bad options (%j)', async (override, message) => {
    await expect(compareVersions({ cases: refundCases('none'), baseline: versionA, candidate: versionB, agent: planAgent, ...(override as object) })).rejects.toThrow(message);
  });
});
