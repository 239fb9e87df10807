import { loadDescription, machineDescription, markdownTable, recordResults, today } from '../bench/lib/bench-results';
import { runSoakDrill, SOAK_BOUNDS, type SoakReport } from './soak';

/** Whether a soak passed: every acknowledged request delivered once and called back, and every growth check within its bound. */
export function soakPassed(r: SoakReport): boolean {
  const d = r.delivery;
  return d.deliveredOnce === d.acknowledged && d.doneTwice === 0 && d.calledBack === d.acknowledged && r.checks.every((c) => c.ok);
}

/**
 * `npm run drills`' soak: SOAK_MINUTES (default 10) of mixed traffic, sampled every
 * SOAK_SAMPLE_MS (default a minute), recorded in `file` with a row per sample.
 */
export async function soakDrill(file: string, title: string): Promise<boolean> {
  const startLoad = loadDescription();
  const minutes = Number(process.env['SOAK_MINUTES'] ?? 10);
  const sampleEveryMs = Number(process.env['SOAK_SAMPLE_MS'] ?? 60_000);
  const durationMs = minutes * 60_000;
  // Growth is measured from the end of warm-up (minute 2 of 10): caches and pools have filled, and
  // finished jobs and idempotency digests are kept for less than that, so Redis is at its plateau.
  const warmupMs = Math.min(120_000, Math.round(durationMs * 0.4));
  const rates = { lookups: 16, submits: 6, births: 3, documents: 2 };
  // A fault window each minute (shorter runs scale it down); dead letters are replayed well before their age runs out.
  const everyMs = Math.min(60_000, warmupMs / 2);
  const cycle = { everyMs, faultMs: Math.round(everyMs / 4), replayAfterMs: Math.round(everyMs * 0.6) };
  const keep = { completedAgeSeconds: Math.round(warmupMs * 0.0004), failedAgeSeconds: Math.round(warmupMs * 0.0006), count: 2000 };
  const r = await runSoakDrill({
    durationMs,
    sampleEveryMs,
    warmupMs,
    rates,
    repeatShare: 0.1,
    cycle,
    keep,
    drainTimeoutMs: 120_000,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const ok = soakPassed(r);
  const t = r.traffic;
  const d = r.delivery;
  const last = r.samples[r.samples.length - 1]!;
  const bytesPerLogEntry = last.streamEntries > 0 ? Math.round((last.streamMb * 1024 * 1024) / last.streamEntries) : 0;
  recordResults(
    [
      `## Soak: ${minutes} minutes of mixed traffic — ${today()}`,
      '',
      `Machine: ${machineDescription()}; ${startLoad} at the start, ${loadDescription()} at the end. One process with every role and the mocks (one core), a private \`redis-server\`. ` +
        `Per second: ${rates.lookups} sync lookups (\`dat-dai\`, \`csdl-dan-cu\`), ${rates.submits} async \`dvcqg-ho-so/dong-bo-ho-so\`, ${rates.births} async \`ho-tich/dang-ky-khai-sinh\`, ${rates.documents} ready-made edXML documents to \`truc-lien-thong-van-ban/gui-van-ban\` (as \`qlvb\`); ` +
        `each submit with its own Idempotency-Key, 10 % sent again under it; callbacks to \`mot-cua\` and \`qlvb\`. Every ${cycle.everyMs / 1000} s, \`ho-tich\` fails every call for ${cycle.faultMs / 1000} s (3 attempts, backoff 0.2–1 s, so jobs become dead letters) and an operator replays its dead letters ${cycle.replayAfterMs / 1000} s into the cycle. ` +
        `Finished jobs kept ${keep.completedAgeSeconds} s (dead letters ${keep.failedAgeSeconds} s, idempotency digests as long) instead of the shipped day, so that Redis reaches its plateau within the run. ` +
        `Heap ${r.heapAfterGc ? 'after a full collection' : 'as found (no collection could be asked for)'}; TCP handles from \`process.getActiveResourcesInfo()\` (client, gateway, mocks and Redis sockets, listeners included); event-loop delay p99 over each interval (the collection excluded).`,
      '',
      ...markdownTable(
        [
          'at min',
          'requests sent',
          'heap MB',
          'RSS MB',
          'TCP handles',
          'open fds',
          'loop p99 ms',
          'Redis used MB',
          'Redis keys (queue / idempotency / stats / other)',
          'log + audit entries',
          'log + audit MB',
        ],
        r.samples.map((s, i) => [
          `${(s.atS / 60).toFixed(1)}${i === r.baselineIndex ? ' (baseline)' : ''}`,
          s.requests,
          s.heapUsedMb,
          s.rssMb,
          s.tcpHandles,
          s.openFds,
          s.eventLoopP99Ms,
          s.redisUsedMb,
          `${s.redisKeys} (${s.keysByFamily.queue} / ${s.keysByFamily.idempotency} / ${s.keysByFamily.stats} / ${s.keysByFamily.other})`,
          s.streamEntries,
          s.streamMb,
        ]),
      ),
      '',
      ...markdownTable(
        ['growth from the baseline to the end', 'baseline', 'end', 'bound', 'verdict'],
        r.checks.map((c) => [c.name, c.baseline, c.last, `≤ ${c.limit}`, c.ok ? 'within' : 'EXCEEDED']),
      ),
      '',
      ...markdownTable(
        [
          'lookups answered / sent',
          'lookups refused',
          'submits acknowledged / sent',
          'repeats given the same job',
          'fault windows',
          'dead letters replayed',
          'delivered once',
          'done twice',
          'undelivered',
          'completed callbacks',
          'drain ms',
          'verdict',
        ],
        [
          [
            `${t.lookups.ok} / ${t.lookups.sent}`,
            Object.entries(t.lookups.refused)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ') || '—',
            `${t.submits.acknowledged} / ${t.submits.sent}`,
            `${t.submits.repeatsSameJob} / ${t.submits.repeats}`,
            t.faultWindows,
            t.deadLettersReplayed,
            `${d.deliveredOnce} / ${d.acknowledged}`,
            d.doneTwice,
            d.undelivered,
            d.calledBack,
            d.drainMs,
            ok ? 'every acknowledged request delivered once; growth bounded' : 'LOST, DOUBLED OR GROWING',
          ],
        ],
      ),
      '',
      `Bounds (SOAK_BOUNDS in drills/soak.ts): heap within ${SOAK_BOUNDS.heapShare * 100} % or ${SOAK_BOUNDS.heapMb} MB of the baseline, TCP handles within ${SOAK_BOUNDS.tcpSlack}, Redis keys and memory outside the log streams within ${SOAK_BOUNDS.keysShare * 100} % (+${SOAK_BOUNDS.keysSlack} keys, +${SOAK_BOUNDS.redisMb} MB). ` +
        `The connection logs and audit trail are kept for days by design and grow with traffic (about ${bytesPerLogEntry} bytes an entry here); they are reported, not bounded. The heap includes the mocks' journals and idempotency stores (an entry per request, in this process): with them cleared at the end it was ${r.heapWithoutMockJournalsMb} MB (${last.heapUsedMb} MB before, ${r.samples[r.baselineIndex]!.heapUsedMb} MB at the baseline).`,
      '',
    ],
    file,
    title,
  );
  return ok;
}
