import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import axios from 'axios';
import { waitUntil } from './wait-until';

const ROOT = path.resolve(__dirname, '../..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** A `tsx src/main/gateway.ts` process on a port of its own, in its own process group so a crash kills the real server. */
export interface GatewayProcess {
  readonly url: string;
  output(): string;
  /** SIGKILL to the whole group: nothing runs after it (no answer finished, no acknowledgement sent). */
  crash(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the gateway with `env` on top of this process's environment and waits until `/health` answers. */
export async function startGatewayProcess(env: NodeJS.ProcessEnv): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [TSX_CLI, 'src/main/gateway.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn the gateway process');
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const crash = async (): Promise<void> => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
  };
  try {
    await waitUntil(
      'the gateway answers /health',
      async () =>
        (await axios.get(`${url}/health`, { validateStatus: () => true }).catch(() => undefined))?.status === 200 ? true : undefined,
      {
        timeoutMs: 30_000,
        intervalMs: 200,
        describe: () => tail,
      },
    );
  } catch (err) {
    await crash();
    throw err;
  }
  return { url, output: () => tail.trim(), crash };
}
