import type { Logger } from 'pino';
import { revocationsChannel, revocationsKey, revokedTokensChannel, revokedTokensKey } from '../infra/redis-keys';
import { duplicateClient, type RedisClient } from '../infra/redis-connection';
import { briefly } from '../util/log-error';

/**
 * Keeps the later of the stored and the given time, so a process with a slow clock never lowers
 * it. The channel is an argument, not a key: on a cluster a channel has no slot.
 */
const REVOKE_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local given = tonumber(ARGV[2])
if given > current then current = given end
redis.call('HSET', KEYS[1], ARGV[1], current)
redis.call('PUBLISH', ARGV[3], ARGV[1] .. ' ' .. current)
return current
`;

export interface RevocationStoreOptions {
  keyPrefix: string;
  /** How often the whole hash is re-read, in case an announcement was missed. */
  refreshMs: number;
  clock?: () => number;
}

/**
 * Per-consumer revocation epochs, shared by every gateway process through Redis. The request
 * path reads them from memory only (`revokedAtMs`); they are kept fresh by a pub/sub
 * subscription (a revocation reaches connected processes within milliseconds) and by a full
 * re-read every `refreshMs` and whenever the subscription reconnects (the bound for a process
 * that missed the announcement). While Redis is away a process keeps the epochs it knew.
 */
export class RevocationStore {
  private readonly epochs = new Map<string, number>();
  /** jti → expiry (ms) of single revoked tokens; forgotten once the token would have expired anyway. */
  private readonly tokens = new Map<string, number>();
  private readonly subscriber: RedisClient;
  private readonly timer: NodeJS.Timeout;
  private readonly clock: () => number;
  private readonly subscribed: Promise<boolean>;
  private closed = false;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: RevocationStoreOptions,
    private readonly logger: Logger,
  ) {
    this.clock = options.clock ?? Date.now;
    // A subscribed connection can run nothing else: it gets its own, which queues commands until connected.
    this.subscriber = duplicateClient(redis, { enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', (err) => logger.debug(briefly(err), 'revocation subscription error'));
    this.subscriber.on('message', (channel: string, message: string) => this.onAnnouncement(channel, message));
    this.subscriber.on('ready', () => void this.refresh());
    // Read everything once the subscription stands, so no revocation falls between the two.
    this.subscribed = this.subscriber.subscribe(revocationsChannel(options.keyPrefix), revokedTokensChannel(options.keyPrefix)).then(
      () => this.refresh(),
      () => false,
    );
    this.timer = setInterval(() => void this.refresh(), options.refreshMs);
    this.timer.unref();
  }

  /** Resolves true once announcements are received and the epochs were read, false after `timeoutMs`. */
  async ready(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.subscribed, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** When the consumer's tokens were last revoked (ms), from memory; undefined if never. */
  revokedAtMs(consumerId: string): number | undefined {
    return this.epochs.get(consumerId);
  }

  /** Revokes every token of the consumer issued until now; returns the stored epoch (ms). */
  async revoke(consumerId: string): Promise<number> {
    const { keyPrefix } = this.options;
    const stored = Number(
      await this.redis.eval(REVOKE_SCRIPT, 1, revocationsKey(keyPrefix), consumerId, String(this.clock()), revocationsChannel(keyPrefix)),
    );
    this.remember(consumerId, stored);
    return stored;
  }

  /** True when this one token was ended early (logout), from memory. */
  tokenRevoked(jti: string): boolean {
    return this.tokens.has(jti);
  }

  /** Ends one token (by its `jti`) before its expiry, on every process. */
  async revokeToken(jti: string, expiresAtMs: number): Promise<void> {
    const { keyPrefix } = this.options;
    await this.redis
      .multi()
      .zadd(revokedTokensKey(keyPrefix), expiresAtMs, jti)
      .publish(revokedTokensChannel(keyPrefix), `${jti} ${expiresAtMs}`)
      .exec();
    this.rememberToken(jti, expiresAtMs);
  }

  /** Re-reads every epoch; a failure keeps what was known (Redis away must not stop sync calls). */
  async refresh(): Promise<boolean> {
    if (this.closed) return false;
    try {
      const { keyPrefix } = this.options;
      const now = this.clock();
      const all = await this.redis.hgetall(revocationsKey(keyPrefix));
      for (const [id, value] of Object.entries(all)) this.remember(id, Number(value));
      // Expired tokens are refused by their `exp` anyway: drop them here and in Redis.
      for (const [jti, exp] of this.tokens) if (exp <= now) this.tokens.delete(jti);
      const [, live] = await Promise.all([
        this.redis.zremrangebyscore(revokedTokensKey(keyPrefix), '-inf', now),
        this.redis.zrangebyscore(revokedTokensKey(keyPrefix), now, '+inf', 'WITHSCORES'),
      ]);
      for (let i = 0; i + 1 < live.length; i += 2) this.rememberToken(live[i]!, Number(live[i + 1]));
      return true;
    } catch (err) {
      this.logger.debug(briefly(err), 'revocation refresh failed; keeping the known epochs');
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.subscriber.disconnect();
  }

  private onAnnouncement(channel: string, message: string): void {
    const [id, value] = message.split(' ');
    if (!id || !value) return;
    if (channel === revokedTokensChannel(this.options.keyPrefix)) this.rememberToken(id, Number(value));
    else this.remember(id, Number(value));
  }

  private rememberToken(jti: string, expiresAtMs: number): void {
    if (Number.isFinite(expiresAtMs) && expiresAtMs > this.clock()) this.tokens.set(jti, expiresAtMs);
  }

  private remember(consumerId: string, epochMs: number): void {
    if (!Number.isFinite(epochMs)) return;
    if (epochMs > (this.epochs.get(consumerId) ?? 0)) this.epochs.set(consumerId, epochMs);
  }
}
