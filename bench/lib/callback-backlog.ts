import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { CALLBACK_QUEUE, callbackOutboxKey, queuePrefix } from '../../src/infra/redis-keys';

/** Notices the consumers have not taken yet under a key prefix: in the outbox, or on the callback queue to be retried. */
export class CallbackBacklog {
  private readonly queue: Queue;
  private readonly outboxKey: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
  ) {
    this.queue = new Queue(CALLBACK_QUEUE, { connection: redis, prefix: queuePrefix(keyPrefix, CALLBACK_QUEUE) });
    this.outboxKey = callbackOutboxKey(keyPrefix);
  }

  async count(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return (await this.redis.zcard(this.outboxKey)) + Object.values(counts).reduce((a, b) => a + b, 0);
  }

  /** Drops them all, so the next measurement does not send the last one's notices. */
  async drop(): Promise<void> {
    await this.queue.obliterate({ force: true });
    await this.redis.del(this.outboxKey);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
