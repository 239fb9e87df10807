import { REDIS_HANDLE_KEY, type GlobalWithRedis } from './global-setup';

/** Stops the private redis-server, if global-setup started one; a shared Redis is left alone. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as GlobalWithRedis;
  const redis = holder[REDIS_HANDLE_KEY];
  delete holder[REDIS_HANDLE_KEY];
  await redis?.stop();
}
