import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ApprovalPendingError } from '../../src/core/errors.js';
import { approval } from '../../src/approval/approval.js';
import { fileApprovalStore } from '../../src/stores/file-approval-store.js';
import { createWarden } from '../../src/core/warden.js';
import { writeFixtureAudit } from '../report/fixture.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

describe('agentwarden report / verify / cost / console', () => {
  let folder: string;
  let file: string;
  let tampered: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'agentwarden-cli-'));
    file = join(folder, 'audit.jsonl');
    await writeFixtureAudit(file);
    tampered = join(folder, 'tampered.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(tampered, [...lines.slice(0, 20), ...lines.slice(21)].join('\n'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('lists the four commands in --help', async () => {
    const { stdout } = await cli('--help');
    for (const name of ['report', 'verify', 'cost', 'console']) expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('verify exits 0 with the line count and head for an intact file', async () => {
    const result = await cli('verify', file);
    expect(result.code).toBe(0);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
    expect(result.stdout).toMatch(new RegExp(`^OK .*: ${lines} lines verified\nhead seq ${lines - 1} hash [0-9a-f]{64}\nWARNING: the chain is unkeyed .*\n$`));
  });

  it('verify exits 1 and names the line when a line was dropped', async () => {
    const result = await cli('verify', tampered);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('BROKEN');
    expect(result.stdout).toContain('line 21');
    expect(result.stdout).toContain('dropped');
  });

  it('verify --json prints the result object', async () => {
    const result = await cli('verify', tampered, '--json');
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, lines: 21, brokenAt: 21 });
  });

  it.each([
    [['verify'], 2, 'expected one audit file'],
    [['verify', 'missing.jsonl'], 2, 'no such file'],
    [['report', 'missing.jsonl'], 2, 'no such file'],
    [['cost'], 2, 'expected one audit file'],
    [['cost', 'missing.jsonl'], 2, 'no such file'],
    [['console'], 2, '--audit is required'],
    [['console', '--audit', 'missing.jsonl'], 2, 'no such file'],
  ])('%j exits %i with a clear message', async (argv, code, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
  });

  it('exits 2 for a bad flag value, naming it, and 1 only when the check itself fails', async () => {
    const badValues: string[][] = [
      ['cost', file, '--by', 'planet'],
      ['report', file, '--from', 'yesterday'],
      ['console', '--audit', file, '--port', 'eighty'],
    ];
    for (const argv of badValues) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain(`--${argv.at(-2)!.replace(/^--/, '')}`);
    }
    expect((await cli('verify', tampered)).code).toBe(1);
    expect((await cli('verify', file)).code).toBe(0);
  });

  it('report prints Markdown and writes the HTML file with --out', async () => {
    const out = join(folder, 'report.html');
    const result = await cli('report', file, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Incident report: /);
    expect(result.stdout).toContain('## Denied, halted and rejected calls (3)');
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('id="plot-decisions"');
    expect(result.stderr).toContain(`wrote ${out}`);
  });

  it('report filters by session and time', async () => {
    const bySession = await cli('report', file, '--session', 'sess-0-4', '--json');
    expect(JSON.parse(bySession.stdout).summary.calls).toBe(3);
    const late = await cli('report', file, '--from', '2026-03-01T10:00:00Z', '--json');
    expect(JSON.parse(late.stdout).summary).toMatchObject({ runs: 6, versionChanges: 1 });
  });

  it('report rejects a bad --from, naming it', async () => {
    const result = await cli('report', file, '--from', 'yesterday-ish');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`--from` must be an ISO date');
  });

  it('report shows a progress line on stderr when asked (automatic for files over 64 MB)', async () => {
    const result = await cli('report', file, '--progress');
    expect(result.stderr).toMatch(/\rreading .*audit\.jsonl: 100% \(.* of .*\)\n/);
    const quiet = await cli('report', file);
    expect(quiet.stderr).toBe('');
  });

  it('cost prints the attribution table by department with a total', async () => {
    const result = await cli('cost', file, '--by', 'department');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^department\s+cost\s+share\s+input tokens\s+output tokens\s+model calls$/);
    expect(lines[2]).toMatch(/^sales\s+\$0\.0146\s+34\.\d%\s+6,200\s+1,200\s+4$/);
    expect(result.stdout).toMatch(/^total\s+\$0\.0421\s+100\.0%/m);
    expect(result.stdout).toContain('* includes model calls without a price');
  });

  it('cost --by model --json prints rows', async () => {
    const result = await cli('cost', file, '--by', 'model', '--json');
    const parsed = JSON.parse(result.stdout) as { by: string; totalUsd: number; totalMicroUsd: number; rows: Array<{ key: string; costUsd: number; costMicroUsd: number }> };
    expect(parsed.by).toBe('model');
    expect(parsed.rows.map((row) => row.key)).toEqual(['gpt-4o', 'gpt-4o-mini', 'mystery-model']);
    // Integer micro-dollars, and USD with no float residue.
    for (const row of parsed.rows) {
      expect(Number.isInteger(row.costMicroUsd)).toBe(true);
      expect(row.costUsd).toBe(row.costMicroUsd / 1_000_000);
    }
    expect(parsed.totalMicroUsd).toBe(parsed.rows.reduce((sum, row) => sum + row.costMicroUsd, 0));
    expect(String(parsed.totalUsd).length).toBeLessThanOrEqual(10);
  });

  it('cost rejects an unknown --by', async () => {
    const result = await cli('cost', file, '--by', 'planet');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`--by` must be one of department, workflow, agent, model');
  });

  it('console prints a tokened URL on 127.0.0.1, lists pending approvals from --approvals file:, refuses requests without the token and stops on SIGTERM', async () => {
    const approvalsFile = join(folder, 'approvals.json');
    const warden = createWarden({ agent: 'refund-agent', middleware: [approval({ when: () => true, store: fileApprovalStore(approvalsFile) })] });
    await expect(warden.tool('issue_refund', async () => 'done')({ amount: 900 } as never)).rejects.toBeInstanceOf(ApprovalPendingError);
    await warden.close();
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('../../src/cli/main.ts', import.meta.url).pathname, 'console', '--audit', file, '--approvals', `file:${approvalsFile}`, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`console exited early with ${code}: ${output}`)));
      });
      const withToken = await fetch(url);
      expect(withToken.status).toBe(200);
      expect(await withToken.text()).toContain('agentwarden console');
      const token = new URL(url).searchParams.get('token')!;
      const pending = await fetch(new URL('/api/approvals', url), { headers: { 'x-agentwarden-token': token } });
      expect(((await pending.json()) as { tickets: Array<{ tool: string; args: unknown }> }).tickets).toEqual([expect.objectContaining({ tool: 'issue_refund', args: { amount: 900 } })]);
      const withoutToken = await fetch(url.replace(/\?token=.*/, ''));
      expect(withoutToken.status).toBe(401);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
