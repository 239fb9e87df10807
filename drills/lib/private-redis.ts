import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort, ping } from '../../test/support/own-redis';

export type FsyncPolicy = 'everysec' | 'always';

/**
 * A redis-server of the drill's own, persisting to an append-only file in a temporary directory
 * (`--appendonly yes`, no RDB snapshots), so that a crash and a restart reload exactly what the
 * AOF holds. Faults are real signals to the real process: SIGKILL, SIGSTOP, SIGCONT.
 */
export interface PrivateRedis {
  url: string;
  port: number;
  /** The running server's pid (changes on restart). */
  readonly pid: number;
  /** The fsync policy the server runs with now (and restarts with). */
  readonly fsync: FsyncPolicy;
  /** Changes the fsync policy of the running server (CONFIG SET) and of later restarts. */
  setFsync(policy: FsyncPolicy): Promise<void>;
  /** SIGKILL, and waits for the exit: nothing is flushed or closed. */
  kill9(): Promise<void>;
  /** Starts it again on the same port and directory (it reloads its AOF) and waits until it answers PING. */
  restart(): Promise<void>;
  /** SIGSTOP: the server keeps its sockets open and answers nothing (a hang, not a refusal). */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  /** Ends the server (resumed first if paused) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5000;

export async function startPrivateRedis(opts: { fsync?: FsyncPolicy } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'lgsp-drill-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let fsync: FsyncPolicy = opts.fsync ?? 'everysec';
  let child: ChildProcess | undefined;
  let paused = false;

  // Last resort if the drill's process exits without stop(): a stopped server must not outlive it.
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  const launch = async (): Promise<void> => {
    const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--daemonize', 'no', '--save', ''];
    args.push('--appendonly', 'yes', '--appendfsync', fsync, '--maxmemory-policy', 'noeviction');
    const launched = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    launched.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-2000)));
    child = launched;
    let exited = false;
    launched.once('exit', () => (exited = true));
    launched.once('error', (err) => {
      exited = true;
      tail += `\n${err.message}`;
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    // PING answers LOADING while the AOF is read back: ready means PONG.
    while (!(await ping(url))) {
      if (exited) throw new Error(`redis-server on port ${port} exited at start: ${tail.trim() || 'no output'}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within ${READY_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const ended = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    if (paused) running.kill('SIGCONT');
    paused = false;
    running.kill(signal);
    const timer = setTimeout(() => running.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    child = undefined;
  };

  try {
    await launch();
  } catch (err) {
    await ended('SIGKILL');
    process.removeListener('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    get pid() {
      return child?.pid ?? -1;
    },
    get fsync() {
      return fsync;
    },
    async setFsync(policy) {
      const admin = new Redis(url, { maxRetriesPerRequest: 0, lazyConnect: true });
      try {
        await admin.connect();
        await admin.config('SET', 'appendfsync', policy);
        fsync = policy;
      } finally {
        admin.disconnect();
      }
    },
    kill9: () => ended('SIGKILL'),
    async restart() {
      if (child) throw new Error('the private redis-server is still running');
      await launch();
    },
    pause() {
      child?.kill('SIGSTOP');
      paused = true;
    },
    resume() {
      child?.kill('SIGCONT');
      paused = false;
    },
    stop() {
      stopping ??= (async () => {
        await ended('SIGTERM');
        rmSync(dir, { recursive: true, force: true });
        process.removeListener('exit', killOnExit);
      })();
      return stopping;
    },
  };
}
