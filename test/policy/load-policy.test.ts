import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadPolicy, policy } from '../../src/index.js';

function policyFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'aw-policy-')), 'policy.json');
  writeFileSync(file, content);
  return file;
}

describe('loadPolicy', () => {
  it('loads lists and declarative rules that decide like code rules', async () => {
    const file = policyFile(JSON.stringify({
      deny: ['delete_user'],
      agents: { 'refund-agent': { allow: ['lookup_order', 'issue_refund'] } },
      rules: [{ name: 'large-refund', when: { tool: 'issue_refund', args: { amount: { gt: 500 } } }, then: 'deny', reason: 'too large' }],
    }));
    const checked = policy(loadPolicy(file));
    expect((await evaluate(checked, { tool: 'issue_refund', agent: 'refund-agent', args: { amount: 900 } })).rule).toBe('large-refund');
    expect((await evaluate(checked, { tool: 'issue_refund', agent: 'refund-agent', args: { amount: 100 } })).outcome).toBe('allow');
    expect((await evaluate(checked, { tool: 'send_email', agent: 'refund-agent' })).outcome).toBe('deny');
  });

  it('names the file when the JSON is malformed', () => {
    const file = policyFile('{ "deny": [ }');
    expect(() => loadPolicy(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON`));
  });

  it('names the file and the JSON path of a bad field', () => {
    const file = policyFile(JSON.stringify({ rules: [{ name: 'r', when: { args: { amount: { gt: 'lots' } } }, then: 'deny', reason: 'x' }] }));
    expect(() => loadPolicy(file)).toThrow(/at \$\.rules\[0\]\.when\.args\.amount\.gt: must be a number, got "lots"/);
  });

  it.each([
    [{ agnets: {} }, 'at $: unknown key `agnets` (did you mean `agents`?)'],
    [{ agents: { a: { alow: ['x'] } } }, 'at $.agents.a: unknown key `alow` (did you mean `allow`?)'],
    [{ rules: [{ name: 'r', when: { args: { amount: { gtt: 5 } } }, then: 'deny', reason: 'x' }] }, 'at $.rules[0].when.args.amount: unknown key `gtt` (did you mean `gt`?); known: eq, ne, gt, gte, lt, lte, in, exists'],
  ])('names a misspelled key or operator and suggests the right one (%#)', (spec, message) => {
    expect(() => loadPolicy(policyFile(JSON.stringify(spec)))).toThrow(message);
  });

  it('names a missing file', () => {
    expect(() => loadPolicy('/nonexistent/policy.json')).toThrow(/cannot read \/nonexistent\/policy.json/);
  });
});
