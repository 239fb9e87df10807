import { randomBytes } from 'node:crypto';
import { dataNodes, type RedisClient } from './redis-connection';

/**
 * Key prefixes made for one test, bench run or scenario stack, so each can share a Redis (even
 * a developer's) without touching anyone else's keys. Only these may be wiped wholesale.
 */
export const THROWAWAY_PREFIX_ROOTS = { test: 'lgsp-test-', bench: 'lgsp-bench-', scenario: 'lgsp-scenario-' } as const;
export type ThrowawayKind = keyof typeof THROWAWAY_PREFIX_ROOTS;

/** A fresh prefix of a kind, named after `name`; only [a-z0-9-], so it is safe in globs, job ids and config. */
export function throwawayPrefix(kind: ThrowawayKind, name: string): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || kind;
  return `${THROWAWAY_PREFIX_ROOTS[kind]}${slug}-${randomBytes(6).toString('hex')}`;
}

/**
 * Removes every key under `prefix` (`<prefix>:*`, SCAN + UNLINK, never FLUSHALL: the Redis may
 * be shared). Refuses any prefix that is not a throwaway one, so a slip cannot wipe real data.
 * @returns how many keys were removed
 */
export async function deletePrefixKeys(redis: RedisClient, prefix: string): Promise<number> {
  const roots = Object.values(THROWAWAY_PREFIX_ROOTS);
  if (!/^[a-z0-9-]+$/.test(prefix) || !roots.some((root) => prefix.startsWith(root) && prefix.length > root.length)) {
    throw new Error(
      `deletePrefixKeys refuses prefix ${JSON.stringify(prefix)}: only a throwaway prefix (${roots.join(', ')}…) may be wiped`,
    );
  }
  let deleted = 0;
  // Per data node, and one key per UNLINK: on a cluster the keys of one page sit on many slots.
  for (const node of dataNodes(redis)) {
    for await (const keys of node.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length === 0) continue;
      const pipeline = node.pipeline();
      for (const key of keys) pipeline.unlink(key);
      for (const [err, n] of (await pipeline.exec()) ?? []) if (!err) deleted += Number(n);
    }
  }
  return deleted;
}
