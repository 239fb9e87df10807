import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { freePort, ping } from '../../test/support/own-redis';

/**
 * A Redis Cluster of its own: `masters` redis-server processes started with
 * `--cluster-enabled yes`, joined with CLUSTER MEET and given the 16,384 slots in equal ranges
 * (what `redis-cli --cluster create` does, without needing redis-cli). Each node keeps an
 * append-only file and its nodes.conf in its own directory, so a node stopped and started again
 * comes back with its data and its place in the cluster. No replicas: a stopped master leaves its
 * slots uncovered until it returns (the outage the tests want).
 */
export interface LocalCluster {
  /** `host:port` of every master, comma-separated: the value of REDIS_CLUSTER_NODES. */
  readonly nodesEnv: string;
  readonly ports: readonly number[];
  /** A cluster client (the test's own view; close it with `disconnect()`). */
  client(): Cluster;
  /** SIGTERM to one master (it writes its AOF) and waits for its exit. */
  stopNode(index: number): Promise<void>;
  /** Starts a stopped master again on its port and directory; resolves when the cluster is whole again. */
  startNode(index: number): Promise<void>;
  /** The master that holds `key`'s slot (index into `ports`). */
  nodeOf(key: string): Promise<number>;
  /** Stops every node and removes their directories. Safe to call twice. */
  stop(): Promise<void>;
}

export const SLOTS = 16_384;
const READY_TIMEOUT_MS = 20_000;

/**
 * Whether this machine's redis-server can run a cluster node (a build without cluster support,
 * or none at all, says why). Checked by starting one node for a moment.
 */
export async function clusterSupport(): Promise<{ ok: true } | { ok: false; why: string }> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'lgsp-cluster-probe-'));
  const child = spawn('redis-server', nodeArgs(port, dir), { stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-1000)));
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code) => resolve(`redis-server exited (${code}) ${tail.trim()}`));
    child.once('error', (err) => resolve(`redis-server could not start: ${err.message}`));
  });
  try {
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const early = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 50))]);
      if (early) return { ok: false, why: early };
      const node = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      node.on('error', () => undefined);
      try {
        await node.connect();
        const info = await node.info('cluster');
        return /cluster_enabled:1/.test(info) ? { ok: true } : { ok: false, why: 'redis-server ignored --cluster-enabled' };
      } catch {
        // not listening yet
      } finally {
        node.disconnect();
      }
    }
    return { ok: false, why: 'a cluster node did not answer within 5 s' };
  } finally {
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

function nodeArgs(port: number, dir: string): string[] {
  return [
    ...['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--daemonize', 'no', '--save', ''],
    ...['--appendonly', 'yes', '--maxmemory-policy', 'noeviction'],
    ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'],
    // Without replicas a stopped master leaves its slots uncovered: the others keep serving theirs.
    ...['--cluster-require-full-coverage', 'no'],
  ];
}

export async function startRedisCluster(opts: { masters?: number } = {}): Promise<LocalCluster> {
  const masters = opts.masters ?? 3;
  const root = mkdtempSync(path.join(tmpdir(), 'lgsp-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < masters; i++) ports.push(await freePort());
  const children: Array<ChildProcess | undefined> = [];
  const killOnExit = (): void => {
    for (const child of children) child?.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  const launch = async (i: number): Promise<void> => {
    const dir = path.join(root, String(ports[i]));
    mkdirSync(dir, { recursive: true });
    const child = spawn('redis-server', nodeArgs(ports[i]!, dir), { stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-2000)));
    let exited = false;
    child.once('exit', () => (exited = true));
    children[i] = child;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await ping(`redis://127.0.0.1:${ports[i]}`))) {
      if (exited) throw new Error(`cluster node ${ports[i]} exited at start: ${tail.trim() || 'no output'}`);
      if (Date.now() > deadline) throw new Error(`cluster node ${ports[i]} did not answer within ${READY_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const admin = (i: number): Redis => {
    const node = new Redis(ports[i]!, '127.0.0.1', { maxRetriesPerRequest: 1 });
    node.on('error', () => undefined);
    return node;
  };

  const waitWhole = async (): Promise<void> => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const states = await Promise.all(
        ports.map(async (_p, i) => {
          const node = admin(i);
          try {
            const info = await node.cluster('INFO');
            return /cluster_state:ok/.test(String(info)) && new RegExp(`cluster_known_nodes:${masters}\\b`).test(String(info));
          } catch {
            return false;
          } finally {
            node.disconnect();
          }
        }),
      );
      if (states.every(Boolean)) return;
      if (Date.now() > deadline) throw new Error(`the cluster on ports ${ports.join(',')} did not reach cluster_state:ok`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const end = async (i: number, signal: NodeJS.Signals): Promise<void> => {
    const child = children[i];
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    children[i] = undefined;
  };

  try {
    await Promise.all(ports.map((_p, i) => launch(i)));
    const first = admin(0);
    try {
      for (let i = 1; i < masters; i++) await first.cluster('MEET', '127.0.0.1', ports[i]!);
    } finally {
      first.disconnect();
    }
    for (let i = 0; i < masters; i++) {
      const from = Math.floor((SLOTS * i) / masters);
      const to = Math.floor((SLOTS * (i + 1)) / masters) - 1;
      const node = admin(i);
      try {
        const slots = Array.from({ length: to - from + 1 }, (_v, k) => from + k);
        await node.call('CLUSTER', 'ADDSLOTS', ...slots);
      } finally {
        node.disconnect();
      }
    }
    await waitWhole();
  } catch (err) {
    await Promise.all(ports.map((_p, i) => end(i, 'SIGKILL')));
    process.removeListener('exit', killOnExit);
    rmSync(root, { recursive: true, force: true });
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    nodesEnv: ports.map((p) => `127.0.0.1:${p}`).join(','),
    ports,
    client: () => {
      const cluster = new Cluster(
        ports.map((port) => ({ host: '127.0.0.1', port })),
        { redisOptions: { maxRetriesPerRequest: 1 } },
      );
      cluster.on('error', () => undefined);
      return cluster;
    },
    stopNode: (i) => end(i, 'SIGTERM'),
    async startNode(i) {
      if (children[i]) return;
      await launch(i);
      await waitWhole();
    },
    async nodeOf(key) {
      const node = admin(0);
      try {
        const slot = Number(await node.cluster('KEYSLOT', key));
        return ports.findIndex((_p, i) => slot < Math.floor((SLOTS * (i + 1)) / masters));
      } finally {
        node.disconnect();
      }
    },
    stop() {
      stopping ??= (async () => {
        await Promise.all(ports.map((_p, i) => end(i, 'SIGTERM')));
        rmSync(root, { recursive: true, force: true });
        process.removeListener('exit', killOnExit);
      })();
      return stopping;
    },
  };
}
