import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import * as keys from '../../src/infra/redis-keys';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

/*
 * The strings below are what running gateways have written. A change here strands that data
 * (queued jobs, audit chains, quotas), so it needs a migration, not just a new expectation.
 */
describe('Redis key families keep their stored names', () => {
  const p = 'lgsp';

  it("names the queue keys as BullMQ and the stored inputs beside the job, under the queue's tag", () => {
    expect(keys.queuePrefix(p, 'ho-tich')).toBe('lgsp:q:{ho-tich}');
    expect(keys.queueKey(p, 'ho-tich')).toBe('lgsp:q:{ho-tich}:ho-tich');
    expect(keys.jobKey(p, 'ho-tich', 'ho-tich.abc')).toBe('lgsp:q:{ho-tich}:ho-tich:ho-tich.abc');
    expect(keys.storedInputKey('lgsp:q:{ho-tich}:ho-tich:ho-tich.abc')).toBe('lgsp:q:{ho-tich}:ho-tich:ho-tich.abc:lgsp-input');
    expect(keys.storedInputPartKey('lgsp:q:{ho-tich}:ho-tich:j1', 'ab12')).toBe('lgsp:q:{ho-tich}:ho-tich:j1:lgsp-input:part:ab12');
    expect(keys.CALLBACK_QUEUE).toBe('callbacks');
    expect(keys.callbackOutboxKey(p)).toBe('lgsp:q:{callbacks}:callbacks:outbox');
  });

  it('names the quota keys under one {quota} hash tag', () => {
    const q = keys.quotaKeys(p);
    const all = [
      q.bucket('mot-cua', 'sync'),
      q.bucket('mot-cua', 'async'),
      q.use('mot-cua'),
      q.jobs(),
      q.idempotency('thue.1'),
      q.usePrefix(),
    ];

    expect(all).toEqual([
      'lgsp:{quota}:bucket:sync:mot-cua',
      'lgsp:{quota}:bucket:async:mot-cua',
      'lgsp:{quota}:use:mot-cua',
      'lgsp:{quota}:jobs',
      'lgsp:{quota}:idem:thue.1',
      'lgsp:{quota}:use:',
    ]);
    // Redis Cluster hashes only the first {…} of a key: it must be the shared tag for every one.
    for (const key of all) expect(/\{([^}]*)\}/.exec(key)?.[1]).toBe('quota');
  });

  it('names the logs, audit, auth, throttle and breaker keys', () => {
    expect(keys.connectionLogKey(p, 'bhxh')).toBe('lgsp:log:{bhxh}');
    expect(keys.connectionLogHeadKey(p, 'bhxh')).toBe('lgsp:log:{bhxh}:head');
    expect(keys.connectionStatsKey(p, 'thue', 29_000_000)).toBe('lgsp:log:{thue}:stats:29000000');
    expect(keys.connectionLastKey(p, 'thue')).toBe('lgsp:log:{thue}:last');
    expect(keys.auditStreamKey(p)).toBe('lgsp:{audit}');
    expect(keys.auditHeadKey(p)).toBe('lgsp:{audit}:head');
    expect(keys.auditKeyIdKey(p)).toBe('lgsp:{audit}:key-id');
    expect(keys.signingKeyIdKey(p)).toBe('lgsp:{auth}:signing-key-id');
    expect(keys.revocationsKey(p)).toBe('lgsp:{auth}:revocations');
    expect(keys.consumerCredentialsKey(p)).toBe('lgsp:{auth}:consumer-credentials');
    expect(keys.revocationsChannel(p)).toBe('lgsp:auth:revocations:announce');
    expect(keys.revokedTokensKey(p)).toBe('lgsp:{auth}:revoked-tokens');
    expect(keys.revokedTokensChannel(p)).toBe('lgsp:auth:revoked-tokens:announce');
    expect(keys.throttleKey(p, 'client:mot-cua')).toBe('lgsp:throttle:client:mot-cua');
    expect(keys.breakerStateKey(p, 'vneid')).toBe('lgsp:breaker:{vneid}');
    expect(keys.breakerHistoryKey(p, 'vneid')).toBe('lgsp:breaker:{vneid}:history');
  });
});

/** The hash tag Redis Cluster hashes instead of the whole key: the first non-empty {…}. */
const tagOf = (key: string): string => /\{([^}]+)\}/.exec(key)?.[1] ?? key;

describe('keys written together share a hash slot (Redis Cluster)', () => {
  const p = 'lgsp-test-x';

  it('one tag per group a script, transaction or pipeline touches', () => {
    const groups: Record<string, string[]> = {
      'a queue, its job, stored input and its writes': [
        `${keys.queueKey(p, 'thue')}:wait`,
        keys.jobKey(p, 'thue', 'thue.1'),
        keys.storedInputKey(keys.jobKey(p, 'thue', 'thue.1')),
        keys.storedInputPartKey(keys.jobKey(p, 'thue', 'thue.1'), 'w1'),
      ],
      'the callback queue and its outbox': [`${keys.queueKey(p, keys.CALLBACK_QUEUE)}:wait`, keys.callbackOutboxKey(p)],
      "a connection's log, head, stats and last outcome (one append script)": [
        keys.connectionLogKey(p, 'thue'),
        keys.connectionLogHeadKey(p, 'thue'),
        keys.connectionStatsKey(p, 'thue', 1),
        keys.connectionStatsKey(p, 'thue', 2),
        keys.connectionLastKey(p, 'thue'),
      ],
      "a connection's breaker state and history (one transaction)": [keys.breakerStateKey(p, 'thue'), keys.breakerHistoryKey(p, 'thue')],
      'the audit stream, head and key id': [keys.auditStreamKey(p), keys.auditHeadKey(p), keys.auditKeyIdKey(p)],
      'revocations and revoked tokens': [
        keys.revocationsKey(p),
        keys.revokedTokensKey(p),
        keys.signingKeyIdKey(p),
        keys.consumerCredentialsKey(p),
      ],
    };
    for (const [group, members] of Object.entries(groups)) {
      const tags = new Set(members.map(tagOf));
      expect({ group, tags: [...tags] }).toEqual({ group, tags: [tagOf(members[0]!)] });
      expect(members[0]).toMatch(/\{[^}]+\}/);
    }
  });

  it('different connections get different tags, so they spread over the masters', () => {
    expect(tagOf(keys.queueKey(p, 'thue'))).not.toBe(tagOf(keys.queueKey(p, 'bhxh')));
    expect(tagOf(keys.connectionLogKey(p, 'thue'))).not.toBe(tagOf(keys.connectionLogKey(p, 'bhxh')));
  });
});

describe('the queue keys agree with what BullMQ writes', () => {
  const redis = new Redis(process.env.REDIS_URL as string, { maxRetriesPerRequest: null });
  const prefix = testPrefix('redis-keys');
  const queue = new Queue('ho-tich', { connection: redis, prefix: keys.queuePrefix(prefix, 'ho-tich') });

  afterAll(async () => {
    await queue.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('finds an added job under jobKey()', async () => {
    const job = await queue.add('deliver', { n: 1 }, { jobId: 'ho-tich.k1' });

    expect(queue.toKey(job.id!)).toBe(keys.jobKey(prefix, 'ho-tich', 'ho-tich.k1'));
    expect(await redis.hget(keys.jobKey(prefix, 'ho-tich', 'ho-tich.k1'), 'data')).toBe('{"n":1}');
    expect(queue.toKey('limiter')).toBe(`${keys.queueKey(prefix, 'ho-tich')}:limiter`);
  });
});
