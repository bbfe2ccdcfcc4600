import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runRefundDemo } from '../../src/demo/refund-demo.js';

describe('the refund demo', () => {
  it('shows an allowed call, a validation failure, a policy deny, a loop halt, the kill switch and the span tree', async () => {
    const lines: string[] = [];
    await runRefundDemo({ write: (line) => lines.push(line) });
    const text = lines.join('\n');
    expect(text).toMatch(/allow issue_refund/);
    expect(text).toMatch(/deny\s+lookup_order\s+by validateInput/);
    expect(text).toMatch(/deny\s+issue_refund\s+by policy \(refund-cap\)/);
    expect(text).toMatch(/HALT\s+lookup_order\s+by loopBreaker \(max_repeats\)/);
    expect(text).toMatch(/HALT\s+issue_refund\s+by kill-switch/);
    expect(text).toMatch(/invoke_agent refund-agent[\s\S]*└─ execute_tool issue_refund/);
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('runs from the CLI as `agentwarden demo`', async () => {
    const out: string[] = [];
    expect(await main(['demo'], { stdout: (text) => void out.push(text), stderr: () => {} })).toBe(0);
    expect(out.join('')).toMatch(/Spans sent to OpenTelemetry/);
  });
});
