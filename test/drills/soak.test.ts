import { runSoakDrill, type SoakReport } from '../../drills/soak';

/**
 * The short version of `npm run drills`' soak: 35 s of the same mixed traffic, sampled every 5 s.
 * Heap and Redis memory growth are not asserted here: over 35 s they are dominated by warm-up
 * and allocator noise (the full run judges them over minutes); sockets, Redis keys (finished
 * jobs are kept 5 s here) and delivery are.
 */
let report: SoakReport;

beforeAll(async () => {
  report = await runSoakDrill({
    durationMs: 35_000,
    sampleEveryMs: 5000,
    warmupMs: 15_000,
    rates: { lookups: 6, submits: 3, births: 2, documents: 1 },
    repeatShare: 0.1,
    cycle: { everyMs: 15_000, faultMs: 5000, replayAfterMs: 10_000 },
    keep: { completedAgeSeconds: 5, failedAgeSeconds: 15, count: 200 },
    drainTimeoutMs: 60_000,
  });
}, 150_000);

test('every acknowledged request is delivered once and its consumer called back', () => {
  const { traffic, delivery } = report;
  expect(traffic.submits.acknowledged).toBeGreaterThan(50);
  expect(delivery).toMatchObject({
    acknowledged: traffic.submits.acknowledged,
    deliveredOnce: traffic.submits.acknowledged,
    doneTwice: 0,
    undelivered: 0,
    calledBack: traffic.submits.acknowledged,
  });
  // A repeat under the same key is the same job, never a second one.
  expect(traffic.submits.repeatsSameJob).toBe(traffic.submits.repeats);
});

test('the faults were real: jobs on the failing connection became dead letters and were replayed', () => {
  expect(report.traffic.faultWindows).toBeGreaterThanOrEqual(2);
  expect(report.traffic.deadLettersReplayed).toBeGreaterThan(0);
  // Lookups go to healthy connections only: each answered.
  expect(report.traffic.lookups.ok).toBe(report.traffic.lookups.sent);
});

test('open sockets do not grow sample over sample', () => {
  const after = report.samples.slice(1).map((s) => s.tcpHandles);
  const first = after[0]!;
  // Keep-alive pools open and close sockets as load comes and goes, and a request in flight holds
  // a client and a server socket in this one process: a band, no climb.
  for (const n of after) expect(n).toBeLessThanOrEqual(first + 20);
  const fds = report.samples.slice(1).map((s) => s.openFds);
  for (const n of fds) expect(n).toBeLessThanOrEqual(fds[0]! + 30);
});

test('Redis keys settle as finished jobs and idempotency digests age out', () => {
  const keys = report.checks.find((c) => c.name === 'Redis keys')!;
  expect(keys.ok).toBe(true);
});

test('the report has a sample per interval and a growth check per bounded figure', () => {
  // A sample at the start, one per 5 s, and one after the last request has been answered.
  expect(report.samples.length).toBeGreaterThanOrEqual(8);
  expect(report.samples[report.baselineIndex]!.atS).toBeGreaterThanOrEqual(15);
  for (const s of report.samples) {
    expect(s.heapUsedMb).toBeGreaterThan(0);
    expect(s.rssMb).toBeGreaterThanOrEqual(s.heapUsedMb);
    expect(s.tcpHandles).toBeGreaterThan(0);
    expect(s.redisUsedMb).toBeGreaterThan(0);
    expect(s.redisKeys).toBe(s.keysByFamily.queue + s.keysByFamily.idempotency + s.keysByFamily.stats + s.keysByFamily.other);
    expect(Number.isFinite(s.eventLoopP99Ms)).toBe(true);
  }
  expect(report.heapAfterGc).toBe(true);
  expect(report.heapWithoutMockJournalsMb).toBeGreaterThan(0);
  // The figures moved with the traffic: requests were counted, idempotency digests and log entries written.
  const last = report.samples[report.samples.length - 1]!;
  expect(last.requests).toBeGreaterThan(report.samples[1]!.requests);
  expect(last.streamEntries).toBeGreaterThan(0);
  expect(Math.max(...report.samples.map((s) => s.keysByFamily.idempotency))).toBeGreaterThan(0);
  expect(report.checks.map((c) => c.name)).toEqual([
    'heap used after GC, MB',
    'TCP handles',
    'Redis keys',
    'Redis used_memory outside the log streams, MB',
  ]);
  for (const c of report.checks) expect(c.ok).toBe(c.last <= c.limit);
});
