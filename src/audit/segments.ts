/**
 * Rotated audit files: `audit.jsonl` rotates to `audit.jsonl.1`, then `audit.jsonl.2`, and
 * so on (a higher number is newer; the live file is the newest). The chain runs on across
 * them: the first line of each new file is a `rotate` entry sealed after the last line of
 * the file before.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The rotated segments of `file`, oldest first, then `file` itself when it exists. */
export function auditSegments(file: string): string[] {
  const directory = dirname(file);
  const base = basename(file);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    names = [];
  }
  const rotated = names
    .map((name) => ({ name, index: rotatedIndex(base, name) }))
    .filter((candidate): candidate is { name: string; index: number } => candidate.index !== undefined)
    .sort((a, b) => a.index - b.index)
    .map((candidate) => join(directory, candidate.name));
  return existsSync(file) ? [...rotated, file] : rotated;
}

/** The path the live file is renamed to at its next rotation. */
export function nextSegmentPath(file: string): string {
  const segments = auditSegments(file).filter((segment) => segment !== file);
  const last = segments.at(-1);
  const index = last === undefined ? 0 : rotatedIndex(basename(file), basename(last)) ?? 0;
  return `${file}.${index + 1}`;
}

function rotatedIndex(base: string, name: string): number | undefined {
  if (!name.startsWith(`${base}.`)) return undefined;
  const suffix = name.slice(base.length + 1);
  return /^[1-9]\d{0,8}$/.test(suffix) ? Number(suffix) : undefined;
}
