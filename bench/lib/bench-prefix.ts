import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const BENCH_PREFIX_ROOT = 'lgsp-bench-';

/**
 * A fresh Redis key prefix per bench run, so a bench can share a Redis (even a developer's or
 * the test suite's) without touching anyone else's keys. Only [a-z0-9-]: safe in globs.
 */
export function benchPrefix(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  return `${BENCH_PREFIX_ROOT}${slug}-${randomBytes(6).toString('hex')}`;
}

/**
 * Removes every key of a prefix made by benchPrefix() (SCAN + UNLINK, never FLUSHALL: the
 * Redis may be shared). Refuses any other prefix, so a slip cannot wipe real data.
 * @returns how many keys were removed
 */
export async function deleteBenchKeys(redis: Redis, prefix: string): Promise<number> {
  if (!prefix.startsWith(BENCH_PREFIX_ROOT) || !/^[a-z0-9-]+$/.test(prefix)) {
    throw new Error(`deleteBenchKeys refuses prefix ${JSON.stringify(prefix)}: use one made by benchPrefix()`);
  }
  let deleted = 0;
  const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
  for await (const keys of stream as AsyncIterable<string[]>) {
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  }
  return deleted;
}
