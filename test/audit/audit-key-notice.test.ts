import { Redis } from 'ioredis';
import type { AuditEvent } from '../../src/audit/audit-event';
import { noticeAuditKey } from '../../src/audit/audit-key-notice';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
const prefix = testPrefix('audit-key-notice');

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

test('a process starting with a new audit key records the rotation once; the first start and restarts record nothing', async () => {
  const recorded: AuditEvent[] = [];
  const audit = { record: (e: AuditEvent) => void recorded.push(e) };
  expect(await noticeAuditKey(redis, prefix, 'a1', audit)).toBe(false);
  expect(await noticeAuditKey(redis, prefix, 'a1', audit)).toBe(false);
  expect(await noticeAuditKey(redis, prefix, 'a2', audit)).toBe(true);
  expect(await noticeAuditKey(redis, prefix, 'a2', audit)).toBe(false);
  expect(recorded).toEqual([{ action: 'key.rotated', actor: null, target: 'audit.keys', detail: { from: 'a1', to: 'a2' } }]);
});
