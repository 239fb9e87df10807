import { describeCpu, type CpuUse } from './cpu-meter';
import { loadDescription, machineDescription, markdownTable, today } from './bench-results';
import type { KindBytes } from './key-memory';
import type { PacedLoadResult } from './paced-load';

/** One drain of a backlog by `workers` worker processes. */
export interface DrainRun {
  workers: number;
  jobs: number;
  failed: number;
  /** Seconds the backlog took to submit through one gateway, a few requests at a time. */
  prefillSeconds: number;
  /** From the first job's start to the last job's end. */
  seconds: number;
  jobsPerSecond: number;
  journal: number;
  duplicates: number;
  callbacksLeft: number;
  /** Cores in use from the resume until the last job completed. */
  drainCpu: CpuUse | null;
  /** Cores in use until the last callback was taken too: what the per-job costs come from. */
  allCpu: CpuUse | null;
  workerMsPerJob: number;
  redisMsPerJob: number;
  /** The prefix's keys with the backlog waiting, and after the drain with its callbacks taken. */
  waitingMemory: KindBytes[];
  keptMemory: KindBytes[];
}

export interface EnqueueRun extends PacedLoadResult {
  setup: string;
  rate: number;
  answered: number;
  cpu: CpuUse | null;
  gatewayMsPerSubmit: number;
  redisMsPerSubmit: number;
}

export interface ScaleReportInput {
  service: string;
  jobs: number;
  prefillConcurrency: number;
  durationS: number;
  sockets: number;
  startLoad: string;
  drains: DrainRun[];
  enqueues: EnqueueRun[];
}

/** Sizing assumptions, stated in the report beside the figures they produce. */
const PEAK_HOUR_SHARE = 0.15;
const TARGET_UTILISATION = 0.6;
const LOG_DAYS = 30;
const KEEP_COMPLETED_PER_CONNECTION = 10_000;
const CONNECTIONS = 19;
const DAILY = [100_000, 1_000_000, 5_000_000];

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const sum = (kinds: readonly KindBytes[], pick: (k: KindBytes) => boolean = () => true): number =>
  kinds.filter(pick).reduce((s, k) => s + k.bytes, 0);
const f1 = (x: number): string => x.toFixed(1);
const f2 = (x: number): string => x.toFixed(2);
const gib = (bytes: number): string => (bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GiB` : `${Math.round(bytes / MiB)} MiB`);

/** The per-request costs the sizing uses, from the 1-process runs. */
function perRequest(input: ScaleReportInput) {
  const drain = input.drains[0]!;
  // Per-submit CPU measured lower at the higher rate (more requests share each event-loop turn);
  // a province's rates are far lower, so the sizing takes the dearest 1-process run.
  const dearest = input.enqueues
    .filter((e) => e.setup.startsWith('1 '))
    .reduce((a, b) => (b.gatewayMsPerSubmit > a.gatewayMsPerSubmit ? b : a));
  const isLog = (k: KindBytes): boolean => k.kind.endsWith('connection log');
  return {
    gatewayRate: dearest.rate,
    gatewayMs: dearest.gatewayMsPerSubmit,
    redisSubmitMs: dearest.redisMsPerSubmit,
    workerMs: drain.workerMsPerJob,
    redisJobMs: drain.redisMsPerJob,
    waitingBytes: sum(drain.waitingMemory) / input.jobs,
    jobHashBytes: sum(drain.waitingMemory, (k) => k.kind.endsWith('job hashes')) / input.jobs,
    keptBytes: sum(drain.keptMemory, (k) => !isLog(k)) / drain.jobs,
    logBytes: sum(drain.keptMemory, isLog) / drain.jobs,
  };
}

function sizing(cost: ReturnType<typeof perRequest>): string[] {
  const rows = DAILY.map((n) => {
    const peak = (n * PEAK_HOUR_SHARE) / 3600;
    const gwCores = (peak * cost.gatewayMs) / 1000;
    const wkCores = (peak * cost.workerMs) / 1000;
    const redisCore = (peak * (cost.redisSubmitMs + cost.redisJobMs)) / 1000;
    const log = n * LOG_DAYS * cost.logBytes;
    const kept = Math.min(n, KEEP_COMPLETED_PER_CONNECTION * CONNECTIONS) * cost.keptBytes;
    const backlog = n * cost.waitingBytes;
    return [
      n.toLocaleString('en'),
      f1(peak),
      `${f2(gwCores)} → ${Math.max(2, Math.ceil(gwCores / TARGET_UTILISATION))}`,
      `${f2(wkCores)} → ${Math.max(2, Math.ceil(wkCores / TARGET_UTILISATION))}`,
      `${Math.round(redisCore * 100)} %`,
      String(Math.ceil((gwCores + wkCores + redisCore) / TARGET_UTILISATION)),
      gib(log),
      gib(kept),
      gib(backlog),
      gib(log + kept + backlog),
    ];
  });
  return markdownTable(
    [
      'requests/day',
      'peak-hour req/s',
      'gateway cores → processes',
      'worker cores → processes',
      'Redis: one core busy',
      'cores in all',
      'Redis: connection log, 30 days',
      'Redis: completed jobs kept',
      'Redis: one day queued (providers down 24 h)',
      'Redis memory in all',
    ],
    rows,
  );
}

export function scaleReport(input: ScaleReportInput): string[] {
  const base = input.drains[0]?.jobsPerSecond ?? NaN;
  const cost = perRequest(input);
  return [
    `## Scale-out: 1, 2, 4 worker processes; 1 and 2 gateway processes — ${today()} (\`npm run bench:scale\`)`,
    '',
    `Machine: ${machineDescription()}; ${input.startLoad} at the start, ${loadDescription()} at the end. Mocks, gateway and worker processes, the load generator (bench) and Redis all share these cores, so the table measures how this machine saturates, not how the design scales on more cores. CPU figures are cores in use on average; "others" is work outside this bench.`,
    '',
    `**(a) Drain** — ${input.jobs} jobs of \`${input.service}\` submitted through the gateway's API (one gateway process, ${input.prefillConcurrency} requests at a time, after an unrecorded warm-up drain, then stopped), a fresh key prefix per row. The queue is paused while the worker processes start and resumed once all run; time from the first job's start to the last job's end. Each process runs every connection's worker (concurrency 4 on this one) and the callback worker; the per-job CPU counts until every callback was taken.`,
    '',
    ...markdownTable(
      [
        'worker processes',
        'jobs completed',
        'failed',
        'mock journal (duplicates)',
        'submit s',
        'drain s',
        'jobs/s',
        'vs 1 process',
        'worker CPU ms per job (with its callback)',
        'Redis CPU ms per job',
        'callbacks left',
        'CPU cores during the drain',
      ],
      input.drains.map((d) => [
        d.workers,
        d.jobs,
        d.failed,
        `${d.journal} (${d.duplicates})`,
        f1(d.prefillSeconds),
        f2(d.seconds),
        Math.round(d.jobsPerSecond),
        `${f2(d.jobsPerSecond / base)}×`,
        f2(d.workerMsPerJob),
        f2(d.redisMsPerJob),
        d.callbacksLeft,
        describeCpu(d.drainCpu),
      ]),
    ),
    '',
    `**(b) Enqueue** — async submits of the directory example, evenly paced (open loop, latency from each request's scheduled instant) for ${input.durationS} s after a 3 s warm-up at the same rate, no worker running. The load generator uses ${input.sockets} keep-alive connections in turn (first-in first-out), opened at once before each run. Two gateway processes share one port through Node's \`cluster\` module (round-robin: the primary accepts each connection and hands it to the next process): no proxy hop in the request path, and what a single host would run; its balancing is per connection, so with ${input.sockets} connections each process gets about half.`,
    '',
    ...markdownTable(
      [
        'setup',
        'offered req/s',
        'achieved',
        'answered',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'non-2xx',
        'errors',
        'gateway CPU ms per submit',
        'CPU cores',
      ],
      input.enqueues.map((e) => [
        e.setup,
        e.rate,
        e.achievedRps,
        e.answered,
        e.p50,
        e.p90,
        e.p99,
        e.max,
        e.non2xx,
        e.errors,
        f2(e.gatewayMsPerSubmit),
        describeCpu(e.cpu),
      ]),
    ),
    '',
    `**(c) Per-request costs** (1 gateway process, 1 worker process; CPU on this machine's cores):`,
    '',
    ...markdownTable(
      ['cost', 'measured'],
      [
        [`gateway CPU per async submit (the dearest 1-process run: ${cost.gatewayRate} req/s)`, `${f2(cost.gatewayMs)} ms`],
        ['Redis CPU per submit (in that run)', `${f2(cost.redisSubmitMs)} ms`],
        ['worker CPU per delivered job, its callback included', `${f2(cost.workerMs)} ms`],
        ['Redis CPU per delivered job, its callback included', `${f2(cost.redisJobMs)} ms`],
        [
          'Redis memory per waiting job (all keys of the prefix / jobs)',
          `${Math.round(cost.waitingBytes)} bytes (job hash alone ${Math.round(cost.jobHashBytes)})`,
        ],
        [
          'Redis memory per completed request kept (its job, its share of lists and events; log excluded)',
          `${Math.round(cost.keptBytes)} bytes`,
        ],
        ['Redis memory per connection-log record (kept 30 days)', `${Math.round(cost.logBytes)} bytes`],
      ],
    ),
    '',
    `Keys of the first drain's prefix after it, MEMORY USAGE: ${(input.drains[0]?.keptMemory ?? [])
      .slice(0, 8)
      .map((k) => `${k.kind} ${(k.bytes / MiB).toFixed(2)} MiB (${k.keys} key${k.keys === 1 ? '' : 's'})`)
      .join('; ')}.`,
    '',
    `**(d) On paper: a province with N requests a day** (async requests; each delivered once at the first attempt). Assumptions: the busiest hour carries ${PEAK_HOUR_SHARE * 100} % of the day (an office day with a morning peak); cores sized to be at most ${TARGET_UTILISATION * 100} % busy in that hour; at least 2 processes per role so one can restart; Redis runs commands on one core, so its share must stay well under 100 %; completed jobs kept up to ${KEEP_COMPLETED_PER_CONNECTION.toLocaleString('en')} per connection for a day (${CONNECTIONS} connections; a callback taken at once leaves no job behind); the connection log kept ${LOG_DAYS} days. Providers' own latency is not CPU but holds a worker slot: a connection with concurrency c and provider latency L delivers at most c / L jobs/s per worker process, which sets the worker count for slow providers before CPU does. Redis needs headroom above these figures (fragmentation, the copy-on-write of an AOF rewrite): set maxmemory about twice the total.`,
    '',
    ...sizing(cost),
    '',
  ];
}
