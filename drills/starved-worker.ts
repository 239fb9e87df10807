import { randomUUID } from 'node:crypto';
import path from 'node:path';
import axios from 'axios';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { startTsx, type BenchProcess } from '../bench/lib/bench-process';
import { CALLBACK_QUEUE, callbackOutboxKey, queuePrefix } from '../src/infra/redis-keys';
import { waitUntil } from '../test/support/wait-until';
import { startDrillStack, waitForJobs, type DrillStack } from './lib/drill-stack';
import { watchJobEvents, type JobEventLog } from './lib/job-event-log';

/**
 * A worker whose event loop is starved while it holds jobs: the gateway (HTTP role) runs in this
 * process with the mocks, the delivery workers in two processes of their own (`src/main/worker.ts`)
 * on the same key prefix with a short lock. One of them is preloaded with drills/lib/starve-hook.ts
 * and, once it holds jobs whose requests are at a slow provider, its loop is blocked by a CPU-bound
 * loop for several lock durations: it cannot renew its locks. Checked: its jobs come back through
 * the other worker's stalled check and are finished there, once; when the starved loop frees, it
 * does not complete them a second time (the queue refuses its stale lock), and each request has
 * one effect at the provider (a repeat is answered from the provider's idempotency store).
 */
export interface StarvedWorkerOptions {
  /** Async submissions per round, each with its own Idempotency-Key. */
  jobsPerRound: number;
  /** Times the worker is starved, each on jobs it holds then. */
  rounds: number;
  /** How long the provider takes to answer, so jobs are held while the loop is blocked. */
  providerLatencyMs: number;
  /** The workers' LGSP_LOCK_DURATION_MS and LGSP_STALLED_INTERVAL_MS. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** How long the event loop is blocked each round. */
  starveMs: number;
  drainTimeoutMs: number;
  log?: (line: string) => void;
}

export interface StarvedRound {
  /** Jobs the starved worker held when its loop was blocked. */
  held: number;
  /** Of those, taken again by the other worker while the loop was still blocked, then completed. */
  recovered: number;
  /** How long the loop was really blocked. */
  blockedMs: number;
  /** From the block's start to each held job's stalled event, and from that event to the job taken again. */
  toStalledMs: number[];
  toRetakenMs: number[];
}

export interface StarvedWorkerReport {
  rounds: StarvedRound[];
  acknowledged: number;
  delivered: number;
  failed: number;
  /** Stalled events of the queue (any job), and completed events beyond one per job. */
  stalledEvents: number;
  completedTwice: number;
  /** Held jobs whose end the starved worker tried to store after its loop freed, refused for a lost lock. */
  staleFinishRefused: number;
  /** Lock renewals of held jobs the starved worker found refused after its loop freed. */
  lockRenewalsRefused: number;
  /** Distinct idempotency keys among the provider's effects, and effects beyond one per key. */
  effects: number;
  doneTwice: number;
  /** Requests the provider answered from its idempotency store instead of doing the work again. */
  providerDeduplicated: number;
  /**
   * Jobs whose consumer got no completion callback, and more than one (callbacks are at least
   * once, ADR 0006: a notice the starved worker made durable before its end was refused is
   * relayed later, beside the other worker's).
   */
  callbacksMissing: number;
  callbacksTwice: number;
  /**
   * Held jobs ended completed whose stored data carries an error from the starved worker's stale
   * attempt (its timeout fired when the loop freed, and the error is written without a lock), per type.
   */
  staleErrorOnCompleted: Record<string, number>;
  /** Worker errors of the worker that was never starved (locks it lost to a busy machine, for instance). */
  otherWorkerErrors: string[];
  drainMs: number;
}

const SERVICE = 'dvcqg-ho-so';
const SUBMIT = `/api/v1/services/${SERVICE}/dong-bo-ho-so`;
const HOOK = path.join(__dirname, 'lib/starve-hook.ts');

interface WorkerLog {
  proc: BenchProcess;
  /** `worker error` messages, in order. */
  errors: string[];
}

async function startWorker(name: string, env: NodeJS.ProcessEnv, starveMs?: number): Promise<WorkerLog> {
  const errors: string[] = [];
  const proc = startTsx(name, 'src/main/worker.ts', {
    // At info the workers say when they run; they log nothing per job at that level.
    env: { ...env, LOG_LEVEL: 'info', ...(starveMs ? { DRILL_STARVE_MS: String(starveMs) } : {}) },
    ...(starveMs ? { nodeArgs: ['--import', HOOK] } : {}),
    onLine: (line) => {
      if (!line.includes('"worker error"')) return;
      const entry = JSON.parse(line) as { err?: { message?: string } };
      errors.push(entry.err?.message ?? line);
    },
  });
  await proc.waitForLine((line) => line.includes('delivery workers running'), 60_000);
  return { proc, errors };
}

/** Active jobs of the queue and the worker id in each one's lock token (`<worker id>:<n>`). */
async function activeOwners(queue: Queue, redis: Redis): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const job of await queue.getActive()) {
    const token = await redis.get(queue.toKey(`${job.id}:lock`));
    if (job.id && token) owners.set(job.id, token.split(':')[0] ?? '');
  }
  return owners;
}

async function submit(stack: DrillStack, count: number): Promise<string[]> {
  const headers = await stack.headersFor('mot-cua');
  const body = await stack.example('mot-cua', SERVICE, 'dong-bo-ho-so');
  const answers = await Promise.all(
    Array.from({ length: count }, () =>
      stack.api.post(SUBMIT, body, { headers: { ...headers, 'idempotency-key': `starve-${randomUUID()}` } }),
    ),
  );
  return answers.filter((a) => a.status === 202).map((a) => String(a.data.jobId));
}

export async function runStarvedWorkerDrill(opts: StarvedWorkerOptions): Promise<StarvedWorkerReport> {
  const log = opts.log ?? (() => undefined);
  const stack = await startDrillStack('starved', { roles: ['http'] });
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const prefix = queuePrefix(stack.prefix, SERVICE);
  const queue = new Queue(SERVICE, { connection: { url: redisUrl }, prefix });
  const callbackQueue = new Queue(CALLBACK_QUEUE, { connection: { url: redisUrl }, prefix: queuePrefix(stack.prefix, CALLBACK_QUEUE) });
  const workers: WorkerLog[] = [];
  let opened: JobEventLog | undefined;
  try {
    const events = await watchJobEvents(SERVICE, prefix, redisUrl);
    opened = events;
    await axios.put(`${stack.mocks.ngspUrl}/__mock/faults/${SERVICE}`, { mode: 'slow', latencyMs: opts.providerLatencyMs });
    await axios.delete(`${stack.mocks.ngspUrl}/__mock/journal`);
    await axios.delete(`${stack.mocks.provinceUrl}/__mock/callbacks`);
    const env: NodeJS.ProcessEnv = {
      REDIS_URL: redisUrl,
      NGSP_URL: stack.mocks.ngspUrl,
      PROVINCE_URL: stack.mocks.provinceUrl,
      LGSP_KEY_PREFIX: stack.prefix,
      LGSP_LOCK_DURATION_MS: String(opts.lockDurationMs),
      LGSP_STALLED_INTERVAL_MS: String(opts.stalledIntervalMs),
    };
    const starved = await startWorker('starved-worker', env, opts.starveMs);
    workers.push(starved);
    // One job with the starved worker alone: the owner in its lock token names that worker.
    const jobIds = await submit(stack, 1);
    const starvedId = await waitUntil(
      'the starved worker takes a job',
      async () => [...(await activeOwners(queue, stack.redis)).values()][0],
      { timeoutMs: 30_000, intervalMs: 20 },
    );
    const other = await startWorker('other-worker', env);
    workers.push(other);

    const blocks: Block[] = [];
    const concurrency = stack.roles.core.catalog.getConnection(SERVICE).concurrency;
    for (let round = 0; round < opts.rounds; round++) {
      jobIds.push(...(await submit(stack, opts.jobsPerRound)));
      const block = await starveWhileHolding(stack, queue, starved, starvedId, concurrency, opts.starveMs);
      blocks.push(block);
      log(`round ${round + 1}: held ${block.held.length}, blocked ${block.blockedMs} ms`);
    }

    const drainStart = performance.now();
    const ended = await waitForJobs(stack, 'mot-cua', jobIds, opts.drainTimeoutMs);
    const drainMs = Math.round(performance.now() - drainStart);
    await callbacksSettled(stack, callbackQueue);
    const held = new Set(blocks.flatMap((b) => b.held));
    const refused = (pattern: RegExp): number =>
      new Set(starved.errors.map((m) => pattern.exec(m)?.[1]).filter((id) => id !== undefined && held.has(id))).size;
    const ends = [...ended.values()];
    return {
      rounds: blocks.map((b) => roundFigures(b, events, ended)),
      acknowledged: jobIds.length,
      delivered: ends.filter((e) => e.status === 'completed').length,
      failed: ends.filter((e) => e.status === 'failed').length,
      stalledEvents: events.events().filter((e) => e.kind === 'stalled').length,
      completedTwice: jobIds.reduce((n, id) => n + Math.max(0, events.count('completed', id) - 1), 0),
      staleFinishRefused: refused(/(?:Missing lock|Lock mismatch) for job (.+?)\. /),
      lockRenewalsRefused: refused(/could not renew lock for job (\S+)/),
      ...(await providerFigures(stack)),
      ...(await callbackFigures(stack, jobIds)),
      staleErrorOnCompleted: await staleErrors(queue, held),
      otherWorkerErrors: other.errors,
      drainMs,
    };
  } finally {
    for (const w of workers.reverse()) await w.proc.stop();
    await opened?.close();
    await queue.close();
    await callbackQueue.close();
    await stack.close();
  }
}

/** One block of the starved worker's loop: the jobs it held, when it began (its clock) and how long it lasted. */
interface Block {
  held: string[];
  startedAt: number;
  endedAt: number;
  blockedMs: number;
}

/** Waits until the worker holds a full hand of jobs with a request at the slow provider, then blocks its loop. */
async function starveWhileHolding(
  stack: DrillStack,
  queue: Queue,
  starved: WorkerLog,
  starvedId: string,
  concurrency: number,
  starveMs: number,
): Promise<Block> {
  const calls = async (): Promise<number> => {
    const faults = (await axios.get(`${stack.mocks.ngspUrl}/__mock/faults`)).data as { items: Array<{ serviceId: string; calls: number }> };
    return faults.items.find((f) => f.serviceId === SERVICE)?.calls ?? 0;
  };
  const ownJobs = async (): Promise<string[]> =>
    [...(await activeOwners(queue, stack.redis))].filter(([, owner]) => owner === starvedId).map(([id]) => id);
  // A full hand, and as many calls at the provider as jobs ever taken: its requests are all sent.
  await waitUntil(
    'the starved worker holds a full hand, its requests at the provider',
    async () => {
      if ((await ownJobs()).length < concurrency) return undefined;
      const counts = await queue.getJobCounts('active', 'completed', 'failed');
      return (await calls()) >= (counts['active'] ?? 0) + (counts['completed'] ?? 0) + (counts['failed'] ?? 0) ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 20 },
  );
  const started = starved.proc.waitForLine((line) => line.includes('"starve start"'));
  const ended = starved.proc.waitForLine((line) => line.includes('"starve end"'), starveMs + 30_000);
  starved.proc.child.kill('SIGUSR2');
  const start = JSON.parse(await started) as { at: number };
  // Its loop is blocked from here, so the jobs locked with its id are exactly those it holds.
  const held = await ownJobs();
  const end = JSON.parse(await ended) as { at: number; blockedMs: number };
  return { held, startedAt: start.at, endedAt: end.at, blockedMs: end.blockedMs };
}

function roundFigures(block: Block, events: JobEventLog, ended: Map<string, { status: string }>): StarvedRound {
  const toStalledMs: number[] = [];
  const toRetakenMs: number[] = [];
  let recovered = 0;
  for (const id of block.held) {
    const own = events.events(id);
    const stalled = own.find((e) => e.kind === 'stalled' && e.at >= block.startedAt);
    if (!stalled) continue;
    toStalledMs.push(stalled.at - block.startedAt);
    const retaken = own.find((e) => e.kind === 'active' && e.at >= stalled.at);
    if (!retaken) continue;
    toRetakenMs.push(retaken.at - stalled.at);
    // While the starved loop was still blocked, only the other worker could take it.
    if (retaken.at < block.endedAt && ended.get(id)?.status === 'completed') recovered += 1;
  }
  return { held: block.held.length, recovered, blockedMs: block.blockedMs, toStalledMs, toRetakenMs };
}

async function providerFigures(stack: DrillStack): Promise<Pick<StarvedWorkerReport, 'effects' | 'doneTwice' | 'providerDeduplicated'>> {
  const journal = await stack.journal(SERVICE);
  const perKey = new Map<string, number>();
  for (const item of journal.items) if (item.idempotencyKey) perKey.set(item.idempotencyKey, (perKey.get(item.idempotencyKey) ?? 0) + 1);
  return {
    effects: perKey.size,
    doneTwice: [...perKey.values()].reduce((n, c) => n + c - 1, 0),
    providerDeduplicated: journal.duplicates,
  };
}

/**
 * Waits until no notice is left to send: the outbox empty (a notice written by an attempt whose
 * end was refused stays there until it is due, then goes to the callback queue) and the callback
 * queue idle, so a second notice of a job would have reached the consumer by now.
 */
async function callbacksSettled(stack: DrillStack, callbackQueue: Queue): Promise<void> {
  await waitUntil(
    'every callback notice sent',
    async () => {
      const outbox = await stack.redis.zcard(callbackOutboxKey(stack.prefix));
      const counts = await callbackQueue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      return outbox === 0 && Object.values(counts).every((n) => n === 0) ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
}

async function callbackFigures(
  stack: DrillStack,
  jobIds: string[],
): Promise<Pick<StarvedWorkerReport, 'callbacksMissing' | 'callbacksTwice'>> {
  const view = (await axios.get(`${stack.mocks.provinceUrl}/__mock/callbacks`, { params: { consumerId: 'mot-cua' } })).data as {
    items: Array<{ body: unknown }>;
  };
  const perJob = new Map<string, number>();
  for (const item of view.items) {
    const body = (typeof item.body === 'string' ? JSON.parse(item.body) : item.body) as { jobId?: string; outcome?: string };
    if (body.outcome === 'completed' && body.jobId) perJob.set(body.jobId, (perJob.get(body.jobId) ?? 0) + 1);
  }
  return {
    callbacksMissing: jobIds.filter((id) => !perJob.has(id)).length,
    callbacksTwice: [...perJob.values()].filter((n) => n > 1).length,
  };
}

/** Per error type, held jobs that ended completed with that error still in their stored data. */
async function staleErrors(queue: Queue, held: Set<string>): Promise<Record<string, number>> {
  const byType: Record<string, number> = {};
  for (const id of held) {
    const job = await queue.getJob(id);
    const type = (job?.data as { lastError?: { type: string } } | undefined)?.lastError?.type;
    if (job && type && (await job.isCompleted())) byType[type] = (byType[type] ?? 0) + 1;
  }
  return byType;
}
