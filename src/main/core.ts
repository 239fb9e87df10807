import { checkRedisPolicy } from '../infra/ensure-redis';
import { CALLBACK_QUEUE } from '../infra/redis-keys';
import { describeLegacyJobs, findLegacyJobs } from '../queue/legacy-layout';
import { composeCore, type ComposeOptions, type GatewayCore } from './compose-gateway';

/**
 * Composes the core and waits (bounded) for Redis, as every entry point does before roles
 * attach. A Redis that does not answer yet is a warning, not a refusal: sync calls work
 * without it. An evicting Redis is an error in the log: it silently drops queued requests, and
 * so are jobs left in the key layout of the previous release: this one never delivers them.
 */
export async function openCore(options: ComposeOptions = {}): Promise<GatewayCore> {
  const core = composeCore(options);
  if (!(await core.redisReady())) {
    core.logger.warn('Redis does not answer yet: sync calls work, async calls answer 503 until it does');
    return core;
  }
  const policy = await checkRedisPolicy(core.redis).catch(() => ({ ok: true, policy: 'unknown' }));
  if (!policy.ok)
    core.logger.error(
      { policy: policy.policy },
      'Redis maxmemory-policy is not noeviction: queued requests can be lost; set maxmemory-policy noeviction',
    );
  const { keyPrefix } = core.config.settings.redis;
  const queues = [...core.catalog.listConnections().map((c) => c.id), CALLBACK_QUEUE];
  const legacy = await findLegacyJobs(core.redis, keyPrefix, queues).catch(() => []);
  if (legacy.length > 0) core.logger.error({ legacyJobs: legacy }, describeLegacyJobs(keyPrefix, legacy));
  return core;
}
