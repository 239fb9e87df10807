import request from 'supertest';
import { startTestStack, type TestStack } from '../support/test-stack';

/** A connection whose provider fails trips its own breaker; nothing else is slowed. */
let stack: TestStack;
const RESET_MS = 8000;
const SERVICE = 'emc-giam-sat';
const EVENT = `/api/v1/services/${SERVICE}/ghi-nhan-su-kien`;
const bearer = async () => `Bearer ${await stack.token('mot-cua')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stack = await startTestStack('breaker', {
    workers: true,
    timeoutMs: 2000,
    breaker: { volumeThreshold: 5, resetTimeoutMs: RESET_MS },
    retry: { attempts: 50, backoffMs: 100, maxBackoffMs: 400 },
  });
});

afterAll(async () => {
  await stack?.close();
});

/** Exchange records that reached (or tried to reach) the provider, not the ones the open breaker refused. */
async function providerAttempts(): Promise<number> {
  return (await stack.exchanges(SERVICE)).filter((r) => r.errorType !== 'Server.Gateway.CircuitOpen').length;
}

/** BullMQ attempts the jobs have spent so far. */
async function spentAttempts(jobIds: string[]): Promise<number> {
  const queue = stack.gateway.queues.queue(SERVICE)!;
  const jobs = await Promise.all(jobIds.map((id) => queue.getJob(id)));
  return jobs.reduce((sum, job) => sum + (job?.attemptsMade ?? 0), 0);
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

test('while a provider is down its breaker opens, queued requests spend no attempt, and after recovery each is delivered once', async () => {
  await stack.resetMocks();
  await stack.fault(SERVICE, { mode: 'down' });
  const body = stack.gateway.catalog.getOperation(SERVICE, 'ghi-nhan-su-kien').config.example as Record<string, unknown>;
  const keys = Array.from({ length: 30 }, (_v, i) => `emc-stream-${i}`);
  const jobs = await Promise.all(
    keys.map(async (key, i) => {
      const res = await request(stack.gateway.app)
        .post(EVENT)
        .set('Authorization', await bearer())
        .set('Idempotency-Key', key)
        .send({ ...body, maHoSo: `H06.22-240315-${1000 + i}` });
      expect(res.status).toBe(202);
      return res.body.jobId as string;
    }),
  );

  await waitFor('the breaker to open', () => stack.gateway.breakers.state(SERVICE) === 'open');
  const openTransitions = stack.gateway.breakers.transitions(SERVICE).length;
  const openedAt = Date.parse(stack.gateway.breakers.transitions(SERVICE).at(-1)!.at);
  // Calls already in flight when it opened may still end; then nothing more may go out.
  await sleep(300);
  const atOpen = await providerAttempts();
  const attemptsAtOpen = await spentAttempts(jobs);
  // Look again well inside the open period (it lasts RESET_MS from openedAt).
  await sleep(Math.max(0, Math.min(3000, openedAt + RESET_MS - 1500 - Date.now())));
  // Still the same open period: no trial call has happened since.
  expect(stack.gateway.breakers.state(SERVICE)).toBe('open');
  expect(stack.gateway.breakers.transitions(SERVICE)).toHaveLength(openTransitions);
  // Nothing reached the provider while the breaker was open: the jobs waited without spending attempts.
  expect(await providerAttempts()).toBe(atOpen);
  expect(await spentAttempts(jobs)).toBe(attemptsAtOpen);
  const sentWhileOpen = (await stack.exchanges(SERVICE)).filter(
    (r) => r.requestOutTs !== null && Date.parse(r.requestOutTs) > openedAt && Date.parse(r.requestOutTs) < openedAt + RESET_MS,
  );
  expect(sentWhileOpen).toEqual([]);
  // A job taken just as the breaker opened may be turned away by it (and go back without spending an attempt); later, workers take none.
  const refusedLater = (await stack.exchanges(SERVICE)).filter(
    (r) => r.mode === 'async' && r.errorType === 'Server.Gateway.CircuitOpen' && Date.parse(r.startedAt) > openedAt + 300,
  );
  expect(refusedLater).toEqual([]);

  await stack.fault(SERVICE, { mode: 'ok' });
  await waitFor(
    'every job to complete',
    async () => {
      const counts = await stack.gateway.queues.queue(SERVICE)!.getJobCounts('completed');
      return counts['completed'] === jobs.length;
    },
    30_000,
  );
  const journal = await stack.journal(SERVICE);
  for (const key of keys) expect(journal.items.filter((i) => i['idempotencyKey'] === key)).toHaveLength(1);
  expect(stack.gateway.breakers.state(SERVICE)).toBe('closed');
  expect(stack.gateway.breakers.transitions(SERVICE).map((t) => t.state)).toEqual(expect.arrayContaining(['open', 'halfOpen', 'closed']));
});

test('while a breaker is open, sync calls fail fast with CircuitOpen and Retry-After, and other connections answer', async () => {
  await stack.resetMocks();
  const lookup = '/api/v1/services/dat-dai/tra-cuu-thua-dat';
  const parcel = { maXa: '07210', soTo: '12', soThua: '345' };
  await stack.fault('dat-dai', { mode: 'error', status: 503 });
  let res: request.Response | undefined;
  for (let i = 0; i < 10 && res?.body.type !== 'Server.Gateway.CircuitOpen'; i++) {
    res = await request(stack.gateway.app)
      .post(lookup)
      .set('Authorization', await bearer())
      .send(parcel);
  }
  expect(res?.status).toBe(503);
  expect(res?.body.type).toBe('Server.Gateway.CircuitOpen');
  expect(Number(res?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  const refused = (await stack.exchanges('dat-dai')).find((r) => r.requestId === res?.headers['x-request-id']);
  expect(refused).toMatchObject({ outcome: 'failure', errorType: 'Server.Gateway.CircuitOpen', httpStatus: null, requestOutTs: null });

  const other = await request(stack.gateway.app)
    .post('/api/v1/services/vneid/xac-thuc-tai-khoan')
    .set('Authorization', await bearer())
    .send({ soDinhDanh: '024090001234', soDienThoai: '0912345678' });
  expect(other.status).toBe(200);
});

test('a provider rejecting the content does not open the breaker', async () => {
  await stack.resetMocks();
  await stack.fault('ho-tich', { mode: 'error', status: 400 });
  for (let i = 0; i < 12; i++) {
    const res = await request(stack.gateway.app)
      .post('/api/v1/services/ho-tich/tra-cuu')
      .set('Authorization', await bearer())
      .send({ maDonVi: 7210, maHoSo: 'H06.22-240301-0012' });
    expect(res.body.type).toBe('Server.Provider.Error');
  }
  expect(stack.gateway.breakers.state('ho-tich')).toBe('closed');
});
