#!/usr/bin/env node
/** The `agentwarden` binary: dispatches to one command by name. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliIO } from './command.js';
import { commands } from './commands.js';

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? 0 : 1;
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
    io.stderr(`agentwarden ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
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
