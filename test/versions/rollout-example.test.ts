import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('examples/rollout.ts', () => {
  it('rolls B back on the eval gate and C back on a drift alarm', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'examples/rollout.ts')], { cwd: root });
    expect(stdout).toMatch(/success\s+↑\s+1\s+0\s+-1\s+<0\.001\s+FAIL/);
    expect(stdout).toContain('-> B failed the gate: canary rolled back by ci.');
    expect(stdout).toContain('next 100 sessions: {"A":100}');
    expect(stdout).toContain('⚑ drift: refundDenied under C -> the canary is rolled back');
    expect(stdout).toMatch(/rollback -B\s+canary\s+by ci\s+eval failed/);
    expect(stdout).toMatch(/rollback -C\s+canary\s+by drift drift alarm on refundDenied for C/);
  });
});
