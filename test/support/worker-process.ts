import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A `tsx src/main/worker.ts` process, as operators run it. tsx runs the script in a child
 * node process of its own and relays SIGTERM/SIGINT to it, but a SIGKILL cannot be relayed:
 * the process gets its own group so that `crash()` kills the real worker, not only tsx.
 */
export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves when tsx has exited (after the worker it runs), with how. */
  exited: Promise<ChildExit>;
  /** The last lines it printed, to explain a failure. */
  output(): string;
  /** SIGTERM to tsx, which passes it on to the worker: what a process manager does. */
  terminate(): void;
  /** SIGKILL to the whole process group (tsx and the worker): a crash, nothing runs after it. */
  crash(): void;
  /** crash() if still running, then waits for the exit; for afterAll. */
  stop(): Promise<void>;
}

/** Spawns the delivery workers in their own process with `env` on top of this process's environment. */
export function startWorkerProcess(env: NodeJS.ProcessEnv): WorkerProcess {
  const child = spawn(process.execPath, [TSX_CLI, 'src/main/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn the worker process');
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let groupKilled = false;
  const exited = new Promise<ChildExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const crash = (): void => {
    if (groupKilled) return;
    groupKilled = true;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  };
  return {
    child,
    exited,
    output: () => tail.trim(),
    terminate: () => void child.kill('SIGTERM'),
    crash,
    async stop() {
      // Even after tsx exited, its worker may be left (it outlives tsx only on a crash of tsx itself).
      crash();
      await exited;
    },
  };
}

/** Waits for the exit, or answers undefined if the process is still running after `timeoutMs`. */
export async function exitWithin(proc: WorkerProcess, timeoutMs: number): Promise<(ChildExit & { afterMs: number }) | undefined> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  const result = await Promise.race([proc.exited.then((exit) => ({ ...exit, afterMs: Date.now() - started })), timedOut]);
  clearTimeout(timer);
  return result;
}
