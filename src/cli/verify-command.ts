/** `agentwarden verify audit.jsonl`: checks the hash chain; exit code 0 when intact, 1 when not. */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyAudit } from '../audit/verify.js';
import { count } from '../report/format.js';
import { progressLine } from '../report/progress.js';
import type { CliCommand } from './command.js';

/** The `verify` command. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'check an audit file\'s hash chain (edits, dropped, inserted or reordered lines, torn tail)',
  usage: `Usage: agentwarden verify <audit.jsonl> [--json] [--no-rotated] [--progress | --no-progress]

Checks every line of the audit file (and the files it rotated into: audit.jsonl.1, .2, ...).
Exit code 0 when the chain is intact, 1 when it is broken or the file cannot be read.

  --json          print the result as JSON
  --no-rotated    check only this file, not its rotated predecessors
  --progress      always show a progress line on stderr (default: files over 64 MB)
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, 'no-rotated': { type: 'boolean' }, progress: { type: 'boolean' }, 'no-progress': { type: 'boolean' } } });
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.stderr(`agentwarden verify: expected one audit file\n\n${verifyCommand.usage}`);
      return 2;
    }
    if (!existsSync(file)) {
      io.stderr(`agentwarden verify: ${file}: no such file\n`);
      return 1;
    }
    const progress = progressLine(io.stderr, file, values.progress ? 'always' : values['no-progress'] ? 'never' : 'auto');
    const result = await verifyAudit(file, { rotated: !values['no-rotated'], onProgress: progress.onProgress });
    progress.done();
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else if (result.ok) {
      const files = result.files.length > 1 ? ` in ${result.files.length} files` : '';
      const recovered = result.recoveredFragments ? `; ${result.recoveredFragments} torn line(s) from crashes were sealed off` : '';
      io.stdout(`OK ${file}: ${count(result.lines)} lines verified${files}${recovered}\nhead seq ${result.head?.seq ?? '-'} hash ${result.head?.hash ?? '-'}\n`);
    } else {
      const where = result.brokenFile && result.brokenFile !== file ? ` of ${result.brokenFile}` : '';
      io.stdout(`BROKEN ${file}: line ${result.brokenAt}${where}: ${result.reason}\n`);
    }
    return result.ok ? 0 : 1;
  },
};
