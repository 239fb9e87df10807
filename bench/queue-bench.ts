import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import axios from 'axios';
import { Queue } from 'bullmq';
import { mapContext, parseOperationInput, type CatalogOperation } from '../src/catalog/catalog';
import { DEFAULT_CONFIG_DIR } from '../src/config/load-config';
import { connectionLogKey, queuePrefix } from '../src/infra/redis-keys';
import { composeGateway, type GatewayParts } from '../src/main/compose-gateway';
import { startDelivery } from '../src/main/start-delivery';
import { encodeForProvider } from '../src/runtime/encode-for-provider';
import { sleep, startTsx, type BenchProcess } from './lib/bench-process';
import { loadDescription, machineDescription, markdownTable, recordResults, today } from './lib/bench-results';
import { startBenchStack, type BenchStack } from './lib/bench-stack';
import { CallbackBacklog } from './lib/callback-backlog';
import { describeCpu, startCpuMeter, type CpuUse } from './lib/cpu-meter';
import { READY as BASELINE_READY, GATEWAY_JOB_OPTIONS, type PlainWorkerConfig } from './lib/baselines';
import { measureEnqueue, type EnqueueResult } from './lib/enqueue-latency';
import { measureQueueMemory, type MemoryResult } from './lib/queue-memory';

/**
 * The async path of `dvcqg-ho-so/dong-bo-ho-so`: (a) enqueue latency at a fixed rate with no
 * worker running, (b) how fast the gateway's worker process drains that backlog to the mock,
 * beside a plain BullMQ worker that only POSTs the same DVCQG envelope, (c) Redis memory per
 * waiting job, queued through the gateway's own code.
 */
const SERVICE = 'dvcqg-ho-so';
const OPERATION = 'dong-bo-ho-so';
const RATE = Number(process.env['BENCH_RATE'] ?? 500);
const DURATION_S = Number(process.env['BENCH_DURATION'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);
const MEMORY_JOBS = Number(process.env['BENCH_MEMORY_JOBS'] ?? 100_000);
const DRAIN_DEADLINE_MS = 120_000;
const PLAIN_HIGH_CONCURRENCY = 16;
/** Drains of the gateway and of the plain worker, in turns. */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const MiB = 2 ** 20;
const GiB = 2 ** 30;
const READY = 'delivery workers running';

interface DrainResult {
  title: string;
  concurrency: number;
  jobs: number;
  failed: number;
  seconds: number;
  jobsPerSecond: number;
  journal: number;
  /** CPU seconds the consumer process spent per 1,000 jobs. */
  cpuPer1000: number;
  cpu: CpuUse | null;
}

/** Starts the consumer, waits until `jobs` are finished, and times them from the jobs' own timestamps. */
async function timeDrain(
  title: string,
  concurrency: number,
  queue: Queue,
  jobs: number,
  stack: BenchStack,
  startConsumer: () => Promise<BenchProcess>,
): Promise<DrainResult> {
  await axios.delete(`${stack.ngspUrl}/__mock/journal`);
  const consumer = await startConsumer();
  const meter = startCpuMeter({ ...stack.cpuGroups(), [consumer.name]: consumer.child.pid === undefined ? [] : [consumer.child.pid] });
  const deadline = Date.now() + DRAIN_DEADLINE_MS;
  let counts: Record<string, number> = {};
  let cpu: CpuUse | null = null;
  try {
    do {
      await sleep(100);
      counts = await queue.getJobCounts('completed', 'failed');
    } while ((counts['completed'] ?? 0) + (counts['failed'] ?? 0) < jobs && Date.now() < deadline);
    cpu = meter?.stop() ?? null;
  } finally {
    await consumer.stop();
  }
  const [first] = await queue.getJobs(['completed'], 0, 0, true);
  const [last] = await queue.getJobs(['completed'], 0, 0, false);
  const seconds = ((last?.finishedOn ?? 0) - (first?.processedOn ?? 0)) / 1000;
  const completed = counts['completed'] ?? 0;
  const journal = (await axios.get(`${stack.ngspUrl}/__mock/journal`, { params: { serviceId: SERVICE, limit: 0 } })).data as {
    total: number;
  };
  // A drain that delivered nothing measures a broken consumer, not a rate: stop rather than record it.
  if (completed === 0) throw new Error(`${title}: no job completed (${counts['failed'] ?? 0} failed) — the consumer is broken`);
  const cpuPer1000 = cpu && completed > 0 ? ((cpu[consumer.name] ?? 0) * cpu.seconds * 1000) / completed : NaN;
  return {
    title,
    concurrency,
    jobs: completed,
    failed: counts['failed'] ?? 0,
    seconds,
    jobsPerSecond: seconds > 0 ? Math.round(completed / seconds) : 0,
    journal: journal.total,
    cpuPer1000,
    cpu,
  };
}

/** A fresh backlog of `jobs` directory-example jobs, queued by the gateway's call pipeline; earlier jobs and callbacks are dropped. */
async function refill(stack: BenchStack, parts: GatewayParts, queue: Queue, jobs: number): Promise<void> {
  const { example } = parts.catalog.getOperation(SERVICE, OPERATION).config;
  const call = { serviceId: SERVICE, operationId: OPERATION, principal: { id: 'mot-cua', role: 'consumer' as const }, preferAsync: true };
  await queue.obliterate({ force: true });
  // Callbacks an earlier drain left behind would otherwise be sent during the next one.
  const backlog = new CallbackBacklog(stack.redis, stack.prefix);
  await backlog.drop();
  await backlog.close();
  for (let i = 0; i < jobs; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, jobs - i) }, () => parts.pipeline.call({ ...call, requestId: randomUUID() }, example)),
    );
  }
}

/**
 * Diagnostic: the same worker code on a config copy where no consumer has a callbackUrl, on a
 * fresh backlog of the same size, to show what the per-job callback costs.
 */
async function drainWithoutCallbacks(stack: BenchStack, parts: GatewayParts, queue: Queue, jobs: number): Promise<DrainResult> {
  const op = parts.catalog.getOperation(SERVICE, OPERATION);
  await refill(stack, parts, queue, jobs);
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'lgsp-bench-config-'));
  try {
    cpSync(DEFAULT_CONFIG_DIR, configDir, { recursive: true });
    const consumers = path.join(configDir, 'consumers.yaml');
    writeFileSync(consumers, readFileSync(consumers, 'utf8').replace(/^\s*callbackUrl:.*$/gm, ''));
    const start = async (): Promise<BenchProcess> => {
      const p = startTsx('workers-no-callbacks', 'bench/queue-bench.ts', {
        args: ['workers-no-callbacks'],
        env: { ...stack.env, BENCH_CONFIG_DIR: configDir },
      });
      await p.waitForLine((line) => line === READY);
      return p;
    };
    return await timeDrain('diagnostic: same workers, no consumer callbackUrl', op.connection.concurrency, queue, jobs, stack, start);
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
}

/** The exact wire body the gateway sends for the directory example: the plain worker sends the same. */
function wireEnvelope(op: CatalogOperation, input: unknown, province: { name: string; agencyCode: string }): Record<string, unknown> {
  const { outbound } = encodeForProvider(op, input, mapContext(op, 'bench', province));
  return JSON.parse(outbound.body ?? '{}') as Record<string, unknown>;
}

async function drainPlain(
  stack: BenchStack,
  jobs: number,
  concurrency: number,
  envelope: Record<string, unknown>,
  url: string,
  round?: number,
): Promise<DrainResult> {
  const prefix = `${stack.prefix}:plain`;
  const name = `plain-c${concurrency}`;
  const queue = new Queue(name, { connection: stack.redis, prefix });
  await queue.obliterate({ force: true });
  const { data, ...head } = envelope;
  const item = (data as unknown[])[0];
  const opts = GATEWAY_JOB_OPTIONS;
  for (let i = 0; i < jobs; i += 1000)
    await queue.addBulk(Array.from({ length: Math.min(1000, jobs - i) }, () => ({ name: OPERATION, data: { item }, opts })));
  const config: PlainWorkerConfig = {
    redisUrl: stack.redisUrl,
    prefix,
    queue: name,
    concurrency,
    url,
    ngspUrl: stack.ngspUrl,
    envelope: head,
  };
  const start = async (): Promise<BenchProcess> => {
    const p = startTsx(name, 'bench/plain-baselines.ts', { args: ['worker'], env: { BENCH_PLAIN: JSON.stringify(config) } });
    await p.waitForLine((line) => line === BASELINE_READY);
    return p;
  };
  try {
    return await timeDrain(
      `plain BullMQ worker, one axios POST per job${round ? `, round ${round}` : ''}`,
      concurrency,
      queue,
      jobs,
      stack,
      start,
    );
  } finally {
    await queue.close();
  }
}

/** Role `workers-no-callbacks`: the gateway's delivery workers on the config in BENCH_CONFIG_DIR. */
async function runWorkersWithoutCallbacks(): Promise<void> {
  const parts = composeGateway({ env: process.env, configDir: process.env['BENCH_CONFIG_DIR'] ?? DEFAULT_CONFIG_DIR });
  await parts.redisReady();
  const delivery = await startDelivery(parts);
  console.log(READY);
  process.once('SIGTERM', () => {
    void delivery
      .close()
      .then(() => parts.close())
      .then(() => process.exit(0));
  });
}

/** Bytes per record of the connection-log stream the drains filled (kept 30 days by default). */
async function logRecordBytes(stack: BenchStack): Promise<{ records: number; bytesPerRecord: number }> {
  const key = connectionLogKey(stack.prefix, SERVICE);
  const [records, bytes] = await Promise.all([stack.redis.xlen(key), stack.redis.memory('USAGE', key, 'SAMPLES', 0)]);
  return { records, bytesPerRecord: records > 0 ? Math.round(Number(bytes) / records) : 0 };
}

/** Gateway / plain per round (each gateway drain is followed by its plain one), and their median. */
function drainRatios(drains: DrainResult[]): { perRound: number[]; median: number } {
  const perRound: number[] = [];
  drains.forEach((d, i) => {
    const next = drains[i + 1];
    if (d.title.startsWith('gateway') && next?.title.startsWith('plain') && next.jobsPerSecond > 0)
      perRound.push(Math.round((100 * d.jobsPerSecond) / next.jobsPerSecond));
  });
  const sorted = [...perRound].sort((a, b) => a - b);
  return { perRound, median: sorted[Math.floor(sorted.length / 2)] ?? NaN };
}

function report(
  enq: EnqueueResult[],
  drains: DrainResult[],
  callbacksLeft: number[],
  mem: MemoryResult,
  log: { records: number; bytesPerRecord: number },
  startLoad: string,
): string[] {
  const ratios = drainRatios(drains);
  const perJob = Math.round((mem.usedAfter - mem.usedBefore) / mem.jobs);
  const summed = mem.keyBytes.reduce((s, k) => s + k.bytes, 0);
  const hours = (perHour: number): string => {
    const h = GiB / (perJob * perHour);
    return h >= 10 ? String(Math.round(h)) : h.toFixed(1);
  };
  const logGiB = (perHour: number): string => ((perHour * 24 * 30 * log.bytesPerRecord) / GiB).toFixed(2);
  return [
    `## Async path: ${SERVICE}/${OPERATION} — ${today()}`,
    '',
    `Machine: ${machineDescription()}; ${startLoad} at the start, ${loadDescription()} at the end. Mocks, gateway, worker process and load generator (bench) in separate processes; Redis shared on the same machine. CPU figures are cores in use on average; "others" is work outside this bench (other users of the machine).`,
    '',
    `**(a) Enqueue latency** — offered ${RATE} req/s for ${DURATION_S} s, directory example body, no worker running (target: p99 ≤ 10 ms at 500 req/s). autocannon's overallRate spends each connection's per-second budget back to back, so the server sees bursts of ${CONNECTIONS} concurrent requests; the paced run sends one request every ${(1000 / RATE).toFixed(1)} ms and counts latency from the scheduled instant. The same loads ran first on a node:http server that answers at once (what the load generator and this machine measure when the server does no work) and on a bare express server whose one route does BullMQ's \`queue.add\` with the gateway's job options (no auth, validation, sealing, logging or metrics; served like the gateway, its requests born with express's prototypes): the floor for an enqueue over HTTP on this stack.`,
    '',
    ...markdownTable(
      ['load', 'achieved req/s', 'answered', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'CPU cores'],
      enq.map((e) => [e.title, e.rps, e.answered, e.p50, e.p90, e.p99, e.max, e.non2xx, e.errors, describeCpu(e.cpu)]),
    ),
    '',
    `**(b) Drain rate** — ${drains[0]?.jobs ?? 0} waiting jobs in \`${SERVICE}\` (round 1: the paced run's; later rounds and the diagnostic: queued by the gateway's submit), drained to the mock; time from the first job's start to the last job's end. The gateway's workers and the plain worker drain in turns, ${ROUNDS} rounds, so the machine's noise hits both (target: gateway ≥ 50 % of the plain worker at the same concurrency).`,
    '',
    ...markdownTable(
      [
        'consumer',
        'concurrency',
        'jobs completed',
        'failed',
        'seconds',
        'jobs/s',
        'mock journal',
        'consumer CPU s per 1,000 jobs',
        'CPU cores',
      ],
      drains.map((d) => [
        d.title,
        d.concurrency,
        d.jobs,
        d.failed,
        d.seconds.toFixed(2),
        d.jobsPerSecond,
        d.journal,
        d.cpuPer1000.toFixed(2),
        describeCpu(d.cpu),
      ]),
    ),
    '',
    `Gateway / plain at the same concurrency, round by round: ${ratios.perRound.map((r) => `${r} %`).join(', ')}; median **${ratios.median} %**. The gateway's workers also send a signed callback to the consumer for every finished job (mot-cua has a callbackUrl; ADR 0006: one outbox write, then the POST); the diagnostic row shows the drain without that. When each gateway drain ended, ${callbacksLeft.join(' / ')} callbacks were not yet taken.`,
    '',
    `**(c) Redis memory** — ${mem.jobs.toLocaleString('en')} waiting jobs queued with \`JobQueues.submit\` (the gateway's own path: sealed input, job options) in ${mem.seconds.toFixed(1)} s.`,
    '',
    ...markdownTable(
      ['measure', 'value'],
      [
        ['used_memory before → after', `${(mem.usedBefore / MiB).toFixed(1)} → ${(mem.usedAfter / MiB).toFixed(1)} MiB`],
        ['used_memory delta per job', `${perJob} bytes`],
        ['used_memory delta per 100,000 jobs', `${((perJob * 100_000) / MiB).toFixed(1)} MiB`],
        ['MEMORY USAGE of one job hash', `${mem.jobHashBytes} bytes`],
        ...mem.keyBytes.map((k) => [
          `MEMORY USAGE, ${k.kind} (${k.keys} key${k.keys === 1 ? '' : 's'})`,
          `${(k.bytes / MiB).toFixed(1)} MiB`,
        ]),
        ['MEMORY USAGE, all keys of the prefix', `${(summed / MiB).toFixed(1)} MiB (${Math.round(summed / mem.jobs)} bytes per job)`],
        ['connection-log record (stream filled by (b))', `${log.bytesPerRecord} bytes per record (${log.records} records)`],
      ],
    ),
    '',
    `A 1 GiB Redis holding nothing else rides out a provider outage of about ${hours(1_000)} h at 1,000 queued requests/hour, ${hours(5_000)} h at 5,000/h and ${hours(20_000)} h at 20,000/h (${perJob} bytes per waiting job). ` +
      `It does not hold nothing else: every exchange attempt also leaves a ${log.bytesPerRecord}-byte connection-log record kept 30 days, i.e. ${logGiB(1_000)} GiB at a steady 1,000 exchanges/hour and ${logGiB(5_000)} GiB at 5,000/hour, plus up to 10,000 completed and 50,000 failed jobs kept per connection.`,
    '',
  ];
}

async function main(): Promise<void> {
  const stack = await startBenchStack('queue');
  const startLoad = loadDescription();
  const queue = new Queue(SERVICE, { connection: stack.redis, prefix: queuePrefix(stack.prefix, SERVICE) });
  const parts = composeGateway({ env: { ...process.env, ...stack.env, LOG_LEVEL: 'warn' } });
  try {
    await parts.redisReady();
    const enq = await measureEnqueue(stack, await stack.consumerToken('mot-cua'), queue, SERVICE, OPERATION, {
      rate: RATE,
      durationS: DURATION_S,
      connections: CONNECTIONS,
    });
    const waiting = (await queue.getJobCounts('waiting'))['waiting'] ?? 0;
    const op = parts.catalog.getOperation(SERVICE, OPERATION);
    const envelope = wireEnvelope(op, await parseOperationInput(op, op.config.example), parts.config.settings.province);
    await warmMock(stack, op.connection.url, envelope);
    // Gateway and plain worker in turns, on the same backlog size: the machine's noise hits both.
    const drains: DrainResult[] = [];
    const callbacksLeft: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) await refill(stack, parts, queue, waiting);
      drains.push(
        await timeDrain(`gateway worker process (19 connections), round ${round}`, op.connection.concurrency, queue, waiting, stack, () =>
          stack.startWorkers(),
        ),
      );
      callbacksLeft.push(await pendingCallbacks(stack));
      drains.push(await drainPlain(stack, waiting, op.connection.concurrency, envelope, op.connection.url, round));
    }
    drains.push(await drainWithoutCallbacks(stack, parts, queue, waiting));
    drains.push(await drainPlain(stack, waiting, PLAIN_HIGH_CONCURRENCY, envelope, op.connection.url));
    const log = await logRecordBytes(stack);
    const mem = await measureQueueMemory(stack, SERVICE, OPERATION, MEMORY_JOBS);
    recordResults(report(enq, drains, callbacksLeft, mem, log, startLoad));
  } finally {
    await parts.close();
    await queue.close();
    await stack.stop();
  }
}

async function pendingCallbacks(stack: BenchStack): Promise<number> {
  const backlog = new CallbackBacklog(stack.redis, stack.prefix);
  try {
    return await backlog.count();
  } finally {
    await backlog.close();
  }
}

/** A short run straight at the mock, so no drain pays for its JIT warm-up. */
async function warmMock(stack: BenchStack, url: string, envelope: Record<string, unknown>): Promise<void> {
  await autocannon({
    url,
    method: 'POST',
    duration: 2,
    connections: 4,
    headers: { authorization: `Bearer ${await stack.ngspToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify(envelope),
  });
}

const ROLES: Record<string, () => Promise<void>> = { 'workers-no-callbacks': runWorkersWithoutCallbacks };
(ROLES[process.argv[2] ?? ''] ?? main)().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
