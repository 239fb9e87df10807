import { Redis } from 'ioredis';
import pino from 'pino';
import type { AuditEvent } from '../../src/audit/audit-event';
import { AUDIT_CHAIN } from '../../src/audit/audit-keys';
import { auditHeadKey, auditStreamKey } from '../../src/infra/redis-keys';
import type { ChainKey } from '../../src/audit/chain-mac';
import { verifyChain, type ChainTarget } from '../../src/audit/chain-verifier';
import { RedisAuditSink } from '../../src/audit/redis-audit-sink';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const RING: ChainKey[] = [{ id: 'a1', key: 'test-only-audit-key-0123456789abcdef' }];
const silent = pino({ level: 'silent' });
const clients: Redis[] = [];
let redis: Redis;
let prefix: string;

function client(): Redis {
  const c = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  clients.push(c);
  return c;
}

async function ready(c: Redis): Promise<Redis> {
  if (c.status !== 'ready') await new Promise((resolve) => c.once('ready', resolve));
  return c;
}

function sink(c: Redis, ring = RING): RedisAuditSink {
  return new RedisAuditSink(c, silent, { keyPrefix: prefix, keys: ring, retentionDays: 400 });
}

const target = (): ChainTarget => ({
  chain: AUDIT_CHAIN,
  streamKey: auditStreamKey(prefix),
  headKey: auditHeadKey(prefix),
  retentionMs: 400 * 86_400_000,
});
const login = (i: number): AuditEvent => ({ action: 'login.success', actor: 'van-hanh', source: '127.0.0.1', detail: { n: i } });

async function recordAll(s: RedisAuditSink, events: AuditEvent[]): Promise<void> {
  for (const e of events) s.record(e);
  await s.flush();
}

async function entries(): Promise<Array<[string, string[]]>> {
  return redis.xrange(auditStreamKey(prefix), '-', '+');
}

/** Rewrites the stream with the same ids, letting `edit` change one entry's fields (as someone with Redis access could). */
async function rewrite(edit: (id: string, fields: string[]) => string[]): Promise<void> {
  const all = await entries();
  await redis.del(auditStreamKey(prefix));
  for (const [id, fields] of all) await redis.xadd(auditStreamKey(prefix), id, ...edit(id, fields));
}

beforeAll(async () => {
  redis = await ready(client());
});

beforeEach(() => {
  prefix = testPrefix('audit-chain');
});

afterEach(async () => {
  await deleteKeys(redis, prefix);
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
});

test('an intact audit trail verifies, record by record', async () => {
  const s = sink(redis);
  await recordAll(
    s,
    Array.from({ length: 25 }, (_v, i) => login(i)),
  );
  const report = await verifyChain(redis, RING, target());
  expect(report).toEqual({ chain: 'audit', records: 25, legacy: 0 });
  const stored = JSON.parse((await entries())[3]![1][1]!) as Record<string, unknown>;
  expect(stored).toMatchObject({
    action: 'login.success',
    actor: 'van-hanh',
    source: '127.0.0.1',
    detail: { n: 3 },
    at: expect.any(String),
  });
  await s.close();
});

test('an altered record is named: its MAC no longer matches', async () => {
  await recordAll(
    sink(redis),
    Array.from({ length: 10 }, (_v, i) => login(i)),
  );
  const victim = (await entries())[4]![0];
  await rewrite((id, f) => (id === victim ? f.map((v) => v.replace('"actor":"van-hanh"', '"actor":"someone-else"')) : f));
  const report = await verifyChain(redis, RING, target());
  expect(report.broken).toEqual({ id: victim, reason: expect.stringContaining('altered') });
  expect(report.records).toBe(4);
});

test('a deleted record is found at the record after it, which names the missing one', async () => {
  await recordAll(
    sink(redis),
    Array.from({ length: 10 }, (_v, i) => login(i)),
  );
  const all = await entries();
  const [deleted, next] = [all[6]![0], all[7]![0]];
  await redis.xdel(auditStreamKey(prefix), deleted);
  const report = await verifyChain(redis, RING, target());
  expect(report.broken).toEqual({ id: next, reason: expect.stringContaining(`(${deleted}) was deleted`) });
});

test('deleting the newest record is found through the chain head', async () => {
  await recordAll(
    sink(redis),
    Array.from({ length: 5 }, (_v, i) => login(i)),
  );
  const all = await entries();
  await redis.xdel(auditStreamKey(prefix), all[4]![0]);
  const report = await verifyChain(redis, RING, target());
  expect(report.broken).toEqual({ id: all[4]![0], reason: expect.stringContaining('newest record was deleted') });
});

test('the oldest records deleted before their retention ends are found', async () => {
  await recordAll(
    sink(redis),
    Array.from({ length: 5 }, (_v, i) => login(i)),
  );
  const all = await entries();
  await redis.xdel(auditStreamKey(prefix), all[0]![0], all[1]![0]);
  const report = await verifyChain(redis, RING, target());
  expect(report.broken).toEqual({ id: all[2]![0], reason: expect.stringContaining('within the retention') });
});

test('a record added outside the gateway carries no valid MAC', async () => {
  await recordAll(sink(redis), [login(1), login(2)]);
  const forged = await redis.xadd(
    auditStreamKey(prefix),
    '*',
    'r',
    JSON.stringify({ at: new Date().toISOString(), action: 'logout', actor: 'van-hanh' }),
  );
  expect((await verifyChain(redis, RING, target())).broken).toEqual({ id: forged, reason: expect.stringContaining('no MAC') });
});

test('a record signed with a key that left the ring is named; a rotated ring still verifies old records', async () => {
  const old = sink(redis, RING);
  await recordAll(old, [login(1), login(2)]);
  const rotated: ChainKey[] = [{ id: 'a2', key: 'test-only-audit-key-2-0123456789abcdef' }, ...RING];
  const next = sink(await ready(client()), rotated);
  await recordAll(next, [login(3)]);
  expect(await verifyChain(redis, rotated, target())).toEqual({ chain: 'audit', records: 3, legacy: 0 });
  const first = (await entries())[0]![0];
  expect((await verifyChain(redis, [rotated[0]!], target())).broken).toEqual({
    id: first,
    reason: expect.stringContaining('"a1", which is not in the key ring'),
  });
});

test('two writers appending at once keep one chain: no fork, no lost record', async () => {
  const [a, b] = [sink(await ready(client())), sink(await ready(client()))];
  const rounds = Array.from({ length: 20 }, (_v, i) => i);
  await Promise.all([
    (async () => {
      for (const i of rounds) await recordAll(a, [login(i), login(100 + i)]);
    })(),
    (async () => {
      for (const i of rounds) await recordAll(b, [login(200 + i)]);
    })(),
  ]);
  const report = await verifyChain(redis, RING, target());
  expect(report).toEqual({ chain: 'audit', records: 60, legacy: 0 });
  const predecessors = (await entries()).map(([, f]) => f[f.indexOf('pid') + 1]);
  expect(new Set(predecessors).size).toBe(60);
});

test('while Redis is away records wait in memory and are appended, chained, when it returns', async () => {
  const c = await ready(client());
  const s = sink(c);
  try {
    await recordAll(s, [login(1)]);
    const ended = new Promise((resolve) => c.once('end', resolve));
    c.disconnect();
    await ended;
    s.record(login(2));
    s.record(login(3));
    await s.flush();
    expect(s.pending).toBe(2);
    await c.connect();
    await s.flush();
    expect(s.pending).toBe(0);
    expect(await verifyChain(redis, RING, target())).toEqual({ chain: 'audit', records: 3, legacy: 0 });
  } finally {
    await s.close();
  }
});
