import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditCheckpoint } from '../../src/audit/anchors.js';
import { verifyAudit } from '../../src/audit/verify.js';
import { entriesOf, tempDir } from './helpers.js';

const KEY = 'audit-key-0123456789abcdef';

/** A process that accepts `calls` calls into a slow-flushing keyed, anchored log, says `ready`, then idles. */
const writerScript = (file: string, anchor: string, calls: number, ownHandler: boolean) => `
  import { createWarden } from ${JSON.stringify(new URL('../../src/core/warden.ts', import.meta.url).pathname)};
  import { auditLog } from ${JSON.stringify(new URL('../../src/audit/audit-log.ts', import.meta.url).pathname)};
  const warden = createWarden({ agent: 'worker', audit: auditLog({ file: ${JSON.stringify(file)}, anchor: ${JSON.stringify(anchor)}, key: ${JSON.stringify(KEY)}, flushIntervalMs: 600000, maxBatch: 100000 }) });
  ${ownHandler ? "process.on('SIGTERM', () => { process.exit(7); });" : ''}
  const tool = warden.tool('ping', async (args) => args);
  for (let i = 0; i < ${calls}; i++) await tool({ i });
  setInterval(() => {}, 1000);
  process.stdout.write('ready\\n');
`;

function killMidWrite(file: string, anchor: string, calls: number, ownHandler: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writerScript(file, anchor, calls, ownHandler)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) child.kill('SIGTERM');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('audit flush on signals', () => {
  it('loses no accepted line when the process is killed with SIGTERM, and still dies by the signal', async () => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    const anchor = join(folder, 'anchor.jsonl');
    expect(await killMidWrite(file, anchor, 40, false)).toEqual({ code: null, signal: 'SIGTERM' });
    const entries = entriesOf(file);
    expect(entries.filter((entry) => entry.type === 'call')).toHaveLength(40);
    const checkpoints = readFileSync(anchor, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditCheckpoint);
    expect(checkpoints.at(-1)!.seq).toBe(entries.at(-1)!.seq);
    expect(await verifyAudit(file, { key: KEY, anchors: anchor })).toMatchObject({ ok: true, anchors: { problems: [] } });
  }, 30_000);

  it('leaves the signal to the host when it listens itself', async () => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    expect(await killMidWrite(file, join(folder, 'anchor.jsonl'), 10, true)).toEqual({ code: 7, signal: null });
    expect(entriesOf(file).filter((entry) => entry.type === 'call')).toHaveLength(10);
  }, 30_000);
});
