import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/verify.js';
import { auditedWarden, entriesOf, tempDir } from './helpers.js';

const writerScript = (file: string, agent: string) => `
  import { createWarden } from ${JSON.stringify(new URL('../../src/core/warden.ts', import.meta.url).pathname)};
  import { auditLog } from ${JSON.stringify(new URL('../../src/audit/audit-log.ts', import.meta.url).pathname)};
  const warden = createWarden({ agent: ${JSON.stringify(agent)}, audit: auditLog({ file: ${JSON.stringify(file)}, flushIntervalMs: 1, maxBatch: 7 }) });
  warden.on('error', (error) => { console.error(error.message); process.exitCode = 3; });
  const tool = warden.tool('ping', async (args) => args);
  for (let i = 0; i < 150; i++) {
    await warden.run({ sessionId: ${JSON.stringify(agent)} + '-' + (i % 5) }, () => tool({ i }));
    if (i % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await warden.close();
`;

function runWriter(file: string, agent: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writerScript(file, agent)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('auditLog across processes', () => {
  it('keeps one valid chain when four processes append to the same file at once', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const results = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((agent) => runWriter(file, agent)));
    expect(results).toEqual(Array.from({ length: 4 }, () => ({ code: 0, stderr: '' })));
    const entries = entriesOf(file);
    expect(entries.filter((entry) => entry.type === 'call')).toHaveLength(600);
    expect(entries.filter((entry) => entry.type === 'genesis')).toHaveLength(1);
    expect(await verifyAudit(file)).toMatchObject({ ok: true, lines: entries.length });
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 60_000);

  it('breaks a lock left behind by a process that died', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 12_345, token: 'dead', at: Date.now() }));
    const { warden, lookup, errors } = auditedWarden(file);
    await lookup({ orderId: 'A1' });
    await warden.close();
    expect(errors).toEqual([]);
    expect(entriesOf(file).filter((entry) => entry.type === 'call')).toHaveLength(1);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
