/**
 * Every relative link of the README and docs/*.md points at a file that exists and, with a
 * `#anchor` into a Markdown file, at a heading of that file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docFiles, headingAnchors } from './doc-blocks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `[text](target)` outside code fences and inline code, with the line it is on. */
function linksOf(text: string): Array<{ target: string; line: number }> {
  const links: Array<{ target: string; line: number }> = [];
  let inFence = false;
  text.split('\n').forEach((line, index) => {
    if (/^\s*```/.test(line)) inFence = !inFence;
    if (inFence) return;
    const prose = line.replace(/`[^`]*`/g, (code) => (code.includes('](') ? code : ''));
    for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) links.push({ target: match[1]!.replace(/^<|>$/g, ''), line: index + 1 });
  });
  return links;
}

const links = docFiles(root).flatMap((file) =>
  linksOf(readFileSync(join(root, file), 'utf8'))
    .filter(({ target }) => !/^[a-z][a-z+.-]*:/i.test(target))
    .map(({ target, line }) => ({ file, target, where: `${file}:${line}` })),
);

describe('links in the README and docs/', () => {
  it('finds the relative links', () => {
    expect(links.length).toBeGreaterThan(20);
  });

  it.each(links.map((link) => [link.where, link.target, link] as const))('%s → %s exists', (_where, _target, { file, target }) => {
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const resolved = path === '' ? join(root, file) : join(dirname(join(root, file)), decodeURIComponent(path));
    expect(existsSync(resolved), `${relative(root, resolved)} does not exist`).toBe(true);
    if (anchor !== undefined && resolved.endsWith('.md')) {
      expect(headingAnchors(readFileSync(resolved, 'utf8')), `no heading with anchor #${anchor} in ${relative(root, resolved)}`).toContain(anchor);
    }
  });
});
