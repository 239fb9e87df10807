import type { RedisClient } from '../infra/redis-connection';
import type { Logger } from 'pino';
import type { ChainKey } from '../audit/chain-mac';
import { ChainedAppender, type ChainBatch } from '../audit/chained-append';
import { connectionLogHeadKey, connectionLogKey } from '../infra/redis-keys';
import { statsOps } from './connection-stats';
import type { ExchangeRecord } from './exchange-record';

export interface ConnectionLogWriterOptions {
  keyPrefix: string;
  retentionDays: number;
  /** HMAC key ring of the log's chains (the audit key ring): the first key signs. */
  keys: readonly ChainKey[];
  /** Records kept in memory while Redis cannot take them; the oldest go first beyond it. */
  maxBuffered?: number;
  flushIntervalMs?: number;
  batchSize?: number;
}

/** A connection log chain's name inside each MAC. */
export const connectionLogChain = (serviceId: string): string => `log:svc:${serviceId}`;

/**
 * Writes exchange records to Redis streams, one per connection, trimmed by age as it goes.
 * Each stream is a hash chain with an HMAC per record (X-Road's message log), so a deleted or
 * altered record is found by `npm run audit:verify`. Writes are batched off the request path;
 * while Redis is away records wait in a bounded buffer, so a Redis outage never fails or
 * slows a provider call.
 */
export class ConnectionLogWriter {
  private buffer: ExchangeRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private droppedCount = 0;
  private readonly maxBuffered: number;
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly appender: ChainedAppender;

  constructor(
    private readonly redis: RedisClient,
    private readonly log: Logger,
    private readonly options: ConnectionLogWriterOptions,
  ) {
    this.maxBuffered = options.maxBuffered ?? 50_000;
    this.flushIntervalMs = options.flushIntervalMs ?? 20;
    this.batchSize = options.batchSize ?? 500;
    this.appender = new ChainedAppender(redis, options.keys);
  }

  /** Records dropped because the buffer was full while Redis was unavailable. */
  get dropped(): number {
    return this.droppedCount;
  }

  get pending(): number {
    return this.buffer.length;
  }

  write(record: ExchangeRecord): void {
    this.buffer.push(record);
    if (this.buffer.length > this.maxBuffered) {
      this.buffer.shift();
      this.droppedCount += 1;
      if (this.droppedCount % 1000 === 1) this.log.error({ dropped: this.droppedCount }, 'connection log buffer full: records dropped');
    }
    if (!this.timer && !this.flushing) this.timer = setTimeout(() => void this.flush(), this.flushIntervalMs);
  }

  /** Writes what is buffered; resolves when done or when Redis refused (records stay buffered). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushing) return this.flushing;
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
      if (this.buffer.length > 0 && !this.timer) {
        this.timer = setTimeout(() => void this.flush(), this.lastFailed ? 1000 : this.flushIntervalMs);
      }
    });
    return this.flushing;
  }

  private lastFailed = false;

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.batchSize);
      const minId = String(Date.now() - this.options.retentionDays * 86_400_000);
      // One Lua call per connection: its records, chain head and counters land whole or not at
      // all, so a retried batch never writes a record twice, and chains from the head it read.
      // Per connection, because on a Redis Cluster one script only reaches one slot, and each
      // connection's log keys share one ({<connection>}, src/infra/redis-keys.ts).
      const byService = new Map<string, ExchangeRecord[]>();
      for (const r of batch) {
        const records = byService.get(r.serviceId);
        if (records) records.push(r);
        else byService.set(r.serviceId, [r]);
      }
      const failed = new Set<string>();
      let firstError: unknown;
      await Promise.all(
        [...byService].map(async ([serviceId, records]) => {
          try {
            await this.appender.append([this.chainBatch(serviceId, records, minId)], statsOps(this.options.keyPrefix, records));
          } catch (err) {
            failed.add(serviceId);
            firstError ??= err;
          }
        }),
      );
      // What landed leaves the buffer; a connection whose append failed keeps its records, in order.
      this.buffer = [...batch.filter((r) => failed.has(r.serviceId)), ...this.buffer.slice(batch.length)];
      if (failed.size > 0) {
        if (!this.lastFailed)
          this.log.warn({ err: firstError, buffered: this.buffer.length }, 'connection log cannot reach Redis; keeping records in memory');
        this.lastFailed = true;
        return;
      }
      this.lastFailed = false;
    }
  }

  private chainBatch(serviceId: string, records: readonly ExchangeRecord[], minId: string): ChainBatch {
    const { keyPrefix } = this.options;
    return {
      chain: connectionLogChain(serviceId),
      streamKey: connectionLogKey(keyPrefix, serviceId),
      headKey: connectionLogHeadKey(keyPrefix, serviceId),
      records: records.map((r) => JSON.stringify(r)),
      minId,
    };
  }

  /**
   * Drops records older than the retention from the given connections' streams, exactly.
   * Writes trim approximately as they go; this catches streams that got no new records.
   */
  async trimExpired(serviceIds: readonly string[], now = Date.now()): Promise<number> {
    const minId = String(now - this.options.retentionDays * 86_400_000);
    const removed = await Promise.all(
      serviceIds.map((id) => this.redis.xtrim(connectionLogKey(this.options.keyPrefix, id), 'MINID', minId)),
    );
    return removed.reduce((a, b) => a + b, 0);
  }

  /** Stops the timer after a last flush attempt; says how many records Redis did not take. */
  async close(): Promise<void> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer.length > 0) this.log.error({ lost: this.buffer.length }, 'connection log closed with records Redis did not take');
  }
}
