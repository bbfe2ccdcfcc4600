import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { versions } from '../../src/versions/registry.js';
import { refundCases, versionA, versionB } from '../eval/fixtures.js';
import { tempDirs } from '../replay/temp-dirs.js';

const tempDir = tempDirs();

const here = dirname(fileURLToPath(import.meta.url));
const config = join(here, 'fixtures', 'agentwarden.eval.ts');

function casesFile(worse: 'baseline' | 'candidate'): string {
  const file = join(tempDir('aw-eval-'), 'cases.jsonl');
  writeFileSync(file, `// refund cases\n${refundCases(worse).map((item) => JSON.stringify(item)).join('\n')}\n`);
  return file;
}

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

describe('agentwarden eval', () => {
  it('prints the table and exits 1 when the candidate is worse', async () => {
    const { code, stdout } = await cli(['eval', '--cases', casesFile('candidate'), '--baseline', 'A', '--candidate', 'B', '--config', config]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^baseline  A \(v_[0-9a-f]{16}\)/);
    expect(stdout).toMatch(/success\s+↑\s+1\s+0\s+-1\s+0\.063\s+FAIL/);
    expect(stdout).toContain('FAIL: success got worse by 1 (allowed 0)');
  });

  it('exits 0 when the candidate is better', async () => {
    const { code, stdout } = await cli(['eval', '--cases', casesFile('baseline'), '--baseline=A', '--candidate=B', '--config', config]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/success\s+↑\s+0\s+1\s+\+1\s+0\.063\s+ok/);
    expect(stdout).toContain('PASS');
  });

  it('resolves versions by stage from a registry file and prints JSON', async () => {
    const file = join(tempDir('aw-eval-'), 'versions.json');
    const registry = versions({ file });
    registry.register(versionA, { label: 'A' });
    registry.register(versionB, { label: 'B' });
    registry.promote('A', 'prod');
    registry.promote('B', 'canary');
    const { code, stdout } = await cli(['eval', '--cases', casesFile('candidate'), '--baseline', 'prod', '--candidate', 'canary', '--config', config, '--registry', file, '--json']);
    expect(code).toBe(1);
    const parsed = JSON.parse(stdout);
    expect([parsed.baseline.label, parsed.candidate.label, parsed.passed]).toEqual(['A', 'B', false]);
  });

  it.each([
    [['eval', '--cases', 'x.jsonl', '--baseline', 'A'], '--cases, --baseline and --candidate are required'],
    [['eval', '--bogus', '1'], 'unknown option --bogus'],
    [['eval', '--cases', casesFile('candidate'), '--baseline', 'A', '--candidate', 'Z', '--config', config], 'unknown version "Z"; the config names A, B'],
    [['eval', '--cases', join(here, 'fixtures', 'agentwarden.eval.ts'), '--baseline', 'A', '--candidate', 'B', '--config', config], 'agentwarden.eval.ts:1 is not JSON'],
    [['eval', '--cases', 'x.jsonl', '--baseline', 'A', '--candidate', 'B', '--config', 'missing.eval.ts'], 'config file missing.eval.ts does not exist'],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('runs as a real process and sets its exit code', async () => {
    const run = promisify(execFile);
    const root = join(here, '..', '..');
    const failure = await run(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'eval', '--cases', casesFile('candidate'), '--baseline', 'A', '--candidate', 'B', '--config', config], { cwd: root }).catch((error: { code: number; stdout: string }) => error);
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stdout: string }).stdout).toContain('FAIL: success got worse');
  });
});
