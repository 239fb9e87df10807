import { Redis } from 'ioredis';
import pino from 'pino';
import type { ChainKey } from '../../src/audit/chain-mac';
import { verifyChain, type ChainTarget } from '../../src/audit/chain-verifier';
import { connectionLogChain, ConnectionLogWriter } from '../../src/connection-log/connection-log-writer';
import { connectionLogHeadKey, connectionLogKey, connectionStatsKey } from '../../src/infra/redis-keys';
import type { ExchangeRecord } from '../../src/connection-log/exchange-record';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const RING: ChainKey[] = [{ id: 'a1', key: 'test-only-audit-key-0123456789abcdef' }];
const clients: Redis[] = [];
let redis: Redis;
let prefix: string;
const STARTED = new Date().toISOString();

function client(): Redis {
  const c = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  clients.push(c);
  return c;
}

async function ready(c: Redis): Promise<Redis> {
  if (c.status !== 'ready') await new Promise((resolve) => c.once('ready', resolve));
  return c;
}

function writer(c: Redis, batchSize = 500): ConnectionLogWriter {
  return new ConnectionLogWriter(c, pino({ level: 'silent' }), {
    keyPrefix: prefix,
    retentionDays: 30,
    keys: RING,
    batchSize,
    flushIntervalMs: 1,
  });
}

function record(serviceId: string, i: number): ExchangeRecord {
  return {
    requestId: `req-${serviceId}-${i}`,
    jobId: null,
    consumer: 'mot-cua',
    serviceId,
    operationId: 'op',
    direction: 'ngsp',
    mode: 'sync',
    attempt: 1,
    startedAt: STARTED,
    durationMs: 3,
    httpStatus: 200,
    outcome: 'success',
    errorType: null,
    providerCode: null,
    requestInTs: STARTED,
    requestOutTs: STARTED,
    responseInTs: STARTED,
    responseOutTs: STARTED,
    requestBytes: 1,
    responseBytes: 1,
  };
}

const target = (serviceId: string): ChainTarget => ({
  chain: connectionLogChain(serviceId),
  streamKey: connectionLogKey(prefix, serviceId),
  headKey: connectionLogHeadKey(prefix, serviceId),
  retentionMs: 30 * 86_400_000,
});

beforeAll(async () => {
  redis = await ready(client());
});

beforeEach(() => {
  prefix = testPrefix('log-chain');
});

afterEach(async () => {
  await deleteKeys(redis, prefix);
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
});

test('each connection log stream is its own intact chain; the records read as before', async () => {
  const w = writer(redis);
  for (let i = 0; i < 30; i++) w.write(record(i % 3 === 0 ? 'bhxh' : 'vneid', i));
  await w.close();
  expect(await verifyChain(redis, RING, target('bhxh'))).toEqual({ chain: 'log:svc:bhxh', records: 10, legacy: 0 });
  expect(await verifyChain(redis, RING, target('vneid'))).toEqual({ chain: 'log:svc:vneid', records: 20, legacy: 0 });
  const [[, fields]] = (await redis.xrange(connectionLogKey(prefix, 'bhxh'), '-', '+', 'COUNT', 1)) as [[string, string[]]];
  expect(JSON.parse(fields[1]!)).toEqual(record('bhxh', 0));
});

test('a deleted or altered exchange record is named', async () => {
  const w = writer(redis);
  for (let i = 0; i < 10; i++) w.write(record('bhxh', i));
  await w.close();
  const all = await redis.xrange(connectionLogKey(prefix, 'bhxh'), '-', '+');
  await redis.xdel(connectionLogKey(prefix, 'bhxh'), all[5]![0]);
  expect((await verifyChain(redis, RING, target('bhxh'))).broken).toEqual({
    id: all[6]![0],
    reason: expect.stringContaining(`(${all[5]![0]}) was deleted`),
  });
  // A record copied into another connection's stream does not verify there: the chain name is in its MAC.
  const w2 = writer(redis);
  w2.write(record('vneid', 1));
  await w2.close();
  const copied = await redis.xadd(connectionLogKey(prefix, 'vneid'), '*', ...all[7]![1]);
  expect((await verifyChain(redis, RING, target('vneid'))).broken).toEqual({ id: copied, reason: expect.stringContaining('altered') });
});

test('several writer processes on one connection keep one chain, and its counters count each record once', async () => {
  const writers = [writer(await ready(client()), 7), writer(await ready(client()), 5), writer(await ready(client()), 3)];
  await Promise.all(
    writers.map(async (w, n) => {
      for (let round = 0; round < 10; round++) {
        for (let i = 0; i < 10; i++) w.write(record('thue', n * 1000 + round * 10 + i));
        await w.flush();
      }
      await w.close();
    }),
  );
  expect(await verifyChain(redis, RING, target('thue'))).toEqual({ chain: 'log:svc:thue', records: 300, legacy: 0 });
  const minute = Math.floor(Date.parse(STARTED) / 60_000);
  expect(await redis.hget(connectionStatsKey(prefix, 'thue', minute), 'n')).toBe('300');
});

test('records written before chaining began are reported as such, and the chain starts after them', async () => {
  await redis.xadd(connectionLogKey(prefix, 'bhxh'), '*', 'r', JSON.stringify(record('bhxh', -1)));
  const w = writer(redis);
  w.write(record('bhxh', 1));
  w.write(record('bhxh', 2));
  await w.close();
  expect(await verifyChain(redis, RING, target('bhxh'))).toEqual({ chain: 'log:svc:bhxh', records: 2, legacy: 1 });
});
