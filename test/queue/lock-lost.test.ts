import { Writable } from 'node:stream';
import axios from 'axios';
import { Redis } from 'ioredis';
import pino from 'pino';
import request from 'supertest';
import type { CallbackNotice } from '../../src/callbacks/callback-notice';
import { jobKey } from '../../src/infra/redis-keys';
import type { DeliveryJobData } from '../../src/queue/delivery-job';
import { DeliveryWorkers } from '../../src/queue/delivery-workers';
import type { InvokeRequest, InvokeResult, OperationInvoker } from '../../src/runtime/operation-invoker';
import { startTestStack, type TestStack } from '../support/test-stack';
import { waitUntil } from '../support/wait-until';

/**
 * A worker whose lock on a job is gone (its loop was starved past it and another worker took the
 * job over) must leave no trace of its stale attempt: no error written into the job, no notice
 * left in the callback outbox. The lock is taken away at a chosen point of the attempt: after
 * the provider answered, before the worker goes on, so nothing here depends on timing.
 */
const SERVICE = 'csdl-gia';
const OPERATION = 'gui-du-lieu-gia';
const CONSUMER = 'bao-cao';
/** Another worker's lock token, as BullMQ writes it (`<worker id>:<n>`). */
const OTHER_TOKEN = 'other-worker:0';

let stack: TestStack;
let connection: Redis;
let workers: DeliveryWorkers;
const logLines: Array<{ msg?: string; jobId?: string; err?: { message?: string } }> = [];
/** Runs between the provider's answer and the worker seeing it. */
let afterProviderAnswered: (jobId: string) => Promise<void> = async () => undefined;

beforeAll(async () => {
  // The provider's slow answer outlasts the connection's timeout: the attempt ends in Server.Provider.Timeout.
  stack = await startTestStack('lock-lost', { timeoutMs: 300, retry: { attempts: 3, backoffMs: 50, maxBackoffMs: 100 } });
  const real = stack.gateway.invoker;
  const invoker = {
    async invoke(req: InvokeRequest): Promise<InvokeResult> {
      const answer = await real.invoke(req).then(
        (result) => ({ result }),
        (err: unknown) => ({ err }),
      );
      await afterProviderAnswered(req.jobId ?? '');
      if ('err' in answer) throw answer.err;
      return answer.result;
    },
  } as Pick<OperationInvoker, 'invoke'> as OperationInvoker;
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(JSON.parse(chunk.toString()) as (typeof logLines)[number]);
      done();
    },
  });
  connection = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const { gateway } = stack;
  workers = new DeliveryWorkers({
    catalog: gateway.catalog,
    invoker,
    breakers: gateway.breakers,
    cipher: gateway.cipher,
    callbacks: gateway.callbacks,
    logger: pino({ level: 'debug' }, logStream),
    connection,
    keyPrefix: stack.prefix,
    settings: gateway.config.settings.queue,
    quotas: gateway.quotas,
  });
  await workers.waitUntilReady();
});

afterAll(async () => {
  await workers?.close();
  connection?.disconnect();
  await stack?.close();
});

beforeEach(async () => {
  await stack.resetMocks();
  afterProviderAnswered = async () => undefined;
});

async function submit(): Promise<string> {
  const body = stack.gateway.catalog.getOperation(SERVICE, OPERATION).config.example as object;
  const res = await request(stack.gateway.app)
    .post(`/api/v1/services/${SERVICE}/${OPERATION}`)
    .set('Authorization', `Bearer ${await stack.token(CONSUMER)}`)
    .send(body);
  expect(res.status).toBe(202);
  return res.body.jobId as string;
}

const jobHash = (jobId: string): string => jobKey(stack.prefix, SERVICE, jobId);

/** Another worker takes the job over: its token now holds the lock. */
async function lockTakenOver(jobId: string): Promise<void> {
  await stack.redis.set(`${jobHash(jobId)}:lock`, OTHER_TOKEN, 'PX', 60_000);
}

/** BullMQ refused the stale attempt's end: the lock it presented was not the job's. */
const endRefused = (jobId: string): Promise<true> =>
  waitUntil(
    "the stale attempt's end refused",
    async () => (logLines.some((l) => l.err?.message?.startsWith(`Lock mismatch for job ${jobId}.`)) ? true : undefined),
    { timeoutMs: 10_000 },
  );

async function storedData(jobId: string): Promise<DeliveryJobData> {
  return JSON.parse((await stack.redis.hget(jobHash(jobId), 'data')) ?? 'null') as DeliveryJobData;
}

async function outboxNotices(jobId: string): Promise<CallbackNotice[]> {
  const entries = await stack.redis.zrange(stack.gateway.callbacks.outboxKey, 0, -1);
  return entries.map((e) => (JSON.parse(e) as { notice: CallbackNotice }).notice).filter((n) => n.jobId === jobId);
}

test('a worker that lost the lock while the provider was timing out writes no error into the job', async () => {
  await stack.fault(SERVICE, { mode: 'slow', latencyMs: 2000 });
  let answered = false;
  afterProviderAnswered = async (jobId) => {
    await lockTakenOver(jobId);
    answered = true;
  };
  const jobId = await submit();
  const submitted = await storedData(jobId);
  await endRefused(jobId);
  expect(answered).toBe(true);
  const data = await storedData(jobId);
  expect(data.lastError).toBeUndefined();
  expect(data).toEqual(submitted);
  // The job stays with the worker that holds it, as that worker left it.
  expect(await stack.redis.get(`${jobHash(jobId)}:lock`)).toBe(OTHER_TOKEN);
  expect(await outboxNotices(jobId)).toEqual([]);
});

test('a worker that still holds the lock records the timeout in the job, which is retried', async () => {
  await stack.fault(SERVICE, { mode: 'slow', latencyMs: 2000 });
  let first = true;
  afterProviderAnswered = async () => {
    // The next attempt finds a provider that answers at once.
    if (first) await stack.fault(SERVICE, { mode: 'ok' });
    first = false;
  };
  const jobId = await submit();
  const job = await waitUntil(
    'job completed',
    async () => {
      const data = await stack.redis.hgetall(jobHash(jobId));
      return data['finishedOn'] ? data : undefined;
    },
    { timeoutMs: 10_000 },
  );
  // Completed on its second attempt (BullMQ's `atm`), the first one's timeout kept in its data.
  expect(Number(job['atm'])).toBe(2);
  expect(job['returnvalue']).toContain('sealedResult');
  expect((JSON.parse(job['data'] ?? '{}') as DeliveryJobData).lastError).toMatchObject({ type: 'Server.Provider.Timeout', attempt: 1 });
});

test('a worker whose lock was lost after the provider answered withdraws the completion notice it put in the outbox', async () => {
  const notify = jest.spyOn(stack.gateway.callbacks, 'notify');
  // The provider answered; the block lands before the worker stores the job's end.
  afterProviderAnswered = lockTakenOver;
  const jobId = await submit();
  await endRefused(jobId);
  expect(notify.mock.calls.filter(([, n]) => n.jobId === jobId).map(([, n]) => n.outcome)).toEqual(['completed']);
  notify.mockRestore();
  // The attempt made its notice durable before its end was refused; it is gone again, and was never sent.
  await waitUntil('the stale notice withdrawn', async () => ((await outboxNotices(jobId)).length === 0 ? true : undefined), {
    timeoutMs: 5000,
    describe: async () => JSON.stringify(await outboxNotices(jobId)),
  });
  expect(await stack.redis.hget(jobHash(jobId), 'finishedOn')).toBeNull();
  const { data } = await axios.get(`${stack.provinceUrl}/__mock/callbacks`, { params: { consumerId: CONSUMER } });
  expect((data.items as Array<{ body: CallbackNotice }>).filter((c) => c.body.jobId === jobId)).toEqual([]);
});
