import type { RedisClient } from '../infra/redis-connection';

/**
 * Jobs left under the key layout before hash tags (ADR 19): `<prefix>:q:<queue>:<suffix>` with no
 * `{…}`. This release's queues are `<prefix>:q:{<queue>}:<queue>:…`, so such jobs are never
 * delivered by it; an installation upgraded without draining its queues first must be told,
 * loudly, at start.
 */
export interface LegacyQueueJobs {
  queue: string;
  /** Waiting, paused, active, delayed or prioritized: acknowledged requests not yet delivered. */
  unfinished: number;
  /** Dead letters (failed), which could have been replayed. */
  failed: number;
}

const UNFINISHED_LISTS = ['wait', 'paused', 'active'] as const;
const UNFINISHED_SETS = ['delayed', 'prioritized', 'waiting-children'] as const;

/** The pre-tag base of a queue's keys. */
export const legacyQueueKey = (keyPrefix: string, queue: string): string => `${keyPrefix}:q:${queue}`;

/** Counts the jobs each queue still holds under the old layout; queues holding none are left out. */
export async function findLegacyJobs(redis: RedisClient, keyPrefix: string, queues: readonly string[]): Promise<LegacyQueueJobs[]> {
  const found = await Promise.all(
    queues.map(async (queue) => {
      const base = legacyQueueKey(keyPrefix, queue);
      // One key per command: on a cluster each of these keys has a slot of its own.
      const lists = await Promise.all(UNFINISHED_LISTS.map((s) => redis.llen(`${base}:${s}`)));
      const sets = await Promise.all([...UNFINISHED_SETS, 'failed'].map((s) => redis.zcard(`${base}:${s}`)));
      const failed = sets.pop() ?? 0;
      const unfinished = [...lists, ...sets].reduce((a, b) => a + b, 0);
      return { queue, unfinished, failed };
    }),
  );
  return found.filter((q) => q.unfinished > 0 || q.failed > 0);
}

/** The start-up error for what findLegacyJobs found. */
export function describeLegacyJobs(keyPrefix: string, found: readonly LegacyQueueJobs[]): string {
  const unfinished = found.reduce((a, q) => a + q.unfinished, 0);
  const failed = found.reduce((a, q) => a + q.failed, 0);
  return (
    `${unfinished} unfinished job(s) and ${failed} dead letter(s) are in the key layout of the previous release ` +
    `(${found.map((q) => `${legacyQueueKey(keyPrefix, q.queue)}: ${q.unfinished} + ${q.failed}`).join(', ')}); ` +
    'this release does not deliver them. Drain them with the previous release (CHANGELOG, "Key layout changed") before upgrading.'
  );
}
