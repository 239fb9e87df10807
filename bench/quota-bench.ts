/**
 * What the quotas cost on the submit path (issue 12: at most one extra Redis round trip per
 * submit). In one process, on the real Redis: the gateway's `JobQueues.submit` with its limits
 * (admission reading cached, one Lua call for rate, waiting jobs, bytes and the idempotency
 * record, then BullMQ's add) beside the same submit without limits, in turns, 3 rounds; and one
 * sync-quota check alone. Run: `npm run bench:quota`; appends to bench/RESULTS.md.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { composeGateway } from '../src/main/compose-gateway';
import { JobQueues } from '../src/queue/job-queues';
import { deletePrefixKeys } from '../src/infra/throwaway-prefix';
import { benchPrefix } from './lib/bench-prefix';
import { loadDescription, machineDescription, markdownTable, recordResults, today } from './lib/bench-results';

const JOBS = Number(process.env['BENCH_JOBS'] ?? 3000);
const LANES = 10;
const ROUNDS = 3;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function timeEach(
  n: number,
  lanes: number,
  one: (i: number) => Promise<unknown>,
): Promise<{ p50: number; p99: number; perSecond: number }> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        await one(i);
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), perSecond: Math.round(n / seconds) };
}

async function main(): Promise<void> {
  const prefix = benchPrefix('quota');
  const env = {
    ...process.env,
    LGSP_KEY_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    LGSP_QUOTA_ASYNC_PER_SECOND: '1000000',
    LGSP_QUOTA_ASYNC_BURST: '1000000',
    LGSP_QUOTA_SYNC_PER_SECOND: '1000000',
    LGSP_QUOTA_SYNC_BURST: '1000000',
    LGSP_QUOTA_WAITING_JOBS: '100000000',
  };
  const parts = composeGateway({ env });
  if (!(await parts.redisReady())) throw new Error('Redis did not answer');
  const bare = new JobQueues(
    parts.catalog,
    parts.redis,
    `${prefix}-bare`,
    parts.config.settings.queue,
    parts.cipher,
    pino({ level: 'silent' }),
  );
  const op = parts.catalog.getOperation('ho-tich', 'dang-ky-khai-sinh');
  const input = op.config.example;
  const rows: Array<Array<string | number>> = [];
  const fmt = (ms: number): string => ms.toFixed(2);
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const withLimits = await timeEach(JOBS, LANES, (i) =>
        parts.queues.submit({
          op,
          input,
          consumer: 'mot-cua',
          requestId: randomUUID(),
          ...(i % 2 ? { idempotencyKey: `bench-${round}-${i}` } : {}),
        }),
      );
      const without = await timeEach(JOBS, LANES, (i) =>
        bare.submit({
          op,
          input,
          consumer: 'mot-cua',
          requestId: randomUUID(),
          ...(i % 2 ? { idempotencyKey: `bench-${round}-${i}` } : {}),
        }),
      );
      rows.push([`with quotas, round ${round}`, fmt(withLimits.p50), fmt(withLimits.p99), withLimits.perSecond]);
      rows.push([`without quotas, round ${round}`, fmt(without.p50), fmt(without.p99), without.perSecond]);
    }
    const sync = await timeEach(JOBS, LANES, () => parts.quotas.takeSync('mot-cua'));
    rows.push(['sync quota check alone (one Lua call)', fmt(sync.p50), fmt(sync.p99), sync.perSecond]);
  } finally {
    await bare.close();
    await parts.close();
    const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    await deletePrefixKeys(redis, prefix);
    await deletePrefixKeys(redis, `${prefix}-bare`);
    redis.disconnect();
  }
  recordResults([
    `## Quota cost on the submit path — ${today()} (\`npm run bench:quota\`)`,
    '',
    `Machine: ${machineDescription()}; ${loadDescription()} at the end. One process, real Redis on the same machine; ${JOBS} submits of \`ho-tich/dang-ky-khai-sinh\` per row from ${LANES} concurrent lanes, half with an Idempotency-Key; the two kinds in turns, ${ROUNDS} rounds. "With quotas" is the gateway's submit (cached admission reading, one Lua call, BullMQ add); "without" the same JobQueues with no limits (BullMQ add, plus getJob for a keyed submit as before).`,
    '',
    ...markdownTable(['submit path', 'p50 ms', 'p99 ms', 'submits/s'], rows),
    '',
  ]);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
