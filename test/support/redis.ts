/**
 * A real Redis for the Redis store tests. `REDIS_URL` (CI sets it) wins; otherwise a
 * throwaway `redis-server` is started on a free loopback port for the test file and stopped
 * after. Without a `redis-server` binary the tests are skipped with a message — except under
 * `CI=true`, where a missing server fails the run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';

/** Where the tests' redis-server binary is: `REDIS_SERVER_BIN`, else the first on PATH. */
export function redisServerBinary(): string | undefined {
  const given = process.env.REDIS_SERVER_BIN;
  if (given && existsSync(given)) return given;
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

/** True when tests can reach a Redis; throws under `CI=true` when they cannot. */
export function redisAvailable(): boolean {
  if (process.env.REDIS_URL || redisServerBinary()) return true;
  if (process.env.CI === 'true') throw new Error('Redis tests: no REDIS_URL and no redis-server binary, and CI=true: a missing Redis is a failure in CI.');
  console.warn('Redis tests skipped: set REDIS_URL or install redis-server (apt-get install redis-server) to run them.');
  return false;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server this test started and owns. */
export interface OwnedRedisServer {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGKILL: the way a crash looks to clients). */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: `--save ''`). */
  restart(): Promise<void>;
}

/** Starts a throwaway `redis-server` on a free loopback port; the caller stops it. */
export async function startRedisServer(): Promise<OwnedRedisServer> {
  const binary = redisServerBinary();
  if (!binary) throw new Error('startRedisServer: no redis-server binary (set REDIS_SERVER_BIN or install redis-server)');
  const port = await freePort();
  let child: ChildProcess | undefined;

  async function start() {
    child = spawn(binary!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error(`startRedisServer: redis-server did not answer on port ${port}`);
  }

  async function kill() {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  }

  await start();
  return { url: `redis://127.0.0.1:${port}`, port, kill, restart: start };
}

/** Client settings for tests: fail fast instead of queueing for ever while disconnected. */
export const testClientOptions: RedisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (times) => Math.min(times * 50, 500) };

/** The Redis a test file uses: `REDIS_URL`, or a server started for the file. */
export interface TestRedis {
  readonly url: string;
  /** A new client (closed by `stop`). */
  client(options?: RedisOptions): Redis;
  /** A fresh key prefix, so tests never see each other's keys. */
  prefix(): string;
  stop(): Promise<void>;
}

/** Connects to `REDIS_URL` or starts a throwaway server; call `stop()` in `afterAll`. */
export async function useRedis(): Promise<TestRedis> {
  const owned = process.env.REDIS_URL ? undefined : await startRedisServer();
  const url = process.env.REDIS_URL ?? owned!.url;
  const clients: Redis[] = [];
  return {
    url,
    client(options = {}) {
      const client = new Redis(url, { ...testClientOptions, enableOfflineQueue: true, ...options });
      client.on('error', () => {});
      clients.push(client);
      return client;
    },
    prefix: () => `test:${randomUUID().slice(0, 8)}:`,
    async stop() {
      for (const client of clients) client.disconnect();
      await owned?.kill();
    },
  };
}
