/**
 * A short cross-process lock around each batch write, so several processes can append to
 * one audit file and still leave one chain: under the lock a writer re-reads the file's last
 * line, seals its batch after it, and releases. The lock is `<file>.lock`, created
 * exclusively and holding the owner's pid and a random token. It is synchronous because a
 * batch is also written from the process `exit` handler, where nothing asynchronous runs.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';

/** Options of `withAppendLock`. */
export interface AppendLockOptions {
  /** Give up (and let the writer retry later) after this long. */
  readonly timeoutMs: number;
  /** Break a lock older than this, or whose owner process is gone. */
  readonly staleMs: number;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs `work` while holding the append lock of `file`. Throws when the lock cannot be had. */
export function withAppendLock<T>(file: string, work: () => T, options: AppendLockOptions): T {
  const lockPath = `${file}.lock`;
  const token = `${process.pid}:${randomUUID()}`;
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 0; !tryCreate(lockPath, token); attempt++) {
    breakIfStale(lockPath, options.staleMs);
    if (Date.now() > deadline) throw new Error(`another writer has held ${lockPath} for over ${options.timeoutMs} ms`);
    Atomics.wait(pause, 0, 0, Math.min(10, 1 + attempt));
  }
  try {
    return work();
  } finally {
    release(lockPath, token);
  }
}

function tryCreate(lockPath: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, token, at: Date.now() }));
  } finally {
    closeSync(fd);
  }
  return true;
}

function breakIfStale(lockPath: string, staleMs: number): void {
  let owner: { pid?: number; token?: string; at?: number };
  let age: number;
  try {
    age = Date.now() - statSync(lockPath).mtimeMs;
    owner = JSON.parse(readFileSync(lockPath, 'utf8') || '{}') as typeof owner;
  } catch {
    return; // Released meanwhile, or half-written by its owner right now.
  }
  // A lock just created may not hold its owner yet: only a known-dead owner or old age breaks it.
  if (age < staleMs && (owner.token === undefined || isAlive(owner.pid))) return;
  try {
    // Rename first: of several processes breaking the same stale lock, one wins; the token
    // check keeps a fresh lock taken in between from being removed.
    const aside = `${lockPath}.${process.pid}.stale`;
    renameSync(lockPath, aside);
    const moved = JSON.parse(readFileSync(aside, 'utf8') || '{}') as typeof owner;
    if (moved.token !== owner.token) renameSync(aside, lockPath);
    else unlinkSync(aside);
  } catch {
    // Someone else broke or released it first.
  }
}

function isAlive(pid: number | undefined): boolean {
  if (typeof pid !== 'number' || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function release(lockPath: string, token: string): void {
  try {
    const owner = JSON.parse(readFileSync(lockPath, 'utf8')) as { token?: string };
    if (owner.token === token) unlinkSync(lockPath);
  } catch {
    // Broken as stale by another writer: nothing of ours to remove.
  }
}
