import request from 'supertest';
import { jobKey } from '../../src/infra/redis-keys';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
const KHAI_SINH = '/api/v1/services/ho-tich/dang-ky-khai-sinh';
const body = () => stack.gateway.catalog.getOperation('ho-tich', 'dang-ky-khai-sinh').config.example;
const bearer = async (consumer = 'mot-cua') => `Bearer ${await stack.token(consumer)}`;

beforeAll(async () => {
  stack = await startTestStack('async-delivery', { workers: true });
});

afterAll(async () => {
  await stack?.close();
});

afterEach(async () => {
  await stack.resetMocks();
});

async function jobOf(jobId: string, consumer = 'mot-cua'): Promise<request.Response> {
  return request(stack.gateway.app)
    .get(`/api/v1/jobs/${jobId}`)
    .set('Authorization', await bearer(consumer));
}

/** Polls the job until it settles (bounded: 100 × 100 ms). */
async function settled(jobId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const res = await jobOf(jobId);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not settle`);
}

test('an async operation answers 202 with Location, and the job completes with the mapped result', async () => {
  const res = await request(stack.gateway.app)
    .post(KHAI_SINH)
    .set('Authorization', await bearer())
    .send(body());
  expect(res.status).toBe(202);
  expect(res.headers['location']).toBe(`/api/v1/jobs/${res.body.jobId}`);
  expect(res.body).toEqual({ jobId: expect.stringMatching(/^ho-tich\./), status: 'queued', statusUrl: res.headers['location'] });
  const job = await settled(res.body.jobId);
  expect(job).toMatchObject({
    serviceId: 'ho-tich',
    operationId: 'dang-ky-khai-sinh',
    status: 'completed',
    attempts: 1,
    result: { daTiepNhan: true },
  });
  const journal = await stack.journal('ho-tich');
  expect(journal.items).toEqual([expect.objectContaining({ requestId: res.headers['x-request-id'], idempotencyKey: res.body.jobId })]);
  const records = await stack.exchanges('ho-tich');
  expect(records.find((r) => r.jobId === res.body.jobId)).toMatchObject({ mode: 'async', attempt: 1, outcome: 'success' });
});

test('a sync operation called with Prefer: respond-async is queued', async () => {
  const res = await request(stack.gateway.app)
    .post('/api/v1/services/ho-tich/tra-cuu')
    .set('Authorization', await bearer())
    .set('Prefer', 'respond-async')
    .send({ maDonVi: 7210, maHoSo: 'H06.22-240301-0012' });
  expect(res.status).toBe(202);
  expect(await settled(res.body.jobId)).toMatchObject({ status: 'completed', result: { trangThai: 4, moTa: 'Đã hoàn thành đăng ký' } });
});

test('a repeated Idempotency-Key gives back the same job and the provider receives the request once', async () => {
  const send = async () =>
    request(stack.gateway.app)
      .post(KHAI_SINH)
      .set('Authorization', await bearer())
      .set('Idempotency-Key', 'ks-000777')
      .send(body());
  const first = await send();
  await settled(first.body.jobId);
  const second = await send();
  expect(second.status).toBe(202);
  expect(second.body.jobId).toBe(first.body.jobId);
  expect(second.body.status).toBe('completed');
  const journal = await stack.journal('ho-tich');
  expect(journal.items.filter((i) => i['idempotencyKey'] === 'ks-000777')).toHaveLength(1);
});

test('a caller sees only its own jobs', async () => {
  const res = await request(stack.gateway.app)
    .post(KHAI_SINH)
    .set('Authorization', await bearer())
    .send(body());
  const other = await jobOf(res.body.jobId, 'bao-cao');
  expect([other.status, other.body.type]).toEqual([404, 'Client.UnknownJob']);
  await settled(res.body.jobId);
});

test('a content rejection by the provider fails after one attempt with its code kept', async () => {
  await stack.fault('ho-tich', { mode: 'error', status: 400 });
  const res = await request(stack.gateway.app)
    .post(KHAI_SINH)
    .set('Authorization', await bearer())
    .send(body());
  const job = await settled(res.body.jobId);
  expect(job).toMatchObject({ status: 'failed', attempts: 1, error: { type: 'Server.Provider.Error', providerCode: expect.any(String) } });
});

test('an unreachable provider is retried with backoff, then the job is delivered', async () => {
  await stack.fault('ho-tich', { mode: 'down' });
  const res = await request(stack.gateway.app)
    .post(KHAI_SINH)
    .set('Authorization', await bearer())
    .send(body());
  for (let i = 0; i < 50 && (await jobOf(res.body.jobId)).body.status !== 'retrying'; i++) await new Promise((r) => setTimeout(r, 50));
  expect((await jobOf(res.body.jobId)).body).toMatchObject({ status: 'retrying', error: { type: 'Server.Provider.Unreachable' } });
  await stack.fault('ho-tich', { mode: 'ok' });
  const job = await settled(res.body.jobId);
  expect(job).toMatchObject({ status: 'completed' });
  expect(job['attempts']).toBeGreaterThanOrEqual(2);
  const attempts = (await stack.exchanges('ho-tich')).filter((r) => r.jobId === res.body.jobId);
  expect(attempts.map((r) => r.outcome)).toEqual([...Array(attempts.length - 1).fill('failure'), 'success']);
});

test('queued job data keeps no personal data in clear', async () => {
  const res = await request(stack.gateway.app)
    .post(KHAI_SINH)
    .set('Authorization', await bearer())
    .send(body());
  const key = jobKey(stack.prefix, 'ho-tich', res.body.jobId);
  const raw = JSON.stringify(await stack.redis.hgetall(key));
  expect(raw).toContain('sealedInput');
  for (const personal of ['024065000222', '024090001234', 'Trần Thị Cúc', 'Nguyễn Minh Khang']) expect(raw).not.toContain(personal);
  await settled(res.body.jobId);
});

test('with delivery workers running, /ready passes and counts them', async () => {
  const ready = await request(stack.gateway.app).get('/ready');
  expect(ready.status).toBe(200);
  expect(JSON.parse(ready.text)).toMatchObject({
    status: 'pass',
    checks: { 'workers:count': [expect.objectContaining({ status: 'pass', observedValue: expect.any(Number) })] },
  });
  expect(JSON.parse(ready.text).checks['workers:count'][0].observedValue).toBeGreaterThan(0);
});
