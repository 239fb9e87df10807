import { Queue } from 'bullmq';
import type { RedisClient } from '../infra/redis-connection';
import type { Logger } from 'pino';
import type { GatewaySettings } from '../config/schema';
import { CALLBACK_QUEUE, callbackOutboxKey, queuePrefix } from '../infra/redis-keys';
import { readCallbackJobData, type CallbackJobData, type CallbackNotice } from './callback-notice';
import type { CallbackSender } from './callback-sender';
import type { CallbackTargets } from './callback-targets';
import { briefly } from '../util/log-error';

export type { CallbackJobData } from './callback-notice';

/** Taken notices are struck from the outbox together: after this many, or this long after the first. */
const SETTLE_BATCH = 500;
const SETTLE_AFTER_MS = 50;
/** How often a worker process moves due notices from the outbox to the callback queue, and how many at a time. */
const RELAY_EVERY_MS = 1000;
const RELAY_BATCH = 500;

/** A notice made durable by `notify`: send it with `send` once its job has ended. */
export interface PendingCallback {
  readonly callback: CallbackJobData;
  /** The outbox entry, exactly as stored. */
  readonly entry: string;
}

/** The callback job of one notice: outbox relays of the same notice from two processes make one job. */
export function callbackJobId(notice: Pick<CallbackNotice, 'jobId' | 'outcome' | 'finishedAt'>): string {
  return `cb.${notice.jobId}.${notice.outcome}.${Date.parse(notice.finishedAt)}`;
}

/**
 * Callbacks to consumers, at least once (ADR 0006). Before a delivery job ends its notice goes
 * into an outbox (a sorted set by due time); once BullMQ has stored the job's end the notice
 * is sent at once and, when the consumer takes it, struck from the outbox. A notice still
 * there when due (not taken, or its process stopped before sending) is moved by any worker
 * process to the callback queue, which retries it with backoff until the consumer takes it:
 * a consumer whose endpoint is down delays only its own notices. The outbox and the queue hold
 * the consumer id and the notice only: the URL is looked up in config when each POST is made.
 */
export class CallbackQueue {
  private queue: Queue<CallbackJobData> | null = null;
  private readonly sending = new Set<Promise<void>>();
  private settledEntries: string[] = [];
  private settleTimer: NodeJS.Timeout | null = null;
  private settling: Promise<void> = Promise.resolve();
  private relayTimer: NodeJS.Timeout | null = null;
  private relaying: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly settings: GatewaySettings['callbacks'],
    private readonly targets: CallbackTargets,
    private readonly sender: CallbackSender,
    private readonly logger: Logger,
  ) {}

  /** Notices not yet known to be taken, scored by when the queue should take them over. */
  get outboxKey(): string {
    return callbackOutboxKey(this.keyPrefix);
  }

  /** How long a notice stays in the outbox before the queue retries it: longer than a direct attempt may take. */
  get retryAfterMs(): number {
    return this.settings.timeoutMs + this.settings.backoffMs;
  }

  /**
   * Makes a notice durable: call it before the job it announces ends. Returns what to `send`
   * once the job has ended, or null when the consumer has no callback URL.
   */
  async notify(consumer: string, notice: CallbackNotice): Promise<PendingCallback | null> {
    if (!this.targets.get(consumer)) return null;
    const callback: CallbackJobData = { consumer, notice };
    const entry = JSON.stringify(callback);
    await this.redis.zadd(this.outboxKey, Date.now() + this.retryAfterMs, entry);
    return { callback, entry };
  }

  /** Sends a notice `notify` made durable; if the consumer takes it, it leaves the outbox, otherwise the queue retries it when due. */
  send(pending: PendingCallback): void {
    const sent: Promise<void> = this.sender
      .send(pending.callback)
      .then(
        (sent) => {
          if (!sent) this.dropped(pending.callback);
          this.settled(pending.entry);
        },
        (err: unknown) =>
          this.logger.info(
            { consumer: pending.callback.consumer, jobId: pending.callback.notice.jobId, retryInMs: this.retryAfterMs, err },
            'callback not taken; the queue retries it',
          ),
      )
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }

  /** Config no longer gives the consumer a callback URL: the notice has nowhere to go. */
  private dropped(callback: CallbackJobData): void {
    this.logger.warn(
      { consumer: callback.consumer, jobId: callback.notice.jobId },
      'consumer has no callback URL any more; notice dropped',
    );
  }

  private settled(entry: string): void {
    this.settledEntries.push(entry);
    if (this.settledEntries.length >= SETTLE_BATCH) void this.strikeSettled();
    else this.settleTimer ??= setTimeout(() => void this.strikeSettled(), SETTLE_AFTER_MS);
  }

  /** One ZREM for the notices taken lately; if it fails they are sent again when due (at least once). */
  private strikeSettled(): Promise<void> {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    const entries = this.settledEntries;
    this.settledEntries = [];
    if (entries.length === 0) return this.settling;
    this.settling = this.settling.then(() =>
      this.redis.zrem(this.outboxKey, ...entries).then(
        () => undefined,
        (err: unknown) => this.logger.warn({ notices: entries.length, err }, 'taken callbacks stay in the outbox; they will be sent again'),
      ),
    );
    return this.settling;
  }

  /** Moves due notices to the callback queue every second, until `close`; run it where workers run. */
  startRelay(): void {
    if (this.relayTimer) return;
    this.relayTimer = setInterval(() => {
      this.relaying = this.relaying
        .then(() => this.relayDue())
        .catch((err: unknown) => this.logger.debug(briefly(err), 'callback outbox relay failed; next round retries'));
    }, RELAY_EVERY_MS);
    this.relayTimer.unref();
  }

  /**
   * Queues the notices that are due, then strikes them from the outbox. Two processes may
   * relay one notice at once: its job id makes that one job. Returns how many were due.
   */
  async relayDue(now = Date.now()): Promise<number> {
    const entries = await this.redis.zrangebyscore(this.outboxKey, '-inf', now, 'LIMIT', 0, RELAY_BATCH);
    if (entries.length === 0) return 0;
    const queue = this.callbackQueue();
    const callbacks = entries.flatMap((entry) => {
      const callback = parseEntry(entry);
      // An entry that is not a notice (written by hand) would stop the relay for good: drop it.
      if (!callback) this.logger.warn({ entry: entry.slice(0, 200) }, 'callback outbox entry is not a notice; dropped');
      return callback ? [callback] : [];
    });
    await queue.addBulk(
      callbacks.map((callback) => ({
        name: callback.notice.outcome,
        data: callback,
        opts: {
          jobId: callbackJobId(callback.notice),
          attempts: this.settings.attempts,
          backoff: { type: 'exponential', delay: this.settings.backoffMs, jitter: 0.5 },
          removeOnComplete: { age: 86_400, count: 10_000 },
          removeOnFail: { age: 14 * 86_400, count: 50_000 },
        },
      })),
    );
    await this.redis.zrem(this.outboxKey, ...entries);
    return entries.length;
  }

  private callbackQueue(): Queue<CallbackJobData> {
    if (!this.queue) {
      this.queue = new Queue<CallbackJobData>(CALLBACK_QUEUE, {
        connection: this.redis,
        prefix: queuePrefix(this.keyPrefix, CALLBACK_QUEUE),
      });
      this.queue.on('error', (err) => this.logger.debug(briefly(err), 'callback queue error'));
    }
    return this.queue;
  }

  /** Stops relaying, waits for the callbacks being sent, strikes those taken, then lets the queue go. */
  async close(): Promise<void> {
    if (this.relayTimer) clearInterval(this.relayTimer);
    this.relayTimer = null;
    await this.relaying;
    await Promise.all([...this.sending]);
    await this.strikeSettled();
    await this.queue?.close();
  }
}

/** An outbox entry as a callback; anything but the consumer id and the notice (a URL written by hand) is left behind. */
function parseEntry(entry: string): CallbackJobData | null {
  try {
    return readCallbackJobData(JSON.parse(entry));
  } catch {
    return null;
  }
}
