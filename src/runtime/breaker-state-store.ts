import type { RedisClient } from '../infra/redis-connection';
import type { Logger } from 'pino';
import { breakerHistoryKey, breakerStateKey } from '../infra/redis-keys';
import type { BreakerState, BreakerTransition } from './circuit-breakers';

const KEEP = 20;

/**
 * Breakers live in each process; their transitions are published to Redis so the operators'
 * view shows every gateway and worker process, not just the one serving the page.
 */
export class BreakerStateStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  publish(serviceId: string, t: BreakerTransition): void {
    const entry = JSON.stringify({ ...t, pid: process.pid });
    this.redis
      .multi()
      .hset(breakerStateKey(this.prefix, serviceId), 'state', t.state, 'at', t.at)
      .lpush(breakerHistoryKey(this.prefix, serviceId), entry)
      .ltrim(breakerHistoryKey(this.prefix, serviceId), 0, KEEP - 1)
      .exec()
      .catch((err: Error) => this.logger.warn({ serviceId, err }, 'breaker state not published'));
  }

  async read(serviceId: string): Promise<{ state: BreakerState; since: string | null; transitions: BreakerTransition[] }> {
    const [current, history] = await Promise.all([
      this.redis.hgetall(breakerStateKey(this.prefix, serviceId)),
      this.redis.lrange(breakerHistoryKey(this.prefix, serviceId), 0, KEEP - 1),
    ]);
    const state = (current['state'] as BreakerState | undefined) ?? 'closed';
    return { state, since: current['at'] ?? null, transitions: history.map((h) => JSON.parse(h) as BreakerTransition) };
  }
}
