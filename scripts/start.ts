// `npm start`: everything on one machine (Redis, mocks, gateway, workers) for development and demos.
// Production runs the roles apart (`start:gateway`, `start:worker`, `start:mocks`); see docker-compose.yml.
import { CONNECTOR_MAP } from '../connectors';
import { ConfigError } from '../src/config/config-error';
import { loadConfig } from '../src/config/load-config';
import { isProduction } from '../src/config/production-check';
import { ensureRedis, type RedisHandle } from '../src/infra/ensure-redis';
import { startMocks } from '../mocks/main';
import { refuseStart } from '../src/main/refuse-start';
import { ALL_ROLES, startRoles, type RolesHandle } from '../src/main/start-roles';

const SHUTDOWN_DEADLINE_MS = 10_000;
const DEFAULT_PORT = 8080;

interface Closable {
  close(): Promise<void>;
}

/** What has been started so far; shutdown closes whatever is there. */
interface Stack {
  redis?: RedisHandle;
  mocks?: Closable & { ngspUrl: string; provinceUrl: string };
  /** One core with every role: sync calls and workers share its breakers. */
  gateway?: RolesHandle;
}

const say = (msg: string) => process.stderr.write(`[lgsp] ${msg}\n`);

async function startAll(stack: Stack): Promise<void> {
  const port = parsePort('PORT', process.env.PORT, DEFAULT_PORT);
  const redis = await step('finding Redis', () => ensureRedis({ log: say }));
  stack.redis = redis;
  const mocks = await step('starting the mocks', () => startMocks());
  stack.mocks = mocks;

  const env = { ...process.env, REDIS_URL: redis.url, NGSP_URL: mocks.ngspUrl, PROVINCE_URL: mocks.provinceUrl };
  stack.gateway = await step('starting the gateway', () => startRoles({ roles: ALL_ROLES, port, host: process.env.HOST, env }));
}

/** Closes in dependency order: stop taking requests first, Redis last (everything uses it). */
async function shutdown(stack: Stack): Promise<void> {
  const { gateway, mocks, redis } = stack;
  const parts: Array<[string, (() => Promise<void>) | undefined]> = [
    // HTTP first, then the workers, then the core's queues and Redis connections.
    ['gateway (HTTP, workers)', gateway && (() => gateway.close())],
    ['mocks', mocks && (() => mocks.close())],
    ['Redis', redis && (() => redis.stop())],
  ];
  for (const [name, close] of parts) {
    if (!close) continue;
    try {
      await close();
    } catch (err) {
      say(`closing ${name} failed: ${oneLine(err)}`);
    }
  }
}

/** Runs shutdown within the deadline; a private redis-server is killed on exit either way. */
async function shutdownAndExit(stack: Stack, code: number): Promise<never> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), SHUTDOWN_DEADLINE_MS)));
  const outcome = await Promise.race([shutdown(stack).then(() => 'done' as const), deadline]);
  clearTimeout(timer);
  if (outcome === 'late') {
    say(`shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway.`);
    process.exit(1);
  }
  process.exit(code);
}

function onSignals(stack: Stack): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} again: exiting now.`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal}: shutting down (gateway HTTP, workers, mocks, Redis)…`);
    void shutdownAndExit(stack, 0);
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

/** Labels a failure with the step it happened in, so the one printed line says where. */
async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new Error(`${label}: ${explain(err)}`, { cause: err });
  }
}

function explain(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
  if (e?.code === 'EADDRINUSE' || e?.code === 'EACCES') {
    const where = e.port ? `${e.address ?? ''}:${e.port}` : 'a port';
    const why = e.code === 'EADDRINUSE' ? 'is already in use' : 'may not be opened by this user';
    return `${where} ${why}; stop what uses it or choose other ports (PORT, MOCK_NGSP_PORT, MOCK_PROVINCE_PORT).`;
  }
  return oneLine(err);
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name}=${raw} is not a port number`);
  return port;
}

/** A URL a local curl can reach, even when the server listens on every interface. */
function reachable(url: string): string {
  return url.replace(/\/\/(0\.0\.0\.0|\[::\])(?=[:/]|$)/, '//127.0.0.1').replace(/\/$/, '');
}

function banner(stack: Required<Stack>): string {
  const gw = reachable(stack.gateway.http?.url ?? '');
  const redisKind = stack.redis.private ? 'private redis-server, no persistence: its data goes when this stops' : 'shared';
  const body = JSON.stringify({ soDinhDanh: '024090001234', hoVaTen: 'Nguyễn Văn An', ngaySinh: '1990-05-12' });
  return [
    '',
    'LGSP gateway is up. Everything runs in this process; Ctrl+C stops it all.',
    '',
    `  Gateway API       ${gw}`,
    `  Service directory ${gw}/api/v1/services`,
    `  Dashboard         ${gw}/admin   (bull-board: ${gw}/admin/queues)`,
    `  Metrics           ${gw}/metrics`,
    `  Health            ${gw}/health  ${gw}/ready`,
    `  Mock NGSP         ${reachable(stack.mocks.ngspUrl)}`,
    `  Mock province     ${reachable(stack.mocks.provinceUrl)}`,
    `  Redis             ${stack.redis.description} (${redisKind})`,
    '',
    'Development credentials (secret is <id>-dev-secret):',
    '  consumers  mot-cua, qlvb, bao-cao   e.g. mot-cua / mot-cua-dev-secret',
    '  operator   van-hanh / van-hanh-dev-secret   (dashboard login)',
    '',
    'First call:',
    `  TOKEN=$(curl -s -u mot-cua:mot-cua-dev-secret -d grant_type=client_credentials ${gw}/token \\`,
    `    | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
    `  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
    `    -d '${body}' \\`,
    `    ${gw}/api/v1/services/csdl-dan-cu/xac-thuc-cong-dan`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  // Production mode refuses shipped dev secrets before any Redis or mock is started.
  if (isProduction(process.env)) {
    try {
      loadConfig({ env: process.env, connectors: CONNECTOR_MAP });
    } catch (err) {
      await refuseStart('start', err);
    }
  }
  const stack: Stack = {};
  onSignals(stack);
  try {
    await startAll(stack);
  } catch (err) {
    // A configuration problem is printed whole (every problem), anything else in one line.
    const config = err instanceof Error && err.cause instanceof ConfigError ? err.cause : undefined;
    say(`cannot start: ${config ? config.message : oneLine(err)}`);
    await shutdownAndExit(stack, config ? config.exitCode : 1);
  }
  console.log(banner(stack as Required<Stack>));
}

void main();
