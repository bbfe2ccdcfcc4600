import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/audit/audit-log.js';
import { AuditTornTailError, AuditWriteError } from '../../src/audit/audit-errors.js';
import type { CallEntry, DecisionEntry, EventEntry, RunEntry, UsageEntry, VersionChangeEntry } from '../../src/audit/entries.js';
import { readAudit } from '../../src/audit/read-audit.js';
import { verifyAudit } from '../../src/audit/verify.js';
import { OptionsError, PolicyDeniedError } from '../../src/core/errors.js';
import type { WardenHost } from '../../src/core/types.js';
import { createWarden } from '../../src/core/warden.js';
import { auditedWarden, entriesOf, tempDir } from './helpers.js';

describe('auditLog', () => {
  it('writes a chained line per call, decision, usage and run with scope, version, outcome, duration and cost', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const { warden, lookup, refund } = auditedWarden(file);
    await warden.run({ sessionId: 'sess-1', workflow: 'claims', department: 'finance' }, async () => {
      await lookup({ orderId: 'A1' });
      await warden.recordUsage({ model: 'gpt-4o', inputTokens: 120, outputTokens: 30 });
      await expect(refund({ orderId: 'A1', amount: 120 })).rejects.toBeInstanceOf(PolicyDeniedError);
    });
    await warden.close();

    const entries = entriesOf(file);
    expect(entries.map((entry) => entry.type)).toEqual(['genesis', 'start', 'decision', 'call', 'usage', 'decision', 'call', 'run']);
    expect(entries.map((entry) => entry.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const [lookupCall, refundCall] = entries.filter((entry): entry is CallEntry => entry.type === 'call');
    expect(lookupCall).toMatchObject({ tool: 'lookup', outcome: 'ok', agent: 'support-agent', sessionId: 'sess-1', workflow: 'claims', department: 'finance', versionId: warden.version.id, args: { orderId: 'A1' } });
    expect(lookupCall!.durationMs).toBeGreaterThanOrEqual(0);
    expect(refundCall).toMatchObject({ tool: 'refund', outcome: 'blocked', errorCode: 'policy_denied' });
    const [allow, deny] = entries.filter((entry): entry is DecisionEntry => entry.type === 'decision');
    expect(allow).toMatchObject({ outcome: 'allow', by: 'policy', tool: 'lookup', callId: lookupCall!.callId });
    expect(deny).toMatchObject({ outcome: 'deny', by: 'policy', rule: 'no-refunds', reason: 'refunds need a human', callId: refundCall!.callId });
    expect(entries.find((entry): entry is UsageEntry => entry.type === 'usage')).toMatchObject({ model: 'gpt-4o', inputTokens: 120, outputTokens: 30, department: 'finance' });
    expect(entries.find((entry): entry is RunEntry => entry.type === 'run')).toMatchObject({ calls: 2, blocked: 1, inputTokens: 120, outputTokens: 30, outcome: 'ok' });
    expect(await verifyAudit(file)).toMatchObject({ ok: true, lines: 8, anchor: 'genesis' });
  });

  it('records budget, drift and approval events and the kill switch as entries', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    let host: WardenHost | undefined;
    const warden = createWarden({ agent: 'a', audit: auditLog({ file }), plugins: [{ attach: (h) => void (host = h) }] });
    host!.emit('budget', { scope: 'department:finance', department: 'finance', percent: 80, spentUsd: 8, limitUsd: 10 });
    host!.emit('drift', { metric: 'error_rate', value: 0.4, score: 4.2, versionId: 'v_x' });
    host!.emit('approval', { ticketId: 't1', outcome: 'approve', by: 'dana', tool: 'refund' });
    warden.halt('runaway spend');
    warden.resume();
    await warden.close();
    const entries = entriesOf(file).slice(2);
    expect(entries.map((entry) => entry.type)).toEqual(['budget', 'drift', 'approval', 'halt', 'resume']);
    expect(entries[0]).toMatchObject({ department: 'finance', event: { percent: 80 } });
    expect((entries[1] as EventEntry).versionId).toBe('v_x');
    expect(entries[3]).toMatchObject({ reason: 'runaway spend', agent: 'a' });
  });

  it('passes args, reasons and event details through the redactor', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const redact = (key: string, value: unknown) => (key === 'email' ? '[redacted]' : typeof value === 'string' ? value.replace(/\d{16}/g, '[card]') : value);
    const { warden, lookup } = auditedWarden(file, { audit: { redact } });
    await lookup({ orderId: 'card 4111111111111111', email: 'kim@example.com' } as { orderId: string });
    await warden.close();
    const call = entriesOf(file).find((entry): entry is CallEntry => entry.type === 'call')!;
    expect(call.args).toEqual({ orderId: 'card [card]', email: '[redacted]' });
    expect(readFileSync(file, 'utf8')).not.toContain('kim@example.com');
  });

  it('logs a version_change with the old and new parts when the version differs from the last one in the file', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await auditedWarden(file, { version: { model: 'gpt-4o', prompt: 'v1' } }).warden.close();
    await auditedWarden(file, { version: { model: 'gpt-4o', prompt: 'v1' } }).warden.close();
    await auditedWarden(file, { version: { model: 'gpt-5', prompt: 'v1' } }).warden.close();
    const changes = entriesOf(file).filter((entry): entry is VersionChangeEntry => entry.type === 'version_change');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ from: { parts: { model: 'gpt-4o' } }, to: { parts: { model: 'gpt-5' } }, changed: ['model'] });
    expect((await verifyAudit(file)).ok).toBe(true);
  });

  it('compares versions per agent when several agents share a file', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await auditedWarden(file, { agent: 'a', version: { model: 'm1' } }).warden.close();
    await auditedWarden(file, { agent: 'b', version: { model: 'm2' } }).warden.close();
    await auditedWarden(file, { agent: 'a', version: { model: 'm1' } }).warden.close();
    expect(entriesOf(file).filter((entry) => entry.type === 'version_change')).toHaveLength(0);
  });

  it('keeps one valid chain when 20 runs call tools concurrently', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const { warden, lookup } = auditedWarden(file, { audit: { maxBatch: 7 } });
    await Promise.all(
      Array.from({ length: 20 }, (_, run) =>
        warden.run({ sessionId: `s${run}` }, async () => {
          for (let call = 0; call < 10; call++) {
            await lookup({ orderId: `${run}-${call}` });
            await new Promise((resolve) => setImmediate(resolve));
          }
        }),
      ),
    );
    await warden.close();
    const entries = entriesOf(file);
    expect(entries.filter((entry) => entry.type === 'call')).toHaveLength(200);
    expect(entries.filter((entry) => entry.type === 'run')).toHaveLength(20);
    expect(entries.filter((entry) => entry.type === 'decision')).toHaveLength(200);
    expect(await verifyAudit(file)).toMatchObject({ ok: true, lines: 422 });
  });

  it('keeps one valid chain when two wardens append to the same file in turns', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const first = auditedWarden(file, { agent: 'a', audit: { flushIntervalMs: 0 } });
    const second = auditedWarden(file, { agent: 'b', audit: { flushIntervalMs: 0 } });
    for (let round = 0; round < 10; round++) {
      await first.lookup({ orderId: `a${round}` });
      await new Promise((resolve) => setTimeout(resolve, 2));
      await second.lookup({ orderId: `b${round}` });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await first.warden.close();
    await second.warden.close();
    const calls = entriesOf(file).filter((entry) => entry.type === 'call');
    expect(calls).toHaveLength(20);
    expect(new Set(calls.map((call) => call.agent))).toEqual(new Set(['a', 'b']));
    expect((await verifyAudit(file)).ok).toBe(true);
  });

  it('seals off a torn last line, reports it, and continues the chain after it', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await auditedWarden(file).warden.close();
    appendFileSync(file, '{"seq":2,"prev":"abc","at":"2026-01-0');
    expect(await verifyAudit(file)).toMatchObject({ ok: false, torn: true, brokenAt: 3 });

    const { warden, lookup, errors } = auditedWarden(file);
    await lookup({ orderId: 'A2' });
    await warden.close();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(AuditTornTailError);
    expect(warden.stats()['audit.torn_tails']).toBe(1);
    const result = await verifyAudit(file);
    expect(result).toMatchObject({ ok: true, recoveredFragments: 1 });
    const types: string[] = [];
    for await (const entry of readAudit(file)) types.push(entry.type);
    expect(types.slice(-4)).toEqual(['torn_tail', 'start', 'decision', 'call']);
  });

  it('reports a full disk through the error event and stats, never into the tool call', async () => {
    const { warden, lookup, errors } = auditedWarden('/dev/full', { audit: { retryMs: 60_000 } });
    await expect(lookup({ orderId: 'A1' })).resolves.toMatchObject({ status: 'shipped' });
    await warden.close();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toBeInstanceOf(AuditWriteError);
    expect(errors[0]).toMatchObject({ code: 'audit_write_failed', systemCode: 'ENOSPC' });
    expect(warden.stats()['audit.errors']).toBeGreaterThan(0);
    expect(existsSync('/dev/full.lock')).toBe(false);
  });

  it('reports an event that arrives after close as an error instead of losing it silently', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const { warden, lookup, errors } = auditedWarden(file);
    await warden.close();
    await lookup({ orderId: 'late' });
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((error) => (error as AuditWriteError).code))).toEqual(new Set(['audit_write_failed']));
    expect(errors[0]!.message).toContain('closed');
  });

  it('rotates by size and keeps the chain across files', async () => {
    const directory = tempDir();
    const file = join(directory, 'audit.jsonl');
    const { warden, lookup } = auditedWarden(file, { audit: { rotateBytes: 4096 } });
    for (let call = 0; call < 60; call++) await lookup({ orderId: `order-${call}` });
    await warden.close();
    const names = readdirSync(directory).sort();
    expect(names.length).toBeGreaterThan(2);
    expect(names).toContain('audit.jsonl.1');
    const current = entriesOf(file);
    expect(current[0]).toMatchObject({ type: 'rotate' });
    const result = await verifyAudit(file);
    expect(result.ok).toBe(true);
    expect(result.files).toHaveLength(names.length);
    expect(result.lines).toBe(names.reduce((sum, name) => sum + entriesOf(join(directory, name)).length, 0));

    writeFileSync(join(directory, 'audit.jsonl.2'), '');
    expect((await verifyAudit(file)).ok).toBe(false);
  });

  it('flushes queued lines when the process exits without close()', () => {
    const file = join(tempDir(), 'audit.jsonl');
    const script = `
      import { createWarden } from ${JSON.stringify(new URL('../../src/core/warden.ts', import.meta.url).pathname)};
      import { auditLog } from ${JSON.stringify(new URL('../../src/audit/audit-log.ts', import.meta.url).pathname)};
      const warden = createWarden({ agent: 'exiting', audit: auditLog({ file: ${JSON.stringify(file)}, flushIntervalMs: 60000 }) });
      const tool = warden.tool('ping', async () => 'pong');
      await tool({});
      await tool({});
      process.exit(0);
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(entriesOf(file).filter((entry) => entry.type === 'call')).toHaveLength(2);
  });

  it.each([
    [{ file: '' }, '`file` must be a non-empty path'],
    [{ file: 'a.jsonl', rotateBytes: 10 }, '`rotateBytes` must be at least 4096 bytes'],
    [{ file: 'a.jsonl', redact: 'yes' }, '`redact` must be a function'],
    [{ file: 'a.jsonl', maxBatch: 0 }, '`maxBatch` must be positive'],
  ])('rejects bad options at construction, naming the field (%j)', (options, message) => {
    expect(() => auditLog(options as never)).toThrow(OptionsError);
    expect(() => auditLog(options as never)).toThrow(message);
  });
});

describe('auditLog default redaction', () => {
  it('replaces PII and secrets in args with labels unless redact is false', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const { warden, lookup } = auditedWarden(file);
    await lookup({ orderId: 'A1', email: 'kim@example.com', apiKey: 'sk-live-123' } as { orderId: string });
    await warden.close();
    const call = entriesOf(file).find((entry): entry is CallEntry => entry.type === 'call')!;
    expect(call.args).toMatchObject({ orderId: 'A1', email: expect.stringMatching(/^\[email:[0-9a-f]+\]$/), apiKey: expect.stringMatching(/^\[secret:[0-9a-f]+\]$/) });
    expect(readFileSync(file, 'utf8')).not.toContain('kim@example.com');

    const plainFile = join(tempDir(), 'plain.jsonl');
    const plain = auditedWarden(plainFile, { audit: { redact: false } });
    await plain.lookup({ orderId: 'A1', email: 'kim@example.com' } as { orderId: string });
    await plain.warden.close();
    expect(readFileSync(plainFile, 'utf8')).toContain('kim@example.com');
  });
});
