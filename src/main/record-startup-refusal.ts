import pino from 'pino';
import { RedisAuditSink } from '../audit/redis-audit-sink';
import type { ProductionSecretsError } from '../config/config-error';
import { connectRedis, redisTarget } from '../infra/redis-connection';

/** The longest a refusing process waits for Redis before it exits anyway. */
export const REFUSAL_AUDIT_BUDGET_MS = 1000;

function within<T>(ms: number, work: Promise<T>): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Puts `startup.refused` on the audit trail if Redis answers at once. The refusal is already
 * printed and never waits more than REFUSAL_AUDIT_BUDGET_MS for this; nothing is recorded when
 * the audit key itself was refused (`err.audit` absent). Names the settings, never their values.
 * @returns whether the record was stored
 */
export async function recordStartupRefusal(err: ProductionSecretsError, role: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const target = err.audit;
  if (!target) return false;
  const redis = connectRedis(redisTarget(target.redis), 'tool', {
    lazyConnect: true,
    connectTimeout: REFUSAL_AUDIT_BUDGET_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    disconnectTimeout: 100,
  });
  redis.on('error', () => undefined); // an unreachable Redis is expected here: the refusal stands either way
  // The refusal is already on stderr: the sink's own log line would repeat it.
  const sink = new RedisAuditSink(redis, pino({ level: 'silent' }), {
    keyPrefix: target.keyPrefix,
    keys: target.keys,
    retentionDays: target.retentionDays,
    maxBuffered: 1,
  });
  try {
    const stored = await within(
      REFUSAL_AUDIT_BUDGET_MS,
      (async () => {
        await redis.connect();
        sink.record({
          action: 'startup.refused',
          actor: null,
          source: env['HOSTNAME'] ?? null,
          target: role,
          detail: { reason: 'production mode: development or short secrets', settings: err.settings },
        });
        await sink.flush();
        return sink.pending === 0;
      })(),
    );
    return stored === true;
  } catch {
    return false;
  } finally {
    // Disconnect first: a record still buffered then fails fast, and close() leaves no retry timer behind.
    redis.disconnect();
    await sink.close().catch(() => undefined);
  }
}
