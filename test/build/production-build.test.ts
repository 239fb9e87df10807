import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import axios from 'axios';
import { Redis } from 'ioredis';
import { ProductionSecretsError } from '../../src/config/config-error';
import { deleteKeys, testPrefix } from '../support/redis-prefix';
import { productionEnv } from '../support/production-env';
import { waitUntil } from '../support/wait-until';

// `npm run build` into a folder away from the sources (only node_modules is linked in), then
// the compiled entry run with plain node: anything still resolved from the TypeScript tree, or a
// runtime file the build forgot to copy, fails here.
const ROOT = path.resolve(__dirname, '../..');
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const ENTRY = 'dist/src/main/all-roles.js';

const work = mkdtempSync(path.join(tmpdir(), 'lgsp-build-'));
const prefix = testPrefix('production-build');
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const children = new Set<ChildProcess>();

interface Running {
  url: string;
  output(): string;
  /** SIGTERM, then the exit status (the hang guard kills it after 20 s). */
  stop(): Promise<number | null>;
}

/** Spawns the compiled entry with only `env` (plus PATH/HOME) from the build folder, not the project. */
function spawnEntry(env: NodeJS.ProcessEnv): { child: ChildProcess; output(): string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: work,
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      REDIS_URL,
      LGSP_KEY_PREFIX: prefix,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (children.delete(child), resolve(code))));
  return { child, output: () => text, exited };
}

/** Starts every role; waits for the gateway's "listening" line, which carries its port, and for the workers. */
async function startProd(env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const { child, output, exited } = spawnEntry(env);
  let gone = false;
  void exited.then(() => (gone = true));
  const url = await waitUntil(
    'the compiled gateway listens',
    async () => {
      if (gone) throw new Error(`exited before listening:\n${output()}`);
      return /"url":"(http:\/\/127\.0\.0\.1:\d+)","msg":"gateway listening"/.exec(output())?.[1];
    },
    { timeoutMs: 30_000, intervalMs: 100, describe: output },
  );
  await waitUntil('the delivery workers run', async () => (output().includes('delivery workers running') ? true : undefined), {
    timeoutMs: 20_000,
    describe: output,
  });
  return {
    url,
    output,
    async stop() {
      child.kill('SIGTERM');
      const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(guard);
      return code;
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile());
}

beforeAll(async () => {
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--out-dir', path.join(work, 'dist')], { cwd: ROOT });
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await deleteKeys(redis, prefix);
  redis.disconnect();
  rmSync(work, { recursive: true, force: true });
});

test('the build holds JavaScript and the files read at run time, and no TypeScript', () => {
  const files = filesUnder(path.join(work, 'dist'));
  expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  expect(files).toEqual(
    expect.arrayContaining([
      ENTRY.replace('dist/', ''),
      'src/main/gateway.js',
      'src/main/worker.js',
      'mocks/main.js',
      'config/gateway.yaml',
      'config/catalog.yaml',
      'config/consumers.yaml',
      'src/admin/ui/pages/overview.html',
      'src/admin/ui/assets/common.js',
    ]),
  );
  expect(existsSync(path.join(work, 'dist', 'test'))).toBe(false);
});

test('start:prod runs every role with plain node: /health, the dashboard, the OpenAPI document and /docs answer, SIGTERM ends it cleanly', async () => {
  const prod = await startProd();
  try {
    const health = await axios.get(`${prod.url}/health`);
    expect(health.status).toBe(200);
    expect(health.data).toMatchObject({ status: 'pass' });
    const login = await axios.get<string>(`${prod.url}/admin/login`);
    expect(login.headers['content-type']).toMatch(/^text\/html/);
    expect(login.data).toContain('<form');
    expect((await axios.get(`${prod.url}/admin/assets/common.js`)).status).toBe(200);
    expect((await axios.get(`${prod.url}/admin/assets/uplot/uPlot.iife.min.js`)).status).toBe(200);
    // The published contract and its page, whose Swagger UI files come from node_modules.
    const token = await axios.post<{ access_token: string }>(`${prod.url}/token`, 'grant_type=client_credentials', {
      auth: { username: 'mot-cua', password: 'mot-cua-dev-secret' },
    });
    const openapi = await axios.get<{ openapi: string; paths: object }>(`${prod.url}/api/v1/openapi.json`, {
      headers: { authorization: `Bearer ${token.data.access_token}` },
    });
    expect(openapi.data.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(openapi.data.paths).length).toBeGreaterThan(0);
    expect((await axios.get<string>(`${prod.url}/docs`)).data).toContain('/docs/assets/swagger-ui-bundle.js');
    expect((await axios.get(`${prod.url}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  } finally {
    expect(await prod.stop()).toBe(0);
  }
}, 60_000);

test('in production mode with the shipped development secrets, the compiled entry refuses to start (exit 78)', async () => {
  const { output, exited } = spawnEntry({ NODE_ENV: 'production' });
  expect(await exited).toBe(ProductionSecretsError.EXIT_CODE);
  expect(output()).toContain('NODE_ENV=production refuses to start');
}, 30_000);

test('in production mode with secrets of its own, the compiled entry serves /health', async () => {
  const prod = await startProd(productionEnv());
  try {
    expect((await axios.get(`${prod.url}/health`)).status).toBe(200);
  } finally {
    expect(await prod.stop()).toBe(0);
  }
}, 60_000);
