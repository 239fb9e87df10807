import { Redis } from 'ioredis';
import request from 'supertest';
import { startMocks, type RunningMocks } from '../../mocks/main';
import { connectionLogKey } from '../../src/infra/redis-keys';
import type { ExchangeRecord } from '../../src/connection-log/exchange-record';
import { composeGateway, type GatewayParts } from '../../src/main/compose-gateway';
import { startDelivery, type DeliveryHandle } from '../../src/main/start-delivery';
import { startOwnRedis, type OwnRedis } from '../support/own-redis';
import { deleteKeys, testPrefix } from '../support/redis-prefix';
import { waitUntil } from '../support/wait-until';

// A Redis of this test's own: it is stopped and started again on the same port.
let own: OwnRedis;
let mocks: RunningMocks;
let parts: GatewayParts;
let delivery: DeliveryHandle;
let prefix: string;
let checker: Redis | undefined;
// What reached stderr past the gateway's logger (BullMQ prints an 'error' event nobody listens to).
let consoleErrors: jest.SpiedFunction<typeof console.error>;
const OUTAGE_REQUEST_ID = 'outage-sync-call-1';

const SYNC = '/api/v1/services/csdl-dan-cu/xac-thuc-cong-dan';
const ASYNC = '/api/v1/services/emc-giam-sat/ghi-nhan-su-kien';
const ASYNC_UNUSED = '/api/v1/services/ho-tich/dang-ky-khai-sinh';
const example = (serviceId: string, operationId: string): object =>
  parts.catalog.getOperation(serviceId, operationId).config.example as object;

beforeAll(async () => {
  consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  own = await startOwnRedis();
  mocks = await startMocks({ ngspPort: 0, provincePort: 0 });
  prefix = testPrefix('redis-outage');
  const env = { ...process.env, REDIS_URL: own.url, NGSP_URL: mocks.ngspUrl, PROVINCE_URL: mocks.provinceUrl, LGSP_KEY_PREFIX: prefix };
  parts = composeGateway({ env });
  if (!(await parts.redisReady())) throw new Error('own Redis did not answer');
  delivery = await startDelivery(parts);
});

afterAll(async () => {
  // Queues and workers close cleanly only against a Redis that answers.
  await own?.start();
  await delivery?.close();
  await parts?.close();
  await mocks?.close();
  if (checker) {
    await deleteKeys(checker, prefix);
    checker.disconnect();
  }
  await own?.dispose();
  consoleErrors?.mockRestore();
});

async function token(): Promise<string> {
  const res = await request(parts.app)
    .post('/token')
    .auth('mot-cua', 'mot-cua-dev-secret')
    .type('form')
    .send({ grant_type: 'client_credentials' });
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

async function settledJob(bearer: string, jobId: string): Promise<Record<string, unknown>> {
  return waitUntil(
    `job ${jobId} settles`,
    async () => {
      const res = await request(parts.app).get(`/api/v1/jobs/${jobId}`).set('Authorization', bearer);
      return res.body.status === 'completed' || res.body.status === 'failed' ? (res.body as Record<string, unknown>) : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 100 },
  );
}

test('while Redis is stopped, async calls answer 503 QueueUnavailable at once, /ready is 503, and sync calls still answer 200', async () => {
  // The queue is in use before the outage, as on a running gateway.
  const before = await request(parts.app)
    .post(ASYNC)
    .set('Authorization', `Bearer ${await token()}`)
    .send(example('emc-giam-sat', 'ghi-nhan-su-kien'));
  expect(before.status).toBe(202);
  expect(await settledJob(`Bearer ${await token()}`, before.body.jobId)).toMatchObject({ status: 'completed' });

  await own.stop();
  await waitUntil('the gateway sees Redis gone', async () => (parts.redis.status !== 'ready' ? true : undefined), { timeoutMs: 5000 });
  const bearer = `Bearer ${await token()}`;

  for (const [path, body] of [
    [ASYNC, example('emc-giam-sat', 'ghi-nhan-su-kien')],
    [ASYNC_UNUSED, example('ho-tich', 'dang-ky-khai-sinh')],
  ] as const) {
    const { result: res, ms } = await timed(() => request(parts.app).post(path).set('Authorization', bearer).send(body));
    expect({ path, status: res.status, type: res.body.type, header: res.headers['x-lgsp-error'] }).toEqual({
      path,
      status: 503,
      type: 'Server.Gateway.QueueUnavailable',
      header: 'Server.Gateway.QueueUnavailable',
    });
    expect(res.headers['retry-after']).toBeDefined();
    expect(ms).toBeLessThan(1000);
  }

  const { result: ready, ms: readyMs } = await timed(() => request(parts.app).get('/ready'));
  expect(ready.status).toBe(503);
  expect(JSON.parse(ready.text)).toMatchObject({ status: 'fail' });
  expect(readyMs).toBeLessThan(1500);

  const sync = await request(parts.app)
    .post(SYNC)
    .set('Authorization', bearer)
    .set('X-Request-Id', OUTAGE_REQUEST_ID)
    .send(example('csdl-dan-cu', 'xac-thuc-cong-dan'));
  expect(sync.status).toBe(200);
  expect(sync.body).toMatchObject({ data: { tonTai: true }, meta: { requestId: OUTAGE_REQUEST_ID } });
  // Its connection-log record waits in memory for Redis.
  expect(parts.connectionLog.pending).toBeGreaterThan(0);
});

test('after Redis is back, /ready is 200, async calls are accepted and delivered, and the records kept during the outage reach the connection log', async () => {
  await own.start();
  checker = new Redis(own.url);
  await waitUntil('/ready answers 200', async () => ((await request(parts.app).get('/ready')).status === 200 ? true : undefined), {
    timeoutMs: 15_000,
    intervalMs: 100,
  });

  const bearer = `Bearer ${await token()}`;
  const res = await request(parts.app).post(ASYNC).set('Authorization', bearer).send(example('emc-giam-sat', 'ghi-nhan-su-kien'));
  expect(res.status).toBe(202);
  expect(await settledJob(bearer, res.body.jobId)).toMatchObject({ status: 'completed' });

  const key = connectionLogKey(prefix, 'csdl-dan-cu');
  const redis = checker;
  const record = await waitUntil(
    'the sync call of the outage reaches the connection log',
    async () => {
      const entries = await redis.xrange(key, '-', '+');
      const records = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('r') + 1] ?? '{}') as ExchangeRecord);
      return records.find((r) => r.requestId === OUTAGE_REQUEST_ID);
    },
    {
      timeoutMs: 10_000,
      intervalMs: 100,
      describe: () => `pending ${parts.connectionLog.pending}, dropped ${parts.connectionLog.dropped}`,
    },
  );
  expect(record).toMatchObject({ serviceId: 'csdl-dan-cu', operationId: 'xac-thuc-cong-dan', mode: 'sync', outcome: 'success' });
  expect(parts.connectionLog.dropped).toBe(0);
});

test("the outage is reported through the gateway's logger, never as raw errors printed to stderr", () => {
  // Each unheard 'error' event is one stack trace on stderr per reconnect attempt per queue:
  // thousands of non-JSON lines in a long outage, beside the WARN lines the gateway already writes.
  const printed = consoleErrors.mock.calls.map((args) =>
    args.map((a: unknown) => (a instanceof Error ? `${a.constructor.name}: ${a.message}` : String(a))).join(' '),
  );
  expect(printed).toEqual([]);
});
