/**
 * A real Redis Cluster for the cluster tests: six `redis-server --cluster-enabled yes`
 * processes on free loopback ports (three primaries, three replicas), joined with
 * `redis-cli --cluster create`. The test file owns it, so it can kill a primary to force a
 * failover. Clients connect with an address `cluster:host:port,host:port,...`, which
 * `connectRedis` (also used by the child-process fixtures) turns into an ioredis `Cluster`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster, Redis, type ClusterOptions } from 'ioredis';
import { freePort, redisServerBinary } from './redis.js';

/** A client for `address`: `cluster:h:p,h:p` gives a `Cluster`, anything else a `Redis`. */
export function connectRedis(address: string, options: ClusterOptions = {}): Redis | Cluster {
  if (!address.startsWith('cluster:')) return new Redis(address, { maxRetriesPerRequest: 1 });
  const nodes = address
    .slice('cluster:'.length)
    .split(',')
    .map((node) => ({ host: node.split(':')[0]!, port: Number(node.split(':')[1]) }));
  return new Cluster(nodes, { retryDelayOnFailover: 200, retryDelayOnClusterDown: 200, ...options, redisOptions: { maxRetriesPerRequest: 3, ...options.redisOptions } });
}

/** True when this machine can start a cluster (redis-server and redis-cli on PATH). */
export function clusterAvailable(): boolean {
  const cli = spawnSync('sh', ['-c', 'command -v redis-cli'], { encoding: 'utf8' });
  const ok = redisServerBinary() !== undefined && cli.status === 0;
  if (!ok && process.env.CI === 'true') throw new Error('Redis Cluster tests: redis-server or redis-cli missing, and CI=true: a missing Redis is a failure in CI.');
  if (!ok) console.warn('Redis Cluster tests skipped: install redis-server and redis-cli (apt-get install redis-server) to run them.');
  return ok;
}

/** A cluster the test started and owns. */
export interface OwnedCluster {
  /** `cluster:127.0.0.1:p1,...` for `connectRedis` and the fixtures. */
  readonly address: string;
  readonly ports: readonly number[];
  /** Kills (SIGKILL) the primary that serves `key`'s slot; resolves once it is gone. */
  killPrimaryOf(key: string): Promise<number>;
  /** Resolves once every slot is served again (`cluster_state:ok` on a live node). */
  waitHealthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts six nodes and creates a three-primary, three-replica cluster. */
export async function startRedisCluster(): Promise<OwnedCluster> {
  const binary = redisServerBinary()!;
  const dir = mkdtempSync(join(tmpdir(), 'aw-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < 6; i++) ports.push(await freePort());
  const children = new Map<number, ChildProcess>();
  for (const port of ports) {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '1000', '--save', '', '--appendonly', 'no', '--dir', dir];
    children.set(port, spawn(binary, args, { stdio: 'ignore' }));
  }
  for (const port of ports) await waitFor(() => cli(port, ['ping']) === 'PONG', 5_000, `node ${port} did not start`);
  const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '1', '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 });
  if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  const live = () => ports.filter((port) => children.get(port)?.exitCode === null && !children.get(port)?.killed);
  const healthy = () => live().some((port) => /cluster_state:ok/.test(cli(port, ['cluster', 'info'])));
  // Healthy: every live node sees all slots served, and every replica has synced from its
  // primary (a replica that never synced refuses to take over when its primary dies).
  const synced = (port: number) => !cli(port, ['role']).startsWith('slave') || /master_link_status:up/.test(cli(port, ['info', 'replication']));
  const waitHealthy = (timeoutMs = 20_000) =>
    waitFor(() => healthy() && live().every((port) => /cluster_state:ok/.test(cli(port, ['cluster', 'info'])) && synced(port)), timeoutMs, 'cluster did not become healthy');
  await waitHealthy();
  return {
    address: `cluster:${ports.map((port) => `127.0.0.1:${port}`).join(',')}`,
    ports,
    async killPrimaryOf(key) {
      const slot = Number(cli(live()[0]!, ['cluster', 'keyslot', key]));
      const owner = live().find((port) => cli(port, ['role']).startsWith('master') && servesSlot(cli(port, ['cluster', 'nodes']), port, slot));
      if (owner === undefined) throw new Error(`no live primary serves slot ${slot}`);
      const child = children.get(owner)!;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
      return owner;
    },
    waitHealthy,
    async stop() {
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function cli(port: number, args: string[]): string {
  const result = spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', timeout: 2_000 });
  return (result.stdout ?? '').trim();
}

/** True when the `cluster nodes` line of the node on `port` (marked `myself`) lists `slot`. */
function servesSlot(nodes: string, port: number, slot: number): boolean {
  const mine = nodes.split('\n').find((line) => line.includes('myself') && line.includes(`:${port}@`));
  if (!mine) return false;
  return mine
    .split(' ')
    .slice(8)
    .some((range) => {
      const [from, to = from] = range.split('-').map(Number);
      return slot >= from! && slot <= to!;
    });
}

async function waitFor(check: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`startRedisCluster: ${message} within ${timeoutMs} ms`);
}
