import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { waitUntil } from './wait-until';

/**
 * A redis-server this test starts, stops and restarts on the same port (no persistence), for
 * outages that must not touch the Redis other tests share.
 */
export interface OwnRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, SIGKILL after 5 s) and waits for its exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (if stopped) and waits until it answers PING. */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  dispose(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'lgsp-test-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    if (child) return;
    const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'];
    args.push('--maxmemory-policy', 'noeviction', '--dir', dir, '--daemonize', 'no');
    const launched = spawn('redis-server', args, { stdio: 'ignore' });
    child = launched;
    let exited = false;
    launched.once('exit', () => {
      exited = true;
      if (child === launched) child = undefined;
    });
    await waitUntil(
      'own redis-server answers PING',
      async () => {
        if (exited) throw new Error(`redis-server on port ${port} exited at start (port taken?)`);
        return (await ping(url)) || undefined;
      },
      { timeoutMs: 5000 },
    );
  };

  const stop = async (): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    child = undefined;
  };

  await start();
  return {
    url,
    port,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether a Redis answers PING at `url` (one short try, no retries). */
export async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 200,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.status !== 'end') client.disconnect();
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
