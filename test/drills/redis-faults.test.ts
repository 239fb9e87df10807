import { REQUEST_REDIS_COMMAND_TIMEOUT_MS } from '../../src/infra/redis-connection';
import { runRedisCrashDrill, runRedisPauseDrill, type RedisCrashReport, type RedisPauseReport } from '../../drills/redis-faults';

/**
 * The short versions of `npm run drills`' Redis drills: a Redis stopped with SIGSTOP (it hangs,
 * it does not refuse), and a Redis killed with SIGKILL and restarted from its append-only file.
 */
let pause: RedisPauseReport;
let crash: RedisCrashReport;

// A submit makes at most two request-path Redis round trips that can time out (the charge, then its undo).
const SUBMIT_DEADLINE_MS = 2 * REQUEST_REDIS_COMMAND_TIMEOUT_MS + 1000;

beforeAll(async () => {
  pause = await runRedisPauseDrill({ pauseMs: 4000, rate: 5, drainTimeoutMs: 30_000 });
  crash = await runRedisCrashDrill({
    rate: 10,
    beforeKillMs: 2000,
    downMs: 1000,
    afterRestartMs: 1500,
    providerLatencyMs: 1000,
    enqueue: { rate: 50, ms: 1000 },
    drainTimeoutMs: 30_000,
  });
}, 150_000);

describe('Redis stopped with SIGSTOP', () => {
  test('every async submit during the pause is answered 503 QueueUnavailable within its deadline: no hang', () => {
    // A submit sent less than the command timeout before SIGCONT gets its answer in time: 202.
    for (const answer of Object.keys(pause.asyncDuringPause))
      expect(['503 Server.Gateway.QueueUnavailable', '202 accepted']).toContain(answer);
    expect(pause.asyncDuringPause['503 Server.Gateway.QueueUnavailable']).toBeGreaterThan(pause.asyncDuringPause['202 accepted'] ?? 0);
    expect(pause.slowestAsyncMs).toBeLessThan(SUBMIT_DEADLINE_MS);
  });

  test('sync lookups keep answering 200 during the pause', () => {
    expect(pause.syncDuringPause.other).toEqual({});
    expect(pause.syncDuringPause.ok).toBeGreaterThan(0);
  });

  test('after SIGCONT submits are accepted again and every acknowledged request is delivered once', () => {
    expect(pause.firstAcceptedAfterResumeMs).toBeGreaterThanOrEqual(0);
    expect(pause.delivery.acknowledged).toBeGreaterThan(0);
    expect(pause.delivery).toMatchObject({ deliveredOnce: pause.delivery.acknowledged, doneTwice: 0, lost: 0, undelivered: 0 });
  });

  test('the quota charges of submits that timed out during the pause are given back once Redis answers', () => {
    expect(pause.asyncDuringPause['503 Server.Gateway.QueueUnavailable'] ?? 0).toBeGreaterThan(0);
    expect(pause.chargesWithoutJob).toBe(0);
  });
});

describe('Redis killed with SIGKILL and restarted from its AOF', () => {
  test('both fsync policies ran, with requests acknowledged before the kill and after the restart', () => {
    expect(crash.rounds.map((r) => r.fsync)).toEqual(['everysec', 'always']);
    for (const r of crash.rounds) {
      expect(r.waitingAtKill).toBeGreaterThan(0);
      expect(r.acknowledgedInLastSecond).toBeGreaterThan(0);
      expect(r.firstAcceptedAfterRestartMs).toBeGreaterThanOrEqual(0);
      expect(r.refusedWhileDown).toBeGreaterThan(0);
      expect(r.enqueue.accepted).toBeGreaterThan(0);
    }
  });

  test('with appendfsync always, every acknowledged request is delivered once', () => {
    const always = crash.rounds.find((r) => r.fsync === 'always')!;
    expect(always.delivery).toMatchObject({ deliveredOnce: always.delivery.acknowledged, doneTwice: 0, lost: 0, undelivered: 0 });
  });

  test('with appendfsync everysec, nothing acknowledged is done twice or left waiting; what was lost is counted', () => {
    const everysec = crash.rounds.find((r) => r.fsync === 'everysec')!;
    expect(everysec.delivery).toMatchObject({ doneTwice: 0, undelivered: 0 });
    expect(everysec.delivery.deliveredOnce + everysec.delivery.lost).toBe(everysec.delivery.acknowledged);
    expect(everysec.lostOfLastSecond).toBeLessThanOrEqual(everysec.delivery.lost);
  });
});
