import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/audit/audit-log.js';
import { derivedKeyId, toSealKey, type AuditKey } from '../../src/audit/audit-key.js';
import { sealLine } from '../../src/audit/chain.js';
import { verifyAudit } from '../../src/audit/verify.js';
import { main } from '../../src/cli/main.js';
import { OptionsError } from '../../src/core/errors.js';
import { auditedWarden, entriesOf, tempDir } from './helpers.js';

const KEY = 'audit-key-0123456789abcdef';
const OTHER_KEY = 'other-key-0123456789abcdef';

async function writeAudit(file: string, key?: AuditKey): Promise<void> {
  const { warden, lookup, refund } = auditedWarden(file, { audit: key === undefined ? {} : { key } });
  await lookup({ orderId: 'A1' });
  await refund({ orderId: 'A1', amount: 900 }).catch(() => {});
  await lookup({ orderId: 'A2' });
  await warden.close();
}

/** What an attacker without the key does: edit entries, then re-seal every line with plain SHA-256. */
function rewriteAndReseal(file: string, edit: (entries: Array<Record<string, unknown>>) => Array<Record<string, unknown>>, options: { keepKid?: boolean } = {}): void {
  const entries = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  const firstPrev = entries[0]!.prev as string;
  let prev = firstPrev;
  const lines = edit(entries).map((entry, seq) => {
    const { seq: _seq, prev: _prev, hash: _hash, kid, ...body } = entry;
    const sealed = sealLine(JSON.stringify(options.keepKid ? { kid, ...body } : body), seq, prev);
    prev = sealed.hash;
    return sealed.line;
  });
  writeFileSync(file, lines.join(''));
}

const dropDenials = (entries: Array<Record<string, unknown>>) =>
  entries.filter((entry) => entry.outcome !== 'deny' && entry.outcome !== 'blocked').map((entry) => (entry.type === 'call' ? { ...entry, args: { orderId: 'EDITED' } } : entry));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

describe('keyed audit chain', () => {
  it('seals every line with HMAC-SHA256 and its key id, and verifies with the key', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeAudit(file, KEY);
    const id = derivedKeyId(Buffer.from(KEY));
    expect(entriesOf(file).every((entry) => (entry as { kid?: string }).kid === id)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain(KEY);
    const result = await verifyAudit(file, { key: KEY });
    expect(result).toMatchObject({ ok: true, sealing: 'keyed', keyIds: [id] });
  });

  it('catches a rewrite re-sealed with plain SHA-256 when verified with the key', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeAudit(file, KEY);
    rewriteAndReseal(file, dropDenials);
    // Without the key the forgery passes: exactly why the text output warns about unkeyed chains.
    expect((await verifyAudit(file)).ok).toBe(true);
    const result = await verifyAudit(file, { key: KEY });
    expect(result).toMatchObject({ ok: false, brokenAt: 1 });
    expect(result.reason).toContain('no line is sealed with a key');
  });

  it('catches a rewrite that keeps the key ids but cannot compute the HMAC', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeAudit(file, KEY);
    rewriteAndReseal(file, dropDenials, { keepKid: true });
    const result = await verifyAudit(file, { key: KEY });
    expect(result).toMatchObject({ ok: false, brokenAt: 1 });
    expect(result.reason).toMatch(/does not match its HMAC under key id/);
  });

  it('catches unkeyed lines appended after keyed ones', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeAudit(file, KEY);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const last = JSON.parse(lines.at(-1)!) as { seq: number; hash: string };
    writeFileSync(file, `${lines.join('\n')}\n${sealLine(JSON.stringify({ at: new Date().toISOString(), type: 'halt' }), last.seq + 1, last.hash).line}`);
    const result = await verifyAudit(file, { key: KEY });
    expect(result).toMatchObject({ ok: false, brokenAt: lines.length + 1 });
    expect(result.reason).toContain('an unkeyed line follows keyed lines');
  });

  it('fails with a wrong key, whether its id differs or only its secret', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeAudit(file, KEY);
    const wrongId = await verifyAudit(file, { key: OTHER_KEY });
    expect(wrongId).toMatchObject({ ok: false, brokenAt: 1, missingKeyId: derivedKeyId(Buffer.from(KEY)) });
    expect(wrongId.reason).toContain('not among the keys given');

    const named = join(tempDir(), 'audit.jsonl');
    await writeAudit(named, { id: 'kms-v1', secret: KEY });
    const wrongSecret = await verifyAudit(named, { key: { id: 'kms-v1', secret: OTHER_KEY } });
    expect(wrongSecret).toMatchObject({ ok: false, brokenAt: 1 });
    expect(wrongSecret.reason).toContain('does not match its HMAC');
  });

  it('verifies a chain written across a key rotation with both keys, and names the missing one otherwise', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeAudit(file, { id: 'kms-v1', secret: KEY });
    await writeAudit(file, async () => ({ id: 'kms-v2', secret: OTHER_KEY }));
    const both = await verifyAudit(file, { key: [{ id: 'kms-v1', secret: KEY }, async () => ({ id: 'kms-v2', secret: OTHER_KEY })] });
    expect(both).toMatchObject({ ok: true, sealing: 'keyed', keyIds: ['kms-v1', 'kms-v2'] });
    const onlyNew = await verifyAudit(file, { key: { id: 'kms-v2', secret: OTHER_KEY } });
    expect(onlyNew).toMatchObject({ ok: false, brokenAt: 1, missingKeyId: 'kms-v1' });
  });

  it('continues an old unkeyed file with keyed lines: with the key it verifies as mixed', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeAudit(file);
    await writeAudit(file, KEY);
    expect(await verifyAudit(file, { key: KEY })).toMatchObject({ ok: true, sealing: 'mixed' });
  });

  it('still verifies old unkeyed files without a key, saying they are unkeyed', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeAudit(file);
    expect(await verifyAudit(file)).toMatchObject({ ok: true, sealing: 'unkeyed', keyIds: [] });
    const { code, stdout } = await cli('verify', file);
    expect(code).toBe(0);
    expect(stdout).toContain('WARNING: the chain is unkeyed (plain SHA-256): anyone who can write the file can rewrite it');
  });

  it('does not pass a keyed file checked without its key', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeAudit(file, KEY);
    expect(await verifyAudit(file)).toMatchObject({ ok: false, missingKeyId: derivedKeyId(Buffer.from(KEY)) });
    const { code, stdout, stderr } = await cli('verify', file);
    expect(code).toBe(2);
    expect(stdout).toContain('NOT CHECKED');
    expect(stderr).toContain('--key');
  });

  it.each([
    ['a string key', 'bare'],
    ['a named key', 'named'],
  ])('verify --key reads env: and file: keys (%s), and exits 1 with a wrong key', async (_what, form) => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    await writeAudit(file, form === 'named' ? { id: 'kms-v1', secret: KEY } : KEY);
    const keyFile = join(folder, 'audit.key');
    writeFileSync(keyFile, `${KEY}\n`);
    process.env.AGENTWARDEN_TEST_AUDIT_KEY = KEY;
    process.env.AGENTWARDEN_TEST_OTHER_KEY = OTHER_KEY;
    const prefix = form === 'named' ? 'kms-v1=' : '';
    try {
      const fromEnv = await cli('verify', file, '--key', `${prefix}env:AGENTWARDEN_TEST_AUDIT_KEY`);
      expect([fromEnv.code, fromEnv.stdout]).toEqual([0, expect.stringContaining('sealed with HMAC-SHA256')]);
      expect((await cli('verify', file, '--key', `${prefix}file:${keyFile}`)).code).toBe(0);
      const wrong = await cli('verify', file, '--key', `${prefix}env:AGENTWARDEN_TEST_OTHER_KEY`);
      expect([wrong.code, wrong.stdout]).toEqual([1, expect.stringContaining('BROKEN')]);
    } finally {
      delete process.env.AGENTWARDEN_TEST_AUDIT_KEY;
      delete process.env.AGENTWARDEN_TEST_OTHER_KEY;
    }
  });

  it('report says a keyed chain was not checked without its key, and checks it with --key', async () => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    await writeAudit(file, KEY);
    const keyFile = join(folder, 'audit.key');
    writeFileSync(keyFile, KEY);
    expect((await cli('report', file)).stdout).toContain('Chain not checked: it is sealed with key id');
    expect((await cli('report', file, '--key', `file:${keyFile}`)).stdout).toMatch(/Chain intact: \d+ lines verified\. Sealed with HMAC-SHA256/);
    const unkeyed = join(folder, 'plain.jsonl');
    await writeAudit(unkeyed);
    expect((await cli('report', unkeyed)).stdout).toContain('The chain is unkeyed: anyone who can write the file could have rewritten it');
  });

  it.each([['nope'], ['env:AGENTWARDEN_TEST_UNSET_KEY'], ['file:/nonexistent/agentwarden.key']])('verify --key %s is a usage error (exit 2)', async (spec) => {
    const file = join(tempDir(), 'audit.jsonl');
    await writeAudit(file, KEY);
    const { code, stderr } = await cli('verify', file, '--key', spec);
    expect(code).toBe(2);
    expect(stderr).toContain('--key');
  });

  it.each([
    ['short'],
    [new Uint8Array(4)],
    [{ id: 'bad id!', secret: KEY }],
    [42],
  ])('rejects the key %j at construction, naming `key`', (key) => {
    expect(() => auditLog({ file: 'audit.jsonl', key: key as never })).toThrow(OptionsError);
    expect(() => auditLog({ file: 'audit.jsonl', key: key as never })).toThrow('`key`');
  });

  it('derives the same key id for a string and its bytes', () => {
    expect(toSealKey(KEY, 'k').id).toBe(toSealKey(Buffer.from(KEY), 'k').id);
  });
});
