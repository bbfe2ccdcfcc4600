/**
 * Vitest global setup: every temporary folder a test makes (`mkdtemp(tmpdir())`) lands in
 * one folder for this run, removed when the run ends — the suite leaves nothing in /tmp.
 * Workers inherit TMPDIR because they are started after this runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'agentwarden-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
