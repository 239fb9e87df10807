import { Redis } from 'ioredis';
import { startMocks } from '../../mocks/main';
import type { ExchangeRecord } from '../../src/connection-log/exchange-record';
import { connectionLogKey } from '../../src/infra/redis-keys';
import { ALL_ROLES, startRoles, type RolesHandle } from '../../src/main/start-roles';
import { copyConfig, fastCatalog, removeConfigCopy } from '../support/config-copy';
import { deleteKeys, testPrefix } from '../support/redis-prefix';
import { waitUntil } from '../support/wait-until';

/** `npm start` and own-stack run one core with every role: the sync path and the workers share one breaker per connection. */
const SERVICE = 'csdl-dan-cu';
const OPERATION = 'xac-thuc-cong-dan';
const PATH = `/api/v1/services/${SERVICE}/${OPERATION}`;
const IDEMPOTENCY_KEY = 'one-core-breaker-1';
// Long enough that the breaker stays open while the test looks at the queued job.
const RESET_MS = 8000;
const LIMITER_WINDOW_MS = 1000;

const prefix = testPrefix('one-core');
const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
let mocks: Awaited<ReturnType<typeof startMocks>>;
let configDir: string;
let roles: RolesHandle;
let token: string;

beforeAll(async () => {
  mocks = await startMocks({ ngspPort: 0, provincePort: 0 });
  configDir = copyConfig((file, text) =>
    file === 'catalog.yaml'
      ? fastCatalog(text, {
          timeoutMs: 2000,
          breaker: { volumeThreshold: 3, resetTimeoutMs: RESET_MS },
          retry: { attempts: 5, backoffMs: 100, maxBackoffMs: 400 },
        })
      : text,
  );
  const env = { ...process.env, NGSP_URL: mocks.ngspUrl, PROVINCE_URL: mocks.provinceUrl, LGSP_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' };
  roles = await startRoles({ roles: ALL_ROLES, port: 0, host: '127.0.0.1', env, configDir });
  const res = await fetch(`${roles.http!.url}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('mot-cua:mot-cua-dev-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
  await roles?.close();
  await mocks?.close();
  if (configDir) removeConfigCopy(configDir);
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

async function call(
  headers: Record<string, string> = {},
): Promise<{ status: number; error: string | null; body: Record<string, unknown> }> {
  const example = roles.core.catalog.getOperation(SERVICE, OPERATION).config.example;
  const res = await fetch(`${roles.http!.url}${PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(example),
  });
  return { status: res.status, error: res.headers.get('x-lgsp-error'), body: (await res.json()) as Record<string, unknown> };
}

/** The connection's exchanges that went out to the provider (an open breaker's refusals never leave). */
async function sentToProvider(): Promise<ExchangeRecord[]> {
  await roles.core.connectionLog.flush();
  const entries = await redis.xrange(connectionLogKey(prefix, SERVICE), '-', '+');
  return entries.map(([, fields]) => JSON.parse(fields[1] ?? '{}') as ExchangeRecord).filter((r) => r.requestOutTs !== null);
}

async function journalKeys(): Promise<Array<string | null>> {
  const res = await fetch(`${mocks.ngspUrl}/__mock/journal?serviceId=${SERVICE}`);
  return ((await res.json()) as { items: Array<{ idempotencyKey: string | null }> }).items.map((i) => i.idempotencyKey);
}

test("a breaker opened by sync calls holds back the same connection's queued job in the same process, which is delivered once after it closes", async () => {
  // 1. The provider is down: sync calls fail until the connection's breaker opens.
  await fetch(`${mocks.ngspUrl}/__mock/faults/${SERVICE}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode: 'down' }),
  });
  const errors: Array<string | null> = [];
  for (let i = 0; i < 20 && errors.at(-1) !== 'Server.Gateway.CircuitOpen'; i++) errors.push((await call()).error);
  expect(errors.at(-1)).toBe('Server.Gateway.CircuitOpen');
  expect(errors.slice(0, -1).every((e) => e === 'Server.Provider.Unreachable')).toBe(true);
  expect(roles.core.breakers.state(SERVICE)).toBe('open');
  const sentBySync = await sentToProvider();
  expect(sentBySync.every((r) => r.mode === 'sync')).toBe(true);

  // 2. The same operation queued: the worker of this process takes it, finds that open breaker and pauses the queue.
  const queued = await call({ prefer: 'respond-async', 'idempotency-key': IDEMPOTENCY_KEY });
  expect(queued.status).toBe(202);
  const jobId = String(queued.body['jobId']);
  const queue = roles.core.queues.queue(SERVICE)!;
  // Longer than the workers' limiter window (1 s, which any taken job starts): only the breaker pause sets that.
  const pausedForMs = await waitUntil(
    'the worker pauses the queue for the open breaker',
    async () => {
      const ttl = await queue.getRateLimitTtl();
      return ttl > LIMITER_WINDOW_MS ? ttl : undefined;
    },
    {
      timeoutMs: 5000,
      describe: async () => JSON.stringify(await queue.getJobCounts()),
    },
  );
  // The pause lasts until the shared breaker may let a trial through, not a breaker of the worker's own.
  expect(pausedForMs).toBeLessThanOrEqual(roles.core.breakers.retryAfterMs(SERVICE) + 1000);
  expect(roles.core.breakers.state(SERVICE)).toBe('open');
  // Nothing went to the provider for the job, and it spent no attempt.
  expect(await sentToProvider()).toEqual(sentBySync);
  expect((await queue.getJob(jobId))?.attemptsMade).toBe(0);
  expect(await journalKeys()).not.toContain(IDEMPOTENCY_KEY);

  // 3. The provider recovers: after the reset the one breaker lets the job through, and it is delivered once.
  await fetch(`${mocks.ngspUrl}/__mock/faults/${SERVICE}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode: 'ok' }),
  });
  await waitUntil('the job completes', async () => ((await queue.getJobState(jobId)) === 'completed' ? true : undefined), {
    timeoutMs: RESET_MS + 10_000,
    intervalMs: 100,
    describe: async () => `${await queue.getJobState(jobId)}; breaker ${roles.core.breakers.state(SERVICE)}`,
  });
  expect(roles.core.breakers.state(SERVICE)).toBe('closed');
  expect((await journalKeys()).filter((k) => k === IDEMPOTENCY_KEY)).toHaveLength(1);
}, 40_000);

test("every role runs on the one core: /ready counts this process's workers", async () => {
  const res = await fetch(`${roles.http!.url}/ready`);
  const body = (await res.json()) as { checks: Record<string, Array<{ status: string; observedValue: unknown }>> };
  const workers = body.checks['workers:count']?.[0];
  expect(workers).toMatchObject({ status: 'pass' });
  expect(workers?.observedValue).toBeGreaterThan(0);
});
