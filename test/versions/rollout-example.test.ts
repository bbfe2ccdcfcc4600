import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('examples/rollout.ts', () => {
  it('catches the canary regression in the eval and rolls it back', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'examples/rollout.ts')], { cwd: root });
    expect(stdout).toMatch(/A: \d+ sessions, B: \d+ sessions/);
    expect(stdout).toMatch(/success\s+↑\s+1\s+0\s+-1\s+<0\.001\s+FAIL/);
    expect(stdout).toContain('B failed the eval: canary rolled back.');
    expect(stdout).toContain('1000 new sessions now go to: A\n');
    expect(stdout).toMatch(/rollback by ci: eval failed/);
  });
});
