import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const TEST_PREFIX_ROOT = 'lgsp-test-';

/**
 * A fresh BullMQ key prefix per test, so tests can share one Redis (even a developer's)
 * without seeing each other's queues. Only [a-z0-9-], so it is also safe in globs and job ids.
 */
export function testPrefix(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'test';
  return `${TEST_PREFIX_ROOT}${slug}-${randomBytes(6).toString('hex')}`;
}

/**
 * Removes every key starting with `prefix` (SCAN + UNLINK, never FLUSHALL: the Redis may be
 * shared). Refuses prefixes that testPrefix() did not make, so a typo cannot wipe real data.
 * @returns how many keys were removed
 */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  if (!prefix.startsWith(TEST_PREFIX_ROOT) || prefix.length <= TEST_PREFIX_ROOT.length) {
    throw new Error(`deleteKeys refuses prefix ${JSON.stringify(prefix)}: use one made by testPrefix()`);
  }
  let deleted = 0;
  const stream = redis.scanStream({ match: `${escapeGlob(prefix)}*`, count: 500 });
  for await (const keys of stream as AsyncIterable<string[]>) {
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  }
  return deleted;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
