import request from 'supertest';
import type { MemoryReading } from '../../src/limits/quota-memory-admission';
import { bearer, example, QuotaLab } from './quota-support';

const ASYNC = '/api/v1/services/ho-tich/dang-ky-khai-sinh';
const SYNC = '/api/v1/services/csdl-dan-cu/xac-thuc-cong-dan';

let lab: QuotaLab;

beforeAll(async () => {
  lab = await QuotaLab.start();
});

afterAll(async () => {
  await lab?.close();
});

describe('admission by Redis memory (the real maxmemory is never changed: the reading is injected)', () => {
  test('above maxMemoryShare an async submit answers 503 QueueUnavailable with Retry-After, and no job is added; sync calls still run', async () => {
    let reading: MemoryReading = { used: 81, max: 100 };
    const parts = await lab.gateway(lab.newPrefix('quota-admission'), {}, { redisMemory: async () => reading });
    const auth = await bearer(parts);
    const refused = await request(parts.app)
      .post(ASYNC)
      .set('Authorization', auth)
      .send(example(parts, 'ho-tich', 'dang-ky-khai-sinh'));
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({
      type: 'Server.Gateway.QueueUnavailable',
      message: expect.stringContaining('Redis uses 81% of its memory (admission limit 80%)'),
    });
    expect(refused.headers['retry-after']).toBe('30');
    expect((await parts.queues.counts('ho-tich')).waiting).toBe(0);
    const sync = await request(parts.app)
      .post(SYNC)
      .set('Authorization', auth)
      .send(example(parts, 'csdl-dan-cu', 'xac-thuc-cong-dan'));
    expect(sync.status).toBe(200);
    const ready = await request(parts.app).get('/ready');
    expect(JSON.parse(ready.text).checks['redis:admission'][0]).toMatchObject({
      status: 'warn',
      observedValue: expect.stringContaining('81% of maxmemory'),
    });

    reading = { used: 50, max: 100 };
    await parts.admission.refresh();
    const accepted = await request(parts.app)
      .post(ASYNC)
      .set('Authorization', auth)
      .send(example(parts, 'ho-tich', 'dang-ky-khai-sinh'));
    expect(accepted.status).toBe(202);
  });

  test('with no maxmemory on Redis admission is off, and /ready says so', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-admission-off'), {}, { redisMemory: async () => ({ used: 10 ** 12, max: 0 }) });
    const auth = await bearer(parts);
    const res = await request(parts.app)
      .post(ASYNC)
      .set('Authorization', auth)
      .send(example(parts, 'ho-tich', 'dang-ky-khai-sinh'));
    expect(res.status).toBe(202);
    const ready = await request(parts.app).get('/ready');
    expect(JSON.parse(ready.text).checks['redis:admission'][0]).toMatchObject({
      status: 'pass',
      observedValue: 'off: Redis has no maxmemory',
    });
  });

  test('the memory reading is cached: many submits read INFO about once per refreshMs, not once each', async () => {
    let reads = 0;
    const parts = await lab.gateway(
      lab.newPrefix('quota-admission-cache'),
      {},
      { redisMemory: async () => (reads++, { used: 1, max: 100 }) },
    );
    const auth = await bearer(parts);
    for (let i = 0; i < 20; i++)
      expect(
        (
          await request(parts.app)
            .post(ASYNC)
            .set('Authorization', auth)
            .send(example(parts, 'ho-tich', 'dang-ky-khai-sinh'))
        ).status,
      ).toBe(202);
    expect(reads).toBeLessThanOrEqual(2);
  });
});

describe('Idempotency-Key (IETF draft)', () => {
  test('the same key with the same body gives back the same job; with a different body it is refused 422 Client.IdempotencyKeyMismatch', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-idempotency'), {});
    const auth = await bearer(parts);
    const body = example(parts, 'ho-tich', 'dang-ky-khai-sinh');
    const send = (b: unknown, key: string): request.Test =>
      request(parts.app)
        .post(ASYNC)
        .set('Authorization', auth)
        .set('Idempotency-Key', key)
        .send(b as object);
    const first = await send(body, 'same-key-1');
    expect(first.status).toBe(202);
    // Key order and whitespace do not make another request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await send(reordered, 'same-key-1');
    expect(again.status).toBe(202);
    expect(again.body.jobId).toBe(first.body.jobId);
    const changed = await send({ ...body, maHoSo: 'H06.22-240315-0004' }, 'same-key-1');
    expect(changed.status).toBe(422);
    expect(changed.body).toMatchObject({ type: 'Client.IdempotencyKeyMismatch', message: expect.stringContaining('different body') });
    expect(changed.headers['x-lgsp-error']).toBe('Client.IdempotencyKeyMismatch');
    expect((await parts.queues.counts('ho-tich')).waiting).toBe(1);
    // Another key is another request.
    const other = await send(body, 'same-key-2');
    expect(other.status).toBe(202);
    expect(other.body.jobId).not.toBe(first.body.jobId);
  });

  test('concurrent repeats of one key and body give one job, charged once', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-idempotency-concurrent'), {});
    const auth = await bearer(parts);
    const body = example(parts, 'ho-tich', 'dang-ky-khai-sinh');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        request(parts.app).post(ASYNC).set('Authorization', auth).set('Idempotency-Key', 'burst-key').send(body),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((r) => r.body.jobId)).size).toBe(1);
    const [use] = await parts.quotas.usage(['mot-cua']);
    expect(use?.waitingJobs).toEqual({ 'ho-tich': 1 });
  });
});
