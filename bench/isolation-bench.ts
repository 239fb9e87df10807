import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import axios from 'axios';
import { Queue } from 'bullmq';
import { connectionLogKey, queueKey, queuePrefix } from '../src/infra/redis-keys';
import type { ExchangeRecord } from '../src/connection-log/exchange-record';
import { composeGateway, type GatewayParts } from '../src/main/compose-gateway';
import { sleep } from './lib/bench-process';
import { CallbackBacklog } from './lib/callback-backlog';
import { describeCpu, startCpuMeter, type CpuUse } from './lib/cpu-meter';
import { loadDescription, machineDescription, markdownTable, recordResults, today } from './lib/bench-results';
import { startBenchStack, type BenchStack } from './lib/bench-stack';

/**
 * Isolation of connections on one worker process: the same mixed async load on six
 * connections, first with every provider healthy, then with one provider refusing
 * connections so that its breaker opens, then healthy again. Two loads, one section each:
 *
 * - below capacity (no backlog): the others should deliver what is offered, as fast as
 *   when all are healthy: their delivered jobs/s and their queue wait (request in → attempt
 *   start, from the connection log) must not move;
 * - saturated: a backlog queued before each run (through the gateway's own JobQueues.submit)
 *   keeps the workers busy while new requests keep arriving; the others' jobs/s then show how
 *   the machine's capacity is shared. Saturating with HTTP load alone does not work on a small
 *   machine: the gateway's enqueue work competes with the workers for the same cores.
 */
const DOWN = process.env['BENCH_DOWN'] ?? 'dvcqg-ho-so';
const RATE = Number(process.env['BENCH_RATE'] ?? 300);
/** Jobs queued per connection before each run, one section per value: 0 is the load below capacity. */
const BACKLOGS = (process.env['BENCH_BACKLOG'] ?? '0,4000').split(',').map(Number);
const DURATION_S = Number(process.env['BENCH_DURATION'] ?? 15);
const CONNECTIONS = 12;
const WARM_UP_MAX_S = Number(process.env['BENCH_WARM_UP'] ?? 70);
const CIRCUIT_OPEN = 'Server.Gateway.CircuitOpen';

/** Six async operations of six connections (mixed protocols, both mocks, two consumers). */
const OPERATIONS: ReadonlyArray<{ serviceId: string; operationId: string; consumer: string }> = [
  { serviceId: 'dvcqg-ho-so', operationId: 'dong-bo-ho-so', consumer: 'mot-cua' },
  { serviceId: 'emc-giam-sat', operationId: 'ghi-nhan-su-kien', consumer: 'mot-cua' },
  { serviceId: 'ho-tich', operationId: 'dang-ky-khai-sinh', consumer: 'mot-cua' },
  { serviceId: 'thue', operationId: 'nghia-vu-tai-chinh', consumer: 'mot-cua' },
  { serviceId: 'mot-cua-sang-qlvb', operationId: 'chuyen-ho-so', consumer: 'mot-cua' },
  { serviceId: 'csdl-gia', operationId: 'gui-du-lieu-gia', consumer: 'bao-cao' },
];

interface Target {
  serviceId: string;
  /** The mock that serves it. */
  mockUrl: string;
  request: autocannon.Request;
  queue: Queue;
}

interface RunResult {
  title: string;
  offeredRps: number;
  non2xx: number;
  errors: number;
  /** Jobs the provider received per second, by service (the mock's journal). */
  delivered: Map<string, number>;
  /** When each job reached its provider (ms), by service. */
  arrivals: Map<string, number[]>;
  /** Jobs still waiting at the end, by service: a backlog shows the workers were saturated. */
  backlog: Map<string, number>;
  /** Callbacks to consumers still waiting at the end: work the deliveries left for later. */
  callbacksWaiting: number;
  /** Queue wait (ms) of the first attempts of requests that arrived during the run, by service. */
  waits: Map<string, number[]>;
  startedAt: number;
  endedAt: number;
  cpu: CpuUse | null;
}

interface BreakerEvent {
  serviceId: string;
  state: string;
  time: number;
}

interface DownProviderReport {
  providerCalls: number;
  byErrorType: Map<string, number>;
  realAttempts: number;
  realAttemptsWhileOpen: number;
  realAttemptsBeforeOpen: number;
  circuitOpenRecords: number;
  opens: number;
  /** When the breaker first opened, and how long after the fault was set. */
  firstOpenAt: number | null;
  firstOpenAfterMs: number | null;
  queue: Record<string, number>;
}

async function targets(stack: BenchStack): Promise<Target[]> {
  const tokens = new Map<string, string>();
  const list: Target[] = [];
  for (const op of OPERATIONS) {
    if (!tokens.has(op.consumer)) tokens.set(op.consumer, await stack.consumerToken(op.consumer));
    const authorization = `Bearer ${tokens.get(op.consumer)}`;
    const directory = (await axios.get(`${stack.gatewayUrl}/api/v1/services`, { headers: { authorization } })).data as {
      services: Array<{ id: string; direction: string; operations: Array<{ id: string; example: unknown }> }>;
    };
    const service = directory.services.find((s) => s.id === op.serviceId);
    const example = service?.operations.find((o) => o.id === op.operationId)?.example;
    if (!service || !example) throw new Error(`${op.consumer} sees no example for ${op.serviceId}/${op.operationId}`);
    list.push({
      serviceId: op.serviceId,
      mockUrl: service.direction === 'internal' ? stack.provinceUrl : stack.ngspUrl,
      request: {
        method: 'POST',
        path: `/api/v1/services/${op.serviceId}/${op.operationId}`,
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(example),
      },
      queue: new Queue(op.serviceId, { connection: stack.redis, prefix: queuePrefix(stack.prefix, op.serviceId) }),
    });
  }
  return list;
}

/**
 * Removes what a run left queued (deliveries and the callbacks they caused) and waits for
 * running jobs, so each run starts from empty queues.
 */
async function emptyQueues(queues: readonly Queue[], callbacks: CallbackBacklog): Promise<void> {
  await callbacks.drop();
  for (const q of queues) await q.drain(true);
  for (let i = 0; i < 100; i++) {
    const active = await Promise.all(queues.map((q) => q.getActiveCount()));
    if (active.every((n) => n === 0)) return;
    await sleep(100);
  }
}

async function resetMocks(stack: BenchStack): Promise<void> {
  for (const url of [stack.ngspUrl, stack.provinceUrl]) {
    await axios.delete(`${url}/__mock/faults`);
    await axios.delete(`${url}/__mock/journal`);
  }
}

/** Queues `jobs` jobs per connection with each operation's catalog example, through the call pipeline as HTTP does. */
async function prefill(parts: GatewayParts, jobs: number): Promise<void> {
  if (jobs <= 0) return;
  for (const o of OPERATIONS) {
    const { example } = parts.catalog.getOperation(o.serviceId, o.operationId).config;
    const call = {
      serviceId: o.serviceId,
      operationId: o.operationId,
      principal: { id: o.consumer, role: 'consumer' as const },
      preferAsync: true,
    };
    for (let i = 0; i < jobs; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, jobs - i) }, () => parts.pipeline.call({ ...call, requestId: randomUUID() }, example)),
      );
    }
  }
}

/**
 * Runs the load until every connection keeps as many completed jobs as the gateway ever keeps
 * (removeOnComplete count): below that cap a completion costs less than in steady state, and
 * runs that straddled it differed by 15 %. Also gives V8 time to optimise every connector's path.
 */
async function warmUp(
  stack: BenchStack,
  list: readonly Target[],
  queues: readonly Queue[],
  callbacks: CallbackBacklog,
  parts: GatewayParts,
): Promise<void> {
  const cap = parts.config.settings.queue.keepCompleted.count;
  await emptyQueues(queues, callbacks);
  // More than the cap, so the load keeps every connection's workers busy until it is reached.
  await prefill(parts, cap + 4000);
  const deadline = Date.now() + WARM_UP_MAX_S * 1000;
  while (Date.now() < deadline) {
    await run(stack, list, callbacks, 'warm-up', 5);
    const completed = await Promise.all(list.map((t) => t.queue.getCompletedCount()));
    if (completed.every((n) => n >= cap)) return;
  }
  process.stderr.write(`warm-up: not every connection reached ${cap} completed jobs within ${WARM_UP_MAX_S} s\n`);
}

/** Every connection gets an equal share: each autocannon connection cycles through the six requests. */
async function run(
  stack: BenchStack,
  list: readonly Target[],
  callbacks: CallbackBacklog,
  title: string,
  duration: number,
): Promise<RunResult> {
  const meter = startCpuMeter(stack.cpuGroups());
  const startedAt = Date.now();
  const r = await autocannon({
    url: stack.gatewayUrl,
    requests: list.map((t) => t.request),
    connections: CONNECTIONS,
    overallRate: RATE,
    duration,
  });
  const endedAt = Date.now();
  const cpu = meter?.stop() ?? null;
  const callbacksWaiting = await callbacks.count();
  const delivered = new Map<string, number>();
  const arrivals = new Map<string, number[]>();
  const backlog = new Map<string, number>();
  // The workers write the connection log in batches every 20 ms.
  await sleep(200);
  const waits = await queueWaits(stack, list, startedAt, endedAt);
  for (const t of list) {
    backlog.set(t.serviceId, await t.queue.getWaitingCount());
    const journal = (await axios.get(`${t.mockUrl}/__mock/journal`, { params: { serviceId: t.serviceId } })).data as {
      total: number;
      items: Array<{ receivedAt: string }>;
    };
    delivered.set(t.serviceId, journal.total / ((endedAt - startedAt) / 1000));
    arrivals.set(
      t.serviceId,
      journal.items.map((i) => Date.parse(i.receivedAt)),
    );
  }
  return {
    title,
    offeredRps: Math.round(r.requests.average),
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    delivered,
    arrivals,
    backlog,
    callbacksWaiting,
    waits,
    startedAt,
    endedAt,
    cpu,
  };
}

/** A connection's log records written since `from` (ms). */
async function exchangesSince(stack: BenchStack, serviceId: string, from: number): Promise<ExchangeRecord[]> {
  const entries = await stack.redis.xrange(connectionLogKey(stack.prefix, serviceId), String(from), '+');
  return entries.map(([, fields]) => JSON.parse(fields[1] ?? '{}') as ExchangeRecord);
}

/** From the connection log: how long requests that arrived during the run waited in their queue before their first attempt. */
async function queueWaits(stack: BenchStack, list: readonly Target[], from: number, to: number): Promise<Map<string, number[]>> {
  const waits = new Map<string, number[]>();
  for (const t of list) {
    const records = await exchangesSince(stack, t.serviceId, from);
    const arrived = records.filter((r) => r.attempt === 1 && Date.parse(r.requestInTs) >= from && Date.parse(r.requestInTs) < to);
    waits.set(
      t.serviceId,
      arrived.map((r) => Date.parse(r.startedAt) - Date.parse(r.requestInTs)),
    );
  }
  return waits;
}

function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Reads the down connection's log records of a run and sorts them against the breaker's open periods. */
async function downProvider(
  stack: BenchStack,
  target: Target,
  faultAt: number,
  events: readonly BreakerEvent[],
): Promise<DownProviderReport> {
  const faults = (await axios.get(`${target.mockUrl}/__mock/faults`)).data as { items: Array<{ serviceId: string; calls: number }> };
  const records = await exchangesSince(stack, DOWN, faultAt);
  const byErrorType = new Map<string, number>();
  for (const r of records) byErrorType.set(r.errorType ?? 'success', (byErrorType.get(r.errorType ?? 'success') ?? 0) + 1);
  const mine = events.filter((e) => e.serviceId === DOWN && e.time >= faultAt);
  // Open from an 'open' event until the next 'halfOpen' or 'closed' (or the end of the run).
  const openPeriods: Array<[number, number]> = [];
  mine.forEach((e, i) => {
    if (e.state === 'open') openPeriods.push([e.time, mine.slice(i + 1).find((n) => n.state !== 'open')?.time ?? Number.MAX_SAFE_INTEGER]);
  });
  const real = records.filter((r) => r.errorType !== CIRCUIT_OPEN);
  const whileOpen = real.filter((r) => openPeriods.some(([from, to]) => Date.parse(r.startedAt) >= from && Date.parse(r.startedAt) < to));
  const firstOpen = openPeriods[0]?.[0];
  return {
    providerCalls: faults.items.find((f) => f.serviceId === DOWN)?.calls ?? 0,
    byErrorType,
    realAttempts: real.length,
    realAttemptsWhileOpen: whileOpen.length,
    realAttemptsBeforeOpen: firstOpen === undefined ? real.length : real.filter((r) => Date.parse(r.startedAt) < firstOpen).length,
    circuitOpenRecords: byErrorType.get(CIRCUIT_OPEN) ?? 0,
    opens: openPeriods.length,
    firstOpenAt: firstOpen ?? null,
    firstOpenAfterMs: firstOpen === undefined ? null : firstOpen - faultAt,
    queue: await target.queue.getJobCounts('waiting', 'delayed', 'active', 'failed'),
  };
}

function breakerEvents(into: BreakerEvent[]): (line: string) => void {
  return (line) => {
    if (!line.includes('circuit breaker state changed')) return;
    try {
      const e = JSON.parse(line) as BreakerEvent;
      into.push({ serviceId: e.serviceId, state: e.state, time: e.time });
    } catch {
      // not a pino line
    }
  };
}

/** Jobs/s a provider received between two instants of a run. */
function rate(r: RunResult, serviceId: string, from: number, to: number): number {
  const n = (r.arrivals.get(serviceId) ?? []).filter((t) => t >= from && t < to).length;
  return to > from ? n / ((to - from) / 1000) : 0;
}

function report(
  backlogJobs: number,
  runs: { before: RunResult; down: RunResult; after: RunResult },
  d: DownProviderReport,
  startLoad: string,
): string[] {
  const { before, down, after } = runs;
  const others = OPERATIONS.map((o) => o.serviceId).filter((s) => s !== DOWN);
  const opened = d.firstOpenAt === null ? down.endedAt : Math.max(down.startedAt, d.firstOpenAt);
  const change = (a: number, b: number): string => (a > 0 ? `${b >= a ? '+' : ''}${((100 * (b - a)) / a).toFixed(1)} %` : 'n/a');
  const row = (name: string, ids: readonly string[], isDown: boolean): Array<string | number> => {
    const total = (f: (id: string) => number): number => ids.reduce((sum, id) => sum + f(id), 0);
    const [r1, r2, r3] = [before, down, after].map((r) => total((id) => r.delivered.get(id) ?? 0)) as [number, number, number];
    const healthy = (r1 + r3) / 2;
    const whileOpen = total((id) => rate(down, id, opened, down.endedAt));
    return [
      name,
      r1.toFixed(1),
      r3.toFixed(1),
      change(r1, r3),
      r2.toFixed(1),
      isDown ? '—' : change(healthy, r2),
      whileOpen.toFixed(1),
      isDown ? '—' : change(healthy, whileOpen),
    ];
  };
  const rows = [
    ...OPERATIONS.map((o) =>
      row(o.serviceId === DOWN ? `${o.serviceId} (down in run 2)` : o.serviceId, [o.serviceId], o.serviceId === DOWN),
    ),
    row('**the five others together**', others, false),
  ];
  const backlog = (r: RunResult): number => others.reduce((sum, id) => sum + (r.backlog.get(id) ?? 0), 0);
  const waits = (r: RunResult): number[] => others.flatMap((id) => r.waits.get(id) ?? []);
  const waitRow = (r: RunResult): Array<string | number> => {
    const w = waits(r);
    return [r.title, w.length, percentile(w, 0.5), percentile(w, 0.9), percentile(w, 0.99), percentile(w, 1)];
  };
  const saturated = backlogJobs > 0;
  const errorTypes = [...d.byErrorType].map(([t, n]) => `${t} ${n}`).join(', ') || 'none';
  const intoRun = `${(((d.firstOpenAt ?? 0) - down.startedAt) / 1000).toFixed(1)} s into the run`;
  const openedAt =
    d.firstOpenAfterMs === null
      ? 'never opened'
      : `first opened ${(d.firstOpenAfterMs / 1000).toFixed(1)} s after the fault was set (${backlogJobs > 0 ? `the backlog is queued in between, so that is ${intoRun}` : intoRun}), after ${d.realAttemptsBeforeOpen} failed attempts`;
  return [
    `## Isolation: one provider down beside five healthy, ${saturated ? `saturated (${backlogJobs} jobs queued per connection before each run)` : 'load below capacity'} — ${today()}`,
    '',
    `Machine: ${machineDescription()}; ${startLoad} at the start, ${loadDescription()} at the end. One gateway process, one worker process (all 19 connections, concurrency 4 each), mocks, load generator and Redis on the same machine.`,
    `Load: ${saturated ? `before each run ${backlogJobs} jobs queued per connection (JobQueues.submit, catalog examples), then ` : ''}autocannon ${CONNECTIONS} connections, ${RATE} req/s offered in equal shares to the six async operations for ${DURATION_S} s. ` +
      `Runs back to back after a warm-up that fills every connection's completed-jobs list to its cap (steady state): healthy, \`${DOWN}\` \`down\` (connection refused) on the mock, healthy again. Delivered = jobs the mock journaled per second of the run. ` +
      `The five others' queues still held ${backlog(before)} / ${backlog(down)} / ${backlog(after)} waiting jobs at the end of each run${saturated ? ': the workers were saturated throughout, so their jobs/s show how the machine is shared' : ''}. ` +
      `Every delivery also sends a callback to its consumer; ${before.callbacksWaiting} / ${down.callbacksWaiting} / ${after.callbacksWaiting} callbacks were not yet taken at the end of each run (dropped between runs).`,
    '',
    ...markdownTable(
      [
        'connection',
        'run 1 healthy, jobs/s',
        'run 3 healthy',
        'run 3 vs 1 (noise)',
        'run 2 down',
        'run 2 vs healthy mean',
        'run 2 after the breaker opened',
        'vs healthy mean',
      ],
      rows,
    ),
    '',
    ...(saturated
      ? []
      : [
          `Queue wait of the five others: from a request's arrival at the gateway to its first attempt, for requests that arrived during the run (connection log).`,
          '',
          ...markdownTable(['run', 'first attempts', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'], [before, down, after].map(waitRow)),
          '',
        ]),
    ...markdownTable(
      ['run', 'achieved req/s at the gateway', 'non-2xx', 'errors', 'CPU cores used (bench = load generator; redis is shared)'],
      [before, down, after].map((r) => [r.title, r.offeredRps, r.non2xx, r.errors, describeCpu(r.cpu)]),
    ),
    '',
    `Down provider \`${DOWN}\` in run 2: ${d.providerCalls} connections reached the mock; its connection log: ${errorTypes}. ` +
      `Breaker ${openedAt}; opened ${d.opens} time(s) in all. ${d.realAttempts} real attempts, ${d.realAttemptsWhileOpen} of them while the breaker was open; ` +
      `${d.circuitOpenRecords} \`${CIRCUIT_OPEN}\` records (the workers check the breaker before taking a job, so an open breaker leaves none; these are calls opossum turned away while a half-open trial was in flight, and their jobs went back to the queue without spending an attempt). ` +
      `Its queue at the end of run 2: ${Object.entries(d.queue)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
    '',
  ];
}

/** After run 2: the breaker must have let its trial through and the queue's pause must have run out. */
async function waitForRecovery(stack: BenchStack, events: readonly BreakerEvent[]): Promise<void> {
  const limiter = `${queueKey(stack.prefix, DOWN)}:limiter`;
  for (let i = 0; i < 150; i++) {
    const last = events.filter((e) => e.serviceId === DOWN).at(-1);
    if (last?.state !== 'open' && (await stack.redis.pttl(limiter)) <= 0) return;
    await sleep(100);
  }
}

async function main(): Promise<void> {
  const stack = await startBenchStack('isolation');
  const startLoad = loadDescription();
  const parts = composeGateway({ env: { ...process.env, ...stack.env, LOG_LEVEL: 'warn' } });
  const events: BreakerEvent[] = [];
  const callbacks = new CallbackBacklog(stack.redis, stack.prefix);
  let list: Target[] = [];
  try {
    await parts.redisReady();
    list = await targets(stack);
    const queues = list.map((t) => t.queue);
    const target = list.find((t) => t.serviceId === DOWN);
    if (!target) throw new Error(`${DOWN} is not one of the bench's connections`);
    await stack.startWorkers(breakerEvents(events));
    const measure = async (title: string, duration: number, backlogJobs: number, setup?: () => Promise<void>): Promise<RunResult> => {
      await emptyQueues(queues, callbacks);
      await resetMocks(stack);
      await setup?.();
      await prefill(parts, backlogJobs);
      return run(stack, list, callbacks, title, duration);
    };
    await warmUp(stack, list, queues, callbacks, parts);
    for (const backlogJobs of BACKLOGS) {
      const before = await measure('run 1: all healthy', DURATION_S, backlogJobs);
      let faultAt = 0;
      const down = await measure(`run 2: ${DOWN} down`, DURATION_S, backlogJobs, async () => {
        faultAt = Date.now();
        await axios.put(`${target.mockUrl}/__mock/faults/${DOWN}`, { mode: 'down' });
      });
      const downReport = await downProvider(stack, target, faultAt, events);
      await emptyQueues(queues, callbacks);
      await resetMocks(stack);
      await waitForRecovery(stack, events);
      const after = await measure('run 3: all healthy again', DURATION_S, backlogJobs);
      recordResults(report(backlogJobs, { before, down, after }, downReport, startLoad));
    }
  } finally {
    await Promise.all([...list.map((t) => t.queue.close()), callbacks.close()]);
    await parts.close();
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
