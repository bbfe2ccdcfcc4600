/** Eval cases from files: a JSONL file of cases (each may point at a cassette), or recorded sessions. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { OptionsError } from '../core/errors.js';
import { isCassette, readCassette, type Cassette } from '../replay/cassette.js';
import type { EvalCase } from './types.js';

/**
 * A case from a recorded session: its input is `metadata.input` of the run (pass it to
 * `warden.run({ metadata: { input } })` when recording) and its tool results come from the tape.
 * @example const cases = files.map((file) => caseFromCassette(readCassette(file)));
 */
export function caseFromCassette(cassette: Cassette, extra: { expected?: unknown; answers?: EvalCase['answers'] } = {}): EvalCase {
  return {
    id: cassette.sessionId ?? cassette.runId,
    input: cassette.metadata.input,
    cassette,
    scope: { ...(cassette.workflow !== undefined && { workflow: cassette.workflow }), ...(cassette.department !== undefined && { department: cassette.department }) },
    ...(extra.expected !== undefined && { expected: extra.expected }),
    ...(extra.answers !== undefined && { answers: extra.answers }),
  };
}

/**
 * Reads a JSONL file of cases: `{ id?, input, expected?, answers?, scope?, cassette? }` per line,
 * where `cassette` is a path (relative to the file) or an inline cassette; a line that is itself
 * a cassette becomes a case through `caseFromCassette`. Blank lines and `//` comments are skipped.
 * A directory is read as recorded sessions: every `*.json` cassette in it becomes a case.
 */
export function readCases(file: string): EvalCase[] {
  if (statSync(file).isDirectory()) {
    return readdirSync(file)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => caseFromCassette(readCassette(join(file, name))));
  }
  const text = readFileSync(file, 'utf8');
  const cases: EvalCase[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) return;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw new OptionsError(`readCases: ${file}:${index + 1} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (isCassette(value)) return void cases.push(caseFromCassette(value));
    if (typeof value !== 'object' || value === null || !('input' in value || 'cassette' in value)) throw new OptionsError(`readCases: ${file}:${index + 1} needs an \`input\` (or a \`cassette\`)`);
    const cassette = typeof value.cassette === 'string' ? readCassette(resolve(dirname(file), value.cassette)) : isCassette(value.cassette) ? value.cassette : undefined;
    const fromTape = cassette ? caseFromCassette(cassette) : undefined;
    cases.push({
      ...fromTape,
      id: typeof value.id === 'string' ? value.id : (fromTape?.id ?? `case-${index + 1}`),
      input: 'input' in value ? value.input : fromTape?.input,
      ...(value.expected !== undefined && { expected: value.expected }),
      ...(value.answers !== undefined && { answers: value.answers as EvalCase['answers'] }),
      ...(typeof value.scope === 'object' && value.scope !== null && { scope: value.scope as EvalCase['scope'] }),
    });
  });
  return cases;
}
