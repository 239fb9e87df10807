import { randomUUID } from 'node:crypto';
import { quotaKeys } from '../src/infra/redis-keys';
import { startDrillStack, type DrillStack } from './lib/drill-stack';
import { startPrivateRedis, type FsyncPolicy } from './lib/private-redis';

/**
 * Redis faults the outage test does not cover (it stops Redis: connections are refused at once).
 *
 * - Pause: SIGSTOP leaves Redis's sockets open and answers nothing, the way a Redis host that
 *   swaps, freezes or loses its network without a reset looks. Async submits must still answer
 *   (503, typed) within the request-path connection's command timeout, sync calls must go on,
 *   and everything must resume on SIGCONT.
 * - Crash: SIGKILL while requests wait in the queue, then a restart from the append-only file.
 *   Every acknowledged (202) request must be delivered once. With `appendfsync everysec` Redis
 *   writes each command to the AOF before it answers and fsyncs once a second, so a killed
 *   process loses nothing the kernel has; only an OS crash or power loss can lose the last
 *   second. The drill measures the kill, and what `always` costs in enqueue latency.
 */

const SUBMIT = '/api/v1/services/dvcqg-ho-so/dong-bo-ho-so';
const LOOKUP = '/api/v1/services/dat-dai/tra-cuu-thua-dat';
const LOOKUP_BODY = { maXa: '07210', soTo: '12', soThua: '345' };

interface Submitted {
  key: string;
  sentAt: number;
  status?: number;
  type?: string;
  ms?: number;
  jobId?: string;
  answeredAt?: number;
}

/** What became of acknowledged requests, read from the provider's journal (one item per effect). */
export interface DeliveryCount {
  acknowledged: number;
  deliveredOnce: number;
  /** Effects beyond one per key. */
  doneTwice: number;
  /** Acknowledged, no effect, and the job is gone from Redis. */
  lost: number;
  /** Acknowledged, no effect yet, job still there when the drain time ran out. */
  undelivered: number;
  drainMs: number;
}

export interface RedisPauseReport {
  pauseMs: number;
  /** Async answers during the pause, by `status type`. */
  asyncDuringPause: Record<string, number>;
  /** The slowest async answer to a submit sent during the pause, in ms. */
  slowestAsyncMs: number;
  syncDuringPause: { ok: number; other: Record<string, number> };
  /** From SIGCONT to the first 202. */
  firstAcceptedAfterResumeMs: number;
  delivery: DeliveryCount;
  /** Refused (503) during the pause yet delivered: the timed-out write ran when Redis woke up. */
  refusedButDelivered: number;
  /**
   * Quota charges left with no job once everything acknowledged has ended: a charge whose script
   * timed out on the client yet ran when Redis woke up (the submit had answered 503 and never added its job).
   */
  chargesWithoutJob: number;
}

export interface CrashRound {
  fsync: FsyncPolicy;
  enqueue: { rate: number; seconds: number; sent: number; accepted: number; p50Ms: number; p99Ms: number; maxMs: number };
  /** Acknowledged before the kill and not yet delivered when it came: what the restart must bring back. */
  waitingAtKill: number;
  /** 202s answered within the last second before the kill (the `everysec` window). */
  acknowledgedInLastSecond: number;
  lostOfLastSecond: number;
  /** From the restart (PING answered) to the first 202. */
  firstAcceptedAfterRestartMs: number;
  refusedWhileDown: number;
  delivery: DeliveryCount;
}

export interface RedisCrashReport {
  rounds: CrashRound[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Submits at a steady rate for `ms`, each with its own Idempotency-Key; resolves once every answer is in. */
async function pacedSubmits(...args: Parameters<typeof sendPaced>): Promise<void> {
  await (
    await sendPaced(...args)
  ).settled;
}

/** Sends at a steady rate for `ms`; resolves when the last is sent, with a promise of every answer. */
async function sendPaced(
  stack: DrillStack,
  headers: Record<string, string>,
  body: unknown,
  rate: number,
  ms: number,
  into: Submitted[],
  onTick?: (elapsedMs: number) => Promise<void> | void,
): Promise<{ settled: Promise<unknown> }> {
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let tick = started; tick < started + ms; tick += 1000 / rate) {
    const wait = tick - performance.now();
    if (wait > 0) await sleep(wait);
    await onTick?.(performance.now() - started);
    const s: Submitted = { key: `drill-${randomUUID()}`, sentAt: performance.now() };
    into.push(s);
    inFlight.push(
      stack.api.post(SUBMIT, body, { headers: { ...headers, 'idempotency-key': s.key } }).then(
        (res) => {
          s.answeredAt = performance.now();
          s.ms = s.answeredAt - s.sentAt;
          s.status = res.status;
          s.type = String(res.headers['x-lgsp-error'] ?? '');
          if (res.status === 202) s.jobId = String(res.data.jobId);
        },
        () => {
          s.answeredAt = performance.now();
          s.ms = s.answeredAt - s.sentAt;
          s.type = 'no answer';
        },
      ),
    );
  }
  return { settled: Promise.all(inFlight) };
}

const ENQUEUE_TURNS = 3;

/** A paced run, then a wait until its accepted requests are delivered, so the next run starts on an empty queue. */
async function pacedThenDrained(
  stack: DrillStack,
  headers: Record<string, string>,
  body: unknown,
  rate: number,
  ms: number,
  drainTimeoutMs: number,
): Promise<Submitted[]> {
  const sent: Submitted[] = [];
  await pacedSubmits(stack, headers, body, rate, ms, sent);
  await countDeliveries(
    stack,
    sent.filter((p) => p.status === 202),
    drainTimeoutMs,
  );
  return sent;
}

/**
 * Waits until every acknowledged key has an effect at the provider or the time is up; then a key
 * without one is lost if its job is gone (404 to its owner), else undelivered.
 */
async function countDeliveries(stack: DrillStack, acknowledged: readonly Submitted[], timeoutMs: number): Promise<DeliveryCount> {
  const started = performance.now();
  const keys = new Set(acknowledged.map((s) => s.key));
  const perKey = new Map<string, number>();
  const headers = await stack.headersFor('mot-cua');
  // A lost job never gets an effect: check for missing jobs now and then, so the drain does not wait for them.
  const gone = new Set<string>();
  let lastGoneCheck = 0;
  for (;;) {
    perKey.clear();
    for (const item of (await stack.journal('dvcqg-ho-so')).items)
      if (item.idempotencyKey && keys.has(item.idempotencyKey)) perKey.set(item.idempotencyKey, (perKey.get(item.idempotencyKey) ?? 0) + 1);
    const missing = acknowledged.filter((s) => !perKey.has(s.key) && !gone.has(s.key));
    if (missing.length === 0 || performance.now() - started > timeoutMs) break;
    if (performance.now() - lastGoneCheck > 3000) {
      lastGoneCheck = performance.now();
      for (const s of missing) {
        const view = await stack.api.get(`/api/v1/jobs/${encodeURIComponent(s.jobId!)}`, { headers });
        if (view.status === 404) gone.add(s.key);
      }
    }
    await sleep(300);
  }
  const drainMs = Math.round(performance.now() - started);
  let lost = 0;
  let undelivered = 0;
  for (const s of acknowledged) {
    if (perKey.has(s.key)) continue;
    const view = await stack.api.get(`/api/v1/jobs/${encodeURIComponent(s.jobId!)}`, { headers });
    if (view.status === 404) lost += 1;
    else undelivered += 1;
  }
  const counts = [...perKey.values()];
  return {
    acknowledged: acknowledged.length,
    deliveredOnce: counts.filter((c) => c === 1).length,
    doneTwice: counts.reduce((n, c) => n + Math.max(0, c - 1), 0),
    lost,
    undelivered,
    drainMs,
  };
}

function byAnswer(list: readonly Submitted[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of list) {
    const k = `${s.status ?? '—'} ${s.type || (s.status === 202 ? 'accepted' : '')}`.trim();
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

export async function runRedisPauseDrill(opts: {
  pauseMs: number;
  /** Async submits per second; sync lookups run at the same rate. */
  rate: number;
  drainTimeoutMs: number;
  log?: (line: string) => void;
}): Promise<RedisPauseReport> {
  const log = opts.log ?? (() => undefined);
  const redis = await startPrivateRedis({ fsync: 'everysec' });
  let stack: DrillStack | undefined;
  try {
    stack = await startDrillStack('redis-pause', { redis });
    const s = stack;
    const headers = await s.headersFor('mot-cua');
    const body = await s.example('mot-cua', 'dvcqg-ho-so', 'dong-bo-ho-so');

    // Traffic before the pause, so queues and connections are in use as on a running gateway.
    const before: Submitted[] = [];
    await pacedSubmits(s, headers, body, opts.rate, 1000, before);

    const during: Submitted[] = [];
    const sync = { ok: 0, other: {} as Record<string, number> };
    const lookups: Promise<void>[] = [];
    redis.pause();
    log(`redis-server ${redis.pid} stopped (SIGSTOP) for ${opts.pauseMs} ms`);
    const sent = await sendPaced(s, headers, body, opts.rate, opts.pauseMs, during, () => {
      lookups.push(
        s.api.post(LOOKUP, LOOKUP_BODY, { headers }).then(
          (res) => {
            if (res.status === 200) sync.ok += 1;
            else {
              const type = String(res.headers['x-lgsp-error'] ?? res.status);
              sync.other[type] = (sync.other[type] ?? 0) + 1;
            }
          },
          () => void (sync.other['no answer'] = (sync.other['no answer'] ?? 0) + 1),
        ),
      );
    });
    redis.resume();
    const resumedAt = performance.now();
    await sent.settled;
    await Promise.all(lookups);
    log(`resumed (SIGCONT); during the pause: async ${JSON.stringify(byAnswer(during))}, sync ${JSON.stringify(sync)}`);

    // After the resume: submit until one is accepted, then a second more of traffic.
    const after: Submitted[] = [];
    let firstAcceptedAfterResumeMs = -1;
    for (let i = 0; i < 20 * opts.rate && firstAcceptedAfterResumeMs < 0; i++) {
      await pacedSubmits(s, headers, body, opts.rate, 1000 / opts.rate, after);
      const ok = after.find((a) => a.status === 202);
      if (ok) firstAcceptedAfterResumeMs = Math.round(ok.answeredAt! - resumedAt);
    }
    await pacedSubmits(s, headers, body, opts.rate, 1000, after);

    const acknowledged = [...before, ...during, ...after].filter((a) => a.status === 202);
    const delivery = await countDeliveries(s, acknowledged, opts.drainTimeoutMs);
    const refusedKeys = new Set(during.filter((a) => a.status !== 202).map((a) => a.key));
    const refusedButDelivered = (await s.journal('dvcqg-ho-so')).items.filter(
      (i) => i.idempotencyKey && refusedKeys.has(i.idempotencyKey),
    ).length;
    // Charges of submits that timed out are settled a few seconds after Redis answers again.
    let chargesWithoutJob = await s.redis.hlen(quotaKeys(s.prefix).jobs());
    for (let i = 0; i < 50 && chargesWithoutJob > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      chargesWithoutJob = await s.redis.hlen(quotaKeys(s.prefix).jobs());
    }
    return {
      pauseMs: opts.pauseMs,
      asyncDuringPause: byAnswer(during),
      slowestAsyncMs: Math.round(Math.max(0, ...during.map((a) => a.ms ?? Infinity))),
      syncDuringPause: sync,
      firstAcceptedAfterResumeMs,
      delivery,
      refusedButDelivered,
      chargesWithoutJob,
    };
  } finally {
    redis.resume();
    await stack?.close();
    await redis.stop();
  }
}

export async function runRedisCrashDrill(opts: {
  /** Async submits per second while Redis is killed and restarted. */
  rate: number;
  /** Submits before the kill. */
  beforeKillMs: number;
  /** How long Redis stays dead. */
  downMs: number;
  /** Submits after the restart. */
  afterRestartMs: number;
  /** Added to each provider round trip, so requests wait in the queue. */
  providerLatencyMs: number;
  /** The paced enqueue-latency run under each policy. */
  enqueue: { rate: number; ms: number };
  drainTimeoutMs: number;
  policies?: readonly FsyncPolicy[];
  log?: (line: string) => void;
}): Promise<RedisCrashReport> {
  const log = opts.log ?? (() => undefined);
  const redis = await startPrivateRedis({ fsync: 'everysec' });
  let stack: DrillStack | undefined;
  try {
    // Quotas above the paced run's rate: the figure is the enqueue's cost, not the quota's refusals.
    const quota = String(Math.max(1000, opts.enqueue.rate * 2));
    stack = await startDrillStack('redis-crash', {
      redis,
      proxy: true,
      env: { LGSP_QUOTA_ASYNC_PER_SECOND: quota, LGSP_QUOTA_ASYNC_BURST: quota },
    });
    const s = stack;
    const headers = await s.headersFor('mot-cua');
    const body = await s.example('mot-cua', 'dvcqg-ho-so', 'dong-bo-ho-so');
    const policies = opts.policies ?? (['everysec', 'always'] as const);
    // A warm-up at the paced rate, not counted: the first policy measured must not pay for a cold process.
    await pacedThenDrained(s, headers, body, opts.enqueue.rate, Math.min(opts.enqueue.ms, 2000), opts.drainTimeoutMs);
    // The policies take turns (three each), so a slower stretch of a shared machine does not land on one policy.
    const paced = new Map<FsyncPolicy, Submitted[]>(policies.map((p) => [p, []]));
    for (let turn = 0; turn < ENQUEUE_TURNS; turn++)
      for (const fsync of policies) {
        await redis.setFsync(fsync);
        paced
          .get(fsync)!
          .push(...(await pacedThenDrained(s, headers, body, opts.enqueue.rate, opts.enqueue.ms / ENQUEUE_TURNS, opts.drainTimeoutMs)));
      }
    const rounds: CrashRound[] = [];
    for (const fsync of policies) {
      await redis.setFsync(fsync);
      const sent = paced.get(fsync)!;
      const times = sent
        .filter((p) => p.status === 202)
        .map((p) => p.ms!)
        .sort((a, b) => a - b);
      const enqueue = {
        rate: opts.enqueue.rate,
        seconds: opts.enqueue.ms / 1000,
        sent: sent.length,
        accepted: times.length,
        p50Ms: Math.round(percentile(times, 50) * 10) / 10,
        p99Ms: Math.round(percentile(times, 99) * 10) / 10,
        maxMs: Math.round((times.at(-1) ?? 0) * 10) / 10,
      };
      log(`appendfsync ${fsync}: enqueue ${JSON.stringify(enqueue)}`);

      s.proxy!.set({ latencyMs: opts.providerLatencyMs });
      const stream: Submitted[] = [];
      let killedAt = -1;
      let restartedAt = -1;
      let waitingAtKill = 0;
      await pacedSubmits(s, headers, body, opts.rate, opts.beforeKillMs + opts.downMs + opts.afterRestartMs, stream, async (elapsed) => {
        if (killedAt < 0 && elapsed >= opts.beforeKillMs) {
          const done = new Set((await s.journal('dvcqg-ho-so')).items.map((i) => i.idempotencyKey));
          waitingAtKill = stream.filter((a) => a.status === 202 && !done.has(a.key)).length;
          await redis.kill9();
          killedAt = performance.now();
          log(`appendfsync ${fsync}: redis-server killed (SIGKILL) after ${stream.length} submits`);
        } else if (killedAt >= 0 && restartedAt < 0 && elapsed >= opts.beforeKillMs + opts.downMs) {
          await redis.restart();
          restartedAt = performance.now();
          log(`appendfsync ${fsync}: redis-server restarted from its AOF (pid ${redis.pid})`);
        }
      });
      s.proxy!.clear();
      const acknowledged = stream.filter((a) => a.status === 202);
      const lastSecond = acknowledged.filter((a) => a.answeredAt! <= killedAt && a.answeredAt! > killedAt - 1000);
      const firstAfter = acknowledged.find((a) => a.answeredAt! > restartedAt && a.sentAt >= restartedAt);
      const delivery = await countDeliveries(s, acknowledged, opts.drainTimeoutMs);
      const lostKeys = new Set<string>();
      if (delivery.lost > 0) {
        const journalKeys = new Set((await s.journal('dvcqg-ho-so')).items.map((i) => i.idempotencyKey));
        for (const a of acknowledged) if (!journalKeys.has(a.key)) lostKeys.add(a.key);
      }
      const round: CrashRound = {
        fsync,
        enqueue,
        waitingAtKill,
        acknowledgedInLastSecond: lastSecond.length,
        lostOfLastSecond: lastSecond.filter((a) => lostKeys.has(a.key)).length,
        firstAcceptedAfterRestartMs: firstAfter ? Math.round(firstAfter.answeredAt! - restartedAt) : -1,
        refusedWhileDown: stream.filter((a) => a.status !== 202).length,
        delivery,
      };
      log(`appendfsync ${fsync}: ${JSON.stringify(round)}`);
      rounds.push(round);
    }
    return { rounds };
  } finally {
    redis.resume();
    await stack?.close();
    await redis.stop();
  }
}
