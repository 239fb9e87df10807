import path from 'node:path';
import { loadDescription, machineDescription, markdownTable, recordResults, today } from '../bench/lib/bench-results';
import { runIdempotencyRaceDrill } from './idempotency-race';
import { runNetworkFaultsDrill } from './network-faults';

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

async function main(): Promise<void> {
  const results = [await networkFaults(), await idempotencyRace()];
  if (results.some((ok) => !ok)) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
