import { loadDescription, machineDescription, markdownTable, recordResults, today } from '../bench/lib/bench-results';
import { runStarvedWorkerDrill } from './starved-worker';

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};
const range = (xs: number[]): string => (xs.length === 0 ? '—' : `${median(xs)} / ${Math.max(...xs)}`);

/** `npm run drills`' starved-worker drill: runs it, appends its figures to `results`, answers whether nothing was lost or done twice. */
export async function starvedWorkerDrill(results: string, title: string): Promise<boolean> {
  const startLoad = loadDescription();
  const opts = {
    jobsPerRound: 40,
    rounds: Number(process.env['DRILL_STARVE_ROUNDS'] ?? 3),
    providerLatencyMs: 1500,
    lockDurationMs: 2000,
    stalledIntervalMs: 1000,
    starveMs: 8000,
    drainTimeoutMs: 120_000,
    log: (line: string) => process.stderr.write(`${line}\n`),
  };
  const r = await runStarvedWorkerDrill(opts);
  const held = r.rounds.reduce((n, x) => n + x.held, 0);
  const recovered = r.rounds.reduce((n, x) => n + x.recovered, 0);
  const ok =
    r.delivered === r.acknowledged &&
    r.failed === 0 &&
    r.completedTwice === 0 &&
    r.doneTwice === 0 &&
    r.callbacksMissing === 0 &&
    recovered === held &&
    r.staleFinishRefused === held;
  const stale = Object.entries(r.staleErrorOnCompleted);
  recordResults(
    [
      `## A worker whose event loop is starved — ${today()}`,
      '',
      `Machine: ${machineDescription()}; ${startLoad} at the start, ${loadDescription()} at the end. The mocks and the gateway (HTTP role) in the drill's process; two worker processes (\`src/main/worker.ts\`) on the same key prefix, lock ${opts.lockDurationMs} ms, stalled check every ${opts.stalledIntervalMs} ms. ` +
        `NGSP mock answering \`dvcqg-ho-so\` in ${opts.providerLatencyMs} ms. Per round: ${opts.jobsPerRound} async submissions (own Idempotency-Keys); once one worker holds a full hand of jobs whose requests are at the provider, its loop is blocked by a CPU-bound loop (drills/lib/starve-hook.ts, on SIGUSR2) for ${opts.starveMs} ms.`,
      '',
      ...markdownTable(
        [
          'round',
          'jobs held when blocked',
          'blocked ms',
          'stalled, then taken again by the other worker',
          'block → stalled ms (median / max)',
          'stalled → taken again ms (median / max)',
        ],
        r.rounds.map((x, i) => [i + 1, x.held, x.blockedMs, x.recovered, range(x.toStalledMs), range(x.toRetakenMs)]),
      ),
      '',
      ...markdownTable(
        [
          'acknowledged',
          'delivered',
          'failed',
          'stalled events',
          'completed twice (queue)',
          "starved worker's stale end refused",
          'provider effects',
          'done twice',
          'deduplicated by the provider',
          'jobs without a callback / with two',
          'drain ms',
          'verdict',
        ],
        [
          [
            r.acknowledged,
            r.delivered,
            r.failed,
            r.stalledEvents,
            r.completedTwice,
            `${r.staleFinishRefused} / ${held}`,
            r.effects,
            r.doneTwice,
            r.providerDeduplicated,
            `${r.callbacksMissing} / ${r.callbacksTwice}`,
            r.drainMs,
            ok ? 'every acknowledged request delivered once; the starved worker completed none a second time' : 'LOST OR DOUBLED',
          ],
        ],
      ),
      '',
      `When its loop freed, the starved worker's lock renewals were refused (${r.lockRenewalsRefused} of ${held} held jobs) and so was every end it tried to store. ` +
        (stale.length > 0
          ? `Its connection timeout fired first, and the error was written into the job's data without a lock check (BullMQ's updateData): ${stale.map(([t, n]) => `${n} completed jobs carry \`${t}\``).join(', ')}. The job view shows no error for a completed job, so callers do not see it.`
          : 'No completed job carries an error from its stale attempt.') +
        (r.callbacksTwice > 0
          ? ` ${r.callbacksTwice} jobs got a second completion callback: the starved worker had made its notice durable (outbox) before its end was refused, and the relay sent it later beside the other worker's (at least once, ADR 0006; consumers dedupe on jobId + outcome).`
          : '') +
        (r.otherWorkerErrors.length > 0
          ? ` The other worker logged ${r.otherWorkerErrors.length} worker errors: ${[...new Set(r.otherWorkerErrors)].slice(0, 3).join('; ')}.`
          : ''),
      '',
    ],
    results,
    title,
  );
  return ok;
}
