import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import axios from 'axios';

export const ROOT = path.resolve(__dirname, '../..');
const STOP_DEADLINE_MS = 15_000;

/** A role (mocks, gateway, workers, a bench's helper) running in its own process. */
export interface BenchProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the first stdout line that `match` accepts; rejects if the process exits first or after `timeoutMs`. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** SIGTERM, then (past a deadline) SIGKILL; resolves when it has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  args?: readonly string[];
  /** Called with every stdout line (pino JSON for the gateway's roles). */
  onLine?: (line: string) => void;
  /** More node options after `--import tsx` (a drill's preload module, for instance). */
  nodeArgs?: readonly string[];
}

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Runs a TypeScript file from the project root as `node --import tsx <script>`: one process
 * that gets signals itself (the tsx CLI would sit in between). `BENCH_CPU_PROF=<dir>` makes
 * it write a V8 CPU profile to `<dir>/<name>/` when it exits.
 */
export function startTsx(name: string, script: string, opts: StartOptions = {}): BenchProcess {
  const profDir = process.env['BENCH_CPU_PROF'];
  const nodeArgs = [
    '--import',
    'tsx',
    ...(opts.nodeArgs ?? []),
    ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profDir, name)}`] : []),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...opts.env };
  const child = spawn(process.execPath, [...nodeArgs, script, ...(opts.args ?? [])], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const watchers = new Set<(line: string) => void>();
  // Reading every line also keeps the pipe drained, so a chatty child never blocks on stdout.
  createInterface({ input: child.stdout! }).on('line', (line) => {
    opts.onLine?.(line);
    for (const watch of watchers) watch(line);
  });
  let stopping: Promise<void> | undefined;
  return {
    name,
    child,
    waitForLine(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const done = (err: Error | null, line = ''): void => {
          watchers.delete(watch);
          clearTimeout(timer);
          if (err) reject(err);
          else resolve(line);
        };
        const watch = (line: string): void => {
          if (match(line)) done(null, line);
        };
        const timer = setTimeout(() => done(new Error(`${name}: no expected line within ${timeoutMs} ms`)), timeoutMs);
        watchers.add(watch);
        void exited.then(() => done(new Error(`${name} exited (code ${child.exitCode})`)));
      });
    },
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const late = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>((r) => (timer = setTimeout(() => r(true), STOP_DEADLINE_MS))),
        ]);
        clearTimeout(timer);
        if (late) {
          process.stderr.write(`${name} did not stop within ${STOP_DEADLINE_MS} ms: killing it\n`);
          child.kill('SIGKILL');
          await exited;
        }
      })();
      return stopping;
    },
  };
}

/** Polls a URL until it answers at all (any status), for up to 20 s. */
export async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await axios.get(url, { validateStatus: () => true, timeout: 1000 });
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`${url} did not come up`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
