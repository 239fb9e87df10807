import type { RedisClient } from '../infra/redis-connection';
import { auditKeyIdKey } from '../infra/redis-keys';
import type { AuditSink } from './audit-event';

/**
 * Records `key.rotated` when this process signs the audit trail with another key than the
 * processes before it did. The first process to start with the new key records it, once.
 * @returns whether a rotation was recorded
 */
export async function noticeAuditKey(redis: RedisClient, keyPrefix: string, activeKeyId: string, audit: AuditSink): Promise<boolean> {
  const previous = await redis.getset(auditKeyIdKey(keyPrefix), activeKeyId);
  if (previous === null || previous === activeKeyId) return false;
  audit.record({ action: 'key.rotated', actor: null, target: 'audit.keys', detail: { from: previous, to: activeKeyId } });
  return true;
}
