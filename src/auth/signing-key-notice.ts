import type { RedisClient } from '../infra/redis-connection';
import type { AuditSink } from '../audit/audit-event';
import { signingKeyIdKey } from '../infra/redis-keys';

/**
 * Records a token key rotation on the audit trail: the first process that starts signing with
 * a new key id (compared with the one stored in Redis) records `key.rotated`; later processes
 * with the same key record nothing (the very first start records the key it began with).
 * Returns whether a rotation was recorded.
 */
export async function noticeSigningKey(redis: RedisClient, keyPrefix: string, activeKeyId: string, audit: AuditSink): Promise<boolean> {
  const previous = await redis.getset(signingKeyIdKey(keyPrefix), activeKeyId);
  if (previous === activeKeyId) return false;
  audit.record({ action: 'key.rotated', actor: null, target: 'auth.signingKeys', detail: { from: previous, to: activeKeyId } });
  return true;
}
