import { runStarvedWorkerDrill, type StarvedWorkerReport } from '../../drills/starved-worker';

/**
 * The short version of `npm run drills`' starved-worker drill: two worker processes, one of them
 * blocked by a CPU-bound loop for four lock durations while it holds jobs at a slow provider.
 */
let report: StarvedWorkerReport;

beforeAll(async () => {
  report = await runStarvedWorkerDrill({
    jobsPerRound: 16,
    rounds: 1,
    providerLatencyMs: 1500,
    lockDurationMs: 2000,
    stalledIntervalMs: 1000,
    starveMs: 8000,
    drainTimeoutMs: 30_000,
  });
}, 60_000);

test("the starved worker's jobs come back through the stalled check and the other worker finishes them", () => {
  const [round] = report.rounds;
  expect(round!.held).toBeGreaterThan(0);
  expect(round!.blockedMs).toBeGreaterThanOrEqual(8000);
  // Each held job stalled once, and was taken again while the starved loop was still blocked.
  expect(round!.toStalledMs).toHaveLength(round!.held);
  expect(round!.toRetakenMs).toHaveLength(round!.held);
  expect(round!.recovered).toBe(round!.held);
});

test('every acknowledged request is delivered once: one completion per job in the queue, one effect per key at the provider', () => {
  // The job that names the starved worker, then the round's 16.
  expect(report.acknowledged).toBe(17);
  expect(report).toMatchObject({
    delivered: report.acknowledged,
    failed: 0,
    completedTwice: 0,
    effects: report.acknowledged,
    doneTwice: 0,
  });
  // Callbacks are at least once (ADR 0006): each job announced, a second notice only for a job the starved worker held.
  expect(report.callbacksMissing).toBe(0);
  expect(report.callbacksTwice).toBeLessThanOrEqual(report.rounds[0]!.held);
  // The held jobs' first requests had reached the provider: their repeats were answered from its idempotency store, nothing else.
  expect(report.providerDeduplicated).toBeLessThanOrEqual(report.rounds[0]!.held);
});

test('when its loop frees, the starved worker finds its locks gone and cannot store an end for the jobs it held', () => {
  const held = report.rounds[0]!.held;
  expect(report.lockRenewalsRefused).toBe(held);
  expect(report.staleFinishRefused).toBe(held);
});
