import axios from 'axios';
import { waitUntil } from '../support/wait-until';
import { exitWithin } from '../support/worker-process';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness';

const SERVICE = 'emc-giam-sat';
const OPERATION = 'ghi-nhan-su-kien';
const JOBS = 12;
const LATENCY_MS = 500;

let h: WorkerHarness;

beforeAll(async () => {
  // The default 30 s lock: a job the stopping worker abandoned would stay `active` long after the test looks.
  h = await startWorkerHarness('graceful-shutdown', SERVICE, {});
});

afterAll(async () => {
  await h?.close();
});

async function journal(): Promise<{ total: number; duplicates: number; items: Array<{ idempotencyKey: string | null }> }> {
  return (await axios.get(`${h.mocks.ngspUrl}/__mock/journal`, { params: { serviceId: SERVICE } })).data;
}

test('a worker told to stop (SIGTERM) while jobs run finishes them, exits 0 in time, and leaves the rest queued for the next worker', async () => {
  await axios.put(`${h.mocks.ngspUrl}/__mock/faults/${SERVICE}`, { mode: 'slow', latencyMs: LATENCY_MS });
  const op = h.parts.catalog.getOperation(SERVICE, OPERATION);
  const example = op.config.example as Record<string, unknown>;
  const submitted = await Promise.all(
    Array.from({ length: JOBS }, (_, i) =>
      h.parts.queues.submit({ op, input: { ...example, maHoSo: `H06.22-240315-9${i}` }, consumer: 'mot-cua', requestId: `shutdown-${i}` }),
    ),
  );
  const jobIds = submitted.map((job) => job.jobId);
  const concurrency = h.parts.catalog.getConnection(SERVICE).concurrency;
  expect(JOBS).toBeGreaterThan(concurrency);

  const a = h.spawnWorker();
  const running = await waitUntil(
    'worker A takes a full batch of jobs',
    async () => {
      const active = await h.queue.getActive();
      return active.length === concurrency ? active.map((job) => job.id ?? '') : undefined;
    },
    {
      timeoutMs: 15_000,
      intervalMs: 20,
      describe: async () => `${JSON.stringify(await h.counts())}; worker output: ${a.output() || '(none)'}`,
    },
  );
  // Let the provider calls get under way (they take LATENCY_MS each), then ask the worker to stop.
  await new Promise((resolve) => setTimeout(resolve, 100));
  a.terminate();
  // Running jobs need at most LATENCY_MS more; the worker's own deadline is 10 s, its hard stop 15 s.
  const exit = await exitWithin(a, 8000);
  expect(exit).toMatchObject({ code: 0, signal: null });

  // What was running was finished by A, not abandoned: nothing active, nothing failed, nothing lost.
  const afterStop = await h.counts();
  expect(afterStop).toMatchObject({ active: 0, failed: 0, delayed: 0 });
  expect((afterStop['wait'] ?? 0) + (afterStop['completed'] ?? 0)).toBe(JOBS);
  for (const id of running) expect(await h.queue.getJobState(id)).toBe('completed');
  expect(afterStop['completed']).toBeGreaterThanOrEqual(running.length);
  expect(afterStop['completed']).toBeLessThan(JOBS);

  const b = h.spawnWorker();
  await waitUntil('worker B completes the rest', async () => ((await h.queue.getCompletedCount()) === JOBS ? true : undefined), {
    timeoutMs: 20_000,
    intervalMs: 100,
    describe: async () => `${JSON.stringify(await h.counts())}; worker output: ${b.output() || '(none)'}`,
  });
  expect(await h.counts()).toMatchObject({ wait: 0, active: 0, delayed: 0, completed: JOBS, failed: 0 });
  // A clean stop redelivers nothing: the provider got each job exactly once, and no repeat.
  const seen = await journal();
  expect(seen.items.map((item) => item.idempotencyKey).sort()).toEqual([...jobIds].sort());
  expect(seen).toMatchObject({ total: JOBS, duplicates: 0 });
}, 50_000);
