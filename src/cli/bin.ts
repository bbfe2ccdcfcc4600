#!/usr/bin/env node
/**
 * The `agentwarden` command's entry: runs `main` with the process's arguments and sets the
 * exit code. A file of its own, so the bundle never has to guess whether it was started as
 * the command or imported (shared chunks make a module's own path unreliable).
 */
import { main } from './main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
