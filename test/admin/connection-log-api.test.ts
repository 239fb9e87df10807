import request from 'supertest';
import type { ExchangeRecord } from '../../src/connection-log/exchange-record';
import { connectionLogKey } from '../../src/infra/redis-keys';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
let operator: string;
const app = () => stack.gateway.app;
const NOW = Date.now();

function record(i: number, over: Partial<ExchangeRecord>): ExchangeRecord {
  const at = new Date(NOW - 3_600_000 + i * 1000).toISOString();
  return {
    requestId: `req-${i}`,
    jobId: null,
    consumer: 'mot-cua',
    serviceId: 'bhxh',
    operationId: 'tra-cuu-qua-trinh-dong',
    direction: 'ngsp',
    mode: 'sync',
    attempt: 1,
    startedAt: at,
    durationMs: 12,
    httpStatus: 200,
    outcome: 'success',
    errorType: null,
    providerCode: null,
    requestInTs: at,
    requestOutTs: at,
    responseInTs: at,
    responseOutTs: at,
    requestBytes: 100,
    responseBytes: 200,
    ...over,
  };
}

/** Seeds records straight into the streams with ids at their own times, as the writer would have. */
async function seed(records: ExchangeRecord[]): Promise<void> {
  const pipeline = stack.redis.pipeline();
  records.forEach((r, i) =>
    pipeline.xadd(connectionLogKey(stack.prefix, r.serviceId), `${Date.parse(r.startedAt)}-${i}`, 'r', JSON.stringify(r)),
  );
  await pipeline.exec();
}

async function get(path: string, token = operator): Promise<request.Response> {
  return request(app()).get(path).set('Authorization', `Bearer ${token}`);
}

beforeAll(async () => {
  stack = await startTestStack('log-api');
  operator = await stack.token('van-hanh');
  const records: ExchangeRecord[] = [];
  for (let i = 0; i < 300; i++) {
    const serviceId = i % 3 === 0 ? 'bhxh' : i % 3 === 1 ? 'vneid' : 'csdl-gia';
    records.push(
      record(i, {
        serviceId,
        consumer: serviceId === 'csdl-gia' ? 'bao-cao' : 'mot-cua',
        outcome: i % 10 === 0 ? 'failure' : 'success',
        errorType: i % 10 === 0 ? 'Server.Provider.Timeout' : null,
      }),
    );
  }
  await seed(records);
});

afterAll(async () => {
  await stack?.close();
});

test('pages through every record newest first, across connections, with no gap or repeat', async () => {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: request.Response = await get(`/admin/api/connections?limit=40${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    seen.push(...res.body.items.map((i: { requestId: string }) => i.requestId));
    cursor = res.body.nextCursor;
    pages += 1;
  } while (cursor && pages < 20);
  expect(seen).toHaveLength(300);
  expect(new Set(seen).size).toBe(300);
  expect(seen[0]).toBe('req-299');
  expect(seen[299]).toBe('req-0');
});

test('filters by service, consumer, outcome and time range', async () => {
  const bySvc = await get('/admin/api/connections?serviceId=vneid&limit=1000');
  expect(bySvc.body.items).toHaveLength(100);
  expect(bySvc.body.items.every((i: ExchangeRecord) => i.serviceId === 'vneid')).toBe(true);
  const byConsumer = await get('/admin/api/connections?consumer=bao-cao&limit=1000');
  expect(byConsumer.body.items).toHaveLength(100);
  const failures = await get('/admin/api/connections?outcome=failure&limit=1000');
  expect(failures.body.items).toHaveLength(30);
  expect(failures.body.items.every((i: ExchangeRecord) => i.errorType === 'Server.Provider.Timeout')).toBe(true);
  const from = new Date(NOW - 3_600_000 + 100 * 1000).toISOString();
  const to = new Date(NOW - 3_600_000 + 149 * 1000).toISOString();
  const range = await get(`/admin/api/connections?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=1000`);
  expect(range.body.items.map((i: ExchangeRecord) => i.requestId)).toEqual(Array.from({ length: 50 }, (_v, k) => `req-${149 - k}`));
});

test('exports a time range as NDJSON', async () => {
  const res = await get('/admin/api/connections/export?serviceId=bhxh');
  expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
  const lines = res.text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines).toHaveLength(100);
  expect(lines[0]).toMatchObject({ serviceId: 'bhxh', requestId: 'req-297' });
});

test('bad filters are Client.BadRequest and an unknown service Client.UnknownService', async () => {
  expect((await get('/admin/api/connections?outcome=maybe')).body.type).toBe('Client.BadRequest');
  expect((await get('/admin/api/connections?cursor=xyz')).body.type).toBe('Client.BadRequest');
  expect((await get('/admin/api/connections?serviceId=nope')).status).toBe(404);
});

test('records older than the retention are trimmed', async () => {
  const old = record(0, { serviceId: 'dat-dai', requestId: 'req-old', startedAt: new Date(NOW - 40 * 86_400_000).toISOString() });
  const fresh = record(1, { serviceId: 'dat-dai', requestId: 'req-fresh' });
  await seed([old, fresh]);
  expect(await stack.gateway.connectionLog.trimExpired(['dat-dai'])).toBe(1);
  const res = await get('/admin/api/connections?serviceId=dat-dai');
  expect(res.body.items.map((i: ExchangeRecord) => i.requestId)).toEqual(['req-fresh']);
});

test('records written by real exchanges carry no payload or personal data', async () => {
  const consumer = await stack.token('mot-cua');
  const body = { soDinhDanh: '024090001234', hoVaTen: 'Nguyễn Văn An', ngaySinh: '1990-05-12' };
  const call = await request(app())
    .post('/api/v1/services/csdl-dan-cu/xac-thuc-cong-dan')
    .set('Authorization', `Bearer ${consumer}`)
    .send(body);
  await stack.gateway.connectionLog.flush();
  const res = await get('/admin/api/connections?serviceId=csdl-dan-cu');
  const item = res.body.items.find((i: ExchangeRecord) => i.requestId === call.headers['x-request-id']);
  expect(item).toMatchObject({
    consumer: 'mot-cua',
    outcome: 'success',
    requestBytes: expect.any(Number),
    responseBytes: expect.any(Number),
    requestOutTs: expect.any(String),
    responseInTs: expect.any(String),
  });
  const text = JSON.stringify(res.body);
  for (const value of ['024090001234', 'Nguyễn Văn An', '1990-05-12', '19900512']) expect(text).not.toContain(value);
});

test('a consumer token gets 403 on every admin endpoint', async () => {
  const consumer = await stack.token('mot-cua');
  for (const path of [
    '/admin/api/connections',
    '/admin/api/services',
    '/admin/api/services/bhxh',
    '/admin/api/services/bhxh/dead-letters',
    '/admin/api/connections/export',
  ]) {
    const res = await get(path, consumer);
    expect([path, res.status, res.body.type]).toEqual([path, 403, 'Client.AccessDenied']);
  }
  expect((await request(app()).get('/admin/api/services')).status).toBe(401);
});
