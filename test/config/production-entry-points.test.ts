import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { ProductionSecretsError } from '../../src/config/config-error';
import { auditStreamKey } from '../../src/infra/redis-keys';
import { recordStartupRefusal, REFUSAL_AUDIT_BUDGET_MS } from '../../src/main/record-startup-refusal';
import { deleteKeys, testPrefix } from '../support/redis-prefix';
import { productionEnv, secretSlots } from '../support/production-env';

const ROOT = path.resolve(__dirname, '../..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

interface Exit {
  code: number | null;
  stderr: string;
}

/** Runs an entry point with only `env` (plus PATH/HOME) and waits for it to exit. */
function run(entry: string, env: NodeJS.ProcessEnv): Promise<Exit> {
  const child = spawn(process.execPath, [TSX_CLI, entry], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    }),
  );
}

const prefix = testPrefix('production-refusal');
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

test.each(['src/main/gateway.ts', 'src/main/worker.ts', 'scripts/start.ts'])(
  'with NODE_ENV=production and the shipped secrets, %s exits 78 naming every setting to replace',
  async (entry) => {
    const exit = await run(entry, { NODE_ENV: 'production', REDIS_URL, LGSP_KEY_PREFIX: prefix });
    expect(exit.code).toBe(ProductionSecretsError.EXIT_CODE);
    expect(exit.stderr).toContain('NODE_ENV=production refuses to start');
    for (const slot of secretSlots()) expect(exit.stderr).toContain(`${slot.path}`);
    expect(exit.stderr).not.toMatch(/\n\s+at /); // no stack trace
  },
);

test('a refusal is put on the audit trail when Redis answers and the audit key is a real one', async () => {
  const env: NodeJS.ProcessEnv = { ...productionEnv(), REDIS_URL, LGSP_KEY_PREFIX: prefix };
  delete env['NGSP_CONSUMER_SECRET'];
  const exit = await run('src/main/gateway.ts', env);
  expect(exit.code).toBe(78);
  const entries = await redis.xrange(auditStreamKey(prefix), '-', '+');
  const records = entries.map(
    ([, fields]) =>
      JSON.parse(fields[fields.indexOf('r') + 1] ?? '{}') as { action: string; target: string; detail: { settings: string[] } },
  );
  expect(records).toEqual([
    expect.objectContaining({
      action: 'startup.refused',
      target: 'gateway',
      detail: expect.objectContaining({ settings: ['gateway.yaml: ngsp.consumerSecret'] }),
    }),
  ]);
  expect(JSON.stringify(entries)).not.toContain('lgsp-bac-giang-ngsp-secret');
});

test('a Redis that never answers does not hold the refusal back longer than the audit budget', async () => {
  // Accepts the connection and then says nothing: the worst case, worse than a refused port.
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as AddressInfo;
  try {
    const err = new ProductionSecretsError(['x'], ['gateway.yaml: ngsp.consumerSecret'], {
      redis: { url: `redis://127.0.0.1:${port}`, clusterNodes: [], sentinels: [], sentinelMaster: 'mymaster' },
      keyPrefix: prefix,
      keys: [{ id: 'a1', key: 'k'.repeat(40) }],
      retentionDays: 1,
    });
    const started = Date.now();
    await expect(recordStartupRefusal(err, 'gateway', {})).resolves.toBe(false);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(REFUSAL_AUDIT_BUDGET_MS - 50);
    expect(elapsed).toBeLessThan(REFUSAL_AUDIT_BUDGET_MS + 300);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});

test('nothing is audited when the audit key itself is a development value', async () => {
  const env: NodeJS.ProcessEnv = { ...productionEnv(), REDIS_URL, LGSP_KEY_PREFIX: prefix };
  delete env['LGSP_AUDIT_KEY'];
  const before = await redis.xlen(auditStreamKey(prefix));
  const exit = await run('src/main/worker.ts', env);
  expect(exit.code).toBe(78);
  expect(exit.stderr).toContain('audit.keys.0.key');
  expect(await redis.xlen(auditStreamKey(prefix))).toBe(before);
});
