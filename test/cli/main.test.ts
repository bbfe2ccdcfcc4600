import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (text: string) => void out.push(text), stderr: (text: string) => void err.push(text) }, out, err };
}

describe('agentwarden CLI', () => {
  it('prints usage for --help and exits 0', async () => {
    const { io, out } = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/Usage: agentwarden <command>/);
  });

  it('exits 2 with the usage on stderr when no command is given', async () => {
    let stdout = '';
    let stderr = '';
    const code = await main([], { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: agentwarden <command>');
  });

  it('exits 2 on an unknown command and names it', async () => {
    const { io, err } = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(err.join('')).toMatch(/unknown command "frobnicate"/);
  });

  it.each([
    [['verify', 'audit.jsonl', '--jsn'], 'agentwarden verify: unknown option --jsn (did you mean --json?)'],
    [['cost', 'audit.jsonl', '--by', 'department', '--foo'], 'agentwarden cost: unknown option --foo'],
  ])('exits 2 on a mistyped option, names it, suggests the known one and prints the usage (%#)', async (argv, message) => {
    const { io, err } = capture();
    expect(await main(argv, io)).toBe(2);
    expect(err.join('')).toContain(message);
    expect(err.join('')).toMatch(/Usage: agentwarden/);
  });
});
