import { ensureRedis, type RedisHandle } from '../../src/infra/ensure-redis';

/** Where global-setup leaves the handle for global-teardown (both run in Jest's main process). */
export const REDIS_HANDLE_KEY = '__lgspTestRedis';

export type GlobalWithRedis = typeof globalThis & { [REDIS_HANDLE_KEY]?: RedisHandle };

/** Finds or starts a Redis once for the whole run; workers inherit REDIS_URL from this process. */
export default async function globalSetup(): Promise<void> {
  const redis = await ensureRedis({ log: (msg) => process.stderr.write(`[test redis] ${msg}\n`) });
  process.env.REDIS_URL = redis.url;
  (globalThis as GlobalWithRedis)[REDIS_HANDLE_KEY] = redis;
}
