/**
 * Flushes open audit logs when the process ends: at `exit`, at `beforeExit`, and on SIGTERM
 * and SIGINT, which would otherwise kill the process without running `exit` listeners and
 * lose the lines accepted since the last batch. One listener per event serves every open log
 * (instead of one per warden, which would trip Node's listener warning); they are installed
 * with the first log and removed with the last.
 *
 * The host's own signal behaviour is kept: when the host listens for the signal itself, its
 * listeners decide what happens; when nothing else listens, the signal is raised again
 * without ours, so the process ends as it would have (killed by that signal).
 */
const flushers = new Set<() => void>();
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

function flushAll(): void {
  for (const flush of flushers) {
    try {
      flush();
    } catch {
      // Best effort: the process is going away and has nowhere to report.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  flushAll();
  if (process.listenerCount(signal) > 1) return;
  stopListening();
  process.kill(process.pid, signal);
}

function startListening(): void {
  process.on('exit', flushAll);
  process.on('beforeExit', flushAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function stopListening(): void {
  process.off('exit', flushAll);
  process.off('beforeExit', flushAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Runs `flush` synchronously when the process ends (see the module comment) until the returned function is called. */
export function flushOnExit(flush: () => void): () => void {
  if (flushers.size === 0) startListening();
  flushers.add(flush);
  return () => {
    flushers.delete(flush);
    if (flushers.size === 0) stopListening();
  };
}
