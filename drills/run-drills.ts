import path from 'node:path';
import { loadDescription, machineDescription, markdownTable, recordResults, today } from '../bench/lib/bench-results';
import { runIdempotencyRaceDrill } from './idempotency-race';
import { runNetworkFaultsDrill } from './network-faults';
import { runRedisCrashDrill, runRedisPauseDrill } from './redis-faults';
import { soakDrill } from './soak-results';
import { starvedWorkerDrill } from './starved-worker-results';
import { REQUEST_REDIS_COMMAND_TIMEOUT_MS } from '../src/infra/redis-connection';

/**
 * `npm run drills`: each drill's full version (set up, inject, check, report), with its figures
 * appended to drills/RESULTS.md. The short versions run in `npm test` (test/drills/).
 * A drill that finds a lost or doubled request exits non-zero after recording what it saw.
 */
const RESULTS = path.join(__dirname, 'RESULTS.md');
const TITLE =
  '# Drill results\n\nAppended by `npm run drills`; newest last. Each drill: acknowledged, delivered, done twice, longest unavailability, with machine and date.\n\n';

async function networkFaults(): Promise<boolean> {
  const startLoad = loadDescription();
  const phaseMs = Number(process.env['DRILL_PHASE_MS'] ?? 10_000);
  const rate = Number(process.env['DRILL_RATE'] ?? 20);
  const r = await runNetworkFaultsDrill({ phaseMs, rate, drainTimeoutMs: 120_000, log: (line) => process.stderr.write(`${line}\n`) });
  const ok = r.delivered === r.acknowledged && r.doneTwice === 0 && r.failed === 0;
  recordResults(
    [
      `## Network faults between the gateway and the national platform — ${today()}`,
      '',
      `Machine: ${machineDescription()}; ${startLoad} at the start, ${loadDescription()} at the end. One process with every role (one core), the mocks in the same process, a fault-injecting TCP proxy (drills/lib/fault-proxy.ts) in front of the NGSP mock. ` +
        `Each phase ${phaseMs / 1000} s; ${rate} async submissions/s to \`dvcqg-ho-so/dong-bo-ho-so\` (each with its own Idempotency-Key) and ${rate} sync lookups/s to \`dat-dai/tra-cuu-thua-dat\`. Connection timeout 1.5 s, breaker reset 1 s, 30 attempts with backoff 0.2–1 s.`,
      '',
      ...markdownTable(
        ['phase', 'async submitted', 'acknowledged (202)', 'sync answered 200', 'sync refused (typed)'],
        r.phases.map((p) => [
          p.name,
          p.submitted,
          p.acknowledged,
          p.syncOk,
          Object.entries(p.syncRefused)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || '—',
        ]),
      ),
      '',
      ...markdownTable(
        [
          'acknowledged',
          'delivered',
          'failed',
          'provider effects',
          'done twice',
          'deduplicated by the provider',
          'needed > 1 attempt',
          'longest sync gap ms',
          'proxy connections / resets / idle closes',
          'drain after the faults ms',
          'verdict',
        ],
        [
          [
            r.acknowledged,
            r.delivered,
            r.failed,
            r.effects,
            r.doneTwice,
            r.providerDeduplicated,
            r.retried,
            r.longestSyncGapMs,
            `${r.proxy.connections} / ${r.proxy.resets} / ${r.proxy.idleCloses}`,
            r.drainMs,
            ok ? 'every acknowledged request delivered once' : 'LOST OR DOUBLED',
          ],
        ],
      ),
      '',
    ],
    RESULTS,
    TITLE,
  );
  return ok;
}

async function idempotencyRace(): Promise<boolean> {
  const startLoad = loadDescription();
  const rounds = Number(process.env['DRILL_ROUNDS'] ?? 10);
  const reports = await runIdempotencyRaceDrill({ concurrent: 50, rounds });
  const good = (r: (typeof reports)[number]): boolean =>
    r.distinctJobIds === 1 && r.delivered === 1 && r.effects === 1 && r.otherBody.status === 422;
  recordResults(
    [
      `## 50 concurrent submissions with one Idempotency-Key — ${today()}`,
      '',
      `Machine: ${machineDescription()}; ${startLoad} at the start, ${loadDescription()} at the end. One process with every role, mocks in the same process. Each round: 50 concurrent POSTs of the same \`dvcqg-ho-so/dong-bo-ho-so\` body under one new key, then the same key with another \`trichYeu\`.`,
      '',
      ...markdownTable(
        ['round', 'answers', 'distinct job ids', 'delivered', 'provider effects', 'same key, other body'],
        reports.map((r, i) => [
          i + 1,
          Object.entries(r.answers)
            .map(([k, v]) => `${k} ×${v}`)
            .join(', '),
          r.distinctJobIds,
          r.delivered,
          r.effects,
          `${r.otherBody.status} ${r.otherBody.type}`,
        ]),
      ),
      '',
      reports.every(good)
        ? `All ${reports.length} rounds: one job, one effect, every caller told the same job; another body under the key refused 422.`
        : 'A round made more than one job or effect, or did not refuse another body: see the table.',
      '',
    ],
    RESULTS,
    TITLE,
  );
  return reports.every(good);
}

async function redisPause(): Promise<boolean> {
  const startLoad = loadDescription();
  const pauseMs = Number(process.env['DRILL_PAUSE_MS'] ?? 10_000);
  const rate = Number(process.env['DRILL_RATE'] ?? 20);
  const r = await runRedisPauseDrill({ pauseMs, rate, drainTimeoutMs: 120_000, log: (line) => process.stderr.write(`${line}\n`) });
  // A submit makes at most two request-path round trips that can time out (the charge, then its undo).
  const deadlineMs = 2 * REQUEST_REDIS_COMMAND_TIMEOUT_MS + 1000;
  const d = r.delivery;
  const ok =
    r.slowestAsyncMs < deadlineMs &&
    Object.keys(r.syncDuringPause.other).length === 0 &&
    r.firstAcceptedAfterResumeMs >= 0 &&
    d.deliveredOnce === d.acknowledged &&
    d.doneTwice === 0;
  recordResults(
    [
      `## Redis stopped with SIGSTOP for ${pauseMs / 1000} s — ${today()}`,
      '',
      `Machine: ${machineDescription()}; ${startLoad} at the start, ${loadDescription()} at the end. One process with every role, the mocks in the same process, a private \`redis-server\` (AOF everysec) stopped with SIGSTOP: its sockets stay open and nothing answers. ` +
        `${rate} async submissions/s to \`dvcqg-ho-so/dong-bo-ho-so\` (each with its own Idempotency-Key) and ${rate} sync lookups/s to \`dat-dai/tra-cuu-thua-dat\`. Request-path Redis command timeout ${REQUEST_REDIS_COMMAND_TIMEOUT_MS} ms; a submit's deadline ${deadlineMs} ms.`,
      '',
      ...markdownTable(
        [
          'async answers during the pause',
          'slowest async answer ms',
          'sync 200 during the pause',
          'sync other',
          'first 202 after SIGCONT ms',
          'acknowledged',
          'delivered once',
          'done twice',
          'lost',
          'refused but delivered',
          'quota charges left without a job',
          'verdict',
        ],
        [
          [
            Object.entries(r.asyncDuringPause)
              .map(([k, v]) => `${k} ×${v}`)
              .join(', '),
            r.slowestAsyncMs,
            r.syncDuringPause.ok,
            Object.entries(r.syncDuringPause.other)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ') || '—',
            r.firstAcceptedAfterResumeMs,
            d.acknowledged,
            d.deliveredOnce,
            d.doneTwice,
            d.lost + d.undelivered,
            r.refusedButDelivered,
            r.chargesWithoutJob,
            ok ? 'no hang; every acknowledged request delivered once' : 'HANG, SYNC REFUSED, LOST OR DOUBLED',
          ],
        ],
      ),
      '',
      'A 202 during the pause is a submit sent less than the command timeout before SIGCONT: its answer came in time.',
      '',
    ],
    RESULTS,
    TITLE,
  );
  return ok;
}

async function redisCrash(): Promise<boolean> {
  const startLoad = loadDescription();
  const rate = Number(process.env['DRILL_RATE'] ?? 20);
  const enqueue = { rate: Number(process.env['DRILL_ENQUEUE_RATE'] ?? 200), ms: 5000 };
  const r = await runRedisCrashDrill({
    rate,
    beforeKillMs: 5000,
    downMs: 2000,
    afterRestartMs: 3000,
    providerLatencyMs: 1000,
    enqueue,
    drainTimeoutMs: 120_000,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  // everysec's loss is reported, not failed; always must lose nothing, and no policy may do anything twice.
  const ok = r.rounds.every(
    (x) => x.delivery.doneTwice === 0 && x.delivery.undelivered === 0 && (x.fsync !== 'always' || x.delivery.lost === 0),
  );
  const everysecLost = r.rounds.find((x) => x.fsync === 'everysec')?.delivery.lost ?? 0;
  recordResults(
    [
      `## Redis killed with SIGKILL and restarted from its AOF — ${today()}`,
      '',
      `Machine: ${machineDescription()}; ${startLoad} at the start, ${loadDescription()} at the end. One process with every role, the mocks in the same process, a private \`redis-server\` (\`--appendonly yes --save ''\`); the NGSP mock behind the fault proxy with 1 s latency so requests wait in the queue. ` +
        `Per policy: paced enqueue runs (${enqueue.rate} req/s for ${enqueue.ms / 1000} s in three turns taking turns with the other policy, after an uncounted warm-up; latency of the 202 as the client sees it), then ${rate} async submissions/s for 10 s with Redis killed (SIGKILL) after 5 s and restarted from its AOF 2 s later.`,
      '',
      ...markdownTable(
        [
          'appendfsync',
          'enqueue accepted / sent',
          'enqueue p50 ms',
          'enqueue p99 ms',
          'enqueue max ms',
          'waiting at the kill',
          'acknowledged in the last second',
          'lost of those',
          'refused while down',
          'first 202 after restart ms',
          'acknowledged',
          'delivered once',
          'done twice',
          'lost',
          'drain ms',
        ],
        r.rounds.map((x) => [
          x.fsync,
          `${x.enqueue.accepted} / ${x.enqueue.sent}`,
          x.enqueue.p50Ms,
          x.enqueue.p99Ms,
          x.enqueue.maxMs,
          x.waitingAtKill,
          x.acknowledgedInLastSecond,
          x.lostOfLastSecond,
          x.refusedWhileDown,
          x.firstAcceptedAfterRestartMs,
          x.delivery.acknowledged,
          x.delivery.deliveredOnce,
          x.delivery.doneTwice,
          x.delivery.lost + x.delivery.undelivered,
          x.delivery.drainMs,
        ]),
      ),
      '',
      !ok
        ? 'An acknowledged request was lost with appendfsync always, left undelivered or done twice: see the table.'
        : everysecLost > 0
          ? `With appendfsync always every acknowledged request was delivered once; everysec lost ${everysecLost}.`
          : 'Every acknowledged request delivered once under both policies. Redis writes each command to the AOF before it answers, so a killed process loses nothing the kernel holds; the everysec window (up to about 1 s of acknowledged requests) opens only on an OS crash or power loss, which this drill does not simulate.',
      '',
    ],
    RESULTS,
    TITLE,
  );
  return ok;
}

const DRILLS: Record<string, () => Promise<boolean>> = {
  'network-faults': networkFaults,
  'idempotency-race': idempotencyRace,
  'redis-pause': redisPause,
  'redis-crash': redisCrash,
  // SOAK_MINUTES (default 10) of mixed traffic, a row per minute.
  soak: () => soakDrill(RESULTS, TITLE),
  'starved-worker': () => starvedWorkerDrill(RESULTS, TITLE),
};

async function main(): Promise<void> {
  // DRILLS=redis-pause,redis-crash runs only those; every drill by default.
  const chosen = process.env['DRILLS']?.split(',').map((d) => d.trim()) ?? Object.keys(DRILLS);
  const unknown = chosen.filter((d) => !DRILLS[d]);
  if (unknown.length > 0) throw new Error(`Unknown drill ${unknown.join(', ')}; known: ${Object.keys(DRILLS).join(', ')}`);
  const results: boolean[] = [];
  for (const name of chosen) results.push(await DRILLS[name]!());
  if (results.some((ok) => !ok)) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
