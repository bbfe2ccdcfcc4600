import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditCheckpoint } from '../../src/audit/anchors.js';
import { sealLine } from '../../src/audit/chain.js';
import { pruneAudit } from '../../src/audit/prune.js';
import { verifyAudit } from '../../src/audit/verify.js';
import { main } from '../../src/cli/main.js';
import { createWarden } from '../../src/core/warden.js';
import { auditLog, type AuditLogOptions } from '../../src/audit/audit-log.js';
import { fakeClock } from '../../src/testing/index.js';
import { tempDir } from './helpers.js';

const KEY = 'audit-key-0123456789abcdef';

async function writeAudit(file: string, calls: number, options: Partial<AuditLogOptions> = {}): Promise<void> {
  const warden = createWarden({ agent: 'support-agent', audit: auditLog({ file, ...options }) });
  const lookup = warden.tool('lookup', async (args: { orderId: string; note?: string }) => args.orderId);
  for (let index = 0; index < calls; index++) await lookup({ orderId: `A${index}`, note: 'n'.repeat(options.rotateBytes ? 300 : 0) });
  await warden.close();
}

async function cli(...argv: string[]) {
  let stdout = '';
  const code = await main(argv, { stdout: (text) => void (stdout += text), stderr: () => {} });
  return { code, stdout };
}

const checkpointsOf = (anchor: string) => readFileSync(anchor, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditCheckpoint);
const linesOf = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('anchored head', () => {
  it('publishes signed checkpoints every N lines and at close, and verifies against them', async () => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    const anchor = join(folder, 'anchor', 'audit.anchor.jsonl');
    await writeAudit(file, 12, { key: KEY, anchor, anchorEvery: 5 });
    const checkpoints = checkpointsOf(anchor);
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    expect(checkpoints.every((checkpoint) => checkpoint.type === 'checkpoint' && /^[0-9a-f]{64}$/.test(checkpoint.mac ?? ''))).toBe(true);
    const lastSeq = (JSON.parse(linesOf(file).at(-1)!) as { seq: number }).seq;
    expect(checkpoints.at(-1)!.seq).toBe(lastSeq);
    if (process.platform !== 'win32') expect((statSync(anchor).mode & 0o777).toString(8)).toBe('600');
    const result = await verifyAudit(file, { key: KEY, anchors: anchor });
    expect(result).toMatchObject({ ok: true, anchors: { checkpoints: checkpoints.length, signed: checkpoints.length, problems: [] } });
    const { code, stdout } = await cli('verify', file, '--anchors', anchor);
    expect(code).toBe(2); // keyed, no --key
    expect(stdout).toContain('NOT CHECKED');
  });

  it('reports a cut tail with the missing seq range (the chain alone passes)', async () => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    const anchor = join(folder, 'anchor.jsonl');
    await writeAudit(file, 6, { anchor });
    const lines = linesOf(file);
    writeFileSync(file, `${lines.slice(0, -3).join('\n')}\n`);
    expect((await verifyAudit(file)).ok).toBe(true);
    const result = await verifyAudit(file, { anchors: anchor });
    expect(result.ok).toBe(false);
    expect(result.anchors!.problems).toEqual([expect.objectContaining({ kind: 'tail_truncated', fromSeq: lines.length - 3, toSeq: lines.length - 1 })]);
    const { code, stdout } = await cli('verify', file, '--anchors', anchor);
    expect(code).toBe(1);
    expect(stdout).toContain(`tail truncated`);
    expect(stdout).toContain(`lines ${lines.length - 3} to ${lines.length - 1} are missing`);
  });

  it('reports a whole-file rewrite re-sealed with plain SHA-256', async () => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    const anchor = join(folder, 'anchor.jsonl');
    await writeAudit(file, 6, { anchor });
    let prev = (JSON.parse(linesOf(file)[0]!) as { prev: string }).prev;
    const forged = linesOf(file).map((line, seq) => {
      const { seq: _seq, prev: _prev, hash: _hash, ...body } = JSON.parse(line) as Record<string, unknown>;
      const sealed = sealLine(JSON.stringify(body.type === 'call' ? { ...body, args: { orderId: 'EDITED' } } : body), seq, prev);
      prev = sealed.hash;
      return sealed.line;
    });
    writeFileSync(file, forged.join(''));
    expect((await verifyAudit(file)).ok).toBe(true);
    const result = await verifyAudit(file, { anchors: anchor });
    expect(result.ok).toBe(false);
    expect(result.anchors!.problems.map((problem) => problem.kind)).toEqual(['rewritten']);
  });

  it('names deleted rotated files and their seq ranges', async () => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    const anchor = join(folder, 'anchor.jsonl');
    await writeAudit(file, 60, { anchor, rotateBytes: 4096, key: KEY });
    const rotated = readdirSync(folder).filter((name) => /^audit\.jsonl\.\d+$/.test(name)).sort();
    expect(rotated.length).toBeGreaterThanOrEqual(2);
    const segments = checkpointsOf(anchor).filter((checkpoint) => checkpoint.type === 'segment');
    expect(segments.map((segment) => segment.file)).toEqual(expect.arrayContaining(rotated));
    unlinkSync(join(folder, 'audit.jsonl.1'));
    expect((await verifyAudit(file, { key: KEY })).ok).toBe(true); // the chain alone only says "continued"
    const result = await verifyAudit(file, { key: KEY, anchors: anchor });
    const first = segments.find((segment) => segment.file === 'audit.jsonl.1')!;
    expect(result.ok).toBe(false);
    expect(result.anchors!.problems).toEqual([expect.objectContaining({ kind: 'segment_deleted', file: 'audit.jsonl.1', fromSeq: 0, toSeq: first.seq })]);
    writeFileSync(join(folder, 'audit.key'), KEY);
    const { code, stdout } = await cli('verify', file, '--key', `file:${join(folder, 'audit.key')}`, '--anchors', anchor);
    expect(code).toBe(1);
    expect(stdout).toContain(`rotated file audit.jsonl.1 was deleted: seq 0 to ${first.seq} are missing`);
  });

  it('refuses a forged checkpoint when verified with the key', async () => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    const anchor = join(folder, 'anchor.jsonl');
    await writeAudit(file, 3, { key: KEY, anchor });
    const [checkpoint] = checkpointsOf(anchor);
    writeFileSync(anchor, `${JSON.stringify({ ...checkpoint, seq: 2 })}\n`);
    const result = await verifyAudit(file, { key: KEY, anchors: anchor });
    expect(result.ok).toBe(false);
    expect(result.anchors!.problems[0]).toMatchObject({ kind: 'bad_checkpoint' });
  });

  it('hands checkpoints to a callback sink', async () => {
    const received: AuditCheckpoint[] = [];
    await writeAudit(join(tempDir(), 'audit.jsonl'), 3, { key: KEY, anchor: (checkpoint) => void received.push(checkpoint) });
    expect(received).toEqual([expect.objectContaining({ type: 'checkpoint', seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/), time: expect.any(String), mac: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
  });

  it('also publishes a checkpoint once anchorIntervalMs has passed, at the next line', async () => {
    const clock = fakeClock();
    const received: AuditCheckpoint[] = [];
    const plugin = auditLog({ file: join(tempDir(), 'audit.jsonl'), anchor: (checkpoint) => void received.push(checkpoint), anchorIntervalMs: 60_000 });
    const warden = createWarden({ agent: 'a', clock, audit: plugin });
    const ping = warden.tool('ping', async () => 'pong');
    await ping({});
    plugin.flush();
    expect(received).toHaveLength(0);
    clock.advance(61_000);
    await ping({});
    plugin.flush();
    expect(received).toHaveLength(1);
    expect(received[0]!.time).toBe(new Date(clock.now()).toISOString());
    await warden.close();
  });

  it('tells files pruned on purpose (pruneAudit, signed records) from deleted ones', async () => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    const anchor = join(folder, 'anchor.jsonl');
    await writeAudit(file, 80, { anchor, rotateBytes: 4096, key: KEY });
    const rotated = readdirSync(folder).filter((name) => /^audit\.jsonl\.\d+$/.test(name));
    expect(rotated.length).toBeGreaterThanOrEqual(3);
    const pruned = await pruneAudit(file, { keep: rotated.length - 2, anchor, key: KEY });
    expect(pruned.map((segment) => segment.file)).toEqual(['audit.jsonl.1', 'audit.jsonl.2']);
    expect(pruned[0]!.firstSeq).toBe(0);
    const result = await verifyAudit(file, { key: KEY, anchors: anchor });
    expect(result).toMatchObject({ ok: true, anchors: { problems: [], pruned: pruned.map((segment) => ({ file: segment.file, fromSeq: segment.firstSeq, toSeq: segment.seq })) } });
    writeFileSync(join(folder, 'audit.key'), KEY);
    const ok = await cli('verify', file, '--key', `file:${join(folder, 'audit.key')}`, '--anchors', anchor);
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringContaining(`pruned on purpose: audit.jsonl.1 (seq 0 to ${pruned[0]!.seq})`)]);

    unlinkSync(join(folder, 'audit.jsonl.3'));
    const deleted = await verifyAudit(file, { key: KEY, anchors: anchor });
    expect(deleted.ok).toBe(false);
    expect(deleted.anchors!.problems).toEqual([expect.objectContaining({ kind: 'segment_deleted', file: 'audit.jsonl.3' })]);
  });

  it('does not let an unsigned prune record excuse a deletion when verified with the key', async () => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    const anchor = join(folder, 'anchor.jsonl');
    await writeAudit(file, 40, { anchor, rotateBytes: 4096, key: KEY });
    await pruneAudit(file, { keep: 0, anchor }); // no key: what an attacker without it could write
    const result = await verifyAudit(file, { key: KEY, anchors: anchor });
    expect(result.ok).toBe(false);
    expect(result.anchors!.problems.map((problem) => problem.kind)).toContain('bad_checkpoint');
    expect(result.anchors!.problems.map((problem) => problem.kind)).toContain('segment_deleted');
  });

  it('exits 2 when the anchor file does not exist', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeAudit(file, 1);
    expect((await cli('verify', file, '--anchors', join(tempDir(), 'missing.jsonl'))).code).toBe(2);
  });
});
