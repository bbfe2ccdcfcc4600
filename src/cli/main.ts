#!/usr/bin/env node
/** The `agentwarden` binary: dispatches to one command by name. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OptionsError } from '../core/errors.js';
import { closestName } from '../internal/closest-name.js';
import type { CliIO } from './command.js';
import { commands } from './commands.js';

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // Asking for help is fine (0); no command at all is a usage error (2).
    if (name) io.stdout(helpText());
    else io.stderr(helpText());
    return name ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`agentwarden: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // A mistyped flag is a usage error (exit 2), never the command's own failure (exit 1:
    // e.g. `verify` finding a broken chain), so a CI gate can tell a typo from tampering.
    if (isArgumentError(error)) {
      io.stderr(`agentwarden ${name}: ${describeArgumentError(error, command.usage)}\n\n${command.usage.trimEnd()}\n`);
      return 2;
    }
    // A bad flag value (`--by planet`, `--from yesterday`) or an input that cannot be read is
    // the caller's input, not the check failing: exit 2, like a mistyped flag.
    if (error instanceof OptionsError || isMissingInput(error)) {
      io.stderr(`agentwarden ${name}: ${error instanceof Error ? error.message : String(error)}\n\n${command.usage.trimEnd()}\n`);
      return 2;
    }
    io.stderr(`agentwarden ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** A file or folder named on the command line that is missing or unreadable. */
function isMissingInput(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR';
}

/** Errors `util.parseArgs` throws for unknown options, bad values and stray arguments. */
function isArgumentError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** "unknown option --jsn (did you mean --json?)" from a parseArgs error and the command's usage. */
function describeArgumentError(error: Error & { code: string }, usage: string): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(error.message)?.[1];
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || !unknown) return error.message.split('. ')[0]!;
  const known = [...new Set(usage.match(/--[a-z][a-z-]*/g) ?? [])];
  const near = closestName(unknown, known, Math.max(1, Math.floor(unknown.length / 4)));
  return `unknown option ${unknown}${near ? ` (did you mean ${near}?)` : ''}`;
}

function helpText(): string {
  const width = Math.max(8, ...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: agentwarden <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun agentwarden <command> --help for a command's options.\n`;
}

const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

function isEntryPoint(): boolean {
  try {
    const invoked = process.argv[1];
    if (!invoked) return false;
    const self = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
    return realpathSync(invoked) === realpathSync(self);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
