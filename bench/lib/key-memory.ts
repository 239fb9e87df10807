import type { Redis } from 'ioredis';
import { connectionLogKey, queueKey } from '../../src/infra/redis-keys';

/** Names of the keys BullMQ keeps per queue (beside one hash per job and its lock or logs). */
const QUEUE_KEYS = new Set([
  'wait',
  'paused',
  'active',
  'delayed',
  'prioritized',
  'completed',
  'failed',
  'stalled',
  'stalled-check',
  'limiter',
  'id',
  'meta',
  'events',
  'marker',
  'pc',
  'metrics',
  'de',
  'repeat',
  'outbox',
]);

/**
 * What a key under a gateway prefix is: `<queue> job hashes` (one per job), `<queue> job <suffix>`
 * (a job's lock or logs), `<queue>:<name>` for BullMQ's own keys, `<queue> connection log` (the
 * stream and its chain head), otherwise the key without its prefix.
 */
export function keyKind(prefix: string, queues: readonly string[], key: string): string {
  for (const queue of queues) {
    const base = `${queueKey(prefix, queue)}:`;
    if (key.startsWith(base)) {
      const [first = '', ...tail] = key.slice(base.length).split(':');
      if (QUEUE_KEYS.has(first)) return `${queue}:${first}`;
      return tail.length > 0 ? `${queue} job ${tail.join(':')}` : `${queue} job hashes`;
    }
    if (key.startsWith(connectionLogKey(prefix, queue))) return `${queue} connection log`;
  }
  return key.slice(prefix.length + 1);
}

export interface KindBytes {
  kind: string;
  keys: number;
  bytes: number;
}

/** MEMORY USAGE summed over every key of a prefix, grouped by keyKind of `queues`; largest first. */
export async function memoryByKind(redis: Redis, prefix: string, queues: readonly string[]): Promise<KindBytes[]> {
  const groups = new Map<string, KindBytes>();
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    const sizes = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const kind = keyKind(prefix, queues, key);
      const group = groups.get(kind) ?? { kind, keys: 0, bytes: 0 };
      group.keys += 1;
      group.bytes += Number(sizes[i]?.[1] ?? 0);
      groups.set(kind, group);
    });
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes);
}
