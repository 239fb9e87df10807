import type { RedisClient } from '../infra/redis-connection';
import type { QuotaSettings } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';
import { quotaKeys } from '../infra/redis-keys';
import { QuotaExceededError, type QuotaLimit } from './quota-exceeded-error';
import { RELEASE_JOB, RESERVE_SUBMIT, TAKE_TOKEN } from './quota-scripts';

/** How soon to try again after a cap on what is queued: jobs end in seconds, not milliseconds. */
const QUEUED_RETRY_AFTER_S = 10;

type ScriptRedis = RedisClient & {
  lgspQuotaTake(bucket: string, rate: number, burst: number): Promise<[number, number]>;
  lgspQuotaReserve(...args: Array<string | number>): Promise<[string, number?]>;
  lgspQuotaRelease(jobs: string, idem: string, jobId: string, usePrefix: string, forget: string): Promise<number>;
};

/** One async submit as the ledger sees it. */
export interface SubmitCharge {
  consumer: string;
  serviceId: string;
  jobId: string;
  bytes: number;
  /** HMAC of the body when the caller gave an Idempotency-Key. */
  digest?: string;
}

/** A consumer's current use beside its quotas (the dashboard's view). */
export interface QuotaUse {
  consumer: string;
  quotas: QuotaSettings;
  waitingJobs: Record<string, number>;
  bytesQueued: number;
  syncTokens: number;
  asyncTokens: number;
}

/**
 * The per-consumer quotas, kept in Redis so every gateway process shares them: token buckets
 * for sync calls and async submits, and counters of unfinished jobs and their bytes, charged
 * on submit and given back when a job ends (`release`).
 */
export class QuotaLedger {
  private readonly keys: ReturnType<typeof quotaKeys>;
  private readonly redis: ScriptRedis;

  constructor(
    redis: RedisClient,
    keyPrefix: string,
    private readonly quotasOf: (consumer: string) => QuotaSettings | undefined,
    private readonly options: { idempotencyTtlSeconds: number; onRefused?: (consumer: string, limit: QuotaLimit) => void },
  ) {
    this.keys = quotaKeys(keyPrefix);
    this.redis = redis as ScriptRedis;
    if (!('lgspQuotaTake' in redis)) {
      redis.defineCommand('lgspQuotaTake', { numberOfKeys: 1, lua: TAKE_TOKEN });
      redis.defineCommand('lgspQuotaReserve', { numberOfKeys: 4, lua: RESERVE_SUBMIT });
      redis.defineCommand('lgspQuotaRelease', { numberOfKeys: 2, lua: RELEASE_JOB });
    }
  }

  /** Spends one sync token of the consumer, or refuses with 429 naming `sync-rate`. */
  async takeSync(consumer: string): Promise<void> {
    const q = this.quotasOf(consumer);
    if (!q) return;
    // Sync calls keep working while Redis is away (README): an unreadable quota lets the call through.
    const [taken, waitMs] = await this.redis
      .lgspQuotaTake(this.keys.bucket(consumer, 'sync'), q.syncPerSecond, q.syncBurst)
      .catch((): [number, number] => [1, 0]);
    if (taken !== 1)
      this.refuse(
        consumer,
        'sync-rate',
        `Quota sync-rate exceeded: at most ${q.syncPerSecond} sync calls/s (burst ${q.syncBurst}) for '${consumer}'`,
        waitMs,
      );
  }

  /** Charges an async submit: `new` (charged), `same` (an identical idempotent repeat); refuses over a quota, 422 on a key reused with another body. */
  async reserve(c: SubmitCharge): Promise<'new' | 'same'> {
    const q = this.quotasOf(c.consumer);
    if (!q) return 'new';
    const k = this.keys;
    const [outcome, n = 0] = await this.redis
      .lgspQuotaReserve(
        k.bucket(c.consumer, 'async'),
        k.use(c.consumer),
        k.jobs(),
        k.idempotency(c.jobId),
        q.asyncPerSecond,
        q.asyncBurst,
        q.waitingJobsPerConnection,
        q.bytesQueued,
        c.serviceId,
        c.jobId,
        c.bytes,
        c.digest ?? '',
        this.options.idempotencyTtlSeconds,
        c.consumer,
      )
      .catch(unavailable);
    switch (outcome) {
      case 'ok':
        return 'new';
      case 'same':
        return 'same';
      case 'mismatch':
        throw new GatewayError(
          'Client.IdempotencyKeyMismatch',
          'This Idempotency-Key was already used by this caller for this operation with a different body; use a new key for a new request',
        );
      case 'rate':
        return this.refuse(
          c.consumer,
          'async-rate',
          `Quota async-rate exceeded: at most ${q.asyncPerSecond} async submissions/s (burst ${q.asyncBurst}) for '${c.consumer}'`,
          n,
        );
      case 'waiting':
        return this.refuse(
          c.consumer,
          'waiting-jobs',
          `Quota waiting-jobs exceeded: '${c.consumer}' already has ${n} unfinished jobs on '${c.serviceId}' (at most ${q.waitingJobsPerConnection})`,
          QUEUED_RETRY_AFTER_S * 1000,
        );
      default:
        return this.refuse(
          c.consumer,
          'bytes-queued',
          `Quota bytes-queued exceeded: '${c.consumer}' has ${n} bytes in unfinished jobs; this one (${c.bytes} bytes) would pass ${q.bytesQueued}`,
          QUEUED_RETRY_AFTER_S * 1000,
        );
    }
  }

  /** A job ended for good: gives back its charge (at most once, whoever calls). */
  async release(jobId: string): Promise<void> {
    await this.redis.lgspQuotaRelease(this.keys.jobs(), this.keys.idempotency(jobId), jobId, this.keys.usePrefix(), '0');
  }

  /** The add that followed a charge failed: gives the charge back and forgets the idempotency record. */
  async undo(jobId: string): Promise<void> {
    await this.redis.lgspQuotaRelease(this.keys.jobs(), this.keys.idempotency(jobId), jobId, this.keys.usePrefix(), '1');
  }

  /** Current use of the listed consumers (one pipeline). */
  async usage(consumers: readonly string[]): Promise<QuotaUse[]> {
    const pipeline = this.redis.pipeline();
    for (const id of consumers) {
      pipeline.hgetall(this.keys.use(id));
      pipeline.hget(this.keys.bucket(id, 'sync'), 'tokens');
      pipeline.hget(this.keys.bucket(id, 'async'), 'tokens');
    }
    const rows = (await pipeline.exec()) ?? [];
    return consumers.flatMap((consumer, i) => {
      const quotas = this.quotasOf(consumer);
      if (!quotas) return [];
      const use = (rows[i * 3]?.[1] ?? {}) as Record<string, string>;
      const tokens = (row: number, burst: number): number => Math.floor(Number(rows[row]?.[1] ?? burst));
      const waitingJobs = Object.fromEntries(
        Object.entries(use).flatMap(([f, v]) => (f.startsWith('w:') && Number(v) > 0 ? [[f.slice(2), Number(v)]] : [])),
      );
      return [
        {
          consumer,
          quotas,
          waitingJobs,
          bytesQueued: Number(use['bytes'] ?? 0),
          syncTokens: tokens(i * 3 + 1, quotas.syncBurst),
          asyncTokens: tokens(i * 3 + 2, quotas.asyncBurst),
        },
      ];
    });
  }

  private refuse(consumer: string, limit: QuotaLimit, message: string, waitMs: number): never {
    this.options.onRefused?.(consumer, limit);
    throw new QuotaExceededError(limit, message, Math.max(1, Math.ceil(waitMs / 1000)));
  }
}

/** Redis away: a quota that cannot be read refuses like the queue does, typed and retryable. */
function unavailable(err: unknown): never {
  throw new GatewayError('Server.Gateway.QueueUnavailable', 'The quota store is not reachable now; try again later', {
    cause: err,
    retryAfterSeconds: 5,
  });
}
