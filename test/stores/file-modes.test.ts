import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approval } from '../../src/approval/approval.js';
import { auditLog } from '../../src/audit/audit-log.js';
import { ApprovalPendingError } from '../../src/core/errors.js';
import { createWarden } from '../../src/core/warden.js';
import { fileApprovalStore } from '../../src/stores/file-approval-store.js';
import { fileBudgetStore } from '../../src/stores/file-budget-store.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const tempDir = () => {
  const folder = mkdtempSync(join(tmpdir(), 'agentwarden-modes-'));
  folders.push(folder);
  return folder;
};
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('files holding audit lines, tickets and spend are private (0600)', () => {
  it('creates audit.jsonl and its rotated segments 0600', async () => {
    const folder = tempDir();
    const file = join(folder, 'audit.jsonl');
    const warden = createWarden({ agent: 'a', audit: auditLog({ file, rotateBytes: 4096 }) });
    const echo = warden.tool('echo', async (args: { text: string }) => args.text);
    for (let index = 0; index < 40; index++) await echo({ text: 'x'.repeat(200) });
    await warden.close();
    const files = readdirSync(folder).filter((name) => name.startsWith('audit.jsonl'));
    expect(files).toContain('audit.jsonl.1');
    for (const name of files) expect([name, modeOf(join(folder, name)).toString(8)]).toEqual([name, '600']);
  });

  it('creates approvals.json 0600', async () => {
    const file = join(tempDir(), 'approvals.json');
    const warden = createWarden({ agent: 'a', middleware: [approval({ when: () => true, store: fileApprovalStore(file) })] });
    await expect(warden.tool('refund', async () => 'ok')({})).rejects.toBeInstanceOf(ApprovalPendingError);
    await warden.close();
    expect(modeOf(file).toString(8)).toBe('600');
  });

  it('creates the budget journal 0600, also after compaction', async () => {
    const file = join(tempDir(), 'budget.jsonl');
    const store = fileBudgetStore(file, { compactAfter: 2 });
    const lines = [{ scope: 'model:gpt-4o' }];
    await store.settle({ lines, tokens: 10, costMicros: 1 });
    expect(modeOf(file).toString(8)).toBe('600');
    await store.settle({ lines, tokens: 10, costMicros: 1 });
    expect(modeOf(file).toString(8)).toBe('600');
  });
});
