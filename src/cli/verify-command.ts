/** `agentwarden verify audit.jsonl`: checks the hash chain; exit code 0 when intact, 1 when not, 2 for bad input. */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AuditKey } from '../audit/audit-key.js';
import { verifyAudit, type VerifyResult } from '../audit/verify.js';
import { OptionsError } from '../core/errors.js';
import { count } from '../report/format.js';
import { progressLine } from '../report/progress.js';
import type { CliCommand } from './command.js';

/** The `verify` command. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'check an audit file\'s hash chain (edits, dropped, inserted or reordered lines, torn tail)',
  usage: `Usage: agentwarden verify <audit.jsonl> [--key [ID=]env:NAME | --key [ID=]file:PATH ...] [--anchors FILE] [--json] [--no-rotated] [--progress | --no-progress]

Checks every line of the audit file (and the files it rotated into: audit.jsonl.1, .2, ...).
Exit code 0 when the chain is intact, 1 when it is broken or the file cannot be read, 2 for
bad arguments or a keyed chain checked without its key.

  --key           the key the chain was sealed with (auditLog({ key })): env:NAME reads an
                  environment variable, file:PATH a file (one trailing newline is ignored).
                  Repeat it for a chain written across a key rotation. A key given to auditLog
                  as { id, secret } is named with its id: --key kms-v2=env:AUDIT_KEY.
  --anchors       the anchor file the writer published checkpoints to (auditLog({ anchor })):
                  a cut tail, a rewritten file or a deleted rotated file fails, named with
                  the missing seq range
  --json          print the result as JSON
  --no-rotated    check only this file, not its rotated predecessors
  --progress      always show a progress line on stderr (default: files over 64 MB)
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, 'no-rotated': { type: 'boolean' }, progress: { type: 'boolean' }, 'no-progress': { type: 'boolean' }, key: { type: 'string', multiple: true }, anchors: { type: 'string' } },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.stderr(`agentwarden verify: expected one audit file\n\n${verifyCommand.usage}`);
      return 2;
    }
    let keys: AuditKey[] | undefined;
    try {
      keys = values.key?.map(keyFromSpec);
    } catch (error) {
      io.stderr(`agentwarden verify: ${(error as Error).message}\n`);
      return 2;
    }
    if (!existsSync(file)) {
      io.stderr(`agentwarden verify: ${file}: no such file\n`);
      return 2;
    }
    if (values.anchors !== undefined && !existsSync(values.anchors)) {
      io.stderr(`agentwarden verify: --anchors ${values.anchors}: no such file\n`);
      return 2;
    }
    const progress = progressLine(io.stderr, file, values.progress ? 'always' : values['no-progress'] ? 'never' : 'auto');
    let result: VerifyResult;
    try {
      result = await verifyAudit(file, { rotated: !values['no-rotated'], onProgress: progress.onProgress, ...(keys && { key: keys }), ...(values.anchors !== undefined && { anchors: values.anchors }) });
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error;
      io.stderr(`agentwarden verify: ${error.message}\n`);
      return 2;
    } finally {
      progress.done();
    }
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else io.stdout(describeResult(file, result, keys !== undefined));
    if (!result.ok && result.missingKeyId !== undefined && keys === undefined) {
      if (!values.json) io.stderr(`agentwarden verify: the chain is keyed; pass the key it was sealed with: --key env:NAME or --key file:PATH\n`);
      return 2;
    }
    return result.ok ? 0 : 1;
  },
};

/** The text report of a result. */
function describeResult(file: string, result: VerifyResult, keyed: boolean): string {
  if (!result.ok) {
    if (result.missingKeyId !== undefined && !keyed) return `NOT CHECKED ${file}: sealed with key id "${result.missingKeyId}"; no --key given\n`;
    const where = result.brokenFile && result.brokenFile !== file ? ` of ${result.brokenFile}` : '';
    const broken = result.brokenAt === undefined ? [] : [`BROKEN ${file}: line ${result.brokenAt}${where}: ${result.reason}`];
    const anchored = (result.anchors?.problems ?? []).map((problem) => `BROKEN ${file}: ${problem.message}`);
    return `${[...broken, ...anchored].join('\n')}\n`;
  }
  const files = result.files.length > 1 ? ` in ${result.files.length} files` : '';
  const recovered = result.recoveredFragments ? `; ${result.recoveredFragments} torn line(s) from crashes were sealed off` : '';
  const lines = [`OK ${file}: ${count(result.lines)} lines verified${files}${recovered}`, `head seq ${result.head?.seq ?? '-'} hash ${result.head?.hash ?? '-'}`];
  const keyIds = (result.keyIds ?? []).join(', ');
  if (result.anchors) lines.push(`anchored: the log reaches all ${count(result.anchors.checkpoints)} checkpoints of ${result.anchors.file}${result.anchors.signed ? ` (${count(result.anchors.signed)} signed)` : ''}`);
  for (const pruned of result.anchors?.pruned ?? []) lines.push(`pruned on purpose: ${pruned.file} (seq ${pruned.fromSeq} to ${pruned.toSeq})`);
  if (result.sealing === 'keyed') lines.push(`sealed with HMAC-SHA256, key id ${keyIds}`);
  else if (result.sealing === 'mixed') lines.push(`sealed with HMAC-SHA256, key id ${keyIds}, after unkeyed lines written before a key was set (the first keyed line pins them)`);
  else lines.push('WARNING: the chain is unkeyed (plain SHA-256): anyone who can write the file can rewrite it and re-seal every line. Seal it with auditLog({ key }) and verify with --key.');
  return `${lines.join('\n')}\n`;
}

/** Reads a `--key` value: `env:NAME` or `file:PATH`, optionally after `ID=` for a key with an id of its own. */
export function keyFromSpec(spec: string): AuditKey {
  const named = /^([A-Za-z0-9._:-]{1,64})=((?:env|file):.+)$/.exec(spec);
  if (named) return { id: named[1]!, secret: secretFromSpec(named[2]!) };
  return secretFromSpec(spec);
}

function secretFromSpec(spec: string): string | Buffer {
  if (spec.startsWith('env:') && spec.length > 4) {
    const value = process.env[spec.slice(4)];
    if (value === undefined || value === '') throw new Error(`--key ${spec}: the environment variable ${spec.slice(4)} is not set`);
    return value;
  }
  if (spec.startsWith('file:') && spec.length > 5) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(spec.slice(5));
    } catch (error) {
      throw new Error(`--key ${spec}: cannot read the key file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const end = bytes.at(-1) === 0x0a ? (bytes.at(-2) === 0x0d ? bytes.length - 2 : bytes.length - 1) : bytes.length;
    return bytes.subarray(0, end);
  }
  throw new Error(`--key must be env:NAME or file:PATH, got ${JSON.stringify(spec)}`);
}
