import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildReport } from '../../src/report/build-report.js';
import { escapeHtml, escapeMarkdownCell, stripControl } from '../../src/report/escape.js';
import { renderHtml } from '../../src/report/html.js';
import { auditLog } from '../../src/audit/audit-log.js';
import { createWarden } from '../../src/core/warden.js';
import { policy } from '../../src/policy/policy.js';
import { tempDir } from '../audit/helpers.js';

const RETITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J\u001b[H';
const RECOLOUR = '\u001b[31;1m';
const EIGHT_BIT_CSI = '\u009b2J';
const IMAGE = '![x](http://evil.example/track.png)';
const LINK = '[click](http://evil.example)';

async function cli(...argv: string[]) {
  let stdout = '';
  const code = await main(argv, { stdout: (text) => void (stdout += text), stderr: () => {} });
  return { code, stdout };
}

/** An audit file whose denied call carries control codes and Markdown links in its args and its reason. */
async function hostileAudit(): Promise<string> {
  const file = join(tempDir(), 'audit.jsonl');
  const hostile = `${IMAGE} ${LINK} <b>bold</b> ${RETITLE}${CLEAR}${RECOLOUR}red${EIGHT_BIT_CSI} bell\u0007 nul\u0000`;
  const warden = createWarden({
    agent: 'support-agent',
    middleware: [policy({ rules: [{ name: 'no-refunds', when: (call) => call.tool === 'refund', then: 'deny', reason: `refused: ${hostile}` }] })],
    audit: auditLog({ file, redact: false }),
  });
  await warden.tool('refund', async () => 'refunded')({ note: hostile }).catch(() => {});
  await warden.close();
  return file;
}

describe('stripControl', () => {
  it.each([
    ['an OSC retitle ended by BEL', `a${RETITLE}b`, 'ab'],
    ['an OSC ended by ST', 'a\u001b]8;;http://x\u001b\\b', 'ab'],
    ['a CSI clear screen', `a${CLEAR}b`, 'ab'],
    ['a CSI colour', `a${RECOLOUR}b\u001b[0m`, 'ab'],
    ['an 8-bit CSI', `a${EIGHT_BIT_CSI}b`, 'ab'],
    ['BEL, NUL, backspace, DEL and C1', 'a\u0007\u0000\u0008\u007f\u0085b', 'ab'],
  ])('removes %s', (_what, input, output) => {
    expect(stripControl(input)).toBe(output);
  });

  it('keeps newlines, tabs and ordinary text', () => {
    expect(stripControl('line one\n\tline two — ünïcödé')).toBe('line one\n\tline two — ünïcödé');
  });
});

describe('agentwarden report output', () => {
  it('prints no control code and no live Markdown link or image from tool args', async () => {
    const { code, stdout } = await cli('report', await hostileAudit());
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(stdout).not.toContain('pwned\u0007');
    expect(stdout).not.toMatch(/(?<!\\)\]\(http:\/\/evil/);
    expect(stdout).not.toContain('<b>');
    expect(stdout).toContain('!\\[x\\](http://evil.example/track.png)');
    expect(stdout).toContain('\\[click\\](http://evil.example)');
  });

  it('escapes a Markdown cell so it can neither break the table nor link out', () => {
    expect(escapeMarkdownCell(`${IMAGE} | x\ny`)).toBe('!\\[x\\](http://evil.example/track.png) \\| x y');
  });

  it('keeps HTML escaping as it is', async () => {
    const html = renderHtml(await buildReport(await hostileAudit()));
    expect(html).not.toContain('<b>bold</b>');
    expect(escapeHtml('<b>"x"</b>')).toBe('&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
  });
});
