import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readCassette, type Cassette } from '../../src/replay/cassette.js';
import { ReplayDivergenceError, ReplayedToolError } from '../../src/replay/errors.js';
import { recorder } from '../../src/replay/recorder.js';
import { replayer } from '../../src/replay/replayer.js';
import { realTools, refundAgent, refundLimit, unreachableTools, wardenWith } from './fixtures.js';
import { tempDirs } from './temp-dirs.js';

const tempDir = tempDirs();

async function recordOne(input: { orderId: string; share?: number }, max = 500): Promise<{ cassette: Cassette; output: string; file: string }> {
  const dir = tempDir('aw-cassettes-');
  const tape = recorder({ dir });
  const warden = wardenWith([refundLimit(max), tape]);
  const output = await warden.run({ sessionId: 'session-1', workflow: 'claims', metadata: { input } }, () => refundAgent(warden, realTools, input));
  await warden.close();
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  const file = join(dir, files[0]!);
  return { cassette: readCassette(file), output, file };
}

describe('recorder', () => {
  it('writes one cassette per run with scope, version, calls, decisions and model calls', async () => {
    const { cassette, output } = await recordOne({ orderId: 'A1' });
    expect(output).toBe('refunded 120 as R-A1-120');
    expect(cassette).toMatchObject({ agent: 'refunds', sessionId: 'session-1', workflow: 'claims', metadata: { input: { orderId: 'A1' } }, outcome: 'ok' });
    expect(cassette.version.parts).toEqual({ prompt: 'refund fairly', model: 'scripted' });
    expect(cassette.calls.map((call) => [call.tool, call.args, call.outcome, call.result])).toEqual([
      ['lookup_order', { orderId: 'A1' }, 'ok', { id: 'A1', total: 120, status: 'delivered' }],
      ['issue_refund', { orderId: 'A1', amount: 120 }, 'ok', { refundId: 'R-A1-120', amount: 120 }],
    ]);
    expect(cassette.decisions.map((d) => [d.outcome, d.by, d.rule, d.tool])).toEqual([['allow', 'refundLimit', 'max-refund', 'issue_refund']]);
    expect(cassette.model.map((m) => [m.model, m.inputTokens, m.outputTokens])).toEqual([
      ['scripted', 120, 30],
      ['scripted', 200, 40],
    ]);
    expect(cassette.totals).toMatchObject({ calls: 2, errors: 0, blocked: 0, inputTokens: 320, outputTokens: 70 });
  });

  it('records a tool error with its name and message', async () => {
    const { cassette, output } = await recordOne({ orderId: 'ZZ' });
    expect(output).toBe('could not find order: no order ZZ');
    expect(cassette.calls[0]).toMatchObject({ tool: 'lookup_order', outcome: 'error', error: { name: 'Error', message: 'no order ZZ' } });
  });

  it('redacts secret keys and survives circular and BigInt args', async () => {
    const tape = recorder();
    const warden = wardenWith([tape]);
    const echo = warden.tool('echo', (args: unknown) => 'ok');
    const circular: Record<string, unknown> = { apiKey: 'sk-123', big: 10n, nested: { password: 'hunter2', keep: 'me' } };
    circular.self = circular;
    await warden.run({ sessionId: 's' }, () => echo(circular));
    const [cassette] = tape.cassettes();
    expect(cassette!.calls[0]!.args).toEqual({ apiKey: '[REDACTED]', big: '10n', nested: { password: '[REDACTED]', keep: 'me' }, self: '[Circular]' });
  });

  it('keeps concurrent runs on separate cassettes', async () => {
    const tape = recorder();
    const warden = wardenWith([tape]);
    await Promise.all(['A1', 'B2', 'A1', 'B2'].map((orderId, i) => warden.run({ sessionId: `s${i}` }, () => refundAgent(warden, realTools, { orderId }))));
    const cassettes = tape.cassettes();
    expect(cassettes).toHaveLength(4);
    for (const cassette of cassettes) {
      const orderIds = new Set(cassette.calls.map((call) => (call.args as { orderId: string }).orderId));
      expect(orderIds.size).toBe(1);
      expect(cassette.calls).toHaveLength(2);
    }
  });

  it('counts a cassette it cannot write and never breaks the run', async () => {
    const dir = tempDir('aw-cassettes-');
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const tape = recorder({ dir: join(dir, 'not-a-folder', 'tapes') });
    const warden = wardenWith([tape]);
    const errors: Error[] = [];
    warden.on('error', (error) => errors.push(error));
    expect(await warden.run({}, () => refundAgent(warden, realTools, { orderId: 'A1' }))).toBe('refunded 120 as R-A1-120');
    await tape.flush();
    expect(warden.stats()['recorder.errors']).toBe(1);
    expect(errors[0]?.message).toMatch(/ENOTDIR|EEXIST/);
  });

  it('writes again after its folder was removed', async () => {
    const dir = join(tempDir('aw-cassettes-'), 'tapes');
    const tape = recorder({ dir });
    const warden = wardenWith([tape]);
    await warden.run({}, () => refundAgent(warden, realTools, { orderId: 'A1' }));
    await tape.flush();
    rmSync(dir, { recursive: true });
    await warden.run({}, () => refundAgent(warden, realTools, { orderId: 'B2' }));
    await tape.flush();
    expect(readdirSync(dir)).toHaveLength(1);
    expect(warden.stats()['recorder.errors']).toBeUndefined();
  });

  it('ignores calls made outside a run', async () => {
    const tape = recorder();
    const warden = wardenWith([tape]);
    await warden.tool('ping', () => 'pong')(undefined);
    expect(tape.cassettes()).toEqual([]);
  });

  it('rejects bad options naming the field', () => {
    expect(() => recorder({ dir: '' })).toThrow('recorder: `dir` must be a non-empty path');
    expect(() => recorder({ maxContentLength: -1 })).toThrow(/`maxContentLength`/);
  });
});

describe('replayer', () => {
  it('replays a recorded run offline with identical results and no divergence', async () => {
    const { cassette, output, file } = await recordOne({ orderId: 'A1' });
    const replay = replayer(file);
    const warden = wardenWith([refundLimit(500), replay]);
    const again = await warden.run({ sessionId: cassette.sessionId! }, () => refundAgent(warden, unreachableTools, { orderId: 'A1' }));
    expect(again).toBe(output);
    expect(replay.report()).toEqual({ identical: true, runs: 1, calls: 2, served: 2, divergences: [] });
  });

  it('throws the recorded tool error again', async () => {
    const { cassette, output } = await recordOne({ orderId: 'ZZ' });
    const replay = replayer(cassette);
    const warden = wardenWith([refundLimit(500), replay]);
    const lookup = warden.tool('lookup_order', unreachableTools.lookupOrder);
    await warden.run({}, async () => {
      const failure = await lookup({ orderId: 'ZZ' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ReplayedToolError);
      expect((failure as Error).message).toBe('no order ZZ');
    });
    expect(output).toBe('could not find order: no order ZZ');
  });

  it('reports a tool that now returns something else (live tools)', async () => {
    const { cassette } = await recordOne({ orderId: 'A1' });
    const replay = replayer(cassette, { tools: 'live' });
    const warden = wardenWith([refundLimit(500), replay]);
    const changedLookup = () => ({ id: 'A1', total: 90, status: 'delivered' });
    const output = await warden.run({}, () => refundAgent(warden, { lookupOrder: changedLookup }, { orderId: 'A1' }));
    expect(output).toBe('refunded 90 as R-A1-90');
    const kinds = replay.report().divergences.map((d) => [d.kind, d.index]);
    expect(kinds).toEqual([
      ['result', 0],
      ['args', 1],
    ]);
    expect(replay.report().divergences[0]!.message).toMatch(/call #0 \(lookup_order\): expected result .*"total":120.*got .*"total":90/);
  });

  it('reports different args and refuses to serve them from the tape', async () => {
    const { cassette } = await recordOne({ orderId: 'A1' });
    const replay = replayer(cassette);
    const warden = wardenWith([refundLimit(500), replay]);
    const output = await warden.run({}, () => refundAgent(warden, unreachableTools, { orderId: 'A1', share: 0.5 }));
    expect(output).toMatch(/refund refused: replay diverged: call #1 \(issue_refund\): expected args/);
    expect(replay.report().divergences.map((d) => d.kind)).toEqual(['args']);
  });

  it('reports a different tool and an extra call', async () => {
    const { cassette } = await recordOne({ orderId: 'A1' });
    const replay = replayer(cassette, { onDivergence: 'live' });
    const warden = wardenWith([replay]);
    const lookup = warden.tool('lookup_order', realTools.lookupOrder);
    const email = warden.tool('send_email', () => 'sent');
    await warden.run({}, async () => {
      await lookup({ orderId: 'A1' });
      expect(await email({ to: 'x' })).toBe('sent');
      await email({ to: 'y' });
    });
    const found = replay.report().divergences;
    expect(found.map((d) => [d.kind, d.index])).toEqual([
      ['tool', 1],
      ['extra', 2],
      ['decision', 0],
    ]);
    expect(found[0]!.message).toBe('call #1: expected issue_refund, got send_email');
  });

  it('reports a different decision when a guard now denies the call', async () => {
    const { cassette } = await recordOne({ orderId: 'A1' });
    const replay = replayer(cassette);
    const warden = wardenWith([refundLimit(100), replay]);
    const output = await warden.run({}, () => refundAgent(warden, unreachableTools, { orderId: 'A1' }));
    expect(output).toBe('refund refused: issue_refund: refund 120 is above 100');
    const found = replay.report().divergences;
    expect(found.map((d) => d.kind)).toEqual(['missing', 'decision']);
    expect(found[1]!.message).toBe('decision #0: expected allow by refundLimit (rule max-refund) on issue_refund, got deny by refundLimit (rule max-refund) on issue_refund');
  });

  it('a divergence error is a WardenError with the divergence', async () => {
    const { cassette } = await recordOne({ orderId: 'A1' });
    const replay = replayer(cassette);
    const warden = wardenWith([replay]);
    const other = warden.tool('other', () => 1);
    const failure = await warden.run({}, () => other(undefined)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ReplayDivergenceError);
    expect((failure as ReplayDivergenceError).divergence.kind).toBe('tool');
  });

  it('serves calls made outside a run in order from one cursor', async () => {
    const { cassette } = await recordOne({ orderId: 'A1' });
    const replay = replayer(cassette);
    const warden = wardenWith([replay]);
    const lookup = warden.tool('lookup_order', unreachableTools.lookupOrder);
    const refund = warden.tool('issue_refund', unreachableTools.issueRefund);
    expect(await lookup({ orderId: 'A1' })).toMatchObject({ total: 120 });
    expect(await refund({ orderId: 'A1', amount: 120 })).toEqual({ refundId: 'R-A1-120', amount: 120 });
    expect(replay.report()).toMatchObject({ calls: 2, served: 2, divergences: [] });
  });

  it('does not expect decisions made after its position when serving from tape', async () => {
    const tape = recorder();
    const live = wardenWith([refundLimit(500), tape]);
    const strict = live.tool('lookup_order', (_args: { orderId: string }) => ({ id: 'A1', total: -1 }), { output: z.object({ total: z.number().positive() }) });
    await live.run({}, () => strict({ orderId: 'A1' }).catch(() => 'invalid'));
    const [cassette] = tape.cassettes();
    expect(cassette!.decisions).toMatchObject([{ outcome: 'deny', by: 'validateOutput', inner: true }]);

    const replay = replayer(cassette!);
    const offline = wardenWith([refundLimit(500), replay]);
    const served = offline.tool('lookup_order', unreachableTools.lookupOrder, { output: z.object({ total: z.number().positive() }) });
    const failure = await offline.run({}, () => served({ orderId: 'A1' }).catch((error: unknown) => error));
    expect((failure as Error).name).toBe('ValidationError');
    expect(replay.report()).toMatchObject({ identical: true, served: 1 });
  });
});
