/** The shape of one `agentwarden <command>`; each command lives in its own file. */

/** Where a command writes; tests pass buffers instead of the process streams. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** One CLI command: `run` returns the process exit code. */
export interface CliCommand {
  readonly name: string;
  /** One line for `agentwarden --help`. */
  readonly summary: string;
  /** Full usage text for `agentwarden <name> --help`. */
  readonly usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}
