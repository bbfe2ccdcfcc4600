import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('examples/ai-sdk.ts', () => {
  it('shows a deny the model reads, an SDK approval, a loop stop, a budget stop and a stream', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'examples/ai-sdk.ts')], { cwd: root });

    expect(stdout).toContain('tool  ✗ issue_refund: refunds over $1000 are never automatic (the model reads this)');
    expect(stdout).toMatch(/asks {2}\? approval \S+ for issue_refund/);
    expect(stdout).toContain('approve issue_refund (c2) by ai-sdk-approval: manager: ok');
    expect(stdout).toContain('stopped generateText rejected with LoopDetectedError (loop_detected)');
    expect(stdout).toMatch(/stopped BudgetExceededError: model: run:\S+ token budget exhausted: 1760 of 2000 tokens spent/);
    expect(stdout).toContain('model: Order A1 was delivered on time.');
    expect(stdout).toContain("usage recorded from the stream's finish part: 350 in / 9 out");
    expect(stdout).toMatch(/└─ execute_tool issue_refund {2}\[conversation\.id=chat-2 tool\.call\.id=c2 decision=approve\]/);
  });
});
