import request from 'supertest';
import type { GatewayParts } from '../../src/main/compose-gateway';
import { bearer, example, QuotaLab } from './quota-support';

const SYNC = '/api/v1/services/csdl-dan-cu/xac-thuc-cong-dan';
const ASYNC = '/api/v1/services/ho-tich/dang-ky-khai-sinh';
const OTHER_ASYNC = '/api/v1/services/emc-giam-sat/ghi-nhan-su-kien';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let lab: QuotaLab;

beforeAll(async () => {
  lab = await QuotaLab.start();
});

afterAll(async () => {
  await lab?.close();
});

async function syncCall(parts: GatewayParts, auth: string): Promise<request.Response> {
  return request(parts.app)
    .post(SYNC)
    .set('Authorization', auth)
    .send(example(parts, 'csdl-dan-cu', 'xac-thuc-cong-dan'));
}

async function submit(parts: GatewayParts, auth: string, path = ASYNC, body?: unknown, key?: string): Promise<request.Response> {
  const [serviceId = '', operationId = ''] = path.split('/').slice(-2);
  const req = request(parts.app).post(path).set('Authorization', auth);
  if (key) req.set('Idempotency-Key', key);
  return req.send((body ?? example(parts, serviceId, operationId)) as object);
}

function expectRefused(res: request.Response, limit: string): void {
  expect(res.status).toBe(429);
  expect(res.body).toMatchObject({ type: 'Client.RateLimited', message: expect.stringContaining(`Quota ${limit} exceeded`) });
  expect(res.headers['x-lgsp-limit']).toBe(limit);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
}

async function rateLimitedMetric(parts: GatewayParts, limit: string): Promise<number> {
  const metric = await parts.metrics.registry.getSingleMetric('lgsp_rate_limited_total')?.get();
  return metric?.values.find((v) => v.labels['consumer'] === 'mot-cua' && v.labels['limit'] === limit)?.value ?? 0;
}

describe('sync calls per second', () => {
  test('over the sustained rate, calls are refused 429 Client.RateLimited with Retry-After, naming sync-rate, and counted in /metrics', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-sync-over'), { syncPerSecond: 2, syncBurst: 4 });
    const auth = await bearer(parts);
    const answers = await Promise.all(Array.from({ length: 12 }, () => syncCall(parts, auth)));
    const refused = answers.filter((r) => r.status === 429);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(4);
    expect(refused.length).toBeGreaterThanOrEqual(7);
    for (const res of refused) expectRefused(res, 'sync-rate');
    expect(refused[0]?.body.message).toContain('at most 2 sync calls/s (burst 4)');
    expect(await rateLimitedMetric(parts, 'sync-rate')).toBe(refused.length);
    const scrape = await request(parts.app).get('/metrics');
    expect(scrape.text).toMatch(/lgsp_rate_limited_total\{consumer="mot-cua",limit="sync-rate"\} \d+/);
  });

  test('under the sustained rate, no call is ever refused', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-sync-under'), { syncPerSecond: 20, syncBurst: 2 });
    const auth = await bearer(parts);
    const statuses: number[] = [];
    // 10 calls/s against a quota of 20/s with a burst of only 2: pacing, not the burst, keeps it under.
    for (let i = 0; i < 20; i++) {
      statuses.push((await syncCall(parts, auth)).status);
      await sleep(100);
    }
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  test('a burst up to syncBurst passes at once, the next call is refused, and a token comes back after 1/rate', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-sync-burst'), { syncPerSecond: 2, syncBurst: 6 });
    const auth = await bearer(parts);
    const burst = await Promise.all(Array.from({ length: 6 }, () => syncCall(parts, auth)));
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expectRefused(await syncCall(parts, auth), 'sync-rate');
    await sleep(600);
    expect((await syncCall(parts, auth)).status).toBe(200);
  });

  test('two gateway processes on one Redis share one quota', async () => {
    const prefix = lab.newPrefix('quota-shared');
    const a = await lab.gateway(prefix, { syncPerSecond: 0.1, syncBurst: 6 });
    const b = await lab.gateway(prefix, { syncPerSecond: 0.1, syncBurst: 6 });
    const auth = await bearer(a);
    for (let i = 0; i < 3; i++) {
      expect((await syncCall(a, auth)).status).toBe(200);
      expect((await syncCall(b, auth)).status).toBe(200);
    }
    expectRefused(await syncCall(b, auth), 'sync-rate');
    expectRefused(await syncCall(a, auth), 'sync-rate');
  });

  test('one consumer over its quota does not slow another consumer down', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-per-consumer'), { syncPerSecond: 0.1, syncBurst: 1 });
    const motCua = await bearer(parts);
    const baoCao = await bearer(parts, 'bao-cao');
    await syncCall(parts, motCua);
    expectRefused(await syncCall(parts, motCua), 'sync-rate');
    const other = await request(parts.app)
      .post('/api/v1/services/danh-muc-dung-chung/lay-danh-muc')
      .set('Authorization', baoCao)
      .send(example(parts, 'danh-muc-dung-chung', 'lay-danh-muc'));
    expect(other.status).toBe(200);
  });
});

describe('async submissions', () => {
  test('over asyncPerSecond, submits are refused naming async-rate, and no job is added', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-async-rate'), { asyncPerSecond: 0.1, asyncBurst: 3 });
    const auth = await bearer(parts);
    for (let i = 0; i < 3; i++) expect((await submit(parts, auth)).status).toBe(202);
    const refused = await submit(parts, auth);
    expectRefused(refused, 'async-rate');
    expect(refused.body.message).toContain('async submissions/s');
    expect((await parts.queues.counts('ho-tich')).waiting).toBe(3);
  });

  test('waiting jobs are capped per connection; a job that ends gives its place back', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-waiting'), { waitingJobs: 2 });
    const auth = await bearer(parts);
    expect((await submit(parts, auth)).status).toBe(202);
    expect((await submit(parts, auth)).status).toBe(202);
    const refused = await submit(parts, auth);
    expectRefused(refused, 'waiting-jobs');
    expect(refused.body.message).toContain("2 unfinished jobs on 'ho-tich' (at most 2)");
    // Per connection: another connection of the same consumer still takes jobs.
    expect((await submit(parts, auth, OTHER_ASYNC)).status).toBe(202);
    await lab.startWorkers(parts);
    const deadline = Date.now() + 15_000;
    let again = await submit(parts, auth);
    while (again.status === 429 && Date.now() < deadline) {
      await sleep(200);
      again = await submit(parts, auth);
    }
    expect(again.status).toBe(202);
  });

  test('bytes queued are capped per consumer across its connections', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-bytes'), { bytesQueued: 4000 });
    const auth = await bearer(parts);
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 20 && last?.status !== 429; i++) {
      last = await submit(parts, auth, i % 2 ? OTHER_ASYNC : ASYNC);
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(1);
    expectRefused(last!, 'bytes-queued');
    expect(last!.body.message).toMatch(/has \d+ bytes in unfinished jobs; this one \(\d+ bytes\) would pass 4000/);
  });

  test('the shipped defaults (100/s, burst 200) take the morning-peak rate of one consumer', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-defaults'), {});
    expect(parts.config.consumers.find((c) => c.id === 'mot-cua')?.quotas).toEqual({
      syncPerSecond: 100,
      syncBurst: 200,
      asyncPerSecond: 100,
      asyncBurst: 200,
      waitingJobsPerConnection: 10_000,
      bytesQueued: 268_435_456,
    });
    const auth = await bearer(parts);
    const answers = await Promise.all(Array.from({ length: 60 }, () => submit(parts, auth)));
    expect(answers.map((r) => r.status).filter((s) => s !== 202)).toEqual([]);
  });
});

describe('the dashboard', () => {
  test('GET /admin/api/quotas shows each consumer its quotas beside its use', async () => {
    const parts = await lab.gateway(lab.newPrefix('quota-dashboard'), { asyncBurst: 50 });
    await submit(parts, await bearer(parts));
    const res = await request(parts.app)
      .get('/admin/api/quotas')
      .set('Authorization', await bearer(parts, 'van-hanh'));
    expect(res.status).toBe(200);
    const motCua = res.body.consumers.find((c: { consumer: string }) => c.consumer === 'mot-cua');
    expect(motCua).toMatchObject({
      waitingJobs: { 'ho-tich': 1 },
      bytesQueued: expect.any(Number),
      asyncTokens: 49,
      quotas: { asyncBurst: 50 },
    });
    expect(motCua.bytesQueued).toBeGreaterThan(0);
    expect(res.body.consumers.map((c: { consumer: string }) => c.consumer)).toEqual(['mot-cua', 'qlvb', 'bao-cao']);
    const denied = await request(parts.app)
      .get('/admin/api/quotas')
      .set('Authorization', await bearer(parts));
    expect(denied.status).toBe(403);
  });
});
