import type { RedisClient } from '../infra/redis-connection';
import type { Logger } from 'pino';
import type { AuditEvent, AuditSink } from './audit-event';
import { auditHeadKey, auditStreamKey } from '../infra/redis-keys';
import { AUDIT_CHAIN } from './audit-keys';
import type { ChainKey } from './chain-mac';
import { ChainedAppender } from './chained-append';

/** An audit record as stored: the act and when it happened. */
export interface StoredAuditEvent extends AuditEvent {
  at: string;
}

export interface RedisAuditSinkOptions {
  keyPrefix: string;
  /** The chain's key ring: the first key signs, every key verifies. */
  keys: readonly ChainKey[];
  retentionDays: number;
  /** Records kept in memory while Redis cannot take them; the oldest go first beyond it. */
  maxBuffered?: number;
  flushDelayMs?: number;
}

const RETRY_MS = 1000;

/**
 * The audit trail: an append-only, hash-chained, HMAC'd Redis stream. `record` never throws
 * and never waits; records are appended within milliseconds, kept in a bounded buffer while
 * Redis is away and appended when it returns. Each act is also logged, so an act during a
 * long outage is still seen somewhere.
 */
export class RedisAuditSink implements AuditSink {
  private buffer: StoredAuditEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private failing = false;
  private droppedCount = 0;
  private readonly appender: ChainedAppender;

  constructor(
    redis: RedisClient,
    private readonly log: Logger,
    private readonly options: RedisAuditSinkOptions,
  ) {
    this.appender = new ChainedAppender(redis, options.keys);
  }

  get pending(): number {
    return this.buffer.length;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  record(event: AuditEvent): void {
    try {
      const stored: StoredAuditEvent = { at: new Date().toISOString(), ...event };
      this.log.info({ audit: stored }, `audit: ${event.action}`);
      this.buffer.push(stored);
      if (this.buffer.length > (this.options.maxBuffered ?? 10_000)) {
        this.buffer.shift();
        this.droppedCount += 1;
        this.log.error({ dropped: this.droppedCount }, 'audit buffer full while Redis is away: oldest audit records dropped');
      }
      this.schedule(this.options.flushDelayMs ?? 5);
    } catch (err) {
      this.log.error({ err }, 'audit record could not be kept');
    }
  }

  /** Appends what is buffered; resolves when done or when Redis refused (records stay buffered). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushing) return this.flushing;
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
      if (this.buffer.length > 0) this.schedule(this.failing ? RETRY_MS : 0);
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (!this.timer && !this.flushing) this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, 500);
      const minId = String(Date.now() - this.options.retentionDays * 86_400_000);
      const { keyPrefix } = this.options;
      try {
        await this.appender.append([
          {
            chain: AUDIT_CHAIN,
            streamKey: auditStreamKey(keyPrefix),
            headKey: auditHeadKey(keyPrefix),
            records: batch.map((e) => JSON.stringify(e)),
            minId,
          },
        ]);
        this.buffer.splice(0, batch.length);
        this.failing = false;
      } catch (err) {
        if (!this.failing)
          this.log.warn({ err, buffered: this.buffer.length }, 'audit trail cannot reach Redis; keeping records in memory');
        this.failing = true;
        return;
      }
    }
  }
}
