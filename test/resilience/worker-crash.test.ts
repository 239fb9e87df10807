import axios from 'axios';
import { waitUntil } from '../support/wait-until';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness';

const SERVICE = 'emc-giam-sat';
const OPERATION = 'ghi-nhan-su-kien';
const JOBS = 2000;

let h: WorkerHarness;

beforeAll(async () => {
  // A short lock, so the killed worker's jobs come back as stalled in seconds, not 30 s.
  // 2,000 jobs at once from one consumer: far past the shipped async quota (100/s, burst 200), which this test is not about.
  h = await startWorkerHarness('worker-crash', SERVICE, {
    LGSP_LOCK_DURATION_MS: '2000',
    LGSP_STALLED_INTERVAL_MS: '1000',
    LGSP_QUOTA_ASYNC_PER_SECOND: '100000',
    LGSP_QUOTA_ASYNC_BURST: '100000',
  });
});

afterAll(async () => {
  await h?.close();
});

async function enqueue(total: number): Promise<string[]> {
  const op = h.parts.catalog.getOperation(SERVICE, OPERATION);
  const example = op.config.example as Record<string, unknown>;
  const ids: string[] = [];
  for (let start = 0; start < total; start += 200) {
    const batch = Array.from({ length: Math.min(200, total - start) }, (_, k) => {
      const n = String(start + k).padStart(5, '0');
      return h.parts.queues.submit({
        op,
        input: { ...example, maHoSo: `H06.22-240315-${n}` },
        consumer: 'mot-cua',
        requestId: `crash-${n}`,
      });
    });
    ids.push(...(await Promise.all(batch)).map((job) => job.jobId));
  }
  return ids;
}

test('a worker killed with SIGKILL in the middle of draining 2,000 jobs loses none: another worker finishes them, each reaching the provider once', async () => {
  // Slow enough that the kill lands mid-drain, with jobs in flight.
  await axios.put(`${h.mocks.ngspUrl}/__mock/faults/${SERVICE}`, { mode: 'slow', latencyMs: 20 });
  const jobIds = await enqueue(JOBS);
  expect(new Set(jobIds).size).toBe(JOBS);

  const a = h.spawnWorker();
  const describe = async () => `${JSON.stringify(await h.counts())}; worker output: ${a.output() || '(none)'}`;
  await waitUntil('worker A completes some hundreds of jobs', async () => ((await h.queue.getCompletedCount()) >= 300 ? true : undefined), {
    timeoutMs: 25_000,
    describe,
  });
  a.crash();
  expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });

  const atKill = await h.counts();
  expect(atKill['completed']).toBeLessThan(JOBS);
  // Jobs were in flight when the worker died: they are the ones that must come back.
  expect(atKill['active']).toBeGreaterThan(0);
  expect(atKill['failed']).toBe(0);

  const b = h.spawnWorker();
  await waitUntil('worker B completes every job', async () => ((await h.queue.getCompletedCount()) === JOBS ? true : undefined), {
    timeoutMs: 30_000,
    intervalMs: 200,
    describe: async () =>
      `${JSON.stringify(await h.counts())}; at kill: ${JSON.stringify(atKill)}; worker B output: ${b.output() || '(none)'}`,
  });

  expect(await h.counts()).toMatchObject({ wait: 0, active: 0, delayed: 0, prioritized: 0, completed: JOBS, failed: 0 });
  // The provider saw each job once by its idempotency key (the job id, as none was given).
  // A job whose request reached the provider before the kill is sent again by worker B: the
  // mock answers such a repeat from its idempotency store and counts it in `duplicates`
  // instead of journaling it, so `total` stays at exactly one per job.
  const { data: journal } = await axios.get(`${h.mocks.ngspUrl}/__mock/journal`, { params: { serviceId: SERVICE } });
  const keys = (journal.items as Array<{ idempotencyKey: string | null }>).map((item) => item.idempotencyKey);
  expect(new Set(keys)).toEqual(new Set(jobIds));
  expect(keys).toHaveLength(JOBS);
  expect(journal.total).toBe(JOBS);
  // At most the jobs that were in flight when A died (concurrency 4) can have been repeated.
  expect(journal.duplicates).toBeLessThanOrEqual(h.parts.catalog.getConnection(SERVICE).concurrency);
}, 60_000);
