import { Redis } from 'ioredis';
import pino from 'pino';
import { ConnectionLogWriter } from '../../src/connection-log/connection-log-writer';
import { readStats } from '../../src/connection-log/connection-stats';
import type { ExchangeRecord } from '../../src/connection-log/exchange-record';
import { connectionStatsKey } from '../../src/infra/redis-keys';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
const prefix = testPrefix('connection-stats');

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

const NOW = Date.parse('2026-11-25T10:30:30.000Z');

function record(
  serviceId: string,
  secondsAgo: number,
  outcome: 'success' | 'failure',
  durationMs: number,
  errorType: string | null = null,
): ExchangeRecord {
  const startedAt = new Date(NOW - secondsAgo * 1000).toISOString();
  return {
    requestId: `r-${serviceId}-${secondsAgo}`,
    jobId: null,
    consumer: 'mot-cua',
    serviceId,
    operationId: 'op',
    direction: 'ngsp',
    mode: 'sync',
    attempt: 1,
    startedAt,
    durationMs,
    httpStatus: outcome === 'success' ? 200 : 502,
    outcome,
    errorType,
    providerCode: null,
    requestInTs: startedAt,
    requestOutTs: startedAt,
    responseInTs: startedAt,
    responseOutTs: startedAt,
    requestBytes: 10,
    responseBytes: 20,
  };
}

test('one batch of records across connections and minutes adds up to the same counts, latencies and last outcomes', async () => {
  const writer = new ConnectionLogWriter(redis, pino({ level: 'silent' }), {
    keyPrefix: prefix,
    retentionDays: 30,
    flushIntervalMs: 10_000,
    keys: [{ id: 't1', key: 'test-only-chain-key-0123456789abcdef' }],
  });
  // Written out of order, in one batch: two minutes of thue, one of ho-tich.
  const records = [
    record('thue', 10, 'success', 3),
    record('thue', 70, 'failure', 40, 'Server.Provider.Timeout'),
    record('thue', 5, 'success', 15),
    record('ho-tich', 20, 'failure', 1, 'Server.Provider.Unreachable'),
    record('thue', 20, 'failure', 900, 'Server.Provider.BadResponse'),
    record('ho-tich', 2, 'success', 7),
    record('thue', 75, 'success', 4),
  ];
  for (const r of records) writer.write(r);
  await writer.close();

  const thue = await readStats(redis, prefix, 'thue', NOW);
  expect(thue.last1h).toMatchObject({ count: 5, success: 3, failure: 2 });
  expect(thue.series.slice(-2).map((m) => [m.count, m.failure])).toEqual([
    [2, 1],
    [3, 1],
  ]);
  expect(thue.last1h.p50).toBe(20);
  expect(thue.last1h.p99).toBe(1000);
  expect(thue.lastSuccess).toEqual({ at: new Date(NOW - 5000).toISOString() });
  expect(thue.lastFailure).toEqual({ at: new Date(NOW - 20_000).toISOString(), errorType: 'Server.Provider.BadResponse' });

  const hoTich = await readStats(redis, prefix, 'ho-tich', NOW);
  expect(hoTich.last5m).toMatchObject({ count: 2, success: 1, failure: 1 });
  expect(hoTich.lastFailure).toEqual({ at: new Date(NOW - 20_000).toISOString(), errorType: 'Server.Provider.Unreachable' });
  expect(await redis.ttl(connectionStatsKey(prefix, 'thue', Math.floor((NOW - 70_000) / 60_000)))).toBeGreaterThan(3600);
});
