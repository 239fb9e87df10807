import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Redis, ReplyError } from 'ioredis';
import {
  connectRedis,
  dataNodes,
  describeTarget,
  parseHostPorts,
  redisTarget,
  type RedisClient,
  type RedisTarget,
} from './redis-connection';

/** A Redis the caller may use; `stop()` ends it only if we started it. */
export interface RedisHandle {
  url: string;
  /** Where it is, for people (no password): the url, or the cluster's or Sentinels' nodes. */
  description: string;
  /** true when this process started its own `redis-server` (no persistence). */
  private: boolean;
  stop(): Promise<void>;
}

export interface EnsureRedisOptions {
  /** Reads `REDIS_URL`, `LGSP_REDIS_PROBE_URL` and `PATH`; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  log?: (msg: string) => void;
}

const DEFAULT_PROBE_URL = 'redis://127.0.0.1:6379';
const PROBE_TIMEOUT_MS = 500;
// An explicit REDIS_URL may be remote: give it a little longer than the local probe.
const EXPLICIT_TIMEOUT_MS = 2000;
const STARTUP_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 5000;
// The free port we pick can be taken before redis-server binds it; retry a few times.
const START_ATTEMPTS = 3;

const HOW_TO_GET_REDIS =
  'Install one (`apt-get install redis-server`), set REDIS_URL to a running Redis, ' + 'or run `docker compose up redis`.';

/**
 * Finds a Redis: `REDIS_URL` if set (must answer), else the usual local one, else a private
 * `redis-server` from the PATH on a free port, stopped by `stop()`.
 */
export async function ensureRedis(opts: EnsureRedisOptions = {}): Promise<RedisHandle> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((msg: string) => process.stderr.write(`${msg}\n`));

  const clusterNodes = env.REDIS_CLUSTER_NODES?.trim() ?? '';
  const sentinels = env.REDIS_SENTINELS?.trim() ?? '';
  if (clusterNodes || sentinels) {
    const url = env.REDIS_URL?.trim() || DEFAULT_PROBE_URL;
    const target = redisTarget({
      url,
      clusterNodes: parseHostPorts(clusterNodes),
      sentinels: parseHostPorts(sentinels),
      sentinelMaster: env.REDIS_SENTINEL_MASTER?.trim() || 'mymaster',
      password: env.REDIS_PASSWORD || undefined,
      username: env.REDIS_USERNAME || undefined,
      sentinelPassword: env.REDIS_SENTINEL_PASSWORD || undefined,
      tls: env.REDIS_TLS === 'true',
    });
    const problem = await probeTarget(target, EXPLICIT_TIMEOUT_MS);
    if (problem)
      throw new Error(`${describeTarget(target)} does not answer: ${problem}. Start it or fix REDIS_CLUSTER_NODES / REDIS_SENTINELS.`);
    return { url, description: describeTarget(target), private: false, stop: async () => {} };
  }

  const explicitUrl = env.REDIS_URL?.trim();
  if (explicitUrl) {
    const problem = await probe(explicitUrl, EXPLICIT_TIMEOUT_MS, log);
    if (problem) {
      throw new Error(
        `REDIS_URL=${redactUrl(explicitUrl)} does not answer PING: ${problem}. ` +
          'Start that Redis, fix REDIS_URL, or unset it to use a local or private redis-server.',
      );
    }
    return sharedHandle(explicitUrl);
  }

  const probeUrl = env.LGSP_REDIS_PROBE_URL?.trim() || DEFAULT_PROBE_URL;
  const problem = await probe(probeUrl, PROBE_TIMEOUT_MS, log);
  if (!problem) return sharedHandle(probeUrl);

  return startPrivateRedis(env, log, `No Redis at ${redactUrl(probeUrl)} (${problem})`);
}

/**
 * Reads `maxmemory-policy` (of every master, on a cluster). BullMQ needs `noeviction`: any other
 * policy lets Redis drop acknowledged jobs silently. Managed Redis often disables CONFIG; then we
 * cannot tell.
 */
export async function checkRedisPolicy(redis: RedisClient): Promise<{ ok: boolean; policy: string }> {
  for (const node of dataNodes(redis)) {
    try {
      const reply = (await node.config('GET', 'maxmemory-policy')) as unknown;
      const policy = Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : 'unknown';
      if (policy !== 'noeviction' && policy !== 'unknown') return { ok: false, policy };
    } catch (err) {
      if (!(err instanceof ReplyError)) throw err;
    }
  }
  return { ok: true, policy: dataNodes(redis).length > 0 ? 'noeviction' : 'unknown' };
}

/** Absolute path of `redis-server` on `env.PATH`, or undefined. */
export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

function sharedHandle(url: string): RedisHandle {
  return { url, description: redactUrl(url), private: false, stop: async () => {} };
}

/** A cluster or a Sentinel-managed master: PING through the client the gateway will use. */
async function probeTarget(target: RedisTarget, timeoutMs: number): Promise<string | undefined> {
  const client = connectRedis(target, 'tool', { lazyConnect: true, connectTimeout: timeoutMs, commandTimeout: timeoutMs });
  let socketError: unknown;
  client.on('error', (err) => (socketError ??= err));
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<never>(
      (_r, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    );
    await Promise.race([client.connect(), late]);
    const pong = await Promise.race([client.ping(), late]);
    return pong === 'PONG' ? undefined : `unexpected reply ${JSON.stringify(pong)}`;
  } catch (err) {
    return describeError(socketError ?? err);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/** PINGs `url` once; returns undefined when it answers PONG, else why not. Warns on a risky policy. */
async function probe(url: string, timeoutMs: number, log: (msg: string) => void): Promise<string | undefined> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    retryStrategy: () => null,
    reconnectOnError: () => false,
  });
  // The listener also stops ioredis printing "Unhandled error event" for a refusal we expect;
  // its error (ECONNREFUSED…) says more than connect()'s "Connection is closed".
  let socketError: unknown;
  client.on('error', (err) => (socketError ??= err));
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== 'PONG') return `unexpected reply ${JSON.stringify(pong)}`;
    await warnOnPolicy(client, url, log);
    return undefined;
  } catch (err) {
    return describeError(socketError ?? err);
  } finally {
    // disconnect() on an already-ended client arms a 2 s timer that nothing clears.
    if (client.status !== 'end') client.disconnect();
  }
}

async function warnOnPolicy(client: Redis, url: string, log: (msg: string) => void): Promise<void> {
  const { ok, policy } = await checkRedisPolicy(client);
  if (!ok) {
    log(
      `WARNING: Redis at ${redactUrl(url)} has maxmemory-policy=${policy}; BullMQ needs noeviction ` +
        'or Redis may silently drop queued jobs. Run: CONFIG SET maxmemory-policy noeviction',
    );
  }
}

async function startPrivateRedis(env: NodeJS.ProcessEnv, log: (msg: string) => void, why: string): Promise<RedisHandle> {
  const binary = findRedisServer(env);
  if (!binary) throw new Error(`${why} and no redis-server is on the PATH. ${HOW_TO_GET_REDIS}`);
  log(`${why}; starting a private redis-server without persistence.`);

  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'lgsp-redis-'));
    const port = await freePort();
    const server = launch(binary, port, dir);
    try {
      await waitUntilReady(server, `redis://127.0.0.1:${port}`);
      log(`Started a private redis-server on 127.0.0.1:${port} (pid ${server.child.pid}).`);
      return privateHandle(server, port, dir, log);
    } catch (err) {
      lastError = err;
      await stopChild(server.child);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  throw new Error(`Could not start a private redis-server: ${describeError(lastError)}`);
}

interface LaunchedServer {
  child: ChildProcess;
  /** Last lines redis-server printed, to explain a failed start. */
  output(): string;
  exited: Promise<void>;
}

function launch(binary: string, port: number, dir: string): LaunchedServer {
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'];
  args.push('--maxmemory-policy', 'noeviction', '--dir', dir, '--daemonize', 'no');
  // Own process group: Ctrl+C in a terminal must not kill Redis before the gateway and
  // workers that use it have shut down; stop() (or the exit hook) ends it last.
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let tail = '';
  const keepTail = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-2000);
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  // The server must never keep the caller's process alive by itself: stop() is explicit.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // A failed spawn may emit only 'error'.
    child.once('error', (err) => {
      tail += `\n${describeError(err)}`;
      resolve();
    });
  });
  return { child, output: () => tail.trim(), exited };
}

async function waitUntilReady(server: LaunchedServer, url: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let exited = false;
  void server.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`redis-server exited during start-up: ${server.output() || 'no output'}`);
    const problem = await probe(url, 200, () => {});
    if (!problem) return;
    if (Date.now() > deadline) {
      throw new Error(`redis-server did not answer PING within ${STARTUP_TIMEOUT_MS} ms: ${server.output() || problem}`);
    }
    await sleep(50);
  }
}

function privateHandle(server: LaunchedServer, port: number, dir: string, log: (msg: string) => void): RedisHandle {
  // Last resort if the owner exits without stop() (e.g. process.exit after an error).
  const killOnExit = () => {
    server.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  void server.exited.then(() => {
    if (!stopping) log(`WARNING: the private redis-server exited unexpectedly: ${server.output() || 'no output'}`);
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    description: `redis://127.0.0.1:${port}`,
    private: true,
    stop: () => {
      stopping ??= (async () => {
        await stopChild(server.child);
        rmSync(dir, { recursive: true, force: true });
        // Only now: an exit while stop() is still waiting must still clean up.
        process.removeListener('exit', killOnExit);
      })();
      return stopping;
    },
  };
}

/**
 * SIGTERM, then SIGKILL if it has not exited within STOP_TIMEOUT_MS. The (referenced) timer
 * also keeps the process alive until the unref'd child is really gone.
 */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS)));
  if (await Promise.race([exited.then(() => false), timedOut])) {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/** Asks the OS for a free loopback port by binding port 0, then releases it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

/** Hides the password part of a Redis URL before it reaches a log line or an error. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${code} ${err.message}` : err.message;
  }
  return String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
