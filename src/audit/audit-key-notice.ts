import type { Redis } from 'ioredis';
import type { AuditSink } from './audit-event';

/** The id of the audit key that signed last, shared by every process on this Redis. */
export const auditKeyIdKey = (keyPrefix: string): string => `${keyPrefix}:audit:key-id`;

/**
 * Records `key.rotated` when this process signs the audit trail with another key than the
 * processes before it did. The first process to start with the new key records it, once.
 * @returns whether a rotation was recorded
 */
export async function noticeAuditKey(redis: Redis, keyPrefix: string, activeKeyId: string, audit: AuditSink): Promise<boolean> {
  const previous = await redis.getset(auditKeyIdKey(keyPrefix), activeKeyId);
  if (previous === null || previous === activeKeyId) return false;
  audit.record({ action: 'key.rotated', actor: null, target: 'audit.keys', detail: { from: previous, to: activeKeyId } });
  return true;
}
