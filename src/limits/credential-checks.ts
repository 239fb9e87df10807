import type { RedisClient } from '../infra/redis-connection';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ConsumerRegistry } from '../auth/consumer-registry';
import { VerifiedSecretCache } from '../auth/verified-secret-cache';
import type { ConsumerConfig, GatewaySettings } from '../config/schema';
import { FailureBackoff } from './failure-backoff';
import { LoginThrottle } from './login-throttle';
import { SecretCheckLimiter } from './secret-check-limiter';
import { ThrottleMetrics } from './throttle-metrics';

export interface CredentialChecks {
  consumers: ConsumerRegistry;
  loginThrottle: LoginThrottle;
}

/**
 * The registry with its cap on scrypt checks and its verified-pair cache, and the Redis-shared
 * throttle in front of it, from gateway.yaml's `throttle` section. A new registry (a new config)
 * starts with an empty cache.
 */
export function createCredentialChecks(deps: {
  consumers: readonly ConsumerConfig[];
  settings: GatewaySettings;
  redis: RedisClient;
  logger: Logger;
  registry: Registry;
}): CredentialChecks {
  const { throttle } = deps.settings;
  const consumers = new ConsumerRegistry(deps.consumers, {
    cache: new VerifiedSecretCache({ maxEntries: throttle.verifiedCache.maxEntries, ttlMs: throttle.verifiedCache.ttlSeconds * 1000 }),
    limiter: new SecretCheckLimiter(throttle.secretChecks),
  });
  const backoff = new FailureBackoff(deps.redis, deps.settings.redis.keyPrefix);
  const loginThrottle = new LoginThrottle(
    consumers,
    backoff,
    throttle,
    deps.logger.child({ component: 'login-throttle' }),
    new ThrottleMetrics(deps.registry, consumers),
  );
  return { consumers, loginThrottle };
}
