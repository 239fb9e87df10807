import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { Queue } from 'bullmq';
import request from 'supertest';
import { devCallbackKey } from '../../mocks/callbacks/callback-keys';
import type { CallbackNotice } from '../../src/callbacks/callback-notice';
import { CALLBACK_QUEUE, queuePrefix } from '../../src/infra/redis-keys';
import { startTestStack, type TestStack } from '../support/test-stack';
import { waitUntil } from '../support/wait-until';
import { readmeVerifier } from '../callbacks/readme-verifier';

let stack: TestStack;
let callbackJobs: Queue;
/** An endpoint nobody configured: a URL written into Redis by hand points here. */
let elsewhere: http.Server;
const elsewhereHits: string[] = [];
const verify = readmeVerifier();
const SERVICE = 'csdl-gia';
const OPERATION = 'gui-du-lieu-gia';
const CONSUMER = 'bao-cao';

beforeAll(async () => {
  stack = await startTestStack('callback-outbox', { workers: true, callbacks: { timeoutMs: 300, backoffMs: 200 } });
  callbackJobs = new Queue(CALLBACK_QUEUE, { connection: stack.redis, prefix: queuePrefix(stack.prefix, CALLBACK_QUEUE) });
  elsewhere = http.createServer((req, res) => {
    elsewhereHits.push(req.url ?? '');
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => elsewhere?.close(resolve));
  await callbackJobs?.close();
  await stack?.close();
});

beforeEach(async () => {
  await stack.resetMocks();
  await axios.delete(`${stack.provinceUrl}/__mock/callbacks`);
});

type Received = { consumerId: string; path: string; signature: string; verified: boolean; body: CallbackNotice };

async function received(jobId: string): Promise<Received[]> {
  const { data } = await axios.get(`${stack.provinceUrl}/__mock/callbacks`, { params: { consumerId: CONSUMER } });
  return (data.items as Received[]).filter((c) => c.body.jobId === jobId);
}

async function submitAndSettle(): Promise<string> {
  const auth = `Bearer ${await stack.token(CONSUMER)}`;
  const body = stack.gateway.catalog.getOperation(SERVICE, OPERATION).config.example as object;
  const res = await request(stack.gateway.app).post(`/api/v1/services/${SERVICE}/${OPERATION}`).set('Authorization', auth).send(body);
  expect(res.status).toBe(202);
  const jobId = res.body.jobId as string;
  await until(
    'job completed',
    async () => (await request(stack.gateway.app).get(`/api/v1/jobs/${jobId}`).set('Authorization', auth)).body.status === 'completed',
    10_000,
  );
  return jobId;
}

/** Waits until `cond` holds. */
const until = (what: string, cond: () => Promise<boolean>, timeoutMs: number) =>
  waitUntil(what, async () => ((await cond()) ? true : undefined), { timeoutMs });

const outboxSize = () => stack.redis.zcard(stack.gateway.callbacks.outboxKey);
const queuedCallbacks = async () =>
  Object.values(await callbackJobs.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed')).reduce((a, b) => a + b, 0);

test('a callback the consumer takes at once leaves nothing behind: outbox empty, no callback job', async () => {
  const before = await queuedCallbacks();
  const jobId = await submitAndSettle();
  await until('callback received', async () => (await received(jobId)).length === 1, 5000);
  await until('outbox empty', async () => (await outboxSize()) === 0, 2000);
  expect(await queuedCallbacks()).toBe(before);
});

test('a consumer that refuses its callback gets it from the queue once it takes callbacks again, signed, once', async () => {
  await axios.put(`${stack.provinceUrl}/__mock/faults/callbacks`, { mode: 'error', status: 503 });
  const jobId = await submitAndSettle();
  // Refused at once, then relayed from the outbox to the callback queue and refused again there.
  await until(
    'callback job queued',
    async () =>
      (await callbackJobs.getJobs(['delayed', 'waiting', 'active'])).some(
        (j) => (j.data as { notice: CallbackNotice }).notice.jobId === jobId,
      ),
    5000,
  );
  expect(await received(jobId)).toHaveLength(0);
  await axios.put(`${stack.provinceUrl}/__mock/faults/callbacks`, { mode: 'ok' });
  await until('callback received', async () => (await received(jobId)).length > 0, 10_000);
  await new Promise((r) => setTimeout(r, 1500));
  const [callback, ...more] = await received(jobId);
  expect(more).toHaveLength(0);
  expect(callback!.body).toMatchObject({ jobId, outcome: 'completed', serviceId: SERVICE });
  // Signed when sent from the queue, not when queued: the consumer's check passes.
  expect(callback!.verified).toBe(true);
  expect(verify(callback!.signature, JSON.stringify(callback!.body), devCallbackKey(CONSUMER))).toBe(true);
  expect(await outboxSize()).toBe(0);
});

test('a notice whose process stopped before sending it is sent by the relay when due, once even when relayed twice', async () => {
  const notice: CallbackNotice = {
    jobId: `${SERVICE}.lost-sender`,
    requestId: 'req-lost-sender',
    serviceId: SERVICE,
    operationId: OPERATION,
    outcome: 'completed',
    attempts: 1,
    finishedAt: new Date().toISOString(),
    statusUrl: `/api/v1/jobs/${SERVICE}.lost-sender`,
  };
  // Made durable, as a worker does before the job ends, but never sent: the process died.
  expect(await stack.gateway.callbacks.notify(CONSUMER, notice)).not.toBeNull();
  expect(await outboxSize()).toBe(1);
  const due = Date.now() + stack.gateway.callbacks.retryAfterMs;
  // Two relays of the same due notice at once (two worker processes) make one callback job.
  const relayed = await Promise.all([stack.gateway.callbacks.relayDue(due), stack.gateway.callbacks.relayDue(due)]);
  expect(relayed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
  await until('callback received', async () => (await received(notice.jobId)).length > 0, 5000);
  await new Promise((r) => setTimeout(r, 500));
  expect(await received(notice.jobId)).toHaveLength(1);
  expect(await outboxSize()).toBe(0);
});

test('an outbox entry that is not a notice is dropped, and the notices beside it are still relayed', async () => {
  const notice: CallbackNotice = {
    jobId: `${SERVICE}.beside-junk`,
    requestId: 'req-junk',
    serviceId: SERVICE,
    operationId: OPERATION,
    outcome: 'failed',
    attempts: 3,
    finishedAt: new Date().toISOString(),
    statusUrl: '/x',
  };
  await stack.gateway.callbacks.notify(CONSUMER, notice);
  await stack.redis.zadd(stack.gateway.callbacks.outboxKey, 0, 'not json', 1, '{"url":1}');
  await stack.gateway.callbacks.relayDue(Date.now() + stack.gateway.callbacks.retryAfterMs);
  expect(await outboxSize()).toBe(0);
  await until('callback received', async () => (await received(notice.jobId)).length > 0, 5000);
  expect((await received(notice.jobId))[0]?.body).toMatchObject({ outcome: 'failed', attempts: 3 });
});

test('the outbox keeps the consumer id and the notice, never a URL; a URL written into an entry by hand is ignored', async () => {
  const notice: CallbackNotice = {
    jobId: `${SERVICE}.injected-url`,
    requestId: 'req-injected',
    serviceId: SERVICE,
    operationId: OPERATION,
    outcome: 'completed',
    attempts: 1,
    finishedAt: new Date().toISOString(),
    statusUrl: '/x',
  };
  const pending = await stack.gateway.callbacks.notify(CONSUMER, notice);
  expect(Object.keys(JSON.parse(pending!.entry) as object).sort()).toEqual(['consumer', 'notice']);
  // Someone with access to Redis rewrites the entry to send the notice elsewhere.
  const { port } = elsewhere.address() as AddressInfo;
  const forged = JSON.stringify({ consumer: CONSUMER, url: `http://127.0.0.1:${port}/stolen`, notice });
  await stack.redis
    .multi()
    .zrem(stack.gateway.callbacks.outboxKey, pending!.entry)
    .zadd(stack.gateway.callbacks.outboxKey, 0, forged)
    .exec();
  await stack.gateway.callbacks.relayDue();
  await until('callback received', async () => (await received(notice.jobId)).length > 0, 5000);
  const [callback] = await received(notice.jobId);
  expect(callback).toMatchObject({ path: `/callbacks/${CONSUMER}`, verified: true });
  expect(elsewhereHits).toEqual([]);
});

test('a callback job written into the queue by hand with a URL goes to the configured URL only', async () => {
  const notice: CallbackNotice = {
    jobId: `${SERVICE}.injected-job`,
    requestId: 'req-injected-job',
    serviceId: SERVICE,
    operationId: OPERATION,
    outcome: 'failed',
    attempts: 2,
    finishedAt: new Date().toISOString(),
    statusUrl: '/x',
  };
  const { port } = elsewhere.address() as AddressInfo;
  await callbackJobs.add('failed', { consumer: CONSUMER, url: `http://127.0.0.1:${port}/stolen`, notice });
  await until('callback received', async () => (await received(notice.jobId)).length > 0, 5000);
  expect((await received(notice.jobId))[0]).toMatchObject({ path: `/callbacks/${CONSUMER}`, verified: true });
  expect(elsewhereHits).toEqual([]);
});

test('a consumer without a callback URL puts nothing in the outbox', async () => {
  const notice = {
    jobId: 'x',
    requestId: 'r',
    serviceId: SERVICE,
    operationId: OPERATION,
    outcome: 'completed' as const,
    attempts: 1,
    finishedAt: new Date().toISOString(),
    statusUrl: '/x',
  };
  expect(await stack.gateway.callbacks.notify('van-hanh', notice)).toBeNull();
  expect(await outboxSize()).toBe(0);
});
