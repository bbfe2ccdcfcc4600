/**
 * `startConsole` as the main entry exports it: the console server (HTTP handling, pages, the
 * live report) is loaded on first use, so `import 'agentwarden'` does not load it.
 */
import type { ConsoleOptions, ConsoleServer } from './server.js';

/** Starts the local console (see `console/server.ts`); loads the server code on first call. */
export async function startConsole(options: ConsoleOptions): Promise<ConsoleServer> {
  const server = await import('./server.js');
  return server.startConsole(options);
}
