import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import request from 'supertest';
import { AUDITED_REPLAY_IDS } from '../../src/http/routes/admin-route';
import { JobQueues } from '../../src/queue/job-queues';
import { startTestStack, type TestStack } from '../support/test-stack';
import { waitUntil } from '../support/wait-until';

let stack: TestStack;
let workerRedis: Redis;
const SERVICE = 'csdl-gia';

beforeAll(async () => {
  stack = await startTestStack('replay-batches');
  workerRedis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
});

afterAll(async () => {
  workerRedis?.disconnect();
  await stack?.close();
});

/** Puts `n` jobs straight into the connection's failed set (dead letters), without a provider. */
async function deadLetters(n: number): Promise<string[]> {
  const queue = stack.gateway.queues.queue(SERVICE)!;
  await queue.addBulk(
    Array.from({ length: n }, (_, i) => ({
      name: 'gui-du-lieu-gia',
      data: { operationId: 'gui-du-lieu-gia', consumer: 'bao-cao', requestId: `r${i}` } as never,
      opts: { jobId: `${SERVICE}.dead-${i}-${Date.now()}` },
    })),
  );
  const worker = new Worker(queue.name, undefined, { connection: workerRedis, prefix: queue.opts.prefix, autorun: false });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const job = await worker.getNextJob('test-token');
    if (!job) throw new Error('no job to fail');
    await job.moveToFailed(new Error('provider refused'), 'test-token', false);
    ids.push(job.id!);
  }
  await worker.close();
  return ids;
}

test('replaying all reads and replays the dead letters in batches of replayBatchSize, never all at once', async () => {
  const ids = await deadLetters(23);
  const { config, catalog, redis, cipher, logger } = stack.gateway;
  const small = new JobQueues(
    catalog,
    redis,
    config.settings.redis.keyPrefix,
    { ...config.settings.queue, replayBatchSize: 7 },
    cipher,
    logger,
  );
  const reads = jest.spyOn(Queue.prototype, 'getFailed');
  try {
    const result = await small.replay(SERVICE);
    expect(result.replayedCount).toBe(23);
    expect(result.notFoundCount).toBe(0);
    expect([...result.replayed].sort()).toEqual([...ids].sort());
    expect(reads.mock.calls.length).toBeGreaterThanOrEqual(4);
    for (const [start = 0, end = -1] of reads.mock.calls) expect(end - start + 1).toBeLessThanOrEqual(7);
    expect(await stack.gateway.queues.counts(SERVICE)).toMatchObject({ failed: 0, waiting: 23 });
  } finally {
    reads.mockRestore();
    await small.close();
    await stack.gateway.queues.queue(SERVICE)!.drain();
  }
});

test('a large replay answers exact counts and is audited with the counts and only the first ids', async () => {
  const n = AUDITED_REPLAY_IDS + 30;
  await deadLetters(n);
  const operator = `Bearer ${await stack.token('van-hanh')}`;
  const res = await request(stack.gateway.app)
    .post(`/admin/api/services/${SERVICE}/dead-letters/replay`)
    .set('Authorization', operator)
    .send({ all: true });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ replayedCount: n, notFoundCount: 0 });
  expect(res.body.replayed).toHaveLength(n);

  const audited = await waitUntil(
    'the replay audited',
    async () => {
      const items = (await request(stack.gateway.app).get('/admin/api/audit?action=dead-letters.replayed').set('Authorization', operator))
        .body.items as Array<{ detail: Record<string, unknown> }>;
      return items.find((item) => item.detail['replayedCount'] === n);
    },
    { timeoutMs: 3000 },
  );
  expect(audited!.detail).toMatchObject({ all: true, replayedCount: n, notFoundCount: 0 });
  expect(audited!.detail['replayed']).toHaveLength(AUDITED_REPLAY_IDS);
});
