import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/verify.js';
import { auditedWarden, tempDir } from './helpers.js';

async function writeChain(file: string, calls = 4): Promise<string[]> {
  const { warden, lookup, refund } = auditedWarden(file);
  await warden.run({ sessionId: 's', department: 'support' }, async () => {
    for (let call = 0; call < calls; call++) await lookup({ orderId: `o${call}` });
    await refund({ orderId: 'o1', amount: 5 }).catch(() => undefined);
  });
  await warden.close();
  return readFileSync(file, 'utf8').split('\n').slice(0, -1);
}

const write = (file: string, lines: string[]) => writeFileSync(file, lines.map((line) => `${line}\n`).join(''));

describe('verifyAudit', () => {
  let file: string;
  let lines: string[];
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'agentwarden-verify-'));
    file = join(folder, 'audit.jsonl');
    lines = await writeChain(file);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('accepts an intact chain and reports its head', async () => {
    const result = await verifyAudit(file);
    expect(result).toMatchObject({ ok: true, lines: lines.length, anchor: 'genesis' });
    expect(result.head).toEqual({ seq: lines.length - 1, hash: JSON.parse(lines.at(-1)!).hash });
  });

  it.each([
    ['an edited line', (all: string[]) => all.map((line, i) => (i === 4 ? line.replace('"outcome":"', '"outcome":"x') : line)), 5],
    ['an edited last line', (all: string[]) => all.map((line, i) => (i === all.length - 1 ? line.replace('"ok"', '"error"') : line)), 'last'],
    ['a deleted line', (all: string[]) => all.filter((_, i) => i !== 3), 4],
    ['a deleted first line', (all: string[]) => all.slice(1), 1],
    ['an inserted copy of a line', (all: string[]) => [...all.slice(0, 4), all[2]!, ...all.slice(4)], 5],
    ['two swapped lines', (all: string[]) => [...all.slice(0, 3), all[4]!, all[3]!, ...all.slice(5)], 4],
    ['an inserted blank line', (all: string[]) => [...all.slice(0, 3), '', ...all.slice(3)], 4],
    ['a re-sealed line with a forged seq', (all: string[]) => all.map((line, i) => (i === 3 ? line.replace(/"seq":\d+/, '"seq":77') : line)), 4],
  ] as const)('finds %s', async (_name, tamper, brokenAt) => {
    const copy = join(tempDir(), 'audit.jsonl');
    const tampered = tamper(lines);
    write(copy, tampered);
    const result = await verifyAudit(copy);
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toBe(brokenAt === 'last' ? tampered.length : brokenAt);
    expect(result.reason).toEqual(expect.any(String));
  });

  it('finds a torn tail', async () => {
    const copy = join(tempDir(), 'audit.jsonl');
    writeFileSync(copy, readFileSync(file, 'utf8').slice(0, -40));
    expect(await verifyAudit(copy)).toMatchObject({ ok: false, torn: true, brokenAt: lines.length });
  });

  it('finds a last line whose newline was removed', async () => {
    const copy = join(tempDir(), 'audit.jsonl');
    writeFileSync(copy, readFileSync(file, 'utf8').slice(0, -1));
    expect(await verifyAudit(copy)).toMatchObject({ ok: false, torn: true });
  });

  it('catches any single-byte change anywhere in the file', async () => {
    const original = readFileSync(file);
    const copy = join(tempDir(), 'audit.jsonl');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: original.length - 1 }), fc.integer({ min: 1, max: 255 }), async (index, delta) => {
        const tampered = Buffer.from(original);
        tampered[index] = (tampered[index]! + delta) % 256;
        writeFileSync(copy, tampered);
        const result = await verifyAudit(copy);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('fails for a file that does not exist', async () => {
    await expect(verifyAudit(join(tempDir(), 'missing.jsonl'))).rejects.toThrow(/ENOENT/);
  });
});
