import http from 'node:http';
import axios from 'axios';
import { Queue } from 'bullmq';
import { CALLBACK_QUEUE, queuePrefix } from '../src/infra/redis-keys';
import { deletePrefixKeys } from '../src/infra/throwaway-prefix';
import { benchPrefix } from './lib/bench-prefix';
import { freePort, sleep, startTsx, waitForHttp, type BenchProcess } from './lib/bench-process';
import { loadDescription, recordResults } from './lib/bench-results';
import { startBenchStack, type BenchStack } from './lib/bench-stack';
import { CallbackBacklog } from './lib/callback-backlog';
import { startCpuMeter, type CpuUse } from './lib/cpu-meter';
import { runGatewayCluster, startGatewayCluster } from './lib/gateway-cluster';
import { memoryByKind } from './lib/key-memory';
import { pacedLoad } from './lib/paced-load';
import { scaleReport, type DrainRun, type EnqueueRun } from './lib/scale-report';

/**
 * Scale-out on one machine: (a) how fast 1, 2 and 4 worker processes drain a backlog queued
 * through the gateway's API, (b) paced submit latency against one gateway process and against
 * two behind one address (Node's cluster module), (c) the per-request costs (CPU, Redis memory)
 * that sizing a province's deployment needs.
 */
const SERVICE = 'dvcqg-ho-so';
const OPERATION = 'dong-bo-ho-so';
const CONSUMER = 'mot-cua';
const JOBS = Number(process.env['BENCH_JOBS'] ?? 4000);
const WORKER_COUNTS = (process.env['BENCH_WORKERS'] ?? '1,2,4').split(',').map(Number);
const RATES = (process.env['BENCH_RATES'] ?? '300,600').split(',').map(Number);
const DURATION_S = Number(process.env['BENCH_DURATION'] ?? 10);
const WARM_UP_S = 3;
/** Keep-alive sockets of the load generator, used in turn: a per-connection balancer sees several connections, as it would from several consumers. */
const SOCKETS = 8;
const PREFILL_CONCURRENCY = 16;
const WARM_UP_JOBS = 500;
const DRAIN_DEADLINE_MS = 120_000;
const CALLBACK_DEADLINE_MS = 60_000;
const SCRIPT = 'bench/scale-bench.ts';
const MEASURED_QUEUES = [SERVICE, CALLBACK_QUEUE];

const pidsOf = (ps: readonly BenchProcess[]): number[] => ps.flatMap((p) => (p.child.pid === undefined ? [] : [p.child.pid]));
const cpuMs = (use: CpuUse | null, group: string, per: number): number => (use ? ((use[group] ?? 0) * use.seconds * 1000) / per : NaN);

async function startGateway(env: NodeJS.ProcessEnv): Promise<{ process: BenchProcess; url: string }> {
  const port = await freePort();
  const p = startTsx('gateway', 'src/main/gateway.ts', { env: { ...env, PORT: String(port) } });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`);
  return { process: p, url };
}

async function token(gatewayUrl: string): Promise<string> {
  const res = await axios.post(`${gatewayUrl}/token`, 'grant_type=client_credentials', {
    auth: { username: CONSUMER, password: `${CONSUMER}-dev-secret` },
  });
  return String(res.data.access_token);
}

async function submitCall(gatewayUrl: string): Promise<{ url: string; headers: Record<string, string>; body: string }> {
  const headers = { authorization: `Bearer ${await token(gatewayUrl)}`, 'content-type': 'application/json' };
  const directory = (await axios.get(`${gatewayUrl}/api/v1/services`, { headers })).data as {
    services: Array<{ id: string; operations: Array<{ id: string; example: unknown }> }>;
  };
  const example = directory.services.find((s) => s.id === SERVICE)?.operations.find((o) => o.id === OPERATION)?.example;
  if (!example) throw new Error(`the directory has no example for ${SERVICE}/${OPERATION}`);
  return { url: `${gatewayUrl}/api/v1/services/${SERVICE}/${OPERATION}`, headers, body: JSON.stringify(example) };
}

/** `jobs` async submits through the gateway's API, a few at a time; any refusal stops the bench. */
async function prefill(gatewayUrl: string, jobs: number): Promise<void> {
  const call = await submitCall(gatewayUrl);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs) {
      next += 1;
      const res = await fetch(call.url, { method: 'POST', headers: call.headers, body: call.body });
      await res.arrayBuffer();
      if (res.status !== 202) throw new Error(`submit answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: PREFILL_CONCURRENCY }, lane));
}

async function waitForCallbacks(stack: BenchStack, prefix: string): Promise<number> {
  const backlog = new CallbackBacklog(stack.redis, prefix);
  try {
    const deadline = Date.now() + CALLBACK_DEADLINE_MS;
    let left = await backlog.count();
    while (left > 0 && Date.now() < deadline) {
      await sleep(100);
      left = await backlog.count();
    }
    return left;
  } finally {
    await backlog.close();
  }
}

/**
 * One drain on a fresh prefix: `jobs` submits through a gateway (stopped afterwards), the queue
 * paused while `workers` worker processes start, then resumed so they all begin together.
 */
async function drain(stack: BenchStack, workers: number, jobs = JOBS): Promise<DrainRun> {
  const prefix = benchPrefix(`scale-drain-k${workers}`);
  const env = { ...stack.env, LGSP_KEY_PREFIX: prefix };
  const queue = new Queue(SERVICE, { connection: stack.redis, prefix: queuePrefix(prefix, SERVICE) });
  const started: BenchProcess[] = [];
  try {
    const gateway = await startGateway(env);
    started.push(gateway.process);
    const filledAt = performance.now();
    await prefill(gateway.url, jobs);
    const prefillSeconds = (performance.now() - filledAt) / 1000;
    await gateway.process.stop();
    const waitingMemory = await memoryByKind(stack.redis, prefix, MEASURED_QUEUES);
    await queue.pause();
    await axios.delete(`${stack.ngspUrl}/__mock/journal`);
    const procs = await Promise.all(
      Array.from({ length: workers }, async (_, i) => {
        const p = startTsx(`worker-${i + 1}`, 'src/main/worker.ts', { env: { ...env, LOG_LEVEL: 'info' } });
        started.push(p);
        await p.waitForLine((line) => line.includes('delivery workers running'), 60_000);
        return p;
      }),
    );
    const groups = { ...stack.cpuGroups(), workers: pidsOf(procs) };
    const drainMeter = startCpuMeter(groups);
    const allMeter = startCpuMeter(groups);
    await queue.resume();
    const deadline = Date.now() + DRAIN_DEADLINE_MS;
    let counts: Record<string, number> = {};
    do {
      await sleep(100);
      counts = await queue.getJobCounts('completed', 'failed');
    } while ((counts['completed'] ?? 0) + (counts['failed'] ?? 0) < jobs && Date.now() < deadline);
    const drainCpu = drainMeter?.stop() ?? null;
    const callbacksLeft = await waitForCallbacks(stack, prefix);
    const allCpu = allMeter?.stop() ?? null;
    for (const p of procs) await p.stop();
    const completed = counts['completed'] ?? 0;
    if (completed === 0) throw new Error(`${workers} worker process(es): no job completed — the workers are broken`);
    const firstFinished = await queue.getJobs(['completed'], 0, 19, true);
    const [last] = await queue.getJobs(['completed'], 0, 0, false);
    const firstStart = Math.min(...firstFinished.map((j) => j.processedOn ?? Infinity));
    const seconds = ((last?.finishedOn ?? 0) - firstStart) / 1000;
    const journal = (await axios.get(`${stack.ngspUrl}/__mock/journal`, { params: { serviceId: SERVICE, limit: 0 } })).data as {
      total: number;
      duplicates: number;
    };
    return {
      workers,
      jobs: completed,
      failed: counts['failed'] ?? 0,
      prefillSeconds,
      seconds,
      jobsPerSecond: completed / seconds,
      journal: journal.total,
      duplicates: journal.duplicates,
      callbacksLeft,
      drainCpu,
      allCpu,
      workerMsPerJob: cpuMs(allCpu, 'workers', completed),
      redisMsPerJob: cpuMs(allCpu, 'redis', completed),
      waitingMemory,
      keptMemory: await memoryByKind(stack.redis, prefix, MEASURED_QUEUES),
    };
  } finally {
    for (const p of started.reverse()) await p.stop();
    await queue.close();
    const removed = await deletePrefixKeys(stack.redis, prefix);
    process.stderr.write(`removed ${removed} keys of ${prefix}\n`);
  }
}

/** Opens `SOCKETS` keep-alive connections at once, so the balancer has spread them before the load starts. */
async function openSockets(agent: http.Agent, url: string): Promise<void> {
  await Promise.all(
    Array.from(
      { length: SOCKETS },
      () =>
        new Promise<void>((resolve, reject) => {
          http
            .get(`${url}/health`, { agent }, (res) => {
              res.resume();
              res.on('end', () => resolve());
            })
            .on('error', reject);
        }),
    ),
  );
}

/** A warm-up, then each rate for DURATION_S, paced; the queue is emptied between runs (no worker runs). */
async function enqueueRuns(setup: string, gatewayUrl: string, queue: Queue, groups: Record<string, number[]>): Promise<EnqueueRun[]> {
  const call = await submitCall(gatewayUrl);
  const runs: EnqueueRun[] = [];
  for (const rate of RATES) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS, scheduling: 'fifo' });
    try {
      await openSockets(agent, gatewayUrl);
      await pacedLoad({ ...call, method: 'POST', rate, durationS: WARM_UP_S, agent });
      await queue.drain(true);
      await openSockets(agent, gatewayUrl);
      const meter = startCpuMeter(groups);
      const result = await pacedLoad({ ...call, method: 'POST', rate, durationS: DURATION_S, agent });
      const cpu = meter?.stop() ?? null;
      const answered = result.sent - result.errors;
      const gatewayGroups = Object.keys(groups).filter((g) => g.startsWith('gateway'));
      const gatewayMs = gatewayGroups.reduce((sum, g) => sum + cpuMs(cpu, g, answered), 0);
      runs.push({ setup, rate, ...result, answered, cpu, gatewayMsPerSubmit: gatewayMs, redisMsPerSubmit: cpuMs(cpu, 'redis', answered) });
      await queue.drain(true);
    } finally {
      agent.destroy();
    }
  }
  return runs;
}

async function enqueue(stack: BenchStack): Promise<EnqueueRun[]> {
  const prefix = benchPrefix('scale-enqueue');
  const env = { ...stack.env, LGSP_KEY_PREFIX: prefix };
  const queue = new Queue(SERVICE, { connection: stack.redis, prefix: queuePrefix(prefix, SERVICE) });
  const base = stack.cpuGroups();
  try {
    const single = await startGateway(env);
    let runs: EnqueueRun[];
    try {
      runs = await enqueueRuns('1 gateway process', single.url, queue, { ...base, gateway: pidsOf([single.process]) });
    } finally {
      await single.process.stop();
    }
    const port = await freePort();
    const pair = await startGatewayCluster(SCRIPT, 2, { ...env, PORT: String(port) });
    try {
      const groups = {
        ...base,
        'gateway primary': [pair.primaryPid],
        ...Object.fromEntries(pair.gatewayPids.map((pid, i) => [`gateway ${i + 1}`, [pid]])),
      };
      runs.push(...(await enqueueRuns('2 gateway processes, cluster module', `http://127.0.0.1:${port}`, queue, groups)));
    } finally {
      await pair.process.stop();
    }
    return runs;
  } finally {
    await queue.close();
    const removed = await deletePrefixKeys(stack.redis, prefix);
    process.stderr.write(`removed ${removed} keys of ${prefix}\n`);
  }
}

async function main(): Promise<void> {
  const stack = await startBenchStack('scale', { gateway: false });
  const startLoad = loadDescription();
  try {
    // Unrecorded: the mocks, Redis and the code paths of the first recorded drain start warm.
    await drain(stack, 1, WARM_UP_JOBS);
    const drains: DrainRun[] = [];
    for (const k of WORKER_COUNTS) drains.push(await drain(stack, k));
    const enqueues = await enqueue(stack);
    const lines = scaleReport({
      service: SERVICE,
      jobs: JOBS,
      prefillConcurrency: PREFILL_CONCURRENCY,
      durationS: DURATION_S,
      sockets: SOCKETS,
      startLoad,
      drains,
      enqueues,
    });
    // A trial run (BENCH_RECORD=0) prints without adding to bench/RESULTS.md.
    if (process.env['BENCH_RECORD'] === '0') console.log(lines.join('\n'));
    else recordResults(lines);
  } finally {
    await stack.stop();
  }
}

const ROLES: Record<string, () => Promise<void>> = { 'gateway-cluster': runGatewayCluster };
(ROLES[process.argv[2] ?? ''] ?? main)().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
