import request from 'supertest';
import { statusOf } from '../../src/admin/service-health';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
const app = () => stack.gateway.app;
const auth = async (who: string) => `Bearer ${await stack.token(who)}`;
const PARCEL = { maXa: '07210', soTo: '12', soThua: '345' };

beforeAll(async () => {
  stack = await startTestStack('health-metrics', { timeoutMs: 2000, breaker: { volumeThreshold: 3, resetTimeoutMs: 60_000 } });
});

afterAll(async () => {
  await stack?.close();
});

async function call(path: string, body: object): Promise<request.Response> {
  return request(app())
    .post(path)
    .set('Authorization', await auth('mot-cua'))
    .set('X-Request-Id', `req-${Math.random().toString(36).slice(2)}`)
    .send(body);
}

test('the health view gives each connection of the catalog its breaker, queue, last outcomes, counts and latency', async () => {
  for (let i = 0; i < 4; i++) expect((await call('/api/v1/services/dat-dai/tra-cuu-thua-dat', PARCEL)).status).toBe(200);
  await stack.fault('dat-dai', { mode: 'error', status: 500 });
  await call('/api/v1/services/dat-dai/tra-cuu-thua-dat', PARCEL);
  await stack.gateway.connectionLog.flush();

  const res = await request(app())
    .get('/admin/api/services')
    .set('Authorization', await auth('van-hanh'));
  expect(res.status).toBe(200);
  expect(res.body.services.map((s: { id: string }) => s.id)).toEqual(stack.gateway.catalog.listConnections().map((c) => c.id));
  const datDai = res.body.services.find((s: { id: string }) => s.id === 'dat-dai');
  expect(datDai).toMatchObject({
    status: 'red',
    breaker: { state: 'closed' },
    queue: { waiting: 0, active: 0, delayed: 0, failed: 0, deadLetters: 0 },
    lastSuccess: { at: expect.any(String) },
    lastFailure: { at: expect.any(String), errorType: 'Server.Provider.Error' },
    last5m: { count: 5, success: 4, failure: 1, p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number) },
    last1h: { count: 5 },
  });
  const quiet = res.body.services.find((s: { id: string }) => s.id === 'bhxh');
  expect(quiet).toMatchObject({ status: 'green', last5m: { count: 0, p50: null }, lastSuccess: null, lastFailure: null });

  const one = await request(app())
    .get('/admin/api/services/dat-dai')
    .set('Authorization', await auth('van-hanh'));
  expect(one.body.series).toHaveLength(60);
  expect(one.body.series.at(-1)).toMatchObject({ count: 5, failure: 1 });
});

test('an open breaker shows red with its transitions', async () => {
  await stack.fault('vneid', { mode: 'down' });
  for (let i = 0; i < 4; i++)
    await call('/api/v1/services/vneid/xac-thuc-tai-khoan', { soDinhDanh: '024090001234', soDienThoai: '0912345678' });
  const res = await request(app())
    .get('/admin/api/services/vneid')
    .set('Authorization', await auth('van-hanh'));
  expect(res.body).toMatchObject({
    status: 'red',
    breaker: { state: 'open', since: expect.any(String), transitions: [expect.objectContaining({ state: 'open' })] },
  });
});

test('the colour follows the breaker and the latest outcome', () => {
  const ok = { lastSuccess: { at: '2026-01-01T00:00:02Z' }, lastFailure: { at: '2026-01-01T00:00:01Z', errorType: 'x' } };
  expect(statusOf('closed', ok, 0)).toBe('green');
  expect(statusOf('closed', ok, 2)).toBe('amber');
  expect(statusOf('halfOpen', ok, 0)).toBe('amber');
  expect(statusOf('open', ok, 0)).toBe('red');
  expect(statusOf('closed', { ...ok, lastSuccess: { at: '2026-01-01T00:00:00Z' } }, 0)).toBe('red');
});

test('/metrics exposes RED metrics, upstream latency, breaker state and queue depth with bounded labels', async () => {
  const res = await request(app()).get('/metrics');
  expect(res.status).toBe(200);
  const text = res.text;
  expect(text).toMatch(/lgsp_http_requests_total\{method="POST",route="\/api\/v1\/services\/:serviceId\/:operationId",status="200"\} \d+/);
  expect(text).toMatch(
    /lgsp_http_request_duration_seconds_bucket\{le="[\d.]+",method="POST",route="\/api\/v1\/services\/:serviceId\/:operationId"\}/,
  );
  expect(text).toMatch(/lgsp_upstream_duration_seconds_count\{service="dat-dai",operation="tra-cuu-thua-dat",outcome="success"\} 4/);
  expect(text).toMatch(/lgsp_upstream_errors_total\{service="dat-dai",error_type="Server.Provider.Error"\} 1/);
  expect(text).toMatch(/lgsp_breaker_state\{service="vneid"\} 2/);
  expect(text).toMatch(/lgsp_queue_jobs\{service="dvcqg-ho-so",state="waiting"\} \d+/);
  expect(text).toMatch(/lgsp_dead_letters\{service="csdl-gia"\} \d+/);
  expect(text).toMatch(/lgsp_nodejs_eventloop_lag_seconds/);
  expect(text).toMatch(/lgsp_process_cpu_user_seconds_total/);
  // No request ids, job ids or raw URLs as label values.
  expect(text).not.toMatch(/req-[a-z0-9]+/);
  expect(text).not.toMatch(/\/api\/v1\/services\/dat-dai/);
  const series = text.split('\n').filter((l) => l.startsWith('lgsp_http_requests_total{'));
  expect(series.length).toBeLessThan(20);
});
