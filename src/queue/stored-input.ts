import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../infra/redis-connection';
import { storedInputKey, storedInputPartKey } from '../infra/redis-keys';

/**
 * Large job inputs are kept beside their job, not inside it (a claim check): BullMQ writes a
 * job's data as one JSON string, so a 20 MiB document sealed inline costs a 27 MiB base64 string
 * that is stringified, packed and copied in single calls on the submitter's event loop, and read
 * back whole by every status poll. Beside the job it is sealed in slices into bytes, written as
 * one binary value, and read only by the worker that delivers it.
 *
 * The key (storedInputKey) sits under the job's own key, so it shares the queue's prefix (and, on
 * a cluster, its hash tag). It has no expiry while the job may still run; a delivered job's input
 * is deleted; a dead letter's expires some time after the job would be trimmed, and a replay
 * keeps it again.
 */

/** A dead letter's input outlives the job's own retention by this much, so a replay near the end still finds it. */
export const DEAD_LETTER_INPUT_GRACE_SECONDS = 24 * 3600;

/** Written a piece per command: one 20 MiB command holds the submitter's event loop while ioredis frames and writes it. */
const PIECE_BYTES = 1024 * 1024;
/** A write cut short (the process died) leaves its part key, which goes after this. */
const PART_TTL_SECONDS = 3600;

export class StoredInputs {
  constructor(private readonly redis: RedisClient) {}

  /**
   * Writes the bytes a piece at a time into a part key of this write's own, then renames it into
   * place with its expiry removed, in one transaction: two submits of one idempotent request
   * never interleave their pieces, and a reader sees the whole value or nothing.
   */
  async put(jobKey: string, sealed: Buffer): Promise<void> {
    const key = storedInputKey(jobKey);
    if (sealed.length <= PIECE_BYTES) {
      await this.redis.set(key, sealed);
      return;
    }
    const part = storedInputPartKey(jobKey, randomBytes(6).toString('hex'));
    try {
      await this.redis.set(part, sealed.subarray(0, PIECE_BYTES), 'EX', PART_TTL_SECONDS);
      for (let at = PIECE_BYTES; at < sealed.length; at += PIECE_BYTES)
        await this.redis.append(part, sealed.subarray(at, at + PIECE_BYTES));
      const results = await this.redis.multi().persist(part).rename(part, key).exec();
      const failed = results?.find(([err]) => err);
      if (!results || failed) throw failed?.[0] ?? new Error('the stored input could not be put in place');
    } catch (err) {
      await this.redis.unlink(part).catch(() => undefined);
      throw err;
    }
  }

  /** The sealed bytes, or null when the input is gone (expired dead letter, removed by hand). */
  get(jobKey: string): Promise<Buffer | null> {
    return this.redis.getBuffer(storedInputKey(jobKey));
  }

  /** Replaces the bytes only if the key still exists, keeping its expiry (a re-seal must not revive a deleted input). */
  async replace(jobKey: string, sealed: Buffer): Promise<boolean> {
    return (await this.redis.set(storedInputKey(jobKey), sealed, 'KEEPTTL', 'XX')) === 'OK';
  }

  async drop(jobKey: string): Promise<void> {
    await this.redis.unlink(storedInputKey(jobKey));
  }

  async expireIn(jobKey: string, seconds: number): Promise<void> {
    await this.redis.expire(storedInputKey(jobKey), seconds);
  }

  async keep(jobKey: string): Promise<void> {
    await this.redis.persist(storedInputKey(jobKey));
  }
}
