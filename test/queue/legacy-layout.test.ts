import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pino from 'pino';
import { openCore } from '../../src/main/core';
import { findLegacyJobs } from '../../src/queue/legacy-layout';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

/*
 * The key layout changed (hash tags, ADR 19): jobs an installation left in the old layout are
 * never delivered by this release. Start-up counts them and says so at ERROR, naming the queues.
 */
const redis = new Redis(process.env.REDIS_URL as string);
const prefix = testPrefix('legacy-layout');

beforeAll(async () => {
  await redis.rpush(`${prefix}:q:thue:wait`, 'thue.a', 'thue.b');
  await redis.zadd(`${prefix}:q:thue:delayed`, 1, 'thue.c');
  await redis.zadd(`${prefix}:q:bhxh:failed`, 1, 'bhxh.d');
  // This release's keys for the same queue: not legacy.
  await redis.rpush(`${prefix}:q:{dat-dai}:dat-dai:wait`, 'dat-dai.e');
});

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

test('jobs waiting, delayed and failed under the old layout are counted per queue; the new layout is not mistaken for them', async () => {
  expect(await findLegacyJobs(redis, prefix, ['thue', 'bhxh', 'dat-dai', 'vneid'])).toEqual([
    { queue: 'thue', unfinished: 3, failed: 0 },
    { queue: 'bhxh', unfinished: 0, failed: 1 },
  ]);
});

test('a gateway starting over them logs an error naming the counts and the queues', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const core = await openCore({
    env: { ...process.env, LGSP_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' },
    logger: pino({ level: 'info' }, sink),
  });
  try {
    const errors = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);
    const legacy = errors.find((e) => e.msg.includes('key layout of the previous release'));
    expect(legacy?.msg).toContain('3 unfinished job(s) and 1 dead letter(s)');
    expect(legacy?.msg).toContain(`${prefix}:q:thue: 3 + 0`);
  } finally {
    await core.close();
  }
});
