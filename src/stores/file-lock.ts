/**
 * A cross-process lock on a file, made of an exclusively created `<path>.lock` holding the
 * owner's pid, host and a random token. A lock whose owner died (same host, pid gone) or
 * that is older than `staleMs` is broken, but only under a second short-lived
 * `<path>.lock.break` lock and only after checking the token is still the stale one, so two
 * processes breaking the same stale lock never remove a fresh one.
 */
import { randomUUID } from 'node:crypto';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreUnavailableError } from '../core/errors.js';

/** Options of `acquireFileLock`. */
export interface FileLockOptions {
  /** Name used in errors, e.g. `fileApprovalStore(/tmp/a.json)`. */
  readonly owner: string;
  /** Give up after this long. */
  readonly timeoutMs: number;
  /** A lock older than this is broken even if its owner seems alive. */
  readonly staleMs: number;
}

interface LockBody {
  pid: number;
  host: string;
  token: string;
  at: number;
}

/** Takes the lock on `path` (waiting, with jitter) and returns its release function. */
export async function acquireFileLock(path: string, options: FileLockOptions): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`;
  const body: LockBody = { pid: process.pid, host: hostname(), token: randomUUID(), at: Date.now() };
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (await createExclusive(lockPath, JSON.stringify(body), options.owner)) {
      return async () => {
        const current = await readLock(lockPath);
        if (current?.token === body.token) await unlink(lockPath).catch(() => {});
      };
    }
    const holder = await readLock(lockPath);
    if (holder && (await isStale(lockPath, holder, options.staleMs))) {
      await breakLock(lockPath, holder, options);
      continue;
    }
    if (Date.now() > deadline) {
      const who = holder ? `pid ${holder.pid} on ${holder.host}` : 'another process';
      throw new StoreUnavailableError(options.owner, `could not lock ${lockPath} within ${options.timeoutMs} ms: held by ${who}. If no process uses the store, delete ${lockPath}.`);
    }
    await sleep(Math.min(2 + attempt, 20) * (0.5 + Math.random()));
  }
}

async function createExclusive(lockPath: string, content: string, owner: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx', 0o600);
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new StoreUnavailableError(owner, `cannot create lock file ${lockPath}: ${(error as Error).message}`, { cause: error });
  }
}

async function readLock(lockPath: string): Promise<LockBody | undefined> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, 'utf8')) as LockBody;
    return typeof parsed?.token === 'string' ? parsed : { pid: 0, host: '', token: 'unreadable', at: 0 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Created but not yet written (or garbage): judge it by the file's age alone.
    return { pid: 0, host: '', token: 'unreadable', at: 0 };
  }
}

async function isStale(lockPath: string, holder: LockBody, staleMs: number): Promise<boolean> {
  if (holder.host === hostname() && holder.pid > 0 && !isAlive(holder.pid)) return true;
  const modified = await stat(lockPath).then((info) => info.mtimeMs, () => Date.now());
  return Date.now() - Math.max(holder.at, modified) > staleMs;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function breakLock(lockPath: string, stale: LockBody, options: FileLockOptions): Promise<void> {
  const breakPath = `${lockPath}.break`;
  if (!(await createExclusive(breakPath, String(process.pid), options.owner))) {
    const age = await stat(breakPath).then((info) => Date.now() - info.mtimeMs, () => 0);
    if (age > options.staleMs) await unlink(breakPath).catch(() => {});
    await sleep(2);
    return;
  }
  try {
    const current = await readLock(lockPath);
    if (current && current.token === stale.token && current.at === stale.at) await unlink(lockPath).catch(() => {});
  } finally {
    await unlink(breakPath).catch(() => {});
  }
}
