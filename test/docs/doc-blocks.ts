/**
 * Reads the TypeScript blocks of the README and docs/*.md, with the marker on the line before
 * each fence (the convention is in docs/development.md, "Docs that run"):
 *   (no marker)                               a complete program: type-checked and run
 *   <!-- needs: redis -->                     complete; run only where a Redis is reachable
 *   <!-- fragment of: docs/x.md#heading -->   part of the complete program under that heading
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One ```ts or ```typescript block of a Markdown file. */
export interface DocBlock {
  /** Path relative to the repository root, e.g. `docs/budget.md`. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  readonly kind: 'complete' | 'fragment';
  /** For a fragment: `docs/budget.md#the-full-example`. */
  readonly of?: string;
  /** For a complete program that needs a service to run. */
  readonly needs?: 'redis';
  /** `README.md:27`, for test names and messages. */
  readonly where: string;
}

const FENCE = /^(\s*)```(ts|typescript)\s*$/;
const MARKER = /^\s*<!--\s*(fragment of|needs):\s*(\S+)\s*-->\s*$/;

/** README.md and every docs/*.md, relative to `root`, in a stable order. */
export function docFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

/** Every TypeScript block of one Markdown file, with its marker. */
export function blocksOf(file: string, text: string): DocBlock[] {
  const lines = text.split('\n');
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const fence = FENCE.exec(lines[index]!);
    if (!fence) continue;
    const indent = fence[1]!.length;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && lines[index]!.trim() !== '```'; index++) body.push(lines[index]!.slice(indent));
    if (index >= lines.length) throw new Error(`${file}:${start + 1}: a \`\`\`ts block is never closed`);
    const marker = markerBefore(lines, start, file);
    const where = `${file}:${start + 1}`;
    const code = `${body.join('\n')}\n`;
    if (marker?.name === 'fragment of') blocks.push({ file, line: start + 1, code, kind: 'fragment', of: marker.value, where });
    else if (marker?.name === 'needs') blocks.push({ file, line: start + 1, code, kind: 'complete', needs: needsValue(marker.value, where), where });
    else blocks.push({ file, line: start + 1, code, kind: 'complete', where });
  }
  return blocks;
}

/** The blocks of README.md and docs/*.md under `root`. */
export function allBlocks(root: string): DocBlock[] {
  return docFiles(root).flatMap((file) => blocksOf(file, readFileSync(join(root, file), 'utf8')));
}

/** GitHub's anchor for each heading of a Markdown file (`## Reserve, then settle` → `reserve-then-settle`). */
export function headingAnchors(text: string): string[] {
  const seen = new Map<string, number>();
  const anchors: string[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.push(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The complete blocks that sit in the section under heading `anchor` of `file` (up to the next heading of the same or a higher level). */
export function completeBlocksUnder(file: string, text: string, anchor: string): DocBlock[] {
  const lines = text.split('\n');
  const anchors = headingAnchors(text);
  let headingIndex = -1;
  let inFence = false;
  let level = 0;
  let start = -1;
  let end = lines.length;
  for (let index = 0; index < lines.length; index++) {
    if (/^\s*```/.test(lines[index]!)) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,6})\s/.exec(lines[index]!);
    if (!heading) continue;
    headingIndex++;
    if (start >= 0 && heading[1]!.length <= level) {
      end = index;
      break;
    }
    if (start < 0 && anchors[headingIndex] === anchor) {
      start = index;
      level = heading[1]!.length;
    }
  }
  if (start < 0) return [];
  return blocksOf(file, text).filter((block) => block.kind === 'complete' && block.line > start && block.line <= end);
}

function markerBefore(lines: string[], fenceIndex: number, file: string): { name: string; value: string } | undefined {
  let index = fenceIndex - 1;
  while (index >= 0 && lines[index]!.trim() === '') index--;
  const line = index >= 0 ? lines[index]! : '';
  const marker = MARKER.exec(line);
  if (marker) return { name: marker[1]!, value: marker[2]! };
  if (/<!--\s*(fragment|needs)/.test(line)) throw new Error(`${file}:${index + 1}: unreadable block marker ${line.trim()}; expected <!-- fragment of: docs/x.md#heading --> or <!-- needs: redis -->`);
  return undefined;
}

function needsValue(value: string, where: string): 'redis' {
  if (value !== 'redis') throw new Error(`${where}: unknown <!-- needs: ${value} -->; the docs test knows: redis`);
  return value;
}
