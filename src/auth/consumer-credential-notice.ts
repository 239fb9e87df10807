import { createHash } from 'node:crypto';
import type { AuditSink } from '../audit/audit-event';
import type { ConsumerConfig } from '../config/schema';
import type { RedisClient } from '../infra/redis-connection';
import { consumerCredentialsKey } from '../infra/redis-keys';

/** The credentials of a consumer whose change is a rotation, named as the hash fields are. */
export type ConsumerCredential = 'callback-keys' | 'secret-hash';

type CredentialFields = Pick<ConsumerConfig, 'id' | 'secretHash' | 'callbackSigningKey' | 'callbackSigningKeys'>;

/**
 * A digest that tells one credential from another without storing it: keys are at least 32
 * characters and the secret hash is an scrypt output, so it does not lead back to either.
 */
const digest = (label: string, parts: readonly string[]): string =>
  createHash('sha256')
    .update(JSON.stringify([label, ...parts]))
    .digest('hex')
    .slice(0, 32);

/** The callback key ids a mark names (a single `callbackSigningKey` has none). */
const keyIdsOf = (mark: string): string[] => {
  const ids = mark.slice(0, mark.lastIndexOf('#'));
  return ids === '' ? [] : ids.split(',');
};

/**
 * What Redis keeps of each credential: `<ids>#<digest>`. The ids say which keys a rotation
 * moved between; the digest also catches a key replaced under the same id, or a single key
 * replaced by another. Never empty, so an empty answer from Redis means "not seen before".
 */
export function credentialMarks(consumer: CredentialFields): Record<ConsumerCredential, string> {
  const ring = consumer.callbackSigningKeys ?? (consumer.callbackSigningKey ? [{ id: '', key: consumer.callbackSigningKey }] : []);
  const ids = ring.map((k) => k.id).filter((id) => id !== '');
  return {
    'callback-keys': `${ids.join(',')}#${digest(
      'callback-keys',
      ring.flatMap((k) => [k.id, k.key]),
    )}`,
    'secret-hash': `#${digest('secret-hash', [consumer.secretHash])}`,
  };
}

/** Stores every mark and answers what each field held before ('' when absent), in one atomic step. */
const SWAP_FIELDS = `
local previous = {}
for i = 1, #ARGV, 2 do
  previous[#previous + 1] = redis.call('HGET', KEYS[1], ARGV[i]) or ''
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
return previous
`;

/**
 * Records `key.rotated` for each consumer credential (callback signing keys, client secret hash)
 * that differs from what the processes before this one started with. The swap is atomic, so of
 * several processes starting with the same change one records it, once. A consumer seen for the
 * first time records nothing: its first credential is not a rotation.
 * @returns the number of rotations recorded
 */
export async function noticeConsumerCredentials(
  redis: RedisClient,
  keyPrefix: string,
  consumers: readonly CredentialFields[],
  audit: AuditSink,
): Promise<number> {
  const fields = consumers.flatMap((c) =>
    Object.entries(credentialMarks(c)).map(([credential, mark]) => ({ consumer: c.id, credential, mark })),
  );
  if (fields.length === 0) return 0;
  const args = fields.flatMap((f) => [`${f.consumer}:${f.credential}`, f.mark]);
  const previous = (await redis.eval(SWAP_FIELDS, 1, consumerCredentialsKey(keyPrefix), ...args)) as string[];
  let recorded = 0;
  fields.forEach((f, i) => {
    const before = previous[i] ?? '';
    if (before === '' || before === f.mark) return;
    const detail =
      f.credential === 'callback-keys'
        ? { credential: f.credential, from: keyIdsOf(before), to: keyIdsOf(f.mark) }
        : { credential: f.credential };
    audit.record({ action: 'key.rotated', actor: null, target: f.consumer, detail });
    recorded += 1;
  });
  return recorded;
}
