import { Redis } from 'ioredis';
import type { AuditEvent } from '../../src/audit/audit-event';
import { noticeConsumerCredentials } from '../../src/auth/consumer-credential-notice';
import { consumerCredentialsKey } from '../../src/infra/redis-keys';
import { deleteKeys, testPrefix } from '../support/redis-prefix';

const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
const prefix = testPrefix('consumer-credential-notice');

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

const HASH_1 = 'scrypt$16384$8$1$c2FsdC1vbmU=$aGFzaC1vbmUtYWFhYWFhYWFhYWFhYWFhYWFhYWE=';
const HASH_2 = 'scrypt$16384$8$1$c2FsdC10d28=$aGFzaC10d28tYmJiYmJiYmJiYmJiYmJiYmJiYmI=';
const KEY_A = 'callback-key-a-0123456789abcdef0123456789';
const KEY_B = 'callback-key-b-0123456789abcdef0123456789';

test('each changed consumer credential is recorded once as key.rotated, naming the consumer and the credential', async () => {
  const events: AuditEvent[] = [];
  const audit = { record: (e: AuditEvent) => void events.push(e) };
  const start = (consumers: Parameters<typeof noticeConsumerCredentials>[2]) => noticeConsumerCredentials(redis, prefix, consumers, audit);
  const other = { id: 'qlvb', secretHash: HASH_1, callbackSigningKey: KEY_A };

  // First sight of a consumer is not a rotation; a restart with the same config records nothing.
  expect(await start([{ id: 'mot-cua', secretHash: HASH_1, callbackSigningKeys: [{ id: 'k1', key: KEY_A }] }, other])).toBe(0);
  expect(await start([{ id: 'mot-cua', secretHash: HASH_1, callbackSigningKeys: [{ id: 'k1', key: KEY_A }] }, other])).toBe(0);
  expect(events).toEqual([]);

  // A second key added to the ring: two processes start with it at once, one records it.
  const ring = {
    id: 'mot-cua',
    secretHash: HASH_1,
    callbackSigningKeys: [
      { id: 'k2', key: KEY_B },
      { id: 'k1', key: KEY_A },
    ],
  };
  expect((await Promise.all([start([ring, other]), start([ring, other])])).sort()).toEqual([0, 1]);
  // A key replaced under the same id, a single key replaced, a new client secret.
  expect(
    await start([
      {
        ...ring,
        callbackSigningKeys: [
          { id: 'k2', key: KEY_A },
          { id: 'k1', key: KEY_A },
        ],
      },
      other,
    ]),
  ).toBe(1);
  expect(
    await start([
      {
        ...ring,
        callbackSigningKeys: [
          { id: 'k2', key: KEY_A },
          { id: 'k1', key: KEY_A },
        ],
      },
      { ...other, callbackSigningKey: KEY_B },
    ]),
  ).toBe(1);
  expect(
    await start([
      {
        ...ring,
        secretHash: HASH_2,
        callbackSigningKeys: [
          { id: 'k2', key: KEY_A },
          { id: 'k1', key: KEY_A },
        ],
      },
      { ...other, callbackSigningKey: KEY_B },
    ]),
  ).toBe(1);

  expect(events).toEqual([
    { action: 'key.rotated', actor: null, target: 'mot-cua', detail: { credential: 'callback-keys', from: ['k1'], to: ['k2', 'k1'] } },
    {
      action: 'key.rotated',
      actor: null,
      target: 'mot-cua',
      detail: { credential: 'callback-keys', from: ['k2', 'k1'], to: ['k2', 'k1'] },
    },
    { action: 'key.rotated', actor: null, target: 'qlvb', detail: { credential: 'callback-keys', from: [], to: [] } },
    { action: 'key.rotated', actor: null, target: 'mot-cua', detail: { credential: 'secret-hash' } },
  ]);
});

test('Redis keeps key ids and digests, never a key or a secret hash', async () => {
  const audit = { record: () => undefined };
  await noticeConsumerCredentials(
    redis,
    prefix,
    [{ id: 'mot-cua', secretHash: HASH_2, callbackSigningKeys: [{ id: 'k9', key: KEY_B }] }],
    audit,
  );
  const stored = await redis.hgetall(consumerCredentialsKey(prefix));
  expect(stored['mot-cua:callback-keys']).toMatch(/^k9#[0-9a-f]{32}$/);
  expect(stored['mot-cua:secret-hash']).toMatch(/^#[0-9a-f]{32}$/);
  const text = JSON.stringify(stored);
  for (const secret of [KEY_A, KEY_B, HASH_1, HASH_2, 'aGFzaC']) expect(text).not.toContain(secret);
});
