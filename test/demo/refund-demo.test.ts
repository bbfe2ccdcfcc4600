import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runRefundDemo } from '../../src/demo/refund-demo.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `agentwarden <argv>` as a user would, from the source (no build needed); never rejects. */
function agentwarden(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(root, 'src/cli/bin.ts'), ...argv], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the refund demo', () => {
  it('shows an allowed call, a validation failure, a policy deny, a loop halt, an approval pause, the kill switch and the span tree', async () => {
    const lines: string[] = [];
    await runRefundDemo({ write: (line) => lines.push(line), dir: mkdtempSync(join(tmpdir(), 'aw-demo-')) });
    const text = lines.join('\n');
    expect(text).toMatch(/allow issue_refund/);
    expect(text).toMatch(/deny\s+lookup_order\s+by validateInput/);
    expect(text).toMatch(/deny\s+issue_refund\s+by policy \(refund-cap\)/);
    expect(text).toMatch(/HALT\s+lookup_order\s+by loopBreaker \(max_repeats\)/);
    expect(text).toMatch(/pause\s+issue_refund\s+by approval \(big-refund\)/);
    expect(text).toMatch(/HALT\s+issue_refund\s+by kill-switch/);
    expect(text).toMatch(/invoke_agent refund-agent[\s\S]*└─ execute_tool issue_refund/);
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('writes its audit file and approvals store into the folder it names, and the commands it prints next work on them', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'aw-demo-')), 'demo files');
    const lines: string[] = [];
    const result = await runRefundDemo({ write: (line) => lines.push(line), dir });
    expect(result).toEqual({ dir, auditFile: join(dir, 'audit.jsonl'), approvalsFile: join(dir, 'approvals.json') });
    expect(existsSync(result.auditFile) && existsSync(result.approvalsFile)).toBe(true);

    const next = lines.slice(lines.findIndex((line) => line.includes('Next, try')));
    for (const command of ['verify', 'report', 'cost', 'approvals list', 'approvals approve', 'console']) {
      expect(next.join('\n')).toContain(`npx agentwarden ${command} `);
    }
    expect(next.join('\n')).toContain(JSON.stringify(result.auditFile)); // a path with a space is quoted

    const [verify, report, cost, approvals] = await Promise.all([
      agentwarden(['verify', result.auditFile]),
      agentwarden(['report', result.auditFile, '--out', join(dir, 'report.html')]),
      agentwarden(['cost', result.auditFile, '--by', 'department']),
      agentwarden(['approvals', 'list', '--store', `file:${result.approvalsFile}`]),
    ]);
    expect(verify).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK .* lines verified/) });
    expect(report).toMatchObject({ code: 0, stdout: expect.stringContaining('Chain intact') });
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<html');
    expect(cost).toMatchObject({ code: 0, stdout: expect.stringMatching(/^finance\s+\$0\.\d+/m) });
    expect(approvals).toMatchObject({ code: 0, stdout: expect.stringMatching(/pending\s+issue_refund\s+big-refund/) });
  });

  it("replaces an earlier run's files and leaves everything else in the folder alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aw-demo-'));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await runRefundDemo({ write: () => {}, dir });
    const first = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    await runRefundDemo({ write: () => {}, dir });
    const second = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    expect(second.split('\n').length).toBe(first.split('\n').length);
    expect(JSON.parse(readFileSync(join(dir, 'approvals.json'), 'utf8')).tickets).toSatisfy((tickets: object) => Object.keys(tickets).length === 1);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('runs from the CLI as `agentwarden demo --dir <folder>`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aw-demo-'));
    const out: string[] = [];
    expect(await main(['demo', '--dir', dir], { stdout: (text) => void out.push(text), stderr: () => {} })).toBe(0);
    expect(out.join('')).toMatch(/Spans sent to OpenTelemetry[\s\S]*Next, try/);
    expect(existsSync(join(dir, 'audit.jsonl'))).toBe(true);
  });
});
